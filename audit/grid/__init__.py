"""The evaluation grid shipped with the package: criteria ids, sections, French labels."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import yaml


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    section: str
    label: str
    question: str
    needs_browser: bool = False


@dataclass(frozen=True, slots=True)
class Grid:
    sections: dict[str, str]
    criteria: tuple[Criterion, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.criteria)

    def by_id(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)

    def in_section(self, section: str) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.section == section)


@cache
def load_grid() -> Grid:
    """Load the packaged copy of ``criteria.yaml`` (kept equal to the shared contract by a test)."""
    raw = yaml.safe_load(files("audit.grid").joinpath("criteria.yaml").read_text(encoding="utf-8"))
    criteria = tuple(
        Criterion(
            id=c["id"], section=c["section"], label=c["label"], question=c["question"],
            needs_browser=c.get("needs") == "browser",
        )
        for c in raw["criteria"]
    )
    return Grid(sections=dict(raw["sections"]), criteria=criteria)
