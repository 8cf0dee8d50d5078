"""Items the spider yields: one per audited site."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class SiteResult:
    """A finished site: its output folder name and the content of its ``audit.json``."""

    slug: str
    audit: dict[str, Any]
