"""Dialogs about a page: record a fact from selected words, read a page again, and the supported languages.

Like the other dialogs they never touch the core: they emit ``submitted`` and the workspace runs
the work in a worker, then calls ``accept()`` or ``show_error(message)``. All open with ``open()``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from examiner_app.domain import UNDETERMINED, FactField, Provenance
from examiner_app.summaries.fact_sheet import FIELD_ORDER
from examiner_app.ui import i18n
from examiner_app.ui.i18n import language_label
from examiner_app.ui.working_note import citation_text

# Tesseract's own pack for orientation and script detection: not a language an examiner chooses.
NOT_A_LANGUAGE = frozenset({"osd", "equ"})


def native_name(code: str) -> str:
    """The language's name in itself, from Qt's locale data ("" when Qt has none)."""
    if code == UNDETERMINED:
        return ""
    locale = QLocale(code)
    return "" if locale.language() == QLocale.Language.C else locale.nativeLanguageName()


def pack_label(pack: str) -> str:
    """``ara`` -> ``ara — Arabic``; script packs keep Tesseract's name."""
    from examiner_app.extraction.language.tesseract import LANGUAGE_PACKS  # a plain table, no detectors load

    code = next((c for c, packs in LANGUAGE_PACKS.items() if packs and packs[0] == pack), "")
    if code:
        return f"{pack} — {language_label(code)}"
    if pack.startswith("script/"):
        return i18n.fmt(QCoreApplication.translate("Languages", "%1 — any language in the %2 script"), pack, pack[7:])
    return f"{pack} — {language_label(pack.split('_')[0])}"


class _InlineError(QLabel):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("inlineError")
        self.setWordWrap(True)
        self.setVisible(False)

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))


@dataclass(frozen=True)
class SelectedWords:
    """Words the examiner selected on a page: their text and where they are (for the fact's provenance)."""

    text: str
    provenance: Provenance
    word_count: int


class AddFactDialog(QDialog):
    """Record a fact from selected words: field, value (pre-filled with the words), optional reason.

    ``submitted(field, value, reason)``; the dialog stays open until the workspace calls ``accept()``
    (recorded) or ``show_error`` (refused), so nothing the examiner typed is lost on an error.
    """

    submitted = Signal(object, str, str)

    def __init__(self, selection: SelectedWords, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.selection = selection
        self.setWindowTitle(self.tr("Record a fact from the selected words"))
        self.setMinimumWidth(500)
        source = QLabel(
            i18n.fmt(self.tr("Source: %1 (%2 words)"), citation_text(selection.provenance), selection.word_count), self
        )
        source.setObjectName("muted")
        source.setWordWrap(True)
        source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source_label = source
        self.field = QComboBox(self)
        ordered = list(FIELD_ORDER) + [f for f in FactField if f not in FIELD_ORDER]
        for field in ordered:
            self.field.addItem(i18n.field_label(field), field.value)
        self.value = QLineEdit(selection.text, self)
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText(self.tr("Optional — e.g. why these words matter; kept in the audit log"))
        self.reason.setFixedHeight(70)
        self.reason.setTabChangesFocus(True)
        explain = QLabel(
            self.tr(
                "The fact is recorded as your finding, with the selected words as its source. It does not need "
                "AI suggestions to be on."
            ),
            self,
        )
        explain.setWordWrap(True)
        explain.setObjectName("muted")
        self.error = _InlineError(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button: QPushButton = self.buttons.addButton(
            self.tr("Record fact"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        form = QFormLayout()
        form.addRow(self.tr("Field"), self.field)
        form.addRow(self.tr("Value"), self.value)
        form.addRow(self.tr("Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(source)
        layout.addLayout(form)
        layout.addWidget(explain)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.value.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text.strip())))
        self.ok_button.setEnabled(bool(selection.text.strip()))
        self.field.setFocus()

    def selected_field(self) -> FactField:
        return FactField(self.field.currentData())

    def set_field(self, field: FactField) -> None:
        self.field.setCurrentIndex(self.field.findData(field.value))

    def _submit(self) -> None:
        value = self.value.text().strip()
        if not value:
            self.error.show_message(self.tr("A fact needs a value."))
            return
        self.ok_button.setEnabled(False)
        self.error.show_message("")
        self.submitted.emit(self.selected_field(), value, self.reason.toPlainText().strip())

    def show_error(self, message: str) -> None:
        self.ok_button.setEnabled(True)
        self.error.show_message(message)


class ReadAgainDialog(QDialog):
    """Choose Tesseract language packs and read one page again; shows progress while it runs.

    ``set_packs`` fills the list once a worker has asked Tesseract what is installed; the packs the
    page was read with are ticked. ``submitted(languages)`` gives e.g. ``"sin+eng"``; then ``start``
    shows progress, and ``cancel_requested`` asks to stop.
    """

    submitted = Signal(str)
    cancel_requested = Signal()

    def __init__(self, page_label: str, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current = {p for p in current.split("+") if p}
        self.setWindowTitle(self.tr("Read the page again"))
        self.setMinimumWidth(460)
        intro = QLabel(
            i18n.fmt(
                self.tr(
                    "Read %1 again with the languages you choose. Tick every language written on the page; "
                    "its text, language badges and pending suggestions are replaced. Recorded findings stay."
                ),
                page_label,
            ),
            self,
        )
        intro.setWordWrap(True)
        self.packs = QListWidget(self)
        self.packs.setObjectName("ocrPacks")
        self.packs.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.packs.addItem(self.tr("Asking Tesseract which languages are installed…"))
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.status = QLabel(self)
        self.status.setObjectName("muted")
        self.error = _InlineError(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.read_button: QPushButton = self.buttons.addButton(
            self.tr("Read again"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.read_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.packs, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self._cancel)
        self.packs.itemChanged.connect(lambda _item: self._validate())
        self._running = False
        self.packs_ready = False

    def set_packs(self, packs: Iterable[str]) -> None:
        self.packs.blockSignals(True)
        self.packs.clear()
        available = sorted(p for p in packs if p not in NOT_A_LANGUAGE)
        for pack in available:
            item = QListWidgetItem(pack_label(pack))
            item.setData(Qt.ItemDataRole.UserRole, pack)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if pack in self.current else Qt.CheckState.Unchecked)
            self.packs.addItem(item)
        if not available:
            self.packs.addItem(self.tr("No Tesseract language pack is installed; ask your administrator."))
        self.packs.blockSignals(False)
        self.packs_ready = True
        self._validate()

    def set_packs_failed(self, message: str) -> None:
        self.packs.clear()
        self.error.show_message(message)

    def chosen(self) -> list[str]:
        items = [self.packs.item(row) for row in range(self.packs.count())]
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.data(Qt.ItemDataRole.UserRole) and item.checkState() == Qt.CheckState.Checked
        ]

    def set_chosen(self, packs: Sequence[str]) -> None:
        for row in range(self.packs.count()):
            item = self.packs.item(row)
            if item.data(Qt.ItemDataRole.UserRole):
                wanted = item.data(Qt.ItemDataRole.UserRole) in packs
                item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def languages(self) -> str:
        """Tesseract's language string: the chosen packs, ``eng`` last as the companion for Latin words."""
        chosen = self.chosen()
        return "+".join(sorted(chosen, key=lambda p: (p == "eng", p)))

    def _validate(self) -> None:
        self.read_button.setEnabled(bool(self.chosen()) and not self._running)
        if not self.chosen():
            self.status.setText(self.tr("Tick at least one language."))
        else:
            self.status.setText(i18n.fmt(self.tr("Tesseract will read with: %1"), self.languages()))

    def _submit(self) -> None:
        if not self.chosen() or self._running:
            return
        self.submitted.emit(self.languages())

    def start(self) -> None:
        """The read is running: show progress; Cancel now asks the core to stop."""
        self._running = True
        self.read_button.setEnabled(False)
        self.packs.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.error.show_message("")

    def update_progress(self, done: int, total: int, stage: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        self.status.setText(i18n.stage_label(stage))

    def failed(self, message: str) -> None:
        self.stop_running()
        self.packs.setEnabled(True)
        self.progress.setVisible(False)
        self.error.show_message(message)
        self._validate()

    def stop_running(self) -> None:
        """The read ended (done, failed or cancelled): the dialog may close again."""
        self._running = False

    def _cancel(self) -> None:
        self.reject()

    def reject(self) -> None:
        # Escape, the close button and Cancel all come here: while the page is being read they ask the
        # core to stop (it keeps the old text) instead of closing over a running job.
        if self._running:
            self.status.setText(self.tr("Stopping…"))
            self.cancel_requested.emit()
            return
        super().reject()


class SupportedLanguagesDialog(QDialog):
    """The languages the detector can tell apart, with their codes; ``und`` explained."""

    def __init__(self, languages: Mapping[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Supported languages"))
        self.resize(520, 620)
        intro = QLabel(
            i18n.fmt(
                self.tr(
                    "The language detector tells these %1 languages apart. Pages and blocks in any other language, "
                    "or too short or mixed to tell, are marked “undetermined” (und) in amber: check them yourself "
                    "and, if needed, read the page again with the right language."
                ),
                len(languages),
            ),
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(languages), 3, self)
        self.table.setObjectName("supportedLanguages")
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Language"), self.tr("Native name")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        rows = sorted(languages.items(), key=lambda item: language_label(item[0], item[1]).casefold())
        for row, (code, english) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(code))
            self.table.setItem(row, 1, QTableWidgetItem(language_label(code, english)))
            self.table.setItem(row, 2, QTableWidgetItem(native_name(code)))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def codes(self) -> list[str]:
        items = [self.table.item(row, 0) for row in range(self.table.rowCount())]
        return [item.text() for item in items if item is not None]
