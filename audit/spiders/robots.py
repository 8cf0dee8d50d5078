"""robots.txt obeyed per origin (scheme, host and port), not per host.

Scrapy's own middleware caches one robots.txt per ``host:port``. A site given
without a scheme is tried over https first: on a plain-http server that attempt
fails, Scrapy caches "no robots.txt" for the host, and the http pages that follow
were then fetched as if nothing were disallowed. Keying the cache by origin
fetches robots.txt again from whatever origin is finally crawled.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http.request import NO_CALLBACK
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class OriginRobotsTxtMiddleware(RobotsTxtMiddleware):
    async def robot_parser(self, request: Request) -> RobotParser | None:
        url = urlparse_cached(request)
        key = f"{url.scheme}://{url.netloc}"
        if key not in self._parsers:
            self._parsers[key] = Deferred()
            robots = Request(
                f"{key}/robots.txt", priority=self.DOWNLOAD_PRIORITY,
                meta={"dont_obey_robotstxt": True},
                callback=NO_CALLBACK,
            )
            try:
                response = await self.crawler.engine.download_async(robots)
                await self._parse_robots(response, key, request)
            except Exception as exc:  # noqa: BLE001 - Scrapy's own rule: an unreadable robots.txt allows all
                if not isinstance(exc, IgnoreRequest):
                    self.crawler.spider.logger.info("robots.txt illisible sur %s : %s", key, exc)
                self._robots_error(exc, key)
            self._stats.inc_value("robotstxt/request_count")
        parser = self._parsers[key]
        if isinstance(parser, Deferred):
            return await maybe_deferred_to_future(parser)
        return parser
