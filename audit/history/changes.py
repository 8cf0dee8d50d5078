"""What changed between two audits of the same site: pure functions of ``audit.json`` dicts.

Nothing here touches a database or a file, so the reports, ``audit diff`` and a
future web service share one definition of a change:

- a criterion whose status changed (``absent`` → ``present``, ``present`` → ``unknown``…);
- a criterion whose status stayed but whose value changed (a new compliance
  level, a newer latest news date, another payment means).

Confidence and evidence alone never make a change (a re-crawl can find the same
feature on another page); the evidence of both sides comes with each change so
a reader can check it. Values are compared for what they say, not for where or in
which order the crawl met things: lists are compared as sets, and the details
that only record where something was seen (``referrers``, per-page lists under
``pages``, explanatory ``note`` texts) are left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Change:
    """One criterion that differs between two audits of one site."""

    criterion: str
    before: str | None
    after: str | None
    value_before: Any = None
    value_after: Any = None
    evidence_before: tuple[dict[str, Any], ...] = ()
    evidence_after: tuple[dict[str, Any], ...] = ()

    @property
    def status_changed(self) -> bool:
        """Whether the status itself changed (otherwise only the value did)."""
        return self.before != self.after


def _answer(audit: dict[str, Any], criterion: str) -> dict[str, Any]:
    answer = (audit.get("criteria") or {}).get(criterion)
    return answer if isinstance(answer, dict) else {}


#: Value keys that say where or how something was seen, not what the site offers.
_WHERE_KEYS = frozenset({"referrers", "note"})


def _essence(value: Any) -> Any:
    """A value reduced to what it says: dict keys sorted, lists as sorted sets, `_WHERE_KEYS` and per-page lists dropped."""
    if isinstance(value, dict):
        return {str(k): _essence(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))
                if k not in _WHERE_KEYS and not (k == "pages" and isinstance(v, list))}
    if isinstance(value, list | tuple):
        items = {json.dumps(_essence(v), sort_keys=True, default=str) for v in value}
        return sorted(items)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _same(a: Any, b: Any) -> bool:
    """Whether two values say the same (see `_essence`)."""
    return a == b or _essence(a) == _essence(b)


def _evidence(answer: dict[str, Any]) -> tuple[dict[str, Any], ...]:
    return tuple(e for e in answer.get("evidence") or [] if isinstance(e, dict))


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[Change]:
    """Every criterion whose status or value differs from `before` to `after` (two ``audit.json`` dicts).

    Criteria come in the order of `after`, then those only `before` answers. A
    criterion missing on one side has status None there.
    """
    order = list((after.get("criteria") or {}).keys())
    order += [c for c in (before.get("criteria") or {}) if c not in set(order)]
    changes = []
    for criterion in order:
        old, new = _answer(before, criterion), _answer(after, criterion)
        status_before, status_after = old.get("status"), new.get("status")
        value_before, value_after = old.get("value"), new.get("value")
        if status_before == status_after and _same(value_before, value_after):
            continue
        changes.append(Change(criterion=criterion, before=status_before, after=status_after,
                              value_before=value_before, value_after=value_after,
                              evidence_before=_evidence(old), evidence_after=_evidence(new)))
    return changes


@dataclass(frozen=True)
class SiteChanges:
    """The changes of one site present in both runs."""

    site: str
    changes: list[Change]


@dataclass(frozen=True)
class RunDiff:
    """Two runs compared site by site (sites keyed by their start URL)."""

    sites: list[SiteChanges]
    appeared: list[str]
    disappeared: list[str]

    @property
    def compared(self) -> int:
        """How many sites both runs audited."""
        return len(self.sites)

    def changed(self) -> list[SiteChanges]:
        """Only the sites with at least one change."""
        return [s for s in self.sites if s.changes]


def diff_audits(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> RunDiff:
    """Compare two runs given as ``{start_url: audit}``: changes per common site, sites appeared and disappeared."""
    common = [url for url in after if url in before]
    return RunDiff(
        sites=[SiteChanges(url, compare(before[url], after[url])) for url in sorted(common)],
        appeared=sorted(url for url in after if url not in before),
        disappeared=sorted(url for url in before if url not in after),
    )


@dataclass(frozen=True)
class HistoryEntry:
    """One past (or the current) audit of a site, as the reports show it."""

    run_id: int
    label: str | None
    date: str
    statuses: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteHistory:
    """What the history database knows about one site, handed to the reports.

    `previous` is the latest earlier audit (an ``audit.json`` dict) and `previous_date`
    its date; `entries` are the site's audits up to the current one, oldest first.
    """

    previous: dict[str, Any] | None
    previous_date: str | None
    entries: tuple[HistoryEntry, ...] = ()

    def changes(self, current: dict[str, Any]) -> list[Change]:
        """What changed since the previous audit (none without one)."""
        return compare(self.previous, current) if self.previous is not None else []
