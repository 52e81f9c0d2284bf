"""Stage results: the idempotency keys of the pipeline's writes, shared by the in-process path and the workers.

A stage's output (a page's text, a document's suggestions) and its ``stage_results`` row are written in one
transaction. The row is unique on (document, page, stage, pipeline version), and it is inserted with
"on conflict do nothing", so a stage that runs twice — a worker killed between its commit and the queue's
acknowledgement re-runs the job elsewhere — still leaves one row, and the page itself is an upsert on
(document, page). SQLite (the desktop's own store) and PostgreSQL (the shared store) take the same path.

``PIPELINE_VERSION`` names the stages' output format: bump it when a stage writes something different, and
documents read by the older pipeline are no longer counted as done by the newer one.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from examiner_app.domain import PageText
from examiner_app.store import repositories as repo
from examiner_app.store.orm import StageResultRow, utcnow

PIPELINE_VERSION = "1"

#: Stage names. ``page_number`` is the page for READ and 0 for the document-wide stages.
READ = "read"
DOCUMENT = "document"  # languages + fact suggestions, after the last page
DOCUMENT_DEFERRED = "document-deferred"  # the document stage job was deferred (once)


def mark_done(
    session: Session,
    document_id: str,
    page_number: int,
    stage: str,
    *,
    job_id: int | None = None,
    worker: str = "",
) -> bool:
    """Record the stage as done; True if this call recorded it, False if it was already recorded."""
    values = {
        "document_id": document_id,
        "page_number": page_number,
        "stage": stage,
        "pipeline_version": PIPELINE_VERSION,
        "job_id": job_id,
        "worker": worker,
        "finished_at": utcnow(),
    }
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = (
        insert(StageResultRow)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["document_id", "page_number", "stage", "pipeline_version"])
        .returning(StageResultRow.id)
    )
    return session.execute(statement).first() is not None


def is_done(session: Session, document_id: str, page_number: int, stage: str) -> bool:
    return (
        session.execute(
            select(StageResultRow.id).where(
                StageResultRow.document_id == document_id,
                StageResultRow.page_number == page_number,
                StageResultRow.stage == stage,
                StageResultRow.pipeline_version == PIPELINE_VERSION,
            )
        ).first()
        is not None
    )


def save_page_once(
    session: Session,
    document_id: str,
    page: PageText,
    image_png: bytes | None,
    *,
    job_id: int | None = None,
    worker: str = "",
) -> bool:
    """The page's text (an upsert on document and page) and its READ result, in the caller's transaction.

    Returns False, writing nothing, when this page was already recorded by this pipeline version (a re-run).
    """
    if is_done(session, document_id, page.page_number, READ):
        return False
    repo.save_page(session, document_id, page, image_png)
    return mark_done(session, document_id, page.page_number, READ, job_id=job_id, worker=worker)


def pages_done(session: Session, document_ids: list[str]) -> Mapping[str, int]:
    """How many pages of each document are read (by this pipeline version): the progress the desktop shows."""
    if not document_ids:
        return {}
    rows = session.execute(
        select(StageResultRow.document_id, func.count())
        .where(
            StageResultRow.document_id.in_(document_ids),
            StageResultRow.stage == READ,
            StageResultRow.pipeline_version == PIPELINE_VERSION,
        )
        .group_by(StageResultRow.document_id)
    ).all()
    return {document_id: int(count) for document_id, count in rows}
