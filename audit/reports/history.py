"""Change since the previous audit, as the reports show it.

Pure functions of ``audit.json`` dicts and the `SiteHistory` the caller read from
the history database (the reports never open it themselves).
"""

from __future__ import annotations

from typing import Any

from audit.grid import Grid
from audit.history.changes import Change, SiteHistory
from audit.reports.common import STATUS_LABELS, french_date, value_text

_WORDS = {"present": "présent", "absent": "absent", "unknown": "à vérifier", None: "non évalué"}


def status_word(status: str | None) -> str:
    return _WORDS.get(status, str(status))


def change_text(change: Change, labels: dict[str, str]) -> str:
    """One change in a few words: ``Paiement en ligne : absent → présent`` or ``… : valeur modifiée``."""
    label = labels.get(change.criterion, change.criterion)
    if change.status_changed:
        return f"{label} : {status_word(change.before)} → {status_word(change.after)}"
    return f"{label} : valeur modifiée ({value_text(change.criterion, change.value_before) or '—'} → " \
           f"{value_text(change.criterion, change.value_after) or '—'})"


def changes_summary(history: SiteHistory | None, audit: dict[str, Any], grid: Grid) -> str:
    """The changes column of the summaries: ``N changement(s) depuis le <date> : …``, empty without an earlier audit."""
    if history is None or history.previous is None:
        return ""
    changes = history.changes(audit)
    since = french_date(history.previous_date)
    if not changes:
        return f"aucun changement depuis le {since}"
    labels = {c.id: c.label for c in grid.criteria}
    return f"{len(changes)} changement(s) depuis le {since} : " + " ; ".join(change_text(c, labels) for c in changes)


def change_items(history: SiteHistory | None, audit: dict[str, Any], grid: Grid) -> list[dict[str, Any]]:
    """The rows of the « Changements depuis le … » section of ``report.html``."""
    if history is None or history.previous is None:
        return []
    labels = {c.id: c.label for c in grid.criteria}
    items = []
    for change in history.changes(audit):
        items.append({
            "id": change.criterion, "label": labels.get(change.criterion, change.criterion),
            "before": change.before or "unknown", "after": change.after or "unknown",
            "before_label": STATUS_LABELS.get(change.before or "", "Non évalué"),
            "after_label": STATUS_LABELS.get(change.after or "", "Non évalué"),
            "value_before": value_text(change.criterion, change.value_before),
            "value_after": value_text(change.criterion, change.value_after),
            "evidence_before": list(change.evidence_before[:3]), "evidence_after": list(change.evidence_after[:3]),
        })
    return items


def timeline(history: SiteHistory | None, grid: Grid) -> dict[str, Any] | None:
    """The site's history table: one column per audit (oldest first), one row per criterion; None with one audit only."""
    if history is None or len(history.entries) < 2:
        return None
    columns = [{"title": e.label or french_date(e.date), "date": french_date(e.date), "run": e.run_id}
               for e in history.entries]
    rows = []
    for criterion in grid.criteria:
        statuses = [e.statuses.get(criterion.id) for e in history.entries]
        cells = [{"status": s if s in STATUS_LABELS else "unknown", "label": STATUS_LABELS.get(s or "", "—")}
                 for s in statuses]
        rows.append({"id": criterion.id, "label": criterion.label, "cells": cells,
                     "changed": len(set(statuses)) > 1})
    return {"columns": columns, "rows": rows}
