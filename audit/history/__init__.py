"""History of audit runs in a database (SQLite by default, PostgreSQL for a shared server).

- `audit.history.models`: the SQLAlchemy models (runs, sites, answers, pages);
- `audit.history.store`: opening and upgrading the database (Alembic), recording and reading runs;
- `audit.history.changes`: what changed between two audits, pure functions of ``audit.json`` dicts;
- `audit.history.cli`: ``audit history``, ``audit diff`` and the recording of ``audit run``.
"""
