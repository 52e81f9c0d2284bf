"""What the desktop and the CLI do with the queue: defer an import, follow it, cancel it, flag a case urgent.

All synchronous (the desktop calls these from its worker threads, never the UI thread). Deferring happens in
the same transaction as storing the original, so a file is either stored with its job or not at all.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from examiner_app import accounts, audit
from examiner_app.agency import jobs
from examiner_app.domain import DocumentStatus, User
from examiner_app.pipeline import ImportOutcome, Pipeline, PipelineContext
from examiner_app.store import Store, stage_results
from examiner_app.store import repositories as repo
from examiner_app.store.orm import DocumentRow


@dataclass(frozen=True)
class FileProgress:
    """One file of a deferred import, from the stage tables (not from the queue)."""

    document_id: str
    file: str
    status: DocumentStatus
    pages_done: int
    pages_total: int  # 0 until a worker has probed the file
    error: str = ""

    @property
    def finished(self) -> bool:
        return self.status.is_finished or self.status is DocumentStatus.CANCELLED


def uses_workers(store: Store) -> bool:
    """Imports go to the workers exactly when the store is the shared PostgreSQL one."""
    return store.dialect == "postgresql"


def defer_import(store: Store, context: PipelineContext, case_id: str, paths: Iterable[Path]) -> list[ImportOutcome]:
    """Store each original and defer its first job in one transaction; outcomes say ``imported`` (queued),
    a duplicate's final state, or why a file was refused."""
    pipeline = Pipeline(store, context)
    outcomes: list[ImportOutcome] = []
    deferred = 0
    for path in paths:
        path = Path(path)
        with store.session() as session:
            document, outcome = pipeline.store_original(session, case_id, path)
            if outcome is not None:
                outcomes.append(outcome)
                continue
            assert document is not None
            boost = jobs.case_priority(session, case_id)
            if document.status is DocumentStatus.CANCELLED:
                repo.set_document_status(session, document.id, DocumentStatus.IMPORTED, page_count=document.page_count)
            args = {"case_id": case_id, "document_id": document.id}
            if document.status in (DocumentStatus.IMPORTED, DocumentStatus.CANCELLED):
                request = jobs.JobRequest(
                    jobs.PROBE_TASK, args, jobs.document_lock(document.id), jobs.PROBE_PRIORITY + boost
                )
            else:  # pages read, document stages unfinished
                request = jobs.JobRequest(
                    jobs.DOCUMENT_TASK, args, jobs.document_lock(document.id), jobs.DOCUMENT_PRIORITY + boost
                )
            job_ids = jobs.defer(session, [request])
            deferred += len(job_ids)
            audit.record(
                session,
                context.actor,
                "document.deferred",
                case_id=case_id,
                subject=document.id,
                details={"file": path.name, "job_id": job_ids[0], "task": request.task},
            )
            outcomes.append(ImportOutcome(path.name, document.id, DocumentStatus.IMPORTED, pages=document.page_count))
    if deferred >= jobs.ANALYZE_AFTER:
        with store.session() as session:
            jobs.analyze(session)
    return outcomes


def progress(store: Store, document_ids: list[str]) -> list[FileProgress]:
    """Pages done/total per file, from ``stage_results`` and the documents."""
    with store.session() as session:
        rows = session.execute(select(DocumentRow).where(DocumentRow.id.in_(document_ids))).scalars().all()
        done = stage_results.pages_done(session, document_ids)
        by_id = {r.id: r for r in rows}
        return [
            FileProgress(
                d,
                by_id[d].file_name,
                DocumentStatus(by_id[d].status),
                done.get(d, 0),
                by_id[d].page_count,
                by_id[d].error,
            )
            for d in document_ids
            if d in by_id
        ]


def case_progress(store: Store, case_id: str) -> list[FileProgress]:
    with store.session() as session:
        ids = [d.id for d in repo.list_documents(session, case_id)]
    return progress(store, ids)


def wait(
    store: Store,
    document_ids: list[str],
    *,
    on_progress: Callable[[list[FileProgress]], None] | None = None,
    poll_s: float = 1.0,
    timeout_s: float | None = None,
) -> list[FileProgress]:
    """Follow deferred documents until each is finished (done, failed or cancelled), or ``timeout_s``."""
    deadline = None if timeout_s is None else time.monotonic() + timeout_s
    while True:
        state = progress(store, document_ids)
        if on_progress is not None:
            on_progress(state)
        if all(f.finished for f in state):
            return state
        if deadline is not None and time.monotonic() > deadline:
            return state
        time.sleep(poll_s)


def cancel_case(store: Store, actor: str, case_id: str, app: Any | None = None) -> dict[str, int]:
    """Cancel the case's unfinished import: documents marked cancelled (the between-pages check stops their
    pages), waiting jobs cancelled and running ones aborted through Procrastinate's synchronous API."""
    with store.session() as session:
        documents = repo.list_documents(session, case_id)
    cancelled_documents = 0
    for document in documents:
        if document.status.is_finished or document.status is DocumentStatus.CANCELLED:
            continue
        # One document a transaction, its row before the audit head (the order the workers take them in),
        # so a worker finishing a stage of it cannot deadlock with the cancel.
        with store.session() as session:
            current = repo.get_document(session, document.id)
            if current.status.is_finished:
                continue
            repo.set_document_status(
                session,
                document.id,
                DocumentStatus.CANCELLED,
                error="Import cancelled; import the file again to continue.",
                page_count=current.page_count,
            )
            audit.record(session, actor, "document.cancelled", case_id=case_id, subject=document.id)
            cancelled_documents += 1
    with store.session() as session:
        pending = jobs.case_job_ids(session, case_id)
    own = app is None
    if app is None:
        app = jobs.make_app(store.url, sync=True)
        app.open()
    try:
        cancelled = aborted = 0
        for job_id, status in pending:
            if app.job_manager.cancel_job_by_id(job_id, abort=status == "doing"):
                if status == "doing":
                    aborted += 1
                else:
                    cancelled += 1
    finally:
        if own:
            app.close()
    return {"documents": cancelled_documents, "cancelled": cancelled, "aborted": aborted}


def set_urgent(store: Store, actor: str, case_id: str, urgent: bool) -> int:
    """Flag (or unflag) the case urgent: its waiting jobs and all later ones run before the others. Audited."""
    with store.session() as session:
        return _set_urgent(session, actor, case_id, urgent)


def mark_urgent(store: Store, user: User | None, case_id: str, urgent: bool) -> int:
    """The urgent flag as a person sets it (``queue urgent`` and the desktop's queue view): an examiner assigned
    to the case or an administrator, as for recording findings; audited under that person. Returns the number
    of waiting jobs whose priority changed. Urgency is this explicit choice only, never derived from the case."""
    with store.session() as session:
        accounts.require_decide(session, user, case_id)
        return _set_urgent(session, user.id if user else audit.SYSTEM_ACTOR, case_id, urgent)


def _set_urgent(session: Session, actor: str, case_id: str, urgent: bool) -> int:
    changed = jobs.set_urgent(session, case_id, urgent)
    audit.record(session, actor, "case.urgent", case_id=case_id, details={"urgent": urgent, "jobs": changed})
    return changed


def queue_status(store: Store) -> dict[str, Any]:
    with store.session() as session:
        return jobs.queue_status(session)
