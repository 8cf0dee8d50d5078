"""Catalogue de la médiathèque en ligne : portail, compte lecteur, réservation de documents."""

from __future__ import annotations

import re

from audit.artifacts.page import Form, Link, Page, region_of
from audit.artifacts.text import fold, words_pattern
from audit.artifacts.urls import host_of, is_web
from audit.checks.common.civic_vocab import (
    Feature, decide_feature, is_document, observe_feature, sighting,
)
from audit.checks.framework.evidence import element_excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts
from audit.checks.framework.observe import from_link

CRITERIA = ("inclusion.library_catalogue",)
NEEDS = frozenset({"html"})

_LIBRARY = r"(?:mediatheques?|bibliotheques?|reseau des (?:mediatheques|bibliotheques)|lecture publique|ludotheques?)"
CATALOGUE_NAMES = words_pattern(
    rf"catalogues? (?:en ligne )?(?:de la |des |du |de |en )?{_LIBRARY}", rf"{_LIBRARY} (?:en ligne|numeriques?)",
    rf"portails? (?:de la |des |du )?{_LIBRARY}",
    r"(?:mon|votre) compte (?:lecteur|adherent|abonne)", r"comptes? lecteurs?", r"espaces? (?:lecteurs?|adherents?|abonnes?)",
    r"reserve[rz] (?:un |des |vos |mes )?(?:documents?|livres?|ouvrages?)", r"prolonge[rz] (?:vos |mes |un |les )?prets?",
    r"(?:rechercher|chercher) (?:un |des )?(?:documents?|livres?|ouvrages?)", "opac",
)
#: Said on a library page (or of a library portal), these also mean the catalogue.
BARE_CATALOGUE = words_pattern(
    r"catalogues?(?: en ligne)?", r"(?:consulter|interroger|parcourir) (?:le |notre )?catalogue",
    r"recherche[rz]? (?:dans )?(?:le |notre )?catalogue", r"^(?:mon|votre) compte$", r"reservations? en ligne",
    r"ressources numeriques",
)
CATALOGUE_TRAPS = words_pattern(
    r"catalogues? (?:des |de |d'|du )?(?:formations?|activites|stages|cours|services|produits|expositions?|"
    r"l'exposition|ecole de musique|conservatoire|sejours?|vacances|loisirs|animations|spectacles|saison)",
)
LIBRARY_PAGE = words_pattern(_LIBRARY, r"bibliotheque municipale", "bm")
#: Library software and portal vendors, as a word of the host or the path.
VENDOR_URL = re.compile(
    r"(?:^|[/.\-_=])(?:opac|opac_css|koha|pmb|pmbservices|syracuse|archimed|decalog|bibenligne|bibliondemand|orphee"
    r"|c3rb|aloes|opsys|paprika|bokeh|biblibre|moccam|biblixnet|microbib|bibliomondo|waterbear|nanook|iguana"
    r"|kentika|biblix|cadic|e-paprika|flora|mediatheque-?numerique|bibliotheque-?numerique)(?:$|[/.\-_?=])"
)
LIBRARY_HOST = re.compile(r"mediatheque|bibliotheque|biblio|lecture|ludotheque|[.-]bm[.-]|^bm[.-]")
SEARCH_FIELDS = words_pattern(r"titres?", r"auteurs?", "isbn", r"catalogue", r"documents?", r"livres?")

#: A PDF "catalogue des nouveautés" is a list of titles, not the online catalogue.
CATALOGUE = Feature(
    "inclusion.library_catalogue", CATALOGUE_NAMES, traps=CATALOGUE_TRAPS, urls=VENDOR_URL, url_strength=0.85,
    text_strength=0.35, documents=False,
)


def is_library_page(page: Page) -> bool:
    h1 = " ".join(fold(text) for level, text in page.headings if level == 1)
    return bool(LIBRARY_PAGE.search(page.folded_title) or LIBRARY_PAGE.search(h1))


def _library_host(link: Link) -> bool:
    """The link leaves the site for a library's own portal or a library vendor."""
    return is_web(link.url) and not link.internal and bool(
        LIBRARY_HOST.search(host_of(link.url)) or VENDOR_URL.search(link.url.lower())
    )


def _portal_links(page: Page, library_page: bool) -> list[Observation]:
    """"Catalogue" or "Mon compte" on a library page or towards a library portal (not a PDF list of titles)."""
    best: Observation | None = None
    for link in page.links:
        if is_document(link) or CATALOGUE_TRAPS.search(link.context):
            continue
        bare = bool(sighting(BARE_CATALOGUE, link.folded, CATALOGUE_TRAPS))
        portal = _library_host(link)
        if bare and (portal or (library_page and link.region not in ("header", "footer", "nav"))):
            strength = 0.85
        elif portal and LIBRARY_PAGE.search(link.context):
            strength = 0.6
        else:
            continue
        if best is None or strength > best.strength:
            best = from_link(CATALOGUE.criterion, page, link, strength, "portal", weigh_region=False)
    return [best] if best else []


def _searches_catalogue(form: Form, library_page: bool) -> bool:
    if any(f.type == "password" for f in form.fields):
        return False
    if VENDOR_URL.search(form.action.lower()) or LIBRARY_HOST.search(host_of(form.action)):
        return True
    labels = " ".join([form.text] + [fold(f.label) + " " + f.name for f in form.fields])
    in_content = region_of(form.element) not in ("header", "nav", "footer")
    return bool(re.search(r"catalogue", labels)) or (library_page and in_content and bool(SEARCH_FIELDS.search(labels)))


def _catalogue_search(page: Page, library_page: bool) -> list[Observation]:
    """A form searching the catalogue: sent to a library portal, or asking for a title or an author."""
    for form in page.forms:
        if _searches_catalogue(form, library_page) and not CATALOGUE_TRAPS.search(form.text):
            return [Observation(CATALOGUE.criterion, page.url, element_excerpt(form.element), "search",
                                locator=locator(form.element), strength=0.85)]
    return []


def observe(page: Page) -> list[Observation]:
    library_page = is_library_page(page)
    return (observe_feature(page, CATALOGUE) + _portal_links(page, library_page)
            + _catalogue_search(page, library_page))


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {CATALOGUE.criterion: decide_feature(observations, CATALOGUE.criterion)}
