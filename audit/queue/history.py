"""The history side of the workers: every worker records its sites into one shared run per label.

``audit run`` holds the database for the length of its run; workers cannot, since many write at
once. Each site is recorded in its own transaction (as ``audit run`` does), into the run of its
``--label``: the first worker needing that run creates it, under a Redis lock, and keeps its
number in Redis (hash ``audit:runs``) for the others. The run is marked finished by the worker
that sees the queue empty.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

from audit.history.store import HistoryError, Store, database_url, open_store
from audit.queue.redis_queue import PREFIX, SiteQueue, shown_url

logger = logging.getLogger(__name__)

RUNS_KEY = f"{PREFIX}:runs"


class QueueHistory:
    """Records the sites a worker audits; the first database error stops the recording, never the worker."""

    def __init__(self, store: Store, queue: SiteQueue, out: Path, url: str) -> None:
        self.store = store
        self.queue = queue
        self.out = out
        self.key = hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]
        self.runs: dict[str, int] = {}
        self.error: str | None = None

    @classmethod
    def open(cls, db: str | None, queue: SiteQueue, out: Path) -> QueueHistory | None:
        """The history of a worker: `db` must work (HistoryError otherwise); without it, the default
        database (``$AUDIT_DB`` or ``reports/history.sqlite``) is used only when it already exists."""
        url = database_url(db)
        try:
            store = open_store(url, create=db is not None)
        except HistoryError:
            if db is not None:
                raise
            logger.info("no history database at %s: sites are not recorded", url)
            return None
        return cls(store, queue, out, url)

    def _run_id(self, label: str | None) -> int:
        field = f"{self.key}:{label or ''}"
        if field in self.runs:
            return self.runs[field]
        client = self.queue.client
        lock = client.lock(f"{RUNS_KEY}:lock", timeout=60, blocking_timeout=60)
        if not self.queue.call(lock.acquire):
            raise HistoryError("la file d'attente n'a pas donné le verrou des exécutions en 60 s")
        try:
            known = self.queue.call(client.hget, RUNS_KEY, field)
            if known is None:
                total = self.queue.counts()["total"]
                known = self.store.start_run(self.out, {"queue": shown_url(self.queue.url)}, label, total)
                self.queue.call(client.hset, RUNS_KEY, field, known)
        finally:
            self.queue.call(lock.release)
        self.runs[field] = int(known)
        return self.runs[field]

    def record(self, label: str | None, slug: str, audit: dict[str, Any],
               pages: list[tuple[str, int | None, str | None]]) -> None:
        """Record one finished site in its label's run (replacing an earlier record of it there)."""
        if self.error is not None:
            return
        try:
            self.store.record_site(self._run_id(label), slug, audit, pages)
        except HistoryError as exc:
            self.error = f"{exc} (historique incomplet ; les fichiers du dossier de sortie sont complets)"
            logger.error("history: %s", exc)

    def finish(self) -> None:
        """Mark the queue's runs in this database finished: called once nothing is pending nor leased."""
        if self.error is not None:
            return
        total = self.queue.counts()["total"]
        runs = self.queue.call(self.queue.client.hgetall, RUNS_KEY)
        try:
            for field, run_id in runs.items():
                if field.startswith(f"{self.key}:"):
                    self.store.finish_run(int(run_id), total)
        except HistoryError as exc:
            self.error = str(exc)

    def close(self) -> None:
        self.store.close()
