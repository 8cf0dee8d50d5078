"""Vocabulaire partagé des démarches et paiements en ligne : négations, services publics, aides.

Shared by the procedures and payment checks: how a sentence says a service is
*not* (yet) online, the national service hosts, and the small helpers that turn
links, headings and text into observations the same way in every check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from audit.artifacts.page import Field, Form, Link, Page
from audit.artifacts.text import clean, fold, words_pattern
from audit.artifacts.urls import host_of
from audit.checks.framework.decide import presence
from audit.checks.framework.evidence import excerpt
from audit.checks.framework.model import Answer, Observation
from audit.checks.framework.observe import from_link

#: Words that, in the same clause, deny the feature ("n'est pas encore disponible", "aucun paiement").
#: A bare "ne" is left out: folded "né le" reads "ne le".
NEGATION = re.compile(
    r"(?<![a-z0-9])(?:n'(?=[a-z])|qu'(?=en |au |sur |par )|ne (?:[a-z']+ ){1,3}(?:plus|que)(?![a-z0-9])"
    r"|(?:pas|aucune?|impossible|jamais|indisponibles?|non (?:disponibles?|accessibles?|possible)"
    r"|plus possible|hors service|(?:uniquement|seulement) (?:en mairie|au guichet|sur place|par telephone"
    r"|par courrier))(?![a-z0-9]))"
)
#: Phrases with a negation word that still promote the feature ("n'hésitez pas à payer en ligne").
BENIGN_NEGATION = re.compile(
    r"(?<![a-z0-9])(?:n'hesitez pas|ne manquez pas|n'oubliez pas|(?:pas|plus|nul) besoin"
    r"|(?:pour|afin de|sans) (?:ne|n')[a-z' ]{0,30}?(?:pas|plus)|ne (?:vous )?deplacez (?:plus|pas)"
    r"|n'(?:avez|aurez) (?:plus|pas) (?:a|besoin)|n'ayez pas|ne perdez plus|n'attendez pas|n'importe)"
)
#: Words that, in the same sentence, announce the feature for later (a news article about a future service).
FUTURE = words_pattern(
    "prochainement", "bientot", "a venir", "pas encore", "sera (?:bientot )?(?:disponible|accessible|ouverte?|operationnel(?:le)?|mise? en (?:place|ligne|service))",
    "seront (?:bientot )?(?:disponibles|accessibles|mis(?:es)? en place)",
    "en cours de (?:mise en place|mise en oeuvre|deploiement|construction|developpement|creation)",
    "pourrez bientot", "a l'etude", "en projet", "projette", "envisage", "d'ici (?:la fin|quelques|20)",
)
#: Words that, later in the same sentence, say the service named has ended ("TIPI, proposé jusqu'en 2020, n'est
#: plus disponible"), however many clauses stand between.
ENDED = words_pattern(
    r"n'(?:est|sont) plus (?:disponibles?|proposee?s?|possibles?|accessibles?|en service|actifs?|actives?|assuree?s?)",
    r"(?:a|ont) ete (?:supprimee?s?|arretee?s?|remplacee?s?|abandonnee?s?)", r"n'existe(?:nt)? plus", r"(?:a|ont) pris fin",
)
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")
_CLAUSE_END = re.compile(r"[,:()]|\s(?:mais|cependant|toutefois)\s")

#: Link targets that are never the online service itself.
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "sms:", "fax:")
#: service-public.fr and the other national online-procedure hosts.
SERVICE_PUBLIC = ("service-public.fr", "service-public.gouv.fr")
#: Marks of a page that is an article or an agenda entry, where mentions are news, not services.
NEWS_PATH = re.compile(r"/(?:actualites?|actus?|news|article|articles|agenda|evenements?|blog|presse|communiques?)(?:/|-|$)")


def negated(folded: str, start: int, end: int) -> bool:
    """Whether the match ``folded[start:end]`` is denied, announced for later or said ended by its sentence."""
    sentence_start = 0
    for m in _SENTENCE_END.finditer(folded, 0, start):
        sentence_start = m.end()
    stop = _SENTENCE_END.search(folded, end)
    sentence_end = stop.start() if stop else len(folded)
    sentence = folded[max(sentence_start, start - 200) : min(sentence_end, end + 200)]
    if FUTURE.search(sentence) or ENDED.search(folded, end, min(sentence_end, end + 200)):
        return True
    clause_start = sentence_start
    for m in _CLAUSE_END.finditer(folded, sentence_start, start):
        clause_start = m.end()
    after = _CLAUSE_END.search(folded, end, sentence_end)
    clause_end = after.start() if after else sentence_end
    clause = folded[max(clause_start, start - 90) : min(clause_end, end + 70)]
    clause = BENIGN_NEGATION.sub(" ", clause)
    return bool(NEGATION.search(clause))


def affirmed_matches(folded: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Matches of `pattern` in `folded` that no negation or future announcement denies."""
    for match in pattern.finditer(folded):
        if not negated(folded, match.start(), match.end()):
            yield match


_PROSE = (
    "//body//text()[not(ancestor::nav or ancestor::header or ancestor::footer or ancestor::script"
    " or ancestor::style or ancestor::noscript or ancestor::template or ancestor::select"
    " or ancestor::*[@role='navigation' or @role='banner' or @role='contentinfo'])]"
)
def prose(page: Page) -> tuple[str, str]:
    """The page's running text without menus, header and footer, as (text, folded).

    Sentences are read there: menu labels side by side make no sentence. Computed
    once per page, since several checks read it.
    """
    def compute() -> tuple[str, str]:
        text = clean(" ".join(page.tree.xpath(_PROSE)))
        return text, fold(text)

    return page.derived("prose", compute)


def text_observation(
    criterion: str, page: Page, pattern: re.Pattern[str], strength: float, kind: str = "text",
    value: object = None, context: re.Pattern[str] | None = None,
) -> Observation | None:
    """An observation for the first affirmed match of `pattern` in the page's text.

    Its kind names the phrase matched, so two different phrases in one short
    page stay two sightings.

    With `context`, the match counts only when `context` also occurs within 200
    characters (e.g. "en ligne" near "acte de naissance").
    """
    text, folded = prose(page)
    for match in affirmed_matches(folded, pattern):
        if context is not None and not context.search(folded, max(0, match.start() - 200), match.end() + 200):
            continue
        return Observation(
            criterion=criterion, url=page.url, excerpt=excerpt(text, match.group(0)), kind=f"{kind}:{match.group(0)}",
            strength=strength, value=value,
        )
    return None


def headline(page: Page) -> str:
    """Folded title and level-1/2 headings: what the page says it is about."""
    return " | ".join([page.folded_title] + [fold(text) for level, text in page.headings if level <= 2])


def headline_observation(
    criterion: str, page: Page, pattern: re.Pattern[str], strength: float, kind: str = "headline",
    value: object = None,
) -> Observation | None:
    """An observation when the page's title or main heading names the feature (not in a news item)."""
    if is_news(page.url):
        return None
    for text in [page.title] + [t for level, t in page.headings if level <= 2]:
        folded = fold(text)
        match = pattern.search(folded)
        if match and not negated(folded, match.start(), match.end()):
            return Observation(criterion, page.url, excerpt(text), kind=kind, strength=strength, value=value)
    return None


def is_news(url: str) -> bool:
    """Whether `url` looks like a news article or agenda entry."""
    return bool(NEWS_PATH.search(urlsplit(url).path.lower()))


def followable(link: Link) -> bool:
    """A link that leads somewhere a visitor can use: not mail, phone, script or a bare anchor."""
    href = link.href.lower()
    return bool(link.url) and not href.startswith(SKIPPED_SCHEMES) and not href.startswith("#")


def host_contains(url: str, keywords: Iterable[str]) -> str | None:
    """The first keyword that appears in `url`'s host (vendor hosts vary by commune: ``ville.vendor.fr``)."""
    host = host_of(url)
    return next((k for k in keywords if k in host), None)


def path_contains(url: str, pattern: re.Pattern[str]) -> bool:
    """Whether `url`'s path and query match `pattern` (case-insensitive raw text)."""
    parts = urlsplit(url)
    return bool(pattern.search(f"{parts.path}?{parts.query}".lower()))


def link_observation(
    criterion: str, page: Page, link: Link, strength: float, kind: str = "link", value: object = None,
) -> Observation | None:
    """`from_link`, unless the link's own text denies the feature ("paiement en ligne : bientôt")."""
    folded = link.folded
    if folded and (FUTURE.search(folded) or NEGATION.search(BENIGN_NEGATION.sub(" ", folded))):
        return None
    return from_link(criterion, page, link, strength, kind=kind, value=value)


def strongest(observations: Iterable[Observation | None], limit: int = 3) -> list[Observation]:
    """The `limit` strongest observations, one per (kind, excerpt): keeps a page's contribution small."""
    best: dict[tuple[str, str], Observation] = {}
    for obs in observations:
        if obs is None:
            continue
        key = (obs.kind, obs.excerpt)
        if key not in best or obs.strength > best[key].strength:
            best[key] = obs
    return sorted(best.values(), key=lambda o: -o.strength)[:limit]


def distinct(observations: Iterable[Observation], criterion: str) -> list[Observation]:
    """`criterion`'s observations, one per excerpt (the strongest).

    A menu or footer link repeated on every page is one sighting, not fifty:
    only different sightings reinforce each other.
    """
    best: dict[tuple[str, str], Observation] = {}
    for obs in observations:
        if obs.criterion != criterion:
            continue
        key = (obs.kind, obs.excerpt)
        if key not in best or obs.strength > best[key].strength:
            best[key] = obs
    return list(best.values())


#: Kind of a link to service-public.fr's information sheets (F pages): they explain a procedure, they run none.
INFORMATION = "information"


def answer(observations: list[Observation], criterion: str, value: object = None) -> Answer:
    """Present when `criterion`'s distinct sightings together reach 0.5 (see `audit.checks.framework.decide.presence`).

    Information sheets count once, however many a page lists: ten sheets do
    not make one online service.
    """
    sheets = sorted((o for o in observations if o.kind == INFORMATION), key=lambda o: -o.strength)
    kept = [o for o in observations if o.kind != INFORMATION] + sheets[:1]
    return presence(distinct(kept, criterion), criterion, value=value)


# ---------------------------------------------------------------- family portal (shared with payment)
#: How sites label the family portal (enfance, école, cantine, loisirs).
FAMILY_PORTAL_PHRASES = (
    "portail(?:s)? (?:des |de la )?familles?", "espaces? (?:des )?familles?", "mon espace famille",
    "kiosques? (?:des )?familles?", "portail (?:enfance|parents?|periscolaire|scolaire)",
    "espace (?:parents?|enfance|periscolaire)", "guichet (?:famille|enfance)", "e-?famille", "e-?enfance",
    "inscriptions? (?:scolaires?|periscolaires?|a la cantine|a la restauration scolaire|au centre de loisirs|aux activites periscolaires) en ligne",
    "(?:cantine|restauration scolaire|periscolaire|accueil de loisirs|centre de loisirs) en ligne",
    "portail (?:de l'|d')?(?:arpege|inoe|concerto)",
)
#: "Espace citoyen(s)": the Arpège portal's name, but also a plain section title on some sites.
CITIZEN_SPACE_PHRASES = ("espaces? citoyens?", "portail citoyens?")
FAMILY_PORTAL_WORDS = words_pattern(*FAMILY_PORTAL_PHRASES, *CITIZEN_SPACE_PHRASES)
#: Family-portal vendors, matched inside the host (``ville.espace-citoyens.net``, ``portail-famille.ville.fr``).
FAMILY_PORTAL_HOSTS = (
    "espace-citoyens", "espacecitoyens", "portail-famille", "portailfamille", "portail-familles", "espace-famille",
    "espacefamille", "kiosque-famille", "kiosquefamille", "monespacefamille", "inoe.", "bl-enfance", "blenfance",
    "abelium", "arpege", "ciril", "e-enfance", "famille.", "familles.", "enfance.", "logiciel-enfance", "teamnet",
    "parascol", "portail-citoyen", "extranet-famille",
)
#: Paying something, in any wording (to tell a family portal that takes payments).
PAY_WORDS = words_pattern(
    "payer", "payez", "paiements?", "regler", "reglez", "reglements?", "factures?", "facturation",
    "prelevements?", "carte bancaire",
)


# ---------------------------------------------------------------- reading around a link or a form
def spaced_text(element: HtmlElement) -> str:
    """Folded text of `element`, text nodes kept apart ("Type d'acte" and "Acte de naissance" do not merge)."""
    return fold(clean(" ".join(t for t in element.itertext() if t.strip())))


_OPTIONS_FREE = ".//text()[not(ancestor::select or ancestor::textarea or ancestor::option)]"


def field_label(form: Form, field: Field) -> str:
    """Folded words a visitor reads for `field`: its own label, wrapping ``<label>``, fieldset legend, name.

    The framework reads ``<label for>``, placeholders and aria labels; forms built
    by CMS plugins (Contact Form 7, Joomla, Drupal) often wrap the control in its
    label or group controls under a ``<legend>`` instead.
    """
    parts = [field.label, field.name.replace("_", " ").replace("-", " ").replace("[", " ").replace("]", " ")]
    node = field.element.getparent()
    while node is not None and node is not form.element:
        if node.tag == "label":
            parts.append(" ".join(node.xpath(_OPTIONS_FREE)))
        elif node.tag == "fieldset":
            parts.extend(" ".join(legend.itertext()) for legend in node.iterchildren("legend"))
            break
        node = node.getparent()
    return fold(clean(" ".join(p for p in parts if p)))


def form_title(form: Form) -> str:
    """Folded legends, headings inside the form and the nearest heading before it: what the form says it is for."""
    element = form.element
    parts = [" ".join(e.itertext()) for e in element.iter("legend", "h1", "h2", "h3", "h4", "h5", "h6")]
    for previous in element.itersiblings(preceding=True):
        if isinstance(previous.tag, str) and previous.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            parts.append(" ".join(previous.itertext()))
            break
    else:
        parent = element.getparent()
        if parent is not None:
            for previous in parent.itersiblings(preceding=True):
                if isinstance(previous.tag, str) and previous.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    parts.append(" ".join(previous.itertext()))
                    break
    parts += [f.label for f in form.fields if f.type in ("submit", "button") or f.tag == "button"]
    return fold(clean(" | ".join(parts)))


# ---------------------------------------------------------------- planning desks (shared with online forms)
#: Online planning-permit portals, matched inside the host (``gnau.agglo.fr``, ``ville.geopermis.fr``).
PLANNING_HOSTS = (
    "gnau", "geopermis", "sve.sirap", "sirap.fr", "cartads", "netads", "openads", "next-ads", "nextads",
    "urbanisme-en-ligne", "urbanismeenligne", "demat-ads", "dematads", "ads-en-ligne", "oxalis", "adau",
    "guichet-urbanisme", "autorisations-urbanisme", "depot-urbanisme", "atreal",
)
#: Paths of a planning desk on a host of any name (``guichet-unique.cc-exemple.fr/gnau/``).
PLANNING_DESK_PATH = re.compile(
    r"/(?:gnau|guichet-?urbanisme|urbanisme-?en-?ligne|depot-?urbanisme|autorisations?-?urbanisme|demat-?ads)"
    r"[0-9]*(?:[/._?#-]|$)"
)
#: Shorter path names of a planning service (``/sve/``, ``/ads/``): they need a planning context.
PLANNING_SERVICE_PATH = re.compile(r"/(?:sve|ads|e-?ads|sve-?ads|ads-?sve)(?:[/._?#]|$)")


def planning_desk(url: str) -> bool:
    """Whether `url` is an online planning desk by its host or path alone."""
    return bool(host_contains(url, PLANNING_HOSTS) or path_contains(url, PLANNING_DESK_PATH))


# ---------------------------------------------------------------- specialised procedures (not "formulaires de demande")
#: Hosts of online procedures that have their own criterion: planning desks, family portals, booking,
#: PayFiP, State services. A link there is that procedure, not a request form to the town hall.
SPECIALISED_HOSTS = PLANNING_HOSTS + FAMILY_PORTAL_HOSTS + (
    "payfip", "tipi.budget", "rdv360", "synbird", "clicrdv", "rendezvousonline", "agendize", "calendly",
    "smartagenda", "ants.gouv.fr", "service-public", "demarches.interieur.gouv.fr",
)
#: Words naming those procedures, in a link or in the sentence around it.
SPECIALISED_WORDS = words_pattern(
    "urbanisme", "permis de (?:construire|demolir|amenager)", "declarations? prealables?", "certificats? d'urbanisme",
    "etat civil", "actes? de (?:naissance|mariage|deces)", "listes? electorales?", "cartes? d'identite", "passeports?",
    "prendre rendez-vous", "rendez-vous en ligne", "payer", "paiements?", "factures?",
    *FAMILY_PORTAL_PHRASES, *CITIZEN_SPACE_PHRASES,
)


def specialised_procedure(link: Link) -> bool:
    """Whether `link` leads to a procedure judged by its own criterion (planning, family portal, payment...)."""
    if host_contains(link.url, SPECIALISED_HOSTS) or path_contains(link.url, PLANNING_DESK_PATH):
        return True
    return not link.internal and bool(SPECIALISED_WORDS.search(link.folded) or SPECIALISED_WORDS.search(link.block))
