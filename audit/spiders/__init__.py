"""Input and crawl: the commune spider crawls one or many commune sites politely.

Beside the spider: the site list (`sites`), its URL rules (`url_rules`), what
runs a crawl (`crawl`, `options`, `progress`) and the crawler's user agent
(`identity`). Scrapy imports every module here (``SPIDER_MODULES``) to find the
spiders; modules that define none are simply skipped.
"""
