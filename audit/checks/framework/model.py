"""The data that flows between crawl, checks and reports."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from audit.artifacts.urls import canonical

Status = Literal["present", "absent", "unknown"]


@dataclass(frozen=True, slots=True)
class Observation:
    """One thing a check saw on one page: small enough to keep for the whole site.

    ``kind`` lets a check tell its own observations apart (a footer mention vs a
    statement page); ``strength`` (0..1) is how much this sighting alone proves.
    ``target`` is the page of the site a link sighting leads to: when the crawl
    got an error there, the sighting proves nothing (see `SiteAudit.decide`).
    """

    criterion: str
    url: str
    excerpt: str
    kind: str = ""
    locator: str | None = None
    strength: float = 1.0
    value: Any = None
    target: str | None = None


@dataclass(slots=True)
class Evidence:
    url: str
    excerpt: str
    locator: str | None = None
    check: str | None = None

    def to_dict(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(slots=True)
class Answer:
    """A check's answer to one criterion for one site."""

    status: Status
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float | None = None
    value: Any = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status, "evidence": [e.to_dict() for e in self.evidence]}
        if self.confidence is not None:
            out["confidence"] = round(self.confidence, 3)
        if self.value is not None:
            out["value"] = self.value
        return out


@dataclass(slots=True)
class FetchRecord:
    """Outcome of one fetched URL, kept for broken-link reporting."""

    status: int | None
    referrers: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def broken(self) -> bool:
        """The fetch failed: an HTTP error status, or no answer at all."""
        return self.error is not None or (self.status or 0) >= 400


@dataclass
class SiteFacts:
    """Site-level facts gathered while crawling, beside the per-page observations."""

    start_url: str
    final_url: str | None = None
    home_status: int | None = None
    home_headers: dict[str, str] = field(default_factory=dict)
    http_redirects_to_https: bool | None = None
    robots_txt: str | None = None
    sitemap_urls: list[str] = field(default_factory=list)
    #: What the site's feeds name in their ``<generator>`` element (the tool that built the site).
    feed_generators: list[str] = field(default_factory=list)
    fetches: dict[str, FetchRecord] = field(default_factory=dict)
    html_pages: int = 0
    pages_crawled: int = 0
    pages_rendered: int = 0
    crawled_at: str = ""
    browser: bool = False

    def is_broken(self, url: str) -> bool:
        """Whether the crawl fetched `url` and got an error: a link to it leads nowhere."""
        record = self.fetches.get(canonical(url))
        return record is not None and record.broken

    @property
    def home_read(self) -> bool:
        """Whether the home page was read: without it, nothing can be decided."""
        return self.html_pages > 0
