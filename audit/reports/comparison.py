"""``summary.html``: every commune with its per-section scores, compared with communes of its size band.

A section's score is the share of its criteria found present. The table sorts
with a tiny inline script (its hash is the only script the page's CSP allows);
without JavaScript it stays readable, in commune order.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from statistics import mean
from typing import Any

from markupsafe import Markup

from audit.grid import Grid, load_grid
from audit.reports.common import section_counts, site_name
from audit.reports.population import band_of, population_of
from audit.reports.render import environment, stylesheet
from audit.results.output import write_atomic

SUMMARY_HTML = "summary.html"


@dataclass
class Row:
    slug: str
    name: str
    url: str
    insee: str
    pages: int
    errors: int
    population: int | None
    band: str | None
    scores: dict[str, int] = field(default_factory=dict)
    score: int = 0
    band_mean: int | None = None
    band_size: int = 0
    #: What changed since the site's previous audit (history database), empty without one.
    changes: str = ""

    @property
    def gap(self) -> int | None:
        return None if self.band_mean is None else self.score - self.band_mean


def rows_of(audits: list[tuple[str, dict[str, Any]]], populations: dict[str, int], grid: Grid) -> list[Row]:
    """One row per commune, scores in percent, with its size band's mean when the band has other communes."""
    rows = []
    for slug, audit in audits:
        site = audit["site"]
        counts = section_counts(grid, audit["criteria"])
        population = population_of(site, populations)
        row = Row(slug=slug, name=site_name(site), url=site.get("final_url") or site["start_url"],
                  insee=site.get("insee", ""), pages=site.get("pages_crawled", 0), errors=len(site.get("errors") or []),
                  population=population, band=band_of(population))
        row.scores = {s: _percent(c["present"], sum(c.values())) for s, c in counts.items()}
        row.score = _percent(sum(c["present"] for c in counts.values()), len(grid.criteria))
        rows.append(row)
    for row in rows:
        peers = [r.score for r in rows if row.band and r.band == row.band]
        row.band_size = len(peers)
        if len(peers) > 1:
            row.band_mean = round(mean(peers))
    return rows


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


@cache
def sort_script() -> tuple[Markup, str]:
    """The inline sorting script and its CSP hash."""
    source = files("audit.reports").joinpath("templates/sort.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")
    return Markup(source), f"'sha256-{digest}'"


def render_summary(rows: list[Row], grid: Grid | None = None) -> str:
    grid = grid or load_grid()
    script, script_hash = sort_script()
    ranked = sorted(rows, key=lambda r: (-r.score, r.name.casefold()))
    bands: dict[str, list[Row]] = {}
    for row in rows:
        if row.band:
            bands.setdefault(row.band, []).append(row)
    return environment().get_template("summary.html.j2").render(
        css=stylesheet(), script=script, script_hash=script_hash, sections=grid.sections,
        rows=sorted(rows, key=lambda r: r.name.casefold()), chart=ranked,
        bands={b: round(mean(r.score for r in rs)) for b, rs in bands.items()},
        with_population=any(r.population is not None for r in rows),
        with_changes=any(r.changes for r in rows),
    )


def write_summary_html(run_dir: Path, rows: list[Row], grid: Grid | None = None) -> Path:
    path = run_dir / SUMMARY_HTML
    write_atomic(path, render_summary(rows, grid).encode("utf-8"))
    return path
