"""The ingestion tasks. Thin: each calls the pipeline's own stages and writes through ``store.stage_results``.

A document flows as: ``probe_document`` (type and page count, in a sandboxed reader process; defers one
``read_page`` per page) -> ``read_page`` x N (each OCRs one page in a sandboxed reader process, then writes
it) -> ``document_stages`` (languages and fact suggestions: ``Pipeline.process_document``, as in process).

Writes happen under a per-document PostgreSQL advisory lock, and only while the job still belongs to this
worker (``_fence``): a zombie worker whose job the reaper handed to another worker writes nothing. The page's
row, its stage result and, for the last page, the deferral of the document job share one transaction, with
the document row locked while the pages done are counted, so the document job is deferred exactly once.

Delivery is at least once: a run after a kill finds the stage result and skips. Permanent input errors (a
damaged page, an unsupported file) are recorded on the document as the in-process pipeline records them and
end the job; anything else (a database restart, a crash) is retried with backoff.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import procrastinate
from procrastinate import JobContext, RetryStrategy
from sqlalchemy import text
from sqlalchemy.orm import Session

from examiner_app.agency import jobs
from examiner_app.domain import Document, DocumentStatus
from examiner_app.errors import CancelledError, ExaminerError, InputFileError
from examiner_app.extraction.facts.base import FactExtractor
from examiner_app.extraction.reader import ReadOptions, probe_document, read_document
from examiner_app.pipeline import Pipeline, PipelineContext
from examiner_app.store import Store, stage_results
from examiner_app.store import repositories as repo
from examiner_app.store.orm import StageRunRow, utcnow

log = logging.getLogger(__name__)

#: Transient failures (database gone, worker crash) are retried: 2, 4, 8, 16, 32 s apart, then the job fails.
RETRY = RetryStrategy(max_attempts=6, exponential_wait=2)


@dataclass(frozen=True)
class WorkerRuntime:
    """What a worker process's jobs need, built once by the worker entry point (jobs read no global settings)."""

    store: Store
    context: PipelineContext  # actor: the worker's service account
    worker: str  # a name for the logs and stage_runs: host:pid
    pause_after_commit_s: float = 0.0  # fault injection for the commit-window test; 0 in production
    # Built once at start-up (warmup.preload) and shared by every document job; None: each job builds its own.
    extractors: tuple[FactExtractor, ...] | None = None


def _runtime(context: JobContext) -> WorkerRuntime:
    runtime = context.additional_context.get("runtime")
    if not isinstance(runtime, WorkerRuntime):  # pragma: no cover - the worker entry point always sets it
        raise RuntimeError("examiner tasks run only under 'examiner-app worker'")
    return runtime


class _JobProgress:
    """The reader's progress: nothing to show on a worker; cancelled when Procrastinate asks to abort."""

    def __init__(self, should_abort: Callable[[], bool]) -> None:
        self._should_abort = should_abort

    def update(self, done: int, total: int, stage: str) -> None:
        return None

    def cancelled(self) -> bool:
        return self._should_abort()


class Fenced(ExaminerError):
    """This worker's job was handed to another worker (it was presumed dead); nothing is written."""


# --- bookkeeping -------------------------------------------------------------------------------------


def _start_run(runtime: WorkerRuntime, job_id: int | None, document_id: str, page: int, stage: str) -> int:
    with runtime.store.session() as session:
        row = StageRunRow(
            document_id=document_id,
            page_number=page,
            stage=stage,
            job_id=job_id,
            worker=runtime.worker,
            pid=os.getpid(),
            started_at=utcnow(),
            outcome="running",
        )
        session.add(row)
        session.flush()
        return row.id


def _end_run(session: Session, run_id: int, outcome: str, error: str = "") -> None:
    row = session.get(StageRunRow, run_id)
    if row is not None:
        row.ended_at = utcnow()
        row.outcome = outcome
        row.error = error[:2000]


def _end_run_alone(runtime: WorkerRuntime, run_id: int, outcome: str, error: str = "") -> None:
    with runtime.store.session() as session:
        _end_run(session, run_id, outcome, error)


def _lock_document(session: Session, run_id: int, document_id: str) -> None:
    """The per-document advisory lock, held until the transaction ends; records when it was taken."""
    session.execute(
        text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": jobs.document_lock(document_id)}
    )
    row = session.get(StageRunRow, run_id)
    if row is not None:
        row.locked_at = utcnow()


def _fence(session: Session, job_id: int | None, worker_id: int | None) -> None:
    """Refuse to write unless the job is still ``doing`` on this worker (the fencing token is the worker id)."""
    if job_id is None:
        return
    row = session.execute(
        text("SELECT status::text, worker_id FROM procrastinate_jobs WHERE id = :id"), {"id": job_id}
    ).first()
    if row is None or row[0] != "doing" or (worker_id is not None and row[1] != worker_id):
        raise Fenced(
            f"Job {job_id} was handed to another worker while this one was presumed dead; its result is not written."
        )


def _stopped(document: Document) -> bool:
    """The document was cancelled or failed meanwhile: its remaining pages are not read."""
    return document.status is DocumentStatus.CANCELLED or document.status.is_failure


@contextmanager
def _original(store: Store, document: Document) -> Iterator[Path]:
    """The stored original in a private temporary folder (mode 0700), for the sandboxed reader."""
    with tempfile.TemporaryDirectory(prefix="examiner-worker-") as tmp:
        with store.session() as session:
            content = repo.document_content(session, document.id)
        path = Path(tmp) / f"original{Path(document.file_name).suffix}"
        path.write_bytes(content)
        yield path


def _record_failure(runtime: WorkerRuntime, document_id: str, exc: ExaminerError) -> None:
    """A permanent input error: the document ends in its state with the message, as the in-process path does."""
    with runtime.store.session() as session:
        document = repo.get_document(session, document_id)
        if not document.status.is_failure:
            Pipeline(runtime.store, runtime.context).fail(session, document, exc)


def read_options(runtime: WorkerRuntime) -> ReadOptions:
    """How page jobs read: one page per job, one reader process (the worker process is the unit of parallelism)."""
    return replace(runtime.context.read_options, workers=1)


# --- the stages ---------------------------------------------------------------------------------------


def probe(runtime: WorkerRuntime, job_id: int | None, worker_id: int | None, document_id: str) -> str:
    """Type and page count of a stored original, then defer its page jobs (or, for no pages, the document job)."""
    with runtime.store.session() as session:
        document = repo.get_document(session, document_id)
    if _stopped(document) or document.status is not DocumentStatus.IMPORTED:
        return f"skipped ({document.status.value})"
    run_id = _start_run(runtime, job_id, document_id, 0, "probe")
    try:
        with _original(runtime.store, document) as path:
            found = probe_document(path, read_options(runtime))
    except InputFileError as exc:
        _record_failure(runtime, document_id, exc)
        _end_run_alone(runtime, run_id, "failed", f"{type(exc).__name__}: {exc.message}")
        return "failed"
    deferred = 0
    with runtime.store.session() as session:
        _lock_document(session, run_id, document_id)
        _fence(session, job_id, worker_id)
        repo.set_document_status(
            session, document_id, DocumentStatus.IMPORTED, page_count=found.page_count, mime_type=found.mime_type
        )
        boost = jobs.case_priority(session, document.case_id)
        done = repo.saved_page_numbers(session, document_id)
        requests = [
            jobs.JobRequest(
                jobs.PAGE_TASK,
                {"case_id": document.case_id, "document_id": document_id, "page": page},
                jobs.page_lock(document_id, page),
                jobs.PAGE_PRIORITY + boost,
            )
            for page in range(1, found.page_count + 1)
            if page not in done
        ]
        if requests:
            deferred = len(jobs.defer(session, requests))
        elif stage_results.mark_done(session, document_id, 0, stage_results.DOCUMENT_DEFERRED, job_id=job_id):
            jobs.defer(session, [_document_request(document, boost)])
        _end_run(session, run_id, "done")
    if deferred >= jobs.ANALYZE_AFTER:
        with runtime.store.session() as session:
            jobs.analyze(session)
    return f"{deferred} page jobs"


def _document_request(document: Document, boost: int) -> jobs.JobRequest:
    return jobs.JobRequest(
        jobs.DOCUMENT_TASK,
        {"case_id": document.case_id, "document_id": document.id},
        jobs.document_lock(document.id),
        jobs.DOCUMENT_PRIORITY + boost,
    )


def read_page(
    runtime: WorkerRuntime,
    job_id: int | None,
    worker_id: int | None,
    document_id: str,
    page: int,
    should_abort: Callable[[], bool] = lambda: False,
) -> str:
    """OCR (or text layer) of one page, written once; the last page's transaction defers the document job."""
    with runtime.store.session() as session:
        document = repo.get_document(session, document_id)
        already = stage_results.is_done(session, document_id, page, stage_results.READ)
    if already:  # a re-run after a kill between the commit and the acknowledgement
        run_id = _start_run(runtime, job_id, document_id, page, stage_results.READ)
        _end_run_alone(runtime, run_id, "already done")
        return "already done"
    if _stopped(document):
        return f"skipped ({document.status.value})"
    run_id = _start_run(runtime, job_id, document_id, page, stage_results.READ)
    skip = frozenset(range(1, max(document.page_count, page) + 1)) - {page}
    try:
        with _original(runtime.store, document) as path:
            pages = list(read_document(path, read_options(runtime), _JobProgress(should_abort), skip_pages=skip))
    except CancelledError as exc:
        _end_run_alone(runtime, run_id, "aborted", exc.message)
        raise procrastinate.exceptions.JobAborted(exc.message) from exc
    except InputFileError as exc:
        _record_failure(runtime, document_id, exc)
        _end_run_alone(runtime, run_id, "failed", f"{type(exc).__name__}: {exc.message}")
        return "failed"
    except Exception as exc:
        _end_run_alone(runtime, run_id, "error", f"{type(exc).__name__}: {exc}")
        raise
    if not pages:
        _end_run_alone(runtime, run_id, "error", "the reader returned no page")
        raise ExaminerError(f"{document.file_name}: page {page} could not be read. It will be tried again.")
    read = pages[0]
    with runtime.store.session() as session:
        _lock_document(session, run_id, document_id)
        _fence(session, job_id, worker_id)
        # The document row stays locked until commit, so two last pages cannot both miss or both see "all done".
        session.execute(text("SELECT id FROM documents WHERE id = :d FOR UPDATE"), {"d": document_id})
        current = repo.get_document(session, document_id)
        if _stopped(current):
            _end_run(session, run_id, "cancelled")
            return f"skipped ({current.status.value})"
        written = stage_results.save_page_once(
            session, document_id, read.page, read.image_png, job_id=job_id, worker=runtime.worker
        )
        done = stage_results.pages_done(session, [document_id]).get(document_id, 0)
        if done >= current.page_count and stage_results.mark_done(
            session, document_id, 0, stage_results.DOCUMENT_DEFERRED, job_id=job_id, worker=runtime.worker
        ):
            jobs.defer(session, [_document_request(current, jobs.case_priority(session, current.case_id))])
        _end_run(session, run_id, "done" if written else "duplicate")
    if runtime.pause_after_commit_s:
        time.sleep(runtime.pause_after_commit_s)  # the window between the commit and the queue's acknowledgement
    return "done" if written else "duplicate"


def document_stages(runtime: WorkerRuntime, job_id: int | None, worker_id: int | None, document_id: str) -> str:
    """Languages and fact suggestions: the in-process pipeline's own stages, under the document's lock."""
    run_id = _start_run(runtime, job_id, document_id, 0, stage_results.DOCUMENT)
    pipeline = Pipeline(runtime.store, runtime.context, extractors=runtime.extractors)
    with runtime.store.engine.connect() as connection:
        # A session-level advisory lock on a connection of its own, held while the stages write.
        connection.execute(
            text("SELECT pg_advisory_lock(hashtextextended(:k, 0))"), {"k": jobs.document_lock(document_id)}
        )
        try:
            with runtime.store.session() as session:
                row = session.get(StageRunRow, run_id)
                if row is not None:
                    row.locked_at = utcnow()
                _fence(session, job_id, worker_id)
            outcome = pipeline.process_document(document_id)
            with runtime.store.session() as session:
                if outcome.status is DocumentStatus.DONE:
                    stage_results.mark_done(
                        session, document_id, 0, stage_results.DOCUMENT, job_id=job_id, worker=runtime.worker
                    )
                _end_run(session, run_id, outcome.status.value, outcome.error)
        finally:
            connection.execute(
                text("SELECT pg_advisory_unlock(hashtextextended(:k, 0))"), {"k": jobs.document_lock(document_id)}
            )
            connection.commit()
    return outcome.status.value


# --- the Procrastinate tasks ----------------------------------------------------------------------------


def register(app: procrastinate.App) -> None:
    """Declare the tasks on ``app`` (each app gets its own task objects: the desktop's and a worker's)."""

    @app.task(name=jobs.PROBE_TASK, queue=jobs.INGEST_QUEUE, pass_context=True, retry=RETRY)
    def probe_task(context: JobContext, case_id: str, document_id: str) -> str:
        return probe(_runtime(context), context.job.id, context.job.worker_id, document_id)

    @app.task(name=jobs.PAGE_TASK, queue=jobs.INGEST_QUEUE, pass_context=True, retry=RETRY)
    def page_task(context: JobContext, case_id: str, document_id: str, page: int) -> str:
        return read_page(
            _runtime(context), context.job.id, context.job.worker_id, document_id, page, context.should_abort
        )

    @app.task(name=jobs.DOCUMENT_TASK, queue=jobs.INGEST_QUEUE, pass_context=True, retry=RETRY)
    def document_task(context: JobContext, case_id: str, document_id: str) -> str:
        return document_stages(_runtime(context), context.job.id, context.job.worker_id, document_id)

    @app.periodic(cron=jobs.REAPER_CRON, periodic_id="reaper")
    @app.task(name=jobs.REAPER_TASK, queue=jobs.MAINTENANCE_QUEUE, priority=jobs.REAPER_PRIORITY, pass_context=True)
    async def reaper_task(context: JobContext, timestamp: int) -> int:
        """Stalled jobs (their worker's heartbeat is older than STALLED_AFTER_S) go back to the queue at once."""
        manager = context.app.job_manager
        stalled = await manager.get_stalled_jobs(seconds_since_heartbeat=jobs.STALLED_AFTER_S)
        count = 0
        for job in stalled:
            if job.task_name == jobs.REAPER_TASK:
                continue
            # First in line: its document waits on it, and it was started once already.
            await manager.retry_job(job, priority=job.priority + jobs.RETRY_BOOST)
            count += 1
            log.warning("retried stalled job %s (%s, attempt %s)", job.id, job.task_name, job.attempts + 1)
        # Workers silent for long are forgotten (their jobs were retried above).
        await manager.prune_stalled_workers(jobs.STALLED_AFTER_S * 12)
        return count

    @app.periodic(cron=jobs.PRUNE_CRON, periodic_id="prune")
    @app.task(name=jobs.PRUNE_TASK, queue=jobs.MAINTENANCE_QUEUE, priority=jobs.PRUNE_PRIORITY, pass_context=True)
    async def prune_task(context: JobContext, timestamp: int) -> None:
        """Finished jobs older than a day are deleted (successful ones are deleted at once by the workers)."""
        await context.app.job_manager.delete_old_jobs(nb_hours=24, include_cancelled=True, include_aborted=True)
