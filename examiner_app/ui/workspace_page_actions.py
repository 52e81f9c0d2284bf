"""The workspace's actions on the page on screen: recording a fact from selected words, reading a page again.

Split out of ``workspace.py`` (which passed 1000 lines) without changing behaviour: :class:`PageActionsMixin`
holds the methods, :class:`~examiner_app.ui.workspace.CaseWorkspace` mixes them in and owns the state they use.
Its messages keep the ``CaseWorkspace`` translation context they had.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from examiner_app.domain import Document, FactField, ModelRef, PageText, Provenance, Suggestion, Word
from examiner_app.errors import CancelledError, ExaminerError
from examiner_app.ui import i18n
from examiner_app.ui.dialogs import error_text
from examiner_app.ui.page_dialogs import AddFactDialog, ReadAgainDialog, SelectedWords
from examiner_app.ui.workers import QtProgress

if TYPE_CHECKING:
    from collections import OrderedDict

    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QImage, QPixmap

    from examiner_app.ui.backend import WorkbenchPort
    from examiner_app.ui.page_viewer import PageViewer
    from examiner_app.ui.workers import JobRunner

    _Base = QWidget
else:
    _Base = object

# What the provenance of a hand-recorded fact names as its "model" (the core stamps its own on it anyway).
MANUAL = ModelRef("examiner", "manual", "1")


def selected_words(document: Document, page: PageText, words: Sequence[Word]) -> SelectedWords | None:
    """Selected words of a page as the text and provenance of a fact (span from their offsets, their boxes)."""
    words = sorted(words, key=lambda w: w.start)
    if not words:
        return None
    start, end = words[0].start, max(w.end for w in words)
    return SelectedWords(
        text=" ".join(w.text for w in words),
        provenance=Provenance(
            document.id,
            document.file_name,
            page.page_number,
            start,
            end,
            tuple(w.bbox for w in words if w.bbox is not None),
            MANUAL,
            min((w.confidence for w in words if w.confidence is not None), default=None),
        ),
        word_count=len(words),
    )


def selected_span(document: Document, page: PageText, start: int, end: int) -> SelectedWords | None:
    """Selected characters of the page text as a fact's text and provenance (the words they touch give boxes)."""
    text = " ".join(page.text[start:end].split())
    if not text:
        return None
    return SelectedWords(
        text=text,
        provenance=Provenance(
            document.id,
            document.file_name,
            page.page_number,
            start,
            end,
            page.boxes_for_span(start, end),
            MANUAL,
            page.confidence_for_span(start, end),
        ),
        word_count=len(page.words_in_span(start, end)) or len(text.split()),
    )


class PageActionsMixin(_Base):
    """Recording a fact from selected words and reading a page again; mixed into ``CaseWorkspace``."""

    if TYPE_CHECKING:  # state and signals owned by CaseWorkspace
        workbench: WorkbenchPort
        runner: JobRunner
        viewer: PageViewer
        can_decide: bool
        _case_id: str | None
        _doc_id: str | None
        _page: int
        _documents: dict[str, Document]
        _pages: dict[str, list[PageText]]
        _images: OrderedDict[tuple[str, int], QImage]
        _thumbs: dict[tuple[str, int], QPixmap]
        _summary_stale: bool
        _select_after_reload: str | None
        _reread_progress: QtProgress | None
        status_message: SignalInstance
        fact_added: SignalInstance
        facts_changed: SignalInstance
        page_reread: SignalInstance

        def _page_text(self, document_id: str, number: int) -> PageText | None: ...

        def load_case(self, case_id: str, *, audit_open: bool = True) -> None: ...

        def _ocr_packs(self) -> list[str]: ...

    # --- recording a fact from selected words ------------------------------------------------

    def _current_page_text(self) -> tuple[Document, PageText] | None:
        if self._doc_id is None:
            return None
        document = self._documents.get(self._doc_id)
        page = self._page_text(self._doc_id, self._page)
        return (document, page) if document is not None and page is not None else None

    def _words_selected(self, words: list[Word]) -> None:
        current = self._current_page_text()
        if current is None or not self.can_decide:
            return
        selection = selected_words(current[0], current[1], words)
        if selection is not None:
            self.add_fact_dialog(selection)

    def _text_selected(self, start: int, end: int) -> None:
        current = self._current_page_text()
        if current is None or not self.can_decide:
            return
        selection = selected_span(current[0], current[1], start, end)
        if selection is not None:
            self.add_fact_dialog(selection)

    def add_fact_dialog(self, selection: SelectedWords) -> AddFactDialog:
        """Ask for the field (and maybe a reason) of the selected words, then record the fact in a worker."""
        dialog = AddFactDialog(selection, self)
        dialog.setObjectName("addFactDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        workbench = self.workbench
        case_id = self._case_id

        def submitted(field: FactField, value: str, reason: str) -> None:
            if case_id is None:
                return

            def added(suggestion: Suggestion) -> None:
                dialog.accept()
                self.viewer.view.clear_selection()
                self._summary_stale = True
                self._select_after_reload = suggestion.id
                self.status_message.emit(
                    i18n.fmt(
                        QCoreApplication.translate("CaseWorkspace", "Recorded: %1 “%2”."),
                        i18n.field_label(suggestion.field),
                        suggestion.value,
                    )
                )
                self.fact_added.emit(suggestion)
                self.facts_changed.emit()
                if case_id == self._case_id:
                    self.load_case(case_id, audit_open=False)

            self.runner.submit(
                "add_fact",
                lambda: workbench.add_fact(case_id, field, value, selection.provenance, reason),
                on_result=added,
                on_error=lambda exc: dialog.show_error(error_text(exc)[0]),
                owner=dialog,
            )

        dialog.submitted.connect(submitted)
        dialog.rejected.connect(self.viewer.view.clear_selection)
        dialog.open()
        return dialog

    # --- reading a page again ----------------------------------------------------------------

    def read_page_again(self) -> ReadAgainDialog | None:
        """Choose languages and read the page on screen again (OCR) in a worker, with progress."""
        current = self._current_page_text()
        if current is None or not self.can_decide:
            return None
        if self._reread_progress is not None:
            self.status_message.emit(
                QCoreApplication.translate(
                    "CaseWorkspace", "A page is already being read again; wait for it to finish."
                )
            )
            return None
        document, page = current
        label = i18n.fmt(
            QCoreApplication.translate("CaseWorkspace", "page %1 of %2"), page.page_number, document.file_name
        )
        dialog = ReadAgainDialog(label, page.ocr_languages, self)
        dialog.setObjectName("readAgainDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.runner.submit(
            "ocr_packs",
            self._ocr_packs,
            on_result=dialog.set_packs,
            on_error=lambda exc: dialog.set_packs_failed(error_text(exc)[0]),
            owner=dialog,
        )
        workbench = self.workbench
        document_id, number = document.id, page.page_number

        def submitted(languages: str) -> None:
            progress = QtProgress(self)  # not the dialog's child: the worker may still report after it closed
            self._reread_progress = progress
            progress.changed.connect(dialog.update_progress)
            dialog.cancel_requested.connect(progress.cancel)
            dialog.start()

            def done(_page: PageText) -> None:
                dialog.stop_running()
                dialog.accept()
                self._pages.pop(document_id, None)
                self._images.pop((document_id, number), None)
                self._thumbs.pop((document_id, number), None)
                self._summary_stale = True
                self.status_message.emit(
                    i18n.fmt(
                        QCoreApplication.translate("CaseWorkspace", "Page %1 read again with %2."), number, languages
                    )
                )
                self.page_reread.emit(document_id, number)
                self.facts_changed.emit()
                if self._case_id is not None:
                    self.load_case(self._case_id, audit_open=False)

            def failed(exc: BaseException) -> None:
                if isinstance(exc, CancelledError):
                    dialog.stop_running()
                    dialog.reject()
                    self.status_message.emit(
                        QCoreApplication.translate(
                            "CaseWorkspace", "Reading the page again was cancelled; the old text is kept."
                        )
                    )
                    return
                dialog.failed(exc.message if isinstance(exc, ExaminerError) else error_text(exc)[0])

            def finished() -> None:
                self._reread_progress = None
                progress.deleteLater()

            self.runner.submit(
                "reocr_page",
                lambda: workbench.reocr_page(document_id, number, languages, progress),
                on_result=done,
                on_error=failed,
                on_finished=finished,
            )

        dialog.submitted.connect(submitted)
        dialog.open()
        return dialog
