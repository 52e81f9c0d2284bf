"""``examiner-app worker``: ingestion workers on the shared store.

One process per core by default (``--concurrency N`` processes), each running one ingestion job at a time
(Tesseract with ``OMP_THREAD_LIMIT=1``) plus a maintenance slot for the reaper and the pruner, so the reaper
never waits behind OCR. SIGTERM (or SIGINT) stops gracefully: the page in hand is finished and written, then
the process exits; a supervisor forwards the signal to its children and waits for them. A lost database
connection (a server restart) ends the Procrastinate worker; the process reconnects and starts again, and
the reaper hands the interrupted job back to the queue.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from examiner_app.agency import jobs, tasks, warmup
from examiner_app.agency.tasks import WorkerRuntime

log = logging.getLogger(__name__)

#: After a failure (database unreachable), wait this long before starting again.
RESTART_DELAY_S = 2.0


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


async def _serve(runtime: WorkerRuntime, queues: Sequence[str], stop: asyncio.Event) -> None:
    """Run Procrastinate workers for ``queues`` until ``stop`` is set; restart them after a failure."""
    from procrastinate import worker as procrastinate_worker

    while not stop.is_set():
        app = jobs.make_app(runtime.store.url)
        workers: list[Any] = []
        try:
            async with app.open_async():
                common: dict[str, Any] = {
                    "concurrency": 1,
                    "name": runtime.worker,
                    "install_signal_handlers": False,
                    "update_heartbeat_interval": jobs.HEARTBEAT_S,
                    "stalled_worker_timeout": jobs.STALLED_AFTER_S * 12,
                    "delete_jobs": "successful",
                    "additional_context": {"runtime": runtime},
                    "shutdown_graceful_timeout": None,
                    "fetch_job_polling_interval": 2.0,
                    "abort_job_polling_interval": 1.0,
                }
                # One ingestion slot, and a maintenance slot of its own for the reaper.
                groups = [[q] for q in queues]
                workers = [procrastinate_worker.Worker(app=app, queues=group, **common) for group in groups]
                runs = [asyncio.create_task(w.run()) for w in workers]
                stopper = asyncio.create_task(stop.wait())
                done, _ = await asyncio.wait([*runs, stopper], return_when=asyncio.FIRST_COMPLETED)
                for w in workers:
                    w.stop()
                results = await asyncio.gather(*runs, return_exceptions=True)
                stopper.cancel()
                failures = [r for r in results if isinstance(r, BaseException)]
                if failures and not stop.is_set():
                    raise failures[0]
        except Exception as exc:  # the database went away: reconnect
            if stop.is_set():
                break
            log.warning("worker stopped (%s: %s); starting again in %.0f s", type(exc).__name__, exc, RESTART_DELAY_S)
            print(f"worker {runtime.worker}: {type(exc).__name__}: {exc}; reconnecting", file=sys.stderr, flush=True)
        if not stop.is_set():
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(stop.wait(), RESTART_DELAY_S)


def with_preloaded(runtime: WorkerRuntime) -> WorkerRuntime:
    """``runtime`` with what its jobs need loaded (extractors, language detectors, the reader process), logged."""
    context = runtime.context
    loaded = warmup.preload(context.models_dir, context.ai_enabled, tasks.read_options(runtime))
    log.info("worker %s preloaded: %s", runtime.worker, loaded.summary())
    print(f"worker {runtime.worker}: preloaded {loaded.summary()}", file=sys.stderr, flush=True)
    return replace(runtime, extractors=loaded.extractors)


def run_process(runtime: WorkerRuntime, queues: Sequence[str], *, preload: bool = True) -> int:
    """One worker process: load what the jobs need (``preload``, for an ingestion worker), then serve until
    SIGTERM/SIGINT."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if preload and jobs.INGEST_QUEUE in queues:
        runtime = with_preloaded(runtime)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        print(f"worker {runtime.worker}: serving queues {','.join(queues)}", file=sys.stderr, flush=True)
        await _serve(runtime, queues, stop)
        print(f"worker {runtime.worker}: stopped", file=sys.stderr, flush=True)

    asyncio.run(main())
    return 0


def supervise(argv: Sequence[str], processes: int) -> int:
    """Start ``processes`` single-process workers (``argv`` + ``--concurrency 1``), restart any that dies,
    forward SIGTERM/SIGINT to them and wait for them to finish their page."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    stopping = False

    def spawn() -> subprocess.Popen[bytes]:
        return subprocess.Popen([sys.executable, "-m", "examiner_app", *argv, "--concurrency", "1"], env=env)

    children = [spawn() for _ in range(processes)]

    def on_signal(signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    while True:
        if stopping:
            for child in children:
                child.wait()
            return 0
        for index, child in enumerate(children):
            if child.poll() is not None and not stopping:
                print(f"worker process {child.pid} ended ({child.returncode}); starting another", file=sys.stderr)
                time.sleep(RESTART_DELAY_S)
                children[index] = spawn()
        time.sleep(0.5)
