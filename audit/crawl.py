"""Running a crawl in this process, the way ``audit run`` and ``audit demo`` do."""

from __future__ import annotations

from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from audit import settings as default_settings
from audit.sites import SiteInput
from audit.spiders.commune import CommuneSpider


def build_settings(out_dir: Path, overrides: dict[str, str] | None = None) -> Settings:
    settings = Settings()
    settings.setmodule(default_settings, priority="project")
    settings.set("AUDIT_OUTPUT_DIR", str(out_dir), priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawl(sites: list[SiteInput], out_dir: Path, overrides: dict[str, str] | None = None) -> dict:
    """Crawl `sites` into `out_dir` (one ``audit.json`` each, plus ``summary.csv``); return the stats.

    A process can start only one crawl (Twisted's reactor cannot restart).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    process = CrawlerProcess(build_settings(out_dir, overrides))
    crawler = process.create_crawler(CommuneSpider)
    process.crawl(crawler, sites=sites)
    process.start()
    return crawler.stats.get_stats() if crawler.stats else {}
