"""The commune spider: crawls each input site politely, topic pages first.

For every site it fetches the home page, robots.txt, sitemap.xml and an http://
probe, then follows same-site links in priority order within the page budget.
Each HTML page is parsed once into a `Page`, observed by the checks, and
dropped. When a site has no request left in flight, the spider yields its
`SiteResult` (the future ``audit.json``) right away, so results stream out
while other sites are still crawling.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from audit.artifacts.browser import context_kwargs
from audit.artifacts.page import Page
from audit.artifacts.urls import canonical, is_media, origin, site_key
from audit.checks.framework.model import FetchRecord, SiteFacts
from audit.checks.framework.registry import load_checks
from audit.checks.framework.runner import SiteAudit
from audit.results.items import SiteResult
from audit.results.output import site_dir, write_atomic
from audit.spiders.addresses import AddressPolicy, parse_networks
from audit.spiders.guard import OutOfScope
from audit.spiders.priority import is_key_page, link_score, request_priority
from audit.spiders.render import measure_layout, run_axe, settle
from audit.spiders.sites import InputError, SiteInput, from_csv, from_urls, unique_slugs
from audit.spiders.state import SiteState, now_iso
from audit.spiders.url_rules import path_is_runaway, trap_pattern

MAX_REFERRERS = 20
#: The tool a feed says built it: ``<generator uri="https://gohugo.io/">Hugo</generator>``.
FEED_GENERATOR = re.compile(rb"<generator[^>]*>\s*([^<]{1,100}?)\s*</generator>", re.I)
_HTML_SNIFF = (b"<!doctype html", b"<html", b"<head", b"<body")


class CommuneSpider(Spider):
    name = "commune"

    def __init__(
        self, url: str | None = None, csv: str | None = None,
        inputs: list[tuple[SiteInput, str]] | None = None, run_sites: list[SiteInput] | None = None, **kwargs: Any,
    ) -> None:
        """Sites come from ``-a url=`` / ``-a csv=`` (scrapy crawl) or as ``(site, slug)`` pairs (audit run).

        `run_sites` are all the sites of a run split over several processes (``audit run --jobs N``):
        their start origins are allowed addresses here too, as when one process crawls them all.
        """
        super().__init__(**kwargs)
        if inputs is None:
            sites = _sites_from_arguments(url, csv)
            slugs = unique_slugs(sites)
            inputs = [(site, slugs[site]) for site in sites]
        self.inputs = inputs
        self.run_sites = run_sites if run_sites is not None else [site for site, _slug in inputs]
        self.states: dict[int, SiteState] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> "CommuneSpider":
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.max_pages = settings.getint("AUDIT_MAX_PAGES")
        spider.max_depth = settings.getint("AUDIT_MAX_DEPTH")
        spider.max_per_pattern = settings.getint("AUDIT_MAX_PER_PATTERN")
        spider.max_links_per_page = settings.getint("AUDIT_MAX_LINKS_PER_PAGE")
        spider.max_documents = settings.getint("AUDIT_MAX_DOCUMENT_CHECKS")
        spider.render_all = settings.get("AUDIT_RENDER") == "all"
        spider.render_max = settings.getint("AUDIT_RENDER_MAX")
        spider.output_dir = Path(settings.get("AUDIT_OUTPUT_DIR"))
        spider.checks, load_errors = load_checks()
        spider.load_errors = load_errors
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.on_dropped, signal=signals.request_dropped)
        return spider

    # ------------------------------------------------------------------ start
    async def start(self):
        # Read here, not in from_crawler: add-ons (BrowserAddon) update settings after the spider is built.
        self.browser = self.settings.getbool("AUDIT_BROWSER_READY")
        self.browser_problem = self.settings.get("AUDIT_BROWSER_ERROR")
        self.policy = AddressPolicy(
            {origin(site.url) for site in self.run_sites}
            | {origin(site.url.replace("https://", "http://", 1)) for site in self.run_sites if not site.scheme_given},
            self.settings.getbool("AUDIT_REFUSE_PRIVATE_START"),
            parse_networks(self.settings.get("AUDIT_ALLOW_NETWORKS")),
        )
        for index, (site, slug) in enumerate(self.inputs):
            state = SiteState(
                index=index, input=site, slug=slug, audit=SiteAudit(self.checks, browser=self.browser),
                facts=SiteFacts(start_url=site.url),
            )
            for message in self.load_errors:
                state.error("check_load_failed", message)
            if self.browser_problem:
                state.error("browser_unavailable", self.browser_problem)
            self.states[index] = state
            for request in self._site_requests(state):
                yield request

    def _site_requests(self, state: SiteState) -> list[Request]:
        url = state.input.url
        parts = urlsplit(url)
        root = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        state.seen.add(canonical(url))
        requests = [
            self._request(state, url, "home", depth=0, priority=1000),
            self._request(state, root + "/robots.txt", "robots", priority=900,
                          meta={"dont_obey_robotstxt": True, "handle_httpstatus_all": True}),
            self._request(state, root + "/sitemap.xml", "sitemap", priority=-1000,
                          meta={"handle_httpstatus_all": True}),
        ]
        if parts.scheme == "https":
            requests.append(self._request(
                state, urlunsplit(("http", parts.netloc, parts.path or "/", "", "")), "http_probe",
                priority=-1000,
                meta={"dont_redirect": True, "handle_httpstatus_all": True, "dont_obey_robotstxt": True},
            ))
        return requests

    def _request(
        self, state: SiteState, url: str, kind: str, depth: int = 0, priority: int = 0,
        referrer: str | None = None, meta: dict[str, Any] | None = None, rendered: bool = False,
        method: str = "GET",
    ) -> Request:
        state.pending += 1
        return Request(
            url,
            method=method,
            callback=self.parse_rendered if rendered else self.parse_response,
            errback=self.on_render_error if rendered else self.on_error,
            priority=priority,
            dont_filter=True,
            meta={
                "site": state.index, "kind": kind, "depth": depth, "referrer": referrer,
                "download_slot": state.slot, **(meta or {}),
            },
        )

    def owner_of(self, url: str) -> SiteState | None:
        """The site being crawled that `url` belongs to, if any."""
        return next((s for s in self.states.values() if s.owns(url)), None)

    def site_of(self, request: Request) -> SiteState | None:
        index = request.meta.get("site")
        return self.states.get(index) if index is not None else None

    # --------------------------------------------------------------- responses
    def parse_response(self, response: Response) -> list[Any]:
        state = self.site_of(response.request)
        if state is None or state.done:
            return []
        out: list[Any] = []
        try:
            out = self._handle(state, response)
        except Exception as exc:
            self.logger.exception("error while handling %s", response.url)
            state.error("parse_failed", f"{type(exc).__name__}: {exc}", response.url)
        return out + self._settle(state)

    def _handle(self, state: SiteState, response: Response) -> list[Request]:
        kind = response.meta["kind"]
        if kind == "robots":
            if response.status >= 500:
                state.error("robots_txt_error", f"robots.txt répond {response.status}", response.url)
            elif response.status == 200 and isinstance(response, TextResponse):
                state.facts.robots_txt = response.text[:100_000]
                state.facts.sitemap_urls += [
                    line.split(":", 1)[1].strip() for line in state.facts.robots_txt.splitlines()
                    if line.lower().startswith("sitemap:")
                ]
            return []
        if kind == "sitemap":
            head = response.body[:2000]
            if response.status == 200 and (b"<urlset" in head or b"<sitemapindex" in head):
                state.facts.sitemap_urls.append(response.url)
            return []
        if kind == "feed":
            match = FEED_GENERATOR.search(response.body[:20_000])
            if response.status == 200 and match:
                state.facts.feed_generators.append(match.group(1).decode("utf-8", "replace").strip()[:100])
            return []
        if kind == "document":
            if response.status not in (405, 501):  # a server refusing HEAD says nothing of the file
                self._record_fetch(state, response.url, response.status, response.meta.get("referrer"))
            return []
        if kind == "http_probe":
            location = response.headers.get("Location", b"").decode("latin-1")
            state.facts.http_redirects_to_https = 300 <= response.status < 400 and location.startswith("https://")
            return []
        return self._handle_page(state, response)

    def _handle_page(self, state: SiteState, response: Response) -> list[Request]:
        meta = response.meta
        is_home = meta["kind"] == "home"
        self._record_fetch(state, response.url, response.status, meta.get("referrer"))
        if is_home:
            state.facts.home_status = response.status
            state.facts.final_url = response.url
            state.facts.home_headers = {
                k.decode("latin-1").lower(): b", ".join(v).decode("latin-1") for k, v in response.headers.items()
            }
            if not state.owns(response.url):
                state.keys.add(site_key(response.url))
        elif not state.owns(response.url):
            return []
        final = canonical(response.url)
        if final in state.read:
            return []  # a redirect (often /page -> /page/) led to a page already read
        state.read.add(final)
        state.seen.add(final)
        state.facts.pages_crawled += 1
        if is_home and not response.body.strip():
            state.error("home_empty", "la page d'accueil est vide", response.url)
            return []
        if not _is_html(response):
            if is_home:
                state.error("home_not_html", f"la page d'accueil n'est pas une page HTML ({_content_type(response)})",
                            response.url)
            return []
        page = Page.from_tree(
            response.url, response.selector.root, response.status,
            {k: v for k, v in state.facts.home_headers.items()} if is_home else {},
            meta["depth"], is_home,
        )
        state.facts.html_pages += 1
        state.audit.observe(page)
        feeds = [self._request(state, url, "feed", priority=-400, meta={"handle_httpstatus_all": True})
                 for url in page.feeds[:2] if is_home and state.owns(url)]
        return self._follow(state, page) + self._render_requests(state, page) + feeds

    def _follow(self, state: SiteState, page: Page) -> list[Request]:
        depth = page.depth + 1
        if depth > self.max_depth:
            return []
        candidates: dict[str, float] = {}
        requests: list[Request] = []
        for link in page.links:
            if link.internal and link.url in state.seen:
                state.link_from(link.url, page.url)
            if link.internal and link.document and link.url not in state.seen:
                requests += self._check_document(state, link.url, page.url)
            if not link.internal or link.document or is_media(link.url) or link.url in state.seen:
                continue
            if "nofollow" in link.rel.split():
                continue
            candidates[link.url] = max(candidates.get(link.url, 0.0), link_score(link))
        ranked = sorted(candidates.items(), key=lambda item: -item[1])[: self.max_links_per_page]
        frontier_cap = self.max_pages * 4
        for url, score in ranked:
            if len(state.seen) >= frontier_cap:
                break
            if path_is_runaway(url):
                continue
            pattern = trap_pattern(url)
            if state.patterns[pattern] >= self.max_per_pattern:
                continue
            state.patterns[pattern] += 1
            state.seen.add(url)
            requests.append(self._request(state, url, "page", depth, request_priority(score, depth), page.url))
        return requests

    def _check_document(self, state: SiteState, url: str, referrer: str) -> list[Request]:
        """A HEAD request for a linked document of the site: is it there? (Never downloaded.)

        Council minutes and forms are PDFs: a dead one is a broken link for the
        visitor, so its status joins the fetch records, within
        `AUDIT_MAX_DOCUMENT_CHECKS` per site and after the pages.
        """
        if state.documents_checked >= self.max_documents:
            return []
        state.documents_checked += 1
        state.seen.add(url)
        return [self._request(state, url, "document", priority=-500, referrer=referrer, method="HEAD",
                              meta={"handle_httpstatus_all": True})]

    def _record_fetch(self, state: SiteState, url: str, status: int | None, referrer: str | None,
                      error: str | None = None) -> None:
        record = state.facts.fetches.setdefault(canonical(url), FetchRecord(status=status, error=error))
        if referrer and referrer not in record.referrers and len(record.referrers) < 20:
            record.referrers.append(referrer)

    # --------------------------------------------------------------- rendering
    def _render_requests(self, state: SiteState, page: Page) -> list[Request]:
        """Render the home page (desktop and mobile) and key pages, within the site's render budget."""
        if not self.browser or state.browser_broken or state.renders >= self.render_max:
            return []
        if not (page.is_home or self.render_all or is_key_page(page)):
            return []
        state.renders += 1
        viewports = ("desktop", "mobile") if page.is_home else ("desktop",)
        return [self._render_request(state, page, viewport) for viewport in viewports]

    def _render_request(self, state: SiteState, page: Page, viewport: str) -> Request:
        requested: list[str] = []
        return self._request(
            state, page.url, "render", depth=page.depth, priority=500 if page.is_home else 0, rendered=True,
            meta={
                "playwright": True, "playwright_include_page": True, "playwright_context": viewport,
                "playwright_context_kwargs": context_kwargs(viewport, self.settings.get("USER_AGENT")),
                "playwright_page_event_handlers": {"request": lambda r: requested.append(r.url)},
                "playwright_page_init_callback": self._guard_browser_page,
                "requested": requested, "viewport": viewport, "is_home": page.is_home,
            },
        )

    async def _guard_browser_page(self, browser_page: Any, request: Request) -> None:
        """Apply the address policy to everything the browser fetches (images, scripts, frames too)."""

        async def route(route: Any) -> None:
            if await self.policy.refusal(route.request.url):
                await route.abort()
            else:
                await route.continue_()

        await browser_page.route("**/*", route)

    async def parse_rendered(self, response: Response) -> list[Any]:
        browser_page = response.meta.get("playwright_page")
        state = self.site_of(response.request)
        out: list[Any] = []
        try:
            if state is not None and not state.done and browser_page is not None:
                out = await self._handle_rendered(state, response, browser_page)
        except Exception as exc:
            self.logger.exception("rendering failed for %s", response.url)
            if state is not None:
                state.error("render_failed", f"{type(exc).__name__}: {exc}", response.url)
        finally:
            await self._close(browser_page)
        return out + (self._settle(state) if state is not None else [])

    async def _handle_rendered(self, state: SiteState, response: Response, browser_page: Any) -> list[Request]:
        meta = response.meta
        viewport = meta["viewport"]
        await settle(browser_page)
        requested = list(meta["requested"])  # before any interaction: we never click
        html = await browser_page.content()
        axe = await run_axe(browser_page) if viewport == "desktop" else None
        layout = await measure_layout(browser_page) if viewport == "mobile" else None
        if meta["is_home"]:
            state.screenshots[viewport] = self._save_screenshot(state, viewport, await browser_page.screenshot(type="png"))
        page = Page.from_html(response.url, html, status=response.status, depth=meta["depth"], is_home=meta["is_home"])
        page.rendered, page.viewport, page.axe, page.requests, page.layout = True, viewport, axe, requested, layout
        if viewport == "desktop":
            state.facts.pages_rendered += 1
        state.audit.observe(page, rendered=True)
        return self._follow(state, page) if viewport == "desktop" else []

    async def _close(self, browser_page: Any) -> None:
        """Close a rendered page, on success and on error alike (counted in ``audit/browser_pages_closed``)."""
        if browser_page is not None:
            await browser_page.close()
            self.crawler.stats.inc_value("audit/browser_pages_closed")

    def _save_screenshot(self, state: SiteState, viewport: str, png: bytes) -> str:
        name = f"home-{viewport}.png"
        write_atomic(site_dir(self.output_dir, state.slug) / name, png)
        return name

    async def on_render_error(self, failure: Failure) -> list[Any]:
        request = failure.request
        await self._close(request.meta.get("playwright_page"))
        state = self.site_of(request)
        if state is None or state.done:
            return []
        message = f"{type(failure.value).__name__}: {failure.value}"
        if not isinstance(failure.value, (IgnoreRequest, HttpError)):
            if state.renders <= 1 and state.facts.pages_rendered == 0:
                state.browser_broken = True
                message = "le navigateur n'a pas pu rendre la page : " + message
        state.error("render_failed", message[:500], request.url)
        return self._settle(state)

    # ------------------------------------------------------------------ errors
    def on_error(self, failure: Failure) -> list[Any]:
        request = failure.request
        state = self.site_of(request)
        if state is None or state.done:
            return []
        kind = request.meta.get("kind")
        if kind == "home" and _may_fall_back_to_http(state, request, failure):
            retry = request.url.replace("https://", "http://", 1)
            robots = origin(retry) + "/robots.txt"
            return [
                self._request(state, retry, "home", priority=1000),
                self._request(state, robots, "robots", priority=900,
                              meta={"dont_obey_robotstxt": True, "handle_httpstatus_all": True}),
            ] + self._settle(state)
        if kind in ("page", "home", "document"):
            self._record_error(state, request, failure)
        return self._settle(state)

    def _record_error(self, state: SiteState, request: Request, failure: Failure) -> None:
        exc = failure.value
        referrer = request.meta.get("referrer")
        is_home = request.meta.get("kind") == "home"
        if isinstance(exc, OutOfScope):
            if exc.reason in ("offsite", "address"):
                state.error("refused_address" if exc.reason == "address" else "offsite_redirect", str(exc), request.url)
            return
        if isinstance(exc, HttpError):
            response = exc.response
            self._record_fetch(state, response.url, response.status, referrer)
            state.facts.pages_crawled += 1
            if is_home:
                state.facts.home_status = response.status
                state.error("home_http_error", f"la page d'accueil répond {response.status}", response.url)
            return
        if isinstance(exc, IgnoreRequest):
            if "robots.txt" in str(exc):
                if is_home:
                    state.error("robots_disallow", "robots.txt interdit la page d'accueil : le site ne peut être lu",
                                request.url)
            elif is_home:
                state.error("home_unreachable", f"page d'accueil abandonnée : {exc}", request.url)
            return
        message = f"{type(exc).__name__}: {exc}"
        self._record_fetch(state, request.url, None, referrer, message)
        if is_home:
            state.error("home_unreachable", f"page d'accueil injoignable ({message})", request.url)

    # ------------------------------------------------------------- finishing
    def _settle(self, state: SiteState) -> list[SiteResult]:
        state.pending -= 1
        return [self._finish(state)] if state.pending <= 0 and not state.done else []

    def on_dropped(self, request: Request, spider: Spider) -> None:
        state = self.site_of(request)
        if state is not None and not state.done:
            state.pending -= 1

    def on_idle(self, spider: Spider) -> None:
        """Finish sites whose requests vanished without a callback (a safety net)."""
        if any(not s.done for s in self.states.values()):
            self.crawler.engine.crawl(Request("data:,", callback=self._finish_all, dont_filter=True))
            raise DontCloseSpider

    def _finish_all(self, response: Response) -> list[SiteResult]:
        return [self._finish(s) for s in list(self.states.values()) if not s.done]

    def _finish(self, state: SiteState) -> SiteResult:
        state.done = True
        facts = state.facts
        facts.crawled_at = now_iso()
        if not facts.home_read and not state.errors:
            state.error("home_unreadable", "la page d'accueil n'a pas pu être lue")
        state.audit.browser = facts.pages_rendered > 0
        for url, record in facts.fetches.items():
            for referrer in state.linked_from.get(url, ()):
                if referrer not in record.referrers and len(record.referrers) < MAX_REFERRERS:
                    record.referrers.append(referrer)
        criteria, check_errors = state.audit.decide(facts)
        site: dict[str, Any] = {
            "start_url": state.input.url,
            "final_url": facts.final_url or state.input.url,
            "started_at": state.started_at,
            "finished_at": facts.crawled_at,
            "pages_crawled": facts.pages_crawled,
            "pages_rendered": facts.pages_rendered,
            "errors": state.errors + check_errors,
        }
        if state.input.name:
            site["name"] = state.input.name
        if state.input.insee:
            site["insee"] = state.input.insee
        if state.input.extra:
            site["input"] = dict(state.input.extra)
        if state.screenshots:
            site["screenshots"] = dict(state.screenshots)
        self.states.pop(state.index, None)
        pages = [(url, record.status, record.error) for url, record in facts.fetches.items()]
        return SiteResult(slug=state.slug, audit={"site": site, "criteria": criteria}, pages=pages)


def _may_fall_back_to_http(state: SiteState, request: Request, failure: Failure) -> bool:
    """``www.ville.fr`` given without a scheme: https was tried first, http comes next."""
    return (
        not state.input.scheme_given
        and request.url.startswith("https://")
        and not failure.check(HttpError, IgnoreRequest)
    )


def _is_html(response: Response) -> bool:
    if isinstance(response, HtmlResponse):
        return True
    if isinstance(response, TextResponse) and "xml" not in _content_type(response):
        return response.body[:512].lstrip().lower().startswith(_HTML_SNIFF)
    return False


def _content_type(response: Response) -> str:
    return response.headers.get("Content-Type", b"").decode("latin-1").lower() or "type inconnu"


def _sites_from_arguments(url: str | None, csv: str | None) -> list[SiteInput]:
    """Sites from ``-a url=...`` (comma-separated) or ``-a csv=communes.csv``."""
    if csv:
        sites, _rejected = from_csv(Path(csv))
        return sites
    if url:
        sites, rejected = from_urls([u for u in url.split(",") if u.strip()])
        if rejected:
            raise InputError("; ".join(r.reason for r in rejected))
        return sites
    raise InputError("indiquez un site : -a url=https://www.ville.fr ou -a csv=communes.csv")
