"""Shared test helpers: local sites, audit runs in a subprocess, schema validation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jsonschema
import pytest
from lxml import html as lxml_html

from audit.artifacts.page import Page
from audit.checks.framework.model import SiteFacts
from audit.checks.framework.registry import load_checks
from audit.checks.framework.runner import SiteAudit

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SITES = Path(__file__).resolve().parent / "sites"
SCHEMA = json.loads((SHARED / "grid" / "audit-result.schema.json").read_text(encoding="utf-8"))

#: Loopback servers need no politeness delay; tests stay fast.
QUICK = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "AUDIT_PROGRESS=False"]
#: Static crawls (the browser has its own tests).
FAST = [*QUICK, "-s", "AUDIT_BROWSER=off"]


def validate(audit: dict[str, Any]) -> dict[str, Any]:
    """Validate one audit.json against the shared contract and return it."""
    jsonschema.validate(audit, SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return audit


def run_audit(*args: str, expect: int | None = 0, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    """Run ``audit ARGS`` in a subprocess (a Scrapy crawl cannot restart in one process)."""
    proc = subprocess.run(
        [sys.executable, "-m", "audit.cli", *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT,
    )
    if expect is not None:
        assert proc.returncode == expect, f"exit {proc.returncode}\nstdout:{proc.stdout}\nstderr:{proc.stderr[-4000:]}"
    return proc


def read_audits(out: Path) -> dict[str, dict[str, Any]]:
    """Every audit.json of a run folder, validated, by slug."""
    audits = {p.parent.name: validate(json.loads(p.read_text(encoding="utf-8"))) for p in out.glob("*/audit.json")}
    assert audits, f"no audit.json written under {out}"
    return audits


def audit_pages(pages: list[tuple[str, str]], facts: SiteFacts | None = None) -> dict[str, Any]:
    """Run every installed check on HTML pages (first one is the home page), without crawling."""
    checks, errors = load_checks()
    assert not errors
    site = SiteAudit(checks)
    for i, (url, html) in enumerate(pages):
        site.observe(Page.from_html(url, html, is_home=i == 0))
    facts = facts or SiteFacts(start_url=pages[0][0], final_url=pages[0][0])
    facts.html_pages = facts.html_pages or len(pages)
    facts.pages_crawled = facts.pages_crawled or len(pages)
    criteria, _errors = site.decide(facts)
    return criteria


def as_pages(case: tuple[str, str] | list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A table case's pages: one page, or a page and the pages it leads to (see `followed`)."""
    return case if isinstance(case, list) else [case]


def followed(page: tuple[str, str], body: str) -> list[tuple[str, str]]:
    """`page` and the page of the site its first link leads to, titled with the link's text and holding `body`.

    A link naming a feature is only a promise: the juror follows it. This builds
    the page they find there, so a case says what that page delivers.
    """
    url, source = page
    link = next(a for a in lxml_html.fromstring(source).iter("a") if a.get("href"))
    name = " ".join(link.text_content().split()) or link.get("title") or "Page"
    target = urljoin(url, link.get("href"))
    return [page, (target, f"<html><head><title>{name}</title></head><body><main><h1>{name}</h1>{body}</main></body></html>")]


@pytest.fixture(autouse=True, scope="session")
def _history_db(tmp_path_factory):
    """Runs started by the tests record into a throw-away history database, never into ``reports/``."""
    if "AUDIT_DB" not in os.environ:
        os.environ["AUDIT_DB"] = f"sqlite:///{tmp_path_factory.mktemp('history') / 'history.sqlite'}"
    yield


@pytest.fixture
def served():
    """Serve test-site folders on loopback: ``served(path)`` returns the base URL."""
    from contextlib import ExitStack

    from audit.demo.server import serve_folder

    with ExitStack() as stack:
        yield lambda root: stack.enter_context(serve_folder(Path(root)))
