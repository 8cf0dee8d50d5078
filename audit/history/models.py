"""SQLAlchemy 2 models of the history database: runs, the sites audited in each run,
their answers per criterion and the pages fetched.

The schema itself is created and upgraded by the Alembic migrations in
``audit/history/migrations/``; these models are how the code reads and writes it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

#: Run states: ``running`` until the run's end is recorded; a run killed midway stays ``running``
#: (shown as « inachevé ») until ``audit run --resume`` completes it.
RUNNING = "running"
FINISHED = "finished"


class Base(DeclarativeBase):
    """Declarative base of the history models."""


class Run(Base):
    """One ``audit run``: when, with which options and tool version, under which label."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    label: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default=RUNNING)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    tool_version: Mapped[str] = mapped_column(String(50))
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    out_dir: Mapped[str] = mapped_column(Text, index=True)
    sites_total: Mapped[int] = mapped_column(Integer, default=0)

    sites: Mapped[list[SiteRecord]] = relationship(back_populates="run", cascade="all, delete-orphan")


class SiteRecord(Base):
    """One site of one run: its identity (start URL), summary facts and the full ``site`` block of audit.json."""

    __tablename__ = "sites"
    __table_args__ = (UniqueConstraint("run_id", "start_url", name="uq_sites_run_url"),
                      Index("ix_sites_start_url", "start_url"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(String(200))
    start_url: Mapped[str] = mapped_column(Text)
    final_url: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text)
    insee: Mapped[str | None] = mapped_column(String(20))
    started_at: Mapped[str | None] = mapped_column(String(40))
    finished_at: Mapped[str | None] = mapped_column(String(40))
    pages_crawled: Mapped[int] = mapped_column(Integer, default=0)
    pages_rendered: Mapped[int] = mapped_column(Integer, default=0)
    site: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    run: Mapped[Run] = relationship(back_populates="sites")
    answers: Mapped[list[AnswerRecord]] = relationship(back_populates="site_record", cascade="all, delete-orphan")
    pages: Mapped[list[PageRecord]] = relationship(back_populates="site_record", cascade="all, delete-orphan")


class AnswerRecord(Base):
    """One criterion's answer for one site of one run."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("site_id", "criterion", name="uq_answers_site_criterion"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    criterion: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(10))
    confidence: Mapped[float | None] = mapped_column(Float)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    site_record: Mapped[SiteRecord] = relationship(back_populates="answers")


class PageRecord(Base):
    """One URL fetched while auditing a site, with its HTTP status (None when no answer came)."""

    __tablename__ = "pages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(Text)
    status: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)

    site_record: Mapped[SiteRecord] = relationship(back_populates="pages")
