"""Système de design de l'État (DSFR) : en-tête et pied fr-header / fr-footer, feuilles de style et scripts dsfr."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from lxml import etree

from audit.decide import confidence_of, evidence_of, strongest_per_kind
from audit.evidence import element_excerpt, excerpt, locator
from audit.model import Answer, Observation, SiteFacts
from audit.observe import from_text
from audit.page import Page
from audit.text import words_pattern

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


def _class_xpath(names: tuple[str, ...]) -> etree.XPath:
    tests = " or ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {n} ')" for n in names)
    return etree.XPath(f"//*[{tests}]")


STRONG_XPATH = _class_xpath(STRONG_CLASSES)
MEDIUM_XPATH = _class_xpath(MEDIUM_CLASSES)
#: The DSFR colour-scheme switch puts data-fr-scheme / data-fr-theme on the root element.
THEME_XPATH = etree.XPath("//*[@data-fr-scheme or @data-fr-theme]")


def observe(page: Page) -> Iterator[Observation]:
    asset = next((url for url in page.stylesheets + page.scripts if DSFR_ASSET.search(urlsplit(url).path)), None)
    if asset:
        yield Observation("site.design_system", page.url, excerpt(asset), kind="asset", strength=STRENGTH["asset"])
    for kind, xpath in (("class", STRONG_XPATH), ("theme", THEME_XPATH), ("class_medium", MEDIUM_XPATH)):
        found = xpath(page.tree)
        if found:
            yield Observation("site.design_system", page.url, element_excerpt(found[0]), kind=kind,
                              locator=locator(found[0]), strength=STRENGTH[kind])
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
