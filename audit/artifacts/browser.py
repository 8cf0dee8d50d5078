"""The browser: system Chromium driven by scrapy-playwright, and the axe-core script injected in it.

The browser is optional. `browser_settings` turns it on only when Chromium is
installed; otherwise the audit runs on static HTML and the criteria that need a
browser say so in ``site.errors``.
"""

from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DESKTOP = {"viewport": {"width": 1366, "height": 900}, "locale": "fr-FR"}
MOBILE = {
    "viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True,
    "device_scale_factor": 2, "locale": "fr-FR",
}
_PROJECT_ROOT = Path(__file__).resolve().parents[2]
AXE_DIR = _PROJECT_ROOT / "node_modules" / "axe-core"


class BrowserUnavailable(RuntimeError):
    """Chromium or axe-core is missing: the message says what to install (in French)."""


def find_chromium(configured: str | None = None) -> str | None:
    """Path of the Chromium executable: the configured one, else ``chromium`` on PATH."""
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def context_kwargs(viewport: str, user_agent: str) -> dict[str, object]:
    """Browser-context options for a ``desktop`` or ``mobile`` rendering."""
    if viewport == "mobile":
        return {**MOBILE, "user_agent": user_agent + " Mobile"}
    return {**DESKTOP, "user_agent": user_agent}


def browser_settings(chromium: str, user_agent: str) -> dict[str, object]:
    """Scrapy settings that route ``meta["playwright"]`` requests through Chromium.

    Requests without that key still use Scrapy's own HTTP handler.
    """
    handler = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
    return {
        "DOWNLOAD_HANDLERS": {"http": handler, "https": handler},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": {"executable_path": chromium, "args": CHROMIUM_ARGS, "headless": True},
        # No startup contexts: the browser launches on the first rendering only.
        "PLAYWRIGHT_CONTEXTS": {},
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": 4,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": 30_000,
    }


@cache
def axe_source() -> str:
    """axe-core's script, configured with its French locale, ready for ``page.evaluate``."""
    script = AXE_DIR / "axe.min.js"
    locale = AXE_DIR / "locales" / "fr.json"
    if not script.exists():
        raise BrowserUnavailable(f"axe-core introuvable ({script}) : lancez « make setup » (npm ci)")
    french = json.loads(locale.read_text(encoding="utf-8")) if locale.exists() else None
    configure = f";window.axe.configure({{locale: {json.dumps(french)}}});" if french else ""
    # Hide the page's own AMD/CommonJS loaders so axe always lands on window.axe.
    return (
        "(function (define, module, exports) {" + script.read_text(encoding="utf-8") + configure
        + "}).call(window, undefined, undefined, undefined)"
    )


class BrowserAddon:
    """Scrapy add-on: turns rendering on when ``AUDIT_BROWSER`` allows it and Chromium and axe-core are there.

    It sets ``AUDIT_BROWSER_READY``, or ``AUDIT_BROWSER_ERROR`` with the reason,
    for both ``audit run`` and ``scrapy crawl``.
    """

    def update_settings(self, settings) -> None:  # noqa: ANN001 - scrapy.settings.Settings
        if settings.get("AUDIT_BROWSER") == "off":
            settings.set("AUDIT_BROWSER_READY", False, priority="addon")
            return
        chromium = find_chromium(settings.get("AUDIT_CHROMIUM_PATH"))
        problem = None if chromium else "Chromium introuvable : installez-le (apt-get install chromium) ou lancez « make setup »"
        if chromium:
            try:
                axe_source()
            except BrowserUnavailable as exc:
                problem = str(exc)
        if problem:
            settings.set("AUDIT_BROWSER_READY", False, priority="addon")
            settings.set("AUDIT_BROWSER_ERROR", problem, priority="addon")
            return
        for name, value in browser_settings(chromium, settings.get("USER_AGENT")).items():
            settings.set(name, value, priority="addon")
        settings.set("AUDIT_BROWSER_READY", True, priority="addon")
