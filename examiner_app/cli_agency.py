"""Agency-mode commands (../shared/CLI.md, Additions): ``worker``, ``queue status`` and ``case import --wait``.

``case import`` itself stays in cli.py: on a PostgreSQL store it hands over to :func:`deferred_import` here.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from examiner_app.errors import ConfigurationError, PermissionDeniedError

#: The worker's service account in single-user stores (no accounts): a reviewer (reads every case, decides none).
SERVICE_ROLE = "reviewer"


def _bench(args: argparse.Namespace) -> Any:
    from examiner_app.cli import _workbench

    return _workbench(args)


def _require_pg(bench: Any) -> None:
    from examiner_app.agency.service import uses_workers

    if not uses_workers(bench.store):
        raise ConfigurationError(
            "The job queue lives in the shared PostgreSQL store: set EXAMINER_DB_URL (or --db) to a postgresql:// URL."
        )


def cmd_worker(args: argparse.Namespace) -> int:
    import socket

    from examiner_app.agency import jobs
    from examiner_app.agency.tasks import WorkerRuntime
    from examiner_app.agency.worker import run_process, supervise, worker_name

    queues = [q.strip() for q in (args.queues or ",".join(jobs.QUEUES)).split(",") if q.strip()]
    unknown = sorted(set(queues) - set(jobs.QUEUES))
    if unknown:
        raise ConfigurationError(f"Unknown queue {', '.join(unknown)}; the queues are {', '.join(jobs.QUEUES)}.")
    processes = args.concurrency or os.cpu_count() or 1
    if processes < 1:
        raise ConfigurationError("--concurrency must be at least 1 (worker processes).")
    if processes > 1:
        argv = ["worker", "--queues", ",".join(queues)]
        if args.db:
            argv[1:1] = ["--db", args.db]
        if args.data_dir:
            argv[1:1] = ["--data-dir", args.data_dir]
        if args.no_preload:
            argv.append("--no-preload")
        return supervise(argv, processes)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    # The worker acts as a named service account: row-level security and the audit apply to its writes.
    if not os.environ.get("EXAMINER_USER"):
        os.environ["EXAMINER_USER"] = f"worker@{socket.gethostname()}:{SERVICE_ROLE}"
    bench = _bench(args)
    _require_pg(bench)
    from examiner_app.pipeline import PipelineContext

    base = bench.pipeline().context
    context = PipelineContext(
        read_options=base.read_options, ai_enabled=base.ai_enabled, models_dir=base.models_dir, actor=bench.actor
    )
    pause = float(os.environ.get("EXAMINER_WORKER_PAUSE_AFTER_COMMIT", "0") or 0)
    runtime = WorkerRuntime(bench.store, context, worker_name(), pause_after_commit_s=pause)
    return run_process(runtime, queues, preload=not args.no_preload)


def _progress_line(state: list[Any]) -> None:
    if not sys.stderr.isatty():
        return
    done = sum(f.pages_done for f in state)
    total = sum(f.pages_total for f in state)
    finished = sum(1 for f in state if f.finished)
    sys.stderr.write(f"\r{finished}/{len(state)} files, {done}/{total} pages read ")
    sys.stderr.flush()


def deferred_import(bench: Any, args: argparse.Namespace) -> int | None:
    """``case import`` on a PostgreSQL store: defer to the workers (``--wait``: follow to the end).

    Returns None on SQLite, where the import runs in process as before.
    """
    from examiner_app import accounts
    from examiner_app.agency import service
    from examiner_app.cli import _print_json
    from examiner_app.domain import DocumentStatus

    if not service.uses_workers(bench.store):
        return None
    with bench.store.session() as session:
        accounts.require_decide(session, bench.user, args.case_id)
    outcomes = service.defer_import(bench.store, bench.pipeline().context, args.case_id, [Path(f) for f in args.files])
    final: dict[str, Any] = {}
    if getattr(args, "wait", False):
        ids = [o.document_id for o in outcomes if o.document_id and o.status is DocumentStatus.IMPORTED]
        state = service.wait(bench.store, ids, on_progress=_progress_line)
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        final = {f.document_id: f for f in state}
    documents = []
    for o in outcomes:
        f = final.get(o.document_id or "")
        status = f.status if f else o.status
        documents.append(
            {
                "document_id": o.document_id,
                "file": o.file,
                "status": status.value,
                "error": (f.error if f else o.error) or None,
                "pages": f.pages_total if f else o.pages,
                "suggestions": _suggestions(bench, o.document_id) if f else o.suggestions,
                "duplicate": o.duplicate,
            }
        )
    _print_json({"documents": documents})
    return 0 if all(not DocumentStatus(str(d["status"])).is_failure for d in documents) else 1


def _suggestions(bench: Any, document_id: str | None) -> int:
    from sqlalchemy import func, select

    from examiner_app.store.orm import SuggestionRow

    if not document_id:
        return 0
    with bench.store.session() as session:
        return int(
            session.scalar(
                select(func.count()).select_from(SuggestionRow).where(SuggestionRow.document_id == document_id)
            )
            or 0
        )


def cmd_queue_status(args: argparse.Namespace) -> int:
    from examiner_app.agency import service
    from examiner_app.cli import _print_json
    from examiner_app.domain import Role

    bench = _bench(args)
    _require_pg(bench)
    if bench.user is None or bench.user.role not in (Role.ADMIN, Role.REVIEWER, Role.EXAMINER):
        raise PermissionDeniedError("Sign in to see the queue.")
    _print_json(service.queue_status(bench.store))
    return 0


def cmd_queue_cancel(args: argparse.Namespace) -> int:
    from examiner_app import accounts
    from examiner_app.agency import service
    from examiner_app.cli import _print_json

    bench = _bench(args)
    _require_pg(bench)
    with bench.store.session() as session:
        accounts.require_decide(session, bench.user, args.case_id)
    _print_json(service.cancel_case(bench.store, bench.actor, args.case_id))
    return 0


def cmd_queue_urgent(args: argparse.Namespace) -> int:
    from examiner_app.agency import service
    from examiner_app.cli import _print_json

    bench = _bench(args)
    _require_pg(bench)
    urgent = not args.off
    _print_json(
        {
            "case_id": args.case_id,
            "urgent": urgent,
            "jobs": service.mark_urgent(bench.store, bench.user, args.case_id, urgent),
        }
    )
    return 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("worker", parents=[common], help="run ingestion workers on the shared PostgreSQL store")
    p.add_argument("--concurrency", type=int, help="worker processes (default: one per core)")
    p.add_argument("--queues", help="comma-separated queues (default: ingest,maintenance)")
    p.add_argument(
        "--no-preload",
        action="store_true",
        help="serve at once, without loading the detectors, extractors and reader first (the first jobs load them)",
    )
    p.set_defaults(func=cmd_worker)

    queue = sub.add_parser("queue", parents=[common], help="the ingestion job queue (PostgreSQL store)")
    queue_sub = queue.add_subparsers(dest="queue_command", metavar="ACTION", required=True)
    p = queue_sub.add_parser("status", parents=[common], help="waiting, running, failed and retried jobs")
    p.add_argument("--format", choices=["json"], default="json")
    p.set_defaults(func=cmd_queue_status)
    p = queue_sub.add_parser("cancel", parents=[common], help="cancel a case's unfinished import")
    p.add_argument("case_id")
    p.set_defaults(func=cmd_queue_cancel)
    p = queue_sub.add_parser("urgent", parents=[common], help="run a case's jobs first (--off to undo)")
    p.add_argument("case_id")
    p.add_argument("--off", action="store_true")
    p.set_defaults(func=cmd_queue_urgent)
