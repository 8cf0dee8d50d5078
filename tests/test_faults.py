"""Fault suite: every way a commune site can fail, in one audit run, with nothing lost.

Each case is a server on 127.0.0.1 (one origin per case). The run must finish,
write a valid audit.json for every valid input row, record what went wrong in
``site.errors``, and leave undecidable criteria ``unknown``, never ``absent``.
"""

from __future__ import annotations

import contextlib
import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from audit.demo.server import serve_folder
from tests import faults
from tests.conftest import FAST, ROOT, read_audits, run_audit

#: name -> (behaviour, expectation). Expectations: "unreadable" = every criterion unknown, with one of
#: the error kinds; "readable" = the home page was read (some criterion decided), with these error kinds.
CASES = {
    "refused": (None, ("unreadable", {"home_unreachable"})),
    "unresolvable": (None, ("unreadable", {"home_unreachable"})),
    "silent": (None, ("unreadable", {"home_unreachable"})),
    "trickle": (faults.trickle, ("unreadable", {"home_unreachable"})),
    "error-500": (faults.status(500), ("unreadable", {"home_http_error"})),
    "error-503": (faults.status(503), ("unreadable", {"home_http_error"})),
    "retry-after": (faults.retry_after(2), ("readable", set())),
    "redirect-loop": (faults.redirect_loop, ("unreadable", {"home_unreachable"})),
    "redirect-chain": (faults.redirect_chain, ("unreadable", {"home_unreachable"})),
    "robots-disallow-all": (faults.robots_all_disallowed, ("unreadable", {"robots_disallow"})),
    "robots-error": (faults.robots_error, ("readable", {"robots_txt_error"})),
    "pdf-home": (faults.pdf_home, ("unreadable", {"home_not_html"})),
    "empty-home": (faults.empty_home, ("unreadable", {"home_empty"})),
    "too-large": (faults.huge_page, ("unreadable", {"home_unreachable"})),
    "gzip-bomb": (faults.gzip_bomb, ("unreadable", {"home_unreachable"})),
    "invalid-utf8": (faults.invalid_utf8, ("readable", set())),
    "wrong-charset": (faults.wrong_charset, ("readable", set())),
    "deep-nesting": (faults.deep_nesting, ("readable", set())),
    "many-links": (faults.many_links, ("readable", set())),
    "infinite-calendar": (faults.infinite_calendar, ("readable", set())),
    "session-ids": (faults.session_ids, ("readable", set())),
    "growing-paths": (faults.growing_paths, ("readable", set())),
    "endless-queries": (faults.endless_queries, ("readable", set())),
}
MAX_PAGES = 40
MAX_PER_PATTERN = 10


@pytest.fixture(scope="module")
def fault_run(tmp_path_factory):
    """Serve every case, audit them all in one run; yield audits by case name, request logs, and more."""
    tmp = tmp_path_factory.mktemp("faults")
    logs: dict[str, list[str]] = {}
    internal_log: list[str] = []
    with contextlib.ExitStack() as stack:
        internal = stack.enter_context(faults.serve(lambda h, p: faults.page(h, "<p>interne</p>"), internal_log))
        rows = []
        for name, (behaviour, _expect) in CASES.items():
            if name == "refused":
                url = faults.refused_url()
            elif name == "unresolvable":
                url = "http://commune-inexistante.invalid/"
            elif name == "silent":
                url = stack.enter_context(faults.silent_server())
            else:
                url = stack.enter_context(faults.serve(behaviour, logs.setdefault(name, [])))
            rows.append((name, url))
        rows.append(("ssrf", stack.enter_context(faults.serve(faults.links_to_internal(internal), logs.setdefault("ssrf", [])))))
        no_scheme = stack.enter_context(serve_folder(_plain_site(tmp), logs.setdefault("no-scheme", [])))
        rows.append(("no-scheme", no_scheme.replace("http://", "").rstrip("/")))
        communes = tmp / "communes.csv"
        with communes.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(["name", "insee", "url"])
            for i, (name, url) in enumerate(rows):
                writer.writerow([name, f"99{i:03d}", url])
            writer.writerow(["refused", "99000", rows[0][1]])  # a duplicate row
            writer.writerow(["invalide", "99999", "ftp://ville.fr"])
        out = tmp / "out"
        proc = run_audit(
            "run", "--from", str(communes), "--out", str(out), "--max-pages", str(MAX_PAGES), *FAST,
            "-s", "DOWNLOAD_TIMEOUT=4", "-s", "DOWNLOAD_MAXSIZE=2500000", "-s", f"AUDIT_MAX_PER_PATTERN={MAX_PER_PATTERN}",
            "-s", "RETRY_TIMES=0", "-s", "CONCURRENT_REQUESTS=32", timeout=300,
        )
    audits = {a["site"]["name"]: a for a in read_audits(out).values()}
    yield audits, logs, internal_log, proc, out


def _plain_site(tmp: Path) -> Path:
    root = tmp / "plain"
    root.mkdir()
    (root / "index.html").write_text(faults.HOME.format(
        "<form role='search'><input type='search' name='q'></form><a href='/prive/notes.html'>Notes internes</a>"
    ), encoding="utf-8")
    (root / "prive").mkdir()
    (root / "prive" / "notes.html").write_text("<p>interdit</p>", encoding="utf-8")
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /prive/\n", encoding="utf-8")
    return root


def _decided(audit: dict) -> bool:
    return any(a["status"] != "unknown" for a in audit["criteria"].values())


@pytest.mark.parametrize("case", list(CASES))
def test_fault_case_is_handled(fault_run, case):
    audits, _logs, _internal, _proc, _out = fault_run
    audit = audits[case]
    expectation, kinds = CASES[case][1]
    errors = {e["kind"] for e in audit["site"]["errors"]}
    if expectation == "unreadable":
        assert not _decided(audit), f"{case}: nothing can be decided, all must be unknown"
        assert errors & kinds, f"{case}: expected one of {kinds} in {errors}"
    else:
        assert _decided(audit), f"{case}: the home page should have been read ({errors})"
        assert kinds <= errors


def test_every_valid_row_has_an_audit_and_invalid_rows_are_listed(fault_run):
    audits, _logs, _internal, proc, out = fault_run
    assert set(audits) == set(CASES) | {"ssrf", "no-scheme"}
    assert "ligne" in proc.stderr and "ftp" in (out / "rejected.csv").read_text(encoding="utf-8")
    assert not list(out.glob("*/.audit.json.*.tmp")), "no half-written file may remain"


def test_retry_after_is_respected(fault_run):
    _audits, logs, _internal, _proc, _out = fault_run
    home_hits = [float(line.split()[0]) for line in logs["retry-after"] if line.endswith(" /")]
    assert len(home_hits) == 2
    assert home_hits[1] - home_hits[0] >= 1.9


@pytest.mark.parametrize("case", ["infinite-calendar", "session-ids", "growing-paths", "endless-queries", "many-links"])
def test_traps_are_capped(fault_run, case):
    _audits, logs, _internal, _proc, _out = fault_run
    pages = [line for line in logs[case] if not line.endswith(("/robots.txt", "/sitemap.xml"))]
    assert len(pages) <= MAX_PAGES
    if case != "many-links":
        assert len(pages) <= MAX_PER_PATTERN + 2


def test_internal_addresses_and_file_urls_are_never_fetched(fault_run):
    audits, _logs, internal_log, _proc, _out = fault_run
    assert internal_log == []
    errors = audits["ssrf"]["site"]["errors"]
    assert any(e["kind"] == "refused_address" for e in errors)


def test_scheme_less_url_falls_back_to_http(fault_run):
    audits, *_ = fault_run
    assert audits["no-scheme"]["criteria"]["site.search"]["status"] == "present"
    assert audits["no-scheme"]["site"]["final_url"].startswith("http://")


def test_scheme_less_url_obeys_robots_txt_of_the_origin_crawled(fault_run):
    """https is tried first and fails; the http origin's robots.txt must still be read and obeyed."""
    _audits, logs, *_ = fault_run
    assert "/robots.txt" in logs["no-scheme"]
    assert "/prive/notes.html" not in logs["no-scheme"]


def test_private_start_urls_can_be_refused_for_a_public_service(tmp_path):
    with serve_folder(_plain_site(tmp_path)) as url:
        run_audit("run", url, "--out", str(tmp_path / "out"), *FAST, "-s", "AUDIT_REFUSE_PRIVATE_START=True")
    (audit,) = read_audits(tmp_path / "out").values()
    assert any(e["kind"] == "refused_address" for e in audit["site"]["errors"])
    assert not _decided(audit)


def test_request_rate_per_site_stays_within_the_limit(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "index.html").write_text(faults.HOME.format("".join(f"<a href='/p{i}.html'>P{i}</a>" for i in range(12))))
    for i in range(12):
        (root / f"p{i}.html").write_text(faults.HOME.format("<p>page</p>"))
    log: list[str] = []
    with faults.serve(_static(root), log) as url:
        run_audit("run", url, "--out", str(tmp_path / "out"), "-s", "AUDIT_PROGRESS=False", "-s", "AUDIT_BROWSER=off",
                  "-s", "DOWNLOAD_DELAY=0.4", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1")
    times = sorted(float(line.split()[0]) for line in log)
    gaps = [b - a for a, b in zip(times, times[1:])]
    # Scrapy randomises the delay between 0.5x and 1.5x DOWNLOAD_DELAY: never below 0.2 s here.
    assert len(times) >= 10 and min(gaps) >= 0.18
    rate = (len(times) - 1) / (times[-1] - times[0])
    assert rate <= 1 / 0.2


def _static(root: Path):
    def behave(h, path):
        target = root / (path.lstrip("/") or "index.html")
        if target.is_file():
            faults.send(h, 200, target.read_bytes())
        else:
            faults.not_found(h)
    return behave


def test_resume_after_sigkill_finishes_without_redoing_sites(tmp_path):
    roots = []
    for i in range(20):
        root = tmp_path / f"s{i}"
        root.mkdir()
        links = "".join(f"<a href='/p{j}.html'>Démarches {j}</a>" for j in range(4))
        (root / "index.html").write_text(faults.HOME.format(links + "<form role='search'><input type='search' name='q'></form>"))
        for j in range(4):
            (root / f"p{j}.html").write_text(faults.HOME.format("<p>page</p>"))
        roots.append(root)
    flags = ["-s", "AUDIT_PROGRESS=False", "-s", "AUDIT_BROWSER=off", "-s", "AUTOTHROTTLE_ENABLED=False",
             "-s", "DOWNLOAD_DELAY=0.1", "-s", "CONCURRENT_REQUESTS=2"]
    with contextlib.ExitStack() as stack:
        urls = [stack.enter_context(serve_folder(root)) for root in roots]
        communes = tmp_path / "communes.csv"
        communes.write_text("name,insee,url\n" + "".join(f"Ville {i},99{i:03d},{u}\n" for i, u in enumerate(urls)))
        killed, full = tmp_path / "killed", tmp_path / "full"
        proc = subprocess.Popen([sys.executable, "-m", "audit.cli", "run", "--from", str(communes), "--out", str(killed), *flags],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while len(list(killed.glob("*/audit.json"))) < 8 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        done_before = {p.parent.name: p.stat().st_mtime_ns for p in killed.glob("*/audit.json")}
        assert 8 <= len(done_before) < 20, "the kill must land halfway"
        resumed = run_audit("run", "--from", str(communes), "--out", str(killed), "--resume", *flags)
        run_audit("run", "--from", str(communes), "--out", str(full), *flags)
    assert f"{len(done_before)} site(s) déjà audité(s)" in resumed.stderr
    after = read_audits(killed)
    assert len(after) == 20
    assert {slug: (killed / slug / "audit.json").stat().st_mtime_ns for slug in done_before} == done_before
    expected = read_audits(full)
    statuses = lambda audits: {s: {c: a["status"] for c, a in au["criteria"].items()} for s, au in audits.items()}  # noqa: E731
    assert statuses(after) == statuses(expected)
    with (killed / "summary.csv").open(encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 20
