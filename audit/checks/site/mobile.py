"""Site adapté aux mobiles : balise viewport « width=device-width » et feuilles de style responsives.

With the browser, the home page rendered 375 px wide decides: a page laid out
wider than twice the phone is not adapted, whatever its markup says. A smaller
sideways scroll is one element too wide (a video embed, a table) in a page
made for phones: the markup decides and the overflow is reported, like small
tap targets, in the value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.artifacts.page import Page
from audit.checks.framework.decide import presence
from audit.checks.framework.evidence import element_excerpt, excerpt, locator
from audit.checks.framework.model import Answer, Evidence, Observation, SiteFacts

CRITERIA = ("site.mobile",)
NEEDS = frozenset({"html", "rendered"})

#: A viewport that follows the device width; a fixed one ("width=1024") is a desktop page.
DEVICE_WIDTH = re.compile(r"width\s*=\s*device-width", re.I)
#: Width-based media queries: the page lays itself out differently on narrow screens.
WIDTH_QUERY = re.compile(r"@media[^{]*\((?:max|min)-(?:device-)?width\s*:", re.I)
MEDIA_ATTR = re.compile(r"\((?:max|min)-(?:device-)?width\s*:", re.I)

STRENGTH_VIEWPORT = 0.9
#: Media queries without a device-width viewport do not fire on phones (they render 980 px wide).
STRENGTH_MEDIA = 0.4
#: Sideways scrolling under this many pixels is a rounding artefact, not a layout problem.
OVERFLOW_TOLERANCE_PX = 8


def _rendered(page: Page) -> Iterator[Observation]:
    layout = page.layout or {}
    overflow = layout.get("overflow_px", 0)
    verdict = (f"défilement horizontal de {overflow} px à {layout.get('viewport_width')} px de large"
               if overflow > OVERFLOW_TOLERANCE_PX else f"aucun défilement horizontal à {layout.get('viewport_width')} px de large")
    yield Observation("site.mobile", page.url, f"Rendu mobile : {verdict} ; {layout.get('small_tap_targets', 0)} "
                      f"cible(s) tactile(s) de moins de 24 px sur {layout.get('tap_targets', 0)}",
                      kind="rendered", strength=0.95, value=layout)


def observe(page: Page) -> Iterator[Observation]:
    if page.rendered:
        if page.viewport == "mobile" and page.layout is not None:
            yield from _rendered(page)
        return
    for meta in page.tree.iter("meta"):
        if (meta.get("name") or "").lower() == "viewport" and DEVICE_WIDTH.search(meta.get("content") or ""):
            yield Observation("site.mobile", page.url, element_excerpt(meta), kind="viewport",
                              locator=locator(meta), strength=STRENGTH_VIEWPORT)
            break
    for el in page.tree.iter("style", "link"):
        if el.tag == "style":
            match = WIDTH_QUERY.search(el.text or "")
            if match:
                yield Observation("site.mobile", page.url, excerpt((el.text or "")[match.start():], "@media"),
                                  kind="media", locator=locator(el), strength=STRENGTH_MEDIA)
                return
        elif "stylesheet" in (el.get("rel") or "").lower() and MEDIA_ATTR.search(el.get("media") or ""):
            yield Observation("site.mobile", page.url, element_excerpt(el), kind="media", locator=locator(el),
                              strength=STRENGTH_MEDIA)
            return


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    # The same template on every page proves no more than once: keep the first sighting of each kind.
    first: dict[str, Observation] = {}
    for obs in observations:
        first.setdefault(obs.kind, obs)
    rendered = first.pop("rendered", None)
    answer = presence(list(first.values()), "site.mobile")
    value: dict[str, object] = {"viewport": "viewport" in first, "media_queries": "media" in first}
    if rendered is not None:
        layout = rendered.value
        value["rendered"] = layout
        overflow = layout.get("overflow_px", 0)
        if OVERFLOW_TOLERANCE_PX < overflow <= (layout.get("viewport_width") or 0) and answer.status == "present":
            # One element wider than the phone (an embedded video, a wide table) in a page laid out for it.
            answer.evidence = [Evidence(url=rendered.url, excerpt=rendered.excerpt)] + answer.evidence
            answer.value = value
            return {"site.mobile": answer}
        overflows = overflow > OVERFLOW_TOLERANCE_PX
        status = "absent" if overflows else "present"
        evidence = [Evidence(url=rendered.url, excerpt=rendered.excerpt)] + (answer.evidence if not overflows else [])
        return {"site.mobile": Answer(status, evidence, confidence=0.95, value=value)}
    if answer.status == "present":
        answer.value = value
    return {"site.mobile": answer}
