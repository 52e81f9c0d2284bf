"""ORM tables of quality review (migration 0008): samples, their items, and blind verdicts.

Kept apart from ``orm.py`` (one metadata, one Alembic history, as ``coi_orm``). Only ``examiner_app.qa``
reads these rows. A sample is frozen when it is drawn: its items copy the span and value shown to the
reviewer, so a later edit of the fact cannot change what was judged. Verdicts are append-only: a reviewer
never overwrites one; a disagreement gets a further verdict of kind ``adjudication`` by a third person.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from examiner_app.store.orm import Base, DecisionRow, new_id, utcnow


class QaSampleRow(Base):
    """One drawn sample: the frame, the seed, the plan and the filters it was drawn with."""

    __tablename__ = "qa_samples"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str] = mapped_column(String(32), ForeignKey("users.id", ondelete="RESTRICT"))
    frame: Mapped[str] = mapped_column(String(20))  # decisions | suggestions | empty-pages
    seed: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[str] = mapped_column(String(20), default="review")  # review | release-gate
    plan: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    filters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    exclusions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class QaItemRow(Base):
    """One item of a sample, with what the blind reviewer is shown (page, span, value) frozen at draw time."""

    __tablename__ = "qa_items"
    __table_args__ = (UniqueConstraint("sample_id", "position", name="uq_qa_items_sample_position"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    sample_id: Mapped[str] = mapped_column(String(32), ForeignKey("qa_samples.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str] = mapped_column(String(32), ForeignKey("documents.id", ondelete="CASCADE"))
    file_name: Mapped[str] = mapped_column(String(500), default="")
    page_number: Mapped[int] = mapped_column(Integer)
    span_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    span_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    field: Mapped[str] = mapped_column(String(40), default="")
    value: Mapped[str] = mapped_column(Text, default="")
    suggestion_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("suggestions.id", ondelete="SET NULL"), nullable=True
    )
    decision_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("decisions.id", ondelete="SET NULL"), nullable=True
    )
    stratum: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class QaVerdictRow(Base):
    """A reviewer's verdict on one item: correct, wrong (with the right value) or missed (a fact not suggested)."""

    __tablename__ = "qa_verdicts"
    __table_args__ = (
        UniqueConstraint("item_id", "reviewer_id", name="uq_qa_verdicts_item_reviewer"),
        Index("ix_qa_verdicts_sample", "sample_id"),
    )
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    sample_id: Mapped[str] = mapped_column(String(32), ForeignKey("qa_samples.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(String(32), ForeignKey("qa_items.id", ondelete="CASCADE"))
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id", ondelete="CASCADE"))
    reviewer_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(20), default="review")  # review | adjudication
    verdict: Mapped[str] = mapped_column(String(10))  # correct | wrong | missed
    value: Mapped[str | None] = mapped_column(Text, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# A period's report reads decisions by time: indexed in migration 0008 (declared here so orm.py stays as it was).
Index("ix_decisions_decided_at", DecisionRow.decided_at)
