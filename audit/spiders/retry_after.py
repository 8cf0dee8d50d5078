"""Downloader middleware honouring ``Retry-After`` on 429 and 503 answers.

The whole site waits as long as the server asked (up to ``AUDIT_MAX_RETRY_AFTER``
seconds), then the request is tried again, at most twice. A longer wait is not
honoured: the error is recorded instead.
"""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

MAX_TRIES = 2


def retry_after_seconds(value: str) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class RetryAfterMiddleware:
    def __init__(self, crawler: Crawler, max_wait: float) -> None:
        self.crawler = crawler
        self.max_wait = max_wait

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RetryAfterMiddleware":
        return cls(crawler, crawler.settings.getfloat("AUDIT_MAX_RETRY_AFTER"))

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in (429, 503) or b"Retry-After" not in response.headers:
            return response
        wait = retry_after_seconds(response.headers.get("Retry-After", b"").decode("latin-1"))
        tries = request.meta.get("retry_after_tries", 0)
        if wait is None or wait > self.max_wait or tries >= MAX_TRIES:
            return response
        state = self.crawler.spider.site_of(request)
        if state is not None:
            state.not_before = max(state.not_before, time.monotonic() + wait)
        self.crawler.stats.inc_value("audit/retry_after")
        retry = request.replace(dont_filter=True)
        retry.meta["retry_after_tries"] = tries + 1
        return retry
