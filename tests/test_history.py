"""History database: recording runs, ``audit history``, ``audit diff``, change in the reports.

Against SQLite and a real PostgreSQL server started here (tests/postgres.py);
real crawls of sites served on 127.0.0.1, in subprocesses.
"""

from __future__ import annotations

import contextlib
import csv
import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from openpyxl import load_workbook
from sqlalchemy import create_engine, text

from audit.artifacts.browser import find_chromium
from audit.cli import main
from audit.demo.server import serve_folder
from audit.grid import load_grid
from audit.history.changes import compare, diff_audits
from audit.history.cli import DIFF_KEYS
from audit.history.store import (
    HistoryError,
    RunLock,
    _alembic_config,
    open_store,
    schema_revision,
)
from tests import postgres
from tests.conftest import FAST, ROOT, read_audits, run_audit

DEMO = ROOT / "audit" / "demo" / "sites"
_names = (f"t{i}" for i in itertools.count())


@pytest.fixture(scope="module")
def pg_server():
    with postgres.cluster() as url:
        yield url


@pytest.fixture
def pg_url(pg_server):
    """A fresh database on the test server."""
    return postgres.create_database(pg_server, next(_names))


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'history.sqlite'}"
    return postgres.create_database(request.getfixturevalue("pg_server"), next(_names))


def make_audit(url: str, started: str, overrides: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """A complete audit (every grid criterion answered absent) with `overrides` per criterion."""
    criteria = {cid: {"status": "absent", "evidence": []} for cid in load_grid().ids}
    for cid, answer in (overrides or {}).items():
        criteria[cid] = {"evidence": [], **answer}
    site = {"start_url": url, "final_url": url, "started_at": started, "finished_at": started, "pages_crawled": 3,
            "errors": []}
    return {"site": site, "criteria": criteria}


def cli(capsys, *args: str, expect: int | None = 0) -> subprocess.CompletedProcess[str]:
    """Run a command that does not crawl (history, diff, report) in this process."""
    code = main(list(args))
    captured = capsys.readouterr()
    if expect is not None:
        assert code == expect, captured.err
    return subprocess.CompletedProcess(args, code, captured.out, captured.err)


def _proof(url: str, excerpt: str) -> list[dict[str, str]]:
    return [{"url": url, "excerpt": excerpt}]


# ------------------------------------------------------------------ pure comparison
def test_compare_reports_status_and_value_changes_with_both_evidences():
    before = make_audit("https://a.fr/", "2026-11-01T00:00:00+00:00", {
        "payment.online": {"status": "absent"},
        "accessibility.statement": {"status": "present", "value": {"level": "partiellement_conforme", "rate": 60},
                                    "evidence": _proof("https://a.fr/acc", "Déclaration")},
        "site.contact": {"status": "present", "evidence": _proof("https://a.fr/contact", "Contact")},
    })
    after = make_audit("https://a.fr/", "2026-12-01T00:00:00+00:00", {
        "payment.online": {"status": "present", "value": ["payfip"], "evidence": _proof("https://a.fr/", "PayFiP")},
        "accessibility.statement": {"status": "present", "value": {"level": "totalement_conforme", "rate": 100},
                                    "evidence": _proof("https://a.fr/acc", "Déclaration")},
        # same answer seen on another page: not a change
        "site.contact": {"status": "present", "evidence": _proof("https://a.fr/nous-joindre", "Contact")},
    })
    changes = {c.criterion: c for c in compare(before, after)}
    assert set(changes) == {"payment.online", "accessibility.statement"}
    payment = changes["payment.online"]
    assert (payment.before, payment.after, payment.value_before, payment.value_after) == ("absent", "present", None, ["payfip"])
    assert payment.status_changed and payment.evidence_after[0]["url"] == "https://a.fr/" and payment.evidence_before == ()
    statement = changes["accessibility.statement"]
    assert not statement.status_changed and statement.value_after["level"] == "totalement_conforme"
    assert statement.evidence_before[0]["excerpt"] == "Déclaration"
    assert compare(after, after) == []


def test_compare_ignores_crawl_order_and_where_things_were_seen():
    value = {"checked": 10, "broken": 1, "items": [{"url": "https://a.fr/x", "status": 404,
                                                    "referrers": ["https://a.fr/", "https://a.fr/b"]}]}
    reordered = {"items": [{"status": 404, "url": "https://a.fr/x", "referrers": ["https://a.fr/c"]}],
                 "broken": 1, "checked": 10.0}
    before = make_audit("https://a.fr/", "2026-11-01", {"site.broken_links": {"status": "present", "value": value},
                                                        "social.accounts": {"status": "present", "value": ["x", "y"]}})
    after = make_audit("https://a.fr/", "2026-12-01", {"site.broken_links": {"status": "present", "value": reordered},
                                                       "social.accounts": {"status": "present", "value": ["y", "x"]}})
    assert compare(before, after) == []
    after["criteria"]["site.broken_links"]["value"]["broken"] = 2
    assert [c.criterion for c in compare(before, after)] == ["site.broken_links"]


def test_diff_audits_lists_sites_appeared_and_disappeared():
    a, b, c = "https://a.fr/", "https://b.fr/", "https://c.fr/"
    diff = diff_audits({a: make_audit(a, "1"), b: make_audit(b, "1")},
                       {a: make_audit(a, "2", {"site.search": {"status": "present"}}), c: make_audit(c, "2")})
    assert diff.appeared == [c] and diff.disappeared == [b] and diff.compared == 1
    assert [(s.site, [x.criterion for x in s.changes]) for s in diff.changed()] == [(a, ["site.search"])]


# ------------------------------------------------------------- database and CLI
def _record_two_runs(url: str) -> tuple[int, int]:
    store = open_store(url)
    try:
        first = store.start_run(Path("/tmp/out-a"), {"settings": {}}, "2026-11", 2)
        store.record_site(first, "a", make_audit("https://a.fr/", "2026-11-01T08:00:00+00:00", {
            "payment.online": {"status": "absent"},
            "site.news": {"status": "present", "value": {"latest": "2026-10-20", "recent_count": 4},
                          "evidence": _proof("https://a.fr/actus", "Actualités")},
            "site.contact": {"status": "present", "value": "=HYPERLINK(\"http://evil\")",
                             "evidence": _proof("https://a.fr/contact", "Contact")},
        }), [("https://a.fr/", 200, None), ("https://a.fr/gone", 404, None)])
        store.record_site(first, "gone", make_audit("https://gone.fr/", "2026-11-01T08:00:00+00:00"))
        store.finish_run(first, 2)
        second = store.start_run(Path("/tmp/out-b"), {"settings": {}}, "2026-12", 2)
        store.record_site(second, "a", make_audit("https://a.fr/", "2026-12-01T08:00:00+00:00", {
            "payment.online": {"status": "present", "value": ["payfip"], "evidence": _proof("https://a.fr/", "PayFiP")},
            "site.news": {"status": "present", "value": {"latest": "2026-11-28", "recent_count": 5},
                          "evidence": _proof("https://a.fr/actus", "Actualités")},
            "site.contact": {"status": "absent", "value": "=HYPERLINK(\"http://evil2\")"},
        }))
        store.record_site(second, "new", make_audit("https://new.fr/", "2026-12-01T08:00:00+00:00"))
        store.finish_run(second, 2)
        return first, second
    finally:
        store.close()


def test_history_and_diff_commands(db_url, tmp_path, capsys):
    first, second = _record_two_runs(db_url)
    listing = cli(capsys, "history", "--db", db_url).stdout.splitlines()
    assert listing[0].split() == ["N°", "Date", "Libellé", "Sites", "Pages", "État"]
    assert [line.split()[0] for line in listing[1:]] == [str(first), str(second)]
    assert listing[1].split()[-3:] == ["2", "6", "terminée"] and "2026-11" in listing[1]

    records = json.loads(cli(capsys, "diff", "--db", db_url, "--json").stdout)
    assert all(tuple(r) == DIFF_KEYS for r in records)
    by_key = {(r["site"], r["criterion"]): r for r in records}
    assert by_key[("https://a.fr/", "payment.online")] == {
        "site": "https://a.fr/", "criterion": "payment.online", "before": "absent", "after": "present",
        "value_before": None, "value_after": ["payfip"], "run_before": first, "run_after": second}
    assert by_key[("https://a.fr/", "site.news")]["value_after"] == {"latest": "2026-11-28", "recent_count": 5}
    assert by_key[("https://a.fr/", "site.contact")]["after"] == "absent"
    assert by_key[("https://new.fr/", None)]["after"] == "present"
    assert by_key[("https://gone.fr/", None)]["after"] == "absent"
    assert len(records) == 5  # unchanged criteria are not listed

    out_csv = tmp_path / "diff.csv"
    table = cli(capsys, "diff", str(first), str(second), "--db", db_url, "--csv", str(out_csv)).stdout
    assert "Paiement en ligne" in table and "absent" in table and "présent" in table
    assert "preuve après : https://a.fr/" in table and "Sites apparus : https://new.fr/" in table
    assert "Sites disparus : https://gone.fr/" in table
    with out_csv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5 and list(rows[0])[:8] == list(DIFF_KEYS)
    contact = next(r for r in rows if r["criterion"] == "site.contact")
    assert contact["value_before"].startswith("'=") and contact["value_after"].startswith("'=")
    assert all(not v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())
    # by label, reversed
    reverse = json.loads(cli(capsys, "diff", "2026-12", "2026-11", "--db", db_url, "--json").stdout)
    assert {(r["before"], r["after"]) for r in reverse if r["criterion"] == "payment.online"} == {("present", "absent")}


def _assert_one_line_error(proc: subprocess.CompletedProcess[str], *words: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("audit : erreur : "), proc.stderr
    for word in words:
        assert word in lines[0]


def test_unknown_run_gives_one_line_and_exit_2(db_url, capsys):
    _record_two_runs(db_url)
    _assert_one_line_error(cli(capsys, "diff", "42", "--db", db_url, expect=None), "exécution inconnue", "42")
    _assert_one_line_error(cli(capsys, "diff", "1", "no-such-label", "--db", db_url, expect=None), "no-such-label")


def test_unusable_database_gives_one_line_and_exit_2(tmp_path, capsys):
    closed = f"postgresql+psycopg://nobody:secret@127.0.0.1:{postgres.free_port()}/nothing"
    proc = cli(capsys, "history", "--db", closed, expect=None)
    _assert_one_line_error(proc, "inaccessible")
    assert "secret" not in proc.stderr
    _assert_one_line_error(cli(capsys, "history", "--db", f"sqlite:///{tmp_path / 'absent.sqlite'}", expect=None),
                           "aucune base")
    assert not (tmp_path / "absent.sqlite").exists()
    _assert_one_line_error(cli(capsys, "diff", "--db", "notadatabase://x", expect=None))


def test_older_schema_is_upgraded_newer_is_refused(db_url, capsys):
    engine = create_engine(db_url)
    with engine.begin() as connection:
        command.upgrade(_alembic_config(connection), "0001")
        connection.execute(text("INSERT INTO runs (status, started_at, tool_version, options, out_dir, sites_total) "
                                "VALUES ('finished', '2026-01-01 00:00:00', '0.0.1', '{}', '/tmp/old', 3)"))
    store = open_store(db_url)
    assert schema_revision(store) == ("0002",)
    assert [(r.id, r.tool_version, r.status) for r in store.runs()] == [(1, "0.0.1", "finished")]
    store.close()
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(HistoryError, match="version plus récente"):
        open_store(db_url)
    _assert_one_line_error(cli(capsys, "history", "--db", db_url, expect=None), "version plus récente")


def test_second_run_on_a_busy_database_is_refused(db_url, tmp_path):
    store = open_store(db_url)
    lock = RunLock(store)
    assert lock.acquire()
    try:
        assert not RunLock(store).acquire()
        out = tmp_path / "out"
        proc = run_audit("run", "http://127.0.0.1:9/", "--out", str(out), "--db", db_url, *FAST, expect=None)
        _assert_one_line_error(proc, "un autre « audit run »")
        assert not out.exists()
    finally:
        lock.release()
        store.close()


# ------------------------------------------------------------------- real crawls
def _change_site(root: Path) -> None:
    """The commune adds online payment (PayFiP) to its menu."""
    index = root / "index.html"
    html = index.read_text(encoding="latin-1")
    link = '<a href="liens.html">Liens utiles</a><br>'
    assert link in html
    html = html.replace(link, link + '\n<a href="https://www.payfip.gouv.fr/tpa/paiement.web?numcli=012345">'
                                     'Payer en ligne la cantine (PayFiP)</a><br>')
    index.write_text(html, encoding="latin-1")


def test_two_crawls_then_diff_finds_the_change(tmp_path, capsys):
    import shutil

    db = f"sqlite:///{tmp_path / 'history.sqlite'}"
    changing, steady = tmp_path / "ormelay", tmp_path / "steady"
    shutil.copytree(DEMO / "ormelay-le-bas", changing)
    shutil.copytree(DEMO / "ormelay-le-bas", steady)
    ports = [postgres.free_port(), postgres.free_port()]
    communes = tmp_path / "communes.csv"
    out1, out2 = tmp_path / "2026-11", tmp_path / "2026-12"
    for out, label in ((out1, "2026-11"), (out2, "2026-12")):
        if label == "2026-12":
            _change_site(changing)
        with serve_folder(changing, port=ports[0]) as url_a, serve_folder(steady, port=ports[1]) as url_b:
            communes.write_text(f"name,insee,url\nOrmelay,99001,{url_a}\nStable,99002,{url_b}\n", encoding="utf-8")
            proc = run_audit("run", "--from", str(communes), "--out", str(out), "--db", db, "--label", label, *FAST)
        assert "enregistrée" in proc.stderr
    read_audits(out2)
    records = json.loads(cli(capsys, "diff", "--db", db, "--json").stdout)
    changed = {(r["site"], r["criterion"]): (r["before"], r["after"]) for r in records}
    assert changed[(url_a, "payment.payfip")] == ("absent", "present")
    assert changed[(url_a, "payment.online")] == ("absent", "present")
    assert not [key for key in changed if key[0] == url_b], "an unchanged site must show no change"
    assert {r["run_before"] for r in records} == {1} and {r["run_after"] for r in records} == {2}

    listing = cli(capsys, "history", "--db", db).stdout
    assert "2026-11" in listing and "2026-12" in listing and listing.count("terminée") == 2

    report = (out2 / "99001-ormelay" / "report.html").read_text(encoding="utf-8")
    assert "Changements depuis le" in report and "payment.payfip" in report and "Historique du site" in report
    steady_report = (out2 / "99002-stable" / "report.html").read_text(encoding="utf-8")
    assert "Aucun changement depuis l" in steady_report
    assert "Changements depuis le" not in (out1 / "99001-ormelay" / "report.html").read_text(encoding="utf-8")
    summary = (out2 / "summary.html").read_text(encoding="utf-8")
    assert "Changements depuis l'audit précédent" in summary and "Paiement en ligne" in summary
    sheet = load_workbook(out2 / "summary.xlsx")["Vue d'ensemble"]
    header = [c.value for c in sheet[1]]
    column = header.index("Changements depuis l'audit précédent")
    cells = {row[0].value: row[column].value for row in sheet.iter_rows(min_row=2)}
    assert cells["Ormelay"].startswith("2 changement(s)") or cells["Ormelay"].startswith("3 changement(s)")
    assert "PayFiP" in cells["Ormelay"] and cells["Stable"].startswith("aucun changement")

    if find_chromium() is not None:  # the new sections keep the reports accessible
        from tests.reports_browser import open_report

        for page in (out2 / "99001-ormelay" / "report.html", out2 / "summary.html"):
            assert open_report(page).violations == [], page

    # re-rendering later from the files shows the same change
    (out2 / "99001-ormelay" / "report.html").unlink()
    cli(capsys, "report", str(out2), "--db", db)
    assert "Changements depuis le" in (out2 / "99001-ormelay" / "report.html").read_text(encoding="utf-8")


def test_unreachable_database_keeps_every_output_file(served, tmp_path):
    url = served(DEMO / "ormelay-le-bas")
    out = tmp_path / "out"
    closed = f"postgresql+psycopg://nobody@127.0.0.1:{postgres.free_port()}/nothing"
    proc = run_audit("run", url, "--out", str(out), "--db", closed, *FAST, expect=None)
    _assert_one_line_error(proc, "inaccessible", "sans historique")
    assert len(read_audits(out)) == 1
    assert all((out / name).exists() for name in ("summary.csv", "summary.html", "summary.xlsx", "grid.csv"))


def test_sigkill_leaves_run_unfinished_and_resume_completes_it(pg_url, tmp_path, capsys):
    roots = []
    for i in range(5):
        root = tmp_path / f"s{i}"
        root.mkdir()
        links = "".join(f"<a href='/p{j}.html'>Démarches {j}</a>" for j in range(3))
        (root / "index.html").write_text(f"<html lang='fr'><title>Ville {i}</title><body>{links}</body></html>")
        for j in range(3):
            (root / f"p{j}.html").write_text("<html lang='fr'><title>page</title><body><p>page</p></body></html>")
        roots.append(root)
    flags = ["-s", "AUDIT_PROGRESS=False", "-s", "AUDIT_BROWSER=off", "-s", "AUTOTHROTTLE_ENABLED=False",
             "-s", "DOWNLOAD_DELAY=0.25", "-s", "CONCURRENT_REQUESTS=1"]
    out = tmp_path / "out"
    with contextlib.ExitStack() as stack:
        urls = [stack.enter_context(serve_folder(root)) for root in roots]
        communes = tmp_path / "communes.csv"
        communes.write_text("name,insee,url\n" + "".join(f"Ville {i},99{i:03d},{u}\n" for i, u in enumerate(urls)))
        args = ["run", "--from", str(communes), "--out", str(out), "--db", pg_url, "--label", "2026-12", *flags]
        proc = subprocess.Popen([sys.executable, "-m", "audit.cli", *args], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 90
        while len(list(out.glob("*/audit.json"))) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        written = {json.loads(p.read_text(encoding="utf-8"))["site"]["start_url"] for p in out.glob("*/audit.json")}
        assert 2 <= len(written) < 5, "the kill must land halfway"

        listing = cli(capsys, "history", "--db", pg_url).stdout.splitlines()
        assert len(listing) == 2 and listing[1].split()[-1] == "inachevée"
        store = open_store(pg_url)
        recorded = set(store.run_audits(1))
        store.close()
        assert recorded <= written and len(recorded) >= len(written) - 1, (recorded, written)

        resumed = run_audit(*args, "--resume")
    assert "reprise de l'exécution n° 1" in resumed.stderr
    listing = cli(capsys, "history", "--db", pg_url).stdout.splitlines()
    assert len(listing) == 2 and listing[1].split()[-1] == "terminée" and listing[1].split()[-3] == "5"
    store = open_store(pg_url)
    try:
        audits = store.run_audits(1)
        assert set(audits) == set(urls)
        assert all(len(a["criteria"]) == len(load_grid().ids) for a in audits.values())
    finally:
        store.close()


def test_head_constant_is_the_migrations_head(tmp_path):
    from alembic.script import ScriptDirectory

    from audit.history.store import HEAD

    engine = create_engine(f"sqlite:///{tmp_path / 'h.sqlite'}")
    with engine.connect() as connection:
        assert ScriptDirectory.from_config(_alembic_config(connection)).get_heads() == [HEAD]
    engine.dispose()
