"""The workspace's exports: the working note (PDF) and the record package (PDF + JSON), each written in a worker
and audited by the core.

Split out of ``workspace.py`` (over 1000 lines) without changing behaviour: :class:`ExportsMixin` holds the methods,
:class:`~examiner_app.ui.workspace.CaseWorkspace` mixes them in and owns the state; messages keep the
``CaseWorkspace`` translation context.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDir, Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from examiner_app.ui import i18n
from examiner_app.ui.backend import record_export
from examiner_app.ui.dialogs import show_error
from examiner_app.ui.working_note import NoteHeader, export_working_note, header_with_sign_off

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QLabel

    from examiner_app.ui.backend import UiContext, WorkbenchPort
    from examiner_app.ui.summary_panel import SummaryPanel
    from examiner_app.ui.workers import JobRunner

    _Base = QWidget
else:
    _Base = object

EXPORT_KIND = "working_note_pdf"


class ExportsMixin(_Base):
    """Working note and record package exports; mixed into ``CaseWorkspace``."""

    if TYPE_CHECKING:  # state and signals owned by CaseWorkspace
        workbench: WorkbenchPort
        runner: JobRunner
        context: UiContext
        summary: SummaryPanel
        title_label: QLabel
        _case_id: str | None
        status_message: SignalInstance
        export_finished: SignalInstance
        package_exported: SignalInstance

        @property
        def _case_reference(self) -> str: ...

    def default_export_name(self) -> str:
        stem = self._case_reference or self.title_label.text() or "case"
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in stem).strip("-") or "case"
        return f"working-note-{safe}-{datetime.now().strftime('%Y%m%d-%H%M')}.pdf"

    def choose_export_file(self) -> QFileDialog | None:
        if self._case_id is None:
            return None
        dialog = QFileDialog(
            self, QCoreApplication.translate("CaseWorkspace", "Export working note (PDF)"), QDir.homePath()
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([QCoreApplication.translate("CaseWorkspace", "PDF documents (*.pdf)")])
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(self.default_export_name())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.export_working_note(Path(name)))
        dialog.open()
        return dialog

    def export_working_note(self, out: Path) -> None:
        """Write the working note for the open case to ``out`` in a worker, then audit the export."""
        case_id = self._case_id
        if case_id is None:
            return
        workbench = self.workbench
        header_base = NoteHeader(
            case_title=self.title_label.text(),
            case_reference=self._case_reference,
            examiner=self.context.user.name,
            generated_at=datetime.now(UTC),
        )
        self.summary.export_button.setEnabled(False)
        self.status_message.emit(QCoreApplication.translate("CaseWorkspace", "Writing the working note…"))

        def work() -> tuple[int, bool, bool]:
            # A fresh summary: the note shows what the store holds at the moment it is written.
            summary = workbench.summary(case_id)
            header = header_with_sign_off(header_base, summary.sign_off)
            evidence = workbench.evidence(case_id, findings_only=True)  # with the examiner's reasoning per element
            pages = export_working_note(
                out, header, summary.fact_sheet, list(summary.chronology), summary.pins, evidence
            )
            return pages, record_export(workbench, case_id, EXPORT_KIND, out.name), header.signed_off

        def done(result: tuple[int, bool, bool]) -> None:
            pages, audited, signed_off = result
            if signed_off:
                message = i18n.fmt(
                    QCoreApplication.translate("CaseWorkspace", "Working note saved: %1 (%2 pages, signed off)."),
                    out,
                    pages,
                )
            else:
                message = i18n.fmt(
                    QCoreApplication.translate("CaseWorkspace", "Working note saved: %1 (%2 pages, marked draft)."),
                    out,
                    pages,
                )
            if not audited:
                message += " " + QCoreApplication.translate(
                    "CaseWorkspace", "This export could not be recorded in the audit log."
                )
            self.status_message.emit(message)
            self.export_finished.emit(out, audited)

        def failed(exc: BaseException) -> None:
            show_error(self, exc, QCoreApplication.translate("CaseWorkspace", "Working note not written"))

        self.runner.submit(
            "export_working_note",
            work,
            on_result=done,
            on_error=failed,
            on_finished=lambda: self.summary.export_button.setEnabled(self.summary.summary is not None),
            owner=self,
        )

    def choose_package_file(self) -> QFileDialog | None:
        if self._case_id is None:
            return None
        dialog = QFileDialog(
            self, QCoreApplication.translate("CaseWorkspace", "Export record package (PDF + JSON)"), QDir.homePath()
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([QCoreApplication.translate("CaseWorkspace", "PDF documents (*.pdf)")])
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(self.default_export_name().replace("working-note-", "record-package-"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self.export_record_package(Path(name)))
        dialog.open()
        return dialog

    def export_record_package(self, out: Path) -> None:
        """Write OUT.pdf and OUT.json (the record package) in a worker; the core audits both files' SHA-256."""
        from examiner_app.ui.record_package_export import write_package

        case_id = self._case_id
        if case_id is None:
            return
        workbench, examiner = self.workbench, self.context.user.name
        self.status_message.emit(QCoreApplication.translate("CaseWorkspace", "Writing the record package…"))

        def work() -> dict[str, str]:
            package, data = workbench.record_package(case_id)
            hashes = write_package(out.with_suffix(""), package, data, examiner)
            workbench.record_package_exported(case_id, hashes)
            return hashes

        def done(hashes: dict[str, str]) -> None:
            names = ", ".join(sorted(hashes))
            self.status_message.emit(
                i18n.fmt(
                    QCoreApplication.translate("CaseWorkspace", "Record package saved: %1 (SHA-256 in the audit log)."),
                    names,
                )
            )
            self.package_exported.emit(out.with_suffix(""), hashes)

        def failed(exc: BaseException) -> None:
            show_error(self, exc, QCoreApplication.translate("CaseWorkspace", "Record package not written"))

        self.runner.submit(
            "record_package",
            work,
            on_result=done,
            on_error=failed,
            owner=self,
        )
