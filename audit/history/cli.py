"""Command-line glue of the history database: ``audit history``, ``audit diff`` and the recording of ``audit run``."""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audit.history.changes import RunDiff, SiteHistory, diff_audits
from audit.history.store import (
    HistoryError,
    RunInfo,
    RunLock,
    Store,
    database_url,
    open_store,
    shown,
)

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_USAGE = 2
#: Keys of each ``audit diff --json`` object, in order (``--csv`` adds the evidence URLs of both sides).
DIFF_KEYS = ("site", "criterion", "before", "after", "value_before", "value_after", "run_before", "run_after")
CSV_EXTRA = ("evidence_before", "evidence_after")
_STATUS = {"present": "présent", "absent": "absent", "unknown": "à vérifier", None: "—"}
_RUN_STATUS = {"finished": "terminée", "running": "inachevée"}


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """``--db URL`` (default ``$AUDIT_DB``, else ``sqlite:///reports/history.sqlite``)."""
    parser.add_argument("--db", metavar="URL",
                        help="base d'historique SQLAlchemy (défaut : $AUDIT_DB, sinon sqlite:///reports/history.sqlite ; "
                             "PostgreSQL : postgresql+psycopg://utilisateur@hôte/base)")


def add_commands(sub: Any) -> None:
    """Add ``audit history`` and ``audit diff`` to the sub-command parser."""
    history = sub.add_parser("history", help="lister les exécutions enregistrées dans la base d'historique")
    add_db_option(history)
    history.set_defaults(handler=history_command)

    diff = sub.add_parser("diff", help="ce qui a changé entre deux exécutions (défaut : les deux dernières terminées)")
    diff.add_argument("run_a", nargs="?", metavar="RUN_A", help="exécution de départ (numéro ou libellé)")
    diff.add_argument("run_b", nargs="?", metavar="RUN_B", help="exécution d'arrivée (défaut : la dernière terminée)")
    add_db_option(diff)
    diff.add_argument("--json", action="store_true", help="imprimer une liste JSON d'objets au lieu du tableau")
    diff.add_argument("--csv", type=Path, metavar="FICHIER", help="écrire aussi les changements dans ce fichier CSV")
    diff.set_defaults(handler=diff_command)


# ----------------------------------------------------------------- audit history
def _date(moment: Any) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else "—"


def format_runs(runs: list[RunInfo]) -> str:
    """The runs as a French table, one line each."""
    if not runs:
        return "Aucune exécution enregistrée."
    rows = [("N°", "Date", "Libellé", "Sites", "Pages", "État")]
    rows += [(str(r.id), _date(r.started_at), r.label or "—", str(r.sites), str(r.pages),
              _RUN_STATUS.get(r.status, r.status)) for r in runs]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    right = {0, 3, 4}
    return "\n".join("  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()
                     for row in rows)


def history_command(args: argparse.Namespace) -> int:
    store = _open(args.db)
    try:
        print(format_runs(store.runs()))
    finally:
        store.close()
    return EXIT_OK


def _open(db: str | None) -> Store:
    """Open an existing database for reading; a missing SQLite file is an error, not a new database."""
    return open_store(database_url(db), create=False)


# -------------------------------------------------------------------- audit diff
def pick_runs(store: Store, run_a: str | None, run_b: str | None) -> tuple[RunInfo, RunInfo]:
    """The two runs to compare: as given, or by default the last two finished runs."""
    finished = [r for r in store.runs() if r.finished]
    if run_a is not None and run_b is not None:
        return store.find_run(run_a), store.find_run(run_b)
    if run_a is not None:
        before = store.find_run(run_a)
        later = [r for r in finished if r.id != before.id]
        if not later:
            raise HistoryError("aucune autre exécution terminée à comparer")
        return before, later[-1]
    if len(finished) < 2:
        raise HistoryError(f"il faut deux exécutions terminées pour comparer ({len(finished)} dans {store.url})")
    return finished[-2], finished[-1]


def diff_records(diff: RunDiff, run_before: int, run_after: int) -> list[dict[str, Any]]:
    """``audit diff --json``: one object per change, then one per site appeared or disappeared.

    A site that appeared is ``{"criterion": null, "before": "absent", "after": "present"}``
    (the site itself was absent from the first run), one that disappeared the reverse.
    """
    records = [
        {"site": site.site, "criterion": c.criterion, "before": c.before, "after": c.after,
         "value_before": c.value_before, "value_after": c.value_after, "run_before": run_before, "run_after": run_after}
        for site in diff.sites for c in site.changes
    ]
    for url, (before, after) in [*((u, ("absent", "present")) for u in diff.appeared),
                                 *((u, ("present", "absent")) for u in diff.disappeared)]:
        records.append({"site": url, "criterion": None, "before": before, "after": after, "value_before": None,
                        "value_after": None, "run_before": run_before, "run_after": run_after})
    return records


def _evidence_urls(evidence: Iterable[dict[str, Any]]) -> str:
    return " ".join(str(e.get("url")) for e in evidence if e.get("url"))


def _cell(value: Any) -> str:
    """A CSV cell: text as is, other values as JSON, never a formula."""
    from audit.reports.summary import neutralise

    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(neutralise(text))


def diff_csv(diff: RunDiff, run_before: int, run_after: int) -> str:
    """The changes for a spreadsheet: the ``--json`` columns plus the evidence URLs of both sides."""
    changes = {(s.site, c.criterion): c for s in diff.sites for c in s.changes}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*DIFF_KEYS, *CSV_EXTRA])
    for record in diff_records(diff, run_before, run_after):
        change = changes.get((record["site"], record["criterion"]))
        extra = [_evidence_urls(change.evidence_before), _evidence_urls(change.evidence_after)] if change else ["", ""]
        writer.writerow([_cell(record[k]) for k in DIFF_KEYS] + [_cell(x) for x in extra])
    return buffer.getvalue()


def _value(criterion: str, value: Any) -> str:
    from audit.reports.common import value_text

    text = value_text(criterion, value) or "—"
    return text if len(text) <= 160 else text[:159] + "…"


def _evidence_line(evidence: tuple[dict[str, Any], ...]) -> str:
    if not evidence:
        return "—"
    first = evidence[0]
    excerpt = " ".join(str(first.get("excerpt") or "").split())
    excerpt = excerpt[:100] + ("…" if len(excerpt) > 100 else "")
    more = f" (+{len(evidence) - 1})" if len(evidence) > 1 else ""
    return f"{first.get('url', '')}{' « ' + excerpt + ' »' if excerpt else ''}{more}"


def _run_title(run: RunInfo) -> str:
    label = f" « {run.label} »" if run.label else ""
    return f"n° {run.id}{label} du {_date(run.started_at)}"


def format_diff(diff: RunDiff, before: RunInfo, after: RunInfo) -> str:
    """The French table of ``audit diff``: per site, each changed criterion with values and evidence of both sides."""
    from audit.grid import load_grid

    labels = {c.id: c.label for c in load_grid().criteria}
    lines = [f"Changements entre l'exécution {_run_title(before)} et l'exécution {_run_title(after)}", ""]
    for site in diff.changed():
        lines.append(site.site)
        rows = [(labels.get(c.criterion, c.criterion), _STATUS.get(c.before, c.before), _STATUS.get(c.after, c.after), c)
                for c in site.changes]
        width = max(len(r[0]) for r in rows)
        lines.append(f"  {'Critère'.ljust(width)}  {'Avant':<10}  Après")
        for label, old, new, change in rows:
            lines.append(f"  {label.ljust(width)}  {old:<10}  {new}")
            if change.value_before is not None or change.value_after is not None:
                lines.append(f"  {'':{width}}    valeur : {_value(change.criterion, change.value_before)}"
                             f" → {_value(change.criterion, change.value_after)}")
            lines.append(f"  {'':{width}}    preuve avant : {_evidence_line(change.evidence_before)}")
            lines.append(f"  {'':{width}}    preuve après : {_evidence_line(change.evidence_after)}")
        lines.append("")
    for title, urls in (("Sites apparus", diff.appeared), ("Sites disparus", diff.disappeared)):
        if urls:
            lines.append(f"{title} : " + ", ".join(urls))
    count = sum(len(s.changes) for s in diff.sites)
    lines.append(f"{count} changement(s) sur {len(diff.changed())} site(s) ; {diff.compared} site(s) comparé(s), "
                 f"{len(diff.appeared)} apparu(s), {len(diff.disappeared)} disparu(s).")
    return "\n".join(lines)


def diff_command(args: argparse.Namespace) -> int:
    store = _open(args.db)
    try:
        before, after = pick_runs(store, args.run_a, args.run_b)
        diff = diff_audits(store.run_audits(before.id), store.run_audits(after.id))
    finally:
        store.close()
    if args.csv:
        from audit.results.output import write_atomic

        try:
            write_atomic(args.csv, diff_csv(diff, before.id, after.id).encode("utf-8"))
        except OSError as exc:
            raise HistoryError(f"impossible d'écrire {args.csv} : {exc.strerror}") from None
    if args.json:
        print(json.dumps(diff_records(diff, before.id, after.id), ensure_ascii=False, indent=2))
    else:
        print(format_diff(diff, before, after))
        if args.csv:
            print(f"Changements écrits dans {args.csv}")
    return EXIT_OK


# ------------------------------------------------------------ recording a run
@dataclass
class RunHistory:
    """The history side of one ``audit run``: its run row, its lock, and the first error met.

    A database problem never stops the crawl: the files under OUT are written as
    without history, the error is kept in `error` and the command exits with 2.
    """

    url: str
    store: Store | None = None
    run_id: int | None = None
    error: str | None = None
    lock: RunLock | None = None
    resumed: bool = False
    recorded: int = 0
    _failed: bool = field(default=False, repr=False)

    @classmethod
    def begin(cls, db: str | None, out: Path, sites: list[Any], pending: list[tuple[Any, str]], resume: bool,
              label: str | None, options: dict[str, Any]) -> RunHistory:
        """Open the database, take the run lock, start (or with `resume`, continue) the run.

        Sites already audited in OUT (``--resume``) and not yet recorded in the run are recorded from their files.
        Raises `HistoryError` only when another run holds the lock: nothing has been written then.
        """
        history = cls(url=database_url(db))
        try:
            history.store = open_store(history.url)
        except HistoryError as exc:
            history.error = str(exc)
            return history
        history.lock = RunLock(history.store)
        if not history.lock.acquire():
            history.store.close()
            raise HistoryError(f"un autre « audit run » écrit déjà dans la base d'historique {shown(history.url)} : "
                               "attendez qu'il se termine (ou choisissez une autre base avec --db)")
        try:
            history.run_id = history.store.unfinished_run(out) if resume else None
            history.resumed = history.run_id is not None
            if history.run_id is None:
                history.run_id = history.store.start_run(out, options, label, len(sites))
            history._record_done(out, sites, pending)
        except HistoryError as exc:
            history._fail(exc)
        return history

    def _record_done(self, out: Path, sites: list[Any], pending: list[tuple[Any, str]]) -> None:
        from audit.results.output import AUDIT_FILE, site_dir
        from audit.spiders.sites import unique_slugs

        assert self.store is not None and self.run_id is not None
        waiting = {site for site, _ in pending}
        recorded = self.store.recorded_urls(self.run_id)
        for site, slug in unique_slugs(sites).items():
            path = site_dir(out, slug) / AUDIT_FILE
            if site in waiting or not path.exists():
                continue
            audit = json.loads(path.read_text(encoding="utf-8"))
            if audit["site"]["start_url"] not in recorded:
                self.store.record_site(self.run_id, slug, audit)
                self.recorded += 1

    def _fail(self, exc: BaseException) -> None:
        if self.error is None:
            self.error = f"{exc} (historique incomplet ; les fichiers du dossier de sortie sont complets)"
        self._failed = True

    def record(self, slug: str, audit: dict[str, Any], pages: Iterable[tuple[str, int | None, str | None]] = ()) -> None:
        """Record one finished site (called by the item pipeline right after its ``audit.json`` is written)."""
        if self.store is None or self.run_id is None or self._failed:
            return
        try:
            self.store.record_site(self.run_id, slug, audit, pages)
            self.recorded += 1
        except HistoryError as exc:
            logger.error("history: %s", exc)
            self._fail(exc)

    @property
    def active(self) -> bool:
        return self.store is not None and self.run_id is not None and not self._failed

    def finish(self, sites_total: int) -> None:
        """Mark the run finished (only when every site could be recorded)."""
        if not self.active:
            return
        try:
            self.store.finish_run(self.run_id, sites_total)  # type: ignore[union-attr]
        except HistoryError as exc:
            self._fail(exc)

    def site_histories(self, audits: list[dict[str, Any]]) -> dict[str, SiteHistory] | None:
        """The sites' earlier audits for the reports (None without a usable database)."""
        if self.store is None:
            return None
        try:
            return self.store.site_histories(audits)
        except HistoryError as exc:
            self._fail(exc)
            return None

    def close(self) -> None:
        if self.lock is not None:
            self.lock.release()
        if self.store is not None:
            self.store.close()


def report_histories(db: str | None, audits: list[dict[str, Any]]) -> tuple[dict[str, SiteHistory] | None, str | None]:
    """History for ``audit report``: (histories, error).

    Only a database named with ``--db`` must work; otherwise (``$AUDIT_DB`` or the default) the
    history is a bonus, and a database that does not exist or cannot be read gives reports without it.
    """
    try:
        store = _open(db)
    except HistoryError as exc:
        if db is None:
            logger.info("no history for the reports: %s", exc)
            return None, None
        return None, str(exc)
    try:
        return store.site_histories(audits), None
    except HistoryError as exc:
        return None, str(exc)
    finally:
        store.close()


def print_error(message: str) -> None:
    print(f"audit : erreur : {message}", file=sys.stderr)
