"""The job queue on the shared store: names, priorities and locks, deferring, status, cancel and abort.

Page jobs lock on the page and document jobs (probe, then languages and facts) on the document, with
Procrastinate's ``lock`` (at most one ``doing`` job per lock). ``queueing_lock`` is never used on ingestion:
with a stalled retry it wedges the document (Procrastinate issue #1543); imports are de-duplicated by the
store's own unique constraint on (case, sha256) instead. Jobs are deferred with the SQL function Procrastinate
itself calls (``procrastinate_defer_jobs_v1``), on the caller's SQLAlchemy connection, so a job exists if and
only if the transaction that asked for it committed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from examiner_app.errors import ConfigurationError

if TYPE_CHECKING:
    import procrastinate

INGEST_QUEUE = "ingest"
MAINTENANCE_QUEUE = "maintenance"
QUEUES = (INGEST_QUEUE, MAINTENANCE_QUEUE)

PROBE_TASK = "examiner.probe_document"
PAGE_TASK = "examiner.read_page"
DOCUMENT_TASK = "examiner.document_stages"
REAPER_TASK = "examiner.reaper"
PRUNE_TASK = "examiner.prune"

#: Job priorities (higher runs first). The reaper is highest, or it starves behind an OCR backlog.
REAPER_PRIORITY = 1000
PRUNE_PRIORITY = 900
URGENT_BOOST = 100  # added to every job of an urgent case
RETRY_BOOST = 10  # added to a stalled job the reaper puts back
DOCUMENT_PRIORITY = 2  # a document whose pages are read finishes before new pages start
PROBE_PRIORITY = 1
PAGE_PRIORITY = 0

#: Worker heartbeat (s) and the silence after which a worker's jobs count as stalled (s): a killed job is
#: back in the queue within about STALLED_AFTER_S + REAPER_EVERY_S.
HEARTBEAT_S = 1.0
STALLED_AFTER_S = 4.0
REAPER_CRON = "* * * * * *"  # every second (croniter: seconds as the sixth field)
PRUNE_CRON = "*/10 * * * *"
#: ANALYZE the jobs table after a batch defer at least this large (the lock check is plan-sensitive).
ANALYZE_AFTER = 20


def page_lock(document_id: str, page: int) -> str:
    return f"examiner.page:{document_id}:{page}"


def document_lock(document_id: str) -> str:
    return f"examiner.document:{document_id}"


def conninfo(url: str) -> str:
    """A libpq connection string from the store's SQLAlchemy URL (``postgresql+psycopg://...``)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise ConfigurationError(
            "Workers and the job queue need the shared PostgreSQL store: set EXAMINER_DB_URL to a postgresql:// URL."
        )
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


def make_app(url: str, *, sync: bool = False) -> procrastinate.App:
    """The Procrastinate app over the store's database, with the ingestion tasks registered.

    ``sync``: a synchronous connector (the desktop and the CLI defer, list, cancel and abort with it); workers
    use the asynchronous one.
    """
    import procrastinate

    from examiner_app.agency.fencing import FencedJobManager
    from examiner_app.agency.tasks import register

    connector: Any
    if sync:
        connector = procrastinate.SyncPsycopgConnector(conninfo=conninfo(url), min_size=1, max_size=2)
    else:
        connector = procrastinate.PsycopgConnector(conninfo=conninfo(url), min_size=1, max_size=4)
    app = procrastinate.App(connector=connector)
    # Before the tasks are registered: each task keeps the manager it was declared with.
    app.job_manager = FencedJobManager(connector)
    register(app)
    return app


# --- deferring in the caller's transaction ----------------------------------------------------------


@dataclass(frozen=True)
class JobRequest:
    task: str
    args: dict[str, Any]
    lock: str | None
    priority: int
    queue: str = INGEST_QUEUE


def defer(session: Session, requests: list[JobRequest]) -> list[int]:
    """Insert the jobs in the session's transaction (committed with it); returns their ids."""
    if not requests:
        return []
    rows = ", ".join(
        f"ROW(:q{i}, :t{i}, :p{i}, :l{i}, NULL, CAST(:a{i} AS jsonb), NULL)::procrastinate_job_to_defer_v1"
        for i in range(len(requests))
    )
    params: dict[str, Any] = {}
    for i, request in enumerate(requests):
        params.update(
            {
                f"q{i}": request.queue,
                f"t{i}": request.task,
                f"p{i}": request.priority,
                f"l{i}": request.lock,
                f"a{i}": json.dumps(request.args),
            }
        )
    result = session.execute(text(f"SELECT unnest(procrastinate_defer_jobs_v1(ARRAY[{rows}])) AS id"), params)
    return [int(r[0]) for r in result]


def analyze(session: Session) -> None:
    """Fresh planner statistics on the jobs table (fetching a job takes 0.5 ms with them, 37-61 ms without)."""
    session.execute(text("ANALYZE procrastinate_jobs"))


def case_priority(session: Session, case_id: str) -> int:
    urgent = session.execute(text("SELECT urgent FROM cases WHERE id = :c"), {"c": case_id}).scalar()
    return URGENT_BOOST if urgent else 0


def set_urgent(session: Session, case_id: str, urgent: bool) -> int:
    """Flag the case (new jobs get the boost) and raise or lower the priority of its waiting jobs now."""
    before = bool(session.execute(text("SELECT urgent FROM cases WHERE id = :c"), {"c": case_id}).scalar())
    session.execute(text("UPDATE cases SET urgent = :u WHERE id = :c"), {"u": urgent, "c": case_id})
    if before == urgent:
        return 0
    delta = URGENT_BOOST if urgent else -URGENT_BOOST
    result = session.execute(
        text(
            "UPDATE procrastinate_jobs SET priority = priority + :d "
            "WHERE status = 'todo' AND queue_name = :q AND args->>'case_id' = :c"
        ),
        {"d": delta, "q": INGEST_QUEUE, "c": case_id},
    )
    return int(getattr(result, "rowcount", 0) or 0)


# --- status ------------------------------------------------------------------------------------------


def queue_status(session: Session, *, limit: int = 200) -> dict[str, Any]:
    """``{"waiting", "running", "failed", "jobs": [...]}`` for ``queue status`` and the admin view.

    Jobs listed: waiting, running and failed ones, and any that was retried (attempts > 0), newest first, each
    with the typed error of its last failed run (from ``stage_runs``).
    """
    counts: dict[str, int] = dict(
        session.execute(
            text("SELECT status::text, count(*) FROM procrastinate_jobs WHERE queue_name = :q GROUP BY status"),
            {"q": INGEST_QUEUE},
        ).all()
    )
    rows = session.execute(
        text(
            """
            SELECT j.id, j.task_name, j.status::text, j.priority, j.attempts, j.lock, j.args, j.scheduled_at,
                   j.abort_requested,
                   (SELECT r.error FROM stage_runs r WHERE r.job_id = j.id AND r.error <> ''
                     ORDER BY r.id DESC LIMIT 1) AS error
              FROM procrastinate_jobs j
             WHERE j.queue_name = :q AND (j.status IN ('todo', 'doing', 'failed') OR j.attempts > 0)
             ORDER BY j.id DESC
             LIMIT :limit
            """
        ),
        {"q": INGEST_QUEUE, "limit": limit},
    ).all()
    jobs = []
    for row in rows:
        args = row.args if isinstance(row.args, dict) else json.loads(row.args or "{}")
        jobs.append(
            {
                "job_id": int(row.id),
                "task": row.task_name,
                "status": row.status,
                "priority": int(row.priority),
                "attempts": int(row.attempts),
                "retried": int(row.attempts) > 0,
                "case_id": args.get("case_id"),
                "document_id": args.get("document_id"),
                "page": args.get("page"),
                "abort_requested": bool(row.abort_requested),
                "error": row.error or None,
            }
        )
    return {
        "waiting": int(counts.get("todo", 0)),
        "running": int(counts.get("doing", 0)),
        "failed": int(counts.get("failed", 0)),
        "jobs": jobs,
    }


def case_job_ids(
    session: Session, case_id: str, statuses: tuple[str, ...] = ("todo", "doing")
) -> list[tuple[int, str]]:
    rows = session.execute(
        text(
            "SELECT id, status::text FROM procrastinate_jobs "
            "WHERE queue_name = :q AND args->>'case_id' = :c AND status::text = ANY(:s) ORDER BY id"
        ),
        {"q": INGEST_QUEUE, "c": case_id, "s": list(statuses)},
    ).all()
    return [(int(r[0]), str(r[1])) for r in rows]
