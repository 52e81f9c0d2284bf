"""The facts panel: suggested and recorded facts of a case, with filters, details and review keys.

It is a view: it shows what :class:`~examiner_app.ui.qt_models.FactTableModel` holds and asks for
decisions through ``decide_requested(action, suggestion)``; the workspace runs them. Keyboard:
A accept, E edit, R reject, Up/Down move (the table's own navigation).

Rows are grouped by field (the table sorts by field, then position in the file). Where documents disagree
on a field a person has one value of (name, date of birth, nationality ...), a strip above the table shows
the values side by side with their sources, each a link to its row; spellings of one name that the
transliteration-tolerant matcher links (Mohammad Hosseini / محمد حسینی) are shown as one person written two
ways. Nothing is merged: the examiner decides each row. A banner slot (``set_banner``) holds the workspace's
possible-earlier-application hints.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QSplitter,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from examiner_app.domain import Decision, DecisionAction, FactField, Suggestion, SuggestionStatus
from examiner_app.extraction.facts.name_match import group_same_person, same_person
from examiner_app.summaries.fact_sheet import FieldGroup, SheetLine, build_fact_sheet
from examiner_app.summaries.grouping import ValueGroup, group_pending
from examiner_app.ui import i18n
from examiner_app.ui.delegates import ConfidenceDelegate, FieldGroupDelegate, GroupLineDelegate, StatusDelegate
from examiner_app.ui.qt_models import FactFilterProxy, FactTableModel, Roles, confidence_level

ACCEPT, EDIT, REJECT = "accept", "edit", "reject"
FACT_LINK = "fact:"
NOTICE_SECONDS = 20


class FactsTableView(QTableView):
    """A table that turns the review keys A/E/R into ``key_action``; arrows move as usual."""

    key_action = Signal(str)

    KEYS = {Qt.Key.Key_A: ACCEPT, Qt.Key.Key_E: EDIT, Qt.Key.Key_R: REJECT}

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self.KEYS.get(Qt.Key(event.key()))
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if action and modifiers == Qt.KeyboardModifier.NoModifier:
            self.key_action.emit(action)
            event.accept()
            return
        super().keyPressEvent(event)


class FactsPanel(QWidget):
    """Fact table with status filter, minimum-confidence slider, detail pane and review buttons."""

    selection_changed = Signal(object)  # Suggestion | None
    decide_requested = Signal(str, object)  # action, Suggestion
    group_decide_requested = Signal(str, object)  # action (accept/reject), ValueGroup: the same value in N places

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FactTableModel(self)
        self.proxy = FactFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._user_names: dict[str, str] = {}
        self._can_decide = True
        self._cannot_decide_reason = ""

        title = QLabel(self.tr("Facts"), self)
        title.setObjectName("sectionTitle")
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("muted")

        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("All statuses"), None)
        self.status_filter.addItem(self.tr("Suggestions to review"), [SuggestionStatus.PENDING])
        self.status_filter.addItem(
            self.tr("Findings (accepted or edited)"), [SuggestionStatus.ACCEPTED, SuggestionStatus.EDITED]
        )
        self.status_filter.addItem(self.tr("Rejected"), [SuggestionStatus.REJECTED])
        self.confidence_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.confidence_slider.setRange(0, 100)
        self.confidence_slider.setSingleStep(5)
        self.confidence_slider.setPageStep(10)
        self.confidence_slider.setFixedWidth(110)
        self.confidence_slider.setToolTip(
            self.tr(
                "Hide suggestions below this confidence. Findings are never hidden, and the panel says how many rows "
                "the filters hide."
            )
        )
        self.confidence_value = QLabel("0%", self)
        self.confidence_value.setMinimumWidth(34)
        self.hidden_label = QLabel(self)
        self.hidden_label.setObjectName("hiddenNotice")
        self.group_check = QCheckBox(self.tr("Group same values"), self)
        self.group_check.setObjectName("groupSameValues")
        self.group_check.setChecked(True)
        self.group_check.setToolTip(
            self.tr(
                "The same value of a field found in several places is one row with all its sources; accepting or "
                "rejecting it records a decision for each, with one reason (needed both ways)."
            )
        )
        self._groups: dict[str, ValueGroup] = {}  # representative suggestion id -> its group (size > 1)
        self.show_all_button = QToolButton(self)
        self.show_all_button.setText(self.tr("Show all"))
        self.show_all_button.setAutoRaise(True)

        self.conflicts_label = QLabel(self)
        self.conflicts_label.setObjectName("factConflicts")
        self.conflicts_label.setWordWrap(True)
        self.conflicts_label.setTextFormat(Qt.TextFormat.RichText)
        self.conflicts_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.conflicts_label.setStyleSheet(
            "QLabel#factConflicts { background: #fdf1ef; border: 1px solid #f0c4bf; border-radius: 4px;"
            " padding: 4px 8px; color: #1f2328; }"
        )
        self.conflicts_label.linkActivated.connect(self._conflict_link)
        # Many differing values scroll inside the strip, so the table keeps its rows.
        self.conflicts_area = QScrollArea(self)
        self.conflicts_area.setWidget(self.conflicts_label)
        self.conflicts_area.setWidgetResizable(True)
        self.conflicts_area.setFrameShape(QFrame.Shape.NoFrame)
        self.conflicts_area.setMaximumHeight(66)
        self.conflicts_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.conflicts_area.setVisible(False)
        self.conflict_count = 0

        self.table = FactsTableView(self)
        self.table.setModel(self.proxy)
        self.table.setObjectName("factsTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(FactTableModel.FIELD, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setShowGrid(False)
        self.table.setItemDelegateForColumn(FactTableModel.FIELD, FieldGroupDelegate(self.table))
        for column in (FactTableModel.VALUE, FactTableModel.NORMALIZED, FactTableModel.SOURCE, FactTableModel.MODEL):
            self.table.setItemDelegateForColumn(column, GroupLineDelegate(self.table))
        self.table.setItemDelegateForColumn(FactTableModel.CONFIDENCE, ConfidenceDelegate(self.table))
        self.table.setItemDelegateForColumn(FactTableModel.STATUS, StatusDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(FactTableModel.VALUE, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (FactTableModel.FIELD, 118),
            (FactTableModel.NORMALIZED, 92),
            (FactTableModel.CONFIDENCE, 76),
            (FactTableModel.SOURCE, 120),
            (FactTableModel.MODEL, 120),
            (FactTableModel.STATUS, 100),
        ):
            self.table.setColumnWidth(column, width)

        self.notice = QFrame(self)
        self.notice.setObjectName("notice")
        self.notice_label = QLabel(self.notice)
        self.notice_label.setWordWrap(True)
        notice_close = QToolButton(self.notice)
        notice_close.setAutoRaise(True)
        notice_close.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        notice_close.setToolTip(self.tr("Dismiss"))
        notice_layout = QHBoxLayout(self.notice)
        notice_layout.setContentsMargins(8, 6, 4, 6)
        notice_layout.addWidget(self.notice_label, 1)
        notice_layout.addWidget(notice_close, 0, Qt.AlignmentFlag.AlignTop)
        self.notice.setVisible(False)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(lambda: self.notice.setVisible(False))
        notice_close.clicked.connect(lambda: self.notice.setVisible(False))

        self.detail = QLabel(self)
        self.detail.setObjectName("factDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(80)

        style = self.style()
        self.accept_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton), self.tr("Accept"), self
        )
        self.accept_button.setToolTip(self.tr("Record this suggestion as a finding, unchanged (A)"))
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.setToolTip(self.tr("Record a corrected value, with a reason (E)"))
        self.reject_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogCancelButton), self.tr("Reject…"), self
        )
        self.reject_button.setToolTip(self.tr("Record that this is not a finding, with a reason (R)"))
        self.accept_button.setObjectName("acceptButton")
        for button, key in ((self.accept_button, "A"), (self.edit_button, "E"), (self.reject_button, "R")):
            button.setText(f"{button.text()}  {key}")

        self._build_layout(title)
        self.status_filter.currentIndexChanged.connect(self._filters_changed)
        self.confidence_slider.valueChanged.connect(self._filters_changed)
        self.show_all_button.clicked.connect(self.clear_filters)
        self.group_check.toggled.connect(lambda _on: self._regroup())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.key_action.connect(self.request_decision)
        self.accept_button.clicked.connect(lambda: self.request_decision(ACCEPT))
        self.edit_button.clicked.connect(lambda: self.request_decision(EDIT))
        self.reject_button.clicked.connect(lambda: self.request_decision(REJECT))
        # The field name repeats on the top visible row; scrolling blits, so repaint to move it along.
        self.table.verticalScrollBar().valueChanged.connect(lambda _value: self.table.viewport().update())
        self.proxy.modelReset.connect(self._update_counts)
        self.proxy.rowsInserted.connect(self._update_counts)
        self.proxy.rowsRemoved.connect(self._update_counts)
        self.model.dataChanged.connect(self._update_counts)
        self._update_counts()
        self._show_detail(None)

    def _build_layout(self, title: QLabel) -> None:
        header = QHBoxLayout()
        header.setContentsMargins(8, 4, 8, 0)
        header.addWidget(title)
        header.addWidget(self.counts_label, 1)
        filters = QHBoxLayout()
        filters.setContentsMargins(8, 2, 8, 2)
        filters.setSpacing(6)
        filters.addWidget(self.status_filter)
        filters.addSpacing(8)
        minimum = QLabel(self.tr("Min. confidence"), self)
        minimum.setObjectName("muted")
        filters.addWidget(minimum)
        filters.addWidget(self.confidence_slider)
        filters.addWidget(self.confidence_value)
        filters.addWidget(self.group_check)
        filters.addStretch(1)
        filters.addWidget(self.hidden_label)
        filters.addWidget(self.show_all_button)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(2)
        top_layout.addLayout(header)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.conflicts_area)
        top_layout.addWidget(self.table, 1)
        self._top_layout = top_layout

        actions = QHBoxLayout()
        actions.setContentsMargins(10, 4, 10, 8)
        actions.addWidget(self.accept_button)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.reject_button)
        actions.addStretch(1)
        bottom = QWidget(self)
        bottom.setObjectName("detailPane")
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.setSpacing(0)
        bottom_layout.addWidget(self.notice)
        bottom_layout.addWidget(self.detail, 1)
        bottom_layout.addLayout(actions)

        # Table beside the detail pane: the table needs its width for seven columns, the detail its height.
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([760, 360])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # --- content -----------------------------------------------------------------------------

    def set_facts(
        self, suggestions: list[Suggestion], decisions: list[Decision], *, keep_selection: bool = True
    ) -> None:
        """Replace the rows; the selected fact stays selected if it is still there."""
        selected = self.selected_suggestion()
        self.model.set_suggestions(suggestions, decisions)
        self._regroup()
        if keep_selection and selected is not None:
            self.select_suggestion(selected.id)
        else:
            self._show_detail(None)
        self._update_conflicts()

    def set_banner(self, banner: QWidget) -> None:
        """Place a notice (the earlier-application hints) between the filters and the table."""
        banner.setParent(self)
        self._top_layout.insertWidget(self._top_layout.indexOf(self.conflicts_area), banner)

    def set_user_names(self, names: Mapping[str, str]) -> None:
        self._user_names = dict(names)

    def set_can_decide(self, allowed: bool, reason: str = "") -> None:
        """Enable the review actions only for roles that may decide; say why otherwise."""
        self._can_decide = allowed
        self._cannot_decide_reason = reason
        self._update_buttons(self.selected_suggestion())

    def apply_decision(self, decision: Decision) -> None:
        updated = self.model.apply_decision(decision)
        self._regroup()
        selected = self.selected_suggestion()
        if updated is not None and selected is not None and selected.id == updated.id:
            self._show_detail(updated)
        self._update_conflicts()  # rejecting one of two values ends a conflict

    def selected_suggestion(self) -> Suggestion | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        value = index.siblingAtColumn(0).data(Roles.OBJECT)
        return value if isinstance(value, Suggestion) else None

    def select_suggestion(self, suggestion_id: str) -> bool:
        row = self.model.row_of(suggestion_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        return True

    def select_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )

    def clear_filters(self) -> None:
        self.status_filter.setCurrentIndex(0)
        self.confidence_slider.setValue(0)
        self.group_check.setChecked(False)  # every suggestion on its own row again

    # --- automation-bias reminder ------------------------------------------------------------

    def show_notice(self, message: str) -> None:
        """A non-blocking reminder above the detail pane; it hides itself after a while."""
        self.notice_label.setText(message)
        self.notice.setVisible(True)
        self._notice_timer.start(NOTICE_SECONDS * 1000)

    # --- conflicts: different values of one field, side by side --------------------------------

    def _update_conflicts(self) -> None:
        sheet = build_fact_sheet(self.model.suggestions(), same_person=same_person)
        conflicts = [g for g in sheet.groups if g.conflict]
        lines = [self._conflict_html(group) for group in conflicts]
        lines = [line for line in lines if line]
        self.conflict_count = len(lines)
        if not lines:
            self.conflicts_label.setText("")
            self.conflicts_area.setVisible(False)
            return
        head = self.tr("Documents disagree — every value is shown with its source, nothing is merged:")
        self.conflicts_label.setText(f"<b>⚠ {html.escape(head)}</b><br>" + "<br>".join(lines))
        self.conflicts_area.setVisible(True)

    def _value_html(self, line: SheetLine) -> str:
        e = html.escape
        where = (
            i18n.fmt(self.tr("%1 p. %2"), line.provenance.file_name, line.provenance.page)
            if line.provenance
            else self.tr("no source")
        )
        return f'<a href="{FACT_LINK}{e(line.suggestion_id)}">{e(line.value)}</a> ({e(where)})'

    def _conflict_html(self, group: FieldGroup) -> str:
        """One field's differing values; for names, each person's differing spellings (different people named
        in a case are not a conflict)."""
        e = html.escape
        distinct: dict[str, SheetLine] = {}
        for line in group.lines:
            distinct.setdefault(" ".join(line.value.split()).casefold(), line)
        values = list(distinct.values())
        label = e(i18n.field_label(group.field))
        if group.field is not FactField.PERSON_NAME:
            return f"{label}: " + " ≠ ".join(self._value_html(v) for v in values)
        parts: list[str] = []
        for members in group_same_person([v.value for v in values]):
            spellings = " ≈ ".join(self._value_html(values[i]) for i in members)
            note = self.tr("the same person written differently? Check each spelling against its page.")
            parts.append(f"{label}: {spellings} — <i>{e(note)}</i>")
        return "<br>".join(parts)

    def _conflict_link(self, href: str) -> None:
        if not href.startswith(FACT_LINK):
            return
        suggestion_id = href[len(FACT_LINK) :]
        if not self.select_suggestion(suggestion_id):
            self.clear_filters()  # the value's row is hidden by a filter: show it rather than nothing
            self.select_suggestion(suggestion_id)

    # --- internals ---------------------------------------------------------------------------

    def _filters_changed(self) -> None:
        statuses = self.status_filter.currentData()
        self.proxy.set_statuses(statuses)
        self.proxy.set_min_confidence(self.confidence_slider.value() / 100)
        self.confidence_value.setText(f"{self.confidence_slider.value()}%")
        self._update_counts()

    def _update_counts(self, *_args: object) -> None:
        counts = self.model.counts()
        self.counts_label.setText(
            i18n.fmt(
                self.tr("%1 to review · %2 accepted · %3 edited · %4 rejected"),
                counts[SuggestionStatus.PENDING],
                counts[SuggestionStatus.ACCEPTED],
                counts[SuggestionStatus.EDITED],
                counts[SuggestionStatus.REJECTED],
            )
        )
        hidden = self.proxy.hidden_count()
        self.hidden_label.setText(i18n.fmt(self.tr("%1 hidden by filters"), hidden) if hidden else "")
        self.hidden_label.setVisible(bool(hidden))
        self.show_all_button.setVisible(bool(hidden))

    def _current_changed(self, current: QModelIndex | QPersistentModelIndex, _previous: object) -> None:
        suggestion = current.model().index(current.row(), 0).data(Roles.OBJECT) if current.isValid() else None
        suggestion = suggestion if isinstance(suggestion, Suggestion) else None
        self._show_detail(suggestion)
        self.selection_changed.emit(suggestion)

    def request_decision(self, action: str) -> None:
        """Ask for ``action`` on the selected fact (what the A/E/R keys and buttons do).

        On a grouped row (the same value in several places), accept and reject ask for the whole group
        (``group_decide_requested``); edit corrects the selected reading alone."""
        suggestion = self.selected_suggestion()
        if suggestion is None or not self._can_decide:
            return
        group = self._groups.get(suggestion.id)
        if group is not None and action in (ACCEPT, REJECT):
            self.group_decide_requested.emit(action, group)
            return
        self.decide_requested.emit(action, suggestion)

    def group_of(self, suggestion_id: str) -> ValueGroup | None:
        """The group a shown row stands for (None for a row of its own)."""
        return self._groups.get(suggestion_id)

    def _regroup(self) -> None:
        """Group pending suggestions of one field and value (when grouping is on); keep the selection."""
        selected = self.selected_suggestion()
        groups = group_pending(self.model.suggestions()) if self.group_check.isChecked() else []
        multi = [g for g in groups if g.size > 1]
        self._groups = {g.representative.id: g for g in multi}
        self.model.set_group_sizes({sid: g.size for sid, g in self._groups.items()})
        away = [s.id for g in multi for s in g.members if s.id != g.representative.id]
        self.proxy.set_grouped_away(away)
        if selected is not None and selected.id in away:
            group = next(g for g in multi if selected.id in g.ids)
            self.select_suggestion(group.representative.id)

    def _update_buttons(self, suggestion: Suggestion | None) -> None:
        enabled = suggestion is not None and self._can_decide
        for button in (self.accept_button, self.edit_button, self.reject_button):
            button.setEnabled(enabled)
            if not self._can_decide:
                button.setToolTip(self._cannot_decide_reason)
        if suggestion is not None and suggestion.status is SuggestionStatus.ACCEPTED:
            self.accept_button.setEnabled(False)

    def _show_detail(self, s: Suggestion | None) -> None:
        self._update_buttons(s)
        if s is None:
            hint = self.tr("Select a fact to see where it comes from. A accept · E edit · R reject · ↑↓ move")
            self.detail.setText(f"<span style='color:#6b717a'>{html.escape(hint)}</span>")
            return
        e = html.escape
        rows: list[tuple[str, str]] = []
        value = f"<b>{e(s.effective_value)}</b>"
        if s.reviewed_value is not None and s.reviewed_value != s.value:
            value += " &nbsp;<span style='color:#6b717a'>" + e(i18n.fmt(self.tr("suggested: %1"), s.value)) + "</span>"
        rows.append((self.tr("Value"), value))
        if s.normalized:
            rows.append((self.tr("Normalized"), e(s.normalized)))
        confidence = e(i18n.percent(s.confidence))
        level = confidence_level(s.confidence)
        if level != "ok":
            color = "#a3141e" if level == "very-low" else "#8a5300"
            low = self.tr("low")
            confidence = f"<span style='color:{color}; font-weight:600'>{confidence} {e(low)}</span> — " + e(
                self.tr("check the highlighted words on the image")
            )
        if s.provenance and s.provenance.ocr_confidence is not None:
            confidence += (
                " &nbsp;<span style='color:#6b717a'>"
                + e(i18n.fmt(self.tr("(OCR of its words: %1)"), i18n.percent(s.provenance.ocr_confidence)))
                + "</span>"
            )
        rows.append((self.tr("Confidence"), confidence))
        if s.provenance:
            p = s.provenance
            rows.append(
                (
                    self.tr("Source"),
                    e(i18n.fmt(self.tr("%1, page %2, characters %3–%4"), p.file_name, p.page, p.start, p.end)),
                )
            )
            rows.append((self.tr("Model"), f"<code>{e(str(p.model))}</code>"))
        else:
            rows.append((self.tr("Source"), e(self.tr("recorded by hand, no source"))))
        if s.note:
            rows.append((self.tr("Why suggested"), e(s.note)))
        if s.attributes:
            rows.append((self.tr("Details"), e(", ".join(f"{k}: {v}" for k, v in s.attributes))))
        group = self._groups.get(s.id)
        if group is not None:
            sources = "<br/>".join(e(c) for c in group.citations)
            rows.append((i18n.fmt(self.tr("Same value in %1 places"), group.size), sources))
        for decision in self.model.decisions_for(s.id):
            rows.append((self.tr("Decision"), self._decision_html(decision)))
        status = i18n.status_label(s.status)
        head = f"<b>{e(i18n.field_label(s.field))}</b> &nbsp;<span style='color:#6b717a'>· {e(status)}</span>"
        body = "".join(
            f"<tr><td style='color:#6b717a; padding-right:10px'>{e(k)}</td><td>{v}</td></tr>" for k, v in rows
        )
        self.detail.setText(f"<div>{head}</div><table cellspacing='0' cellpadding='1'>{body}</table>")

    def _decision_html(self, decision: Decision) -> str:
        e = html.escape
        who = self._user_names.get(decision.user_id, decision.user_id[:8])
        action = {
            DecisionAction.ACCEPT: self.tr("accepted"),
            DecisionAction.EDIT: self.tr("edited"),
            DecisionAction.REJECT: self.tr("rejected"),
            DecisionAction.ADD: self.tr("added"),
        }[decision.action]
        when = decision.decided_at.astimezone().strftime("%Y-%m-%d %H:%M")
        text = f"{e(when)} · {e(who)} · {e(action)}"
        if decision.reason:
            text += f" — <i>{e(decision.reason)}</i>"
        return text
