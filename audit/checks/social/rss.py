"""Flux RSS / Atom : flux déclarés dans l'en-tête des pages ou liés depuis le site."""

from __future__ import annotations

import re
from collections.abc import Iterator

from audit.artifacts.page import Link, Page
from audit.artifacts.text import words_pattern
from audit.artifacts.urls import host_matches, site_key
from audit.checks.framework.decide import evidence_of
from audit.checks.framework.evidence import excerpt
from audit.checks.framework.model import Answer, Observation, SiteFacts
from audit.checks.framework.observe import from_link

CRITERIA = ("social.rss",)
NEEDS = frozenset({"html"})

#: Link texts naming a feed (an RSS icon's alt text included).
FEED_WORDS = words_pattern("rss", "flux rss", "flux atom", "atom", "fil rss", "fils rss", "flux d'actualites", "syndication")
#: URL paths and queries of feeds: ``/feed/``, ``actualites.rss``, ``?format=rss``, ``/rss.xml``, ``/atom``.
FEED_URL = re.compile(
    r"(?:\.(?:rss|atom)(?:$|\?)|/(?:feed|feeds|rss|atom|flux-rss|fluxrss|rss2?)(?:/|\.xml|\.php|$|\?)"
    r"|[?&](?:format|type|feed|output|view)=(?:rss|atom|feed)|/spip\.php\?page=backend|backend\.php)",
    re.I,
)
#: Feed hosting that publishes a site's own feed from another host.
FEED_HOSTS = ("feedburner.com", "feeds.feedburner.com", "feedpress.me")
#: Sentences saying there is no feed.
NEGATION = words_pattern(r"(?:pas|plus|aucun) (?:de |d')?(?:flux|fil) (?:rss|atom)", "rss (?:n'est|ne sont) (?:pas|plus)")
#: A sitemap or an XML document is not a feed, whatever the link says.
NOT_FEED = re.compile(r"sitemap|\.(?:pdf|docx?|xlsx?|odt|zip)$", re.I)


def _own(url: str, page: Page) -> bool:
    return site_key(url) == site_key(page.url) or host_matches(url, FEED_HOSTS) is not None


def _link_strength(page: Page, link: Link) -> float:
    """How much a link shows the site publishes a feed (0 when it does not look like one)."""
    if not link.url.startswith("http") or NOT_FEED.search(link.url):
        return 0.0
    by_url = bool(FEED_URL.search(link.url))
    by_text = bool(FEED_WORDS.search(link.folded))
    if not (by_url or by_text) or NEGATION.search(link.folded):
        return 0.0
    if not _own(link.url, page):
        return 0.25 if by_url and by_text else 0.0  # someone else's feed
    if by_url and by_text:
        return 0.95
    if by_url:
        return 0.75 if "comments" not in link.url.lower() else 0.6
    # "Flux RSS" pointing at an ordinary page: a page listing the feeds, or an .xml file.
    return 0.8 if link.url.lower().endswith(".xml") else 0.65


def observe(page: Page) -> Iterator[Observation]:
    feeds = [url for url in page.feeds if _own(url, page)]
    if feeds:
        yield Observation(
            "social.rss", page.url, excerpt(f'<link rel="alternate" type="application/rss+xml" href="{feeds[0]}">'),
            kind="head", strength=0.95, value=feeds[0],
        )
    links = [(s, link) for link in page.links if (s := _link_strength(page, link))]
    if links:
        strength, link = max(links, key=lambda p: p[0])
        yield from_link("social.rss", page, link, strength, kind="link", value=link.url)
    if not feeds and not links:
        match = FEED_WORDS.search(page.folded)
        if match and not NEGATION.search(page.folded):
            yield Observation("social.rss", page.url, excerpt(page.text, match.group(0)), kind="text", strength=0.3)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    """Present on the strongest feed seen (the head declaration or a feed link); text mentions alone are not enough."""
    mine = [o for o in observations if o.criterion == "social.rss"]
    best = max(mine, key=lambda o: o.strength, default=None)
    if best is None or best.strength < 0.5:
        return {"social.rss": Answer("absent", [], confidence=0.85 if best is None else 0.7)}
    strong = [o for o in mine if o.strength >= 0.5]
    pages = len({o.url for o in strong})
    feeds = sorted({o.value for o in strong if o.value})
    return {"social.rss": Answer(
        "present", evidence_of(strong), confidence=min(0.99, best.strength + 0.02 * (pages - 1)), value=feeds[:5] or None,
    )}
