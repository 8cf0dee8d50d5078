"""Downloader middleware that keeps each request inside its site's scope, budget and address policy.

It runs when a request leaves the scheduler, so the page budget is spent in
priority order, and it also sees redirects, which may point off the site or
to an internal address.
"""

from __future__ import annotations

import asyncio
import time

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

from audit.artifacts.urls import canonical


class OutOfScope(IgnoreRequest):
    """The request left the site, hit an address it may not, or the page budget is spent."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class SiteGuardMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "SiteGuardMiddleware":
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        spider = self.crawler.spider
        if request.url.startswith("data:"):
            return None
        refusal = await spider.policy.refusal(request.url)
        if refusal:
            raise OutOfScope("address", refusal)
        state = spider.site_of(request)
        if state is None:
            # Requests Scrapy makes on its own (robots.txt) share the site's slot, hence its politeness.
            owner = spider.owner_of(request.url)
            if owner is not None:
                request.meta.setdefault("download_slot", owner.slot)
            return None
        kind = request.meta.get("kind")
        if not state.owns(request.url):
            if kind == "home" and len(state.keys) == 1:
                return None  # the home page may redirect off-site, followed once
            raise OutOfScope("offsite", f"redirection hors du site refusée : {request.url}")
        if kind == "page" and request.meta.get("redirect_urls"):
            target = canonical(request.url)
            if target in state.seen:
                raise OutOfScope("duplicate", f"redirection vers une page déjà prévue : {request.url}")
            state.seen.add(target)
        if kind == "page" and state.pages_admitted >= spider.max_pages:
            raise OutOfScope("budget", "budget de pages atteint")
        if kind in ("page", "home"):
            state.pages_admitted += 1
        wait = state.not_before - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)  # the site asked us to come back later (Retry-After)
        return None
