"""Open a rendered report in headless Chromium: console errors, dialogs, axe-core violations, a screenshot."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audit.artifacts.browser import CHROMIUM_ARGS, axe_source, find_chromium


@dataclass
class Opened:
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)
    facts: Any = None


def open_report(path: Path, screenshot: Path | None = None, probe: Callable[[Any], Any] | None = None) -> Opened:
    """Load `path` from disk, run `probe(page)` and axe-core on it; save a full-page screenshot when asked."""
    from playwright.sync_api import sync_playwright

    opened = Opened()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="fr-FR")
            page.on("console", lambda m: m.type == "error" and opened.console_errors.append(m.text))
            page.on("pageerror", lambda e: opened.console_errors.append(str(e)))
            page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
            page.goto(path.resolve().as_uri(), wait_until="load")
            page.wait_for_timeout(200)
            if probe is not None:
                opened.facts = probe(page)
            if screenshot is not None:
                page.screenshot(path=str(screenshot), full_page=True)
            page.evaluate(axe_source())
            result = page.evaluate("async () => (await axe.run(document)).violations"
                                   ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))")
            opened.violations = result
        finally:
            browser.close()
    return opened
