"""Liens internes cassés : part des pages internes visitées qui répondent par une erreur (4xx, 5xx, injoignable)."""

from __future__ import annotations

from audit.artifacts.page import Page
from audit.checks.framework.model import Answer, Evidence, FetchRecord, Observation, SiteFacts

CRITERIA = ("site.broken_links",)
NEEDS = frozenset({"site_facts"})

#: Broken URLs listed in the value; the counts cover them all.
MAX_ITEMS = 50
MAX_EVIDENCE = 5


def observe(page: Page) -> tuple[Observation, ...]:
    """Nothing to see per page: the answer comes from the fetches the crawl recorded."""
    return ()


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    fetches = site.fetches if site else {}
    if not fetches:
        return {"site.broken_links": Answer("unknown")}
    broken = sorted(
        ((url, record) for url, record in fetches.items() if record.broken),
        key=lambda item: (-len(item[1].referrers), item[0]),
    )
    items = []
    for url, record in broken[:MAX_ITEMS]:
        item = {"url": url, "status": record.status, "referrers": list(record.referrers)}
        if record.error:
            item["error"] = record.error[:200]
        items.append(item)
    value = {
        "checked": len(fetches), "broken": len(broken), "share": round(len(broken) / len(fetches), 3),
        "items": items,
    }
    if not broken:
        # Few pages checked make "no broken link" a weaker claim.
        confidence = min(0.9, 0.5 + len(fetches) / 100)
        return {"site.broken_links": Answer("absent", [], confidence=confidence, value=value)}
    evidence = [
        Evidence(
            url=record.referrers[0] if record.referrers else url,
            excerpt=f"Lien vers {url} : {_outcome(record)}"[:500],
        )
        for url, record in broken[:MAX_EVIDENCE]
    ]
    # An HTTP error status is certain; a timeout or a refused connection may be passing.
    confidence = 0.95 if any(record.status for _, record in broken) else 0.7
    return {"site.broken_links": Answer("present", evidence, confidence=confidence, value=value)}


def _outcome(record: FetchRecord) -> str:
    if record.status and record.status >= 400:
        return f"erreur HTTP {record.status}"
    return f"injoignable ({record.error})"
