"""The baseline of the crawl benchmark: a bare Scrapy spider that follows every same-site link.

Run as ``python benchmarks/bare_spider.py URL [-s NAME=VALUE ...]``. It uses
Scrapy's defaults plus the given settings (no project settings), parses
nothing but links, and prints the number of responses as JSON on stdout.
"""

from __future__ import annotations

import argparse
import json
from typing import Any
from urllib.parse import urlsplit

from scrapy import Spider
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from scrapy.linkextractors import LinkExtractor


class BareSpider(Spider):
    name = "bare"

    def __init__(self, url: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [url]
        self.netloc = urlsplit(url).netloc
        # LinkExtractor skips documents and media (pdf, jpg...), as the audit does.
        self.links = LinkExtractor()

    def parse(self, response: Response) -> Any:
        if not hasattr(response, "text"):
            return
        for link in self.links.extract_links(response):
            # Same site only; allow_domains would compare the port-less host with host:port.
            if urlsplit(link.url).netloc == self.netloc:
                yield response.follow(link.url, callback=self.parse)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("-s", dest="settings", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    settings = {"LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": True, "TELNETCONSOLE_ENABLED": False}
    settings.update(item.split("=", 1) for item in args.settings)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, url=args.url)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    print(json.dumps({"pages": stats.get("response_received_count", 0)}))


if __name__ == "__main__":
    main()
