"""Agency mode in the desktop: imports deferred to the workers, their progress, and the admin's queue view.

On the shared PostgreSQL store an import is deferred to the worker machines: :func:`import_files` (run by the
JobRunner, off the UI thread) stores the originals with their jobs, then follows the documents through the
stage tables (pages done/total per file, not the queue) and reports it to the import panel's QtProgress.
Cancel aborts the running jobs and cancels the waiting ones (Procrastinate's synchronous API) and marks the
documents cancelled, which the workers check between pages. On SQLite the import runs in process as before.

:class:`QueueDialog` shows what the workers are doing (waiting, running, failed with the typed error, retried);
it polls through the JobRunner every few seconds, never on the UI thread. An administrator (or an examiner the
case is assigned to, as on the CLI's ``queue urgent``) can mark the selected job's case urgent, or undo it:
an explicit human choice, through the same audited service call as the CLI, run on the JobRunner.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
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
#: Who may flag a case urgent: the roles ``queue urgent`` allows (accounts.require_decide, which the service call
#: checks again: an examiner only on a case assigned to them).
URGENCY_SETTERS = frozenset({Role.ADMIN, Role.EXAMINER})


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
    #: The table has loaded a queue status.
    status_loaded = Signal()
    #: A case's urgent flag was set (case id, urgent, waiting jobs whose priority changed).
    urgency_changed = Signal(str, bool, int)
    #: Setting it was refused or failed (the message shown).
    urgency_failed = Signal(str)

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
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self._update_urgency_buttons)
        self._case_of_row: list[str | None] = []
        self._setting_urgency = False
        user = getattr(workbench, "user", None)
        self._may_set_urgency = user is not None and user.role in URGENCY_SETTERS
        self.urgent_button = QPushButton(self.tr("Mark case urgent"), self)
        self.urgent_button.setObjectName("markUrgent")
        self.urgent_button.clicked.connect(lambda: self.set_selected_case_urgent(True))
        self.not_urgent_button = QPushButton(self.tr("Not urgent"), self)
        self.not_urgent_button.setObjectName("unmarkUrgent")
        self.not_urgent_button.clicked.connect(lambda: self.set_selected_case_urgent(False))
        for button in (self.urgent_button, self.not_urgent_button):
            button.setToolTip(
                self.tr("The selected job's case: its waiting jobs and its later imports run before the others.")
                if self._may_set_urgency
                else self.tr("Only an administrator or the case's examiner can change its urgency.")
            )
        self.urgency_label = QLabel(self)
        self.urgency_label.setObjectName("urgencyMessage")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.counts_label, 1)
        top.addWidget(self.urgent_button)
        top.addWidget(self.not_urgent_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.urgency_label)
        layout.addWidget(buttons)
        self._update_urgency_buttons()
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
        selected = self.selected_case_id()
        self._case_of_row = [job.get("case_id") for job in jobs]
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
        if selected is not None and selected in self._case_of_row:  # keep the case selected across refreshes
            self.table.selectRow(self._case_of_row.index(selected))
        self._update_urgency_buttons()
        self.status_loaded.emit()

    # --- urgency --------------------------------------------------------------------------------

    def selected_case_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self._case_of_row):
            return None
        return self._case_of_row[rows[0].row()]

    def _update_urgency_buttons(self) -> None:
        enabled = self._may_set_urgency and not self._setting_urgency and self.selected_case_id() is not None
        self.urgent_button.setEnabled(enabled)
        self.not_urgent_button.setEnabled(enabled)

    def set_selected_case_urgent(self, urgent: bool) -> None:
        """Flag (or unflag) the selected job's case, on the JobRunner; the service checks the role and audits."""
        case_id = self.selected_case_id()
        if case_id is None or not self._may_set_urgency or self._setting_urgency:
            return
        from examiner_app.agency import service

        store, user = self._workbench.store, self._workbench.user
        self._setting_urgency = True
        self._update_urgency_buttons()

        def finished() -> None:
            self._setting_urgency = False
            self._update_urgency_buttons()

        self._runner.submit(
            "queue_urgent",
            lambda: service.mark_urgent(store, user, case_id, urgent),
            on_result=lambda changed: self._urgency_set(case_id, urgent, int(changed)),
            on_error=self._urgency_refused,
            on_finished=finished,
            owner=self,
        )

    def _urgency_set(self, case_id: str, urgent: bool, changed: int) -> None:
        message = (
            i18n.fmt(self.tr("Case marked urgent: %1 waiting job(s) moved ahead."), changed)
            if urgent
            else i18n.fmt(self.tr("Case no longer urgent: %1 waiting job(s) back in line."), changed)
        )
        self.urgency_label.setText(message)
        self.urgency_changed.emit(case_id, urgent, changed)
        self.refresh()

    def _urgency_refused(self, exc: BaseException) -> None:
        message = str(getattr(exc, "message", exc))
        self.urgency_label.setText(message)
        self.urgency_failed.emit(message)
