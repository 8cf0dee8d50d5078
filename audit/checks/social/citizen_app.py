"""Application citoyenne : alertes et informations de la commune sur mobile (PanneauPocket, IntraMuros, Illiwap...)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from urllib.parse import parse_qs, unquote, urlsplit

from audit.artifacts.page import Link, Page
from audit.artifacts.text import fold, words_pattern
from audit.artifacts.urls import host_matches
from audit.checks.framework.decide import confidence_of, evidence_of
from audit.checks.framework.evidence import excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts
from audit.checks.framework.observe import from_link
from audit.checks.social._social_vocab import names_site, site_tokens

CRITERIA = ("social.citizen_app",)
NEEDS = frozenset({"html"})

#: Apps communes use to push alerts and news: name → (hosts, folded names as written on sites).
VENDORS = {
    "PanneauPocket": (("panneaupocket.com",), ("panneau ?pocket", "panneaux? pocket")),
    "IntraMuros": (("intramuros.org", "appli-intramuros.fr", "appli-intramuros.com"), ("intramuros", "appli(?:cation)? intra[ -]?muros")),
    "Illiwap": (("illiwap.com",), ("illiwap",)),
    "CityAll": (("cityall.fr", "cityall.com", "city-all.fr"), ("city ?all",)),
    "Citykomi": (("citykomi.com", "citykomi.fr"), ("citykomi",)),
    "Neocity": (("neocity.fr",), ("neocity",)),
    "Centolive": (("centolive.fr", "centolive.com"), ("centolive",)),
}
_VENDOR_TEXT = {name: words_pattern(*names) for name, (_hosts, names) in VENDORS.items()}
#: Vendor names that are also ordinary words ("intramuros", "city all"): in text, only near app words.
AMBIGUOUS = frozenset({"IntraMuros", "CityAll"})
APP_CONTEXT = words_pattern("appli(?:cation)?s?", "telecharg[a-z]*", "smartphones?", "app store", "google play", "mobiles?")
STORE_HOSTS = ("apps.apple.com", "itunes.apple.com", "play.google.com")
#: Phrases of the commune's own app: the app of the town, downloaded to a phone.
OWN_APP = words_pattern(
    r"(?:l')?appli(?:cation)?s? (?:mobiles? )?(?:de|officielle de) (?:la |ma |votre |notre )?(?:ville|commune|mairie)",
    r"(?:l')?appli(?:cation)?s? (?:mobiles? )?(?:officielle|municipale|citoyenne)",
    r"(?:l')?appli(?:cation)? mobile",
    "telechargez l'appli(?:cation)?", "alertes? (?:sur|par) (?:votre )?(?:smartphone|telephone mobile|mobile)",
)
#: App-store links that are not the commune's channel: national or commercial apps.
FOREIGN_APPS = words_pattern(
    "tousanticovid", "anticovid", "ma securite", "france identite", "franceconnect", "service-public",
    "ameli", "impots", "mon espace sante", "doctolib", "waze", "google maps", "sncf", "ouigo", "blablacar",
    "mappy", "leboncoin", "allocine", "citymapper", "moovit", "qwant", "la poste", "meteo", "vigicrues",
    "alerte attentat", "saip", "fr-alert", "whatsapp", "facebook", "instagram", "twitter", "tiktok", "youtube",
)
#: Value for the commune's own app when no name is read.
OWN_NAME = "application de la commune"
NEGATION = words_pattern(r"(?:n'utilise|n'est|ne sont|n'existe) (?:plus|pas)", "a ete (?:arrete|supprime)e?", "remplace par")


_PACKAGE = re.compile(r"^[a-z][\w]*(?:\.[\w]+)+$", re.I)


def _vendor_of_url(url: str) -> str | None:
    for name, (hosts, _names) in VENDORS.items():
        if url.startswith("http") and host_matches(url, hosts):
            return name
    return None


def _vendor_of_text(folded: str) -> str | None:
    return next((name for name, pattern in _VENDOR_TEXT.items() if pattern.search(folded)), None)


def _store_app_name(link: Link) -> str:
    """The app a store link names: its slug on the App Store, its package id on Google Play, else the link text."""
    parts = urlsplit(link.url)
    segments = [s for s in parts.path.split("/") if s]
    if "app" in segments and segments.index("app") + 1 < len(segments):
        slug = segments[segments.index("app") + 1]
        if not slug.startswith("id"):
            return unquote(slug).replace("-", " ")
    package = parse_qs(parts.query).get("id")
    return package[0] if package else link.text


def _store_strength(link: Link, tokens: frozenset[str]) -> tuple[float, str] | None:
    """A store link to the commune's own app: named like the site, or presented as the town's app."""
    name = _store_app_name(link)
    label = f"{link.folded} {fold(name)}"
    vendor = _vendor_of_text(label)
    if vendor:
        return 0.9, vendor
    if FOREIGN_APPS.search(label):
        return None
    parent = link.element.getparent()
    context = fold(parent.text_content())[:300] if parent is not None else ""
    if names_site(name, tokens) or re.search(r"\b(?:ville|mairie|commune|city)\b", fold(name)):
        return 0.85, name
    if OWN_APP.search(label) or OWN_APP.search(context):
        return 0.6, name
    return None


def observe(page: Page) -> Iterator[Observation]:
    tokens = site_tokens(page)
    found: dict[str, Observation] = {}

    def keep(obs: Observation) -> None:
        if obs.value not in found or obs.strength > found[obs.value].strength:
            found[obs.value] = obs

    for link in page.links:
        if NEGATION.search(link.folded):
            continue
        vendor = _vendor_of_url(link.url)
        if vendor:
            keep(from_link("social.citizen_app", page, link, 0.95, kind="vendor", value=vendor))
        elif link.url.startswith("http") and host_matches(link.url, STORE_HOSTS):
            store = _store_strength(link, tokens)
            if store:
                keep(from_link("social.citizen_app", page, link, store[0], kind="store", value=store[1]))
        elif (vendor := _vendor_of_text(link.folded)):
            keep(from_link("social.citizen_app", page, link, 0.85, kind="vendor", value=vendor))
        elif link.internal and not link.document and OWN_APP.search(link.folded):
            keep(from_link("social.citizen_app", page, link, 0.65, kind="page", value=OWN_NAME))
    for url, el in [(e.url, e.element) for e in page.embeds] + [(s, None) for s in page.scripts]:
        vendor = _vendor_of_url(url)
        if vendor:
            keep(Observation("social.citizen_app", page.url, excerpt(f"Module {vendor} → {url}"), kind="widget",
                             locator=locator(el) if el is not None else None, strength=0.9, value=vendor))
    for name, pattern in _VENDOR_TEXT.items():
        match = pattern.search(page.folded)
        if match and name not in found:
            around = page.folded[max(0, match.start() - 100): match.end() + 100]
            if not NEGATION.search(around) and (name not in AMBIGUOUS or APP_CONTEXT.search(around)):
                keep(Observation("social.citizen_app", page.url, excerpt(page.text, match.group(0)), kind="text",
                                 strength=0.6, value=name))
    yield from found.values()
    if not found:
        own = _own_app_mention(page)
        if own:
            yield own


def _own_app_mention(page: Page) -> Observation | None:
    """A page about the town's own app (title or h1), or a sentence presenting it."""
    title = fold(f"{page.title} {' '.join(h for level, h in page.headings if level == 1)}")
    match = OWN_APP.search(title)
    if match:
        return Observation("social.citizen_app", page.url, excerpt(page.title or title), kind="page", strength=0.55,
                           value=OWN_NAME)
    match = OWN_APP.search(page.folded)
    if match and not NEGATION.search(page.folded[max(0, match.start() - 100): match.end() + 100]):
        return Observation("social.citizen_app", page.url, excerpt(page.text, match.group(0)), kind="text",
                           strength=0.35, value=OWN_NAME)
    return None


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    """Present when some app is shown strongly enough; value lists every app so shown."""
    by_app: dict[str, list[Observation]] = defaultdict(list)
    for obs in observations:
        if obs.criterion == "social.citizen_app":
            by_app[obs.value].append(obs)
    scores = {app: min(0.99, max(o.strength for o in group) + 0.05 * (len({o.url for o in group}) - 1))
              for app, group in by_app.items()}
    apps = sorted((app for app, score in scores.items() if score >= 0.5), key=lambda a: -scores[a])
    if not apps:
        weak = confidence_of([max(g, key=lambda o: o.strength) for g in by_app.values()])
        return {"social.citizen_app": Answer("absent", [], confidence=0.8 * (1 - weak / 2))}
    named = [a for a in apps if a != OWN_NAME] or apps
    if any(not _PACKAGE.match(a) for a in named):
        named = [a for a in named if not _PACKAGE.match(a)]  # the App Store's name of the same app is readable
    evidence = evidence_of([o for app in named for o in by_app[app]])
    return {"social.citizen_app": Answer("present", evidence, confidence=scores[named[0]], value=named)}
