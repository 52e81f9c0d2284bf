"""Grouped review in the facts panel: the same value in several places is one row with all its sources; A and R
on it open one dialog that needs a reason either way and records a decision for each suggestion."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from examiner_app.domain import FactField, SuggestionStatus
from examiner_app.ui.group_review import GroupDecisionDialog
from examiner_app.ui.qt_models import Roles

from .conftest import make_window
from .fakes import fact, sample_workbench
from .test_workspace import open_case, wait_idle


def duplicated_workbench():
    wb = sample_workbench()
    statement = wb.documents["c-1"][0]
    page1, page2 = wb.page_texts[statement.id]
    # The date of birth again, read elsewhere on the page: the same normalised value in other words.
    extra = fact("c-1", statement, page1, FactField.DATE_OF_BIRTH, "1990", 0.6, "1990-03-12")
    wb.suggestions[extra.id] = extra
    return wb


def test_one_row_for_one_value_and_a_reason_both_ways(qtbot, runner):
    wb = duplicated_workbench()
    window = make_window(qtbot, wb, runner)
    open_case(qtbot, window)
    panel = window.workspace.facts
    dobs = [s for s in wb.suggestions.values() if s.field is FactField.DATE_OF_BIRTH]
    assert len(dobs) == 2
    shown = [panel.proxy.index(r, 0).data(Roles.OBJECT) for r in range(panel.proxy.rowCount())]  # Roles.OBJECT
    shown_dobs = [s for s in shown if s.field is FactField.DATE_OF_BIRTH]
    assert len(shown_dobs) == 1  # one row ...
    group = panel.group_of(shown_dobs[0].id)
    assert group is not None
    assert group.size == 2  # ... standing for both
    row = next(
        r for r in range(panel.proxy.rowCount()) if panel.proxy.index(r, 0).data(Roles.OBJECT).id == shown_dobs[0].id
    )
    assert "+ 1 more" in panel.proxy.index(row, 4).data()
    panel.select_suggestion(shown_dobs[0].id)
    assert "Same value in 2 places" in panel.detail.text()

    def open_dialog(key: Qt.Key) -> GroupDecisionDialog:
        QTest.keyClick(panel.table, key)
        qtbot.waitUntil(lambda: window.workspace.findChild(GroupDecisionDialog, "groupDecisionDialog") is not None)
        dialog = window.workspace.findChild(GroupDecisionDialog, "groupDecisionDialog")
        assert dialog is not None
        return dialog

    for key in (Qt.Key.Key_A, Qt.Key.Key_R):  # the same dialog, the same friction, whichever key opened it
        dialog = open_dialog(key)
        assert not dialog.accept_button.isEnabled()
        assert not dialog.reject_button.isEnabled()
        dialog.reason.setPlainText("x")
        assert dialog.accept_button.isEnabled()
        assert dialog.reject_button.isEnabled()
        assert (dialog.accept_button.isDefault(), dialog.reject_button.isDefault()) == (
            key == Qt.Key.Key_A,
            key == Qt.Key.Key_R,
        )
        dialog.setObjectName("closing")
        dialog.reject()  # cancelled: nothing recorded
    assert wb.decisions == []
    dialog = open_dialog(Qt.Key.Key_R)
    with qtbot.waitSignal(window.workspace.facts_changed, timeout=5000):
        dialog.reason.setPlainText("same date on both pages")
        dialog.accept_button.click()
    assert {wb.suggestions[s.id].status for s in dobs} == {SuggestionStatus.ACCEPTED}
    assert {d.reason for d in wb.decisions} == {"same date on both pages"}
    assert len(wb.decisions) == 2
    wait_idle(qtbot, runner)
