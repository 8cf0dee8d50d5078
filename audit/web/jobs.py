"""The service's audit queue: jobs kept on disk, run one per worker process.

Each job is a folder ``DATA/jobs/<id>/`` holding ``job.json`` (what was asked,
its state), ``progress.json`` (written by the worker), ``worker.log`` and
``out/`` (the run folder: ``<slug>/audit.json``, ``<slug>/report.html``,
``grid.xlsx``…). Folders are kept after the audit, so earlier audits of a site
can be listed and compared. The queue runs in the service's event loop: it
starts up to ``workers`` processes (``python -m audit.web.worker``), kills one
that outlives its time budget, and records how each ended.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from audit.artifacts.urls import site_key
from audit.results.output import AUDIT_FILE, write_atomic
from audit.web.worker import JOB_FILE, OUT_DIR, read_progress

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
#: Seconds a worker may run past its time budget (pages in flight, reports) before it is killed.
KILL_GRACE = 90.0
_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def valid_id(job_id: str) -> bool:
    """Job ids are ``secrets.token_urlsafe`` strings: anything else never reaches the file system."""
    return 8 <= len(job_id) <= 64 and set(job_id) <= _ID_CHARS


@dataclass
class Job:
    """One requested audit and where it stands."""

    id: str
    url: str
    scheme_given: bool = True
    name: str = ""
    insee: str = ""
    created: str = field(default_factory=now_iso)
    state: str = QUEUED
    started: str = ""
    finished: str = ""
    message: str = ""
    settings: dict[str, Any] = field(default_factory=dict)
    #: The history database the audit is recorded in (``audit serve --db``), if any.
    db: str = ""

    @property
    def site(self) -> str:
        """The site's identity (host without ``www.``, explicit port): earlier audits share it."""
        return site_key(self.url)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Job":
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


class JobStore:
    """Jobs on disk under ``root/jobs/``."""

    def __init__(self, root: Path) -> None:
        self.root = root / "jobs"
        self.root.mkdir(parents=True, exist_ok=True)

    def folder(self, job_id: str) -> Path:
        if not valid_id(job_id):
            raise KeyError(job_id)
        return self.root / job_id

    def new_id(self) -> str:
        return secrets.token_urlsafe(12)

    def save(self, job: Job) -> None:
        write_atomic(self.folder(job.id) / JOB_FILE, json.dumps(asdict(job), ensure_ascii=False, indent=1).encode("utf-8"))

    def load(self, job_id: str) -> Job | None:
        try:
            return Job.from_dict(json.loads((self.folder(job_id) / JOB_FILE).read_text(encoding="utf-8")))
        except (KeyError, OSError, ValueError, TypeError):
            return None

    def all(self) -> list[Job]:
        """Every job, oldest first."""
        jobs = [job for path in self.root.iterdir() if (job := self.load(path.name)) is not None]
        return sorted(jobs, key=lambda j: (j.created, j.id))

    def result(self, job_id: str) -> tuple[Path, dict[str, Any]] | None:
        """The job's site folder and its ``audit.json`` once written."""
        out = self.folder(job_id) / OUT_DIR
        for path in sorted(out.glob(f"*/{AUDIT_FILE}")):
            try:
                return path.parent, json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                return None
        return None

    def progress(self, job_id: str) -> dict[str, Any]:
        return read_progress(self.folder(job_id))


class JobQueue:
    """Runs queued jobs in worker processes, `workers` at a time, in submission order."""

    def __init__(self, store: JobStore, workers: int = 1, time_budget: float = 300.0) -> None:
        self.store = store
        self.workers = workers
        self.time_budget = time_budget
        self.queued: list[str] = []
        self.running: dict[str, tuple[subprocess.Popen[bytes], float]] = {}
        self._task: asyncio.Task[None] | None = None
        self._recover()

    def _recover(self) -> None:
        """After a restart: queued jobs wait again in their order; interrupted ones are marked failed."""
        for job in self.store.all():
            if job.state == QUEUED:
                self.queued.append(job.id)
            elif job.state == RUNNING:
                job.state, job.finished = FAILED, now_iso()
                job.message = "audit interrompu par un redémarrage du service"
                self.store.save(job)

    def submit(self, job: Job) -> None:
        self.store.save(job)
        self.queued.append(job.id)

    def ahead(self, job_id: str) -> int:
        """Sites waiting before this one (0 once it runs)."""
        return self.queued.index(job_id) if job_id in self.queued else 0

    def tick(self) -> None:
        """Reap finished workers, kill overdue ones, start queued jobs while a worker is free."""
        for job_id, (proc, started) in list(self.running.items()):
            code = proc.poll()
            if code is None and time.monotonic() - started > self.time_budget + KILL_GRACE:
                _kill(proc)
                code = proc.wait()
            if code is not None:
                del self.running[job_id]
                self._finish(job_id, code)
        while self.queued and len(self.running) < self.workers:
            self._start(self.queued.pop(0))

    def _start(self, job_id: str) -> None:
        job = self.store.load(job_id)
        if job is None:
            return
        folder = self.store.folder(job_id)
        job.state, job.started = RUNNING, now_iso()
        self.store.save(job)
        with (folder / "worker.log").open("ab") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", "audit.web.worker", str(folder)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True, env=os.environ.copy(),
            )
        self.running[job_id] = (proc, time.monotonic())

    def _finish(self, job_id: str, code: int, message: str = "") -> None:
        job = self.store.load(job_id)
        if job is None:
            return
        job.finished = now_iso()
        if self.store.result(job_id) is not None:
            job.state = DONE
        else:
            job.state = FAILED
            job.message = message or ("l'audit a dépassé le temps maximal et a été arrêté" if code == -signal.SIGKILL
                                      else "l'audit n'a pas pu aboutir (erreur interne du service)")
        self.store.save(job)

    async def run(self, interval: float = 0.3) -> None:
        """The dispatcher loop (a background task of the web application)."""
        while True:
            try:
                self.tick()
            except Exception:  # noqa: BLE001 - the loop must survive one bad job folder
                import logging

                logging.getLogger(__name__).exception("file d'audits")
            await asyncio.sleep(interval)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self.run())

    async def stop(self) -> None:
        """Stop the dispatcher and the workers (their jobs will show as interrupted after a restart)."""
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        for job_id, (proc, _started) in list(self.running.items()):
            _kill(proc)
            proc.wait()
            self._finish(job_id, -signal.SIGKILL, "audit interrompu par l'arrêt du service")
        self.running.clear()


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """Kill the worker and anything it started (its own process group)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
