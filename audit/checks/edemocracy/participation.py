"""Participation citoyenne : consultations en ligne, budget participatif, instances participatives."""

from __future__ import annotations

import re

from audit.artifacts.page import Form, Page
from audit.artifacts.text import fold, words_pattern
from audit.artifacts.urls import host_matches, is_web
from audit.checks.common.civic_vocab import (
    FORM_SERVICE_HOSTS, NEIGHBOURS, ONLINE_SERVICE, Feature, decide_feature, observe_feature,
)
from audit.checks.framework.evidence import element_excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts
from audit.checks.framework.observe import from_link

CRITERIA = ("edemocracy.consultation", "edemocracy.participatory_budget", "edemocracy.citizen_bodies")
NEEDS = frozenset({"html"})
#: News about a consultation or a participatory budget (maybe another town's) proves little by itself.
NEWS_STRENGTH = 0.25

# ------------------------------------------------------------------ consultation
CONSULTATION_NAMES = words_pattern(
    "je participe", "participer en ligne", "participation citoyenne",
    r"plate-?formes? (?:de )?(?:participation|participative|citoyenne)", "democratie participative",
    r"consultations? (?:citoyennes?|publiques?|en ligne|des habitants|de la population|participatives?"
    r"|numeriques?|locales?|municipales?|des (?:habitants|citoyens|riverains|familles|parents|jeunes))",
    r"^consultations?$", r"^consultations? et (?:concertations?|participation)$",
    r"concertations?", r"sondages?", r"questionnaires?(?: en ligne)?",
    r"enquetes? (?:citoyennes?|en ligne|aupres des (?:habitants|familles|usagers)|de satisfaction|participatives?)",
    "donnez(?:-nous)? votre avis", r"votre avis (?:nous interesse|compte|nous importe)", r"exprimez-vous",
    r"boites? a idees", r"(?:votez|votation) citoyenne", "atelier participatif",
)
CONSULTATION_TRAPS = words_pattern(
    r"consultations? (?:juridiques?|d'avocats?|avocats?|notariales?|medicales?|de nourrissons|des nourrissons"
    r"|pediatriques?|psychologiques?|gratuites?|du cadastre|du plu|des documents?|des archives|des registres?"
    r"|des listes? electorales?|sur place|sur rendez-vous|des marches|des entreprises|du dossier|de dossiers?)",
    r"dossiers? de consultation", r"dce", r"marches? publics?", r"appels? d'offres", "avis de consultation",
    "avis d'appel", "pmi", r"nourrissons?", r"avocats?", r"notaires?", "conciliateur", r"permanences? juridiques?",
    r"sondages? (?:de sols?|geotechniques?|des sols)", "gendarmerie", "voisins vigilants", r"cambriolages?",
    r"(?:a|pour) (?:deposer|retourner|rapporter|remettre|rendre) (?:en mairie|a la mairie|a l'accueil)",
    r"disponibles? (?:en mairie|a l'accueil)", r"(?:version|formulaire|exemplaire) papier", "boite aux lettres",
    r"ifop|ipsos|odoxa|harris interactive", r"en concertation avec", r"(?:fiches?|dossiers?|questionnaires?) d'inscriptions?", r"questionnaires? (?:de sante|medica(?:l|ux)|sante)",
)
#: Participation platforms: a link there is an online consultation.
PLATFORM_HOSTS = (
    "cap-collectif.com", "fluicity.co", "fluicity.com", "idcity.fr", "make.org", "civocracy.org",
    "citizenlab.co", "govocal.com", "decidim.org", "jeparticipe.fr", "consultvox.co", "stig.co", "wedemo.eu",
)
#: Self-hosted platforms: Decidim instances and "jeparticipe.<ville>.fr"-like hosts.
PLATFORM_URLS = re.compile(
    r"decidim|//(?:www\.)?(?:je-?participe|participe[rz]?|participons|participation|participatif"
    r"|concertations?|consultations?|jedonnemonavis|monavis|democratie-?participative)[.-]"
)
#: Paper-only modalities: a survey to drop at the town hall is not an online consultation.
CONSULTATION_OFFLINE = words_pattern(
    r"(?:deposer|deposez|retourner|retournez|rapporter|rapportez|remettre|remettez|rendre|rendez|glisser|glissez"
    r"|renvoyer|renvoyez|apporter|apportez|laisser|laissez)(?: [a-z'-]+){0,5}? (?:en mairie|a la mairie|a l'accueil"
    r"|au secretariat|au guichet|dans l'urne|dans (?:la|une|les|vos) boites?|par courrier|par voie postale)",
    r"(?:dans|a) l'urne", r"boites? aux lettres", r"(?:version|formulaire|exemplaire|questionnaire|support|format)s? papiers?",
    "sur papier", r"(?:distribues?|joints?|encartes?|inseres?) (?:avec|dans|a|au) (?:le |votre |notre )?"
    r"(?:bulletin|journal|magazine|mensuel|trimestriel)",
    r"disponibles? (?:en mairie|a la mairie|a l'accueil|au secretariat)",
    r"a retirer (?:en mairie|a la mairie|a l'accueil|au secretariat)",
)
#: An online way offered beside the paper one.
CONSULTATION_ONLINE = words_pattern(
    "en ligne", "sur internet", r"sur (?:le|notre|ce) site", r"via (?:le|ce|notre|un) (?:lien|formulaire)", "cliquez",
    r"formulaire (?:numerique|electronique|internet|web)", r"par (?:internet|mail|courriel|e-mail)", r"qr ?-?codes?",
)
#: Said in a news item, these show the commune's own consultation, not news about someone else's.
CONSULTATION_OWN = words_pattern(
    r"donnez(?:-nous)? votre avis", r"votre avis (?:nous interesse|compte|nous importe)", "repondez", "participez",
    r"repondre (?:a|au) (?:notre |ce |la |le )?(?:questionnaire|sondage|consultation|enquete)", "exprimez-vous",
    r"(?:questionnaires?|sondages?|consultations?|enquetes?|concertations?) en ligne", "je participe",
)
SURVEY_CONTEXT = words_pattern(
    r"sondages?", r"questionnaires?", "enquetes?", r"consultations?", r"concertations?", "avis", r"particip\w*",
    r"repondez", r"opinions?", r"besoins", r"attentes",
)

CONSULTATION = Feature(
    "edemocracy.consultation", CONSULTATION_NAMES, traps=CONSULTATION_TRAPS, hosts=PLATFORM_HOSTS,
    urls=PLATFORM_URLS, url_strength=0.85, text_strength=0.35, news_strength=NEWS_STRENGTH, own=CONSULTATION_OWN,
    others=NEIGHBOURS,
    offline=CONSULTATION_OFFLINE, online=CONSULTATION_ONLINE, delivery=ONLINE_SERVICE,
)

# ------------------------------------------------------------ participatory budget
BUDGET_NAMES = words_pattern(
    r"budgets? participatifs?", r"budgets? citoyens?", r"budgets? d'initiatives? citoyennes?",
    r"votez pour (?:vos|votre|les|le) projets?(?: prefere)?", r"(?:vote|votes|votez) (?:du|pour le) budget participatif",
)
BUDGET_TRAPS = words_pattern(
    r"budgets? participatifs? (?:ecologiques? |citoyens? )?(?:du departement|de la region|departementa(?:l|ux)"
    r"|regiona(?:l|ux)|des colleg(?:iens|es)|des lyce(?:ens|es)|europeens?|de l'europe|de la metropole)",
    r"(?:le|la|du|de la) (?:departement|region|conseil departemental|conseil regional)",
)
#: Said in a news item, these show the commune's own budget, not news about another town's.
BUDGET_OWN = words_pattern(
    r"votez", r"votes? (?:en ligne|des habitants|pour (?:les|vos|votre) projets?)",
    r"(?:deposez|proposez|soumettez|deposer|proposer|soumettre) (?:vos|votre) (?:projets?|idees?|propositions?)",
    r"notre (?:premier |nouveau )?budget participatif", r"depot des (?:projets|idees|propositions|dossiers)",
    r"reglement du budget participatif", r"a vous de (?:jouer|voter|proposer)",
    r"(?:la|notre) (?:commune|ville|municipalite|mairie) (?:lance|organise|ouvre|met en place|reconduit|renouvelle)"
    r" (?:son|sa|un|une|le|la) (?:premier |premiere |nouveau |nouvelle |\d+e )?(?:edition du )?budget participatif",
)
PARTICIPATORY_BUDGET = Feature(
    "edemocracy.participatory_budget", BUDGET_NAMES, traps=BUDGET_TRAPS,
    urls=re.compile(r"budgets?[-_]?participatifs?|budgets?[-_]?citoyens?"), text_strength=0.6,
    news_strength=NEWS_STRENGTH, own=BUDGET_OWN, others=NEIGHBOURS,
)

# ------------------------------------------------------------------ citizen bodies
BODY_NAMES = words_pattern(
    r"conseils? de (?:quartiers?|village|hameaux?|developpement|la vie locale)", r"conseils? citoyens?",
    r"conseils? (?:municipa(?:l|ux) )?(?:des |d'|de )?(?:jeunes|enfants|ados|adolescents|la jeunesse|juniors?)",
    r"conseils? municipa(?:l|ux) (?:des )?(?:jeunes|enfants)", r"conseils? (?:local|locaux) de (?:la )?jeunesse",
    r"cmj|cme|cmje|cmej", r"conseils? des (?:sages|aines|seniors|anciens|residents etrangers)",
    r"comites? (?:consultatifs?|de quartiers?|citoyens?|d'usagers)", r"commissions? extra-?municipales?",
    r"assemblees? citoyennes?", r"conseils? participatifs?", r"jurys? citoyens?",
)
#: Abbreviations (CMJ, CME) only count as a link or a heading.
BODY_MENTIONS = words_pattern(
    r"conseils? de quartiers?", r"conseils? citoyens?", r"conseils? municipa(?:l|ux) (?:des |d')?(?:jeunes|enfants|ados)",
    r"conseils? (?:des |d')?(?:jeunes|enfants)", r"conseils? des (?:sages|aines|seniors)",
    r"comites? (?:consultatifs?|de quartiers?)", r"commissions? extra-?municipales?", r"assemblees? citoyennes?",
)
BODY_TRAPS = words_pattern(r"conseil constitutionnel", r"cme (?:de|du) (?:la )?(?:ccas|pole)")
CITIZEN_BODIES = Feature(
    "edemocracy.citizen_bodies", BODY_NAMES, traps=BODY_TRAPS,
    urls=re.compile(
        r"conseils?-(?:de-)?quartiers?|conseil-municipal-(?:des-)?(?:jeunes|enfants)|conseil-des-(?:sages|aines)"
        r"|conseils?-citoyens?|comites?-consultatifs?|/cmj(?:[/.?_-]|$)|/cme(?:[/.?_-]|$)"
    ),
    mentions=BODY_MENTIONS, text_strength=0.6,
)

FEATURES = (CONSULTATION, PARTICIPATORY_BUDGET, CITIZEN_BODIES)


def _survey_links(page: Page) -> list[Observation]:
    """Links to an online form service: a survey when their text or surroundings speak of opinions."""
    found = []
    for link in page.links:
        if not is_web(link.url):
            continue
        google = "docs.google.com/forms" in link.url
        if not google and not host_matches(link.url, FORM_SERVICE_HOSTS):
            continue
        context = link.context
        if CONSULTATION_TRAPS.search(context):
            continue
        strength = 0.85 if SURVEY_CONTEXT.search(context) else 0.3
        found.append(from_link(CONSULTATION.criterion, page, link, strength, "survey"))
    return sorted(found, key=lambda o: -o.strength)[:1]


def _is_survey_form(form: Form) -> bool:
    """A form with choices or a free-text answer, not a search box or a login."""
    kinds = {f.type for f in form.fields}
    if "password" in kinds or form.role == "search" or "search" in kinds:
        return False
    answers = [f for f in form.fields if f.type in ("radio", "checkbox", "textarea", "select", "range")]
    return len(answers) >= 2


def _survey_form(page: Page) -> list[Observation]:
    """A questionnaire form on a page whose title or h1 names a consultation."""
    heading = " ".join([page.folded_title] + [fold(t) for level, t in page.headings if level == 1])
    if not CONSULTATION_NAMES.search(heading) or CONSULTATION_TRAPS.search(heading):
        return []
    for form in page.forms:
        if _is_survey_form(form):
            return [Observation(CONSULTATION.criterion, page.url, element_excerpt(form.element), "form",
                                locator=locator(form.element), strength=0.9)]
    return []


def observe(page: Page) -> list[Observation]:
    found: list[Observation] = []
    for feature in FEATURES:
        found += observe_feature(page, feature)
    return found + _survey_links(page) + _survey_form(page)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {feature.criterion: decide_feature(observations, feature.criterion) for feature in FEATURES}
