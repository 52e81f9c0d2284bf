"""The country-of-origin information (COI) panel: search the library, see cited passages, pin them to the case.

Evidence, never verdicts: the panel shows what reports say, each passage with its EUAA-style citation
(source, title, date, page and paragraph, URL), its publication date and age, and a warning when the
same source published a newer report on the country. It shows no score about the applicant and no
outcome. Every core call (search, suggestions, pins, the case's facts) runs in a
:class:`~examiner_app.ui.workers.JobRunner` job; typing is debounced and a result that arrives after a
newer request (or after another case was opened) is dropped.

Signals (for the workspace and tests): ``open_source(document_id, page, start, end)`` and
``open_fact(suggestion_id)`` when the examiner clicks a fact of the open case (the facts that led to a
suggested excerpt, the fact a pin is attached to); ``results_shown(kind)`` ("search" or "suggested"),
``pins_loaded(count)``, ``pinned(Pin)``, ``unpinned(pin_id)``, ``status_message(text)``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from examiner_app.coi.citation import cite
from examiner_app.coi.types import CoiHit, ExcerptSuggestion, LibraryCountry, Pin, SearchResults
from examiner_app.domain import FactField, Provenance
from examiner_app.ui import i18n
from examiner_app.ui.backend import CaseDetailLike
from examiner_app.ui.dialogs import error_text
from examiner_app.ui.workers import JobRunner

DEBOUNCE_MS = 300
SEARCH_TOP = 20
SUGGEST_TOP = 5
PIN_EXCERPT_CHARS = 360
# "Any date" is the minimum of a date box (shown as its special value text).
ANY_DATE = QDate(1900, 1, 1)
COUNTRY_FIELDS = (FactField.COUNTRY_OF_ORIGIN, FactField.NATIONALITY)
HIGHLIGHT_STYLE = "background-color:#fde9a8; font-weight:600;"
LINK_PREFIX = "fact:"

# Local to the panels (the shared theme is not theirs to edit); colours follow theme.py's meanings.
PANEL_STYLE = """
QFrame#coiCard { background: #ffffff; border: 1px solid #e3e6ea; border-radius: 4px; }
QFrame#coiCard[pinned="true"] { border-left: 3px solid #2f5f98; }
QLabel#cardTitle { font-weight: 600; color: #1f2328; }
QLabel#supersededWarning { background: #fff4d6; color: #5c3d00; border: 1px solid #efc862; border-radius: 3px;
    padding: 3px 6px; }
QLabel#fullTextNotice { background: #fff4d6; color: #5c3d00; border: 1px solid #efc862; border-radius: 3px;
    padding: 3px 6px; }
QLabel#citation { color: #2b3038; }
QLabel#panelError { color: #a3141e; }
QWidget#cardList { background: #f4f5f7; }
"""


class CoiWorkbench(Protocol):
    """What the COI panel needs from the core (:class:`examiner_app.services.Workbench` fits). All block."""

    def case_detail(self, case_id: str, *, audit_open: bool = True) -> CaseDetailLike: ...

    def coi_search(
        self,
        query: str,
        *,
        country: str | None = None,
        top: int = 10,
        published_from: date | None = None,
        published_to: date | None = None,
        case_id: str | None = None,
    ) -> SearchResults: ...

    def suggest_excerpts(self, case_id: str, top: int = 5) -> list[ExcerptSuggestion]: ...

    def pin_excerpt(
        self, case_id: str, passage_id: int, *, suggestion_id: str | None = None, note: str = ""
    ) -> Pin: ...

    def unpin_excerpt(self, pin_id: str) -> None: ...

    def pins(self, case_id: str) -> list[Pin]: ...

    def coi_countries(self) -> list[LibraryCountry]: ...


# --- helpers shared with the similar-cases panel ---------------------------------------------------


@dataclass(frozen=True)
class CaseFact:
    """A fact of the open case as a panel names it, and where it comes from (None: entered by hand)."""

    suggestion_id: str
    label: str
    provenance: Provenance | None


@dataclass(frozen=True)
class CaseFacts:
    """The open case's facts by suggestion id, and the country codes its facts name. Built in a worker."""

    facts: Mapping[str, CaseFact]
    countries: tuple[tuple[str, str], ...]  # (code, English name)


def load_case_facts(workbench: Any, case_id: str) -> CaseFacts:
    """Read the case's facts without auditing a new case opening. Blocking: call from a worker."""
    from examiner_app.coi.text import country_code, country_name

    detail = workbench.case_detail(case_id, audit_open=False)
    facts: dict[str, CaseFact] = {}
    codes: dict[str, None] = {}
    for s in detail.suggestions:
        facts[s.id] = CaseFact(s.id, f"{i18n.field_label(s.field)}: {s.effective_value}", s.provenance)
        if s.field in COUNTRY_FIELDS:
            code = country_code(s.normalized or s.effective_value)
            if code:
                codes.setdefault(code, None)
    return CaseFacts(facts, tuple((code, country_name(code)) for code in codes))


def country_names(codes: Iterable[str]) -> dict[str, str]:
    """English names of country codes (pycountry). Blocking on first use: call from a worker."""
    from examiner_app.coi.text import country_name

    return {code: country_name(code) for code in codes}


def resolve_country(text: str) -> str | None:
    """An ISO code for a typed code or English country name; None when unknown. Call from a worker."""
    from examiner_app.coi.text import country_code

    return country_code(text)


def highlight_html(text: str, terms: Iterable[str]) -> str:
    """``text`` as escaped HTML with the words that match ``terms`` marked.

    Terms are normalized like the library's full text (NFKC, case-folded): a word matches a term when it
    equals it, or starts with it for terms of four letters or more ("returnee" in "returnees"). Terms in
    scripts written without spaces (Japanese bigrams) are marked wherever they occur.
    """
    from examiner_app.coi.text import normalize

    spaced = {t for t in terms if t and re.fullmatch(r"\w+", t) and not _unspaced(t)}
    unspaced = [t for t in terms if t and _unspaced(t)]
    marks = [False] * len(text)
    for match in re.finditer(r"\w+", text):
        word = normalize(match.group())
        if word in spaced or any(len(t) >= 4 and word.startswith(t) for t in spaced):
            marks[match.start() : match.end()] = [True] * (match.end() - match.start())
    folded = text.casefold() if len(text.casefold()) == len(text) else text
    for term in unspaced:
        start = folded.find(term)
        while start >= 0:
            marks[start : start + len(term)] = [True] * len(term)
            start = folded.find(term, start + 1)
    out: list[str] = []
    position = 0
    while position < len(text):
        end = position
        while end < len(text) and marks[end] == marks[position]:
            end += 1
        chunk = html.escape(text[position:end])
        out.append(f'<span style="{HIGHLIGHT_STYLE}">{chunk}</span>' if marks[position] else chunk)
        position = end
    return "".join(out)


def _unspaced(term: str) -> bool:
    return any(0x3040 <= ord(c) <= 0x9FFF or 0xAC00 <= ord(c) <= 0xD7AF or 0x0E00 <= ord(c) <= 0x17FF for c in term)


def query_terms(queries: Iterable[str]) -> list[str]:
    """The search terms of one or more queries, as the library's full text reads them."""
    from examiner_app.coi.text import query_terms as terms_of

    seen: dict[str, None] = {}
    for query in queries:
        for term in terms_of(query):
            seen.setdefault(term, None)
    return list(seen)


def fact_links(facts: Mapping[str, CaseFact], suggestion_ids: Iterable[str]) -> str:
    """Rich-text links to facts of the open case (``fact:<id>``), by their labels."""
    parts = []
    for sid in suggestion_ids:
        fact = facts.get(sid)
        label = fact.label if fact is not None else sid
        parts.append(f'<a href="{LINK_PREFIX}{html.escape(sid)}">{html.escape(label)}</a>')
    return ", ".join(parts)


def make_label(text: str = "", parent: QWidget | None = None, *, name: str = "", rich: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
    )
    if name:
        label.setObjectName(name)
    label.setText(text)
    return label


def date_box(parent: QWidget, any_text: str, tooltip: str) -> QDateEdit:
    """A date box whose minimum means "any date"."""
    box = QDateEdit(parent)
    box.setCalendarPopup(True)
    box.setDisplayFormat("yyyy-MM-dd")
    box.setMinimumDate(ANY_DATE)
    box.setSpecialValueText(any_text)
    box.setDate(ANY_DATE)
    box.setToolTip(tooltip)
    return box


def date_value(box: QDateEdit) -> date | None:
    value = box.date()
    if value == box.minimumDate() or not value.isValid():
        return None
    result = value.toPython()
    assert isinstance(result, date)
    return result


def clear_layout(layout: QVBoxLayout) -> None:
    """Remove every widget of a card list (the trailing stretch is added again by the caller)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()


class CountryBox(QComboBox):
    """An editable country filter: "any country", the ISO codes known so far, or free text."""

    def __init__(self, any_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(14)
        self._any_text = any_text
        self._names: dict[str, str] = {}
        self.addItem(any_text, None)

    def add_countries(self, names: Mapping[str, str]) -> None:
        """Add codes (with their names) not listed yet, keeping the list sorted and the current text."""
        new = {code.upper(): name for code, name in names.items() if code and code.upper() not in self._names}
        if not new:
            return
        text = self.currentText()
        self._names.update(new)
        self.blockSignals(True)
        self.clear()
        self.addItem(self._any_text, None)
        for code in sorted(self._names):
            name = self._names[code]
            self.addItem(f"{code} · {name}" if name and name != code else code, code)
        self.setCurrentText(text)
        self.blockSignals(False)

    def line_edit(self) -> QLineEdit:
        edit = self.lineEdit()
        assert edit is not None  # the box is editable
        return edit

    def codes(self) -> list[str]:
        return sorted(self._names)

    def choice(self) -> tuple[str | None, str]:
        """(ISO code, "") for a listed country, (None, "") for any, (None, text) for free text to resolve."""
        text = self.currentText().strip()
        if not text or text == self._any_text:
            return None, ""
        index = self.findText(text)
        if index >= 0:
            data = self.itemData(index)
            return (str(data) if data else None), ""
        if len(text) == 2 and text.upper() in self._names:
            return text.upper(), ""
        return None, text


# --- cards -----------------------------------------------------------------------------------------


class HitCard(QFrame):
    """One passage with its report, date and age, language, citation and superseded warning."""

    pin_clicked = Signal(object)  # HitCard
    fact_clicked = Signal(str)

    def __init__(
        self,
        hit: CoiHit,
        terms: Sequence[str],
        fact_html: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("coiCard")
        self.hit = hit
        self.pin_id: str | None = None
        report, passage = hit.report, hit.passage
        citation = cite(report, passage)

        self.title_label = make_label(report.title, self, name="cardTitle")
        age = age_text(hit.age_days)
        self.meta_label = make_label(
            i18n.fmt(
                self.tr("%1 · %2 · published %3 (%4) · %5"),
                report.source,
                report.country,
                report.published.isoformat(),
                age,
                i18n.language_label(passage.language),
            ),
            self,
            name="muted",
        )
        self.warning_label = make_label("", self, name="supersededWarning")
        newer = hit.superseded_by
        if newer is not None:
            self.warning_label.setText(
                i18n.fmt(
                    self.tr(
                        "Superseded: %1 published a newer report on this country, “%2” (%3). Check it before "
                        "citing this one."
                    ),
                    newer.source,
                    newer.title,
                    newer.published.isoformat(),
                )
            )
        self.warning_label.setVisible(newer is not None)
        self.passage_label = make_label(highlight_html(passage.text, terms), self, name="passage", rich=True)
        self.citation_text = hit.citation or citation.short()
        self.citation_label = make_label(i18n.fmt(self.tr("Citation: %1"), self.citation_text), self, name="citation")
        self.citation_label.setToolTip(citation.full())
        found = {"text": self.tr("words"), "meaning": self.tr("meaning")}
        self.found_label = make_label(
            i18n.fmt(self.tr("Found by: %1"), ", ".join(found.get(m, m) for m in hit.matched_by) or "—"),
            self,
            name="muted",
        )
        self.facts_label = make_label("", self, rich=True)
        if fact_html:
            self.facts_label.setText(i18n.fmt(self.tr("Found from the facts: %1"), fact_html))
        self.facts_label.setVisible(bool(fact_html))
        self.facts_label.linkActivated.connect(self._link)

        self.pin_button = QPushButton(self.tr("Pin"), self)
        self.pin_button.setObjectName("pinButton")
        self.pin_button.clicked.connect(lambda: self.pin_clicked.emit(self))
        self.copy_button = QPushButton(self.tr("Copy citation"), self)
        self.copy_button.clicked.connect(self.copy_citation)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.found_label, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.pin_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        for widget in (
            self.title_label,
            self.meta_label,
            self.warning_label,
            self.passage_label,
            self.citation_label,
            self.facts_label,
        ):
            layout.addWidget(widget)
        layout.addLayout(buttons)

    def _link(self, href: str) -> None:
        if href.startswith(LINK_PREFIX):
            self.fact_clicked.emit(href[len(LINK_PREFIX) :])

    def copy_citation(self) -> None:
        QGuiApplication.clipboard().setText(self.citation_text)

    def set_pin_state(self, pin_id: str | None, can_pin: bool, why_not: str) -> None:
        """Pinned to the current target: the button unpins; else it pins."""
        self.pin_id = pin_id
        self.setProperty("pinned", pin_id is not None)
        self.style().unpolish(self)
        self.style().polish(self)
        self.pin_button.setText(self.tr("Unpin") if pin_id else self.tr("Pin"))
        self.pin_button.setEnabled(can_pin)
        self.pin_button.setToolTip(why_not if not can_pin else "")


class PinCard(QFrame):
    """One pin of the case: what it is pinned to, the passage (shortened), its citation, and Unpin."""

    unpin_clicked = Signal(str)
    fact_clicked = Signal(str)

    def __init__(self, pin: Pin, fact_html: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coiCard")
        self.pin = pin
        if pin.suggestion_id:
            target = i18n.fmt(self.tr("Pinned to the fact %1"), fact_html)
        else:
            target = html.escape(self.tr("Pinned to the case"))
        when = pin.pinned_at.strftime("%Y-%m-%d %H:%M")
        self.target_label = make_label(f"{target} · {html.escape(when)}", self, name="muted", rich=True)
        self.target_label.linkActivated.connect(
            lambda href: self.fact_clicked.emit(href[len(LINK_PREFIX) :]) if href.startswith(LINK_PREFIX) else None
        )
        self.title_label = make_label(pin.report.title, self, name="cardTitle")
        text = pin.passage.text
        short = text if len(text) <= PIN_EXCERPT_CHARS else text[:PIN_EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"
        self.passage_label = make_label(short, self, name="passage")
        self.passage_label.setToolTip(text if short != text else "")
        self.citation_label = make_label(i18n.fmt(self.tr("Citation: %1"), pin.citation), self, name="citation")
        self.note_label = make_label(i18n.fmt(self.tr("Note: %1"), pin.note), self, name="muted")
        self.note_label.setVisible(bool(pin.note))
        self.unpin_button = QPushButton(self.tr("Unpin"), self)
        self.unpin_button.setObjectName("unpinButton")
        self.unpin_button.clicked.connect(lambda: self.unpin_clicked.emit(pin.id))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.target_label, 1)
        row.addWidget(self.unpin_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(3)
        layout.addLayout(row)
        for widget in (self.title_label, self.passage_label, self.citation_label, self.note_label):
            layout.addWidget(widget)


def age_text(days: int) -> str:
    """A report's age in words: days under two months, months under two years, then years.

    A module function translates with a fixed context (``widget.tr`` would look the text up under the
    widget's class name, which is not where pyside6-lupdate files it).
    """
    if days < 60:
        return QCoreApplication.translate("CoiPanel", "%n day(s) old", None, max(0, days))
    if days < 730:
        return QCoreApplication.translate("CoiPanel", "%n month(s) old", None, days // 30)
    return QCoreApplication.translate("CoiPanel", "%n year(s) old", None, days // 365)


def card_list(parent: QWidget) -> tuple[QScrollArea, QVBoxLayout]:
    """A scrolling column of cards (with a trailing stretch)."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    body = QWidget(area)
    body.setObjectName("cardList")
    layout = QVBoxLayout(body)
    layout.setContentsMargins(8, 6, 8, 6)
    layout.setSpacing(6)
    layout.addStretch(1)
    area.setWidget(body)
    return area, layout


# --- the panel -------------------------------------------------------------------------------------


class CoiPanel(QWidget):
    """Search the COI library, see suggested excerpts for the open case, pin and unpin them."""

    open_source = Signal(str, int, int, int)
    open_fact = Signal(str)
    results_shown = Signal(str)
    countries_loaded = Signal()  # the library's countries are in the country filter
    pins_loaded = Signal(int)
    pinned = Signal(object)
    unpinned = Signal(str)
    status_message = Signal(str)

    def __init__(self, workbench: CoiWorkbench, runner: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coiPanel")
        self.setStyleSheet(PANEL_STYLE)
        self.workbench = workbench
        self.runner = runner
        self._case_id: str | None = None
        self._current_fact: str | None = None
        self._facts: CaseFacts = CaseFacts({}, ())
        self._pins: list[Pin] = []
        self._request = 0  # results of older requests are dropped
        self._pin_request = 0
        self._can_pin = True
        self._why_not = ""
        self._busy_passages: set[int] = set()
        self.cards: list[HitCard] = []
        self.pin_cards: list[PinCard] = []

        title = QLabel(self.tr("Country information"), self)
        title.setObjectName("sectionTitle")
        self.title_label = title  # hidden inside the workspace, whose tab already says it
        explain = QLabel(
            self.tr(
                "Passages from country-of-origin reports, each with its citation. A match says how well a "
                "passage fits the search, nothing about the applicant."
            ),
            self,
        )
        explain.setObjectName("muted")
        explain.setWordWrap(True)

        self.query_edit = QLineEdit(self)
        self.query_edit.setObjectName("coiQuery")
        self.query_edit.setPlaceholderText(self.tr("Search the reports (any language)…"))
        self.query_edit.setClearButtonEnabled(True)
        self.country_box = CountryBox(self.tr("Any country"), self)
        self.country_box.setToolTip(self.tr("A country of the library, or type a country name or ISO code"))
        self.from_date = date_box(self, self.tr("any date"), self.tr("Published on or after"))
        self.to_date = date_box(self, self.tr("any date"), self.tr("Published on or before"))
        self.suggest_button = QPushButton(self.tr("Suggested for this case"), self)
        self.suggest_button.setObjectName("suggestButton")
        self.suggest_button.setToolTip(
            self.tr("Passages found with the case's facts (events, grounds, agents), limited to its countries")
        )
        self.target_label = QLabel(self)
        self.target_label.setObjectName("muted")
        self.notice_label = make_label("", self, name="fullTextNotice")
        self.notice_label.setVisible(False)
        self.status_label = make_label("", self, name="muted")
        self.error_label = make_label("", self, name="panelError")
        self.error_label.setVisible(False)

        self.results_area, self.results_layout = card_list(self)
        pins_title = QLabel(self.tr("Pinned to this case"), self)
        pins_title.setObjectName("sectionTitle")
        self.pins_count = QLabel(self)
        self.pins_count.setObjectName("muted")
        self.pins_area, self.pins_layout = card_list(self)

        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.query_edit, 3)
        filters.addWidget(self.country_box, 1)
        filters.addWidget(QLabel(self.tr("From"), self))
        filters.addWidget(self.from_date)
        filters.addWidget(QLabel(self.tr("to"), self))
        filters.addWidget(self.to_date)
        actions = QHBoxLayout()
        actions.addWidget(self.suggest_button)
        actions.addWidget(self.target_label, 1)
        top = QVBoxLayout()
        top.setContentsMargins(8, 6, 8, 4)
        top.setSpacing(4)
        top.addWidget(title)
        top.addWidget(explain)
        top.addLayout(filters)
        top.addLayout(actions)
        top.addWidget(self.notice_label)
        top.addWidget(self.error_label)
        top.addWidget(self.status_label)
        results_box = QWidget(self)
        results_layout = QVBoxLayout(results_box)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addLayout(top)
        results_layout.addWidget(self.results_area, 1)
        pins_box = QWidget(self)
        pins_layout = QVBoxLayout(pins_box)
        pins_layout.setContentsMargins(0, 4, 0, 0)
        pins_header = QHBoxLayout()
        pins_header.setContentsMargins(8, 0, 8, 0)
        pins_header.addWidget(pins_title)
        pins_header.addWidget(self.pins_count, 1)
        pins_layout.addLayout(pins_header)
        pins_layout.addWidget(self.pins_area, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(results_box)
        self.splitter.addWidget(pins_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search_now)
        self.query_edit.textChanged.connect(lambda _text: self._debounce.start())
        self.query_edit.returnPressed.connect(self.search_now)
        self.country_box.activated.connect(lambda _index: self._filters_changed())
        self.country_box.line_edit().editingFinished.connect(self._filters_changed)
        self.from_date.dateChanged.connect(lambda _d: self._filters_changed())
        self.to_date.dateChanged.connect(lambda _d: self._filters_changed())
        self.suggest_button.clicked.connect(self.suggest)
        self._load_library_countries()
        self.set_case(None)

    # --- public --------------------------------------------------------------------------------

    @property
    def case_id(self) -> str | None:
        return self._case_id

    def set_case(self, case_id: str | None) -> None:
        """Show the panel for another case (None: no case open); older results are dropped."""
        if case_id == self._case_id and case_id is not None:
            return
        self._case_id = case_id
        self._current_fact = None
        self._facts = CaseFacts({}, ())
        self._pins = []
        self._request += 1
        self._pin_request += 1
        self._clear_results()
        self._show_pins([])
        self.notice_label.setVisible(False)
        self.error_label.setVisible(False)
        self.suggest_button.setEnabled(case_id is not None)
        self.status_label.setText(
            self.tr("Type to search the library.") if case_id else self.tr("Open a case to pin passages to it.")
        )
        self._update_target()
        if case_id is None:
            return
        workbench = self.workbench
        self.runner.submit(
            "coi.case_facts",
            lambda: load_case_facts(workbench, case_id),
            on_result=lambda facts: self._facts_loaded(case_id, facts),
            on_error=lambda _exc: None,  # links then show ids; pins and search still work
            owner=self,
        )
        self.reload_pins()
        self.load_countries()
        if self.query_edit.text().strip():
            self.search_now()

    def load_countries(self) -> None:
        """List the library's countries in the country filter (in a worker; the library may have grown)."""
        workbench = self.workbench

        def listed(countries: list[LibraryCountry]) -> None:
            self.country_box.add_countries({c.code: c.name for c in countries})
            self.countries_loaded.emit()

        self.runner.submit(
            "coi.countries",
            workbench.coi_countries,
            on_result=listed,
            on_error=lambda _exc: None,  # the filter still takes a typed country name or code
            owner=self,
        )

    def set_current_fact(self, suggestion_id: str | None) -> None:
        """Pins go to this fact of the open case (None: to the case itself)."""
        self._current_fact = suggestion_id
        self._update_target()
        self._update_cards()

    def set_can_pin(self, can_pin: bool, why_not: str = "") -> None:
        """Only someone who may record findings on the case can pin (the core checks it too)."""
        self._can_pin = can_pin
        self._why_not = why_not
        self._update_cards()
        for card in self.pin_cards:
            card.unpin_button.setEnabled(can_pin)
            card.unpin_button.setToolTip(why_not if not can_pin else "")

    def search_now(self) -> None:
        """Search with the current query and filters in a worker (an empty query clears the results)."""
        self._debounce.stop()
        query = self.query_edit.text().strip()
        self._request += 1
        request = self._request
        if not query:
            self._clear_results()
            self.notice_label.setVisible(False)
            self.status_label.setText(self.tr("Type to search the library."))
            return
        code, free_text = self.country_box.choice()
        published_from, published_to = date_value(self.from_date), date_value(self.to_date)
        workbench, case_id = self.workbench, self._case_id

        def work() -> tuple[SearchResults, str | None, bool, dict[str, str]]:
            country, unknown = code, False
            if free_text:
                country = resolve_country(free_text)
                unknown = country is None
            results = workbench.coi_search(
                query,
                country=country,
                top=SEARCH_TOP,
                published_from=published_from,
                published_to=published_to,
                case_id=case_id,
            )
            names = country_names({h.report.country for h in results.hits} | ({country} if country else set()))
            return results, country, unknown, names

        self.status_label.setText(i18n.fmt(self.tr("Searching for “%1”…"), query))
        self.error_label.setVisible(False)
        self.runner.submit(
            "coi.search",
            work,
            on_result=lambda value: self._search_done(request, case_id, value, free_text),
            on_error=lambda exc: self._failed(request, exc, self.tr("Search failed")),
            owner=self,
        )

    def suggest(self) -> None:
        """Passages suggested from the open case's facts (Workbench.suggest_excerpts) in a worker."""
        case_id = self._case_id
        if case_id is None:
            return
        self._debounce.stop()
        self._request += 1
        request = self._request
        workbench = self.workbench

        def work() -> tuple[list[ExcerptSuggestion], dict[str, str]]:
            found = workbench.suggest_excerpts(case_id, SUGGEST_TOP)
            return found, country_names({s.hit.report.country for s in found})

        self.status_label.setText(self.tr("Looking for passages that match this case's facts…"))
        self.error_label.setVisible(False)
        self.suggest_button.setEnabled(False)
        self.runner.submit(
            "coi.suggest",
            work,
            on_result=lambda value: self._suggest_done(request, case_id, value),
            on_error=lambda exc: self._failed(request, exc, self.tr("Suggestions failed")),
            on_finished=lambda: self.suggest_button.setEnabled(self._case_id is not None),
            owner=self,
        )

    def reload_pins(self) -> None:
        case_id = self._case_id
        if case_id is None:
            return
        self._pin_request += 1
        request = self._pin_request
        workbench = self.workbench
        self.runner.submit(
            "coi.pins",
            lambda: workbench.pins(case_id),
            on_result=lambda pins: self._pins_done(request, case_id, pins),
            on_error=lambda exc: self._failed(None, exc, self.tr("Pins not loaded")),
            owner=self,
        )

    def pin(self, passage_id: int) -> None:
        """Pin a passage to the case, or to the current fact; the core stores and audits it."""
        case_id, suggestion_id = self._case_id, self._current_fact
        if case_id is None or passage_id in self._busy_passages:
            return
        self._busy_passages.add(passage_id)
        workbench = self.workbench

        def done(pin: Pin) -> None:
            if case_id != self._case_id:
                return
            self.status_message.emit(i18n.fmt(self.tr("Pinned: %1"), pin.citation))
            self.pinned.emit(pin)
            self.reload_pins()

        self.runner.submit(
            "coi.pin",
            lambda: workbench.pin_excerpt(case_id, passage_id, suggestion_id=suggestion_id),
            on_result=done,
            on_error=lambda exc: self._failed(None, exc, self.tr("Not pinned")),
            on_finished=lambda: self._busy_passages.discard(passage_id),
            owner=self,
        )

    def unpin(self, pin_id: str) -> None:
        case_id = self._case_id
        if case_id is None:
            return
        workbench = self.workbench

        def done(_none: object) -> None:
            if case_id != self._case_id:
                return
            self.status_message.emit(self.tr("Pin removed (the removal is recorded in the audit log)."))
            self.unpinned.emit(pin_id)
            self.reload_pins()

        self.runner.submit(
            "coi.unpin",
            lambda: workbench.unpin_excerpt(pin_id),
            on_result=done,
            on_error=lambda exc: self._failed(None, exc, self.tr("Not unpinned")),
            owner=self,
        )

    # --- results -------------------------------------------------------------------------------

    def _search_done(
        self,
        request: int,
        case_id: str | None,
        value: tuple[SearchResults, str | None, bool, dict[str, str]],
        free_text: str,
    ) -> None:
        if request != self._request or case_id != self._case_id:
            return  # the examiner typed on or opened another case
        results, _country, unknown, names = value
        self.country_box.add_countries(names)
        self._show_hits([(hit, None) for hit in results.hits], query_terms([results.query]))
        full_text = results.mode == "full_text"
        self.notice_label.setText(
            self.tr(
                "Full-text search only (AI is off or the meaning engine is missing): passages in other "
                "languages than the query are not found."
            )
        )
        self.notice_label.setToolTip(results.notice)
        self.notice_label.setVisible(full_text)
        if results.hits:
            status = self.tr("%n passage(s) for “%1”.", "", len(results.hits)).replace("%1", results.query)
        else:
            status = i18n.fmt(self.tr("No passage found for “%1”."), results.query)
        if unknown:
            status += " " + i18n.fmt(
                self.tr("“%1” is not a country name or code the library knows: all countries were searched."),
                free_text,
            )
        self.status_label.setText(status)
        self.results_shown.emit("search")

    def _suggest_done(self, request: int, case_id: str, value: tuple[list[ExcerptSuggestion], dict[str, str]]) -> None:
        if request != self._request or case_id != self._case_id:
            return
        found, names = value
        self.country_box.add_countries(names)
        self.notice_label.setVisible(False)
        terms = query_terms(q for s in found for q in s.queries)
        self._show_hits([(s.hit, s) for s in found], terms)
        if found:
            self.status_label.setText(self.tr("%n passage(s) suggested from this case's facts.", "", len(found)))
        else:
            self.status_label.setText(
                self.tr("No passage found from this case's facts (events, grounds, agents of persecution).")
            )
        self.results_shown.emit("suggested")

    def _show_hits(self, items: Sequence[tuple[CoiHit, ExcerptSuggestion | None]], terms: Sequence[str]) -> None:
        self._clear_results()
        for hit, suggestion in items:
            links = fact_links(self._facts.facts, suggestion.suggestion_ids) if suggestion else ""
            card = HitCard(hit, terms, links)
            card.pin_clicked.connect(self._card_button)
            card.fact_clicked.connect(self._fact_clicked)
            self.results_layout.insertWidget(self.results_layout.count() - 1, card)
            self.cards.append(card)
        self._update_cards()
        self.results_area.verticalScrollBar().setValue(0)

    def _clear_results(self) -> None:
        self.cards = []
        clear_layout(self.results_layout)
        self.results_layout.addStretch(1)

    def _card_button(self, card: HitCard) -> None:
        if card.pin_id:
            self.unpin(card.pin_id)
        else:
            self.pin(card.hit.passage.id)

    def _update_cards(self) -> None:
        target = self._current_fact
        pinned = {(p.passage.id, p.suggestion_id): p.id for p in self._pins}
        can_pin = self._can_pin and self._case_id is not None
        why_not = self._why_not if self._case_id is not None else self.tr("Open a case to pin passages to it.")
        for card in self.cards:
            card.set_pin_state(pinned.get((card.hit.passage.id, target)), can_pin, why_not)

    # --- pins ------------------------------------------------------------------------------------

    def _pins_done(self, request: int, case_id: str, pins: list[Pin]) -> None:
        if request != self._pin_request or case_id != self._case_id:
            return
        self._show_pins(pins)
        self.pins_loaded.emit(len(pins))

    def _show_pins(self, pins: list[Pin]) -> None:
        self._pins = list(pins)
        self.pin_cards = []
        clear_layout(self.pins_layout)
        for pin in self._pins:
            card = PinCard(pin, fact_links(self._facts.facts, [pin.suggestion_id]) if pin.suggestion_id else "")
            card.unpin_clicked.connect(self.unpin)
            card.fact_clicked.connect(self._fact_clicked)
            card.unpin_button.setEnabled(self._can_pin)
            card.unpin_button.setToolTip(self._why_not if not self._can_pin else "")
            self.pins_layout.addWidget(card)
            self.pin_cards.append(card)
        self.pins_layout.addStretch(1)
        self.pins_count.setText(self.tr("%n pin(s)", "", len(pins)) if self._case_id else self.tr("no case open"))
        self._update_cards()

    # --- facts and targets -----------------------------------------------------------------------

    def _facts_loaded(self, case_id: str, facts: CaseFacts) -> None:
        if case_id != self._case_id:
            return
        self._facts = facts
        self.country_box.add_countries(dict(facts.countries))
        self._update_target()
        self._show_pins(self._pins)  # fact labels instead of ids

    def _update_target(self) -> None:
        if self._case_id is None:
            self.target_label.setText("")
        elif self._current_fact is None:
            self.target_label.setText(self.tr("Pins go to the case."))
        else:
            fact = self._facts.facts.get(self._current_fact)
            label = fact.label if fact is not None else self._current_fact
            self.target_label.setText(i18n.fmt(self.tr("Pins go to the fact “%1”."), label))

    def _fact_clicked(self, suggestion_id: str) -> None:
        emit_fact_source(self._facts.facts, suggestion_id, self.open_fact.emit, self.open_source.emit)

    # --- misc ------------------------------------------------------------------------------------

    def _filters_changed(self) -> None:
        if self.query_edit.text().strip():
            self._debounce.start()

    def _failed(self, request: int | None, exc: BaseException, what: str) -> None:
        if request is not None and request != self._request:
            return
        message = error_text(exc)[0]
        self.error_label.setText(f"{what}: {message}")
        self.error_label.setVisible(True)
        if request is not None:
            self.status_label.setText("")

    def _load_library_countries(self) -> None:
        """Countries of the library, when the core offers a cheap way to list them (``coi_countries``)."""
        lister = getattr(self.workbench, "coi_countries", None)
        if not callable(lister):
            return  # the list grows from results and the case's facts instead

        def work() -> dict[str, str]:
            return country_names(str(code) for code in lister())

        self.runner.submit("coi.countries", work, on_result=self.country_box.add_countries, on_error=lambda _e: None)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.country_box.codes():
            self._load_library_countries()


def emit_fact_source(
    facts: Mapping[str, CaseFact],
    suggestion_id: str,
    open_fact: Callable[[str], None],
    open_source: Callable[[str, int, int, int], None],
) -> None:
    """A fact of the open case was clicked: name it, and its source span when it has one."""
    open_fact(suggestion_id)
    fact = facts.get(suggestion_id)
    prov = fact.provenance if fact is not None else None
    if prov is not None:
        open_source(prov.document_id, prov.page, prov.start, prov.end)
