"""Earlier audits of the same site, and what changed since each of them.

The service keeps every job's folder, so the earlier audits of a site are the
finished jobs with the same site identity (host without ``www.``, port).

What changed between two ``audit.json`` documents is the history package's
definition (``audit.history.changes.compare``, issue 12), shown by
:func:`changes_between`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from audit.grid import load_grid
from audit.history.changes import compare
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


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> list[ChangeView]:
    """What changed from `before` to `after` (two ``audit.json`` documents), for the page.

    The comparison itself is the history package's (issue 12): ``audit.history.changes.compare``.
    """
    labels = {c.id: c.label for c in load_grid().criteria}
    return [
        ChangeView(
            criterion=change.criterion, label=labels.get(change.criterion, change.criterion),
            before=_status_label(change.before), after=_status_label(change.after),
            detail="" if change.status_changed else "valeur modifiée",
        )
        for change in compare(before, after)
    ]


def _status_label(status: str | None) -> str:
    return STATUS_LABELS.get(status or "", "sans réponse")


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
