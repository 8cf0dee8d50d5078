"""Runs the checks over one site: observations per page, then one decision per criterion.

Each check only gets what it declared. A check that raises turns its own
criteria into ``unknown`` with an entry in the site's errors; nothing else stops.
"""

from __future__ import annotations

import logging
from typing import Any

from audit.artifacts.page import Page
from audit.checks.framework.model import Answer, Observation, SiteFacts
from audit.checks.framework.registry import Check
from audit.grid import load_grid

logger = logging.getLogger(__name__)

BROWSER_NEEDS = frozenset({"rendered", "axe", "network"})


def _alive(observations: list[Observation], facts: SiteFacts) -> list[Observation]:
    """`observations` without the links to pages of the site that answered an error.

    A footer link « Mentions légales » to a page that answers 404 shows the juror
    who follows it nothing: whatever the check, it is not evidence.
    """
    return [o for o in observations if o.target is None or not facts.is_broken(o.target)]


class SiteAudit:
    """Accumulates a site's observations while pages stream by, then decides."""

    def __init__(self, checks: list[Check], browser: bool = False) -> None:
        self.checks = checks
        self.browser = browser
        self.observations: dict[str, list[Observation]] = {c.name: [] for c in checks}
        self.failures: dict[str, str] = {}
        #: What static checks saw, so that the rendered DOM only adds what scripts inserted.
        self._seen: set[tuple[str, str, str, str, str]] = set()

    def observe(self, page: Page, rendered: bool = False) -> None:
        """Give `page` to every check that reads it.

        Static HTML goes to checks needing ``html``. A rendered page goes to checks
        needing ``rendered`` as it is; the desktop rendering also goes to the
        ``html`` checks, keeping only observations the static page did not give
        (links and banners inserted by scripts), so nothing is counted twice.
        """
        for check in self.checks:
            if check.name in self.failures:
                continue
            if rendered and "rendered" not in check.needs and not ("html" in check.needs and page.viewport == "desktop"):
                continue
            if not rendered and "html" not in check.needs:
                continue
            try:
                found = list(check.observe(page))
            except Exception as exc:
                logger.exception("check %s failed on %s", check.name, page.url)
                self.failures[check.name] = f"{type(exc).__name__}: {exc} (page {page.url})"
                continue
            if self.browser and "rendered" not in check.needs:
                found = self._new_only(check.name, found, rendered)
            self.observations[check.name].extend(found)

    def _new_only(self, name: str, found: list[Observation], rendered: bool) -> list[Observation]:
        keys = [(name, o.criterion, o.url, o.kind, o.excerpt) for o in found]
        if rendered:
            found = [o for o, key in zip(found, keys) if key not in self._seen]
        self._seen.update(keys)
        return found

    def decide(self, facts: SiteFacts) -> tuple[dict[str, dict[str, Any]], list[dict[str, str]]]:
        """Answer every grid criterion; return the criteria mapping and the errors to record."""
        errors: list[dict[str, str]] = []
        answers: dict[str, Answer] = {}
        for check in self.checks:
            answers.update(self._decide_one(check, facts, errors))
        grid_ids = load_grid().ids
        missing = [cid for cid in grid_ids if cid not in answers]
        if missing:
            errors.append({
                "kind": "criterion_unanswered",
                "message": "Aucune vérification installée ne répond à : " + ", ".join(missing),
            })
        if not facts.home_read:
            answers = {}
        result = {cid: answers.get(cid, Answer("unknown")).to_dict() for cid in grid_ids}
        result.update({cid: a.to_dict() for cid, a in answers.items() if cid not in result})
        return result, errors

    def _decide_one(self, check: Check, facts: SiteFacts, errors: list[dict[str, str]]) -> dict[str, Answer]:
        unknown = {cid: Answer("unknown") for cid in check.criteria}
        if check.name in self.failures:
            errors.append({"kind": "check_failed", "message": f"{check.name}: {self.failures[check.name]}"})
            return unknown
        if check.needs & BROWSER_NEEDS and not self.browser and "html" not in check.needs:
            errors.append({
                "kind": "browser_required",
                "message": f"{check.name} : ce critère demande un navigateur, désactivé ou indisponible",
            })
            return unknown
        try:
            decided = check.decide(
                _alive(self.observations[check.name], facts), facts if "site_facts" in check.needs else None
            )
        except Exception as exc:
            logger.exception("check %s failed to decide", check.name)
            errors.append({"kind": "check_failed", "message": f"{check.name}: {type(exc).__name__}: {exc}"})
            return unknown
        answers: dict[str, Answer] = {}
        for cid in check.criteria:
            answer = decided.get(cid, Answer("unknown"))
            if answer.status == "present" and not answer.evidence:
                errors.append({
                    "kind": "check_failed",
                    "message": f"{check.name}: « present » sans preuve pour {cid}, ramené à unknown",
                })
                answer = Answer("unknown")
            for ev in answer.evidence:
                ev.check = ev.check or check.name
            answers[cid] = answer
        return answers
