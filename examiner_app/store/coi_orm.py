"""ORM tables of the country-of-origin (COI) library, pins and prior cases (migration 0003).

Kept apart from ``orm.py`` so the COI work merges without touching the core tables; it shares the
same ``Base`` (one metadata, one Alembic history). Only ``examiner_app.coi`` reads these rows;
everything above gets the frozen objects of ``examiner_app.coi.types``.

Full text: on SQLite an FTS5 table ``coi_fts`` (external content: ``coi_passages.search_text``,
kept in step by triggers); on PostgreSQL a generated ``search_tsv`` column (``to_tsvector('simple',
search_text)``, not mapped here) with a GIN index.
Both are created by the migration, not by these classes, because neither is plain DDL.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column

from examiner_app.store.orm import Base, new_id, utcnow


class CoiDocumentRow(Base):
    """One imported report: who published it, about which country, when, where to find it."""

    __tablename__ = "coi_documents"
    __table_args__ = (Index("ix_coi_documents_source_country_published", "source", "country", "published"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    source: Mapped[str] = mapped_column(String(300))
    title: Mapped[str] = mapped_column(String(500))
    country: Mapped[str] = mapped_column(String(2), index=True)  # ISO 3166-1 alpha-2
    published: Mapped[date] = mapped_column(Date)
    url: Mapped[str] = mapped_column(String(1000), default="")
    language: Mapped[str] = mapped_column(String(10), default="und")
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    mime_type: Mapped[str] = mapped_column(String(100))
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    passage_count: Mapped[int] = mapped_column(Integer, default=0)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # e.g. source_full, fictional
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    imported_by: Mapped[str | None] = mapped_column(String(32), ForeignKey("users.id"), nullable=True)


class CoiPassageRow(Base):
    """A paragraph of a report with its page and paragraph number (what a citation points at).

    ``id`` is an integer so it can be the FTS5 rowid. ``search_text`` is the normalized text the
    full-text index sees (lower case, NFKC, CJK runs as character bigrams, with the report's title
    and country name prefixed). ``embedding`` holds float32 bytes from ``embedding_model``.
    """

    __tablename__ = "coi_passages"
    # AUTOINCREMENT on SQLite: ids are never reused, so a cached vector matrix keyed by id never goes stale.
    __table_args__ = (
        Index("ix_coi_passages_document_ordinal", "document_id", "ordinal"),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String(32), ForeignKey("coi_documents.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)  # 0-based order in the document
    page: Mapped[int] = mapped_column(Integer)  # 1-based
    paragraph: Mapped[int] = mapped_column(Integer)  # 1-based, counted within the page
    text: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(10), default="und")
    embedding_model: Mapped[str] = mapped_column(String(120), default="")
    embedding: Mapped[bytes | None] = deferred(mapped_column(LargeBinary, nullable=True))


class CoiPinRow(Base):
    """An excerpt an examiner pinned to a case or to one fact of it. Unpinning keeps the row."""

    __tablename__ = "coi_pins"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    # SET NULL: a pending suggestion may be regenerated; ``fact_label`` keeps what the pin was attached to.
    suggestion_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("suggestions.id", ondelete="SET NULL"), nullable=True
    )
    fact_label: Mapped[str] = mapped_column(Text, default="")
    passage_id: Mapped[int] = mapped_column(Integer, ForeignKey("coi_passages.id", ondelete="RESTRICT"), index=True)
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id", ondelete="RESTRICT"))
    pinned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    removed_by: Mapped[str | None] = mapped_column(String(32), ForeignKey("users.id"), nullable=True)


class PriorCaseRow(Base):
    """A decided, anonymized prior case kept for comparison. There is deliberately no outcome column."""

    __tablename__ = "prior_cases"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    reference: Mapped[str] = mapped_column(String(100), unique=True)
    country: Mapped[str] = mapped_column(String(2), index=True)
    grounds: Mapped[list[Any]] = mapped_column(JSON, default=list)
    profile: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    summary: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    source_file: Mapped[str] = mapped_column(String(500), default="")
    fictional: Mapped[bool] = mapped_column(Boolean, default=False)
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    embedding_model: Mapped[str] = mapped_column(String(120), default="")
    embedding: Mapped[bytes | None] = deferred(mapped_column(LargeBinary, nullable=True))


class CaseVectorRow(Base):
    """Cached text embedding of a store case's recorded facts, refreshed when that text changes."""

    __tablename__ = "case_vectors"
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    text_sha256: Mapped[str] = mapped_column(String(64))
    embedding_model: Mapped[str] = mapped_column(String(120))
    embedding: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
