"""View > Audit log: only for administrators and reviewers; events, chain verification and export."""

from __future__ import annotations

from examiner_app.domain import Role
from examiner_app.ui.audit_view import AuditTableModel, details_summary

from .conftest import make_window
from .fakes import sample_workbench
from .test_workspace import wait_idle


def test_examiners_are_not_offered_the_audit_log(qtbot, window):
    assert not window.audit_action.isVisible()
    assert not window.audit_action.isEnabled()
    assert window.show_audit_log() is None


def test_reviewer_sees_recent_events_with_names_and_verifies_the_chain(qtbot, runner):
    workbench = sample_workbench(Role.REVIEWER)
    workbench.audit.append(("suggestion.accept", {"suggestion": "s-person_name-1-11", "source_viewed": True}))
    window = make_window(qtbot, workbench, runner)
    assert window.audit_action.isVisible()
    dialog = window.show_audit_log()
    assert dialog is not None
    with qtbot.waitSignal(dialog.events_loaded, timeout=5000):
        pass
    model = dialog.model
    assert model.rowCount() >= 1
    first = [model.index(0, c).data() for c in range(5)]
    assert first[1] == "Aiko Tanaka"  # a name, not a user id
    assert first[2] == "suggestion.accept"
    assert first[3] == "Applicant 0412"
    assert "source_viewed: True" in first[4]
    assert not dialog.export_button.isVisible()  # export is for administrators
    with qtbot.waitSignal(dialog.verified, timeout=5000):
        dialog.verify_button.click()
    assert dialog.verify_label.text().startswith("✓ Chain intact")
    assert dialog.verify_label.objectName() == "verifyOk"
    wait_idle(qtbot, runner)


def test_a_broken_chain_is_reported_with_where(qtbot, runner):
    workbench = sample_workbench(Role.ADMIN)
    workbench.audit_broken = True
    window = make_window(qtbot, workbench, runner)
    dialog = window.show_audit_log()
    assert dialog is not None
    with qtbot.waitSignal(dialog.verified, timeout=5000):
        dialog.verify()
    assert "Chain broken at event 3" in dialog.verify_label.text()
    assert dialog.verify_label.objectName() == "verifyBroken"
    wait_idle(qtbot, runner)


def test_admin_exports_json_lines(qtbot, runner, tmp_path):
    workbench = sample_workbench(Role.ADMIN)
    window = make_window(qtbot, workbench, runner)
    dialog = window.show_audit_log()
    assert dialog is not None
    assert dialog.export_button.isVisible()
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)  # the first listing, so jobs do not interleave
    out = tmp_path / "audit.jsonl"
    with qtbot.waitSignal(dialog.exported, timeout=5000) as blocker:
        dialog.export_to(out)
    assert blocker.args[0] == len(out.read_text().splitlines()) > 0
    assert str(out) in dialog.verify_label.text()
    wait_idle(qtbot, runner)


def test_details_are_summarised_on_one_line():
    text = details_summary({"suggestion": "0123456789abcdef", "reason": "x" * 100, "page": 2})
    assert text.startswith("suggestion: 01234567…")
    assert "page: 2" in text
    assert len(text) <= 140
    assert AuditTableModel().actor_name("system") == "system"
