"""Up in an empty reason field recalls the examiner's earlier reasons, the same way in every reason dialog."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from examiner_app.domain import FactField, Suggestion, SuggestionStatus
from examiner_app.summaries.grouping import ValueGroup
from examiner_app.ui.dialogs import ReasonDialog
from examiner_app.ui.group_review import ACCEPT, REJECT, GroupDecisionDialog
from examiner_app.ui.reason_recall import ReasonRecall


@pytest.fixture(autouse=True)
def _fresh_history() -> Iterator[None]:
    ReasonRecall.forget_all()
    yield
    ReasonRecall.forget_all()


def _suggestion(suggestion_id: str = "s-1") -> Suggestion:
    return Suggestion(
        suggestion_id, "c-1", FactField.NATIONALITY, "Sri Lankan", "LK", 0.9, None, SuggestionStatus.PENDING
    )


def test_a_reject_reason_is_recalled_in_the_next_dialog_and_up_down_walk_the_history(qtbot: QtBot) -> None:
    first = ReasonDialog("reject", _suggestion())
    qtbot.addWidget(first)
    first.reason.setPlainText("not in the file")
    first.accept()
    second = ReasonDialog("reject", _suggestion())
    qtbot.addWidget(second)
    second.reason.setPlainText("another page says otherwise")
    second.accept()
    assert ReasonRecall.history() == ("another page says otherwise", "not in the file")

    dialog = ReasonDialog("reject", _suggestion())
    qtbot.addWidget(dialog)
    assert dialog.reason.toPlainText() == ""  # never pre-filled
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Up)
    assert dialog.reason.toPlainText() == "another page says otherwise"
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Up)
    assert dialog.reason.toPlainText() == "not in the file"
    assert dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Down)
    assert dialog.reason.toPlainText() == ""
    assert not dialog.ok_button.isEnabled()


def test_arrows_move_the_cursor_while_the_examiner_writes_their_own_reason(qtbot: QtBot) -> None:
    ReasonRecall.remember("not in the file")
    dialog = ReasonDialog("reject", _suggestion())
    qtbot.addWidget(dialog)
    dialog.reason.setPlainText("my own words")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Up)
    assert dialog.reason.toPlainText() == "my own words"


@pytest.mark.parametrize("action", [ACCEPT, REJECT])
def test_recall_costs_the_same_for_accepting_and_rejecting_a_group(qtbot: QtBot, action: str) -> None:
    ReasonRecall.remember("checked the sources")
    group = ValueGroup(field=FactField.NATIONALITY, key="lk", members=(_suggestion("s-1"), _suggestion("s-2")))
    dialog = GroupDecisionDialog(group, action)
    qtbot.addWidget(dialog)
    assert dialog.reason.toPlainText() == ""
    assert not dialog.accept_button.isEnabled()
    assert not dialog.reject_button.isEnabled()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Up)
    assert dialog.reason.toPlainText() == "checked the sources"
    assert dialog.accept_button.isEnabled()
    assert dialog.reject_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        (dialog.accept_button if action == ACCEPT else dialog.reject_button).click()
    assert dialog.chosen == action


@pytest.mark.parametrize("action", [ACCEPT, REJECT])
def test_ctrl_enter_records_the_chosen_action_only_once_a_reason_is_given(qtbot: QtBot, action: str) -> None:
    group = ValueGroup(field=FactField.NATIONALITY, key="lk", members=(_suggestion("s-1"), _suggestion("s-2")))
    dialog = GroupDecisionDialog(group, action)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()  # no reason yet: nothing recorded
    dialog.reason.setPlainText("checked the sources")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.chosen == action


def test_ctrl_enter_in_the_reject_dialog_needs_a_reason(qtbot: QtBot) -> None:
    dialog = ReasonDialog("reject", _suggestion())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    dialog.reason.setPlainText("not in the file")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
