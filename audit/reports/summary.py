"""``summary.csv``: one row per site, one column per criterion status."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from audit.grid import load_grid
from audit.results.output import iter_audits, write_atomic

SUMMARY_FILE = "summary.csv"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def summary_frame(run_dir: Path) -> pd.DataFrame:
    ids = load_grid().ids
    rows = []
    for slug, audit in iter_audits(run_dir):
        site = audit["site"]
        row = {
            "slug": slug, "name": site.get("name", ""), "insee": site.get("insee", ""),
            "url": site["start_url"], "pages_crawled": site["pages_crawled"],
            "errors": len(site.get("errors", [])),
        }
        row.update({cid: audit["criteria"].get(cid, {}).get("status", "unknown") for cid in ids})
        rows.append(row)
    return pd.DataFrame(rows, columns=["slug", "name", "insee", "url", "pages_crawled", "errors", *ids])


def neutralise(value: object) -> object:
    """Prefix text a spreadsheet would run as a formula with a quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_summary_csv(run_dir: Path) -> Path:
    frame = summary_frame(run_dir).map(neutralise)
    path = run_dir / SUMMARY_FILE
    write_atomic(path, frame.to_csv(index=False).encode("utf-8"))
    return path
