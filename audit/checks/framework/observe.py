"""Helpers for a check's ``observe``: build observations from links and text the same way everywhere."""

from __future__ import annotations

import re
from typing import Any

from audit.artifacts.page import Link, Page
from audit.checks.framework.evidence import excerpt, locator
from audit.checks.framework.model import Observation

#: How much a link's place on the page adds to what it proves: menus and footers are deliberate.
REGION_WEIGHT = {"nav": 1.0, "header": 1.0, "footer": 0.95, "main": 0.9, "aside": 0.85, "body": 0.85}


def link_excerpt(link: Link) -> str:
    """What a juror sees of a link: its text and where it points."""
    target = link.href or "(sans href)"
    return excerpt(f"{link.text} → {target}" if link.text else target)


def from_link(
    criterion: str, page: Page, link: Link, strength: float, kind: str = "", value: Any = None,
    weigh_region: bool = True, leads: bool = True,
) -> Observation:
    """An observation whose evidence is `link` on `page`.

    `leads` says the link proves something by the page it leads to (the usual
    case: a dead target proves nothing); False when its own words are the fact,
    like the footer mention « Accessibilité : partiellement conforme ».
    """
    if weigh_region:
        strength *= REGION_WEIGHT.get(link.region, 0.85)
    return Observation(
        criterion=criterion, url=page.url, excerpt=link_excerpt(link), kind=kind,
        locator=locator(link.element), strength=strength, value=value, target=link.url if link.internal and leads else None,
    )


def from_text(
    criterion: str, page: Page, pattern: re.Pattern[str], strength: float, kind: str = "", value: Any = None,
) -> Observation | None:
    """An observation for the first match of `pattern` (a folded-text regex) in the page's visible text."""
    match = pattern.search(page.folded)
    if not match:
        return None
    return Observation(
        criterion=criterion, url=page.url, excerpt=excerpt(page.text, match.group(0)), kind=kind,
        strength=strength, value=value,
    )


def links_matching(page: Page, pattern: re.Pattern[str], internal: bool | None = None) -> list[Link]:
    """Links whose folded text matches `pattern` (optionally only internal or external ones)."""
    return [
        link for link in page.links
        if pattern.search(link.folded) and (internal is None or link.internal == internal)
    ]
