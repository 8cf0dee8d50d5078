"""Pages rendered per site, and an index to find a folder's unfinished run quickly (``--resume``).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sites") as batch:
        batch.add_column(sa.Column("pages_rendered", sa.Integer(), nullable=False, server_default="0"))
    op.create_index("ix_runs_out_dir", "runs", ["out_dir"])


def downgrade() -> None:
    op.drop_index("ix_runs_out_dir", table_name="runs")
    with op.batch_alter_table("sites") as batch:
        batch.drop_column("pages_rendered")
