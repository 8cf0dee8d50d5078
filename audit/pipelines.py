"""Item pipeline: writes each site's ``audit.json`` as soon as the site is done,
and the run's ``summary.csv`` when the crawl closes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler

from audit.reports.summary import write_summary_csv
from audit.results.items import SiteResult
from audit.results.output import write_audit

logger = logging.getLogger(__name__)


#: A site recorder: called with (slug, audit, pages) right after the site's audit.json is written.
Recorder = Callable[[str, dict[str, Any], list[tuple[str, int | None, str | None]]], None]


class AuditJsonPipeline:
    """Writes each site's ``audit.json``, then hands it to the history recorder (setting
    ``AUDIT_HISTORY_RECORDER``, set by ``audit run``), so a run killed midway keeps every finished site."""

    def __init__(self, run_dir: Path, recorder: Recorder | None = None) -> None:
        self.run_dir = run_dir
        self.recorder = recorder

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "AuditJsonPipeline":
        recorder = crawler.settings.get("AUDIT_HISTORY_RECORDER")
        return cls(Path(crawler.settings.get("AUDIT_OUTPUT_DIR")), recorder if callable(recorder) else None)

    def process_item(self, item: SiteResult) -> SiteResult:
        path = write_audit(self.run_dir, item.slug, item.audit)
        logger.info("audit written: %s", path)
        if self.recorder is not None:
            self.recorder(item.slug, item.audit, item.pages)
        return item

    def close_spider(self) -> None:
        if self.run_dir.exists():
            write_summary_csv(self.run_dir)
