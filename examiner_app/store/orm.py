"""ORM tables. Only the store package sees these; everything above gets domain objects."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return uuid.uuid4().hex


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    password_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)  # argon2id, salted
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class CaseRow(Base):
    __tablename__ = "cases"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    title: Mapped[str] = mapped_column(String(300))
    reference: Mapped[str] = mapped_column(String(100), default="")
    anonymized: Mapped[bool] = mapped_column(Boolean, default=False)
    # Agency mode: an urgent case's ingestion jobs run before the others (a higher job priority).
    urgent: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(32), ForeignKey("users.id"), nullable=True)
    documents: Mapped[list[DocumentRow]] = relationship(back_populates="case", order_by="DocumentRow.imported_at")


class CaseAssignmentRow(Base):
    """Which examiners may work on a case (reviewers and admins see all; trainers see anonymized ones)."""

    __tablename__ = "case_assignments"
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DocumentRow(Base):
    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("case_id", "sha256", name="uq_documents_case_sha256"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    mime_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    status: Mapped[str] = mapped_column(String(30))
    error: Mapped[str] = mapped_column(Text, default="")
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    case: Mapped[CaseRow] = relationship(back_populates="documents")


class DocumentBlobRow(Base):
    """The original file, byte for byte. Kept apart so listing documents never loads it."""

    __tablename__ = "document_blobs"
    document_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    content: Mapped[bytes] = mapped_column(LargeBinary)


class PageRow(Base):
    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("document_id", "page_number", name="uq_pages_document_page"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    document_id: Mapped[str] = mapped_column(String(32), ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    page_number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    words: Mapped[list[Any]] = mapped_column(JSON, default=list)
    languages: Mapped[list[Any]] = mapped_column(JSON, default=list)
    blocks: Mapped[list[Any]] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(20))
    mean_confidence: Mapped[float | None] = mapped_column(Float, nullable=True)
    rotation: Mapped[int] = mapped_column(Integer, default=0)
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    dpi: Mapped[int] = mapped_column(Integer, default=300)
    ocr_languages: Mapped[str] = mapped_column(String(200), default="")
    engine: Mapped[str] = mapped_column(String(100), default="")
    image_png: Mapped[bytes | None] = deferred(mapped_column(LargeBinary, nullable=True))


class SuggestionRow(Base):
    __tablename__ = "suggestions"
    __table_args__ = (Index("ix_suggestions_case_status", "case_id", "status"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=True, index=True
    )
    file_name: Mapped[str] = mapped_column(String(500), default="")
    page_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    field: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(Text)
    normalized: Mapped[str | None] = mapped_column(Text, nullable=True)
    confidence: Mapped[float] = mapped_column(Float)
    span_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    span_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    bboxes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    engine: Mapped[str] = mapped_column(String(40))
    model: Mapped[str] = mapped_column(String(100))
    model_version: Mapped[str] = mapped_column(String(40))
    ocr_confidence: Mapped[float | None] = mapped_column(Float, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    attributes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    reviewed_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Optimistic versioning: every decision bumps it; a decision on an older version is refused (review.py).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class DecisionRow(Base):
    __tablename__ = "decisions"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    suggestion_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("suggestions.id", ondelete="RESTRICT"), index=True
    )
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id", ondelete="RESTRICT"))
    action: Mapped[str] = mapped_column(String(20))
    value_before: Mapped[str | None] = mapped_column(Text, nullable=True)
    value_after: Mapped[str | None] = mapped_column(Text, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEventRow(Base):
    """Append-only. ``hash`` chains each event to the one before it (see audit.py)."""

    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(60), index=True)
    case_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    subject: Mapped[str | None] = mapped_column(String(64), nullable=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditHeadRow(Base):
    """One row: the newest event's id and hash. Locked while appending so the chain never forks."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_event_id: Mapped[int] = mapped_column(Integer, default=0)
    last_hash: Mapped[str] = mapped_column(String(64))
    # After events older than the retention period were archived and removed: the hash the oldest kept
    # event links to. The audit.prune event that set it carries the same hash, under the audit key.
    anchor_hash: Mapped[str] = mapped_column(String(64), default="0" * 64, server_default="0" * 64)


class SummarySignOffRow(Base):
    """An examiner signed off a case summary: who, when, and the SHA-256 of the exact content signed.

    Append-only: a new sign-off adds a row; the newest one is compared with the summary as it is now
    (``summaries.sign_off``). ``content`` keeps the signed canonical JSON so a later reader can see what
    was signed even after the findings changed.
    """

    __tablename__ = "summary_sign_offs"
    __table_args__ = (Index("ix_summary_sign_offs_case_signed", "case_id", "signed_at"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id", ondelete="RESTRICT"))
    signed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    content_sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text)
    findings: Mapped[int] = mapped_column(Integer, default=0)
    pins: Mapped[int] = mapped_column(Integer, default=0)


class TrainingMappingRow(Base):
    """The real <-> surrogate mapping of one training pack, kept only when an administrator chose to: AES-256-GCM
    under a key derived (scrypt) from a passphrase the administrator holds; the store never sees the key. A recorded
    decision destroys it (the ciphertext is erased, who, when and why stay)."""

    __tablename__ = "training_mappings"
    pack_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[str] = mapped_column(String(32), ForeignKey("users.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    salt: Mapped[bytes] = mapped_column(LargeBinary)
    nonce: Mapped[bytes] = mapped_column(LargeBinary)
    ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    destroyed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    destroyed_by: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("users.id", ondelete="RESTRICT"), nullable=True
    )
    destroy_reason: Mapped[str] = mapped_column(Text, default="")


class TraineeScoreRow(Base):
    """One scored exercise (migration 0012): a trainee's facts in an imported training case against its pack's key,
    with the per-field SemEval counts, so a trainer can follow each trainee's results over time. Scores of facts
    only: never credibility, outcomes or reasons."""

    __tablename__ = "trainee_scores"
    __table_args__ = (Index("ix_trainee_scores_trainee_scored", "trainee_id", "scored_at"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    pack_id: Mapped[str] = mapped_column(String(32), index=True)
    exercise: Mapped[str] = mapped_column(String(300))  # the pack's title, as the trainer knows the exercise
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    trainee_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id", ondelete="RESTRICT"))
    scored_by: Mapped[str] = mapped_column(String(32), ForeignKey("users.id", ondelete="RESTRICT"))
    scored_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # [{"field", "correct", "partial", "wrong", "missed", "spurious", "precision", "recall", "f1", "n"}, ...]
    fields: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)


class StageResultRow(Base):
    """A stage's output for one page (``page_number`` 0: the whole document) was committed: the idempotency key.

    Written in the same transaction as the output itself; unique on (document, page, stage, pipeline version),
    so at-least-once delivery (a job re-run after a kill between its commit and its acknowledgement) leaves
    exactly one row. See ``store.stage_results``.
    """

    __tablename__ = "stage_results"
    __table_args__ = (
        UniqueConstraint(
            "document_id", "page_number", "stage", "pipeline_version", name="uq_stage_results_document_page_stage"
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String(32), ForeignKey("documents.id", ondelete="CASCADE"))
    page_number: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(40))
    pipeline_version: Mapped[str] = mapped_column(String(20))
    job_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    worker: Mapped[str] = mapped_column(String(200), default="", server_default="")
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StageRunRow(Base):
    """One job run (agency mode): started, took the document's result-writing lock (``locked_at``), ended.

    A run whose worker was killed keeps ``outcome`` "running" and no ``ended_at``.
    """

    __tablename__ = "stage_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(String(32), ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    page_number: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String(40))
    job_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    worker: Mapped[str] = mapped_column(String(200))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    locked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    outcome: Mapped[str] = mapped_column(String(40))
    error: Mapped[str] = mapped_column(Text, default="", server_default="")


class ElementReasoningRow(Base):
    """The examiner's own reasoning on one element of the ISA Guide for one case (migration 0010).

    Append-only: each save adds a row; the newest row per (case, element) is the current text. The tool
    never writes one: only an examiner, through ``summaries.evidence`` and ``services``, audited.
    """

    __tablename__ = "element_reasoning"
    __table_args__ = (Index("ix_element_reasoning_case_element", "case_id", "element", "written_at"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id", ondelete="CASCADE"))
    element: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id", ondelete="RESTRICT"))
    written_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EarlierApplicationLinkRow(Base):
    """An examiner confirmed (or withdrew) that another case is an earlier application of this one's applicant.

    Append-only, newest row per (case, earlier case) holds; ``confirmed`` False is a withdrawal. A hint alone
    (``earlier_applications``) never creates one.
    """

    __tablename__ = "earlier_application_links"
    __table_args__ = (Index("ix_earlier_application_links_case", "case_id", "decided_at"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id", ondelete="CASCADE"))
    earlier_case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id", ondelete="CASCADE"))
    confirmed: Mapped[bool] = mapped_column(Boolean, default=True)
    hint_id: Mapped[str] = mapped_column(String(80), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id", ondelete="RESTRICT"))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CaseDateRow(Base):
    """A date of the procedure an examiner confirmed (the application date, the earlier decision date), for the
    workload clock. Append-only; the newest row per (case, kind) holds."""

    __tablename__ = "case_dates"
    __table_args__ = (Index("ix_case_dates_case_kind", "case_id", "kind", "confirmed_at"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    case_id: Mapped[str] = mapped_column(String(32), ForeignKey("cases.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(10))  # ISO date YYYY-MM-DD
    suggestion_id: Mapped[str | None] = mapped_column(String(32), nullable=True)  # the fact it was read from
    reason: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[str] = mapped_column(String(32), ForeignKey("users.id", ondelete="RESTRICT"))
    confirmed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
