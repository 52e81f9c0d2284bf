"""The case workspace against a fake Workbench: loading, provenance highlights, review keys, filters."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from examiner_app.domain import DecisionAction, Role, SuggestionStatus
from examiner_app.ui.dialogs import ReasonDialog
from examiner_app.ui.main_window import MainWindow
from examiner_app.ui.page_viewer import HIGHLIGHT_PADDING
from examiner_app.ui.qt_models import FactTableModel, Roles
from examiner_app.ui.workers import JobRunner

from .conftest import make_window
from .fakes import FakeWorkbench, sample_workbench


def open_case(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.cases_loaded, timeout=5000):
        window.refresh_cases()
    with qtbot.waitSignal(window.workspace.page_shown, timeout=5000):
        assert window.case_list.select_case("c-1")


def sid(workbench: FakeWorkbench, value: str) -> str:
    return next(s.id for s in workbench.suggestions.values() if s.value == value)


def wait_idle(qtbot, runner: JobRunner) -> None:
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)


def select_fact(qtbot, window: MainWindow, suggestion_id: str) -> None:
    with qtbot.waitSignal(
        window.workspace.highlight_shown, timeout=5000, check_params_cb=lambda sid: sid == suggestion_id
    ):
        assert window.workspace.facts.select_suggestion(suggestion_id)


def reason_dialog(window: MainWindow) -> ReasonDialog:
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ReasonDialog) and w.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_case_opens_with_documents_facts_and_failed_file_message(qtbot, window, runner, fake_wb):
    open_case(qtbot, window)
    workspace = window.workspace
    assert workspace.title_label.text() == "Applicant 0412"
    assert workspace.documents.rowCount() == 2
    failed = workspace.documents.index(1)
    assert failed.data(Roles.FAILED) is True
    assert "password-protected" in failed.data(Roles.DETAIL)  # the typed message, with what to do
    assert workspace.facts.model.rowCount() == 6
    assert workspace.thumbnails.rowCount() == 2
    assert workspace.viewer.view.has_image()
    assert workspace.text_panel.badges.texts() == ["en 0.98", "fr 0.31"]
    assert "Signed in: Aiko Tanaka (examiner)" in window.user_label.text()
    assert window.ai_label.text() == "AI suggestions: on"
    wait_idle(qtbot, runner)
    assert workspace.thumbnails.has_thumbnail(1)
    assert workspace.thumbnails.has_thumbnail(2)
    # The page on screen is one view; the other thumbnails are read together as one audited view.
    thumbnail_views = [details for action, details in fake_wb.audit if action == "document.thumbnails"]
    assert thumbnail_views == [{"document": "d-1", "pages": [2]}]


def test_selecting_a_fact_opens_its_page_and_highlights_its_words(qtbot, window, runner, fake_wb):
    open_case(qtbot, window)
    target = fake_wb.suggestions[sid(fake_wb, "9 June 2021")]
    with qtbot.waitSignal(window.workspace.page_shown, timeout=5000):
        window.workspace.facts.select_suggestion(target.id)
    qtbot.waitUntil(lambda: bool(window.workspace.viewer.view.highlight_items()), timeout=5000)
    workspace = window.workspace
    assert workspace.current_page == 2
    rects = [item.rect() for item in workspace.viewer.view.highlight_items()]
    assert len(rects) == len(target.provenance.bboxes) == 3
    for rect, box in zip(rects, target.provenance.bboxes, strict=True):
        assert rect.x() == box.x0 - HIGHLIGHT_PADDING
        assert rect.y() == box.y0 - HIGHLIGHT_PADDING
        assert rect.right() == box.x1 + HIGHLIGHT_PADDING
        assert rect.bottom() == box.y1 + HIGHLIGHT_PADDING
    assert workspace.viewer.view.highlight_visible()
    assert workspace.text_panel.highlighted_text() == "9 June 2021"
    assert workspace.source_visible(target)
    wait_idle(qtbot, runner)


def test_low_confidence_words_are_outlined_and_the_outline_can_be_hidden(qtbot, window, runner):
    open_case(qtbot, window)
    view = window.workspace.viewer.view
    low = view.low_confidence_items()
    assert len(low) == 1
    assert all(item.isVisible() for item in low)
    assert "42%" in low[0].toolTip()
    window.workspace.viewer.low_button.click()
    assert not any(item.isVisible() for item in view.low_confidence_items())
    wait_idle(qtbot, runner)


def test_accept_key_records_the_decision_with_source_viewed(qtbot, window, runner, fake_wb):
    open_case(qtbot, window)
    name_id = sid(fake_wb, "Karim Haddad")
    select_fact(qtbot, window, name_id)
    table = window.workspace.facts.table
    table.setFocus()
    with qtbot.waitSignal(window.workspace.decision_recorded, timeout=5000) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_A)
    decision = blocker.args[0]
    assert decision.action is DecisionAction.ACCEPT
    assert fake_wb.audit[-1] == ("suggestion.accept", {"suggestion": name_id, "source_viewed": True})
    row = window.workspace.facts.model.row_of(name_id)
    index = window.workspace.facts.model.index(row, FactTableModel.STATUS)
    assert index.data(Roles.STATUS) == SuggestionStatus.ACCEPTED
    assert index.data() == "✓ accepted"
    assert not window.workspace.facts.notice.isVisible()
    wait_idle(qtbot, runner)


def test_accepting_before_the_source_is_on_screen_shows_a_reminder(qtbot, window, runner, fake_wb):
    open_case(qtbot, window)
    wait_idle(qtbot, runner)
    fake_wb.image_gate = threading.Event()  # page 2's image will not arrive until we allow it
    facts = window.workspace.facts
    facts.select_suggestion(sid(fake_wb, "3 May 2021"))
    assert window.workspace.current_page == 2
    assert not window.workspace.viewer.view.has_image()
    with qtbot.waitSignal(window.workspace.decision_recorded, timeout=5000):
        qtbot.keyClick(facts.table, Qt.Key.Key_A)
    assert fake_wb.audit[-1][1]["source_viewed"] is False
    assert facts.notice.isVisible()
    assert "source page" in facts.notice_label.text()
    fake_wb.image_gate.set()
    wait_idle(qtbot, runner)


def test_edit_needs_a_reason_and_records_the_new_value(qtbot, window, runner, fake_wb):
    open_case(qtbot, window)
    birth = sid(fake_wb, "12 March 1990")
    select_fact(qtbot, window, birth)
    qtbot.keyClick(window.workspace.facts.table, Qt.Key.Key_E)
    dialog = reason_dialog(window)
    dialog.value.setText("13 March 1990")
    assert not dialog.ok_button.isEnabled()
    dialog.accept()  # refused: no reason
    assert dialog.isVisible()
    assert "reason" in dialog.error.text()
    assert fake_wb.suggestions[birth].status is SuggestionStatus.PENDING
    dialog.reason.setPlainText("The passport copy shows 13 March.")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(window.workspace.decision_recorded, timeout=5000) as blocker:
        dialog.ok_button.click()
    assert blocker.args[0].action is DecisionAction.EDIT
    assert blocker.args[0].value_after == "13 March 1990"
    row = window.workspace.facts.model.row_of(birth)
    assert window.workspace.facts.model.index(row, FactTableModel.VALUE).data() == "13 March 1990"
    wait_idle(qtbot, runner)


def test_reject_cancelled_keeps_the_suggestion_pending(qtbot, window, runner, fake_wb):
    open_case(qtbot, window)
    omar = sid(fake_wb, "Omar")
    select_fact(qtbot, window, omar)
    qtbot.keyClick(window.workspace.facts.table, Qt.Key.Key_R)
    dialog = reason_dialog(window)
    assert not dialog.value.isVisible()
    dialog.reject()
    assert fake_wb.suggestions[omar].status is SuggestionStatus.PENDING
    assert not fake_wb.decisions
    wait_idle(qtbot, runner)


def test_low_confidence_is_labelled_and_filters_say_what_they_hide(qtbot, window, runner):
    open_case(qtbot, window)
    facts = window.workspace.facts
    model = facts.model
    labels = {
        model.index(r, FactTableModel.VALUE).data(): model.index(r, FactTableModel.CONFIDENCE).data()
        for r in range(model.rowCount())
    }
    assert labels["Karim Haddad"] == "93%"
    assert labels["Aleppo"] == "40% low"
    assert labels["Omar"] == "22% low"
    facts.confidence_slider.setValue(60)
    assert facts.proxy.rowCount() == 3
    assert facts.hidden_label.isVisibleTo(facts)
    assert facts.hidden_label.text() == "3 hidden by filters"
    facts.status_filter.setCurrentIndex(2)  # findings only
    assert facts.proxy.rowCount() == 0
    facts.show_all_button.click()
    assert facts.proxy.rowCount() == 6
    assert not facts.hidden_label.isVisibleTo(facts)
    wait_idle(qtbot, runner)


def test_facts_are_grouped_by_field_in_case_file_order(qtbot, window, runner):
    open_case(qtbot, window)
    proxy = window.workspace.facts.proxy
    fields = [proxy.index(r, 0).data(Roles.FIELD) for r in range(proxy.rowCount())]
    order = [str(f) for f in fields]
    assert order == ["person_name", "date_of_birth", "place", "event_date", "date_of_entry", "family_member"]
    wait_idle(qtbot, runner)


def test_arrow_keys_move_and_follow_the_source(qtbot, window, runner, fake_wb):
    open_case(qtbot, window)
    facts = window.workspace.facts
    select_fact(qtbot, window, sid(fake_wb, "Aleppo"))
    with qtbot.waitSignal(window.workspace.highlight_shown, timeout=5000):
        qtbot.keyClick(facts.table, Qt.Key.Key_Down)
    assert facts.selected_suggestion().id == sid(fake_wb, "3 May 2021")
    assert window.workspace.current_page == 2
    wait_idle(qtbot, runner)


def test_a_reviewer_cannot_decide(qtbot, runner):
    workbench = sample_workbench(Role.REVIEWER)
    window = make_window(qtbot, workbench, runner)
    open_case(qtbot, window)
    select_fact(qtbot, window, sid(workbench, "Karim Haddad"))
    facts = window.workspace.facts
    assert not facts.accept_button.isEnabled()
    assert "only an examiner" in facts.accept_button.toolTip()
    qtbot.keyClick(facts.table, Qt.Key.Key_A)
    wait_idle(qtbot, runner)
    assert not workbench.decisions
    assert "reviewer" in window.user_label.text()


def test_switching_documents_shows_the_failure_and_what_to_do(qtbot, window, runner):
    open_case(qtbot, window)
    wait_idle(qtbot, runner)
    view = window.workspace.document_view
    view.setCurrentIndex(window.workspace.documents.index(1))
    assert not window.workspace.viewer.view.has_image()
    assert "password-protected" in window.workspace.text_panel.editor.placeholderText()
    wait_idle(qtbot, runner)


@pytest.mark.parametrize("key", [Qt.Key.Key_A, Qt.Key.Key_E, Qt.Key.Key_R], ids=["A", "E", "R"])
def test_review_keys_without_selection_do_nothing(qtbot, window, runner, fake_wb: FakeWorkbench, key):
    open_case(qtbot, window)
    window.workspace.facts.table.clearSelection()
    window.workspace.facts.table.setCurrentIndex(window.workspace.facts.proxy.index(-1, -1))
    qtbot.keyClick(window.workspace.facts.table, key)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, ReasonDialog) and w.isVisible()]
    wait_idle(qtbot, runner)
    assert not fake_wb.decisions
