"""Helpers for a check's ``decide``: turn observations into answers the same way everywhere."""

from __future__ import annotations

from collections.abc import Iterable

from audit.checks.framework.model import Answer, Evidence, Observation

MAX_EVIDENCE = 5


def evidence_of(observations: Iterable[Observation], limit: int = MAX_EVIDENCE) -> list[Evidence]:
    """The strongest observations as evidence, one per (URL, excerpt), strongest first."""
    seen: set[tuple[str, str]] = set()
    out: list[Evidence] = []
    for obs in sorted(observations, key=lambda o: -o.strength):
        key = (obs.url, obs.excerpt)
        if key in seen:
            continue
        seen.add(key)
        out.append(Evidence(url=obs.url, excerpt=obs.excerpt[:500], locator=obs.locator))
        if len(out) >= limit:
            break
    return out


def strongest_per_kind(observations: Iterable[Observation]) -> dict[str, Observation]:
    """The strongest observation of each kind: a template repeated on every page proves no more than once."""
    best: dict[str, Observation] = {}
    for obs in observations:
        if obs.kind not in best or obs.strength > best[obs.kind].strength:
            best[obs.kind] = obs
    return best


def confidence_of(observations: list[Observation]) -> float:
    """Combined confidence of independent sightings: 1 - Π(1 - strength)."""
    remaining = 1.0
    for obs in observations:
        remaining *= 1.0 - max(0.0, min(1.0, obs.strength))
    return 1.0 - remaining


def presence(
    observations: Iterable[Observation], criterion: str, threshold: float = 0.5,
    absent_confidence: float = 0.7, value: object = None,
) -> Answer:
    """Present when the combined strength of `criterion`'s sightings reaches `threshold`.

    Below it, the answer is absent, and its confidence drops with what was seen
    (a weak sighting makes "absent" less sure).
    """
    mine = [o for o in observations if o.criterion == criterion]
    combined = confidence_of(mine)
    if mine and combined >= threshold:
        return Answer("present", evidence_of(mine), confidence=combined, value=value)
    return Answer("absent", [], confidence=absent_confidence * (1.0 - combined / 2))
