"""Possible earlier applications: the same or a similar name in another case, shown above the facts table.

A hint, never a conclusion: each one shows both names as written, both sources, which name parts matched and
how, and what strengthens it (same date of birth or nationality) or weakens it (a different one). For a case
the examiner may not read, the core gives no detail at all, and the box says only that a possible match
exists and to ask their supervisor. ``Workbench.earlier_application_hints`` runs in a worker when a case is
opened (it is audited as shown); results for another case are dropped.

Signals: ``hints_shown(count)`` after each load; ``open_fact(suggestion_id)`` when the examiner clicks a name
of the open case (the workspace shows its source).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QStyle, QToolButton, QVBoxLayout, QWidget

from examiner_app.ui import i18n
from examiner_app.ui.dialogs import error_text
from examiner_app.ui.workers import JobRunner

if TYPE_CHECKING:  # services loads the whole core; the box only needs the shapes
    from examiner_app.earlier_applications import EarlierApplicationHint, EarlierApplicationHints, PersonMention
    from examiner_app.extraction.facts.name_match import TokenMatch

LINK_PREFIX = "fact:"
MAX_BODY_HEIGHT = 120  # the facts table below keeps most of the panel; more hints scroll
STYLE = """
QFrame#earlierApplications { background: #fff8e6; border: 1px solid #efc862; border-radius: 4px; }
QLabel#earlierTitle { font-weight: 600; color: #5c3d00; }
QLabel#earlierHint { color: #1f2328; }
QLabel#earlierError { color: #a3141e; }
QWidget#earlierBody { background: transparent; }
"""


class EarlierWorkbench(Protocol):
    """What the box needs from the core (:class:`examiner_app.services.Workbench` fits)."""

    def earlier_application_hints(self, case_id: str) -> EarlierApplicationHints: ...


class EarlierApplicationsBox(QFrame):
    """A collapsible notice with one entry per possible earlier application; hidden when there is none."""

    hints_shown = Signal(int)
    open_fact = Signal(str)

    def __init__(self, workbench: EarlierWorkbench, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("earlierApplications")
        self.setStyleSheet(STYLE)
        self.workbench = workbench
        self.runner = runner
        self._case_id: str | None = None
        self._request = 0
        self._pending = False
        self.hints: tuple[EarlierApplicationHint, ...] = ()

        icon = QLabel(self)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(16, 16))
        self.title_label = QLabel(self)
        self.title_label.setObjectName("earlierTitle")
        self.title_label.setWordWrap(True)
        self.toggle_button = QToolButton(self)
        self.toggle_button.setAutoRaise(True)
        self.toggle_button.setCheckable(True)
        self.toggle_button.setChecked(True)
        self.toggle_button.setToolTip(self.tr("Show or hide the hints"))
        self.notice = self.tr(
            "A hint to check, never a conclusion: names are compared by how they sound across spellings "
            "and scripts, and different people can share a name."
        )
        self.title_label.setToolTip(self.notice)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("earlierError")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        self.body = QScrollArea(self)
        self.body.setWidgetResizable(True)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setMaximumHeight(MAX_BODY_HEIGHT)
        self.body.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget(self.body)
        content.setObjectName("earlierBody")
        self.body.setWidget(content)
        self.body_layout = QVBoxLayout(content)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.setSpacing(4)
        self.hint_labels: list[QLabel] = []

        header = QHBoxLayout()
        header.setSpacing(6)
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.title_label, 1)
        header.addWidget(self.toggle_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(3)
        layout.addLayout(header)
        layout.addWidget(self.error_label)
        layout.addWidget(self.body)
        self.toggle_button.toggled.connect(self._set_expanded)
        self._set_expanded(True)
        self.setVisible(False)

    @property
    def case_id(self) -> str | None:
        return self._case_id

    def set_case(self, case_id: str | None, *, load: bool = True) -> None:
        """Look for possible earlier applications of another case (the audited call runs in a worker).

        With ``load=False`` the lookup waits for :meth:`load_if_pending`: the workspace calls it once the
        case itself is loaded, so the case's names are in the store before they are compared.
        """
        self._case_id = case_id
        self._request += 1
        self._pending = case_id is not None
        self._show_hints(())
        self.error_label.setVisible(False)
        if case_id is not None and load:
            self.refresh()

    def invalidate(self) -> None:
        """The case's names may have changed (an import): look again at the next :meth:`load_if_pending`."""
        self._pending = self._case_id is not None

    def load_if_pending(self, case_id: str | None = None) -> None:
        """Run the lookup set up by ``set_case(..., load=False)`` or :meth:`invalidate` (once)."""
        if not self._pending or (case_id is not None and case_id != self._case_id):
            return
        self.refresh()

    def refresh(self) -> None:
        case_id = self._case_id
        if case_id is None:
            return
        self._pending = False
        self._request += 1
        request = self._request
        workbench = self.workbench
        self.runner.submit(
            "earlier_application_hints",
            lambda: workbench.earlier_application_hints(case_id),
            on_result=lambda result: self._loaded(request, case_id, result),
            on_error=lambda exc: self._failed(request, exc),
            owner=self,
        )

    def visible_text(self) -> str:
        """Everything the box shows, as plain text (tests read it)."""
        parts = [self.title_label.text(), self.error_label.text() if self.error_label.isVisible() else ""]
        parts.append(self.notice if self.hints else "")
        parts += [label.text() for label in self.hint_labels]
        return "\n".join(p for p in parts if p)

    # --- internals ---------------------------------------------------------------------------

    def _loaded(self, request: int, case_id: str, result: EarlierApplicationHints) -> None:
        if request != self._request or case_id != self._case_id:
            return  # another case was opened meanwhile
        self._show_hints(result.hints)
        self.hints_shown.emit(len(result.hints))

    def _failed(self, request: int, exc: BaseException) -> None:
        if request != self._request:
            return
        self._show_hints(())
        self.error_label.setText(
            i18n.fmt(self.tr("Possible earlier applications could not be looked up: %1"), error_text(exc)[0])
        )
        self.error_label.setVisible(True)
        self.title_label.setText(self.tr("Possible earlier applications"))
        self.setVisible(True)
        self.hints_shown.emit(0)

    def _show_hints(self, hints: tuple[EarlierApplicationHint, ...]) -> None:
        self.hints = hints
        for label in self.hint_labels:
            self.body_layout.removeWidget(label)
            label.deleteLater()
        self.hint_labels = []
        for hint in hints:
            label = QLabel(self._hint_html(hint), self.body.widget())
            label.setObjectName("earlierHint")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
            )
            label.linkActivated.connect(self._link)
            self.body_layout.addWidget(label)
            self.hint_labels.append(label)
        self.title_label.setText(
            self.tr("Possible earlier application: %n hint(s) to check — hints, never conclusions", "", len(hints))
            if hints
            else ""
        )
        self.setVisible(bool(hints))

    def _set_expanded(self, expanded: bool) -> None:
        self.body.setVisible(expanded)
        self.toggle_button.setArrowType(Qt.ArrowType.UpArrow if expanded else Qt.ArrowType.DownArrow)

    def _link(self, href: str) -> None:
        if href.startswith(LINK_PREFIX):
            self.open_fact.emit(href[len(LINK_PREFIX) :])

    def _source(self, mention: PersonMention) -> str:
        if not mention.file_name or mention.page is None:
            return self.tr("entered by the examiner, no source document")
        return i18n.fmt(
            self.tr("%1, page %2, characters %3–%4"),
            mention.file_name,
            mention.page,
            mention.start or 0,
            mention.end or 0,
        )

    def _part(self, pair: TokenMatch) -> str:
        kind = {
            "same": self.tr("same spelling"),
            "script": self.tr("other script"),
            "spelling": self.tr("other spelling"),
        }.get(pair.kind, pair.kind)
        return f"{pair.left} ≈ {pair.right} ({kind})"

    def _hint_html(self, hint: EarlierApplicationHint) -> str:
        e = html.escape
        this = hint.this_name
        this_line = i18n.fmt(self.tr("This case: %1 — source: %2"), "\x00", self._source(this))
        this_html = e(this_line).replace("\x00", f'<a href="{LINK_PREFIX}{e(this.suggestion_id)}">{e(this.name)}</a>')
        if hint.restricted or hint.other_name is None:
            head = self.tr(
                "Possible earlier application: a same or similar name appears in a case you are not assigned to. "
                "Ask your supervisor to check it."
            )
            return f"<b>{e(head)}</b><br>{this_html}"
        which = hint.case_reference or hint.case_title or hint.case_id
        head = i18n.fmt(self.tr("Possible earlier application: same or similar name in case %1 — check."), which)
        other = hint.other_name
        lines = [
            f"<b>{e(head)}</b>",
            this_html,
            e(i18n.fmt(self.tr("Case %1: %2 — source: %3"), which, other.name, self._source(other))),
        ]
        strength = self.tr("same or similar name") if hint.strength == "strong" else self.tr("one name part in common")
        parts = "; ".join(self._part(p) for p in hint.matched_parts)
        match = i18n.fmt(self.tr("Name match (%1, %2): %3"), strength, i18n.percent(hint.score), parts)
        if hint.only_here:
            match += " · " + i18n.fmt(self.tr("only in this case's name: %1"), " ".join(hint.only_here))
        if hint.only_there:
            match += " · " + i18n.fmt(self.tr("only in the other name: %1"), " ".join(hint.only_there))
        lines.append(e(match))
        for_it, against = self._evidence(hint)
        if for_it:
            supports = i18n.fmt(self.tr("Supports the hint: %1"), "; ".join(for_it))
            lines.append(f"<span style='color:#1d6b35'>{e(supports)}</span>")
        if against:
            weakens = i18n.fmt(self.tr("Speaks against it: %1"), "; ".join(against))
            lines.append(f"<span style='color:#a3141e'>{e(weakens)}</span>")
        return "<br>".join(lines)

    def _evidence(self, hint: EarlierApplicationHint) -> tuple[list[str], list[str]]:
        """What strengthens and what weakens the hint, in the examiner's language."""
        for_it: list[str] = []
        against: list[str] = []
        for here, there, same_text, different_text in (
            (
                hint.birth_dates_here,
                hint.birth_dates_there,
                self.tr("same date of birth (%1)"),
                self.tr("different date of birth (%1 here, %2 there)"),
            ),
            (
                hint.nationalities_here,
                hint.nationalities_there,
                self.tr("same nationality (%1)"),
                self.tr("different nationality (%1 here, %2 there)"),
            ),
        ):
            same = sorted(set(here) & set(there))
            if same:
                for_it.append(i18n.fmt(same_text, ", ".join(same)))
            elif here and there:
                against.append(i18n.fmt(different_text, ", ".join(here), ", ".join(there)))
        return for_it, against
