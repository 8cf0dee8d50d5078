"""The self-audit service's pages in a real browser (system Chromium through Playwright).

``audit serve`` runs in a subprocess on a free port; the form is filled with the
address of a demo site served on 127.0.0.1, and the report it shows is compared
with ``audit run --no-browser`` on the same site. axe-core checks the pages.
"""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from audit.artifacts.browser import CHROMIUM_ARGS, axe_source, find_chromium
from audit.demo import catalogue
from audit.demo.server import serve_folder
from tests.conftest import FAST, ROOT, read_audits, run_audit

pytestmark = pytest.mark.skipif(find_chromium() is None, reason="Chromium n'est pas installé (make setup l'installe)")

VALBRUNE = next(c for c in catalogue.load() if c.name == "Valbrune")
QUICK_CRAWL = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def _service(tmp_path: Path, *extra: str) -> Iterator[str]:
    """Run ``audit serve`` in a subprocess; yield its base URL once it answers."""
    port = _free_port()
    log = (tmp_path / f"serve-{port}.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "audit.cli", "serve", "--port", str(port), "--data", str(tmp_path / f"data-{port}"),
         *QUICK_CRAWL, *extra],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                assert proc.poll() is None, (tmp_path / f"serve-{port}.log").read_text()
                assert time.monotonic() < deadline, "audit serve did not start"
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@contextlib.contextmanager
def _browser() -> Iterator[tuple[Any, list[str]]]:
    """A Chromium page; the list collects console errors (a CSP violation is one) and page errors."""
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="fr-FR")
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(str(e)))
            yield page, errors
        finally:
            browser.close()


def _axe(page: Any) -> list[dict[str, Any]]:
    page.evaluate(axe_source())
    return page.evaluate("async () => (await axe.run(document)).violations"
                         ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))")


def test_form_to_report_in_a_real_browser(tmp_path):
    with serve_folder(VALBRUNE.root) as site, _service(tmp_path, "--allow-network", "127.0.0.0/8") as service:
        run_audit("run", site, "--out", str(tmp_path / "cli"), "--no-browser", *FAST)
        (expected,) = read_audits(tmp_path / "cli").values()
        with _browser() as (page, errors):
            page.goto(service + "/")
            assert page.title().startswith("Auditer le site de votre commune")
            assert _axe(page) == []
            page.fill("#url", site)
            page.fill("#name", VALBRUNE.name)
            page.fill("#insee", VALBRUNE.insee)
            page.click("button[type=submit]")
            page.wait_for_url(f"{service}/audits/*")
            progress_url = page.url
            page.wait_for_selector("#historique", timeout=120_000)
            assert page.url == progress_url, "the report replaces the progress page at the same address"
            shown = dict(page.eval_on_selector_all(
                "article.criterion",
                "els => els.map(e => [e.querySelector('.id').textContent.replace(/[()]/g, ''), e.classList[1]])"))
            assert shown == {cid: answer["status"] for cid, answer in expected["criteria"].items()}
            assert page.inner_text("h1") == VALBRUNE.name
            for link in ("audit.json", "grille.xlsx"):
                href = page.get_attribute(f"nav a[href$='{link}']", "href")
                download = page.request.get(service + href)
                assert download.status == 200 and len(download.body()) > 1000
            downloaded = json.loads(page.request.get(service + page.get_attribute("nav a[href$='audit.json']", "href")).body())
            assert downloaded["site"]["pages_crawled"] == expected["site"]["pages_crawled"]
            assert _axe(page) == []
            assert errors == [], "no console error: the progress script runs under the CSP, the report runs none"


def test_private_address_is_refused_on_the_page(tmp_path):
    with _service(tmp_path) as service, _browser() as (page, errors):
        page.goto(service + "/")
        page.fill("#url", "http://127.0.0.1:8080/")
        page.click("button[type=submit]")
        alert = page.wait_for_selector("[role=alert]")
        message = alert.inner_text()
        assert "réseau privé ou réservé (127.0.0.1)" in message and "sites publics" in message
        assert page.input_value("#url") == "http://127.0.0.1:8080/"
        assert _axe(page) == []
        # The refusal page itself answers 400, which Chromium logs; nothing else may fail (CSP, assets).
        assert [e for e in errors if "status of 400" not in e] == []
