"""Progress display on stderr: sites done and pages fetched."""

from __future__ import annotations

import sys
import time

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response


class Progress:
    """Rewrites one status line on a terminal; prints a line every few seconds otherwise."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.sites_done = 0
        self.pages = 0
        self.total = 0
        self.last = 0.0
        self.tty = sys.stderr.isatty()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "Progress":
        if not crawler.settings.getbool("AUDIT_PROGRESS"):
            raise NotConfigured
        ext = cls(0.2 if sys.stderr.isatty() else 10.0)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        self.total = len(getattr(spider, "inputs", []))

    def response_received(self, response: Response, request: object, spider: Spider) -> None:
        self.pages += 1
        self._show()

    def item_scraped(self, item: object, spider: Spider) -> None:
        self.sites_done += 1
        self._show(force=True)

    def spider_closed(self, spider: Spider) -> None:
        self._show(force=True)
        if self.tty:
            sys.stderr.write("\n")

    def _show(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < self.interval:
            return
        self.last = now
        line = f"[audit] sites terminés {self.sites_done}/{self.total} · pages récupérées {self.pages}"
        sys.stderr.write(("\r" + line) if self.tty else line + "\n")
        sys.stderr.flush()
