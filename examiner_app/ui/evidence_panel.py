"""Evidence by the Guide's elements, beside the summary: what the file holds on each element, with sources.

The tree lists the five elements of the ISA Guide (persecution, well-founded fear, Convention ground, outside the
country of nationality, lack of state protection); under each, the facts and pinned COI that bear on it, tagged
as statement / objective evidence / COI, with their citation. An element the file holds nothing on says so
("Nothing in the file on state protection."), in grey, never as a judgement. The examiner's own reasoning per
element is written in the box on the right and saved through the core (stored and audited); the tool never
drafts it. ``Workbench.evidence`` runs in a worker, audited, when the tab is shown and out of date.

Signals: ``source_requested(suggestion_id)`` when a fact is chosen (the workspace opens its page and highlights
the words); ``evidence_loaded(case_id)``; ``reasoning_saved(element)``; ``status_message(text)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from examiner_app.domain import SuggestionStatus
from examiner_app.summaries.evidence import ElementEvidence, EvidenceItem, EvidenceKind, GuideElement
from examiner_app.ui import i18n
from examiner_app.ui.dialogs import error_text
from examiner_app.ui.workers import JobRunner
from examiner_app.ui.working_note import short_citation

if TYPE_CHECKING:
    from examiner_app.summaries.evidence import ElementReasoning, EvidenceView

SUGGESTION_ID = Qt.ItemDataRole.UserRole + 1
ELEMENT = Qt.ItemDataRole.UserRole + 2
MUTED = QColor("#6b717a")
FINDING_GREEN = QColor("#1e6b34")
SUGGESTION_INK = QColor("#4a5a75")
KIND_COLOURS = {
    EvidenceKind.STATEMENT: "#e8eefb",
    EvidenceKind.OBJECTIVE: "#e7f4ea",
    EvidenceKind.COI: "#fbf1dc",
    EvidenceKind.NO_SOURCE: "#eeeeee",
}


class EvidenceWorkbench(Protocol):
    """What the panel needs from the core (:class:`examiner_app.services.Workbench` fits)."""

    def evidence(self, case_id: str, *, findings_only: bool = False) -> EvidenceView: ...

    def save_reasoning(self, case_id: str, element: str, text: str) -> ElementReasoning: ...


def element_title(element: GuideElement) -> str:
    titles = {
        GuideElement.PERSECUTION: QCoreApplication.translate("Evidence", "Persecution"),
        GuideElement.WELL_FOUNDED_FEAR: QCoreApplication.translate(
            "Evidence", "Well-founded fear (a realistic danger)"
        ),
        GuideElement.CONVENTION_GROUND: QCoreApplication.translate("Evidence", "Convention ground"),
        GuideElement.OUTSIDE_COUNTRY: QCoreApplication.translate("Evidence", "Outside the country of nationality"),
        GuideElement.STATE_PROTECTION: QCoreApplication.translate("Evidence", "Lack of state protection"),
    }
    return titles[element]


def empty_element_text(element: GuideElement) -> str:
    """Neutral words for an element the file holds nothing on: about the file, never about the claim."""
    texts = {
        GuideElement.PERSECUTION: QCoreApplication.translate("Evidence", "Nothing in the file on persecution."),
        GuideElement.WELL_FOUNDED_FEAR: QCoreApplication.translate(
            "Evidence", "Nothing in the file on a well-founded fear."
        ),
        GuideElement.CONVENTION_GROUND: QCoreApplication.translate(
            "Evidence", "Nothing in the file on a Convention ground."
        ),
        GuideElement.OUTSIDE_COUNTRY: QCoreApplication.translate(
            "Evidence", "Nothing in the file on being outside the country of nationality."
        ),
        GuideElement.STATE_PROTECTION: QCoreApplication.translate(
            "Evidence", "Nothing in the file on state protection."
        ),
    }
    return texts[element]


def kind_label(kind: EvidenceKind) -> str:
    labels = {
        EvidenceKind.STATEMENT: QCoreApplication.translate("Evidence", "statement"),
        EvidenceKind.OBJECTIVE: QCoreApplication.translate("Evidence", "objective evidence"),
        EvidenceKind.COI: QCoreApplication.translate("Evidence", "COI"),
        EvidenceKind.NO_SOURCE: QCoreApplication.translate("Evidence", "no source document"),
    }
    return labels[kind]


def item_text(item: EvidenceItem) -> str:
    if item.kind is EvidenceKind.COI:
        return "“" + item.value[:160] + ("…" if len(item.value) > 160 else "") + "”"
    label = i18n.field_label(item.field) if item.field is not None else ""
    text = f"{label}: {item.value}" if label else item.value
    if item.status is SuggestionStatus.PENDING:
        text += "  " + QCoreApplication.translate("Evidence", "(suggestion — not confirmed)")
    return text


def item_source(item: EvidenceItem) -> str:
    if item.coi is not None:
        published = item.coi.published.isoformat() if item.coi.published else "—"
        return f"{item.coi.publisher} · {published} · {item.coi.title}"
    return short_citation(item.provenance)


class EvidencePanel(QWidget):
    """The five elements with their cited evidence (left) and the examiner's reasoning per element (right)."""

    source_requested = Signal(str)
    evidence_loaded = Signal(str)
    reasoning_saved = Signal(str)
    status_message = Signal(str)
    package_requested = Signal()  # "Export record package…": the workspace asks for a file and writes it

    def __init__(self, workbench: EvidenceWorkbench, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.runner = runner
        self._case_id: str | None = None
        self._stale = True
        self._request = 0
        self._may_write = True
        self.view: EvidenceView | None = None
        self._element = GuideElement.PERSECUTION

        self.title_label = QLabel(self.tr("Evidence by the elements of the Guide"), self)
        self.title_label.setObjectName("sectionTitle")
        self.findings_only = QCheckBox(self.tr("Findings only"), self)
        self.findings_only.setObjectName("evidenceFindingsOnly")
        self.findings_only.setToolTip(self.tr("Leave out suggestions that no examiner has confirmed"))
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.package_button = QPushButton(self.tr("Export record package…"), self)
        self.package_button.setObjectName("exportRecordPackage")
        self.package_button.setToolTip(
            self.tr(
                "One PDF and one JSON of what the tool showed, what you decided and why, the COI relied on and your "
                "reasoning per element; their SHA-256 goes into the audit log"
            )
        )
        self.notice = QLabel(
            self.tr(
                "What the file holds on each element, with its source. A reading aid: it does not say whether "
                "an element is met."
            ),
            self,
        )
        self.notice.setObjectName("muted")
        self.notice.setWordWrap(True)
        self.prompts_label = QLabel(self)
        self.prompts_label.setObjectName("evidencePrompts")
        self.prompts_label.setWordWrap(True)
        self.prompts_label.setStyleSheet(
            "QLabel#evidencePrompts { background: #eef4fb; border: 1px solid #b9cde6; border-radius: 4px; padding: 4px; }"
        )
        self.prompts_label.setVisible(False)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("evidenceTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Evidence"), self.tr("Kind"), self.tr("Source")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 420)
        header.resizeSection(1, 130)

        self.reasoning_title = QLabel(self)
        self.reasoning_title.setObjectName("sectionTitle")
        self.reasoning_edit = QPlainTextEdit(self)
        self.reasoning_edit.setObjectName("reasoningEdit")
        self.reasoning_edit.setPlaceholderText(self.tr("Your own reasoning on this element (the tool never drafts it)"))
        self.reasoning_meta = QLabel(self)
        self.reasoning_meta.setObjectName("muted")
        self.reasoning_meta.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save reasoning"), self)
        self.save_button.setObjectName("saveReasoning")
        self.save_button.setEnabled(False)

        top = QHBoxLayout()
        top.setContentsMargins(8, 4, 8, 0)
        top.addWidget(self.title_label)
        top.addStretch(1)
        top.addWidget(self.findings_only)
        top.addWidget(self.refresh_button)
        top.addWidget(self.package_button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        self.notice.setContentsMargins(8, 0, 8, 0)
        left_layout.addWidget(self.notice)
        left_layout.addWidget(self.prompts_label)
        left_layout.addWidget(self.tree, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 4, 8, 4)
        right_layout.addWidget(self.reasoning_title)
        right_layout.addWidget(self.reasoning_edit, 1)
        right_layout.addWidget(self.reasoning_meta)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        right_layout.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemActivated.connect(lambda item, _column: self._item_chosen(item))
        self.tree.itemClicked.connect(lambda item, _column: self._item_chosen(item))
        self.refresh_button.clicked.connect(lambda: self.load(force=True))
        self.package_button.clicked.connect(self.package_requested)
        self.findings_only.toggled.connect(lambda _checked: self.load(force=True))
        self.save_button.clicked.connect(self.save_reasoning)
        self.reasoning_edit.textChanged.connect(self._reasoning_edited)
        self._show_element(GuideElement.PERSECUTION)

    # --- public ---------------------------------------------------------------------------------

    @property
    def case_id(self) -> str | None:
        return self._case_id

    def set_can_write(self, may_write: bool, why_not: str = "") -> None:
        self._may_write = may_write
        self.reasoning_edit.setReadOnly(not may_write)
        self.save_button.setToolTip("" if may_write else why_not)
        self._reasoning_edited()

    def set_case(self, case_id: str | None) -> None:
        self._case_id = case_id
        self._request += 1
        self._stale = True
        self.view = None
        self.tree.clear()
        self._show_element(GuideElement.PERSECUTION)

    def invalidate(self) -> None:
        """Findings or pins changed: fetch again when next shown."""
        self._stale = True

    def load(self, *, force: bool = False) -> None:
        """Fetch the evidence view in a worker (audited by the core), only when out of date unless ``force``."""
        case_id = self._case_id
        if case_id is None or not (force or self._stale):
            return
        self._stale = False
        self._request += 1
        request = self._request
        workbench, findings_only = self.workbench, self.findings_only.isChecked()
        self.runner.submit(
            "evidence",
            lambda: workbench.evidence(case_id, findings_only=findings_only),
            on_result=lambda view: self._loaded(request, case_id, view),
            on_error=lambda exc: self._failed(request, exc),
            owner=self,
        )

    def element_item(self, element: GuideElement) -> QTreeWidgetItem | None:
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item is not None and item.data(0, ELEMENT) == element.value:
                return item
        return None

    def fact_items(self) -> list[QTreeWidgetItem]:
        items = []
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            if top is None:
                continue
            items += [
                c for i in range(top.childCount()) if (c := top.child(i)) is not None and c.data(0, SUGGESTION_ID)
            ]
        return items

    def choose_fact(self, suggestion_id: str, element: GuideElement | None = None) -> bool:
        """Select and open the source of a fact shown in the tree (as a click does)."""
        for item in self.fact_items():
            if item.data(0, SUGGESTION_ID) == suggestion_id and (
                element is None or item.data(0, ELEMENT) == element.value
            ):
                self.tree.setCurrentItem(item)
                self._item_chosen(item)
                return True
        return False

    def save_reasoning(self) -> None:
        case_id, element = self._case_id, self._element
        if case_id is None or not self._may_write:
            return
        text = self.reasoning_edit.toPlainText()
        workbench = self.workbench
        self.save_button.setEnabled(False)

        def saved(reasoning: ElementReasoning) -> None:
            if case_id != self._case_id:
                return
            self._stale = True
            self._replace_reasoning(element, reasoning if reasoning.text else None)
            self.status_message.emit(
                i18n.fmt(self.tr("Reasoning on “%1” saved under your name."), element_title(element))
            )
            self.reasoning_saved.emit(element.value)

        def failed(exc: BaseException) -> None:
            self.reasoning_meta.setText(i18n.fmt(self.tr("Not saved: %1"), error_text(exc)[0]))
            self._reasoning_edited()

        self.runner.submit(
            "save_reasoning",
            lambda: workbench.save_reasoning(case_id, element.value, text),
            on_result=saved,
            on_error=failed,
            owner=self,
        )

    def visible_text(self) -> str:
        """Everything the tree shows, as plain text (tests read it)."""
        lines = []
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            if top is None:
                continue
            lines.append(top.text(0))
            for i in range(top.childCount()):
                child = top.child(i)
                if child is not None:
                    lines.append("  " + " | ".join(child.text(c) for c in range(3)))
        return "\n".join(lines)

    # --- internals ------------------------------------------------------------------------------

    def _loaded(self, request: int, case_id: str, view: EvidenceView) -> None:
        if request != self._request or case_id != self._case_id:
            return
        self.view = view
        self._show_prompts(view)
        self._fill(view)
        self._show_element(self._element)
        self.evidence_loaded.emit(case_id)

    def _failed(self, request: int, exc: BaseException) -> None:
        if request != self._request:
            return
        self._stale = True
        self.tree.clear()
        item = QTreeWidgetItem([i18n.fmt(self.tr("Evidence not available: %1"), error_text(exc)[0])])
        self.tree.addTopLevelItem(item)

    def _show_prompts(self, view: EvidenceView) -> None:
        """Requests a form makes of the office (not evidence): shown above the elements, with their source."""
        if not view.prompts:
            self.prompts_label.setVisible(False)
            return
        lines = [self.tr("For the examiner (not evidence):")]
        lines += [f"• {p.message} — {p.citation}" for p in view.prompts]
        self.prompts_label.setText("\n".join(lines))
        self.prompts_label.setVisible(True)

    def _fill(self, view: EvidenceView) -> None:
        self.tree.blockSignals(True)
        try:
            self.tree.clear()
            bold = QFont(self.tree.font())
            bold.setBold(True)
            for element in view.elements:
                top = QTreeWidgetItem([self._element_heading(element), "", ""])
                top.setData(0, ELEMENT, element.element.value)
                top.setFont(0, bold)
                self.tree.addTopLevelItem(top)
                top.setFirstColumnSpanned(True)
                if element.empty:
                    empty = QTreeWidgetItem([empty_element_text(element.element), "", ""])
                    empty.setData(0, ELEMENT, element.element.value)
                    empty.setForeground(0, QBrush(MUTED))
                    italic = QFont(self.tree.font())
                    italic.setItalic(True)
                    empty.setFont(0, italic)
                    top.addChild(empty)
                for evidence in element.items:
                    top.addChild(self._item(evidence))
                top.setExpanded(True)
        finally:
            self.tree.blockSignals(False)

    def _element_heading(self, element: ElementEvidence) -> str:
        if element.empty:
            return element_title(element.element)
        return i18n.fmt(
            self.tr("%1 — statements %2 · objective evidence %3 · COI %4"),
            element_title(element.element),
            element.count(EvidenceKind.STATEMENT),
            element.count(EvidenceKind.OBJECTIVE),
            element.count(EvidenceKind.COI),
        )

    def _item(self, evidence: EvidenceItem) -> QTreeWidgetItem:
        item = QTreeWidgetItem([item_text(evidence), kind_label(evidence.kind), item_source(evidence)])
        item.setData(0, ELEMENT, evidence.element.value)
        if evidence.kind is not EvidenceKind.COI and evidence.suggestion_id:
            item.setData(0, SUGGESTION_ID, evidence.suggestion_id)
        tooltip = [evidence.passage] if evidence.passage else []
        tooltip.append(i18n.fmt(self.tr("Shown here because: %1"), evidence.why))
        tooltip.append(i18n.fmt(self.tr("Kind of evidence from: %1"), evidence.kind_basis))
        if evidence.coi is not None:
            tooltip.append(i18n.fmt(self.tr("Report version (SHA-256): %1"), evidence.coi.version[:16]))
        item.setToolTip(0, "\n".join(tooltip))
        item.setToolTip(2, evidence.citation)
        item.setBackground(1, QBrush(QColor(KIND_COLOURS[evidence.kind])))
        font = QFont(self.tree.font())
        if evidence.is_finding:
            font.setBold(True)
            item.setForeground(0, QBrush(FINDING_GREEN))
        elif evidence.status is SuggestionStatus.PENDING:
            font.setItalic(True)
            item.setForeground(0, QBrush(SUGGESTION_INK))
        item.setFont(0, font)
        return item

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is None:
            return
        element = current.data(0, ELEMENT)
        if element:
            self._show_element(GuideElement(element))

    def _item_chosen(self, item: QTreeWidgetItem) -> None:
        suggestion_id = item.data(0, SUGGESTION_ID)
        if suggestion_id:
            self.source_requested.emit(str(suggestion_id))

    def _reasoning_of(self, element: GuideElement) -> ElementReasoning | None:
        return self.view.element(element).reasoning if self.view is not None else None

    def _show_element(self, element: GuideElement) -> None:
        self._element = element
        self.reasoning_title.setText(i18n.fmt(self.tr("Your reasoning: %1"), element_title(element)))
        reasoning = self._reasoning_of(element)
        self.reasoning_edit.blockSignals(True)
        self.reasoning_edit.setPlainText(reasoning.text if reasoning is not None else "")
        self.reasoning_edit.blockSignals(False)
        self._show_meta(reasoning)
        self._reasoning_edited()

    def _show_meta(self, reasoning: ElementReasoning | None) -> None:
        if reasoning is None:
            self.reasoning_meta.setText(self.tr("Not written yet. Only you write this; it goes into the working note."))
        else:
            when = reasoning.written_at.astimezone().strftime("%Y-%m-%d %H:%M")
            self.reasoning_meta.setText(i18n.fmt(self.tr("Written by %1 on %2"), reasoning.user_name, when))

    def _replace_reasoning(self, element: GuideElement, reasoning: ElementReasoning | None) -> None:
        if self.view is not None:
            from dataclasses import replace

            elements = tuple(replace(e, reasoning=reasoning) if e.element is element else e for e in self.view.elements)
            self.view = replace(self.view, elements=elements)
        if element is self._element:
            self._show_meta(reasoning)
            self._reasoning_edited()

    def _reasoning_edited(self) -> None:
        current = self._reasoning_of(self._element)
        text = self.reasoning_edit.toPlainText().strip()
        changed = text != (current.text if current is not None else "")
        self.save_button.setEnabled(self._may_write and self._case_id is not None and changed)
