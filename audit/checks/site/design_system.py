"""Système de design de l'État (DSFR) : en-tête et pied fr-header / fr-footer, feuilles de style et scripts dsfr."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from audit.artifacts.page import Page
from audit.artifacts.text import words_pattern
from audit.checks.framework.decide import confidence_of, evidence_of, strongest_per_kind
from audit.checks.framework.evidence import element_excerpt, excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts
from audit.checks.framework.observe import from_text

CRITERIA = ("site.design_system",)
NEEDS = frozenset({"html"})

#: DSFR component classes, by how surely they mean the DSFR. Plain "fr-" prefixes are not enough:
#: the Froala editor writes "fr-view", "fr-dib", "fr-fic" into content.
STRONG_CLASSES = ("fr-header", "fr-footer", "fr-skiplinks", "fr-header__brand", "fr-footer__brand")
MEDIUM_CLASSES = ("fr-container", "fr-grid-row", "fr-nav", "fr-btn", "fr-breadcrumb", "fr-sidemenu", "fr-card")
#: Asset paths of the DSFR package (dsfr.min.css, @gouvfr/dsfr, dsfr.module.min.js).
DSFR_ASSET = re.compile(r"(?:^|[/@._-])dsfr(?:[/@._-]|$)", re.I)
#: Named in text: weak alone (a news article may talk about it).
DSFR_WORDS = words_pattern("systeme de design de l'etat", "dsfr")

STRENGTH = {"class": 0.9, "asset": 0.9, "theme": 0.8, "class_medium": 0.35, "text": 0.3}


def _first_with_class(page: Page, names: tuple[str, ...]) -> HtmlElement | None:
    """The first element, in document order, carrying one of the class `names`."""
    found = [page.classes[name] for name in names if name in page.classes]
    return min(found, key=lambda hit: hit[0])[1] if found else None


#: The DSFR colour-scheme switch puts data-fr-scheme / data-fr-theme on the root element.
THEME_XPATH = etree.XPath("//*[@data-fr-scheme or @data-fr-theme]")


def observe(page: Page) -> Iterator[Observation]:
    asset = next((url for url in page.stylesheets + page.scripts if DSFR_ASSET.search(urlsplit(url).path)), None)
    if asset:
        yield Observation("site.design_system", page.url, excerpt(asset), kind="asset", strength=STRENGTH["asset"])
    themed = THEME_XPATH(page.tree)
    for kind, first in (("class", _first_with_class(page, STRONG_CLASSES)), ("theme", themed[0] if themed else None),
                        ("class_medium", _first_with_class(page, MEDIUM_CLASSES))):
        if first is not None:
            yield Observation("site.design_system", page.url, element_excerpt(first), kind=kind,
                              locator=locator(first), strength=STRENGTH[kind])
    if page.is_home:
        mention = from_text("site.design_system", page, DSFR_WORDS, STRENGTH["text"], kind="text")
        if mention:
            yield mention


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    # The template repeats on every page: one sighting per kind, and medium classes need company.
    best = strongest_per_kind(observations)
    confidence = confidence_of(list(best.values()))
    if confidence >= 0.5:
        return {"site.design_system": Answer("present", evidence_of(best.values()), confidence=confidence)}
    return {"site.design_system": Answer("absent", [], confidence=0.9 - confidence / 2)}
