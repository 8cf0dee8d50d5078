"""Render every report of a run folder from its ``audit.json`` files, without crawling again."""

from __future__ import annotations

from pathlib import Path

from audit.grid import load_grid
from audit.history.changes import SiteHistory
from audit.reports.comparison import rows_of, write_summary_html
from audit.reports.history import changes_summary
from audit.reports.population import read_table, table_path
from audit.reports.site_html import write_site_report
from audit.reports.summary import write_summary_csv
from audit.reports.workbook import write_workbooks
from audit.results.output import iter_audits, site_dir


def render_reports(run_dir: Path, communes_table: str | Path | None = None,
                   histories: dict[str, SiteHistory] | None = None) -> list[Path]:
    """Write each site's ``report.html``, then ``summary.csv``, ``summary.html``, ``summary.xlsx``,
    ``grid.csv`` and ``grid.xlsx``; return their paths (none when the folder holds no audit).

    `communes_table` is the INSEE table giving populations (default: the shared one when present).
    `histories` (by start URL, read from the history database by the caller) adds what changed since
    each site's previous audit and its history table.
    """
    grid = load_grid()
    audits = list(iter_audits(run_dir))
    if not audits:
        return []
    histories = histories or {}
    written = [write_site_report(audit, site_dir(run_dir, slug), grid, histories.get(audit["site"]["start_url"]))
               for slug, audit in audits]
    populations = read_table(table_path(communes_table), (a["site"].get("insee", "") for _, a in audits))
    rows = rows_of(audits, populations, grid)
    for row, (_, audit) in zip(rows, audits):
        row.changes = changes_summary(histories.get(audit["site"]["start_url"]), audit, grid)
    written.append(write_summary_csv(run_dir))
    written.append(write_summary_html(run_dir, rows, grid))
    written.extend(write_workbooks(run_dir, audits, rows, grid))
    return written
