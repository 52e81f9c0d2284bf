"""What is new in this application: the earlier case's recorded findings beside this one's, for a repeat application.

Shown for each earlier case an examiner confirmed as an earlier application of this applicant: facts that are new,
changed or the same, facts only in the earlier file, documents that were not in the earlier file and COI pinned here
that was published after the earlier decision, every line with its source in both files. A diff, never a verdict:
the panel says nothing about "reasonable grounds". While no link is confirmed, the panel lists the possible earlier
applications (hints) and lets the examiner confirm one, with a reason (stored and audited by the core).

Signals: ``comparison_loaded(case_id)``, ``source_requested(suggestion_id)`` (a fact of this case: the workspace
opens its page), ``link_confirmed(earlier_case_id)``, ``status_message(text)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from examiner_app.summaries.repeat import Change, FactChange, FactLine
from examiner_app.ui import i18n
from examiner_app.ui.dialogs import error_text
from examiner_app.ui.workers import JobRunner

if TYPE_CHECKING:
    from examiner_app.casework import EarlierApplicationLink
    from examiner_app.earlier_applications import EarlierApplicationHints
    from examiner_app.summaries.repeat import RepeatComparison

SUGGESTION_ID = Qt.ItemDataRole.UserRole + 1
MUTED = QColor("#6b717a")
CHANGE_COLOURS = {
    Change.NEW: "#e7f4ea",
    Change.CHANGED: "#fdf1dc",
    Change.SAME: "#eef0f3",
    Change.EARLIER_ONLY: "#f3eefb",
}


class RepeatWorkbench(Protocol):
    def repeat_comparison(self, case_id: str) -> list[RepeatComparison]: ...

    def earlier_application_hints(self, case_id: str) -> EarlierApplicationHints: ...

    def confirm_earlier_application(
        self, case_id: str, earlier_case_id: str, reason: str, *, hint_id: str = "", confirmed: bool = True
    ) -> EarlierApplicationLink: ...


def change_label(change: Change) -> str:
    labels = {
        Change.NEW: QCoreApplication.translate("Repeat", "New in this application"),
        Change.CHANGED: QCoreApplication.translate("Repeat", "Changed"),
        Change.SAME: QCoreApplication.translate("Repeat", "Same as in the earlier file"),
        Change.EARLIER_ONLY: QCoreApplication.translate("Repeat", "Only in the earlier file"),
    }
    return labels[change]


def _lines(lines: tuple[FactLine, ...]) -> str:
    return " / ".join(f"{line.value}  ({line.citation})" for line in lines)


class RepeatPanel(QWidget):
    comparison_loaded = Signal(str)
    source_requested = Signal(str)
    link_confirmed = Signal(str)
    status_message = Signal(str)

    def __init__(self, workbench: RepeatWorkbench, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workbench = workbench
        self.runner = runner
        self._case_id: str | None = None
        self._stale = True
        self._request = 0
        self._may_confirm = True
        self.comparisons: list[RepeatComparison] = []

        self.title_label = QLabel(self.tr("What is new in this application"), self)
        self.title_label.setObjectName("sectionTitle")
        self.notice = QLabel(
            self.tr(
                "The earlier file's recorded findings beside this one's, each with its source. A comparison, never a "
                "verdict: whether anything amounts to reasonable grounds is for the examiner to decide."
            ),
            self,
        )
        self.notice.setObjectName("muted")
        self.notice.setWordWrap(True)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)

        self.hint_box = QWidget(self)
        self.hint_combo = QComboBox(self.hint_box)
        self.hint_combo.setObjectName("repeatHints")
        self.reason_edit = QLineEdit(self.hint_box)
        self.reason_edit.setObjectName("linkReason")
        self.reason_edit.setPlaceholderText(self.tr("Why is this the same person? (required, kept in the audit log)"))
        self.confirm_button = QPushButton(self.tr("Confirm as earlier application"), self.hint_box)
        self.confirm_button.setObjectName("confirmLink")
        self.confirm_button.setEnabled(False)
        hint_layout = QHBoxLayout(self.hint_box)
        hint_layout.setContentsMargins(0, 0, 0, 0)
        hint_layout.addWidget(self.hint_combo, 2)
        hint_layout.addWidget(self.reason_edit, 3)
        hint_layout.addWidget(self.confirm_button)
        self.hint_box.setVisible(False)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("repeatTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Field"), self.tr("This application"), self.tr("Earlier application")])
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 200)
        header.resizeSection(1, 520)
        header.setStretchLastSection(True)

        top = QHBoxLayout()
        top.addWidget(self.title_label)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.status_label)
        layout.addWidget(self.hint_box)
        layout.addWidget(self.tree, 1)

        self.refresh_button.clicked.connect(lambda: self.load(force=True))
        self.reason_edit.textChanged.connect(self._update_confirm)
        self.hint_combo.currentIndexChanged.connect(lambda _i: self._update_confirm())
        self.confirm_button.clicked.connect(self.confirm_link)
        self.tree.itemClicked.connect(lambda item, _c: self._chosen(item))
        self.tree.itemActivated.connect(lambda item, _c: self._chosen(item))

    # --- public ---------------------------------------------------------------------------------

    def set_can_confirm(self, may_confirm: bool, why_not: str = "") -> None:
        self._may_confirm = may_confirm
        self.confirm_button.setToolTip("" if may_confirm else why_not)
        self._update_confirm()

    def set_case(self, case_id: str | None) -> None:
        self._case_id = case_id
        self._request += 1
        self._stale = True
        self.comparisons = []
        self.tree.clear()
        self.hint_box.setVisible(False)
        self.status_label.setText("")

    def invalidate(self) -> None:
        self._stale = True

    def load(self, *, force: bool = False) -> None:
        case_id = self._case_id
        if case_id is None or not (force or self._stale):
            return
        self._stale = False
        self._request += 1
        request = self._request
        workbench = self.workbench

        def work() -> tuple[list[RepeatComparison], EarlierApplicationHints | None]:
            comparisons = workbench.repeat_comparison(case_id)
            hints = None if comparisons else workbench.earlier_application_hints(case_id)
            return comparisons, hints

        self.status_label.setText(self.tr("Comparing…"))
        self.runner.submit(
            "repeat_comparison",
            work,
            on_result=lambda result: self._loaded(request, case_id, result),
            on_error=lambda exc: self._failed(request, exc),
            owner=self,
        )

    def confirm_link(self) -> None:
        case_id = self._case_id
        earlier = self.hint_combo.currentData()
        reason = self.reason_edit.text().strip()
        if case_id is None or not earlier or not reason or not self._may_confirm:
            return
        earlier_case_id, hint_id = earlier
        workbench = self.workbench
        self.confirm_button.setEnabled(False)

        def done(link: EarlierApplicationLink) -> None:
            self.reason_edit.clear()
            self.status_message.emit(self.tr("Earlier application confirmed; the link and your reason are recorded."))
            self.link_confirmed.emit(link.earlier_case_id)
            self.load(force=True)

        self.runner.submit(
            "confirm_earlier_application",
            lambda: workbench.confirm_earlier_application(case_id, earlier_case_id, reason, hint_id=hint_id),
            on_result=done,
            on_error=lambda exc: self.status_label.setText(i18n.fmt(self.tr("Not confirmed: %1"), error_text(exc)[0])),
            on_finished=self._update_confirm,
            owner=self,
        )

    def visible_text(self) -> str:
        lines = [self.status_label.text()]
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

    def _update_confirm(self) -> None:
        ready = bool(self.reason_edit.text().strip()) and self.hint_combo.currentData() is not None
        self.confirm_button.setEnabled(ready and self._may_confirm and self._case_id is not None)

    def _loaded(
        self, request: int, case_id: str, result: tuple[list[RepeatComparison], EarlierApplicationHints | None]
    ) -> None:
        if request != self._request or case_id != self._case_id:
            return
        comparisons, hints = result
        self.comparisons = comparisons
        self.tree.clear()
        if comparisons:
            self.hint_box.setVisible(False)
            self.status_label.setText(
                i18n.fmt(self.tr("Compared with %1 earlier application(s) an examiner confirmed."), len(comparisons))
            )
            for comparison in comparisons:
                self._fill(comparison)
        else:
            readable = [h for h in (hints.hints if hints else ()) if not h.restricted]
            self.hint_combo.clear()
            for hint in readable:
                other = hint.other_name.name if hint.other_name else ""
                label = f"{hint.case_reference or hint.case_title or hint.case_id} — {other}"
                self.hint_combo.addItem(label, (hint.case_id, hint.hint_id))
            self.hint_box.setVisible(bool(readable))
            self.status_label.setText(
                self.tr(
                    "No earlier application is confirmed for this case. A possible earlier application is a hint; "
                    "confirm it here, with a reason, to compare the files."
                )
                if readable
                else self.tr("No earlier application is confirmed for this case, and no possible one was found.")
            )
            self._update_confirm()
        self.comparison_loaded.emit(case_id)

    def _failed(self, request: int, exc: BaseException) -> None:
        if request != self._request:
            return
        self._stale = True
        self.status_label.setText(i18n.fmt(self.tr("Comparison not available: %1"), error_text(exc)[0]))

    def _group(self, title: str, count: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem([i18n.fmt("%1 (%2)", title, count), "", ""])
        bold = QFont(self.tree.font())
        bold.setBold(True)
        item.setFont(0, bold)
        self.tree.addTopLevelItem(item)
        item.setFirstColumnSpanned(True)  # only once the item is in the tree
        return item

    def _fill(self, comparison: RepeatComparison) -> None:
        head = QTreeWidgetItem([i18n.fmt(self.tr("Earlier application: %1"), comparison.earlier_title), "", ""])
        head.setForeground(0, QBrush(MUTED))
        self.tree.addTopLevelItem(head)
        head.setFirstColumnSpanned(True)
        for change in (Change.NEW, Change.CHANGED, Change.EARLIER_ONLY, Change.SAME):
            facts = comparison.of(change)
            group = self._group(change_label(change), len(facts))
            for fact in facts:
                group.addChild(self._fact_item(fact))
            group.setExpanded(change is not Change.SAME)
        docs = self._group(self.tr("Documents not in the earlier file"), len(comparison.new_documents))
        for doc in comparison.new_documents:
            docs.addChild(QTreeWidgetItem([doc.file_name, f"SHA-256 {doc.sha256[:16]}…", ""]))
        docs.setExpanded(True)
        if comparison.earlier_decision is None:
            coi_title = self.tr("Pinned COI (the earlier decision's date is not confirmed: none is called newer)")
            pins = comparison.coi_undated
        else:
            coi_title = i18n.fmt(
                self.tr("COI published since the earlier decision (%1)"), comparison.earlier_decision.isoformat()
            )
            pins = comparison.coi_since
        coi = self._group(coi_title, len(pins))
        for pin in pins:
            published = pin.published.isoformat() if pin.published else "—"
            coi.addChild(QTreeWidgetItem([f"{pin.publisher} · {published}", pin.excerpt[:200], pin.citation]))
        coi.setExpanded(True)

    def _fact_item(self, fact: FactChange) -> QTreeWidgetItem:
        item = QTreeWidgetItem([i18n.field_label(fact.field), _lines(fact.current), _lines(fact.earlier)])
        item.setBackground(0, QBrush(QColor(CHANGE_COLOURS[fact.change])))
        item.setToolTip(1, "\n".join(line.citation for line in fact.current))
        item.setToolTip(2, "\n".join(line.citation for line in fact.earlier))
        if fact.current:
            item.setData(0, SUGGESTION_ID, fact.current[0].suggestion_id)
        return item

    def _chosen(self, item: QTreeWidgetItem) -> None:
        sid = item.data(0, SUGGESTION_ID)
        if sid:
            self.source_requested.emit(str(sid))
