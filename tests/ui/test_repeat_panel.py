"""The "What is new" tab: a hint becomes a confirmed earlier application only with a reason; then the earlier file's
findings stand beside this one's (new, changed, same, only earlier) with sources, and documents not in it."""

from __future__ import annotations

from dataclasses import replace

from examiner_app.domain import Document, DocumentStatus, FactField, SuggestionStatus

from .conftest import make_window
from .fakes import FakeWorkbench, sample_workbench
from .test_earlier_applications import READABLE, hints_for
from .test_workspace import open_case, wait_idle


def pair() -> FakeWorkbench:
    wb = sample_workbench()
    old = wb.create_case("Claim of 2019", "OLD-2019")
    assert old.id == "c-2"
    hint = replace(READABLE, case_id=old.id)
    wb.earlier_hints["c-1"] = hints_for("c-1", hint)
    wb.documents[old.id] = [
        Document("d-9", old.id, "form_2019.png", "ef" * 32, 10, "image/png", DocumentStatus.DONE, page_count=1)
    ]
    for s in list(wb.suggestions.values()):
        wb.suggestions[s.id] = replace(s, status=SuggestionStatus.ACCEPTED)
        if s.field in (FactField.PERSON_NAME, FactField.DATE_OF_BIRTH, FactField.DATE_OF_ENTRY):
            earlier = replace(s, id=f"old-{s.id}", case_id=old.id, status=SuggestionStatus.ACCEPTED)
            if s.field is FactField.DATE_OF_ENTRY:
                earlier = replace(earlier, value="2 January 2019", normalized="2019-01-02")
            wb.suggestions[earlier.id] = earlier
    return wb


def test_confirming_a_hint_with_a_reason_shows_the_comparison(qtbot, runner):
    wb = pair()
    window = make_window(qtbot, wb, runner)
    open_case(qtbot, window)
    panel = window.workspace.repeat
    with qtbot.waitSignal(panel.comparison_loaded, timeout=5000):
        window.workspace.show_repeat()
    assert panel.hint_box.isVisible()
    assert "No earlier application is confirmed" in panel.status_label.text()
    assert not panel.confirm_button.isEnabled()  # a reason first
    panel.reason_edit.setText("same name and date of birth; the 2019 form's photo")
    assert panel.confirm_button.isEnabled()
    with qtbot.waitSignal(panel.comparison_loaded, timeout=5000):
        panel.confirm_button.click()
    assert wb.links["c-1"] == [("c-2", "same name and date of birth; the 2019 form's photo")]
    text = panel.visible_text()
    assert "New in this application (3)" in text  # place, event date, family member
    assert "Changed (1)" in text
    assert "9 June 2021" in text
    assert "2 January 2019" in text
    assert "Same as in the earlier file (2)" in text
    assert "Documents not in the earlier file (2)" in text
    assert "statement.png" in text
    assert "reasonable grounds" not in text.casefold()  # the tree lists differences, never a verdict
    wait_idle(qtbot, runner)
