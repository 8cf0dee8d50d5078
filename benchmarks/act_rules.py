"""ACT consistency: our static rules and axe-core against the W3C ACT Rules test cases.

Run as ``.venv/bin/python benchmarks/act_rules.py``. It reads the ACT test
cases from the shared corpus (read-only), serves them on 127.0.0.1 under
``/WAI/`` (their assets use absolute ``/WAI/content-assets/...`` paths), and
for every case of an ACT rule one of our engines implements, compares with the
expected outcome:

- the static engine: does ``static_violations`` report the mapped rule on the
  page (failed) or not (passed or inapplicable)? Only HTML files are given to
  it, as in an audit, where only HTML pages reach the static rules;
- axe-core, as the spider runs it: the page rendered in Chromium, ``axe_source()``
  injected with ``evaluate`` in the top frame, ``axe.run`` restricted to the
  axe rules that declare this ACT rule in their ``actIds`` (only rules enabled
  by default, as our audits run axe with its defaults).

A case agrees when the engine fires exactly on ``failed`` cases (a silent rule
on an ``inapplicable`` case agrees). It prints a Markdown table for the README.
Not part of the test-suite (tests/test_act_rules.py checks the floors).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from audit.artifacts.browser import CHROMIUM_ARGS, axe_source, find_chromium  # noqa: E402
from audit.artifacts.page import Page  # noqa: E402
from audit.checks.accessibility.automated_audit import static_violations  # noqa: E402
from audit.demo.server import serve_folder  # noqa: E402

ACT_ROOT = ROOT.parent / "shared" / "corpus" / "wcag-act-rules"
ASSETS = ACT_ROOT / "content-assets" / "wcag-act-rules"
#: Where the cases live on the W3C site, hence on our server.
URL_PREFIX = "WAI/content-assets/wcag-act-rules/"

#: ACT rule id -> the static rule that implements it (hand-made: same applicability and expectation).
STATIC_RULE_FOR_ACT = {
    "b5c3f8": "html-has-lang",   # HTML page has lang attribute
    "2779a5": "document-title",  # HTML page has non-empty title
    "23a2a8": "image-alt",       # Image has non-empty accessible name (img and role=img)
    "59796f": "image-alt",       # Image button has non-empty accessible name (RGAA 1.1 covers input type=image)
    "e086e5": "label",           # Form field has non-empty accessible name
    "c487ae": "link-name",       # Link has non-empty accessible name
    "97a4e1": "button-name",     # Button has non-empty accessible name
}
#: The axe-core rules each ACT rule maps to, read from axe in the page (``actIds`` of enabled rules).
_AXE_RULES_JS = """() => window.axe._audit.rules
  .filter((r) => r.enabled !== false && !r.tags.includes('experimental') && (r.actIds || []).length)
  .map((r) => [r.id, r.actIds])"""
_AXE_RUN_JS = """async (rules) => {
  const result = await window.axe.run(document, {runOnly: {type: 'rule', values: rules}, resultTypes: ['violations']});
  return result.violations.map((v) => v.id);
}"""
NAVIGATION_TIMEOUT_MS = 10_000
WORKERS = 6


@dataclass(frozen=True)
class Case:
    """One ACT test case of one rule."""

    rule_id: str
    rule_name: str
    title: str
    relative_path: str
    expected: str  # passed / failed / inapplicable

    @property
    def path(self) -> Path:
        return ASSETS / self.relative_path

    @property
    def is_html(self) -> bool:
        return self.path.suffix == ".html"

    def agrees(self, fired: bool) -> bool:
        return fired == (self.expected == "failed")


def load_cases(rule_ids: Iterable[str] | None = None) -> list[Case]:
    """ACT test cases, all of them or those of `rule_ids`."""
    wanted = set(rule_ids) if rule_ids is not None else None
    data = json.loads((ASSETS / "testcases.json").read_text(encoding="utf-8"))
    return [
        Case(t["ruleId"], t["ruleName"], t["testcaseTitle"], t["relativePath"], t["expected"])
        for t in data["testcases"] if wanted is None or t["ruleId"] in wanted
    ]


def static_fires(case: Case, rule: str) -> bool:
    """Whether the static `rule` reports a violation on the case's page (non-HTML files never reach it)."""
    if not case.is_html:
        return False
    page = Page.from_html("https://www.w3.org/" + URL_PREFIX + case.relative_path, case.path.read_bytes())
    return static_violations(page).get(rule, 0) > 0


class AxeRunner:
    """One Chromium, a few reused tabs, the ACT folder served under /WAI/ on 127.0.0.1."""

    def __init__(self, base_url: str, browser) -> None:  # noqa: ANN001 - playwright Browser
        self.base_url = base_url
        self.browser = browser

    async def axe_rules_by_act(self) -> dict[str, list[str]]:
        page = await self.browser.new_page()
        try:
            await page.evaluate(axe_source())
            pairs = await page.evaluate(_AXE_RULES_JS)
        finally:
            await page.close()
        by_act: dict[str, list[str]] = defaultdict(list)
        for axe_rule, act_ids in pairs:
            for act_id in act_ids:
                by_act[act_id].append(axe_rule)
        return dict(by_act)

    async def violations(self, jobs: dict[str, list[str]]) -> dict[str, set[str] | None]:
        """axe rules violated on each page (relative path -> rules to run); None when axe could not run."""
        queue: asyncio.Queue[str] = asyncio.Queue()
        for path in jobs:
            queue.put_nowait(path)
        results: dict[str, set[str] | None] = {}

        async def worker() -> None:
            page = await self.browser.new_page()
            await page.route("**/*", _loopback_only)
            try:
                while not queue.empty():
                    path = queue.get_nowait()
                    results[path] = await self._run(page, path, jobs[path])
            finally:
                await page.close()

        await asyncio.gather(*(worker() for _ in range(WORKERS)))
        return results

    async def _run(self, page, path: str, rules: list[str]) -> set[str] | None:  # noqa: ANN001
        from playwright.async_api import Error as PlaywrightError

        try:
            await page.goto(self.base_url + URL_PREFIX + path, wait_until="load", timeout=NAVIGATION_TIMEOUT_MS)
        except PlaywrightError:
            pass  # a media file that never finishes loading: audit what is there
        try:
            await page.evaluate(axe_source())
            return set(await page.evaluate(_AXE_RUN_JS, rules))
        except PlaywrightError:
            return None  # e.g. axe cannot run in an XML document


async def _loopback_only(route) -> None:  # noqa: ANN001 - playwright Route
    """No internet here: fail external requests at once instead of waiting for DNS."""
    if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
        await route.continue_()
    else:
        await route.abort()


@contextlib.contextmanager
def serve_act() -> Iterator[str]:
    """Serve a temporary folder holding WAI -> the ACT corpus, so /WAI/content-assets/... resolves."""
    with tempfile.TemporaryDirectory(prefix="act-") as folder:
        (Path(folder) / "WAI").symlink_to(ACT_ROOT)
        with serve_folder(Path(folder)) as base_url:
            yield base_url


async def axe_agreement(cases: list[Case], base_url: str) -> tuple[dict[str, list[str]], dict[Case, bool | None]]:
    """(axe rules by ACT id, whether axe fired on each of `cases` whose ACT rule axe maps: None when axe failed)."""
    from playwright.async_api import async_playwright

    chromium = find_chromium()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            runner = AxeRunner(base_url, browser)
            mapping = await runner.axe_rules_by_act()
            mapped = [c for c in cases if c.rule_id in mapping]
            jobs: dict[str, set[str]] = defaultdict(set)
            for case in mapped:
                jobs[case.relative_path].update(mapping[case.rule_id])
            found = await runner.violations({path: sorted(rules) for path, rules in jobs.items()})
        finally:
            await browser.close()
    fired = {}
    for case in mapped:
        violated = found[case.relative_path]
        fired[case] = None if violated is None else bool(violated & set(mapping[case.rule_id]))
    return mapping, fired


def _pct(agreed: int, total: int) -> str:
    return f"{agreed}/{total} ({100 * agreed / total:.0f} %)" if total else "—"


def report(cases: list[Case], axe_map: dict[str, list[str]], axe_fired: dict[Case, bool | None]) -> list[str]:
    """The Markdown table: one row per ACT rule, static rules first, then the totals."""
    by_rule: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        if case.rule_id in STATIC_RULE_FOR_ACT or case.rule_id in axe_map:
            by_rule[case.rule_id].append(case)
    order = sorted(by_rule, key=lambda r: (r not in STATIC_RULE_FOR_ACT, by_rule[r][0].rule_name.lower()))
    lines = ["| ACT rule | Static rule | axe-core rules | Cases | Static agrees | axe-core agrees |",
             "|---|---|---|---:|---:|---:|"]
    totals = {"static": [0, 0], "axe_on_static": [0, 0], "axe": [0, 0]}
    for rule_id in order:
        rule_cases = by_rule[rule_id]
        static_rule = STATIC_RULE_FOR_ACT.get(rule_id)
        static_ok = sum(c.agrees(static_fires(c, static_rule)) for c in rule_cases) if static_rule else 0
        axe_ok = sum(bool(axe_fired.get(c)) == (c.expected == "failed") for c in rule_cases) if rule_id in axe_map else 0
        n = len(rule_cases)
        if static_rule:
            totals["static"][0] += static_ok
            totals["static"][1] += n
            if rule_id in axe_map:
                totals["axe_on_static"][0] += axe_ok
                totals["axe_on_static"][1] += n
        if rule_id in axe_map:
            totals["axe"][0] += axe_ok
            totals["axe"][1] += n
        lines.append(
            f"| {rule_cases[0].rule_name} ({rule_id}) | {static_rule or '—'} | {', '.join(axe_map.get(rule_id, [])) or '—'} "
            f"| {n} | {_pct(static_ok, n) if static_rule else '—'} | {_pct(axe_ok, n) if rule_id in axe_map else '—'} |"
        )
    lines.append(f"| **Static rules' ACT rules ({sum(r in STATIC_RULE_FOR_ACT for r in by_rule)})** | | | "
                 f"{totals['static'][1]} | **{_pct(*totals['static'])}** | **{_pct(*totals['axe_on_static'])}** |")
    lines.append(f"| **All mapped ACT rules ({len(by_rule)})** | | | {totals['axe'][1]} | — | **{_pct(*totals['axe'])}** |")
    failed = sum(1 for c, fired in axe_fired.items() if fired is None)
    if failed:
        lines.append(f"\naxe-core could not run on {failed} case(s) (non-HTML documents): counted as not firing.")
    return lines


def main() -> None:
    cases = load_cases()
    start = time.perf_counter()
    if find_chromium() is None:
        sys.exit("Chromium introuvable : installez-le (make setup)")
    with serve_act() as base_url:
        axe_map, axe_fired = asyncio.run(axe_agreement(cases, base_url))
    seconds = time.perf_counter() - start
    print("\n".join(report(cases, axe_map, axe_fired)))
    pages = len({c.relative_path for c in axe_fired})
    print(f"\n{pages} pages rendered and audited by axe-core {_axe_version()} in {seconds:.0f} s.")


def _axe_version() -> str:
    return json.loads((ROOT / "node_modules" / "axe-core" / "package.json").read_text())["version"]


if __name__ == "__main__":
    main()
