"""A small harness for the distributed tests: worker processes, scans, waits with deadlines.

Workers are real ``examiner-app worker --concurrency 1`` processes on the test's own database; each is ended
by its own PID only (SIGTERM to stop, SIGKILL to simulate a crash). Pages are real scans made here (text drawn
with Pillow) read by real Tesseract (``eng``) through the whole job path: queue, sandboxed reader, stage writes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import text

from examiner_app.config import Settings
from examiner_app.domain import Role
from examiner_app.services import Workbench
from examiner_app.store import Store

REPO_ROOT = Path(__file__).resolve().parents[2]
T = TypeVar("T")


def wait_for(
    what: str,
    check: Callable[[], T | None],
    timeout_s: float,
    poll_s: float = 0.05,
    explain: Callable[[], str] | None = None,
) -> T:
    """Poll ``check`` until it returns something truthy; fail with ``what`` (and ``explain()``) after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            detail = f"\n{explain()}" if explain else ""
            raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what}{detail}")
        time.sleep(poll_s)


def make_scans(folder: Path, documents: int, pages: int, *, tag: str, lines: int = 6) -> list[Path]:
    """``documents`` multi-page TIFF scans of ``pages`` pages each, every one different (distinct sha256)."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    font = ImageFont.truetype(font_path, 30) if Path(font_path).exists() else ImageFont.load_default()
    paths = []
    for d in range(documents):
        images = []
        for p in range(pages):
            image = Image.new("L", (1400, 90 + 60 * lines), 255)
            draw = ImageDraw.Draw(image)
            draw.text((40, 30), f"Statement {tag} {d + 1} page {p + 1}", fill=0, font=font)
            for line in range(lines):
                draw.text(
                    (40, 90 + 60 * line),
                    f"Line {line + 1}: the applicant left the town in March {1990 + line}",
                    fill=0,
                    font=font,
                )
            images.append(image)
        path = folder / f"{tag}-{d + 1:02d}.tiff"
        images[0].save(path, save_all=True, append_images=images[1:], dpi=(300, 300))
        paths.append(path)
    return paths


class Cluster:
    """Worker processes on one database, and the test's own view of the store."""

    def __init__(self, url: str, data_dir: Path, logs: Path) -> None:
        self.url = url
        self.data_dir = data_dir
        self.logs = logs
        self.settings = Settings(data_dir=data_dir, db_url=url, ai_enabled=False, ocr_languages="eng", workers=1)
        self.store = Store(url)
        self.bench = Workbench(self.store, self.settings)
        self.bench.sign_in("Test Examiner", Role.EXAMINER)
        self.workers: list[subprocess.Popen[bytes]] = []
        self.logs_of: dict[int, Path] = {}

    def start_worker(self, *, preload: bool = True, **env: str) -> subprocess.Popen[bytes]:
        """One ``examiner-app worker --concurrency 1``. ``preload=False`` (``--no-preload``) serves at once: for
        tests about the queue itself, where a worker's start-up is on the test's critical path and its model
        loading (seconds of CPU, several times that on a loaded machine) proves nothing; the tests that go
        through the document stages keep the production start-up."""
        base = {k: v for k, v in os.environ.items() if k != "EXAMINER_USER"}
        environment = dict(
            base,
            PYTHONPATH=str(REPO_ROOT),
            OMP_THREAD_LIMIT="1",
            EXAMINER_AI_ENABLED="0",
            EXAMINER_OCR_LANGUAGES="eng",
            EXAMINER_WORKERS="1",
            **env,
        )
        log = (self.logs / f"worker-{len(self.workers)}.log").open("wb")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "examiner_app",
                "--db",
                self.url,
                "--data-dir",
                str(self.data_dir),
                "worker",
                "--concurrency",
                "1",
                *([] if preload else ["--no-preload"]),
            ],
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.workers.append(process)
        self.logs_of[process.pid] = self.logs / f"worker-{len(self.workers) - 1}.log"
        return process

    def serving(self, process: subprocess.Popen[bytes]) -> bool:
        """The worker has started and is fetching jobs (its log says so).

        A worker that exited instead fails the wait at once with its log: a test that goes on with one worker fewer
        than it thinks times out later with a misleading message (the reaper test once did).
        """
        log = self.logs_of[process.pid].read_text(errors="replace")
        if process.poll() is not None and "serving queues" not in log:
            raise AssertionError(
                f"worker {process.pid} exited with {process.returncode} before serving:\n{log[-3000:]}"
            )
        return "serving queues" in log

    def wait_serving(self, processes: list[subprocess.Popen[bytes]], timeout_s: float = 90) -> None:
        """Every one of ``processes`` is fetching jobs."""
        wait_for(
            f"{len(processes)} worker(s) serving",
            lambda: all(self.serving(p) for p in processes),
            timeout_s=timeout_s,
            poll_s=0.1,
            explain=self.logs_text,
        )

    def kill(self, process: subprocess.Popen[bytes]) -> float:
        """SIGKILL one worker by its PID; returns the time of the kill (epoch seconds)."""
        at = time.time()
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        return at

    def stop_all(self, grace_s: float = 5.0) -> None:
        """SIGTERM to each live worker; one still busy after ``grace_s`` (a cold document stage) gets SIGKILL."""
        for process in self.workers:
            if process.poll() is None:
                os.kill(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace_s
        for process in self.workers:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.kill(process.pid, signal.SIGKILL)
                process.wait(timeout=30)

    def logs_text(self) -> str:
        """The workers' last log lines, the queue and the workers' heartbeats: what a failed wait shows."""
        logs = "\n".join(
            f"== {p.name}\n" + p.read_text(errors="replace")[-1500:] for p in sorted(self.logs.glob("worker-*.log"))
        )
        jobs = self.query(
            "SELECT id, task_name, status::text, priority, attempts, worker_id FROM procrastinate_jobs ORDER BY id"
        )
        beats = self.query("SELECT id, now() - last_heartbeat FROM procrastinate_workers ORDER BY id")
        runs = self.query("SELECT job_id, stage, page_number, outcome, error FROM stage_runs ORDER BY id")
        documents = self.query("SELECT id, status, page_count, error FROM documents")
        events = self.query("SELECT actor, action FROM audit_events ORDER BY id DESC LIMIT 8")
        return f"{logs}\njobs: {jobs}\nworkers: {beats}\nruns: {runs}\ndocuments: {documents}\naudit: {events}"

    def new_case(self, title: str) -> str:
        return self.bench.create_case(title).id

    def import_files(self, case_id: str, paths: list[Path]) -> list[str]:
        from examiner_app.agency import service

        outcomes = service.defer_import(self.store, self.bench.pipeline().context, case_id, paths)
        return [o.document_id for o in outcomes if o.document_id]

    def _named(self, connection: Any) -> None:
        # Under row-level security (an application role) the test sees what its examiner may see.
        connection.execute(
            text("SELECT set_config('examiner.user_id', :u, true)"), {"u": self.store.acting_user_id or ""}
        )

    def query(self, sql: str, **params: Any) -> list[Any]:
        with self.store.engine.begin() as connection:
            self._named(connection)
            return list(connection.execute(text(sql), params).all())

    def scalar(self, sql: str, **params: Any) -> Any:
        with self.store.engine.begin() as connection:
            self._named(connection)
            return connection.execute(text(sql), params).scalar()

    def pages_read(self, document_ids: list[str] | None = None) -> int:
        if document_ids is None:
            return int(self.scalar("SELECT count(*) FROM stage_results WHERE stage = 'read'"))
        return int(
            self.scalar(
                "SELECT count(*) FROM stage_results WHERE stage = 'read' AND document_id = ANY(:d)", d=document_ids
            )
        )

    def documents_done(self, document_ids: list[str]) -> bool:
        rows = self.query("SELECT status FROM documents WHERE id = ANY(:d)", d=document_ids)
        return len(rows) == len(document_ids) and all(r[0] == "done" for r in rows)

    def running_page(self, process: subprocess.Popen[bytes]) -> Any:
        """A page run of ``process`` that is reading (not yet writing), or None."""
        rows = self.query(
            "SELECT id, job_id, document_id, page_number, started_at FROM stage_runs "
            "WHERE pid = :pid AND stage = 'read' AND outcome = 'running' AND locked_at IS NULL "
            "AND started_at < now() - interval '150 milliseconds' ORDER BY id DESC LIMIT 1",
            pid=process.pid,
        )
        return rows[0] if rows else None

    def close(self) -> None:
        self.stop_all()
        self.store.dispose()


def epoch(value: datetime) -> float:
    return value.timestamp()
