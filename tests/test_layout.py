"""The folder tree is the data flow: import layers hold (`lint-imports`) and every check sits in its section."""

from __future__ import annotations

import importlib
import pkgutil
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import audit
import audit.checks
from audit.checks.framework.registry import NOT_CHECKS, load_checks
from audit.grid import load_grid

ROOT = Path(__file__).resolve().parent.parent


def _lint_imports() -> str:
    beside = Path(sys.executable).with_name("lint-imports")
    return str(beside) if beside.exists() else shutil.which("lint-imports") or "lint-imports"


def test_no_module_imports_a_layer_above_it():
    proc = subprocess.run([_lint_imports(), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "0 broken" in proc.stdout


def test_every_top_level_module_has_a_layer():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    layered = {
        name.strip().split(".")[1]
        for contract in config["tool"]["importlinter"]["contracts"]
        for layer in contract["layers"]
        for name in layer.replace(":", "|").split("|")
    }
    top = {info.name for info in pkgutil.iter_modules(audit.__path__) if not info.name.startswith("_")}
    assert top <= layered, f"place these in the layers of pyproject.toml: {sorted(top - layered)}"


def test_checks_sit_in_the_section_of_their_criteria():
    sections = {info.name for info in pkgutil.iter_modules(audit.checks.__path__) if info.ispkg} - NOT_CHECKS
    assert sections == set(audit.checks.SECTIONS) == set(load_grid().sections)
    names = []
    for section in sorted(sections):
        package = importlib.import_module(f"audit.checks.{section}")
        for info in pkgutil.iter_modules(package.__path__):
            if info.name.startswith("_"):
                continue
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            assert {c.split(".")[0] for c in module.CRITERIA} == {section}, module.__name__
            names.append(info.name)
    checks, errors = load_checks()
    assert not errors
    assert sorted(names) == [c.name for c in checks if c.name in names] and len(names) >= 41
