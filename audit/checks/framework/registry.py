"""Check discovery through the ``audit.checks`` entry-point group.

An entry point names either one check module or a package whose public
modules are all checks. The built-in ``audit.checks`` package is registered
too: its checks live in one sub-package per section of the grid
(``audit/checks/<section>/<check>.py``), beside ``framework/`` and ``common/``
which hold no checks, so adding a built-in check means adding one module to its
section. A check is named after its module (``payment``, ``council``).

A check module defines:

- ``CRITERIA``: the criterion ids it answers;
- ``NEEDS``: what it reads, among ``html``, ``site_facts``, ``rendered``, ``axe``, ``network``;
- ``observe(page) -> iterable of Observation``: pure, called for each page;
- ``decide(observations, site) -> {criterion: Answer}``: pure, called once per site.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.metadata import entry_points
from types import ModuleType
from typing import Any

from audit.artifacts.page import Page
from audit.checks.framework.model import Answer, Observation, SiteFacts

logger = logging.getLogger(__name__)

GROUP = "audit.checks"
BUILTIN = "audit.checks"
#: Sub-packages of the built-in package that hold no checks: the framework and the shared helpers.
NOT_CHECKS = frozenset({"framework", "common"})
KNOWN_NEEDS = frozenset({"html", "site_facts", "rendered", "axe", "network"})


class CheckDefinitionError(ValueError):
    """A module registered as a check does not define the check interface."""


@dataclass(frozen=True)
class Check:
    name: str
    criteria: tuple[str, ...]
    needs: frozenset[str]
    observe: Callable[[Page], Iterable[Observation]]
    decide: Callable[[list[Observation], SiteFacts | None], dict[str, Answer]]
    doc: str = ""

    @classmethod
    def from_module(cls, module: ModuleType, name: str) -> "Check":
        missing = [a for a in ("CRITERIA", "NEEDS", "observe", "decide") if not hasattr(module, a)]
        if missing:
            raise CheckDefinitionError(f"{module.__name__}: il manque {', '.join(missing)}")
        needs = frozenset(module.NEEDS)
        if needs - KNOWN_NEEDS:
            raise CheckDefinitionError(f"{module.__name__}: besoins inconnus {sorted(needs - KNOWN_NEEDS)}")
        doc = (module.__doc__ or "").strip().splitlines()
        return cls(
            name=name, criteria=tuple(module.CRITERIA), needs=needs, observe=module.observe,
            decide=module.decide, doc=doc[0] if doc else "",
        )


def _modules_of(target: Any, ep_name: str) -> Iterable[tuple[str, ModuleType]]:
    if getattr(target, "__name__", None) == BUILTIN:
        # The built-in checks live in one sub-package per section of the grid.
        for info in pkgutil.iter_modules(target.__path__):
            if info.name.startswith("_") or info.name in NOT_CHECKS:
                continue
            module = importlib.import_module(f"{BUILTIN}.{info.name}")
            if info.ispkg:
                yield from _modules_of_package(module)
            else:
                yield info.name, module
    elif hasattr(target, "__path__"):
        yield from _modules_of_package(target)
    else:
        yield ep_name, target


def _modules_of_package(package: ModuleType) -> Iterable[tuple[str, ModuleType]]:
    for info in pkgutil.iter_modules(package.__path__):
        if not info.name.startswith("_"):
            yield info.name, importlib.import_module(f"{package.__name__}.{info.name}")


def load_checks() -> tuple[list[Check], list[str]]:
    """All installed checks, and the load errors of broken plugins (which are skipped)."""
    targets: dict[str, Callable[[], Any]] = {BUILTIN: lambda: importlib.import_module(BUILTIN)}
    for ep in entry_points(group=GROUP):
        targets.setdefault(ep.value, ep.load)
    checks: dict[str, Check] = {}
    errors: list[str] = []
    for value, load in targets.items():
        try:
            for name, module in _modules_of(load(), value.rsplit(".", 1)[-1]):
                checks.setdefault(name, Check.from_module(module, name))
        except Exception as exc:  # a broken plugin must not stop the audit
            logger.warning("check plugin %s could not be loaded: %s", value, exc)
            errors.append(f"{value}: {exc}")
    return sorted(checks.values(), key=lambda c: c.name), errors
