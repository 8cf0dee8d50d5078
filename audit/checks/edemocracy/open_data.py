"""Données ouvertes : portail open data, organisation data.gouv.fr, jeux de données téléchargeables."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from audit.artifacts.page import Link, Page
from audit.artifacts.text import fold, words_pattern
from audit.artifacts.urls import extension, host_of, is_web
from audit.checks.common.civic_vocab import (
    PUBLISHED, Feature, decide_feature, link_is_trapped, link_of_another, observe_feature,
)
from audit.checks.framework.model import Answer, Observation, SiteFacts
from audit.checks.framework.observe import from_link

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
#: Another publisher named beside the data: the Département's or the Région's portal, a national dataset.
OTHER_PUBLISHERS = words_pattern(
    r"(?:du|de la|de l'|le|la|l') (?:departement|conseil departemental|region|conseil regional|prefecture|etat"
    r"|ministere|gouvernement|insee|ign|union europeenne)", r"departementa(?:l|le|les|ux)", r"regiona(?:l|le|les|ux)",
    r"nationa(?:l|le|les|ux)", r"insee", r"ministeriel(?:le)?s?", r"europeen(?:ne)?s?",
)
#: The commune's own data, whatever portal holds it.
OWN_DATA = words_pattern(
    r"(?:nos|notre) (?:donnees|jeux de donnees|portail|open ?data)", r"(?:de la|de notre) (?:ville|commune|mairie|municipalite)",
    r"(?:donnees|jeux de donnees|open ?data) (?:communa(?:l|les|ux)|municipa(?:l|les|ux))",
    r"(?:la ville|la commune|la mairie|la municipalite) (?:publie|ouvre|met a disposition|partage)",
)
#: Hosts of other publishers (a Département, a Région, national agencies).
OTHER_PUBLISHER_HOSTS = re.compile(r"departement|(?:^|\.)cd\d\d\.|region|prefecture|insee\.fr|ign\.fr|\.gouv\.fr$|europa\.eu")
#: Slugs of a data.gouv.fr organisation that is another publisher.
OTHER_ORGANIZATION = re.compile(r"departement|region|prefecture|ministere|insee|institut|agence|direction|etat|gouvernement|nationa")
#: Words of a host or a slug too common to tie a dataset to one commune.
GENERIC_TOKENS = frozenset({
    "www", "fr", "com", "org", "net", "eu", "info", "ville", "mairie", "commune", "communes", "de", "du", "des", "la", "le",
    "les", "sur", "sous", "en", "et", "aux", "au", "saint", "sainte", "st", "ste", "mon", "ma", "notre", "data", "opendata",
    "open", "gouv", "site", "portail", "web",
})
#: data.gouv.fr itself sits in every DSFR footer: only an organisation or a dataset there counts.
DATA_GOUV = re.compile(r"^/(?:[a-z]{2}/)?(organizations|datasets|dataservices|reuses)/([^/]+)")
PORTAL_PREFIXES = ("data.", "opendata.", "open-data.", "donnees.", "datas.")
PORTAL_SUFFIXES = (".opendatasoft.com", ".data.gouv.fr")
VENDOR_SITES = frozenset({"opendatasoft.com", "help.opendatasoft.com", "docs.opendatasoft.com", "data.gouv.fr"})
DATA_FILES = frozenset({"csv", "json", "geojson"})
SPREADSHEETS = frozenset({"xlsx", "xls", "ods"})

OPEN_DATA = Feature(
    "edemocracy.open_data", OPEN_DATA_NAMES, mentions=OPEN_DATA_MENTIONS, traps=OPEN_DATA_TRAPS, text_strength=0.35,
    others=OTHER_PUBLISHERS, mine=OWN_DATA, other_hosts=OTHER_PUBLISHER_HOSTS, delivery=PUBLISHED,
)


def _tokens(text: str) -> set[str]:
    """Distinctive words of a host name or a URL slug: "ville-val-de-lorme" gives {"val", "lorme"}."""
    return {t for t in re.split(r"[^a-z0-9]+", fold(text)) if len(t) >= 3 and t not in GENERIC_TOKENS and not t.isdigit()}


def _data_gouv_strength(page: Page, link: Link, path: str) -> float:
    """A data.gouv.fr page counts when it is the commune's: its organisation, or a dataset tied to it.

    An organisation of another publisher (a Département, a ministry) does not
    count; a dataset counts when its slug shares a distinctive word with the
    site's host or its link says the data are the commune's; a national dataset
    ("élections municipales 2020 : résultats") does not.
    """
    found = DATA_GOUV.match(path)
    if not found:
        return 0.0
    kind, slug = found.group(1), found.group(2)
    if kind == "organizations":
        return 0.0 if OTHER_ORGANIZATION.search(fold(slug)) else 0.9
    if _tokens(slug) & _tokens(host_of(page.url)) or OWN_DATA.search(link.context):
        return 0.85
    return 0.0


def _portal_strength(page: Page, link: Link) -> float:
    """How much a link to a data portal, a dataset or a data file proves the commune's open data."""
    if not is_web(link.url) or link_is_trapped(link, OPEN_DATA_TRAPS):
        return 0.0
    host, path = host_of(link.url), urlsplit(link.url).path
    if host == "data.gouv.fr" or host.endswith(".data.gouv.fr"):
        return _data_gouv_strength(page, link, path)
    if link_of_another(OPEN_DATA, link):
        return 0.0
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
        strength = _portal_strength(page, link)
        if strength and (best is None or strength > best.strength):
            best = from_link(OPEN_DATA.criterion, page, link, strength, "portal")
    return [best] if best else []


def observe(page: Page) -> list[Observation]:
    return observe_feature(page, OPEN_DATA) + _portal_links(page)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {OPEN_DATA.criterion: decide_feature(observations, OPEN_DATA.criterion)}
