"""A worker: takes sites from the shared queue one at a time and audits each as ``audit run`` would.

Each site is crawled by a subprocess (`audit.queue.site_crawl`) into a staging folder under
``OUT/.work/``, while the worker renews the site's lease. The subprocess dies with the worker
(``PR_SET_PDEATHSIG``), so a worker killed with SIGKILL leaves no crawl behind: its lease
expires and another worker audits the site again. A finished site is published in this order:

1. the lease is renewed: if it was lost (another worker has the site now), the result is dropped;
2. the site's files are moved into ``OUT/<slug>/``, ``audit.json`` last, atomically;
3. the site is recorded in the history database;
4. the site is marked done in the queue.

A worker killed between 2 and 4 leaves ``OUT/<slug>/audit.json`` behind; the next worker taking
the site finds it, records it and marks it done without crawling again.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from audit.queue import site_crawl
from audit.queue.history import QueueHistory
from audit.queue.redis_queue import Lease, SiteQueue, parse_entry
from audit.results.output import AUDIT_FILE, site_dir

logger = logging.getLogger(__name__)

WORK_DIR = ".work"
_PR_SET_PDEATHSIG = 1


def say(message: str) -> None:
    """A line for the person watching the worker (in French)."""
    print(f"audit worker : {message}", file=sys.stderr, flush=True)


def _die_with_parent() -> None:
    """In the crawl subprocess: be killed when the worker dies, even by SIGKILL (Linux)."""
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


@dataclass
class WorkerConfig:
    """What ``audit worker`` was told: output folder, crawl settings (as ``audit run`` builds them), lease."""

    out: Path
    settings: dict[str, str]
    lease: float = 300.0
    exit_when_empty: bool = False
    #: Seconds between two looks at an empty queue.
    poll: float = 1.0


@dataclass
class Worker:
    """Takes sites from `queue` one at a time; `audited` lists the slugs it published."""

    queue: SiteQueue
    config: WorkerConfig
    history: QueueHistory | None = None
    audited: list[str] = field(default_factory=list)

    def run(self) -> None:
        """Audit sites until the queue has nothing pending nor leased (with `exit_when_empty`), or forever."""
        (self.config.out / WORK_DIR).mkdir(parents=True, exist_ok=True)
        told_finished = False
        while True:
            lease = self.queue.claim(self.config.lease)
            if lease is not None:
                self.process(lease)
                told_finished = False
                continue
            if self.queue.finished():
                if self.history is not None and not told_finished:
                    self.history.finish()
                told_finished = True
                if self.config.exit_when_empty:
                    return
            time.sleep(self.config.poll)

    def process(self, lease: Lease) -> None:
        """Audit one leased site; a malformed entry is reported and set aside."""
        try:
            site, slug, label = parse_entry(lease.payload)
            if slug != lease.slug:
                raise ValueError(f"le slug de l'entrée ({slug}) n'est pas sa clé")
        except ValueError as exc:
            say(f"entrée mal formée « {lease.slug[:80]} » ignorée : {exc}")
            self.queue.fail(lease, str(exc))
            return
        target = site_dir(self.config.out, slug) / AUDIT_FILE
        if target.exists():  # published by a worker killed before it could mark the site done
            self._record(label, slug, target, [])
            self.queue.done(lease)
            return
        staging = Path(tempfile.mkdtemp(prefix=f"{slug}.", dir=self.config.out / WORK_DIR))
        try:
            say(f"audit de {site.url} ({slug})")
            outcome = self._crawl(lease, staging)
            if outcome == "lost" or not self.queue.renew(lease, self.config.lease):
                say(f"bail perdu pour {slug} : un autre travailleur l'audite, ce résultat est abandonné")
                return
            if outcome != "ok":
                say(f"échec de l'audit de {slug} : {outcome}")
                self.queue.retry(lease, outcome)
                return
            self._publish(staging / site_crawl.OUT_DIR / slug, target.parent)
            self._record(label, slug, target, site_crawl.read_pages(staging))
            self.queue.done(lease)
            self.audited.append(slug)
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def _crawl(self, lease: Lease, staging: Path) -> str:
        """Run the site's crawl subprocess, renewing the lease meanwhile: ``ok``, ``lost`` or a failure reason."""
        site_crawl.write_job(staging, lease.payload, self.config.settings)
        proc = subprocess.Popen([sys.executable, "-m", "audit.queue.site_crawl", str(staging)],
                                stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent)
        while True:
            try:
                code = proc.wait(timeout=self.config.lease / 3)
                break
            except subprocess.TimeoutExpired:
                if not self.queue.renew(lease, self.config.lease):
                    proc.kill()
                    proc.wait()
                    return "lost"
        if code != 0:
            return f"le processus d'audit a fini avec le code {code}"
        if not (staging / site_crawl.OUT_DIR / lease.slug / AUDIT_FILE).exists():
            return "aucun audit.json écrit"
        return "ok"

    @staticmethod
    def _publish(source: Path, folder: Path) -> None:
        """Move the site's files into its output folder, ``audit.json`` last (each move is atomic)."""
        folder.mkdir(parents=True, exist_ok=True)
        files = sorted(source.iterdir(), key=lambda p: p.name == AUDIT_FILE)
        for path in files:
            os.replace(path, folder / path.name)

    def _record(self, label: str | None, slug: str, target: Path, pages: list[tuple[str, int | None, str | None]]) -> None:
        if self.history is not None:
            self.history.record(label, slug, json.loads(target.read_text(encoding="utf-8")), pages)
