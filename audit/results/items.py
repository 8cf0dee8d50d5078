"""Items the spider yields: one per audited site."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class SiteResult:
    """A finished site: its output folder name, the content of its ``audit.json``,
    and the URLs fetched ``(url, HTTP status or None, error or None)`` for the history database."""

    slug: str
    audit: dict[str, Any]
    pages: list[tuple[str, int | None, str | None]] = field(default_factory=list)
