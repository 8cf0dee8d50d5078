"""What the spider does with a rendered page: let it settle, then read the DOM, axe-core, the layout.

These are coroutines on a Playwright page; the spider calls them from its
rendering callback and always closes the page afterwards.
"""

from __future__ import annotations

from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page as BrowserPage

from audit.artifacts.browser import axe_source

NETWORK_IDLE_MS = 3_000
#: After network idle, wait until the DOM has been quiet this long (scripts inserting menus late)...
QUIET_MS = 500
#: ...but never longer than this.
SETTLE_MAX_MS = 3_000

_SETTLE_JS = """([quietMs, maxMs]) => new Promise((resolve) => {
  let timer = null;
  const finish = () => { observer.disconnect(); resolve(); };
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(finish, quietMs); });
  observer.observe(document, {subtree: true, childList: true});
  timer = setTimeout(finish, quietMs);
  setTimeout(finish, maxMs);
})"""

_AXE_RUN_JS = """async () => {
  const result = await window.axe.run(document, {resultTypes: ['violations']});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, tags: v.tags, nodes: v.nodes.length,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  }));
}"""

#: Horizontal overflow and tap targets smaller than 24 px (WCAG 2.2, 2.5.8), inline text links excepted.
_LAYOUT_JS = """() => {
  const doc = document.documentElement;
  const scrollWidth = Math.max(doc.scrollWidth, document.body ? document.body.scrollWidth : 0);
  const small = [];
  let targets = 0;
  for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, [role=button]')) {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
    if (el.tagName === 'A' && el.closest('p')) continue;
    targets += 1;
    if (r.width < 24 || r.height < 24) {
      small.push({text: (el.innerText || el.getAttribute('aria-label') || el.outerHTML).trim().slice(0, 80),
                  width: Math.round(r.width), height: Math.round(r.height)});
    }
  }
  // A mobile browser widens its layout viewport to fit a too-wide page: measure against the screen.
  const width = Math.min(window.innerWidth, screen.width || window.innerWidth);
  return {viewport_width: width, scroll_width: scrollWidth,
          overflow_px: Math.max(0, scrollWidth - width),
          tap_targets: targets, small_tap_targets: small.length, small_examples: small.slice(0, 5)};
}"""


async def settle(page: BrowserPage) -> None:
    """Network idle (bounded), then a bounded quiet period for late DOM insertions."""
    try:
        await page.wait_for_load_state("networkidle", timeout=NETWORK_IDLE_MS)
    except PlaywrightError:
        pass  # a page that keeps polling never goes idle: the quiet period still bounds the wait
    await page.evaluate(_SETTLE_JS, [QUIET_MS, SETTLE_MAX_MS])


async def run_axe(page: BrowserPage) -> list[dict[str, Any]]:
    """axe-core's violations in the page (French messages), injected with ``evaluate`` so a strict CSP cannot block it."""
    await page.evaluate(axe_source())
    return await page.evaluate(_AXE_RUN_JS)


async def measure_layout(page: BrowserPage) -> dict[str, Any]:
    return await page.evaluate(_LAYOUT_JS)
