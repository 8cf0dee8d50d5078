"""Wi-Fi public : accès Wi-Fi gratuit proposé par la commune (WiFi4EU, bornes)."""

from __future__ import annotations

import re

from audit.artifacts.page import Page
from audit.artifacts.text import words_pattern
from audit.checks.common.civic_vocab import Feature, decide_feature, observe_feature
from audit.checks.framework.evidence import element_excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts

CRITERIA = ("inclusion.public_wifi",)
NEEDS = frozenset({"html"})

_WIFI = r"wi[- ]?fi"
WIFI_NAMES = words_pattern(
    rf"{_WIFI} (?:publics?|gratuits?|municipa(?:l|ux)|territorial|ouverts?|libres?|communa(?:l|ux)|pour tous"
    r"|en ville|dans (?:la|votre|toute la) (?:ville|commune))",
    rf"(?:acces|reseaux?|connexions?|bornes?|points? d'acces|zones?|hotspots?|couverture) (?:internet )?(?:au |en )?{_WIFI}"
    r"(?: (?:publics?|gratuits?|ouverts?))?",
    rf"{_WIFI} ?4 ?eu", rf"{_WIFI} hotspots?", r"acces (?:a )?internet (?:gratuit|public|libre)",
    r"internet (?:gratuit|public) (?:en|dans|sur)", rf"^{_WIFI}$",
)
#: Wi-Fi of a campsite, hotel or holiday rental is not the commune's.
WIFI_TRAPS = words_pattern(
    r"campings?", r"campeurs?", r"camping-cars?", r"hotels?(?! de ville)", r"gites?", r"chambres? d'hotes?", r"locations? (?:saisonnieres?|de vacances)",
    r"meubles? de tourisme", r"restaurants?", r"appartements?", r"chalets?", r"mobil-?homes?", r"residences? de tourisme",
    r"hotspots? (?:de |d')?(?:biodiversite|ecologiques?)", r"villages? vacances?", r"auberges?",
)
WIFI_URLS = re.compile(r"wifi ?4 ?eu|wi-?fi[-_](?:publics?|gratuits?|territorial|municipal|pour-tous)|/wi-?fi(?:[/.?_-]|$)")
WIFI4EU_IMAGE = re.compile(r"wifi ?4 ?eu", re.I)

WIFI = Feature(
    "inclusion.public_wifi", WIFI_NAMES, traps=WIFI_TRAPS, urls=WIFI_URLS, url_strength=0.6, text_strength=0.6,
)


def _wifi4eu_image(page: Page) -> list[Observation]:
    """The WiFi4EU badge, which communes funded by the EU programme must display."""
    for img in page.tree.iter("img"):
        if WIFI4EU_IMAGE.search(f"{img.get('src') or ''} {img.get('alt') or ''} {img.get('title') or ''}"):
            return [Observation(WIFI.criterion, page.url, element_excerpt(img), "badge", locator(img), 0.8)]
    return []


def observe(page: Page) -> list[Observation]:
    return observe_feature(page, WIFI) + _wifi4eu_image(page)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {WIFI.criterion: decide_feature(observations, WIFI.criterion)}
