"""Annuaire : annuaire ou guide des associations, des services ou des équipements (lien, page titrée, page de liste)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from audit.checks.sitemap import is_broken, real_target
from audit.decide import confidence_of, evidence_of
from audit.evidence import excerpt
from audit.model import Answer, Observation, SiteFacts
from audit.observe import from_link
from audit.page import Page, region_of
from audit.text import fold, words_pattern
from audit.urls import host_matches

CRITERIA = ("site.directory",)
NEEDS = frozenset({"html", "site_facts"})

_SUBJECTS = r"(?:associations?|equipements?|services?|structures|clubs?|commerces?|commercants|entreprises|artisans" \
            r"|professionnels(?: de sante)?|acteurs (?:associatifs|economiques|locaux)|salles)"
#: Link texts and page titles naming a directory.
DIRECTORY_WORDS = words_pattern(
    "annuaires?", "e-annuaire",
    rf"(?:guide|liste|repertoire|carte|catalogue|recherche) (?:des |de nos |de vos )?{_SUBJECTS}",
    rf"(?:trouver|rechercher|chercher) (?:une?|un club|des) ?{_SUBJECTS}",
)
#: Directories that are not the town's own list: elected officials, former pupils, reverse phone look-up.
NOT_DIRECTORY = words_pattern("annuaire des elus", "annuaire du conseil", "annuaire inverse", "anciens eleves")
#: National directories that many town sites link to ("Annuaire de l'administration").
NATIONAL_HOSTS = ("service-public.fr", "service-public.gouv.fr", "annuaire.gouv.fr", "annuaire-mairie.fr",
                  "pagesjaunes.fr", "pagesblanches.fr", "annuaire-administration.fr", "gouv.fr")
#: Titles of section pages that become a directory when they list many entries.
SECTION_TITLE = re.compile(
    r"^(?:les |nos |vos )?(?:associations?(?: (?:locales|communales|de la commune|de la ville|du village"
    r"|sportives|culturelles|et clubs))?|vie associative|clubs? (?:et associations|sportifs)"
    r"|equipements(?: \w+)?|services municipaux|services de la (?:mairie|ville|commune)"
    r"|salles(?: municipales| communales| a louer)?)$"
)
TITLE_SEPARATORS = re.compile(r"\s+[-|–—:»/]\s+")
#: Contact details of listed entries: phone numbers and e-mail addresses.
PHONE = re.compile(r"(?<!\d)0[1-9](?:[ .-]?\d{2}){4}(?!\d)")
EMAIL = re.compile(r"[a-z0-9._-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+")
#: A list page has several entries (list items, table rows, card headings) or several contacts.
MIN_ENTRIES = 5
MIN_CONTACTS = 3
#: Breadcrumbs are lists too, but of pages above this one.
BREADCRUMB = re.compile(r"breadcrumb|ariane|fil-d|chemin", re.I)
MAX_LINK_CHARS = 70
MAX_HEADING_CHARS = 80
SITE_REGIONS = frozenset({"nav", "header", "footer"})

STRENGTH = {"page": 0.95, "link": 0.85, "heading": 0.8, "external": 0.5, "listing": 0.75, "section": 0.3}


def _title_names(page: Page) -> list[str]:
    """The h1 and the first part of the title ("Associations - Ville de X" -> "associations")."""
    h1 = next((text for level, text in page.headings if level == 1), "")
    title = TITLE_SEPARATORS.split(page.title)[0] if page.title else ""
    return [name for name in (h1, title) if name]


def _in_content(el: HtmlElement) -> bool:
    """Whether `el` stands in the page content: not in a menu, header, footer or breadcrumb."""
    if region_of(el) in SITE_REGIONS:
        return False
    return not any(
        BREADCRUMB.search(f"{a.get('class') or ''} {a.get('id') or ''} {a.get('aria-label') or ''}")
        for a in el.iterancestors()
    )


def _is_listing(page: Page) -> bool:
    """Whether the page's content lists entries (associations with their contacts, facilities...)."""
    contacts = len(PHONE.findall(page.folded)) + len(set(EMAIL.findall(page.folded) + [
        link.href.lower() for link in page.links if link.href.lower().startswith("mailto:")
    ]))
    if contacts > MIN_CONTACTS:  # the town hall's own phone and e-mail are on every page
        return True
    for tags in (("li",), ("tr",), ("h2", "h3", "h4")):
        if sum(1 for el in page.tree.iter(*tags) if _in_content(el)) >= MIN_ENTRIES:
            return True
    return False


def observe(page: Page) -> Iterator[Observation]:
    for name in _title_names(page):
        folded = fold(name)
        if DIRECTORY_WORDS.search(folded) and not NOT_DIRECTORY.search(folded):
            yield Observation("site.directory", page.url, excerpt(name), kind="page", strength=STRENGTH["page"],
                              value=page.url)
            break
        if SECTION_TITLE.match(folded) and _is_listing(page):
            yield Observation("site.directory", page.url, excerpt(f"{name} (page de liste)"), kind="listing",
                              strength=STRENGTH["listing"], value=page.url)
            break
    for level, text in page.headings:
        folded = fold(text)
        if level > 1 and len(folded) <= MAX_HEADING_CHARS and DIRECTORY_WORDS.search(folded) and not (
            NOT_DIRECTORY.search(folded)
        ):
            yield Observation("site.directory", page.url, excerpt(text), kind="heading",
                              strength=STRENGTH["heading"], value=page.url)
            break
    section = None
    for link in page.links:
        if not real_target(link) or len(link.folded) > MAX_LINK_CHARS or NOT_DIRECTORY.search(link.folded):
            continue
        if DIRECTORY_WORDS.search(link.folded):
            if host_matches(link.url, NATIONAL_HOSTS):
                continue
            kind = "link" if link.internal else "external"
            yield from_link("site.directory", page, link, STRENGTH[kind], kind=kind, value=link.url)
            return
        if section is None and link.internal and link.region in SITE_REGIONS and SECTION_TITLE.match(link.folded):
            section = from_link("site.directory", page, link, STRENGTH["section"], kind="section", value=link.url)
    if section is not None:
        yield section


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    kept = [o for o in observations if o.kind in ("page", "heading", "listing") or not is_broken(o.value, site)]
    best: dict[str, Observation] = {}
    for obs in kept:
        if obs.kind not in best or obs.strength > best[obs.kind].strength:
            best[obs.kind] = obs
    confidence = confidence_of(list(best.values()))
    if confidence >= 0.5:
        return {"site.directory": Answer("present", evidence_of(kept), confidence=confidence)}
    return {"site.directory": Answer("absent", [], confidence=0.75 - confidence / 2)}
