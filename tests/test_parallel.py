"""``audit run --jobs N``: real crawls of local sites split over several processes."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from audit.demo.server import serve_folder
from audit.history.store import open_store
from tests.conftest import FAST, ROOT, read_audits, run_audit
from tests.faults import silent_server
from tests.test_crawl import write_site

#: Four small communes, each answering a few criteria differently.
SITES: dict[str, dict[str, str]] = {
    "Ville-A": {
        "/": "<nav><a href='/contact/'>Contact</a> <a href='/mentions-legales/'>Mentions légales</a></nav>"
             "<a href='https://www.facebook.com/villea'>Facebook</a>",
        "/contact/": "<h1>Contact</h1><p>Mairie, 1 place de la Mairie, 01000 Ville-A. Tél. 01 23 45 67 89.</p>",
        "/mentions-legales/": "<h1>Mentions légales</h1><p>Éditeur : commune de Ville-A.</p>",
    },
    "Ville-B": {
        "/": "<a href='/conseil/'>Conseil municipal</a> <a href='/plan-du-site/'>Plan du site</a>",
        "/conseil/": "<h1>Conseil municipal</h1><a href='/docs/cr-2026-11.pdf'>Compte rendu du conseil municipal du 12 novembre 2026</a>",
        "/plan-du-site/": "<h1>Plan du site</h1><a href='/'>Accueil</a> <a href='/conseil/'>Conseil municipal</a>",
        "/docs/cr-2026-11.pdf": "%PDF-1.4 fake",
    },
    "Ville-C": {
        "/": "<footer><a href='/accessibilite/'>Accessibilité : non conforme</a></footer>"
             "<a href='https://www.tipi.budget.gouv.fr/tpa/accueilportail.web'>Payer la cantine en ligne</a>",
        "/accessibilite/": "<h1>Déclaration d'accessibilité</h1><p>La commune de Ville-C s'engage à rendre son site "
                           "accessible conformément à l'article 47 de la loi n° 2005-102. Ce site est non conforme "
                           "avec le RGAA 4.1.</p>",
    },
    "Ville-D": {"/": "<p>Bienvenue à Ville-D.</p>"},
}


@contextlib.contextmanager
def served_communes(tmp_path: Path) -> Iterator[Path]:
    """Serve the four communes on their own loopback ports; yield the input CSV."""
    with contextlib.ExitStack() as stack:
        rows = [(name, f"9900{i}", stack.enter_context(serve_folder(write_site(tmp_path / name, pages))))
                for i, (name, pages) in enumerate(SITES.items(), start=1)]
        communes = tmp_path / "communes.csv"
        with communes.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([("name", "insee", "url"), *rows])
        yield communes


def _canonical(value: Any) -> Any:
    """A value with its lists in a fixed order: pages are read in whatever order the crawl meets them."""
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return sorted((_canonical(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
    return value


def answers(out: Path) -> dict[str, dict[str, tuple[str, Any]]]:
    """Each site's criteria as (status, value), by slug."""
    return {slug: {cid: (a["status"], _canonical(a.get("value"))) for cid, a in audit["criteria"].items()}
            for slug, audit in read_audits(out).items()}


def summary_slugs(out: Path) -> list[str]:
    with (out / "summary.csv").open(encoding="utf-8") as handle:
        return [row["slug"] for row in csv.DictReader(handle)]


def test_two_processes_give_the_answers_of_one_and_record_one_run(tmp_path):
    db = f"sqlite:///{tmp_path / 'history.sqlite'}"
    with served_communes(tmp_path) as communes:
        run_audit("run", "--from", str(communes), "--out", str(tmp_path / "one"), "--jobs", "1",
                  "--db", f"sqlite:///{tmp_path / 'one.sqlite'}", *FAST)
        two = run_audit("run", "--from", str(communes), "--out", str(tmp_path / "two"), "--jobs", "2", "--db", db,
                        *FAST)
    one_answers, two_answers = answers(tmp_path / "one"), answers(tmp_path / "two")
    assert set(two_answers) == {"99001-ville-a", "99002-ville-b", "99003-ville-c", "99004-ville-d"}
    assert two_answers == one_answers
    assert sum(status == "present" for site in two_answers.values() for status, _ in site.values()) >= 8
    assert summary_slugs(tmp_path / "two") == summary_slugs(tmp_path / "one") == sorted(two_answers)
    for name in ("summary.html", "summary.xlsx", "grid.csv", "crawl-stats.json"):
        assert (tmp_path / "two" / name).is_file(), name
    stats = json.loads((tmp_path / "two" / "crawl-stats.json").read_text(encoding="utf-8"))
    assert stats["item_scraped_count"] == 4
    pages = sum(a["site"]["pages_crawled"] for a in read_audits(tmp_path / "two").values())
    assert "pages récupérées" not in two.stderr  # AUDIT_PROGRESS=False holds for the whole run
    store = open_store(db, create=False)
    try:
        (run,) = store.runs()
        assert run.finished and run.sites == 4 and run.pages >= pages
        recorded = store.run_audits(run.id)
    finally:
        store.close()
    assert len(recorded) == 4


def test_resume_after_a_run_with_two_processes(tmp_path):
    out = tmp_path / "out"
    db = f"sqlite:///{tmp_path / 'history.sqlite'}"
    with served_communes(tmp_path) as communes:
        run_audit("run", "--from", str(communes), "--out", str(out), "--jobs", "2", "--db", db, *FAST)
        first = answers(out)
        # Nothing left to do: every site is kept as it is.
        kept = {p: p.stat().st_mtime_ns for p in out.glob("*/audit.json")}
        again = run_audit("run", "--from", str(communes), "--out", str(out), "--resume", "--jobs", "2", "--db", db,
                          *FAST)
        assert "4 site(s) déjà audité(s)" in again.stderr
        assert {p: p.stat().st_mtime_ns for p in out.glob("*/audit.json")} == kept
        # Two sites lost (an interrupted run): only they are audited again, one per process.
        for slug in ("99002-ville-b", "99003-ville-c"):
            (out / slug / "audit.json").unlink()
        run_audit("run", "--from", str(communes), "--out", str(out), "--resume", "--jobs", "2", "--db", db, *FAST)
    for path, mtime in kept.items():
        assert (path.stat().st_mtime_ns == mtime) == (path.parent.name not in ("99002-ville-b", "99003-ville-c"))
    assert answers(out) == first
    assert summary_slugs(out) == sorted(first)


def test_a_crashed_process_loses_only_its_own_sites(tmp_path):
    """The second process (silent site) is killed: the first one's site is intact, the silent one failed."""
    db = f"sqlite:///{tmp_path / 'history.sqlite'}"
    out = tmp_path / "out"
    site = write_site(tmp_path / "a", SITES["Ville-A"])
    with serve_folder(site) as good, silent_server() as silent:
        proc = subprocess.Popen(
            [sys.executable, "-m", "audit.cli", "run", good, silent, "--out", str(out), "--jobs", "2", "--db", db,
             "-s", "DOWNLOAD_TIMEOUT=120", *FAST],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        deadline = time.monotonic() + 120
        while not list(out.glob("*/audit.json")) and time.monotonic() < deadline:
            time.sleep(0.2)
        (second,) = [pid for pid in _children(proc.pid) if _arguments(pid)[1:4] == ["-m", "audit.parallel", "2"]]
        os.kill(second, signal.SIGKILL)
        _stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    assert "processus d'audit n° 2 s'est arrêté" in stderr
    audits = read_audits(out)
    assert len(audits) == 2
    good_audit = next(a for a in audits.values() if a["site"]["start_url"] == good)
    failed = next(a for a in audits.values() if a["site"]["start_url"] == silent)
    assert good_audit["criteria"]["site.legal_notice"]["status"] == "present"
    assert [e["kind"] for e in failed["site"]["errors"]] == ["worker_failed"]
    assert {a["status"] for a in failed["criteria"].values()} == {"unknown"}
    store = open_store(db, create=False)
    try:
        (run,) = store.runs()
        assert run.finished and run.sites == 2
    finally:
        store.close()


def _children(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _arguments(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/cmdline").read_text().split("\0")


def test_bad_job_counts_are_refused_in_french():
    for value, reason in (("0", "doit être au moins 1"), ("x", "entier attendu, pas « x »"), ("-1", "doit être au moins 1")):
        proc = run_audit("run", "https://www.ville-exemple.fr", "--jobs", value, expect=2)
        assert f"audit run : erreur : argument --jobs: {reason}" in proc.stderr


def test_merged_stats_add_counts_keep_extremes_and_skip_empty_values():
    from datetime import datetime

    from audit.parallel import merge_stats

    early, late = datetime(2026, 12, 7, 9), datetime(2026, 12, 7, 10)
    merged = merge_stats([
        {"response_count": 10, "elapsed_time_seconds": 4.0, "audit/time_budget": None, "start_time": late},
        {"response_count": 7, "elapsed_time_seconds": 9.0, "audit/time_budget": 2.5, "start_time": early},
        {"response_count": 1, "audit/time_budget": 1.5},
    ])
    assert merged["response_count"] == 18
    assert merged["elapsed_time_seconds"] == 9.0
    assert merged["start_time"] == early
    assert merged["audit/time_budget"] == 4.0, "an empty stat in one process does not stop the others' from adding up"
