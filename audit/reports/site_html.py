"""``report.html``: one site's audit in French, self-contained (inline CSS, screenshots as data: URIs, no script)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from audit.grid import Grid, load_grid
from audit.history.changes import SiteHistory
from audit.reports.common import (
    STATUS_LABELS,
    STATUSES,
    french_date,
    screenshot_uri,
    section_counts,
    site_name,
)
from audit.reports.history import change_items, timeline
from audit.reports.render import environment, status_bar, stylesheet
from audit.reports.values import value_html
from audit.results.output import write_atomic

REPORT_FILE = "report.html"
_SHOTS = (("desktop", "Page d'accueil sur ordinateur", "Capture de la page d'accueil affichée sur un écran d'ordinateur"),
          ("mobile", "Page d'accueil sur mobile", "Capture de la page d'accueil affichée sur un téléphone"))


def render_site(audit: dict[str, Any], folder: Path, grid: Grid | None = None, history: SiteHistory | None = None) -> str:
    """The HTML of one site's report; `folder` holds its screenshots.

    With `history` (the site's earlier audits, from the history database), the report
    gets a « Changements depuis le <date> » section and the site's history table.
    """
    grid = grid or load_grid()
    site, criteria = audit["site"], audit["criteria"]
    counts = section_counts(grid, criteria)
    total = {s: sum(c[s] for c in counts.values()) for s in STATUSES}
    sections = [
        {"key": key, "label": label, "counts": counts[key], "chart": status_bar(counts[key]),
         "criteria": [_criterion(c, criteria.get(c.id, {})) for c in grid.in_section(key)]}
        for key, label in grid.sections.items()
    ]
    shots = [
        {"src": src, "caption": caption, "alt": alt}
        for kind, caption, alt in _SHOTS
        if (src := screenshot_uri(folder, (site.get("screenshots") or {}).get(kind)))
    ]
    broken = (criteria.get("site.broken_links", {}).get("value") or {})
    return environment().get_template("site.html.j2").render(
        css=stylesheet(), name=site_name(site), url=site.get("final_url") or site["start_url"],
        insee=site.get("insee", ""), date=french_date(site.get("finished_at") or site.get("started_at")),
        pages_crawled=site.get("pages_crawled", 0), pages_rendered=site.get("pages_rendered", 0),
        shots=shots, sections=sections, total=total, total_chart=status_bar(total),
        errors=[e for e in site.get("errors") or [] if isinstance(e, dict)],
        broken=[b for b in (broken.get("items") if isinstance(broken, dict) else None) or [] if isinstance(b, dict)],
        previous_date=french_date(history.previous_date) if history and history.previous is not None else "",
        changes=change_items(history, audit, grid), timeline=timeline(history, grid),
    )


def _criterion(criterion: Any, answer: dict[str, Any]) -> dict[str, Any]:
    status = answer.get("status") if answer.get("status") in STATUSES else "unknown"
    confidence = answer.get("confidence")
    return {
        "id": criterion.id, "label": criterion.label, "question": criterion.question,
        "status": status, "status_label": STATUS_LABELS[status],
        "confidence": round(confidence * 100) if isinstance(confidence, int | float) else None,
        "value": value_html(criterion.id, answer.get("value")),
        "evidence": [e for e in answer.get("evidence") or [] if isinstance(e, dict)],
    }


def write_site_report(audit: dict[str, Any], folder: Path, grid: Grid | None = None,
                      history: SiteHistory | None = None) -> Path:
    path = folder / REPORT_FILE
    write_atomic(path, render_site(audit, folder, grid, history).encode("utf-8"))
    return path
