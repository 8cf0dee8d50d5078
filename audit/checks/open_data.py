"""Données ouvertes : portail open data, organisation data.gouv.fr, jeux de données téléchargeables."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from audit.checks._civic_vocab import Feature, decide_feature, link_is_trapped, observe_feature
from audit.model import Answer, Observation, SiteFacts
from audit.observe import from_link
from audit.page import Link, Page
from audit.text import words_pattern
from audit.urls import extension, host_of, is_web

CRITERIA = ("edemocracy.open_data",)
NEEDS = frozenset({"html"})

OPEN_DATA_NAMES = words_pattern(
    r"open ?data", r"donnees ouvertes", r"donnees publiques(?: ouvertes)?", r"ouverture des donnees",
    r"portail (?:des |de )?donnees", r"jeux? de donnees", r"catalogue de donnees", "datasets?",
)
OPEN_DATA_MENTIONS = words_pattern(
    r"open ?data", r"donnees ouvertes", r"ouverture des donnees(?: publiques)?", r"portail (?:des |de )?donnees",
    r"jeux? de donnees",
)
#: Personal data (GDPR) and the legal re-use notice are not open data.
OPEN_DATA_TRAPS = words_pattern(
    r"donnees (?:a caractere )?personnelles", "rgpd", r"reutilisation des (?:donnees|informations) publiques",
    r"(?:donnees|informations) publiques (?:figurant|contenues)", "cada",
)
#: data.gouv.fr itself sits in every DSFR footer: only an organisation or a dataset there counts.
DATA_GOUV = re.compile(r"^/(?:[a-z]{2}/)?(?:organizations|datasets|dataservices|reuses)/[^/]+")
PORTAL_PREFIXES = ("data.", "opendata.", "open-data.", "donnees.", "datas.")
PORTAL_SUFFIXES = (".opendatasoft.com", ".data.gouv.fr")
VENDOR_SITES = frozenset({"opendatasoft.com", "help.opendatasoft.com", "docs.opendatasoft.com", "data.gouv.fr"})
DATA_FILES = frozenset({"csv", "json", "geojson"})
SPREADSHEETS = frozenset({"xlsx", "xls", "ods"})

OPEN_DATA = Feature(
    "edemocracy.open_data", OPEN_DATA_NAMES, mentions=OPEN_DATA_MENTIONS, traps=OPEN_DATA_TRAPS, text_strength=0.35,
)


def _portal_strength(link: Link) -> float:
    """How much a link to a data portal, a dataset or a data file proves open data."""
    if not is_web(link.url) or link_is_trapped(link, OPEN_DATA_TRAPS):
        return 0.0
    host, path = host_of(link.url), urlsplit(link.url).path
    if host == "data.gouv.fr" or host.endswith(".data.gouv.fr"):
        return 0.9 if DATA_GOUV.match(path) else 0.0
    if host in VENDOR_SITES:
        return 0.0
    if host.endswith(PORTAL_SUFFIXES) or host.startswith(PORTAL_PREFIXES) or "ckan" in host:
        return 0.85
    if "/dataset/" in path or "/datasets/" in path:
        return 0.7
    kind = extension(link.url)
    if kind in DATA_FILES:
        return 0.6
    if kind in SPREADSHEETS and OPEN_DATA_NAMES.search(link.folded):
        return 0.5
    return 0.0


def _portal_links(page: Page) -> list[Observation]:
    best: Observation | None = None
    for link in page.links:
        strength = _portal_strength(link)
        if strength and (best is None or strength > best.strength):
            best = from_link(OPEN_DATA.criterion, page, link, strength, "portal")
    return [best] if best else []


def observe(page: Page) -> list[Observation]:
    return observe_feature(page, OPEN_DATA) + _portal_links(page)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {OPEN_DATA.criterion: decide_feature(observations, OPEN_DATA.criterion)}
