"""Dialogs: sign-in choices and validation, reason rules, error texts; start-up option parsing."""

from __future__ import annotations

from examiner_app.domain import FactField, Role, Suggestion, SuggestionStatus, User
from examiner_app.errors import NotFoundError
from examiner_app.ui.app import parse_args, parse_user
from examiner_app.ui.dialogs import ReasonDialog, SignInDialog, error_text

SUGGESTION = Suggestion("s1", "c1", FactField.PLACE, "Aleppo", "SY", 0.4, None, SuggestionStatus.REJECTED)


def test_sign_in_with_an_existing_profile_or_a_new_one(qtbot):
    users = [User("u1", "Aiko Tanaka", Role.EXAMINER), User("u2", "Ben Okoro", Role.REVIEWER)]
    dialog = SignInDialog(users)
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "Aiko Tanaka"
    assert not dialog.name.isEnabled()
    with qtbot.waitSignal(dialog.submitted) as blocker:
        dialog.sign_in_button.click()
    assert blocker.args == ["Aiko Tanaka", Role.EXAMINER]
    dialog.show_error("The profile has another role.")
    assert dialog.error.isVisibleTo(dialog)
    dialog.profile.setCurrentIndex(2)  # New profile…
    assert dialog.name.isEnabled()
    assert dialog.name.text() == ""
    assert not dialog.sign_in_button.isEnabled()
    dialog.name.setText("Chen Wei")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.TRAINER))
    with qtbot.waitSignal(dialog.submitted) as blocker:
        dialog.sign_in_button.click()
    assert blocker.args == ["Chen Wei", Role.TRAINER]


def test_changing_an_earlier_decision_needs_a_reason(qtbot):
    dialog = ReasonDialog("change", SUGGESTION)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled()
    dialog.accept()
    assert dialog.isVisible()
    dialog.reason.setPlainText("   ")
    assert not dialog.ok_button.isEnabled()
    dialog.reason.setPlainText("Checked the original: the place is right.")
    dialog.accept()
    assert not dialog.isVisible()
    assert dialog.reason_text() == "Checked the original: the place is right."


def test_an_edit_needs_a_value_too(qtbot):
    dialog = ReasonDialog("edit", SUGGESTION)
    qtbot.addWidget(dialog)
    dialog.reason.setPlainText("typo")
    dialog.value.setText("")
    assert "value" in dialog.problem()
    dialog.value.setText("Halab")
    assert dialog.problem() == ""


def test_error_text_is_the_typed_message_or_a_report_with_details():
    assert error_text(NotFoundError("No such case; reload the list.")) == ("No such case; reload the list.", None)
    message, details = error_text(ZeroDivisionError("division by zero"))
    assert "ZeroDivisionError: division by zero" in message
    assert details is not None
    assert "ZeroDivisionError" in details


def test_start_up_options():
    args, rest = parse_args(["--demo", "--ai-off", "--ui-language", "ja", "--data-dir", "/tmp/x", "-platform", "xcb"])
    assert args.demo
    assert args.ai_off
    assert args.ui_language == "ja"
    assert str(args.data_dir) == "/tmp/x"
    assert rest == ["-platform", "xcb"]
    assert parse_user("Aiko Tanaka:examiner") == ("Aiko Tanaka", Role.EXAMINER)
    assert parse_user("Dr. A: B:Reviewer") == ("Dr. A: B", Role.REVIEWER)
    assert parse_user("nobody") is None
    assert parse_user("x:judge") is None
