"""Langues étrangères : versions hreflang, sélecteur de langue (English, Deutsch, Brezhoneg…), pages dans une autre langue."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

from lxml.html import HtmlElement

from audit.artifacts.page import Link, Page
from audit.artifacts.text import fold
from audit.artifacts.urls import host_of, site_key
from audit.checks.framework.decide import evidence_of
from audit.checks.framework.evidence import element_excerpt, excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts
from audit.checks.framework.observe import REGION_WEIGHT, from_link
from audit.checks.site.sitemap import real_target

CRITERIA = ("site.languages",)
NEEDS = frozenset({"html"})

#: Language names a visitor reads in a switcher (own name and French name), by language code.
LANGUAGE_NAMES = {
    "en": ("english", "anglais", "anglaise"),
    "de": ("deutsch", "allemand", "allemande"),
    "es": ("espanol", "espagnol", "espagnole", "castellano"),
    "it": ("italiano", "italien", "italienne"),
    "nl": ("nederlands", "neerlandais", "neerlandaise"),
    "pt": ("portugues", "portugais", "portugaise"),
    "pl": ("polski", "polonais"),
    "ru": ("русский", "russe"),
    "zh": ("中文", "chinois"),
    "ar": ("العربية", "arabe"),
    "br": ("brezhoneg", "breton", "bretonne"),
    "oc": ("occitan", "occitane", "lenga d'oc"),
    "eu": ("euskara", "euskera", "basque"),
    "co": ("corsu", "corse"),
    "ca": ("catala", "catalan", "catalane"),
    "gsw": ("elsassisch", "elsasserditsch", "alsacien", "alsacienne"),
}
NAME_CODE = {name: code for code, names in LANGUAGE_NAMES.items() for name in names}
_NAMES = "|".join(sorted((re.escape(n) for n in NAME_CODE), key=len, reverse=True))
#: The whole link text names a language: "English", "EN - English", "Version anglaise", "In English".
SWITCHER_TEXT = re.compile(
    rf"^(?:[a-z]{{2,3}}\s*[-|:/]\s*)?(?:(?:version|site|site en|en|in|auf|e|in lingua|visit in|"
    rf"visiter en|page en)\s+)?(?P<name>{_NAMES})(?:\s+(?:version|site|language))?(?:\s*\(\w+\))?$"
)
#: Codes used as switcher labels: alone ("EN", "DE") or after a label ("About us (en)").
CODE_TEXT = re.compile(r"^(?P<code>en|de|es|it|nl|pt|pl|br|oc|eu|co|ca)$|[(\[](?P<tag>[a-z]{2,3})[)\]]$")
#: Query parameters that choose the language (?lang=en).
LANGUAGE_PARAMS = frozenset({"lang", "language", "langue", "locale", "hl", "l", "lng"})
#: Machine translation widgets: a weak sign, the content itself is not translated.
MACHINE_HOSTS = ("translate.google.com", "translate.googleapis.com", "gtranslate.net", "gtranslate.io")
MACHINE_MARKS = re.compile(r"gtranslate|google_translate|googtrans|translate\.google|dogtranslate", re.I)
#: Function words only French uses: a page full of them is French whatever its lang attribute says.
FRENCH_WORDS = frozenset("le les des et du pour une est dans sur avec aux qui vous nous sont ou au".split())
FRENCH_SHARE = 0.06

STRENGTH = {"hreflang": 0.9, "page": 0.9, "switcher": 0.85, "external": 0.45, "code": 0.7, "script": 0.4,
            "path": 0.3, "machine": 0.3}
#: A language is reported when its sightings (best of each kind, combined) reach this.
THRESHOLD = 0.5


def _code(tag: str | None) -> str | None:
    """Primary language subtag, lower-case; None for French, x-default and empty tags."""
    code = (tag or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code and code not in ("fr", "x", "und", "mul") and code.isalpha() and len(code) <= 3 else None


def _is_french(page: Page) -> bool:
    words = re.findall(r"[a-z]+", page.folded)
    return bool(words) and sum(w in FRENCH_WORDS for w in words) / len(words) >= FRENCH_SHARE


def _same_site(link: Link, page: Page) -> bool:
    """Internal, or on a subdomain of the site (en.ville.fr)."""
    return link.internal or host_of(link.url).endswith("." + site_key(page.url).split(":")[0])


def _address_code(url: str) -> str | None:
    parts = urlsplit(url)
    for key, values in parse_qs(parts.query).items():
        if key.lower() in LANGUAGE_PARAMS and _code(values[0]) in LANGUAGE_NAMES:
            return _code(values[0])
    first = host_of(url).split(".")[0]
    if first in LANGUAGE_NAMES:
        return first
    segment = next((s for s in parts.path.lower().split("/") if s), "")
    return _code(segment) if _code(segment) in LANGUAGE_NAMES and len(segment) <= 5 else None


def _machine(link: Link) -> bool:
    marks = " ".join(link.element.get(a) or "" for a in ("class", "onclick", "href", "id"))
    return bool(MACHINE_MARKS.search(marks) or any(h in link.url for h in MACHINE_HOSTS))


def _link_observation(page: Page, link: Link) -> Observation | None:
    """A language switcher entry, a machine-translation entry, or a language path, if `link` is one."""
    hreflang, lang = _code(link.element.get("hreflang")), _code(link.element.get("lang"))
    address = _address_code(link.url) if real_target(link) else None
    named = SWITCHER_TEXT.match(link.folded)
    code = NAME_CODE[named.group("name")] if named else None
    if code is None:
        bare = CODE_TEXT.search(link.folded)
        label = bare and (bare.group("code") or bare.group("tag"))
        if label and real_target(link) and label in (hreflang, lang, address):
            code, kind = label, "code"
        # hreflang names the target's language; lang alone often marks an English word ("Newsletter")
        elif real_target(link) and _same_site(link, page) and (hreflang or (lang and lang == address)):
            code, kind = hreflang or lang, "switcher"
        elif link.internal and address:
            code, kind = address, "path"
        else:
            return None
    elif _machine(link):
        kind = "machine"
    elif not real_target(link):
        kind = "script"
    else:
        kind = "switcher" if _same_site(link, page) else "external"
    if kind != "machine" and _machine(link):
        kind = "machine"
    return from_link("site.languages", page, link, STRENGTH[kind], kind=kind, value=code)


def _option_observation(page: Page, option: HtmlElement) -> Observation | None:
    """A drop-down switcher entry ("English" going to /en/); translation widgets' entries ("fr|en") are weak."""
    named = SWITCHER_TEXT.match(fold(option.text_content()))
    select = option.getparent()
    if not named or select is None:
        return None
    target = (option.get("value") or "").strip()
    marks = f"{select.get('onchange') or ''} {select.get('class') or ''} {select.get('id') or ''} {target}"
    if MACHINE_MARKS.search(marks) or "|" in target:
        kind = "machine"
    elif target.startswith(("/", "http://", "https://")):
        kind = "switcher"
    else:
        kind = "script"
    return Observation("site.languages", page.url, element_excerpt(option), kind=kind, locator=locator(option),
                       strength=STRENGTH[kind] * REGION_WEIGHT["body"], value=NAME_CODE[named.group("name")])


def observe(page: Page) -> Iterator[Observation]:
    seen: set[tuple[str, str]] = set()
    code = _code(page.lang)
    if code and not _is_french(page):
        seen.add((code, "page"))
        yield Observation("site.languages", page.url, excerpt(f'<html lang="{page.lang}"> {page.title}'),
                          kind="page", strength=STRENGTH["page"], value=code)
    for el in page.tree.iter("link"):
        code = _code(el.get("hreflang"))
        if code and "alternate" in (el.get("rel") or "").lower() and (code, "hreflang") not in seen:
            seen.add((code, "hreflang"))
            yield Observation("site.languages", page.url, element_excerpt(el), kind="hreflang",
                              locator=locator(el), strength=STRENGTH["hreflang"], value=code)
    for link in page.links:
        obs = _link_observation(page, link)
        if obs and (obs.value, obs.kind) not in seen:
            seen.add((obs.value, obs.kind))
            yield obs
    for option in page.tree.iter("option"):
        obs = _option_observation(page, option)
        if obs and (obs.value, obs.kind) not in seen:
            seen.add((obs.value, obs.kind))
            yield obs
    widget = next((s for s in page.scripts if MACHINE_MARKS.search(s)), None) or next(
        (s[:200] for s in page.inline_scripts if MACHINE_MARKS.search(s)), None
    )
    if widget and ("*", "machine") not in seen:
        yield Observation("site.languages", page.url, excerpt(widget), kind="machine",
                          strength=STRENGTH["machine"], value="*")


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    best: dict[tuple[str, str], Observation] = {}
    for obs in observations:
        key = (obs.value, obs.kind)
        if key not in best or obs.strength > best[key].strength:
            best[key] = obs
    by_code: dict[str, list[Observation]] = {}
    for (code, _kind), obs in best.items():
        by_code.setdefault(code, []).append(obs)
    languages = sorted(
        code for code, seen in by_code.items()
        if code != "*" and 1.0 - _product(1.0 - o.strength for o in seen) >= THRESHOLD
    )
    if not languages:
        weak = max((o.strength for o in observations), default=0.0)
        return {"site.languages": Answer("absent", [], confidence=0.8 - weak / 2, value=[])}
    shown = [o for code in languages for o in by_code[code]]
    confidence = max(1.0 - _product(1.0 - o.strength for o in by_code[code]) for code in languages)
    return {"site.languages": Answer("present", evidence_of(shown), confidence=confidence, value=languages)}


def _product(values: Iterator[float]) -> float:
    out = 1.0
    for v in values:
        out *= v
    return out
