"""The history database: opening it (and upgrading its schema), recording runs, reading them back.

Every write is one short transaction: the run's row when it starts, each site
(with its answers and pages) as soon as its ``audit.json`` is written, the
run's end. A run killed with SIGKILL therefore leaves every finished site
recorded and the run ``running`` (shown « inachevé ») until ``--resume``
completes it.

Only one ``audit run`` writes to a database at a time (`RunLock`): a PostgreSQL
advisory lock held by a dedicated connection, or an ``flock`` on a file beside
the SQLite database. Both vanish with the process, SIGKILL included.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    delete,
    event,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from audit.history.changes import HistoryEntry, SiteHistory
from audit.history.models import (
    FINISHED,
    RUNNING,
    AnswerRecord,
    PageRecord,
    Run,
    SiteRecord,
)

DEFAULT_URL = "sqlite:///reports/history.sqlite"
ENV_VAR = "AUDIT_DB"
#: Key of the PostgreSQL advisory locks (run lock and schema upgrades): "AUDT".
_LOCK_KEY = 0x41554454
#: Past audits shown in a site's history table.
HISTORY_LENGTH = 12
#: The newest migration (tests check it is the migrations' head): a database already there needs no Alembic.
HEAD = "0002"


class HistoryError(Exception):
    """A history-database problem, told to the user in one French line (exit status 2)."""


def database_url(given: str | None = None) -> str:
    """The database URL: ``--db``, else ``$AUDIT_DB``, else the SQLite file under ``reports/``."""
    return given or os.environ.get(ENV_VAR) or DEFAULT_URL


def shown(url: str | URL) -> str:
    """The URL as it can be printed (password hidden)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return str(url)


def tool_version() -> str:
    try:
        return version("commune-audit")
    except PackageNotFoundError:
        return "inconnue"


def _alembic_config(connection: Connection) -> Any:
    """An Alembic configuration running the packaged migrations on `connection`."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(files("audit.history").joinpath("migrations")))
    config.attributes["connection"] = connection
    return config


def _reason(exc: BaseException) -> str:
    """The first line of a driver error, without SQLAlchemy's background links."""
    original = getattr(exc, "orig", None) or exc
    return (str(original).strip().splitlines() or [type(original).__name__])[0][:200]


@dataclass(frozen=True)
class RunInfo:
    """One run as ``audit history`` lists it."""

    id: int
    label: str | None
    started_at: datetime
    finished_at: datetime | None
    status: str
    sites: int
    pages: int
    out_dir: str
    tool_version: str

    @property
    def finished(self) -> bool:
        return self.status == FINISHED


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes: they were written in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


class Store:
    """An open history database, its schema at the newest version this code knows."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        return shown(self.engine.url)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """One transaction: committed on success, rolled back on error; driver errors become `HistoryError`."""
        try:
            with self.sessions.begin() as session:
                yield session
        except SQLAlchemyError as exc:
            raise HistoryError(f"base d'historique {self.url} : {_reason(exc)}") from exc

    # ------------------------------------------------------------------ runs
    def start_run(self, out_dir: Path, options: dict[str, Any], label: str | None, sites_total: int) -> int:
        """Record a new run (``running``) and return its id."""
        with self._session() as session:
            run = Run(label=label, status=RUNNING, started_at=datetime.now(UTC), tool_version=tool_version(),
                      options=options, out_dir=str(out_dir.resolve()), sites_total=sites_total)
            session.add(run)
            session.flush()
            return run.id

    def unfinished_run(self, out_dir: Path) -> int | None:
        """The latest unfinished run that wrote into `out_dir`, the one ``--resume`` completes."""
        with self._session() as session:
            return session.scalar(
                select(Run.id).where(Run.out_dir == str(out_dir.resolve()), Run.status == RUNNING)
                .order_by(Run.id.desc()).limit(1))

    def finish_run(self, run_id: int, sites_total: int) -> None:
        with self._session() as session:
            run = session.get(Run, run_id)
            if run is not None:
                run.status, run.finished_at, run.sites_total = FINISHED, datetime.now(UTC), sites_total

    def recorded_urls(self, run_id: int) -> set[str]:
        with self._session() as session:
            return set(session.scalars(select(SiteRecord.start_url).where(SiteRecord.run_id == run_id)))

    def record_site(self, run_id: int, slug: str, audit: dict[str, Any],
                    pages: Iterable[tuple[str, int | None, str | None]] = ()) -> None:
        """Record one site of a run (replacing an earlier record of it in the same run), in one transaction."""
        site = audit["site"]
        with self._session() as session:
            session.execute(delete(SiteRecord).where(SiteRecord.run_id == run_id,
                                                     SiteRecord.start_url == site["start_url"]))
            record = SiteRecord(
                run_id=run_id, slug=slug, start_url=site["start_url"], final_url=site.get("final_url"),
                name=site.get("name"), insee=site.get("insee"), started_at=site.get("started_at"),
                finished_at=site.get("finished_at"), pages_crawled=int(site.get("pages_crawled") or 0),
                pages_rendered=int(site.get("pages_rendered") or 0), site=site,
            )
            record.answers = [
                AnswerRecord(criterion=cid, status=answer.get("status", "unknown"), confidence=answer.get("confidence"),
                             value=answer.get("value"), evidence=list(answer.get("evidence") or []))
                for cid, answer in (audit.get("criteria") or {}).items() if isinstance(answer, dict)
            ]
            record.pages = [PageRecord(url=url, status=status, error=error) for url, status, error in pages]
            session.add(record)

    def runs(self) -> list[RunInfo]:
        """Every run, oldest first, with its number of sites and pages."""
        with self._session() as session:
            counts = {
                run_id: (n, pages or 0) for run_id, n, pages in session.execute(
                    select(SiteRecord.run_id, func.count(SiteRecord.id), func.sum(SiteRecord.pages_crawled))
                    .group_by(SiteRecord.run_id))}
            return [
                RunInfo(id=r.id, label=r.label, started_at=_utc(r.started_at), finished_at=_utc(r.finished_at),
                        status=r.status, sites=counts.get(r.id, (0, 0))[0], pages=int(counts.get(r.id, (0, 0))[1]),
                        out_dir=r.out_dir, tool_version=r.tool_version)
                for r in session.scalars(select(Run).order_by(Run.id))
            ]

    def find_run(self, ref: str) -> RunInfo:
        """A run by id, or by label (the latest run with that label)."""
        runs = self.runs()
        if ref.isdigit():
            found = [r for r in runs if r.id == int(ref)]
        else:
            found = [r for r in runs if r.label == ref][-1:]
        if not found:
            raise HistoryError(f"exécution inconnue : « {ref} » (voir « audit history »)")
        return found[0]

    def run_audits(self, run_id: int) -> dict[str, dict[str, Any]]:
        """The audits of one run, rebuilt as ``audit.json`` dicts, by start URL."""
        with self._session() as session:
            records = session.scalars(select(SiteRecord).where(SiteRecord.run_id == run_id)
                                      .options(selectinload(SiteRecord.answers)))
            return {r.start_url: _audit_of(r) for r in records}

    def site_histories(self, audits: Iterable[dict[str, Any]]) -> dict[str, SiteHistory]:
        """For each current audit, its earlier audits of the same start URL, by start URL.

        "Earlier" means started before the current audit started, so a run
        re-rendered later, or recorded itself, still compares with what came before.
        """
        current = {a["site"]["start_url"]: a["site"].get("started_at") or "" for a in audits}
        if not current:
            return {}
        with self._session() as session:
            rows = session.execute(
                select(SiteRecord, Run.label).join(Run, Run.id == SiteRecord.run_id)
                .where(SiteRecord.start_url.in_(list(current)))
                .options(selectinload(SiteRecord.answers))
                .order_by(SiteRecord.started_at, SiteRecord.id)).all()
        histories: dict[str, SiteHistory] = {}
        for url, started in current.items():
            mine = [(r, label) for r, label in rows if r.start_url == url and (r.started_at or "") <= started]
            earlier = [(r, label) for r, label in mine if (r.started_at or "") < started]
            previous = earlier[-1][0] if earlier else None
            entries = tuple(HistoryEntry(run_id=r.run_id, label=label, date=r.started_at or "",
                                         statuses={a.criterion: a.status for a in r.answers})
                            for r, label in mine[-HISTORY_LENGTH:])
            if previous is not None or entries:
                histories[url] = SiteHistory(previous=_audit_of(previous) if previous else None,
                                             previous_date=previous.started_at if previous else None, entries=entries)
        return histories

    def earlier_audits(self, same_site: Callable[[str], bool], before: str, limit: int = 10) -> list[dict[str, Any]]:
        """Audits recorded for a site before `before` (an ISO start time), newest first, as ``audit.json`` dicts.

        `same_site` tells which recorded start URLs are that site: the self-audit
        service matches a site however its address was typed (``www.``, scheme).
        """
        with self._session() as session:
            urls = [url for url in session.scalars(select(SiteRecord.start_url).distinct()) if same_site(url)]
            if not urls:
                return []
            records = session.scalars(
                select(SiteRecord).where(SiteRecord.start_url.in_(urls), SiteRecord.started_at < before)
                .options(selectinload(SiteRecord.answers)).order_by(SiteRecord.started_at.desc()).limit(limit))
            return [_audit_of(record) for record in records]


def _audit_of(record: SiteRecord) -> dict[str, Any]:
    """An ``audit.json`` dict rebuilt from a site record and its answers."""
    criteria = {}
    for a in record.answers:
        answer: dict[str, Any] = {"status": a.status, "evidence": list(a.evidence or [])}
        if a.confidence is not None:
            answer["confidence"] = a.confidence
        if a.value is not None:
            answer["value"] = a.value
        criteria[a.criterion] = answer
    return {"site": dict(record.site or {}), "criteria": criteria}


# ---------------------------------------------------------------------- opening
def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise HistoryError(f"adresse de base d'historique invalide : « {url} »") from None
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed, connect_args={"timeout": 60})

            @event.listens_for(engine, "connect")
            def _pragmas(dbapi_connection: Any, _record: Any) -> None:
                cursor = dbapi_connection.cursor()
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=FULL")
                cursor.execute("PRAGMA foreign_keys=ON")
                cursor.close()
            return engine
        return create_engine(parsed, pool_pre_ping=True, connect_args=_connect_args(parsed))
    except (ArgumentError, ImportError, SQLAlchemyError) as exc:
        raise HistoryError(f"base d'historique {shown(url)} inutilisable : {_reason(exc)}") from None


def _connect_args(url: URL) -> dict[str, Any]:
    return {"connect_timeout": 10} if url.get_backend_name() == "postgresql" else {}


def sqlite_path(url: str | URL) -> Path | None:
    """The file of a SQLite URL (None for other databases and in-memory SQLite)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def open_store(url: str, create: bool = True) -> Store:
    """Open the database at `url`, creating or upgrading its schema; `HistoryError` when it cannot be used.

    Without `create`, a SQLite file that does not exist is an error rather than a new empty database.
    A database whose schema is newer than this code (written by a newer version) is refused, never touched.
    """
    try:
        path = sqlite_path(url)
    except ArgumentError:
        raise HistoryError(f"adresse de base d'historique invalide : « {url} »") from None
    if path is not None:
        if not path.exists() and not create:
            raise HistoryError(f"aucune base d'historique à {path} (lancez d'abord « audit run », ou --db URL)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HistoryError(f"base d'historique {url} inaccessible : {exc.strerror}") from None
    engine = _engine(url)
    try:
        with _schema_lock(engine, path):
            _migrate(engine)
    except HistoryError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise HistoryError(f"base d'historique {shown(url)} inaccessible : {_reason(exc)}") from None
    return Store(engine)


@contextmanager
def _schema_lock(engine: Engine, path: Path | None) -> Iterator[None]:
    """Serialise schema upgrades between processes opening the same database."""
    if path is not None:
        with _file_lock(path.with_name(path.name + ".schema.lock"), blocking=True):
            yield
        return
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": _LOCK_KEY + 1})
        try:
            yield
        finally:
            if engine.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _LOCK_KEY + 1})
                connection.commit()


def _migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision; refuse a database from a newer version.

    A database already at `HEAD` is checked with one query (Alembic is slow to import).
    """
    with engine.begin() as connection:
        if inspect(connection).has_table("alembic_version"):
            versions = set(connection.scalars(text("SELECT version_num FROM alembic_version")))
            if versions == {HEAD}:
                return
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    with engine.begin() as connection:
        config = _alembic_config(connection)
        script = ScriptDirectory.from_config(config)
        current = MigrationContext.configure(connection).get_current_heads()
        for revision in current:
            try:
                script.get_revision(revision)
            except CommandError:
                raise HistoryError(
                    f"la base d'historique {shown(engine.url)} vient d'une version plus récente d'audit "
                    f"(schéma {revision}) : mettez audit à jour") from None
        if set(current) != set(script.get_heads()):
            command.upgrade(config, "head")


def schema_revision(store: Store) -> tuple[str, ...]:
    """The database's current schema revision(s)."""
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_heads()


# ------------------------------------------------------------------------ locks
@contextmanager
def _file_lock(path: Path, blocking: bool) -> Iterator[bool]:
    handle = open(path, "a+")  # noqa: SIM115 - kept open while locked
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        handle.close()


class RunLock:
    """At most one ``audit run`` writes to a database at a time; released when the process ends, however it ends."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._connection: Connection | None = None
        self._handle: Any = None

    def acquire(self) -> bool:
        """Take the lock without waiting; False when another run holds it."""
        path = sqlite_path(self.store.engine.url)
        if path is not None:
            handle = open(path.with_name(path.name + ".lock"), "a+")  # noqa: SIM115 - held for the run
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                return False
            self._handle = handle
            return True
        if self.store.engine.dialect.name == "postgresql":
            connection = self.store.engine.connect()
            got = connection.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": _LOCK_KEY}).scalar()
            connection.commit()
            if not got:
                connection.close()
                return False
            self._connection = connection
        return True

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if self._connection is not None:
            try:
                self._connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _LOCK_KEY})
                self._connection.commit()
            except SQLAlchemyError:
                pass
            self._connection.close()
            self._connection = None
