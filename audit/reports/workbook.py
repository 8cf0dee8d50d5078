"""Spreadsheets: ``summary.xlsx`` (overview + one sheet per section) and the jury's form ``grid.csv`` / ``grid.xlsx``.

Cells are coloured by status, evidence URLs are hyperlinks (``http(s)`` only),
headers are frozen with filters on. Every text cell is neutralised so that a
spreadsheet never runs crawled text as a formula.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from audit.grid import Grid, load_grid
from audit.reports.common import ANSWERS, COLOURS, safe_url, site_name, value_text
from audit.reports.comparison import Row
from audit.reports.summary import neutralise
from audit.results.output import write_atomic

SUMMARY_XLSX = "summary.xlsx"
GRID_CSV = "grid.csv"
GRID_XLSX = "grid.xlsx"
OVERVIEW = "Vue d'ensemble"
CHANGES_COLUMN = "Changements depuis l'audit précédent"
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_FILLS = {status: PatternFill("solid", start_color=colour, end_color=colour) for status, colour in COLOURS.items()}
_FONTS = {"present": Font(color="FFFFFF", underline="single"), "absent": Font(color="FFFFFF", underline="single"),
          "unknown": Font(color="1B1B1B", underline="single")}
_PLAIN_FONTS = {"present": Font(color="FFFFFF"), "absent": Font(color="FFFFFF"), "unknown": Font(color="1B1B1B")}
_BOLD = Font(bold=True)
_GRID_COLUMNS = ["commune", "insee", "site", "section", "critere", "libelle", "question", "reponse", "valeur",
                 "preuve_url", "extrait", "confiance"]


def cell_value(value: object) -> object:
    """A cell a spreadsheet shows as text: no formula, no character XML forbids."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return neutralise(value)


def sheet_name(label: str, taken: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of ``[]:*?/\\``, unique in the workbook."""
    base = _SHEET_FORBIDDEN.sub(" ", label)[:31].strip() or "Section"
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def _evidence_url(answer: dict[str, Any]) -> str | None:
    return next((u for e in answer.get("evidence") or [] if isinstance(e, dict) and (u := safe_url(e.get("url")))), None)


def _status(answer: dict[str, Any]) -> str:
    status = answer.get("status")
    return status if status in ANSWERS else "unknown"


def _finish(sheet: Worksheet, rows: int, cols: int, widths: dict[int, int] | None = None) -> None:
    """Frozen header row and first column, filters on the table, bold wrapped headers."""
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(cols)}{rows + 1}"
    for cell in sheet[1]:
        cell.font = _BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for col in range(1, cols + 1):
        sheet.column_dimensions[get_column_letter(col)].width = (widths or {}).get(col, 16)


def summary_workbook(audits: list[tuple[str, dict[str, Any]]], rows: list[Row], grid: Grid | None = None) -> bytes:
    """``summary.xlsx``: the overview (scores) then one sheet per section, a row per commune, a column per criterion."""
    grid = grid or load_grid()
    by_slug = {r.slug: r for r in rows}
    overview = pd.DataFrame([
        {"Commune": by_slug[slug].name, "INSEE": by_slug[slug].insee, "Site": by_slug[slug].url,
         "Population": by_slug[slug].population, "Strate": by_slug[slug].band, "Pages lues": by_slug[slug].pages,
         "Erreurs": by_slug[slug].errors,
         **{f"{label} (%)": by_slug[slug].scores[key] for key, label in grid.sections.items()},
         "Total (%)": by_slug[slug].score, "Moyenne de la strate (%)": by_slug[slug].band_mean,
         CHANGES_COLUMN: by_slug[slug].changes}
        for slug, _ in audits
    ], columns=["Commune", "INSEE", "Site", "Population", "Strate", "Pages lues", "Erreurs",
                *(f"{label} (%)" for label in grid.sections.values()), "Total (%)", "Moyenne de la strate (%)",
                *([CHANGES_COLUMN] if any(r.changes for r in rows) else [])])
    buffer = BytesIO()
    taken: set[str] = set()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        name = sheet_name(OVERVIEW, taken)
        overview.map(cell_value).to_excel(writer, sheet_name=name, index=False)
        sheet = writer.sheets[name]
        for i, (_, audit) in enumerate(audits, start=2):
            if url := safe_url(audit["site"].get("final_url") or audit["site"]["start_url"]):
                sheet.cell(i, 3).hyperlink = url
        widths = {1: 28, 3: 34}
        if CHANGES_COLUMN in overview.columns:
            widths[overview.columns.get_loc(CHANGES_COLUMN) + 1] = 80
        _finish(sheet, len(audits), overview.shape[1], widths)
        for key, label in grid.sections.items():
            criteria = grid.in_section(key)
            frame = pd.DataFrame(
                [[site_name(a["site"]), *(_cell_text(c.id, a["criteria"].get(c.id, {})) for c in criteria)] for _, a in audits],
                columns=["Commune", *(c.label for c in criteria)],
            )
            name = sheet_name(label, taken)
            frame.map(cell_value).to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            for i, (_, audit) in enumerate(audits, start=2):
                for j, criterion in enumerate(criteria, start=2):
                    _style(sheet.cell(i, j), audit["criteria"].get(criterion.id, {}))
            _finish(sheet, len(audits), frame.shape[1], {1: 28})
    return buffer.getvalue()


def _cell_text(criterion_id: str, answer: dict[str, Any]) -> str:
    text = ANSWERS[_status(answer)]
    value = value_text(criterion_id, answer.get("value"))
    return f"{text} — {value}" if value else text


def _style(cell: Any, answer: dict[str, Any]) -> None:
    status = _status(answer)
    cell.fill = _FILLS[status]
    url = _evidence_url(answer)
    cell.font = (_FONTS if url else _PLAIN_FONTS)[status]
    if url:
        cell.hyperlink = url


def grid_frame(audits: list[tuple[str, dict[str, Any]]], grid: Grid | None = None) -> pd.DataFrame:
    """The jury's pre-filled form: one row per commune and criterion."""
    grid = grid or load_grid()
    records = []
    for _, audit in audits:
        site = audit["site"]
        for criterion in grid.criteria:
            answer = audit["criteria"].get(criterion.id, {})
            first = next((e for e in answer.get("evidence") or [] if isinstance(e, dict)), {})
            confidence = answer.get("confidence")
            records.append({
                "commune": site_name(site), "insee": site.get("insee", ""),
                "site": site.get("final_url") or site["start_url"],
                "section": grid.sections[criterion.section], "critere": criterion.id, "libelle": criterion.label,
                "question": criterion.question, "reponse": ANSWERS[_status(answer)],
                "valeur": value_text(criterion.id, answer.get("value")),
                "preuve_url": first.get("url", ""), "extrait": first.get("excerpt", ""),
                "confiance": round(confidence, 2) if isinstance(confidence, int | float) else None,
            })
    return pd.DataFrame(records, columns=_GRID_COLUMNS)


def grid_workbook(frame: pd.DataFrame) -> bytes:
    buffer = BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.map(cell_value).to_excel(writer, sheet_name="Grille", index=False)
        sheet = writer.sheets["Grille"]
        status_of = {v: k for k, v in ANSWERS.items()}
        answer_col = _GRID_COLUMNS.index("reponse") + 1
        url_col = _GRID_COLUMNS.index("preuve_url") + 1
        for i, (answer, url) in enumerate(zip(frame["reponse"], frame["preuve_url"]), start=2):
            status = status_of[answer]
            sheet.cell(i, answer_col).fill = _FILLS[status]
            sheet.cell(i, answer_col).font = _PLAIN_FONTS[status]
            if link := safe_url(url):
                sheet.cell(i, url_col).hyperlink = link
        _finish(sheet, len(frame), frame.shape[1], {1: 24, 6: 34, 7: 50, 9: 40, 10: 40, 11: 50})
    return buffer.getvalue()


def write_workbooks(run_dir: Path, audits: list[tuple[str, dict[str, Any]]], rows: list[Row],
                    grid: Grid | None = None) -> list[Path]:
    """Write ``summary.xlsx``, ``grid.csv`` and ``grid.xlsx`` in the run folder."""
    frame = grid_frame(audits, grid)
    outputs = {
        SUMMARY_XLSX: summary_workbook(audits, rows, grid),
        GRID_CSV: frame.map(cell_value).to_csv(index=False).encode("utf-8"),
        GRID_XLSX: grid_workbook(frame),
    }
    for name, data in outputs.items():
        write_atomic(run_dir / name, data)
    return [run_dir / name for name in outputs]
