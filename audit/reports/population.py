"""Commune populations and size bands, to compare each commune with communes of its size.

The population comes from the input list (a ``population`` column, kept in
``site.input``) or else from the INSEE reference table, read at run time from
the path given (never copied into the project).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

_PROJECT_ROOT = Path(__file__).resolve().parents[2]
#: The shared INSEE table, when the project sits beside the shared folder.
DEFAULT_COMMUNES_TABLE = _PROJECT_ROOT.parent / "shared" / "corpus" / "datas.fun" / "France" / "communes.csv"
_CODE_COLUMN = "insee_com"
_POPULATION_COLUMNS = ("population_2021", "population")
_SPACES = re.compile(r"[\s\u00a0\u202f]")
#: Upper bounds (exclusive) and French labels of the size bands.
BANDS = (
    (500, "moins de 500 hab."),
    (2_000, "500 à 1 999 hab."),
    (5_000, "2 000 à 4 999 hab."),
    (10_000, "5 000 à 9 999 hab."),
    (20_000, "10 000 à 19 999 hab."),
    (50_000, "20 000 à 49 999 hab."),
    (100_000, "50 000 à 99 999 hab."),
    (None, "100 000 hab. et plus"),
)


def parse_population(raw: object) -> int | None:
    """``12 345``, ``12345``, ``12345.0`` as an int; None when it is not a population."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int | float):
        return int(raw) if raw >= 0 and raw == raw else None
    text = _SPACES.sub("", str(raw))
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None
    return int(number) if number >= 0 else None


def band_of(population: int | None) -> str | None:
    if population is None:
        return None
    return next(label for bound, label in BANDS if bound is None or population < bound)


def table_path(option: str | Path | None) -> Path | None:
    """The INSEE table to read: the one given, else the shared default when it exists."""
    if option:
        return Path(option)
    return DEFAULT_COMMUNES_TABLE if DEFAULT_COMMUNES_TABLE.is_file() else None


def read_table(path: Path | None, codes: Iterable[str]) -> dict[str, int]:
    """Populations by INSEE code for `codes`, from the table at `path` (empty when there is none)."""
    wanted = {c for c in codes if c}
    if path is None or not wanted or not path.is_file():
        return {}
    sep = _sniff_sep(path)
    header = pd.read_csv(path, nrows=0, sep=sep, encoding="utf-8-sig").columns
    column = next((c for c in _POPULATION_COLUMNS if c in header), None)
    if _CODE_COLUMN not in header or column is None:
        return {}
    frame = pd.read_csv(path, usecols=[_CODE_COLUMN, column], dtype=str, sep=sep, encoding="utf-8-sig")
    frame = frame[frame[_CODE_COLUMN].isin(wanted)]
    return {code: pop for code, raw in zip(frame[_CODE_COLUMN], frame[column]) if (pop := parse_population(raw)) is not None}


def _sniff_sep(path: Path) -> str:
    with path.open(encoding="utf-8-sig") as handle:
        first = handle.readline()
    return ";" if first.count(";") > first.count(",") else ","


def population_of(site: dict[str, Any], table: dict[str, int]) -> int | None:
    """The input list's population first, else the table's for the site's INSEE code."""
    given = parse_population((site.get("input") or {}).get("population"))
    return given if given is not None else table.get(site.get("insee") or "")
