"""History database, first schema: runs, sites, answers, pages.

Revision ID: 0001
Revises:
Create Date: 2026-11-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("label", sa.String(200)),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("tool_version", sa.String(50), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("out_dir", sa.Text(), nullable=False),
        sa.Column("sites_total", sa.Integer(), nullable=False),
    )
    op.create_table(
        "sites",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer(), sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("slug", sa.String(200), nullable=False),
        sa.Column("start_url", sa.Text(), nullable=False),
        sa.Column("final_url", sa.Text()),
        sa.Column("name", sa.Text()),
        sa.Column("insee", sa.String(20)),
        sa.Column("started_at", sa.String(40)),
        sa.Column("finished_at", sa.String(40)),
        sa.Column("pages_crawled", sa.Integer(), nullable=False),
        sa.Column("site", sa.JSON(), nullable=False),
        sa.UniqueConstraint("run_id", "start_url", name="uq_sites_run_url"),
    )
    op.create_index("ix_sites_start_url", "sites", ["start_url"])
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("site_id", sa.Integer(), sa.ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
        sa.Column("criterion", sa.String(100), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("confidence", sa.Float()),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.UniqueConstraint("site_id", "criterion", name="uq_answers_site_criterion"),
    )
    op.create_index("ix_answers_site_id", "answers", ["site_id"])
    op.create_table(
        "pages",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("site_id", sa.Integer(), sa.ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("status", sa.Integer()),
        sa.Column("error", sa.Text()),
    )
    op.create_index("ix_pages_site_id", "pages", ["site_id"])


def downgrade() -> None:
    op.drop_table("pages")
    op.drop_table("answers")
    op.drop_index("ix_sites_start_url", table_name="sites")
    op.drop_table("sites")
    op.drop_table("runs")
