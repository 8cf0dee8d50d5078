"""Earlier audits of the same site, and what changed since each of them.

The service keeps every job's folder, so the earlier audits of a site are the
finished jobs with the same site identity (host without ``www.``, port). With a
history database (``audit serve --db``), the audits recorded there for that site
count too: the association's scheduled crawls of the same database show up
beside the service's own audits.

What changed between two ``audit.json`` documents is the history package's
definition (``audit.history.changes.compare``, issue 12), shown by
:func:`changes_between`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from audit.artifacts.urls import site_key
from audit.grid import load_grid
from audit.history.changes import compare
from audit.history.store import HistoryError, open_store
from audit.reports.common import STATUS_LABELS, french_date
from audit.web.jobs import DONE, Job, JobStore

logger = logging.getLogger(__name__)


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
    """An earlier audit of the site: a job of the service (with its page), or a run of the history database."""

    job: Job | None
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

    The service's job folders come first-hand; the history database `db_url`
    (``--db``) adds the audits recorded there that no job folder holds.
    """
    found: dict[str, tuple[Job | None, dict[str, Any]]] = {}
    for other in reversed(store.all()):
        if other.id == job.id or other.state != DONE or other.site != job.site or other.created > job.created:
            continue
        result = store.result(other.id)
        if result is not None:
            found[str(result[1].get("site", {}).get("started_at") or other.created)] = (other, result[1])
    for old in _recorded(db_url, job, audit, limit):
        found.setdefault(str(old["site"].get("started_at") or ""), (None, old))
    earlier = []
    for started in sorted(found, reverse=True)[:limit]:
        other, old = found[started]
        site = old.get("site") or {}
        earlier.append(EarlierAudit(
            job=other, date=french_date(site.get("finished_at") or started),
            pages=int(site.get("pages_crawled") or 0), changes=changes_between(old, audit),
        ))
    return earlier


def _recorded(db_url: str | None, job: Job, audit: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    """The audits of `job`'s site in the history database, started before this one; none without a usable database."""
    if not db_url:
        return []
    try:
        history = open_store(db_url, create=False)
    except HistoryError as exc:
        logger.warning("history database unavailable: %s", exc)
        return []
    try:
        before = str(audit.get("site", {}).get("started_at") or job.created)
        return history.earlier_audits(lambda url: site_key(url) == job.site, before, limit)
    except HistoryError as exc:
        logger.warning("history database unreadable: %s", exc)
        return []
    finally:
        history.close()
