"""Per-site crawl state: what the spider knows about one site while crawling it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone

from audit.artifacts.urls import site_key
from audit.checks.framework.model import SiteFacts
from audit.checks.framework.runner import SiteAudit
from audit.spiders.sites import SiteInput


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class SiteState:
    index: int
    input: SiteInput
    slug: str
    audit: SiteAudit
    facts: SiteFacts
    started_at: str = field(default_factory=now_iso)
    #: Site keys accepted as "this site": the start host, plus the home page's redirect target.
    keys: set[str] = field(default_factory=set)
    #: Canonical URLs scheduled, and canonical URLs of pages actually read (after redirects).
    seen: set[str] = field(default_factory=set)
    read: set[str] = field(default_factory=set)
    patterns: Counter[str] = field(default_factory=Counter)
    errors: list[dict[str, str]] = field(default_factory=list)
    pending: int = 0
    #: Pages linking to each internal URL (a few each), for broken-link reports.
    linked_from: dict[str, list[str]] = field(default_factory=dict)
    pages_admitted: int = 0
    renders: int = 0
    documents_checked: int = 0
    #: time.monotonic() before which no request goes to this site (Retry-After).
    not_before: float = 0.0
    browser_broken: bool = False
    screenshots: dict[str, str] = field(default_factory=dict)
    done: bool = False

    def __post_init__(self) -> None:
        self.keys.add(site_key(self.input.url))

    @property
    def slot(self) -> str:
        """Download slot: politeness limits apply per site, even for sites sharing an IP."""
        return f"site-{self.index}"

    def link_from(self, url: str, referrer: str, keep: int = 5) -> None:
        sources = self.linked_from.setdefault(url, [])
        if len(sources) < keep and referrer not in sources:
            sources.append(referrer)

    def owns(self, url: str) -> bool:
        return site_key(url) in self.keys

    def error(self, kind: str, message: str, url: str | None = None) -> None:
        entry = {"kind": kind, "message": message}
        if url:
            entry["url"] = url
        self.errors.append(entry)
