"""One site of the queue, crawled in its own process: ``python -m audit.queue.site_crawl STAGING``.

``STAGING/job.json`` holds the queue entry and the crawl settings. The crawl is the one of
``audit run`` (`audit.spiders.crawl.run_crawl`) for that single site, into ``STAGING/out/``; the pages
fetched, which the history database records, are saved to ``STAGING/pages.json``. A Scrapy crawl
cannot restart in one process, hence one process per site; it also isolates the worker from it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from audit.results.output import write_atomic

JOB_FILE = "job.json"
PAGES_FILE = "pages.json"
OUT_DIR = "out"


def write_job(staging: Path, payload: str, settings: dict[str, str]) -> None:
    """Prepare `staging` for the crawl of the entry `payload` with the crawl `settings`."""
    write_atomic(staging / JOB_FILE, json.dumps({"payload": payload, "settings": settings}).encode("utf-8"))


def read_pages(staging: Path) -> list[tuple[str, int | None, str | None]]:
    """The pages the crawl fetched (url, status, error), as the history database records them."""
    path = staging / PAGES_FILE
    if not path.exists():
        return []
    return [(url, status, error) for url, status, error in json.loads(path.read_text(encoding="utf-8"))]


def crawl(staging: Path) -> None:
    """Crawl the site of ``staging/job.json`` into ``staging/out/<slug>/``."""
    from audit.spiders.crawl import run_crawl
    from audit.queue.redis_queue import parse_entry

    job = json.loads((staging / JOB_FILE).read_text(encoding="utf-8"))
    site, slug, _label = parse_entry(job["payload"])

    def keep_pages(_slug: str, _audit: dict[str, Any], pages: list[tuple[str, int | None, str | None]]) -> None:
        write_atomic(staging / PAGES_FILE, json.dumps(list(pages)).encode("utf-8"))

    run_crawl([(site, slug)], staging / OUT_DIR, job["settings"], recorder=keep_pages)


if __name__ == "__main__":
    crawl(Path(sys.argv[1]))
