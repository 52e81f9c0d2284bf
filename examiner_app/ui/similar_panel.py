"""Similar cases: prior and workbench cases whose recorded facts resemble the open case's, for consistency.

Evidence, never verdicts: each result says which facts matched (country, claimed grounds, profile), which
passages read alike (with the shared words) and which COI excerpts both cases pinned, every line with its
citation on both sides. No outcome of any case is stored, read or shown, and nothing here predicts one:
the header says so in one line. ``Workbench.similar_cases`` runs in a worker (it is audited, so it runs when
the panel is shown for a case, or when the examiner changes a filter); results for an older request or
another case are dropped.

Signals: ``open_source(document_id, page, start, end)`` and ``open_fact(suggestion_id)`` when the examiner
clicks a fact of the open case; ``results_shown(count)``; ``status_message(text)``.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from examiner_app.coi.types import Pin
from examiner_app.ui import i18n
from examiner_app.ui.backend import CaseDetailLike
from examiner_app.ui.coi_panel import (
    LINK_PREFIX,
    PANEL_STYLE,
    CaseFact,
    CaseFacts,
    CountryBox,
    card_list,
    clear_layout,
    country_names,
    date_box,
    date_value,
    emit_fact_source,
    highlight_html,
    load_case_facts,
    make_label,
    resolve_country,
)
from examiner_app.ui.dialogs import error_text
from examiner_app.ui.workers import JobRunner

if TYPE_CHECKING:  # summaries.similar loads numpy; the panel only needs its shapes
    from examiner_app.coi.prior_cases import SimilarResults
    from examiner_app.summaries.similar import FactRef, MatchReason, PassageMatch, SimilarCase

SIMILAR_TOP = 10
FILTER_DEBOUNCE_MS = 300
GROUND_KEYS = ("race", "religion", "nationality", "particular_social_group", "political_opinion")


class SimilarWorkbench(Protocol):
    """What the similar-cases panel needs from the core (:class:`examiner_app.services.Workbench` fits)."""

    def case_detail(self, case_id: str, *, audit_open: bool = True) -> CaseDetailLike: ...

    def similar_cases(
        self,
        case_id: str,
        *,
        top: int = 10,
        country: str | None = None,
        ground: str | None = None,
        decided_from: date | None = None,
        decided_to: date | None = None,
    ) -> SimilarResults: ...

    def pins(self, case_id: str) -> list[Pin]: ...


class SimilarCard(QFrame):
    """One similar case: who it is (reference, countries, grounds, date), then what matched and why."""

    fact_clicked = Signal(str)

    def __init__(
        self,
        result: SimilarCase,
        facts: Mapping[str, CaseFact],
        coi_citations: Mapping[int, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("coiCard")
        self.result = result
        self._facts = facts
        if result.kind == "prior":
            heading = i18n.fmt(self.tr("Prior case %1"), result.reference or result.id)
        else:
            name = result.title or result.reference or result.id
            if result.reference and result.reference != name:
                name = f"{name} ({result.reference})"
            heading = i18n.fmt(self.tr("Case in the workbench: %1"), name)
        self.title_label = make_label(heading, self, name="cardTitle")
        grounds = ", ".join(ground_label(g) for g in result.grounds) or "—"
        decided = result.decided_on.isoformat() if result.decided_on else "—"
        self.meta_label = make_label(
            i18n.fmt(
                self.tr("Countries: %1 · claimed grounds: %2 · %3: %4 · facts in common: %5"),
                ", ".join(result.countries) or "—",
                grounds,
                self.tr("decided on") if result.kind == "prior" else self.tr("last recorded finding"),
                decided,
                i18n.percent(result.similarity),
            ),
            self,
            name="muted",
        )
        self.meta_label.setToolTip(
            self.tr(
                "How much the recorded facts overlap (country, grounds, profile, what happened). It says "
                "nothing about how either case should be decided."
            )
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(3)
        layout.addWidget(self.title_label)
        layout.addWidget(self.meta_label)
        self.reason_labels: list[QLabel] = []
        for reason in result.reasons:
            label = make_label(self._reason_html(reason, coi_citations, result.shared_coi), self, rich=True)
            label.setObjectName("matchReason")
            label.setToolTip(reason.detail)
            label.linkActivated.connect(self._link)
            layout.addWidget(label)
            self.reason_labels.append(label)
        self.passage_labels: list[QLabel] = []
        for match in result.passages:
            label = make_label(self._passage_html(match), self, rich=True)
            label.setObjectName("passageMatch")
            label.linkActivated.connect(self._link)
            layout.addWidget(label)
            self.passage_labels.append(label)

    def text(self) -> str:
        """Everything the card shows, as plain text (tests read it)."""
        labels = [self.title_label, self.meta_label, *self.reason_labels, *self.passage_labels]
        return "\n".join(label.text() for label in labels)

    def _link(self, href: str) -> None:
        if href.startswith(LINK_PREFIX):
            self.fact_clicked.emit(href[len(LINK_PREFIX) :])

    def _fact_line(self, side: str, ref: FactRef, value_html: str | None = None) -> str:
        value = value_html if value_html is not None else html.escape(ref.value)
        if ref.suggestion_id and ref.suggestion_id in self._facts:
            value = f'<a href="{LINK_PREFIX}{html.escape(ref.suggestion_id)}">{value}</a>'
        status = f" ({html.escape(status_label(ref.status))})" if ref.status else ""
        cited = html.escape(i18n.fmt(self.tr("source: %1"), ref.citation))
        return f"&nbsp;&nbsp;{html.escape(side)}: {value}{status} — <i>{cited}</i>"

    def _reason_html(self, reason: MatchReason, coi_citations: Mapping[int, str], shared: Sequence[int]) -> str:
        if reason.kind == "country":
            head = i18n.fmt(self.tr("Same country of origin or nationality: %1"), reason.value)
        elif reason.kind == "ground":
            head = i18n.fmt(self.tr("Same claimed ground: %1"), ground_label(reason.value))
        elif reason.kind == "profile":
            head = i18n.fmt(self.tr("Same %1: %2"), reason.field.replace("_", " "), reason.value)
        elif reason.kind == "text":
            head = self.tr("What happened reads alike (see the passages below)")
        elif reason.kind == "coi":
            head = self.tr("%n COI excerpt(s) pinned to both cases", "", len(shared))
        else:
            head = reason.detail
        lines = [f"<b>{html.escape(head)}</b>"]
        lines += [self._fact_line(self.tr("This case"), ref) for ref in reason.this_case]
        lines += [self._fact_line(self.tr("Other case"), ref) for ref in reason.other_case]
        if reason.kind == "coi":
            for pid in shared:
                citation = coi_citations.get(pid) or i18n.fmt(self.tr("COI passage %1"), pid)
                lines.append(f"&nbsp;&nbsp;{html.escape(citation)}")
        return "<br>".join(lines)

    def _passage_html(self, match: PassageMatch) -> str:
        terms = list(match.shared_terms)
        head = i18n.fmt(self.tr("Passages that share words: %1"), ", ".join(match.shared_terms))
        return "<br>".join(
            [
                f"<b>{html.escape(head)}</b>",
                self._fact_line(self.tr("This case"), match.this_case, highlight_html(match.this_case.value, terms)),
                self._fact_line(self.tr("Other case"), match.other_case, highlight_html(match.other_case.value, terms)),
            ]
        )


def ground_label(ground: str) -> str:
    """A claimed ground in words (fixed translation context: see ``coi_panel.age_text``)."""
    labels = {
        "race": QCoreApplication.translate("SimilarCasesPanel", "race"),
        "religion": QCoreApplication.translate("SimilarCasesPanel", "religion"),
        "nationality": QCoreApplication.translate("SimilarCasesPanel", "nationality"),
        "particular_social_group": QCoreApplication.translate("SimilarCasesPanel", "particular social group"),
        "political_opinion": QCoreApplication.translate("SimilarCasesPanel", "political opinion"),
    }
    return labels.get(ground, ground.replace("_", " "))


def status_label(status: str) -> str:
    labels = {
        "accepted": QCoreApplication.translate("SimilarCasesPanel", "finding"),
        "edited": QCoreApplication.translate("SimilarCasesPanel", "finding, edited"),
        "pending": QCoreApplication.translate("SimilarCasesPanel", "suggestion, not reviewed"),
        "prior record": QCoreApplication.translate("SimilarCasesPanel", "prior-case record"),
    }
    return labels.get(status, status)


class SimilarCasesPanel(QWidget):
    """Cases with similar facts for the open case, with filters; every match explained and cited."""

    open_source = Signal(str, int, int, int)
    open_fact = Signal(str)
    results_shown = Signal(int)
    status_message = Signal(str)

    def __init__(self, workbench: SimilarWorkbench, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("similarPanel")
        self.setStyleSheet(PANEL_STYLE)
        self.workbench = workbench
        self.runner = runner
        self._case_id: str | None = None
        self._facts: CaseFacts = CaseFacts({}, ())
        self._request = 0
        self._stale = False
        self.cards: list[SimilarCard] = []

        title = QLabel(self.tr("Similar cases"), self)
        title.setObjectName("sectionTitle")
        self.title_label = title  # hidden inside the workspace, whose tab already says it
        self.header_label = QLabel(
            self.tr(
                "Cases with similar facts, shown so that similar cases are assessed consistently — not a "
                "prediction for this case."
            ),
            self,
        )
        self.header_label.setObjectName("muted")
        self.header_label.setWordWrap(True)
        self.country_box = CountryBox(self.tr("Any country"), self)
        self.country_box.setToolTip(self.tr("Country of origin: a code, or type a country name"))
        self.ground_box = QComboBox(self)
        self.ground_box.addItem(self.tr("Any ground"), None)
        for key in GROUND_KEYS:
            self.ground_box.addItem(ground_label(key), key)
        self.from_date = date_box(self, self.tr("any date"), self.tr("Decided (or last finding) on or after"))
        self.to_date = date_box(self, self.tr("any date"), self.tr("Decided (or last finding) on or before"))
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.status_label = make_label("", self, name="muted")
        self.notice_label = make_label("", self, name="fullTextNotice")
        self.notice_label.setVisible(False)
        self.error_label = make_label("", self, name="panelError")
        self.error_label.setVisible(False)
        self.results_area, self.results_layout = card_list(self)

        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.country_box, 1)
        filters.addWidget(self.ground_box, 1)
        filters.addWidget(QLabel(self.tr("From"), self))
        filters.addWidget(self.from_date)
        filters.addWidget(QLabel(self.tr("to"), self))
        filters.addWidget(self.to_date)
        filters.addWidget(self.refresh_button)
        top = QVBoxLayout()
        top.setContentsMargins(8, 6, 8, 4)
        top.setSpacing(4)
        top.addWidget(title)
        top.addWidget(self.header_label)
        top.addLayout(filters)
        top.addWidget(self.notice_label)
        top.addWidget(self.error_label)
        top.addWidget(self.status_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.results_area, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(FILTER_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.country_box.activated.connect(lambda _i: self._debounce.start())
        self.country_box.line_edit().editingFinished.connect(self._debounce.start)
        self.ground_box.currentIndexChanged.connect(lambda _i: self._debounce.start())
        self.from_date.dateChanged.connect(lambda _d: self._debounce.start())
        self.to_date.dateChanged.connect(lambda _d: self._debounce.start())
        self.refresh_button.clicked.connect(self.refresh)
        self.set_case(None)

    @property
    def case_id(self) -> str | None:
        return self._case_id

    def set_case(self, case_id: str | None) -> None:
        """Show similar cases for another case. The (audited) search runs now if the panel is on screen,
        else the next time it is shown."""
        if case_id == self._case_id and case_id is not None:
            return
        self._case_id = case_id
        self._facts = CaseFacts({}, ())
        self._request += 1
        self._clear()
        self.error_label.setVisible(False)
        self.notice_label.setVisible(False)
        self.refresh_button.setEnabled(case_id is not None)
        if case_id is None:
            self._stale = False
            self.status_label.setText(self.tr("Open a case to see cases with similar facts."))
            return
        self._stale = True
        self.status_label.setText("")
        if self.isVisible():
            self.refresh()

    def invalidate(self) -> None:
        """The case's facts changed: search again now if on screen, else when next shown."""
        if self._case_id is None:
            return
        self._stale = True
        if self.isVisible():
            self._debounce.start()

    def refresh(self) -> None:
        """Run the similar-case search for the open case with the current filters, in a worker."""
        self._debounce.stop()
        case_id = self._case_id
        if case_id is None:
            return
        self._stale = False
        self._request += 1
        request = self._request
        code, free_text = self.country_box.choice()
        ground = self.ground_box.currentData()
        decided_from, decided_to = date_value(self.from_date), date_value(self.to_date)
        workbench = self.workbench

        def work() -> tuple[SimilarResults, CaseFacts, dict[int, str], dict[str, str], bool]:
            country, unknown = code, False
            if free_text:
                country = resolve_country(free_text)
                unknown = country is None
            facts = load_case_facts(workbench, case_id)
            results = workbench.similar_cases(
                case_id,
                top=SIMILAR_TOP,
                country=country,
                ground=str(ground) if ground else None,
                decided_from=decided_from,
                decided_to=decided_to,
            )
            citations: dict[int, str] = {}
            if any(r.shared_coi for r in results.results):
                citations = {p.passage.id: p.citation for p in workbench.pins(case_id)}
            names = country_names({c for r in results.results for c in r.countries})
            return results, facts, citations, names, unknown

        self.status_label.setText(self.tr("Looking for cases with similar facts…"))
        self.error_label.setVisible(False)
        self.runner.submit(
            "similar.search",
            work,
            on_result=lambda value: self._done(request, case_id, value, free_text),
            on_error=lambda exc: self._failed(request, exc),
            owner=self,
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self._case_id is not None:
            self.refresh()

    def _done(
        self,
        request: int,
        case_id: str,
        value: tuple[SimilarResults, CaseFacts, dict[int, str], dict[str, str], bool],
        free_text: str,
    ) -> None:
        if request != self._request or case_id != self._case_id:
            return
        results, facts, citations, names, unknown = value
        self._facts = facts
        self.country_box.add_countries({**dict(facts.countries), **names})
        self._clear()
        for result in results.results:
            card = SimilarCard(result, facts.facts, citations)
            card.fact_clicked.connect(self._fact_clicked)
            self.results_layout.insertWidget(self.results_layout.count() - 1, card)
            self.cards.append(card)
        self.notice_label.setText(
            self.tr(
                "Compared by facts and shared words only (AI is off or the meaning engine is missing): accounts "
                "told in other words or languages are not matched."
            )
        )
        self.notice_label.setToolTip(results.notice)
        self.notice_label.setVisible(results.mode != "facts+meaning")
        if results.results:
            status = self.tr("%n case(s) with similar facts.", "", len(results.results))
        else:
            status = self.tr("No case with similar facts (with these filters).")
        if unknown:
            status += " " + i18n.fmt(
                self.tr("“%1” is not a country name or code the workbench knows: all countries were compared."),
                free_text,
            )
        self.status_label.setText(status)
        self.results_area.verticalScrollBar().setValue(0)
        self.results_shown.emit(len(results.results))

    def _failed(self, request: int, exc: BaseException) -> None:
        if request != self._request:
            return
        self.error_label.setText(i18n.fmt(self.tr("Similar cases not available: %1"), error_text(exc)[0]))
        self.error_label.setVisible(True)
        self.status_label.setText("")
        self._stale = True

    def _clear(self) -> None:
        self.cards = []
        clear_layout(self.results_layout)
        self.results_layout.addStretch(1)

    def _fact_clicked(self, suggestion_id: str) -> None:
        emit_fact_source(self._facts.facts, suggestion_id, self.open_fact.emit, self.open_source.emit)

    def visible_text(self) -> str:
        """All text the panel shows (header, status and results), for tests and checks."""
        parts = [self.header_label.text(), self.status_label.text(), self.notice_label.text()]
        parts += [card.text() for card in self.cards]
        return "\n".join(parts)
