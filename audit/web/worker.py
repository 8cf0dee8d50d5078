"""The worker process of the self-audit service: one audit per process.

``python -m audit.web.worker JOB_DIR`` reads ``JOB_DIR/job.json`` (written by
the service), crawls the site into ``JOB_DIR/out/`` with the service's caps and
address policy, writes the reports there, and keeps ``JOB_DIR/progress.json``
up to date (pages read) for the progress page. A Scrapy crawl cannot restart in
one process, hence one process per audit.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response

from audit.results.output import write_atomic

logger = logging.getLogger(__name__)

JOB_FILE = "job.json"
#: The label of the history runs the service records (one per audit).
SERVICE_LABEL = "service"
PROGRESS_FILE = "progress.json"
OUT_DIR = "out"
#: Request kinds that are pages of the site (robots.txt, sitemap.xml and probes are not counted).
_PAGE_KINDS = frozenset({"home", "page", "render"})


class ProgressFile:
    """Scrapy extension: pages read so far, written to ``AUDIT_PROGRESS_FILE`` at most once a second.

    It also enforces the time budget (``AUDIT_TIME_BUDGET`` seconds): once spent, no further page
    is admitted (the site's page budget is closed), pages waiting in the downloader for their
    politeness delay are dropped, pages being downloaded finish, and the site's ``audit.json`` is
    written from what was read, as when the page budget runs out.
    """

    def __init__(self, crawler: Crawler, path: Path, budget: float) -> None:
        self.crawler = crawler
        self.path = path
        self.budget = budget
        self.pages = 0
        self.time_spent = False
        self.last = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ProgressFile":
        ext = cls(crawler, Path(crawler.settings.get("AUDIT_PROGRESS_FILE")),
                  crawler.settings.getfloat("AUDIT_TIME_BUDGET", 0))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        self._write(force=True)
        if self.budget > 0:
            from twisted.internet import reactor

            reactor.callLater(self.budget, self._time_up, spider)  # type: ignore[attr-defined]

    def _time_up(self, spider: Spider) -> None:
        from twisted.python.failure import Failure

        from audit.spiders.guard import OutOfScope

        self.time_spent = True
        spider.max_pages = 0  # the guard middleware now refuses every further page ("budget")
        engine = self.crawler.engine
        for slot in list(engine.downloader.slots.values()) if engine else []:
            waiting = list(slot.queue)
            slot.queue.clear()
            for request, deferred in waiting:
                if request.meta.get("kind") == "page":
                    deferred.errback(Failure(OutOfScope("budget", "temps maximal de l'audit atteint")))
                else:
                    slot.queue.append((request, deferred))
        self._write(force=True)

    def response_received(self, response: Response, request: Any, spider: Spider) -> None:
        if request.meta.get("kind") in _PAGE_KINDS:
            self.pages += 1
            self._write()

    def spider_closed(self, spider: Spider) -> None:
        self._write(force=True)

    def _write(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < 1.0:
            return
        self.last = now
        write_atomic(self.path, json.dumps({"pages": self.pages, "time_spent": self.time_spent}).encode("utf-8"))


def read_progress(job_dir: Path) -> dict[str, Any]:
    """The worker's last progress record (``{}`` before the crawl starts or when unreadable)."""
    try:
        return json.loads((job_dir / PROGRESS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def run_job(job_dir: Path) -> int:
    """Audit the site described by ``job_dir/job.json``; 0 when its ``audit.json`` was written.

    With a history database (``audit serve --db``), the audit is recorded there as a
    run labelled « service », beside the scheduled crawls of the same database.
    """
    from audit.spiders.crawl import pending_inputs, run_crawl
    from audit.reports.build import render_reports
    from audit.spiders.sites import SiteInput

    job = json.loads((job_dir / JOB_FILE).read_text(encoding="utf-8"))
    out = job_dir / OUT_DIR
    site = SiteInput(url=job["url"], name=job.get("name") or "", insee=job.get("insee") or "",
                     scheme_given=job.get("scheme_given", True))
    overrides: dict[str, Any] = dict(job.get("settings") or {})
    overrides["AUDIT_PROGRESS_FILE"] = str(job_dir / PROGRESS_FILE)
    overrides["EXTENSIONS"] = {"audit.web.worker.ProgressFile": 500}
    overrides["AUDIT_PROGRESS"] = "False"
    pending = pending_inputs([site], out, resume=False)
    record = _history(job.get("db") or "", out, site, pending)
    try:
        run_crawl(pending, out, overrides, recorder=record.record if record is not None and record.active else None)
        if record is not None:
            record.finish(1)
    finally:
        if record is not None:
            record.close()
    written = render_reports(out)
    return 0 if written else 1


def _history(db: str, out: Path, site: Any, pending: list[tuple[Any, str]]) -> Any:
    """The history run recording this audit, or None without a database or while another run writes to it.

    A database problem never fails the audit: the report is built from the job's folder as without one.
    """
    if not db:
        return None
    from audit.history.cli import RunHistory
    from audit.history.store import HistoryError

    try:
        record = RunHistory.begin(db, out, [site], pending, False, SERVICE_LABEL, {"service": True})
    except HistoryError as exc:
        logger.warning("history not recorded: %s", exc)
        return None
    if record.error:
        logger.warning("history not recorded: %s", record.error)
    return record


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage : python -m audit.web.worker DOSSIER_DE_TRAVAIL", file=sys.stderr)
        return 2
    return run_job(Path(args[0]))


if __name__ == "__main__":
    sys.exit(main())
