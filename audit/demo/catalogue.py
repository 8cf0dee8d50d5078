"""The demo communes: one folder each under ``sites/``, listed in ``communes.csv``."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path


@dataclass(frozen=True)
class DemoCommune:
    name: str
    insee: str
    root: Path


def load() -> list[DemoCommune]:
    base = Path(str(files("audit.demo"))) / "sites"
    with (base / "communes.csv").open(encoding="utf-8") as handle:
        return [DemoCommune(r["name"], r["insee"], base / r["folder"]) for r in csv.DictReader(handle)]
