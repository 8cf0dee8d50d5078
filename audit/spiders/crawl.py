"""Running a crawl in this process, the way ``audit run`` and ``audit demo`` do."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from audit import settings as default_settings
from audit.results.output import AUDIT_FILE, site_dir, write_atomic
from audit.spiders.commune import CommuneSpider
from audit.spiders.sites import SiteInput, unique_slugs


def build_settings(out_dir: Path, overrides: dict[str, str] | None = None) -> Settings:
    settings = Settings()
    settings.setmodule(default_settings, priority="project")
    settings.set("AUDIT_OUTPUT_DIR", str(out_dir), priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


STATS_FILE = "crawl-stats.json"


class _Shared:
    """A callable kept in the settings by reference: Scrapy deep-copies its settings, and a
    recorder holding a database connection must not be copied."""

    def __init__(self, target: Callable[..., None]) -> None:
        self.target = target

    def __deepcopy__(self, memo: dict) -> _Shared:
        return self

    def __call__(self, *args: object) -> None:
        self.target(*args)


def pending_inputs(sites: list[SiteInput], out_dir: Path, resume: bool) -> list[tuple[SiteInput, str]]:
    """``(site, slug)`` pairs still to audit; with `resume`, sites whose ``audit.json`` exists are done.

    Slugs are assigned over the whole list first, so a resumed run names every site as the first run did.
    """
    slugs = unique_slugs(sites)
    return [
        (site, slugs[site]) for site in sites
        if not (resume and (site_dir(out_dir, slugs[site]) / AUDIT_FILE).exists())
    ]


def run_crawl(inputs: list[tuple[SiteInput, str]], out_dir: Path, overrides: dict[str, str] | None = None,
              recorder: Callable[..., None] | None = None, events: Callable[[dict], None] | None = None,
              run_sites: list[SiteInput] | None = None, stats_file: bool = True) -> dict:
    """Crawl `inputs` into `out_dir` (one ``audit.json`` each, plus ``summary.csv``); return the stats.

    The crawl's Scrapy stats are also saved to ``crawl-stats.json`` (unless `stats_file` is false),
    because ``scrapy crawl`` exits 0 even when every request failed: the stats say what happened.
    A process can start only one crawl (Twisted's reactor cannot restart).
    `recorder(slug, audit, pages)` is called for each site right after its ``audit.json`` is written.
    A crawl process of a multi-process run sends its progress to `events` and is given all the
    run's sites in `run_sites` (see `audit.parallel`).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    settings = build_settings(out_dir, overrides)
    if recorder is not None:
        settings.set("AUDIT_HISTORY_RECORDER", _Shared(recorder), priority="cmdline")
    if events is not None:
        settings.set("AUDIT_PROGRESS_EVENTS", _Shared(events), priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(CommuneSpider)
    process.crawl(crawler, inputs=inputs, run_sites=run_sites)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    if stats_file:
        write_stats(out_dir, stats)
    return stats


def write_stats(out_dir: Path, stats: dict) -> None:
    """Save a crawl's Scrapy stats to ``crawl-stats.json``."""
    write_atomic(out_dir / STATS_FILE, json.dumps(stats, default=str, indent=2, sort_keys=True).encode("utf-8"))
