"""The case summary: the fact sheet grouped by field and the chronology, every line linked to its source.

A view only: the workspace fetches ``Workbench.summary`` in a worker and hands the result here.
Recorded findings are bold with a check mark; suggestions nobody has confirmed say so in words,
in italics; a field whose documents disagree is marked "conflict" with the differing values side
by side. There are no scores and no adjectives: the summary repeats what the documents say.
Selecting a line emits ``source_requested(suggestion_id)``; the workspace opens the page and
highlights the words.

The header says whether the summary is signed off ("Signed off by NAME on DATE"), a draft, or a draft
again because findings or pins changed after the sign-off. "Sign off…" asks for confirmation, then emits
``sign_off_requested(content_sha256)`` with the hash of the summary shown, so the core refuses to sign
content that changed in the meantime; the workspace runs it in a worker.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from examiner_app.domain import SuggestionStatus
from examiner_app.summaries import ChronologyEntry, FactSheet, FieldGroup, SheetLine
from examiner_app.summaries.sign_off import SignOffState, SignOffStatus
from examiner_app.ui import i18n
from examiner_app.ui.backend import CaseSummaryLike
from examiner_app.ui.widgets import ElidedLabel
from examiner_app.ui.working_note import (
    chronology_what,
    citation_text,
    conflict_values,
    short_citation,
    sign_off_words,
    status_text,
)

# Item data: the suggestion id behind a line (group rows have none).
SUGGESTION_ID = Qt.ItemDataRole.UserRole + 1
KIND = Qt.ItemDataRole.UserRole + 2  # "group", "finding", "suggestion", "conflict"

FINDING_GREEN = QColor("#1e6b34")
SUGGESTION_INK = QColor("#4a5a75")
CONFLICT_RED = QColor("#a3141e")
CONFLICT_BG = QColor("#fde8e6")
MUTED = QColor("#6b717a")
SIGNED_GREEN = "#1e6b34"
DRAFT_RED = "#b3261e"


class SummaryPanel(QWidget):
    """Fact sheet (left) and chronology (right), with refresh and PDF export."""

    source_requested = Signal(str)
    export_requested = Signal()
    refresh_requested = Signal()
    sign_off_requested = Signal(str)  # the SHA-256 of the findings and pins shown, confirmed by the examiner

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._summary: CaseSummaryLike | None = None
        self._signing = False
        self._may_sign = True  # the signed-in role may record findings (the core checks the case too)
        self.confirm_box: QMessageBox | None = None
        self.sign_off_label = QLabel(self)
        self.sign_off_label.setObjectName("signOffStatus")
        self.sign_off_button = QPushButton(self.tr("Sign off…"), self)
        self.sign_off_button.setObjectName("signOffButton")
        self.sign_off_button.setToolTip(
            self.tr(
                "Sign off the findings and pinned excerpts of this summary under your name. The working note then "
                "shows who signed it off and when, until a finding or pin changes."
            )
        )
        self.sign_off_button.setEnabled(False)
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("sectionTitle")
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setToolTip(self.tr("Rebuild the summary from the facts recorded so far"))
        self.export_button = QPushButton(self.tr("Export working note (PDF)…"), self)
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolTip(
            self.tr(
                "A PDF of this summary with every line's source, your name and the time. It is marked "
                "“DRAFT — not signed off”."
            )
        )
        self.export_button.setEnabled(False)

        self.sheet = QTreeWidget(self)
        self.sheet.setObjectName("factSheet")
        self.sheet.setHeaderLabels([self.tr("Field / value"), self.tr("Status"), self.tr("Source")])
        self.chronology = QTreeWidget(self)
        self.chronology.setObjectName("chronology")
        self.chronology.setHeaderLabels([self.tr("Date"), self.tr("What"), self.tr("Status"), self.tr("Source")])
        self.chronology.setRootIsDecorated(False)
        for tree in (self.sheet, self.chronology):
            tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            tree.setUniformRowHeights(True)
            tree.setAlternatingRowColors(False)
            tree.setTextElideMode(Qt.TextElideMode.ElideRight)
            tree.header().setStretchLastSection(False)
            tree.currentItemChanged.connect(self._current_changed)
            tree.itemClicked.connect(lambda item, _column: self._item_chosen(item))
        self.sheet.setIndentation(14)
        self.sheet.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.sheet.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.sheet.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.sheet.setColumnWidth(2, 210)
        self.chronology.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.chronology.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.chronology.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.chronology.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.chronology.setColumnWidth(3, 200)

        sheet_title = QLabel(self.tr("Fact sheet"), self)
        sheet_title.setObjectName("sectionTitle")
        chronology_title = QLabel(self.tr("Chronology"), self)
        chronology_title.setObjectName("sectionTitle")
        self.note = ElidedLabel(
            self.tr(
                "What the documents say, with sources — not an assessment. Select a line to see its words on the page."
            ),
            self,
        )
        self.note.setObjectName("muted")

        header = QHBoxLayout()
        header.setContentsMargins(8, 4, 8, 2)
        header.setSpacing(12)
        header.addWidget(self.counts_label)
        header.addWidget(self.note, 1)
        header.addWidget(self.sign_off_label)
        header.addWidget(self.refresh_button)
        header.addWidget(self.sign_off_button)
        header.addWidget(self.export_button)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(_titled(sheet_title, self.sheet))
        splitter.addWidget(_titled(chronology_title, self.chronology))
        splitter.setStretchFactor(0, 9)
        splitter.setStretchFactor(1, 11)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)

        self.refresh_button.clicked.connect(self.refresh_requested)
        self.export_button.clicked.connect(self.export_requested)
        self.sign_off_button.clicked.connect(self.confirm_sign_off)
        self.set_summary(None)

    # --- content -----------------------------------------------------------------------------

    @property
    def summary(self) -> CaseSummaryLike | None:
        return self._summary

    def set_loading(self) -> None:
        self.counts_label.setText(self.tr("Loading…"))

    def set_summary(self, summary: CaseSummaryLike | None) -> None:
        """Show ``summary`` (None: empty); the selected line stays selected when it is still there."""
        selected = self.selected_suggestion_id()
        self._summary = summary
        for tree in (self.sheet, self.chronology):
            tree.blockSignals(True)
            tree.clear()
            tree.blockSignals(False)
        self.export_button.setEnabled(summary is not None)
        self._show_sign_off(summary)
        if summary is None:
            self.counts_label.setText("")
            return
        sheet = summary.fact_sheet
        self.counts_label.setText(self.counts_text(sheet))
        self._fill_sheet(sheet)
        self._fill_chronology(summary.chronology, sheet)
        if selected:
            self.select_line(selected, emit=False)

    # --- sign-off ----------------------------------------------------------------------------

    @property
    def sign_off_state(self) -> SignOffState | None:
        return self._summary.sign_off if self._summary is not None else None

    def _show_sign_off(self, summary: CaseSummaryLike | None) -> None:
        state = summary.sign_off if summary is not None else None
        if state is None:
            self.sign_off_label.setText("")
            self.sign_off_button.setEnabled(False)
            return
        signed = state.sign_off
        text = sign_off_words(state.signed, signed.user_name if signed else "", signed.signed_at if signed else None)
        self.sign_off_label.setText(text)
        self.sign_off_label.setToolTip(
            i18n.fmt(
                self.tr("Fingerprint (SHA-256) of the findings and pinned excerpts shown: %1"),
                state.current_sha256[:16] + "…",
            )
        )
        colour = SIGNED_GREEN if state.signed else DRAFT_RED
        self.sign_off_label.setStyleSheet(f"color: {colour}; font-weight: bold")
        self.sign_off_button.setEnabled(self._can_sign(summary))
        self.export_button.setToolTip(
            i18n.fmt(
                self.tr("A PDF of this summary with every line's source, your name and the time, marked “%1”."), text
            )
        )

    def _can_sign(self, summary: CaseSummaryLike | None) -> bool:
        """Something recorded to sign, not signed as it stands, and no sign-off running."""
        if summary is None or summary.sign_off is None or self._signing or not self._may_sign:
            return False
        recorded = summary.fact_sheet.findings > 0 or bool(summary.pins)
        return recorded and summary.sign_off.status is not SignOffStatus.SIGNED

    def set_can_sign(self, can_sign: bool, why_not: str = "") -> None:
        """Reviewers and trainers see the status but cannot sign (the core would refuse them anyway)."""
        self._may_sign = can_sign
        if not can_sign:
            self.sign_off_button.setToolTip(why_not)
        self.sign_off_button.setEnabled(self._can_sign(self._summary))

    def set_signing(self, signing: bool) -> None:
        """While a sign-off runs in a worker the button stays disabled, so it cannot be sent twice."""
        self._signing = signing
        self.sign_off_button.setEnabled(self._can_sign(self._summary))

    def confirm_sign_off(self) -> QMessageBox | None:
        """Ask before signing (non-blocking); on "Sign off" emit ``sign_off_requested`` with the shown content's hash."""
        summary = self._summary
        if summary is None or summary.sign_off is None or not self._can_sign(summary):
            return None
        expected = summary.sign_off.current_sha256
        box = QMessageBox(self)
        box.setObjectName("signOffConfirm")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Sign off the summary"))
        box.setText(
            i18n.fmt(
                self.tr(
                    "Sign off this summary under your name? You sign its %1 findings and %2 pinned excerpts as they "
                    "are shown now; suggestions not confirmed are not part of it."
                ),
                summary.fact_sheet.findings,
                len(summary.pins),
            )
        )
        box.setInformativeText(
            self.tr(
                "Your name, the time and a fingerprint of the content are kept and recorded in the audit log. If a "
                "finding or pinned excerpt changes later, the working note becomes a draft again."
            )
        )
        sign = box.addButton(self.tr("Sign off"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # signing is never the accidental choice
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button: object) -> None:
            self.confirm_box = None
            if button is sign and self._summary is summary:
                self.set_signing(True)
                self.sign_off_requested.emit(expected)

        box.buttonClicked.connect(answered)
        self.confirm_box = box
        box.open()
        return box

    def counts_text(self, sheet: FactSheet) -> str:
        return i18n.fmt(
            self.tr("%1 findings · %2 suggestions not confirmed · %3 conflicts"),
            sheet.findings,
            sheet.pending,
            len(sheet.conflicts),
        )

    def _fill_sheet(self, sheet: FactSheet) -> None:
        bold = QFont(self.font())
        bold.setBold(True)
        for group in sheet.groups:
            top = QTreeWidgetItem([i18n.field_label(group.field), "", ""])
            top.setData(0, KIND, "group")
            top.setFont(0, bold)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            if group.conflict:
                self._mark_conflict(top, group)
            self.sheet.addTopLevelItem(top)
            for line in group.lines:
                top.addChild(self._line_item(line))
            top.setExpanded(True)
            top.setFirstColumnSpanned(not group.conflict)

    def _mark_conflict(self, item: QTreeWidgetItem, group: FieldGroup) -> None:
        """The conflict marker and the differing values side by side on the field's own row."""
        values = "  ≠  ".join(conflict_values(group.lines))
        item.setData(0, KIND, "conflict")
        item.setText(1, "⚠ " + self.tr("conflict"))
        item.setText(2, values)
        item.setToolTip(
            1,
            self.tr(
                "The documents give different values for this field. All of them are listed with their sources; "
                "none was chosen."
            ),
        )
        item.setToolTip(2, values)
        for column in range(3):
            item.setBackground(column, QBrush(CONFLICT_BG))
        item.setForeground(1, QBrush(CONFLICT_RED))
        item.setForeground(2, QBrush(CONFLICT_RED))
        font = QFont(self.font())
        font.setBold(True)
        item.setFont(1, font)

    def _line_item(self, line: SheetLine) -> QTreeWidgetItem:
        source = short_citation(line.provenance)
        value = f"✓ {line.value}" if line.is_finding else line.value
        if line.normalized and line.normalized.casefold() != line.value.casefold():
            value += f"  ({line.normalized})"
        item = QTreeWidgetItem([value, status_text(line.status), source])
        item.setData(0, SUGGESTION_ID, line.suggestion_id)
        item.setToolTip(0, value)
        item.setToolTip(2, citation_text(line.provenance))
        self._style_line(item, line.status, value_column=0, status_column=1, source_column=2)
        return item

    def _fill_chronology(self, entries: list[ChronologyEntry], sheet: FactSheet) -> None:
        provenance = {line.suggestion_id: line.provenance for group in sheet.groups for line in group.lines}
        for entry in entries:
            known = entry.suggestion_id in provenance
            prov = provenance.get(entry.suggestion_id)
            source = short_citation(prov) if known else entry.citation
            what = chronology_what(entry)
            item = QTreeWidgetItem([entry.date, what, status_text(entry.status), source])
            item.setData(0, SUGGESTION_ID, entry.suggestion_id)
            item.setToolTip(1, i18n.fmt(self.tr("%1 — as written: “%2”"), what, entry.as_written))
            item.setToolTip(3, citation_text(prov) if known else entry.citation)
            self._style_line(item, entry.status, value_column=1, status_column=2, source_column=3)
            self.chronology.addTopLevelItem(item)

    def _style_line(
        self,
        item: QTreeWidgetItem,
        status: SuggestionStatus,
        *,
        value_column: int,
        status_column: int,
        source_column: int,
    ) -> None:
        finding = status in (SuggestionStatus.ACCEPTED, SuggestionStatus.EDITED)
        item.setData(0, KIND, "finding" if finding else "suggestion")
        value_font = QFont(self.font())
        status_font = QFont(self.font())
        if finding:
            value_font.setBold(True)
            status_font.setBold(True)
            item.setForeground(status_column, QBrush(FINDING_GREEN))
        else:
            value_font.setItalic(True)
            status_font.setItalic(True)
            item.setForeground(status_column, QBrush(SUGGESTION_INK))
            item.setForeground(value_column, QBrush(SUGGESTION_INK))
        item.setFont(value_column, value_font)
        item.setFont(status_column, status_font)
        item.setForeground(source_column, QBrush(MUTED))

    # --- selection ---------------------------------------------------------------------------

    def selected_suggestion_id(self) -> str | None:
        for tree in (self.sheet, self.chronology):
            item = tree.currentItem()
            if item is not None and tree.hasFocus() and item.data(0, SUGGESTION_ID):
                return str(item.data(0, SUGGESTION_ID))
        for tree in (self.sheet, self.chronology):
            item = tree.currentItem()
            if item is not None and item.data(0, SUGGESTION_ID):
                return str(item.data(0, SUGGESTION_ID))
        return None

    def line_items(self, tree: QTreeWidget) -> list[QTreeWidgetItem]:
        """Every line (not the field rows) of ``tree``, in display order."""
        items: list[QTreeWidgetItem] = []
        for row in range(tree.topLevelItemCount()):
            top = tree.topLevelItem(row)
            if top is None:
                continue
            if top.data(0, SUGGESTION_ID):
                items.append(top)
            for c in range(top.childCount()):
                child = top.child(c)
                if child is not None:
                    items.append(child)
        return items

    def select_line(self, suggestion_id: str, *, emit: bool = True, tree: QTreeWidget | None = None) -> bool:
        """Select the line of ``suggestion_id`` (in the fact sheet unless ``tree`` says otherwise)."""
        tree = tree or self.sheet
        for item in self.line_items(tree):
            if item.data(0, SUGGESTION_ID) == suggestion_id:
                if not emit:
                    tree.blockSignals(True)
                tree.setCurrentItem(item)
                tree.blockSignals(False)
                tree.scrollToItem(item)
                return True
        return False

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is not None:
            self._item_chosen(current)

    def _item_chosen(self, item: QTreeWidgetItem) -> None:
        suggestion_id = item.data(0, SUGGESTION_ID)
        if suggestion_id:
            self.source_requested.emit(str(suggestion_id))


def _titled(title: QLabel, body: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    title.setContentsMargins(8, 4, 8, 4)
    layout.addWidget(title)
    layout.addWidget(body, 1)
    return box
