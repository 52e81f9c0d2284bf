"""Agency mode in the desktop: imports deferred to the workers, their progress, and the admin's queue view.

On the shared PostgreSQL store an import is deferred to the worker machines: :func:`import_files` (run by the
JobRunner, off the UI thread) stores the originals with their jobs, then follows the documents through the
stage tables (pages done/total per file, not the queue) and reports it to the import panel's QtProgress.
Cancel aborts the running jobs and cancels the waiting ones (Procrastinate's synchronous API) and marks the
documents cancelled, which the workers check between pages. On SQLite the import runs in process as before.

:class:`QueueDialog` shows what the workers are doing (waiting, running, failed with the typed error, retried);
it polls through the JobRunner every few seconds, never on the UI thread.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from examiner_app.domain import Role
from examiner_app.errors import CancelledError
from examiner_app.ui import i18n
from examiner_app.ui.workers import JobRunner

POLL_S = 1.0
QUEUE_REFRESH_MS = 3000
QUEUE_VIEWERS = frozenset({Role.ADMIN, Role.REVIEWER})


def uses_workers(workbench: Any) -> bool:
    """The workbench's store is the shared PostgreSQL one (imports go to the workers)."""
    store = getattr(workbench, "store", None)
    return getattr(store, "dialect", "") == "postgresql"


def files_line(state: Sequence[Any]) -> str:
    """ "a.pdf 3/4 · b.tiff 0/2 (waiting)": pages done/total per file, for the import panel."""
    parts = []
    for f in state:
        if f.pages_total:
            parts.append(f"{f.file_name_short} {f.pages_done}/{f.pages_total}")
        else:
            parts.append(f"{f.file_name_short} …")
    return " · ".join(parts)


class _Shown:
    """A FileProgress with a short name for the one-line panel."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        name = str(inner.file)
        self.file_name_short = name if len(name) <= 24 else name[:21] + "…"
        self.pages_done = inner.pages_done
        self.pages_total = inner.pages_total


def import_files(workbench: Any, case_id: str, paths: list[Path], progress: Any) -> list[Any]:
    """Import into a case: in process on SQLite; on PostgreSQL deferred to the workers and followed here.

    Blocking: run it in the JobRunner. Returns one ImportOutcome per file (its final state).
    """
    if not uses_workers(workbench):
        return list(workbench.import_files(case_id, paths, progress))
    from dataclasses import replace

    from examiner_app import accounts
    from examiner_app.agency import service
    from examiner_app.domain import DocumentStatus

    store = workbench.store
    with store.session() as session:
        accounts.require_decide(session, workbench.user, case_id)
    outcomes = service.defer_import(store, workbench.pipeline().context, case_id, paths)
    ids = [o.document_id for o in outcomes if o.document_id and o.status is DocumentStatus.IMPORTED]
    state = service.progress(store, ids)
    while ids:
        state = service.progress(store, ids)
        done = sum(f.pages_done for f in state)
        total = sum(f.pages_total for f in state)
        progress.update(done, max(total, done), "on the workers · " + files_line([_Shown(f) for f in state]))
        if all(f.finished for f in state):
            break
        if progress.cancelled():
            service.cancel_case(store, workbench.actor, case_id)
            raise CancelledError(
                "Import cancelled: the workers stop after their current page; import the files again to continue."
            )
        time.sleep(POLL_S)
    final = {f.document_id: f for f in state}
    return [
        replace(
            o,
            status=final[o.document_id].status,
            error=final[o.document_id].error,
            pages=final[o.document_id].pages_total,
        )
        if o.document_id in final
        else o
        for o in outcomes
    ]


class QueueDialog(QDialog):
    """The ingestion queue for administrators and reviewers: counts, and the jobs with their typed errors."""

    COLUMNS = ("job", "task", "status", "priority", "attempts", "document", "page", "error")

    def __init__(self, workbench: Any, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Job queue (workers)"))
        self.resize(980, 480)
        self._workbench = workbench
        self._runner = runner
        self._loading = False
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("queueCounts")
        self.note_label = QLabel(
            self.tr("Progress of each file comes from the stage tables; this view shows the workers' queue."), self
        )
        self.note_label.setObjectName("muted")
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("queueTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Job"),
                self.tr("Task"),
                self.tr("Status"),
                self.tr("Priority"),
                self.tr("Attempts"),
                self.tr("Document"),
                self.tr("Page"),
                self.tr("Error"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(len(self.COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.counts_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setInterval(QUEUE_REFRESH_MS)
        self._timer.timeout.connect(self.refresh)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._timer.start()

    def hideEvent(self, event: Any) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def refresh(self) -> None:
        """Read the queue in a worker thread; the table updates when it is back."""
        if self._loading:
            return
        self._loading = True
        from examiner_app.agency import service

        store = self._workbench.store

        def finished() -> None:
            self._loading = False

        self._runner.submit(
            "queue_status",
            lambda: service.queue_status(store),
            on_result=self.show_status,
            on_error=lambda exc: self.counts_label.setText(str(getattr(exc, "message", exc))),
            on_finished=finished,
            owner=self,
        )

    def show_status(self, status: dict[str, Any]) -> None:
        retried = sum(1 for j in status["jobs"] if j["retried"])
        self.counts_label.setText(
            i18n.fmt(
                self.tr("Waiting %1 · running %2 · failed %3 · retried %4"),
                status["waiting"],
                status["running"],
                status["failed"],
                retried,
            )
        )
        jobs = status["jobs"]
        self.table.setRowCount(len(jobs))
        for row, job in enumerate(jobs):
            values = [
                job["job_id"],
                job["task"].removeprefix("examiner."),
                job["status"] + (" ↻" if job["retried"] else ""),
                job["priority"],
                job["attempts"],
                (job["document_id"] or "")[:8],
                "" if job["page"] is None else job["page"],
                job["error"] or "",
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if column == 7 and value:
                    item.setForeground(Qt.GlobalColor.darkRed)
                    item.setToolTip(str(value))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
