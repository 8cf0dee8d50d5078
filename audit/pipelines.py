"""Item pipeline: writes each site's ``audit.json`` as soon as the site is done,
and the run's ``summary.csv`` when the crawl closes."""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy.crawler import Crawler

from audit.items import SiteResult
from audit.output import write_audit
from audit.reports.summary import write_summary_csv

logger = logging.getLogger(__name__)


class AuditJsonPipeline:
    def __init__(self, run_dir: Path) -> None:
        self.run_dir = run_dir

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "AuditJsonPipeline":
        return cls(Path(crawler.settings.get("AUDIT_OUTPUT_DIR")))

    def process_item(self, item: SiteResult) -> SiteResult:
        path = write_audit(self.run_dir, item.slug, item.audit)
        logger.info("audit written: %s", path)
        return item

    def close_spider(self) -> None:
        if self.run_dir.exists():
            write_summary_csv(self.run_dir)
