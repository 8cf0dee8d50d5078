"""Aides à l'accessibilité : FALC, langue des signes, accueil des sourds, outils d'adaptation de l'affichage."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from audit.artifacts.page import Page, region_of
from audit.artifacts.text import clean, fold, words_pattern
from audit.artifacts.urls import host_matches
from audit.checks.common.a11y_vocab import real_target
from audit.checks.framework.decide import evidence_of, strongest_per_kind
from audit.checks.framework.evidence import element_excerpt, excerpt, locator
from audit.checks.framework.model import Answer, Observation, SiteFacts
from audit.checks.framework.observe import REGION_WEIGHT, from_link

CRITERIA = ("accessibility.aids",)
NEEDS = frozenset({"html"})

AIDS = CRITERIA[0]
#: Aid kinds, reported in the answer's value.
FALC, LSF, RELAY, TOOL, DISPLAY = "falc", "langue_des_signes", "accueil_sourds", "outil_adaptation", "parametres_affichage"

# --------------------------------------------------------------- vocabulary (folded text)
FALC_WORDS = words_pattern("falc", "facile a lire et a comprendre", "facile a lire & a comprendre")
#: Sign language as something offered ("vidéo en LSF", "accueil en langue des signes").
LSF_OFFERED = words_pattern(
    r"(?:en|version|traduction|traduite?s?|videos?|interpretation|interpretee?s?|accueil|accessible) (?:en )?"
    r"(?:langue des signes(?: francaise)?|lsf)",
    r"(?:langue des signes(?: francaise)?|lsf) (?:\(lsf\) )?(?:video|traduction|accueil|interpretation)",
)
#: Sign language named alone: enough for a menu or a toolbar icon, not for an agenda item.
LSF_NAMED = words_pattern("langue des signes(?: francaise)?", "lsf")
#: Remote reception of deaf and hard-of-hearing people: vendors and what visitors read.
RELAY_HOSTS = frozenset({"acce-o.fr", "acceo.fr", "elioz.fr", "elioz.com", "rogervoice.com", "deafi.fr", "deafi.io"})
RELAY_VENDORS = words_pattern("acce-?o", "elioz", "rogervoice", "deafi")
RELAY_RECEPTION = words_pattern(
    r"accueil (?:des|pour les) (?:personnes |usagers )?(?:sourdes?|sourds|malentendants?)",
    r"(?:service|accueil|relais) (?:telephonique )?(?:pour|des) (?:les )?(?:personnes )?(?:sourdes?|sourds|malentendantes?)",
)
#: "Sourds et malentendants" alone names a public: a feature only in menus, headers, footers.
RELAY_PUBLIC = words_pattern(r"(?:personnes )?sourdes? (?:et|ou) malentendantes?", "sourds (?:et|ou) malentendants")
RELAY_WORDS = re.compile(f"{RELAY_VENDORS.pattern}|{RELAY_RECEPTION.pattern}")
#: Display and reading tools loaded by the page (scripts, frames, links).
TOOL_HOSTS = frozenset({
    "readspeaker.com", "facil-iti.com", "facil-iti.fr", "userway.org", "acsbapp.com", "accessibe.com",
    "eye-able-cdn.com", "eye-able.com",
})
TOOL_WORDS = words_pattern("readspeaker", "facil'?iti", "userway", "accessibe", "eye-able")
#: "FacilE" is an ordinary word when folded: only its brand spelling counts.
FACILE_BRAND = re.compile(r"\bFacilE\b")
TOOL_SCRIPT = re.compile(r"readspeaker|facil-?iti|userway|acsbapp|eye-able", re.I)
#: Controls that adapt the display (labels of buttons, links, switches).
DISPLAY_CONTROL = words_pattern(
    r"(?:parametres?|options?|reglages?|preferences?) d'affichage", r"(?:adapter|personnaliser|modifier) l'affichage",
    r"contrastes? (?:renforces?|eleves?|augmentes?|forts?|inverses?)", r"(?:haut|fort|mode) contraste",
    r"(?:augmenter|diminuer|agrandir|reduire|modifier|changer|adapter) (?:la )?taille (?:du texte|des caracteres|de (?:la )?police)",
    r"taille (?:du texte|des caracteres|de (?:la )?police)", r"police (?:adaptee|dyslexie|pour (?:les )?dyslexiques)",
    "opendyslexic", r"(?:outils?|options?|barre|menu|panneau|parametres?|reglages?) d'accessibilite",
)
FONT_SIZE_BUTTON = re.compile(r"^a ?[+-]$")
#: DSFR's display-settings dialog (light/dark theme).
DSFR_DISPLAY = "fr-theme-modal"
#: Body-text mentions that are not features: a training or an event about the aid.
BODY_TRAPS = words_pattern("formation", "atelier", "cours", "initiation", "sensibilisation", "conference")
_CONTROL_XPATH = "//button|//*[@role='button' or @role='switch' or @role='checkbox']|//label|//input[@type='button']"


def _control_label(el: HtmlElement) -> str:
    parts = [el.text_content(), el.get("aria-label"), el.get("title"), el.get("value") if el.tag == "input" else None]
    return clean(" ".join(p for p in parts if p))


def _control(page: Page, kind: str, el: HtmlElement, label: str, strength: float) -> Observation:
    return Observation(AIDS, page.url, excerpt(label), kind=kind, locator=locator(el),
                       strength=strength * REGION_WEIGHT.get(region_of(el), 0.85), value=kind)


def _from_links(page: Page) -> Iterator[Observation]:
    for link in page.links:
        folded = link.folded
        structural = link.region in ("nav", "header", "footer")
        if host_matches(link.url, RELAY_HOSTS) or (RELAY_WORDS.search(folded) and real_target(link)):
            yield from_link(AIDS, page, link, 0.9, kind=RELAY, value=RELAY)
        elif RELAY_PUBLIC.search(folded) and real_target(link) and structural:
            yield from_link(AIDS, page, link, 0.75, kind=RELAY, value=RELAY)
        elif host_matches(link.url, TOOL_HOSTS) or TOOL_WORDS.search(folded) or FACILE_BRAND.search(link.text):
            yield from_link(AIDS, page, link, 0.85, kind=TOOL, value=TOOL)
        elif BODY_TRAPS.search(folded) and not structural:
            continue
        elif FALC_WORDS.search(folded) and real_target(link):
            yield from_link(AIDS, page, link, 0.85, kind=FALC, value=FALC)
        elif LSF_OFFERED.search(folded) and real_target(link):
            yield from_link(AIDS, page, link, 0.85, kind=LSF, value=LSF)
        elif LSF_NAMED.search(folded) and real_target(link) and structural:
            yield from_link(AIDS, page, link, 0.7, kind=LSF, value=LSF)
        elif DISPLAY_CONTROL.search(folded):
            yield from_link(AIDS, page, link, 0.8, kind=DISPLAY, value=DISPLAY)


def _from_page(page: Page) -> Iterator[Observation]:
    for url in [*page.scripts, *(e.url for e in page.embeds)]:
        if host_matches(url, TOOL_HOSTS):
            yield Observation(AIDS, page.url, excerpt(url), kind=TOOL, strength=0.9, value=TOOL)
        elif host_matches(url, RELAY_HOSTS):
            yield Observation(AIDS, page.url, excerpt(url), kind=RELAY, strength=0.9, value=RELAY)
    for code in page.inline_scripts:
        match = TOOL_SCRIPT.search(code)
        if match:
            yield Observation(AIDS, page.url, excerpt(code, match.group(0)), kind=TOOL, strength=0.8, value=TOOL)
            break
    for embed in page.embeds:
        if LSF_NAMED.search(fold(embed.title)):
            yield Observation(AIDS, page.url, excerpt(f"{embed.title} → {embed.url}"), kind=LSF,
                              locator=locator(embed.element), strength=0.8, value=LSF)
    for el in page.tree.xpath(_CONTROL_XPATH):
        label = _control_label(el)
        folded = fold(label)
        if DISPLAY_CONTROL.search(folded) or FONT_SIZE_BUTTON.match(folded):
            yield _control(page, DISPLAY, el, label, 0.85)
        elif el.get("aria-controls") == DSFR_DISPLAY and "fr-btn--close" not in (el.get("class") or ""):
            yield _control(page, DISPLAY, el, element_excerpt(el), 0.8)
        elif TOOL_WORDS.search(folded) or FACILE_BRAND.search(label):
            yield _control(page, TOOL, el, label, 0.85)
    for level, heading in page.headings:
        folded = fold(heading)
        for kind, pattern in ((FALC, FALC_WORDS), (LSF, LSF_OFFERED), (RELAY, RELAY_WORDS)):
            if pattern.search(folded) and not BODY_TRAPS.search(folded):
                yield Observation(AIDS, page.url, excerpt(heading), kind=kind, strength=0.75, value=kind)


def _from_text(page: Page) -> Iterator[Observation]:
    """Weak sightings in body text: they lower an absent answer's confidence, never decide alone."""
    for kind, pattern in ((FALC, FALC_WORDS), (LSF, LSF_OFFERED), (RELAY, RELAY_WORDS)):
        match = pattern.search(page.folded)
        if match:
            yield Observation(AIDS, page.url, excerpt(page.text, match.group(0)), kind=kind, strength=0.3, value=kind)


def observe(page: Page) -> Iterator[Observation]:
    if page.status >= 400:
        return
    yield from strongest_per_kind([*_from_links(page), *_from_page(page), *_from_text(page)]).values()


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    strong = [o for o in observations if o.strength >= 0.5]
    if not strong:
        return {AIDS: Answer("absent", [], confidence=0.75 if not observations else 0.6)}
    kinds = sorted({o.kind for o in strong})
    per_kind = [max((o for o in strong if o.kind == k), key=lambda o: o.strength) for k in kinds]
    confidence = min(0.95, max(o.strength for o in strong) + 0.03 * (len(kinds) - 1))
    return {AIDS: Answer("present", evidence_of(per_kind), confidence, kinds)}
