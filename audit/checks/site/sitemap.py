"""Plan du site : page « Plan du site » liée ou titrée, et sitemap.xml (robots.txt ou /sitemap.xml)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from audit.artifacts.page import Link, Page
from audit.artifacts.text import fold, words_pattern
from audit.checks.framework.decide import confidence_of, evidence_of
from audit.checks.framework.evidence import excerpt
from audit.checks.framework.model import Answer, Evidence, Observation, SiteFacts
from audit.checks.framework.observe import from_link

CRITERIA = ("site.sitemap",)
NEEDS = frozenset({"html", "site_facts"})

#: What a site map link or page is called.
SITEMAP_WORDS = words_pattern(
    "plan du site", "plan de site", "plan du portail", "plan du site internet", "sitemap", "site map",
    "carte du site", "arborescence du site",
)
#: A link naming the site map is short ("Plan du site"), not a sentence of an article.
MAX_LINK_CHARS = 40
#: Site map page addresses, for icon links whose text says nothing.
SITEMAP_PATH = re.compile(r"plan[-_]?du[-_]?site|plan[-_]de[-_]site|/sitemap(?:/|\.html?|\.php|$)", re.I)
#: Targets that are no page: anchors, scripts, template placeholders (DSFR "[url - à modifier]").
PLACEHOLDER_HREF = re.compile(r"^(?:#|javascript:|mailto:|tel:|\[)|a modifier|à modifier", re.I)

STRENGTH_PAGE = 1.0
STRENGTH_LINK = 0.9
STRENGTH_PATH = 0.6
CONFIDENCE_XML_ONLY = 0.6


def real_target(link: Link) -> bool:
    """Whether `link` points at an actual web page (not a placeholder, an anchor or a script)."""
    href = link.href.strip()
    return bool(href) and not PLACEHOLDER_HREF.search(href) and link.url.startswith(("http://", "https://"))


def observe(page: Page) -> Iterator[Observation]:
    h1 = next((text for level, text in page.headings if level == 1), "")
    for name in (page.title, h1):
        if name and SITEMAP_WORDS.search(fold(name)):
            yield Observation("site.sitemap", page.url, excerpt(name), kind="page", strength=STRENGTH_PAGE,
                              value=page.url)
            break
    for link in page.links:
        if not real_target(link) or link.document:
            continue
        if SITEMAP_WORDS.search(link.folded) and len(link.folded) <= MAX_LINK_CHARS:
            yield from_link("site.sitemap", page, link, STRENGTH_LINK, kind="link", value=link.url)
            return
        if link.internal and SITEMAP_PATH.search(urlsplit(link.url).path):
            yield from_link("site.sitemap", page, link, STRENGTH_PATH, kind="link", value=link.url)
            return


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    # One sighting per target: the same footer link on every page proves no more than once.
    best: dict[str, Observation] = {}
    for obs in observations:
        if obs.value not in best or obs.strength > best[obs.value].strength:
            best[obs.value] = obs
    pages = sorted(best.values(), key=lambda o: (o.kind != "page", -o.strength))
    xml = list(dict.fromkeys(site.sitemap_urls)) if site else []
    value = {"page": pages[0].value if pages else None, "xml": xml}
    if pages:
        confidence = max(confidence_of(pages[:2]), 0.9 if xml else 0.0)
        return {"site.sitemap": Answer("present", evidence_of(observations), confidence=confidence, value=value)}
    if xml:
        evidence = [Evidence(url=url, excerpt=_xml_excerpt(url, site)) for url in xml[:3]]
        return {"site.sitemap": Answer("present", evidence, confidence=CONFIDENCE_XML_ONLY, value=value)}
    return {"site.sitemap": Answer("absent", [], confidence=0.8, value=value)}


def _xml_excerpt(url: str, site: SiteFacts | None) -> str:
    """The robots.txt line declaring `url`, else a note that the file was found."""
    for line in (site.robots_txt or "").splitlines() if site else []:
        if line.lower().startswith("sitemap:") and url in line:
            return excerpt(f"robots.txt : {line.strip()}")
    return excerpt(f"Fichier sitemap XML trouvé : {url}")
