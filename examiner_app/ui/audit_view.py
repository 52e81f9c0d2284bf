"""The audit log for administrators and reviewers: recent events, chain verification, JSON Lines export.

The core refuses other roles (PermissionDeniedError); the main window does not even offer the menu
item to them. Every read here is itself audited by the core ("audit.view"). All core calls run in
workers; the dialog is modeless so the examiner can keep it open beside the case.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDir, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from examiner_app.domain import AuditEvent, Role
from examiner_app.ui import i18n
from examiner_app.ui.backend import VerifyResultLike, WorkbenchPort
from examiner_app.ui.dialogs import error_text
from examiner_app.ui.workers import JobRunner

AUDIT_READERS = frozenset({Role.ADMIN, Role.REVIEWER})
AnyIndex = QModelIndex | QPersistentModelIndex
EVENT_LIMIT = 500
# Keys whose values identify rather than describe: shortened in the details column (full text in the tooltip).
ID_KEYS = frozenset({"suggestion", "document", "case", "suggestion_id", "document_id"})


def details_summary(details: Mapping[str, object], limit: int = 140) -> str:
    """``key: value · key: value`` on one line, long values and ids shortened."""
    parts = []
    for key, value in details.items():
        text = str(value)
        if key in ID_KEYS and len(text) > 12:
            text = text[:8] + "…"
        elif len(text) > 60:
            text = text[:57] + "…"
        parts.append(f"{key}: {text}")
    line = " · ".join(parts)
    return line if len(line) <= limit else line[: limit - 1] + "…"


class AuditTableModel(QAbstractTableModel):
    """Audit events, newest first: time, who, action, case, details."""

    TIME, ACTOR, ACTION, CASE, DETAILS = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._events: list[AuditEvent] = []
        self._names: dict[str, str] = {}
        self._cases: dict[str, str] = {}

    def set_events(self, events: Sequence[AuditEvent], names: Mapping[str, str], cases: Mapping[str, str]) -> None:
        self.beginResetModel()
        self._events = list(events)
        self._names = dict(names)
        self._cases = dict(cases)
        self.endResetModel()

    def event_at(self, row: int) -> AuditEvent | None:
        return self._events[row] if 0 <= row < len(self._events) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Time"), self.tr("Who"), self.tr("Action"), self.tr("Case"), self.tr("Details")][section]
        return None

    def actor_name(self, actor: str) -> str:
        if actor == "system":
            return self.tr("system")
        return self._names.get(actor, actor[:8])

    def case_name(self, case_id: str | None) -> str:
        if not case_id:
            return ""
        return self._cases.get(case_id, case_id[:8] + "…")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        event = self.event_at(index.row()) if index.isValid() else None
        if event is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [
                event.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                self.actor_name(event.actor),
                event.action,
                self.case_name(event.case_id),
                details_summary(event.details),
            ][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"#{event.id} {event.action}", f"{self.actor_name(event.actor)} ({event.actor})"]
            if event.case_id:
                lines.append(f"{self.case_name(event.case_id)} ({event.case_id})")
            if event.subject:
                lines.append(str(event.subject))
            lines.extend(f"{key}: {value}" for key, value in event.details.items())
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.TIME, self.DETAILS):
            return QBrush(QColor("#5b616b"))
        if role == Qt.ItemDataRole.UserRole:
            return event
        return None


class AuditLogDialog(QDialog):
    """Recent audit events with "Verify chain" and, for administrators, "Export JSON Lines…".

    Signals for tests: ``events_loaded(int)``, ``verified(object)``, ``exported(int)``.
    """

    events_loaded = Signal(int)
    verified = Signal(object)
    exported = Signal(int)

    def __init__(self, workbench: WorkbenchPort, runner: JobRunner, role: Role, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.runner = runner
        self.role = role
        self.setWindowTitle(self.tr("Audit log — Examiner Workbench"))
        self.resize(1000, 600)
        intro = QLabel(
            i18n.fmt(
                self.tr(
                    "The newest %1 events of the append-only audit log. Each event is chained to the one before "
                    "it; “Verify chain” checks that none was changed or removed. Opening this view is recorded too."
                ),
                EVENT_LIMIT,
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        self.model = AuditTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(AuditTableModel.DETAILS, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 150), (1, 140), (2, 150), (3, 180)):
            self.table.setColumnWidth(column, width)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("muted")
        self.verify_label = QLabel(self)
        self.verify_label.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.verify_button = QPushButton(self.tr("Verify chain"), self)
        self.verify_button.setToolTip(
            self.tr("Recompute every event's hash from the first one and report the first break")
        )
        self.export_button = QPushButton(self.tr("Export JSON Lines…"), self)
        self.export_button.setToolTip(
            self.tr("Write the whole chain to a file for an external archive (administrators)")
        )
        self.export_button.setVisible(role is Role.ADMIN)
        close = QPushButton(self.tr("Close"), self)

        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.verify_label, 1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addLayout(buttons)

        self.refresh_button.clicked.connect(self.refresh)
        self.verify_button.clicked.connect(self.verify)
        self.export_button.clicked.connect(self.choose_export_file)
        close.clicked.connect(self.close)

    # --- events ------------------------------------------------------------------------------

    def refresh(self) -> None:
        workbench = self.workbench

        def load() -> tuple[list[AuditEvent], dict[str, str], dict[str, str]]:
            events = workbench.audit_events(limit=EVENT_LIMIT)
            names = {u.id: u.name for u in workbench.users()}
            cases = {c.id: c.title for c in workbench.list_cases()}
            return events, names, cases

        def loaded(result: tuple[list[AuditEvent], dict[str, str], dict[str, str]]) -> None:
            events, names, cases = result
            self.model.set_events(events, names, cases)
            self.count_label.setText(i18n.fmt(self.tr("%1 events shown, newest first."), len(events)))
            self.events_loaded.emit(len(events))

        self.count_label.setText(self.tr("Loading…"))
        self.runner.submit("audit_events", load, on_result=loaded, on_error=self._failed, owner=self)

    def _failed(self, exc: BaseException) -> None:
        self.count_label.setText(error_text(exc)[0])

    # --- verify ------------------------------------------------------------------------------

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.verify_label.setObjectName("muted")
        self.verify_label.setText(self.tr("Checking the chain…"))
        self._restyle(self.verify_label)
        self.runner.submit(
            "verify_audit",
            self.workbench.verify_audit,
            on_result=self._verified,
            on_error=self._failed_verify,
            on_finished=lambda: self.verify_button.setEnabled(True),
            owner=self,
        )

    def _verified(self, result: VerifyResultLike) -> None:
        if result.ok:
            self.verify_label.setObjectName("verifyOk")
            self.verify_label.setText(
                i18n.fmt(self.tr("✓ Chain intact: %1 events checked, none changed or missing."), result.events_checked)
            )
        else:
            self.verify_label.setObjectName("verifyBroken")
            where = i18n.fmt(self.tr("at event %1"), result.first_broken_id) if result.first_broken_id else ""
            self.verify_label.setText(
                i18n.fmt(
                    self.tr("⚠ Chain broken %1: %2 (%3 events checked). Tell your administrator."),
                    where,
                    result.problem,
                    result.events_checked,
                )
            )
        self._restyle(self.verify_label)
        self.verified.emit(result)

    def _failed_verify(self, exc: BaseException) -> None:
        self.verify_label.setObjectName("verifyBroken")
        self.verify_label.setText(error_text(exc)[0])
        self._restyle(self.verify_label)

    @staticmethod
    def _restyle(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    # --- export ------------------------------------------------------------------------------

    def choose_export_file(self) -> QFileDialog | None:
        if self.role is not Role.ADMIN:
            return None
        dialog = QFileDialog(self, self.tr("Export the audit log"), QDir.homePath())
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([self.tr("JSON Lines (*.jsonl)")])
        dialog.setDefaultSuffix("jsonl")
        dialog.selectFile("audit-log.jsonl")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.export_to(Path(name)))
        dialog.open()
        return dialog

    def export_to(self, out: Path) -> None:
        workbench = self.workbench
        self.export_button.setEnabled(False)

        def done(count: int) -> None:
            self.verify_label.setObjectName("muted")
            self.verify_label.setText(i18n.fmt(self.tr("Exported %1 events to %2."), count, out))
            self._restyle(self.verify_label)
            self.exported.emit(count)

        self.runner.submit(
            "export_audit",
            lambda: workbench.export_audit(out),
            on_result=done,
            on_error=self._failed_verify,
            on_finished=lambda: self.export_button.setEnabled(True),
            owner=self,
        )
