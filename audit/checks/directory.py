"""Annuaire : annuaire ou guide des associations, des services ou des équipements (lien, page titrée, page de liste)."""

from __future__ import annotations

import re
from collections.abc import Iterator

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
#: Repeated entries of a list: phone numbers, content list items, table rows.
PHONE = re.compile(r"(?<!\d)0[1-9](?:[ .-]?\d{2}){4}(?!\d)")
MIN_PHONES = 5
MIN_MAILTO = 4
MIN_ITEMS = 12
MIN_ROWS = 8
MAX_LINK_CHARS = 70
SITE_REGIONS = frozenset({"nav", "header", "footer"})

STRENGTH = {"page": 0.95, "link": 0.85, "external": 0.5, "listing": 0.75, "section": 0.3}


def _title_names(page: Page) -> list[str]:
    """The h1 and the first part of the title ("Associations - Ville de X" -> "associations")."""
    h1 = next((text for level, text in page.headings if level == 1), "")
    title = TITLE_SEPARATORS.split(page.title)[0] if page.title else ""
    return [name for name in (h1, title) if name]


def _is_listing(page: Page) -> bool:
    """Whether the page's content lists many entries (associations with their contacts, facilities...)."""
    if len(PHONE.findall(page.folded)) >= MIN_PHONES:
        return True
    content_links = [link for link in page.links if link.region not in SITE_REGIONS]
    if sum(link.href.lower().startswith("mailto:") for link in content_links) >= MIN_MAILTO:
        return True
    if sum(1 for _ in page.tree.iter("tr")) >= MIN_ROWS:
        return True
    if any(f.tag == "select" for form in page.forms for f in form.fields) and len(content_links) >= MIN_ITEMS:
        return True
    items = sum(1 for li in page.tree.iter("li") if region_of(li) not in SITE_REGIONS)
    return items >= MIN_ITEMS


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
    kept = [o for o in observations if o.kind in ("page", "listing") or not is_broken(o.value, site)]
    best: dict[str, Observation] = {}
    for obs in kept:
        if obs.kind not in best or obs.strength > best[obs.kind].strength:
            best[obs.kind] = obs
    confidence = confidence_of(list(best.values()))
    if confidence >= 0.5:
        return {"site.directory": Answer("present", evidence_of(kept), confidence=confidence)}
    return {"site.directory": Answer("absent", [], confidence=0.75 - confidence / 2)}
