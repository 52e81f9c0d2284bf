"""The COI and similar-cases panels inside the workspace: tabs, shortcuts, the open case, facts, sources."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from examiner_app.domain import Role
from examiner_app.ui.main_window import MainWindow
from examiner_app.ui.workers import JobRunner

from .conftest import make_window
from .fakes import FakeWorkbench, sample_workbench
from .test_workspace import open_case, sid, wait_idle


def test_panels_are_tabs_with_shortcuts_and_follow_the_open_case(
    qtbot: QtBot, window: MainWindow, runner: JobRunner, fake_wb: FakeWorkbench
) -> None:
    workspace = window.workspace
    tabs = workspace.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Facts to review",
        "Summary",
        "Evidence by element",
        "What is new",
        "Country information",
        "Similar cases",
    ]
    assert "not predictions" in tabs.tabToolTip(workspace.similar_tab)
    assert window.coi_action.shortcut().toString() == "Ctrl+3"
    assert window.similar_action.shortcut().toString() == "Ctrl+4"
    assert workspace.coi.case_id is None
    assert workspace.similar.case_id is None

    open_case(qtbot, window)
    assert workspace.coi.case_id == "c-1"
    assert workspace.similar.case_id == "c-1"
    wait_idle(qtbot, runner)
    assert ("pins", "c-1") in fake_wb.coi_calls
    # The similar-case search is audited: it waits until the tab is shown.
    assert not any(method == "similar_cases" for method, _case in fake_wb.coi_calls)

    window.coi_action.trigger()
    assert tabs.currentWidget() is workspace.coi
    with qtbot.waitSignal(workspace.similar.results_shown, timeout=5000):
        window.similar_action.trigger()
    assert tabs.currentWidget() is workspace.similar
    assert ("similar_cases", "c-1") in fake_wb.coi_calls
    wait_idle(qtbot, runner)


def test_selected_fact_is_the_pin_target_and_a_fact_link_opens_its_source(
    qtbot: QtBot, window: MainWindow, runner: JobRunner, fake_wb: FakeWorkbench
) -> None:
    open_case(qtbot, window)
    workspace = window.workspace
    wait_idle(qtbot, runner)
    target = sid(fake_wb, "12 March 1990")
    assert workspace.facts.select_suggestion(target)
    assert workspace.coi._current_fact == target
    assert "12 March 1990" in workspace.coi.target_label.text()

    workspace.facts.table.clearSelection()
    other = sid(fake_wb, "3 May 2021")
    with qtbot.waitSignal(workspace.highlight_shown, timeout=5000, check_params_cb=lambda s: s == other):
        workspace.coi.open_fact.emit(other)
    wait_idle(qtbot, runner)


def test_only_examiners_can_pin(qtbot: QtBot, runner: JobRunner) -> None:
    workbench = sample_workbench(Role.REVIEWER)
    window = make_window(qtbot, workbench, runner)
    assert window.workspace.coi._can_pin is False
    assert "only an examiner" in window.workspace.coi._why_not
    wait_idle(qtbot, runner)
