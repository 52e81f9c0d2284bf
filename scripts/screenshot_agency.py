"""Screenshot of an import running on workers: the real app on a PostgreSQL store, two worker processes.

Usage (a window system is needed; on a server use Xvfb)::

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshot_agency.py \
        --db postgresql+psycopg://postgres@127.0.0.1:54334/postgres --data-dir /tmp/agency-shot \
        --out docs/screenshots/agency-import.png FILE...

It signs in as an administrator (``EXAMINER_USER``, default "Office Admin:admin"), starts two
``examiner-app worker`` processes (ended by their own PIDs afterwards), creates a case, imports the files the
way the desktop does (deferred to the workers), opens the job queue view, and grabs the screen once some
pages are read and some are still waiting. Exit code 0 when the picture was written.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from examiner_app.ui.app import build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("EXAMINER_USER", "Office Admin:admin")
    env = dict(os.environ, PYTHONPATH=str(ROOT), OMP_THREAD_LIMIT="1")
    env.pop("EXAMINER_USER")
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "examiner_app",
                "--db",
                args.db,
                "--data-dir",
                str(args.data_dir),
                "worker",
                "--concurrency",
                "1",
            ],
            env=env,
        )
        for _ in range(2)
    ]
    app, startup, _translators = build(
        ["--db", args.db, "--data-dir", str(args.data_dir), "--ui-language", "en", "--ai-off"]
    )
    state: dict[str, Any] = {"code": 1, "started": time.monotonic()}

    def ready(window: Any) -> None:
        state["window"] = window
        window.move(0, 0)
        window.resize(1600, 1000)
        case = window.workbench.create_case("Agency mode: statement bundle", "OFFICE-2026-0142")
        window.refresh_cases(select_id=case.id)
        window.import_files(case.id, list(args.files), case.title)
        queue = window.show_queue()
        queue.move(700, 420)
        queue.resize(880, 420)
        poll()

    def poll() -> None:
        window = state["window"]
        bar = window.import_panel.bar
        elapsed = time.monotonic() - state["started"]
        if elapsed > args.timeout:
            print("timed out before the import showed progress", file=sys.stderr)
            app.quit()
            return
        if bar.maximum() > 0 and bar.maximum() * 0.3 <= bar.value() < bar.maximum() * 0.8:
            window.queue_dialog.refresh()
            window.refresh_cases()
            window.workspace.reload()
            QTimer.singleShot(2500, grab)
            return
        QTimer.singleShot(300, poll)

    def grab() -> None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        screen = QGuiApplication.primaryScreen()
        picture = screen.grabWindow(0)
        state["code"] = 0 if picture.save(str(args.out)) else 1
        print(f"wrote {args.out}", file=sys.stderr)
        window = state["window"]
        window.cancel_import()
        QTimer.singleShot(3000, app.quit)

    startup.ready.connect(ready)
    startup.start()
    app.exec()
    startup.runner.wait_for_done(60_000)
    for worker in workers:
        os.kill(worker.pid, signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.kill(worker.pid, signal.SIGKILL)
    return int(state["code"])


if __name__ == "__main__":
    sys.exit(main())
