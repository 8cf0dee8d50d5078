"""Alembic environment: migrations run on the connection the caller passes in
(``config.attributes["connection"]``), so the application and the tests need no alembic.ini."""

from __future__ import annotations

from alembic import context

from audit.history.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
