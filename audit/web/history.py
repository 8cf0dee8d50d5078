"""Earlier audits of the same site, and what changed since each of them.

The service keeps every job's folder, so the earlier audits of a site are the
finished jobs with the same site identity (host without ``www.``, port).

What changed between two ``audit.json`` documents comes from
:func:`changes_between`, the single entry point: it uses the history package's
``audit.history.changes.compare`` (issue 12) when it is installed, and a minimal
comparison of statuses and values otherwise.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from audit.grid import load_grid
from audit.reports.common import STATUS_LABELS, french_date
from audit.web.jobs import DONE, Job, JobStore


@dataclass(frozen=True)
class ChangeView:
    """One change, ready for the page: the criterion's label and its status before and after."""

    criterion: str
    label: str
    before: str
    after: str
    detail: str = ""


@dataclass(frozen=True)
class EarlierAudit:
    job: Job
    date: str
    pages: int
    changes: list[ChangeView]


def _status(answer: Any) -> str:
    status = answer.get("status") if isinstance(answer, dict) else None
    return status if status in STATUS_LABELS else "unknown"


def minimal_compare(before: dict[str, Any], after: dict[str, Any]) -> list[ChangeView]:
    """Criteria whose status changed, and present criteria whose value changed, in grid order."""
    labels = _labels()
    old, new = before.get("criteria") or {}, after.get("criteria") or {}
    changes = []
    for cid, label in labels.items():
        a, b = old.get(cid), new.get(cid)
        sa, sb = _status(a), _status(b)
        if sa != sb:
            changes.append(ChangeView(cid, label, STATUS_LABELS[sa], STATUS_LABELS[sb]))
        elif sb == "present" and _value(a) != _value(b):
            changes.append(ChangeView(cid, label, STATUS_LABELS[sa], STATUS_LABELS[sb], "valeur modifiée"))
    return changes


def _labels() -> dict[str, str]:
    """Criterion id to French label, in grid order."""
    return {c.id: c.label for c in load_grid().criteria}


def _value(answer: Any) -> str:
    value = answer.get("value") if isinstance(answer, dict) else None
    return json.dumps(value, sort_keys=True, default=str)


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> list[ChangeView]:
    """What changed from `before` to `after` (two ``audit.json`` documents).

    The one place to point at issue 12's ``audit.history.changes.compare`` once it is merged.
    """
    try:
        from audit.history.changes import compare  # type: ignore[import-not-found]
    except ImportError:
        return minimal_compare(before, after)
    return [_view(change) for change in compare(before, after)]


def _view(change: Any) -> ChangeView:
    """Adapt a change of the history package to what the page shows (attribute names read defensively)."""
    cid = str(getattr(change, "criterion", getattr(change, "criterion_id", "")))
    label = _labels().get(cid, cid)
    before = getattr(change, "before", getattr(change, "old_status", ""))
    after = getattr(change, "after", getattr(change, "new_status", ""))
    detail = str(getattr(change, "detail", getattr(change, "message", "")) or "")
    return ChangeView(cid, label, STATUS_LABELS.get(str(before), str(before)), STATUS_LABELS.get(str(after), str(after)), detail)


def earlier_audits(store: JobStore, job: Job, audit: dict[str, Any], db_url: str | None = None,
                   limit: int = 10) -> list[EarlierAudit]:
    """Finished audits of `job`'s site made before it, newest first, each with the changes since it.

    `db_url` is the history database given with ``--db``; the service's own job folders are the
    source until the history layer (issue 12) provides a reader.
    """
    earlier = []
    for other in reversed(store.all()):
        if other.id == job.id or other.state != DONE or other.site != job.site or other.created > job.created:
            continue
        result = store.result(other.id)
        if result is None:
            continue
        _folder, old = result
        site = old.get("site") or {}
        earlier.append(EarlierAudit(
            job=other, date=french_date(site.get("finished_at") or other.finished),
            pages=int(site.get("pages_crawled") or 0), changes=changes_between(old, audit),
        ))
        if len(earlier) >= limit:
            break
    return earlier
