"""Progress display on stderr: sites done and pages fetched.

In one process the Scrapy extension `Progress` shows the line itself. In a run
over several processes (``audit run --jobs N``) each crawl process sends its
page count to the parent instead (setting ``AUDIT_PROGRESS_EVENTS``, a callable
taking one JSON-able dict), and the parent shows one `StatusLine` for the
whole run.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

#: Seconds between two updates sent by a crawl process to the parent of a multi-process run.
EVENT_INTERVAL = 0.5


class StatusLine:
    """Rewrites one status line on a terminal; prints a line every few seconds otherwise."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.tty = sys.stderr.isatty()
        self.interval = 0.2 if self.tty else 10.0
        self.last = 0.0

    def show(self, sites_done: int, pages: int, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < self.interval:
            return
        self.last = now
        line = f"[audit] sites terminés {sites_done}/{self.total} · pages récupérées {pages}"
        sys.stderr.write(("\r" + line) if self.tty else line + "\n")
        sys.stderr.flush()

    def end(self) -> None:
        if self.tty:
            sys.stderr.write("\n")


class Progress:
    """Scrapy extension counting pages fetched and sites done; shows them, or sends the page count to the parent."""

    def __init__(self, send: Callable[[dict[str, Any]], None] | None = None) -> None:
        self.send = send
        self.line = StatusLine(0)
        self.sites_done = 0
        self.pages = 0
        self.last_sent = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "Progress":
        if not crawler.settings.getbool("AUDIT_PROGRESS"):
            raise NotConfigured
        send = crawler.settings.get("AUDIT_PROGRESS_EVENTS")
        ext = cls(send if callable(send) else None)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        self.line.total = len(getattr(spider, "inputs", []))

    def response_received(self, response: Response, request: object, spider: Spider) -> None:
        self.pages += 1
        self._show()

    def item_scraped(self, item: object, spider: Spider) -> None:
        self.sites_done += 1
        self._show(force=True)

    def spider_closed(self, spider: Spider) -> None:
        self._show(force=True)
        if self.send is None:
            self.line.end()

    def _show(self, force: bool = False) -> None:
        if self.send is None:
            self.line.show(self.sites_done, self.pages, force)
            return
        now = time.monotonic()
        if force or now - self.last_sent >= EVENT_INTERVAL:
            self.last_sent = now
            self.send({"pages": self.pages})
