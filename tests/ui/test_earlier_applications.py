"""Possible earlier applications above the facts table, and conflicting values side by side in the facts panel.

The fake core answers ``earlier_application_hints`` from worker threads; tests wait on signals, never sleep.
"""

from __future__ import annotations

import threading
from dataclasses import replace

from pytestqt.qtbot import QtBot

from examiner_app.domain import FactField, ModelRef, Provenance, Suggestion, SuggestionStatus
from examiner_app.earlier_applications import EarlierApplicationHint, EarlierApplicationHints, PersonMention
from examiner_app.extraction.facts.name_match import compare_names
from examiner_app.ui.earlier_applications import EarlierApplicationsBox
from examiner_app.ui.main_window import MainWindow
from examiner_app.ui.workers import JobRunner

from .fakes import FakeWorkbench, sample_workbench

THIS = PersonMention("c-1", "s-person_name-1-11", "Karim Haddad", "pending", "d-1", "statement.png", 1, 11, 23)
OTHER = PersonMention("c-9", "s-old", "كريم حداد", "accepted", "d-9", "form_2019.png", 2, 40, 49)
MATCH = compare_names(THIS.name, OTHER.name)
READABLE = EarlierApplicationHint(
    hint_id="s-person_name-1-11:s-old",
    restricted=False,
    this_name=THIS,
    other_name=OTHER,
    case_id="c-9",
    case_title="Claim of 2019",
    case_reference="OLD-2019",
    score=MATCH.score,
    strength=MATCH.strength,
    reason=MATCH.reason,
    supporting=("same date of birth: 1990-03-12",),
    weakening=("different nationality: SY here, LB there",),
    matched_parts=MATCH.pairs,
    birth_dates_here=("1990-03-12",),
    birth_dates_there=("1990-03-12",),
    nationalities_here=("SY",),
    nationalities_there=("LB",),
)
RESTRICTED = EarlierApplicationHint(
    hint_id="s-person_name-1-11:restricted-2",
    restricted=True,
    this_name=THIS,
    other_name=None,
    case_id="",
    case_title="",
    case_reference="",
    score=0.0,
    strength="strong",
    reason="",
)


def hints_for(case_id: str, *hints: EarlierApplicationHint) -> EarlierApplicationHints:
    return EarlierApplicationHints(case_id, tuple(hints), (), cases_compared=12, elapsed_ms=3.0)


def make_box(qtbot: QtBot, workbench: FakeWorkbench, runner: JobRunner) -> EarlierApplicationsBox:
    box = EarlierApplicationsBox(workbench, runner)
    qtbot.addWidget(box)
    box.show()
    return box


def test_a_hint_shows_both_names_both_sources_and_what_speaks_for_and_against_it(
    qtbot: QtBot, fake_wb: FakeWorkbench, runner: JobRunner
) -> None:
    fake_wb.earlier_hints["c-1"] = hints_for("c-1", READABLE, RESTRICTED)
    box = make_box(qtbot, fake_wb, runner)
    with qtbot.waitSignal(box.hints_shown, timeout=5000) as shown:
        box.set_case("c-1")
    assert shown.args == [2]
    assert fake_wb.earlier_calls == ["c-1"]
    assert box.isVisible()
    text = box.visible_text()
    assert "Possible earlier application: 2 hint(s) to check" in text
    first, second = (label.text() for label in box.hint_labels)
    assert "same or similar name in case OLD-2019 — check." in first
    assert "Karim Haddad" in first
    assert "statement.png, page 1, characters 11–23" in first
    assert "Case OLD-2019: كريم حداد — source: form_2019.png, page 2, characters 40–49" in first
    assert "Karim ≈ كريم (other script)" in first
    assert "Supports the hint: same date of birth (1990-03-12)" in first
    assert "Speaks against it: different nationality (SY here, LB there)" in first
    # A case the examiner may not read: no name, no source, no case, only whom to ask.
    assert "a case you are not assigned to. Ask your supervisor to check it." in second
    for secret in ("كريم", "form_2019", "OLD-2019", "c-9"):
        assert secret not in second
    with qtbot.waitSignal(box.open_fact, timeout=2000) as opened:
        box.hint_labels[0].linkActivated.emit("fact:s-person_name-1-11")
    assert opened.args == ["s-person_name-1-11"]
    box.toggle_button.click()
    assert not box.body.isVisible()


def test_no_hint_hides_the_box_and_a_failure_says_why(qtbot: QtBot, fake_wb: FakeWorkbench, runner: JobRunner) -> None:
    box = make_box(qtbot, fake_wb, runner)
    with qtbot.waitSignal(box.hints_shown, timeout=5000) as shown:
        box.set_case("c-1")
    assert shown.args == [0]
    assert not box.isVisible()
    with qtbot.waitSignal(box.hints_shown, timeout=5000):
        box.set_case("c-404")  # the fake refuses unknown cases like the core does
    assert box.isVisible()
    assert "could not be looked up: No case with id c-404" in box.visible_text()


def test_a_result_for_a_case_no_longer_open_is_dropped(qtbot: QtBot, fake_wb: FakeWorkbench, runner: JobRunner) -> None:
    fake_wb.earlier_hints["c-1"] = hints_for("c-1", READABLE)
    second = fake_wb.create_case("Second", "REF-2")
    gate = threading.Event()
    fake_wb.earlier_gate = gate
    box = make_box(qtbot, fake_wb, runner)
    box.set_case("c-1")
    box.set_case(second.id)
    with qtbot.waitSignal(box.hints_shown, timeout=5000) as shown:
        gate.set()
    assert shown.args == [0]
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)
    assert box.hints == ()
    assert not box.isVisible()


def _open_case(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.cases_loaded, timeout=5000):
        window.refresh_cases()
    with (
        qtbot.waitSignal(window.workspace.earlier.hints_shown, timeout=5000),
        qtbot.waitSignal(window.workspace.page_shown, timeout=5000),
    ):
        assert window.case_list.select_case("c-1")


def test_the_workspace_shows_hints_above_the_facts_and_opens_the_name_on_its_page(
    qtbot: QtBot, runner: JobRunner
) -> None:
    from .conftest import make_window

    workbench = sample_workbench()
    workbench.earlier_hints["c-1"] = hints_for("c-1", READABLE)
    window = make_window(qtbot, workbench, runner)
    _open_case(qtbot, window)
    box = window.workspace.earlier
    assert box.isVisible()
    assert window.workspace.facts.isAncestorOf(box)
    assert "OLD-2019" in box.visible_text()
    with qtbot.waitSignal(window.workspace.highlight_shown, timeout=5000):
        box.hint_labels[0].linkActivated.emit("fact:s-person_name-1-11")
    assert window.workspace.facts.selected_suggestion().id == "s-person_name-1-11"  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)


def test_facts_panel_shows_two_spellings_and_two_dates_side_by_side(qtbot: QtBot, runner: JobRunner) -> None:
    from .conftest import make_window

    workbench = sample_workbench()
    name = workbench.suggestions["s-person_name-1-11"]
    assert name.provenance is not None
    rules = ModelRef("rules", "identity", "1")
    arabic = Suggestion(
        "s-name-ar",
        "c-1",
        FactField.PERSON_NAME,
        "كريم حداد",
        None,
        0.7,
        Provenance("d-1", "statement.png", 2, 0, 9, (), rules),
        SuggestionStatus.PENDING,
    )
    dob = next(s for s in workbench.suggestions.values() if s.field is FactField.DATE_OF_BIRTH)
    other_dob = replace(
        dob,
        id="s-dob-2",
        value="13 March 1991",
        normalized="1991-03-13",
        provenance=replace(name.provenance, page=2),
    )
    for s in (arabic, other_dob):
        workbench.suggestions[s.id] = s
    window = make_window(qtbot, workbench, runner)
    _open_case(qtbot, window)
    facts = window.workspace.facts
    assert facts.conflicts_label.isVisible()
    assert facts.conflict_count == 2
    text = facts.conflicts_label.text()
    assert "Karim Haddad</a> (statement.png p. 1) ≈ <a" in text
    assert "كريم حداد</a> (statement.png p. 2)" in text
    assert "the same person written differently?" in text
    assert "12 March 1990</a> (statement.png p. 1) ≠ <a" in text
    # A value's link selects its row, even when a filter hides it.
    facts.confidence_slider.setValue(80)
    assert not facts.select_suggestion("s-name-ar")
    facts.conflicts_label.linkActivated.emit("fact:s-name-ar")
    assert facts.selected_suggestion().id == "s-name-ar"  # type: ignore[union-attr]
    assert facts.confidence_slider.value() == 0
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)


def test_a_pending_lookup_runs_once_per_case(qtbot: QtBot, fake_wb: FakeWorkbench, runner: JobRunner) -> None:
    """Set up with load=False, the lookup runs when the case has loaded, and only once until invalidated."""
    fake_wb.earlier_hints["c-1"] = hints_for("c-1", READABLE)
    box = make_box(qtbot, fake_wb, runner)
    box.set_case("c-1", load=False)
    assert fake_wb.earlier_calls == []
    box.load_if_pending("c-2")  # another case's load finishing does not start it
    assert fake_wb.earlier_calls == []
    with qtbot.waitSignal(box.hints_shown, timeout=5000) as shown:
        box.load_if_pending("c-1")
    assert shown.args == [1]
    assert fake_wb.earlier_calls == ["c-1"]
    box.load_if_pending("c-1")  # nothing pending any more
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)
    assert fake_wb.earlier_calls == ["c-1"]
    box.invalidate()
    with qtbot.waitSignal(box.hints_shown, timeout=5000):
        box.load_if_pending("c-1")
    assert fake_wb.earlier_calls == ["c-1", "c-1"]
