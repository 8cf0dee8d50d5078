"""Contact direct des élus : écrire au maire, formulaire ou courriel sur la page des élus."""

from __future__ import annotations

from audit.artifacts.page import Form, Page, region_of
from audit.artifacts.text import fold, words_pattern
from audit.checks.common.civic_vocab import Feature, decide_feature, observe_feature, sighting
from audit.checks.framework.evidence import element_excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts
from audit.checks.framework.observe import from_link

CRITERIA = ("edemocracy.contact_officials",)
NEEDS = frozenset({"html"})

_MAYOR = r"(?:le |votre |madame le |monsieur le |madame la |la )?maire"
_OFFICIALS = r"(?:les |vos |nos |un |une |l'un de vos |aux |a vos |a nos |a un |a une )?elu(?:e|s|es)?"
CONTACT_NAMES = words_pattern(
    rf"ecri(?:re|vez)(?:-nous)? (?:au|a) {_MAYOR}", rf"ecri(?:re|vez) {_OFFICIALS}",
    rf"contact(?:er|ez)? {_MAYOR}", rf"contact(?:er|ez)? {_OFFICIALS}",
    rf"(?:messages?|questions?|courriers?|courriels?|mails?|e-mails?|lettres?) (?:au|a|pour) {_MAYOR}",
    rf"(?:posez|poser|adressez|adresser) (?:votre|une|vos) questions? (?:au|a) {_MAYOR}",
    rf"(?:interpell|sollicit|saisi)(?:er|ez) {_MAYOR}", rf"(?:interpell|sollicit|saisi)(?:er|ez) {_OFFICIALS}",
    r"permanences? (?:en ligne|numeriques?|virtuelles?|en visio(?:conference)?)",
    rf"(?:rendez-vous|rdv) (?:en ligne )?(?:avec|aupres) (?:du |de )?{_MAYOR}",
    rf"demandes? de (?:rendez-vous|rdv) (?:avec |au |aupres du |aupres de )?(?:{_MAYOR}|{_OFFICIALS})",
    rf"dialogue(?:r|z)? avec {_MAYOR}", rf"dialogue(?:r|z)? avec {_OFFICIALS}", rf"allo {_MAYOR}",
    r"le maire vous repond", r"messagerie des elus", r"contact elus?",
)
#: Writing by post, calling, or the online office hours of other services.
CONTACT_TRAPS = words_pattern(
    r"par (?:telephone|courrier postal|voie postale)", r"adresse postale", r"au \d\d(?:[ .]?\d\d){4}",
    "caf", r"impots?", r"juridiques?", r"avocats?", "conciliateur", r"architectes?", "adil", "cpam", "msa",
    r"retraites?", r"missions? locales?", r"france services", r"depute", r"senat(?:eur|rice)",
)
CONTACT = Feature(
    "edemocracy.contact_officials", CONTACT_NAMES, traps=CONTACT_TRAPS, heading_strength=0.6, text_strength=0.5,
)
#: The page presenting the elected officials.
OFFICIALS_PAGE = words_pattern(
    r"(?:les |vos |nos )?elus(?: municipaux| du conseil| de la commune)?", r"(?:le |la |votre )maire(?! adjoint)",
    r"maire et (?:ses |les )?adjoints", r"(?:equipe|majorite) municipale",
    r"conseil municipal(?! (?:des |d')?(?:jeunes|enfants))", "municipalite", "trombinoscope",
    r"conseillers? municipaux", r"adjoints? au maire", r"mot du maire",
)
#: Who a form or a mail address reaches: the mayor, the officials or their office.
ADDRESSEE = words_pattern(r"maire", r"elu(?:e|s|es)?", r"adjoints?(?: au maire)?", r"cabinet", r"conseillers? municipaux")
#: The data-protection notice of a form ("données traitées par le Maire") names no addressee.
CONSENT = words_pattern(r"donnees", "rgpd", r"traite(?:e|es|s|ment)?", r"consent\w*", r"accepte\w*")
#: Shared addresses of the town hall's services, not of its officials.
GENERIC_MAILBOXES = frozenset({
    "mairie", "accueil", "contact", "info", "infos", "information", "secretariat", "webmaster", "communication",
    "dpo", "rgpd", "etat-civil", "etatcivil", "urbanisme", "services", "courrier", "mairie.accueil",
})


def is_officials_page(page: Page) -> bool:
    h1 = " ".join(fold(text) for level, text in page.headings if level == 1)
    return bool(OFFICIALS_PAGE.search(page.folded_title) or OFFICIALS_PAGE.search(h1))


def _mailboxes(page: Page, officials_page: bool) -> list[Observation]:
    """Mail links reaching an official: a personal or mayor's address, or any address on the officials' page."""
    best: Observation | None = None
    for link in page.links:
        if not link.href.lower().startswith("mailto:"):
            continue
        local = link.href[7:].split("@", 1)[0].strip().lower()
        if ADDRESSEE.search(fold(local.replace(".", " ").replace("_", " ")) + " " + link.folded):
            strength = 0.8
        elif officials_page and link.region not in ("header", "footer", "nav"):
            strength = 0.35 if local in GENERIC_MAILBOXES else 0.8
        else:
            continue
        if best is None or strength > best.strength:
            best = from_link(CONTACT.criterion, page, link, strength, "mailto", weigh_region=False)
    return [best] if best else []


def _writes_to_officials(form: Form) -> bool:
    """A message form (with a free-text field) whose labels or choices name the mayor or the officials."""
    if not any(f.tag == "textarea" for f in form.fields):
        return False
    labels = [f.label for f in form.fields]
    labels += [o.text_content() for o in form.element.iter("option", "legend", "label")]
    return any(
        sighting(ADDRESSEE, fold(text), CONTACT_TRAPS) for text in labels if text and not CONSENT.search(fold(text))
    )


def _forms(page: Page, officials_page: bool) -> list[Observation]:
    for form in page.forms:
        on_officials = (officials_page and any(f.tag == "textarea" for f in form.fields)
                        and region_of(form.element) not in ("header", "footer", "nav"))
        if on_officials or _writes_to_officials(form):
            return [Observation(CONTACT.criterion, page.url, element_excerpt(form.element), "form",
                                locator=locator(form.element), strength=0.8)]
    return []


def observe(page: Page) -> list[Observation]:
    officials_page = is_officials_page(page)
    return observe_feature(page, CONTACT) + _mailboxes(page, officials_page) + _forms(page, officials_page)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {CONTACT.criterion: decide_feature(observations, CONTACT.criterion)}
