"""The shared queue: ``audit enqueue`` and ``audit worker`` against a real ``redis-server`` started here
(tests/redis_server.py), crawling real sites served on 127.0.0.1, workers in subprocesses."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import redis

from audit.cli import main
from audit.demo.server import serve_folder
from audit.history.store import open_store
from audit.queue.redis_queue import SiteQueue, entry_payload
from audit.spiders.sites import SiteInput
from tests import redis_server
from tests.conftest import FAST, ROOT, read_audits, run_audit
from tests.postgres import free_port

#: One request at a time per site, with a delay: the crawl order, hence the audit, is the same in every run,
#: and a site takes long enough for a worker to be killed in the middle of one.
STEADY = [*FAST, "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "DOWNLOAD_DELAY=0.1"]


@pytest.fixture(scope="module")
def redis_url():
    with redis_server.server() as url:
        yield url


@pytest.fixture
def queue_url(redis_url):
    """The test server, emptied."""
    client = redis.Redis.from_url(redis_url)
    client.flushall()
    client.close()
    return redis_url


def make_sites(root: Path, count: int, pages: int = 5) -> list[Path]:
    """`count` small commune sites, each a home page linking to `pages` pages."""
    folders = []
    for i in range(count):
        folder = root / f"site{i}"
        folder.mkdir(parents=True)
        links = "".join(f"<li><a href='/p{j}.html'>Démarches en ligne {j}</a></li>" for j in range(pages))
        folder.joinpath("index.html").write_text(
            f"<html lang='fr'><head><title>Mairie de Ville {i}</title></head><body><nav><ul>{links}</ul></nav>"
            "<footer><a href='/mentions.html'>Mentions légales</a></footer></body></html>", encoding="utf-8")
        for j in range(pages):
            folder.joinpath(f"p{j}.html").write_text(
                f"<html lang='fr'><head><title>Démarche {j}</title></head><body><main><h1>Démarche {j}</h1>"
                f"<p>Téléphone : 01 23 45 67 8{j}</p></main></body></html>", encoding="utf-8")
        folder.joinpath("mentions.html").write_text(
            "<html lang='fr'><head><title>Mentions légales</title></head><body><h1>Mentions légales</h1></body></html>",
            encoding="utf-8")
        folders.append(folder)
    return folders


def write_communes(path: Path, urls: list[str], extra: str = "") -> Path:
    path.write_text("name,insee,url\n" + "".join(f"Ville {i},99{i:03d},{u}\n" for i, u in enumerate(urls)) + extra,
                    encoding="utf-8")
    return path


def worker(queue: str, out: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "audit.cli", "worker", "--queue", queue, "--out", str(out), *args],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def comparable(audit: dict[str, Any]) -> dict[str, Any]:
    """An audit without the moments of its crawl."""
    site = {k: v for k, v in audit["site"].items() if k not in ("started_at", "finished_at")}
    return {**audit, "site": site}


def crawls_of(staging: str) -> list[int]:
    """Processes whose command line names `staging` (the crawl subprocesses of one site)."""
    found = []
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if entry.name.isdigit() and staging in (entry / "cmdline").read_bytes().decode("utf-8", "replace"):
                found.append(int(entry.name))
    return found


def wait_for(condition, what: str, limit: float = 90) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.05)


# ------------------------------------------------------------------- the queue itself
def test_a_site_is_leased_to_one_worker_until_its_lease_expires(queue_url):
    queue = SiteQueue.connect(queue_url)
    sites = [SiteInput(url=f"https://www.ville-{i}.fr/", name=f"Ville {i}") for i in range(2)]
    entries = [(s.slug, entry_payload(s, s.slug, "2026-12")) for s in sites]
    assert queue.put(entries) == 2
    assert queue.put(entries) == 0, "a site already in the queue is not added twice"

    first = queue.claim(lease_seconds=1)
    second = queue.claim(lease_seconds=60)
    assert {first.slug, second.slug} == {"ville-0", "ville-1"}
    assert queue.claim(lease_seconds=60) is None, "a leased site is given to nobody else"
    assert queue.renew(second, 60)

    taken: list = []
    wait_for(lambda: taken.append(queue.claim(lease_seconds=60)) or taken[-1] is not None, "the lease to expire",
             limit=10)
    again = taken[-1]
    assert again.slug == first.slug and again.token != first.token
    assert not queue.renew(first, 60) and not queue.done(first), "an expired lease cannot renew nor finish"
    assert queue.done(again) and queue.done(second)
    assert queue.claim(lease_seconds=60) is None and queue.finished()
    assert queue.counts() == {"total": 2, "pending": 0, "leased": 0, "done": 2, "failed": 0}
    assert queue.put(entries) == 0, "a site done is never queued again"


@pytest.mark.parametrize("command", ["enqueue", "worker"])
def test_unreachable_or_invalid_queue_is_one_line_and_exit_2(command, tmp_path, capsys):
    communes = write_communes(tmp_path / "communes.csv", ["https://www.ville-a.fr/"])
    tail = ["--from", str(communes)] if command == "enqueue" else ["--out", str(tmp_path / "out")]
    for queue, words in ((f"redis://127.0.0.1:{free_port()}/0", "inaccessible"), ("http://127.0.0.1/", "invalide")):
        assert main([command, "--queue", queue, *tail]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("audit : erreur : ") and words in err[0], err


def test_enqueue_rejects_invalid_rows_as_audit_run_does(queue_url, tmp_path, capsys):
    communes = write_communes(tmp_path / "communes.csv", ["https://www.ville-a.fr", "www.ville-b.fr"],
                              extra="Sans adresse,99999,ftp://ville-c.fr\n")
    assert main(["enqueue", "--queue", queue_url, "--from", str(communes), "--label", "2026-12"]) == 0
    captured = capsys.readouterr()
    assert "2 site(s) ajouté(s)" in captured.out and "ligne 4 ignorée" in captured.err
    assert (tmp_path / "rejected.csv").read_text(encoding="utf-8").splitlines()[1].startswith("4,")
    entries = SiteQueue.connect(queue_url).client.hgetall("audit:entries")
    assert sorted(entries) == ["99000-ville-0", "99001-ville-1"]
    second = json.loads(entries["99001-ville-1"])
    assert second["url"] == "https://www.ville-b.fr/" and second["scheme_given"] is False and second["label"] == "2026-12"


def test_malformed_entries_are_logged_and_skipped(queue_url, tmp_path):
    (root,) = make_sites(tmp_path / "sites", 1, pages=1)
    queue = SiteQueue.connect(queue_url)
    queue.client.rpush("audit:pending", "sans-entree")
    queue.client.hset("audit:entries", "pas-du-json", "{pas du json")
    queue.client.rpush("audit:pending", "pas-du-json")
    queue.client.hset("audit:entries", "sans-url", json.dumps({"slug": "sans-url"}))
    queue.client.rpush("audit:pending", "sans-url")
    with serve_folder(root) as url:
        site = SiteInput(url=url, name="Ville", insee="99000")
        queue.put([(site.slug, entry_payload(site, site.slug, None))])
        proc = worker(queue_url, tmp_path / "out", "--exit-when-empty", *FAST)
        stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    assert stderr.count("entrée mal formée") == 3, stderr
    assert "Traceback" not in stderr
    assert list(read_audits(tmp_path / "out")) == ["99000-ville"]
    assert sorted(queue.client.hkeys("audit:failed")) == ["pas-du-json", "sans-entree", "sans-url"]
    assert "1 site(s) audité(s)" in stdout


# ------------------------------------------------------------------ several workers
def test_two_workers_one_killed_audit_every_site_once_as_audit_run_does(queue_url, tmp_path, capsys):
    roots = make_sites(tmp_path / "sites", 6)
    db = f"sqlite:///{tmp_path / 'history.sqlite'}"
    with contextlib.ExitStack() as stack:
        urls = [stack.enter_context(serve_folder(root)) for root in roots]
        communes = write_communes(tmp_path / "communes.csv", urls)
        run_audit("run", "--from", str(communes), "--out", str(tmp_path / "reference"), "--db",
                  f"sqlite:///{tmp_path / 'reference.sqlite'}", *STEADY)
        assert main(["enqueue", "--queue", queue_url, "--from", str(communes), "--label", "2026-12"]) == 0

        out_a, out_b = tmp_path / "machine-a", tmp_path / "machine-b"
        flags = ["--lease", "2", "--db", db, *STEADY]
        doomed = worker(queue_url, out_a, *flags)
        survivor = worker(queue_url, out_b, "--exit-when-empty", *flags)

        def midway() -> bool:  # one site published, the next one being crawled
            crawling = [p.parent.name.split(".")[0] for p in (out_a / ".work").glob("*/job.json")]
            return bool(list(out_a.glob("*/audit.json"))) and any(not (out_a / slug).exists() for slug in crawling)

        wait_for(lambda: midway() or doomed.poll() is not None, "worker A to be in the middle of a site")
        assert doomed.poll() is None, doomed.communicate()[1]
        os.kill(doomed.pid, signal.SIGKILL)
        doomed.communicate()
        interrupted = [p.name.split(".")[0] for p in (out_a / ".work").iterdir()]
        assert len(interrupted) == 1
        staging = next((out_a / ".work").iterdir())
        wait_for(lambda: not crawls_of(str(staging)), "the killed worker's crawl to die with it", limit=30)

        _, stderr = survivor.communicate(timeout=240)
        assert survivor.returncode == 0, stderr

    reference = read_audits(tmp_path / "reference")
    from_a, from_b = read_audits(out_a), read_audits(out_b)
    assert not set(from_a) & set(from_b), "a site audited twice"
    assert set(from_a) | set(from_b) == set(reference)
    assert interrupted[0] in from_b and interrupted[0] not in from_a, "the killed worker's site was audited again"
    for slug, audit in {**from_a, **from_b}.items():
        assert comparable(audit) == comparable(reference[slug]), slug

    # the results of both machines, copied together, make one report
    merged = tmp_path / "merged"
    for out in (out_a, out_b):
        shutil.copytree(out, merged, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".work"))
    assert main(["report", str(merged), "--db", db]) == 0
    capsys.readouterr()
    assert len((merged / "summary.csv").read_text(encoding="utf-8").splitlines()) == 1 + len(reference)

    # every site recorded once, in one run named by the label, finished
    store = open_store(db)
    try:
        (run,) = store.runs()
        assert run.label == "2026-12" and run.finished and run.sites == len(reference)
        assert set(store.run_audits(run.id)) == set(urls)
    finally:
        store.close()


def test_a_site_whose_crawl_keeps_failing_is_retried_then_set_aside(queue_url, tmp_path):
    queue = SiteQueue.connect(queue_url)
    site = SiteInput(url="https://www.ville-a.fr/", name="Ville A")
    queue.put([(site.slug, entry_payload(site, site.slug, None))])
    proc = worker(queue_url, tmp_path / "out", "--exit-when-empty", *FAST, "-s", "DOWNLOAD_DELAY=pas-un-nombre")
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    assert stderr.count("échec de l'audit de ville-a") == 3, stderr
    assert queue.counts() == {"total": 1, "pending": 0, "leased": 0, "done": 0, "failed": 1}
    assert "0 site(s) audité(s)" in stdout and not list((tmp_path / "out").glob("*/audit.json"))
