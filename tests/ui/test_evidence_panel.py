"""The evidence tab: facts under the Guide's elements with sources, empty elements marked neutrally, a click opens
the source page with the words highlighted, and the examiner's reasoning per element is saved (never drafted)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from examiner_app.domain import FactField, SuggestionStatus
from examiner_app.summaries.evidence import GuideElement
from examiner_app.ui.evidence_panel import SUGGESTION_ID
from examiner_app.ui.main_window import MainWindow

from .test_workspace import open_case, sid, wait_idle


def open_evidence(qtbot, window: MainWindow) -> None:
    open_case(qtbot, window)
    with qtbot.waitSignal(window.workspace.evidence.evidence_loaded, timeout=5000):
        window.workspace.show_evidence()


def test_every_fact_is_under_an_element_with_its_source_and_empty_elements_say_so(qtbot, window, runner, fake_wb):
    open_evidence(qtbot, window)
    panel = window.workspace.evidence
    shown = {item.data(0, SUGGESTION_ID) for item in panel.fact_items()}
    assert shown == {s.id for s in fake_wb.suggestions.values() if s.status is not SuggestionStatus.REJECTED}
    for item in panel.fact_items():
        assert item.text(1) == "statement"  # statement.png
        assert item.text(2).endswith(" · statement.png")
    text = panel.visible_text()
    assert "Nothing in the file on state protection." in text
    assert "Nothing in the file on a well-founded fear." in text
    assert "Persecution — statements 1" in text  # the date of the day the applicant left
    assert ("case.evidence", {"case": "c-1"}) in fake_wb.audit
    wait_idle(qtbot, runner)


def test_clicking_a_source_opens_the_page_with_the_words_highlighted(qtbot, window, runner, fake_wb):
    open_evidence(qtbot, window)
    panel = window.workspace.evidence
    target = sid(fake_wb, "9 June 2021")
    item = next(i for i in panel.fact_items() if i.data(0, SUGGESTION_ID) == target)
    panel.tree.scrollToItem(item)
    rect = panel.tree.visualItemRect(item)
    with qtbot.waitSignal(window.workspace.highlight_shown, timeout=5000, check_params_cb=lambda s: s == target):
        qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.workspace.current_page == 2
    assert len(window.workspace.viewer.view.highlight_items()) == 3
    assert window.workspace.text_panel.highlighted_text() == "9 June 2021"
    wait_idle(qtbot, runner)


def test_reasoning_is_the_examiners_own_saved_and_shown_again(qtbot, window, runner, fake_wb):
    open_evidence(qtbot, window)
    panel = window.workspace.evidence
    top = panel.element_item(GuideElement.OUTSIDE_COUNTRY)
    assert top is not None
    panel.tree.setCurrentItem(top)
    assert panel.reasoning_edit.toPlainText() == ""  # nothing drafted
    assert not panel.save_button.isEnabled()
    panel.reasoning_edit.setPlainText("Entry date from the statement only; ask for the landing stamp.")
    assert panel.save_button.isEnabled()
    with qtbot.waitSignal(panel.reasoning_saved, timeout=5000):
        panel.save_button.click()
    assert fake_wb.audit[-1][0] == "evidence.reasoning"
    assert not panel.save_button.isEnabled()
    assert panel.reasoning_meta.text().startswith("Written by Aiko Tanaka")
    with qtbot.waitSignal(panel.evidence_loaded, timeout=5000):
        panel.load(force=True)
    panel.tree.setCurrentItem(panel.element_item(GuideElement.PERSECUTION))
    assert panel.reasoning_edit.toPlainText() == ""
    panel.tree.setCurrentItem(panel.element_item(GuideElement.OUTSIDE_COUNTRY))
    assert panel.reasoning_edit.toPlainText().startswith("Entry date from the statement")
    wait_idle(qtbot, runner)


def test_a_decision_refreshes_the_evidence_view(qtbot, window, runner, fake_wb):
    open_evidence(qtbot, window)
    panel = window.workspace.evidence
    target = next(s for s in fake_wb.suggestions.values() if s.field is FactField.PLACE)
    with qtbot.waitSignal(window.workspace.decision_recorded, timeout=5000):
        window.workspace.facts.select_suggestion(target.id)
        window.workspace._record("accept", target, value="", reason="")
    with qtbot.waitSignal(panel.evidence_loaded, timeout=5000):
        window.workspace.show_summary()
        window.workspace.show_evidence()
    item = next(i for i in panel.fact_items() if i.data(0, SUGGESTION_ID) == target.id)
    assert item.font(0).bold()
    assert "not confirmed" not in item.text(0)
    wait_idle(qtbot, runner)


def test_the_working_note_carries_the_reasoning_per_element(qtbot, window, runner, fake_wb, tmp_path):
    from .test_summary import pdf_text

    open_evidence(qtbot, window)
    panel = window.workspace.evidence
    panel.tree.setCurrentItem(panel.element_item(GuideElement.STATE_PROTECTION))
    panel.reasoning_edit.setPlainText("No report to the police is in the file; ask at the interview.")
    with qtbot.waitSignal(panel.reasoning_saved, timeout=5000):
        panel.save_button.click()
    out = tmp_path / "note.pdf"
    with qtbot.waitSignal(window.workspace.export_finished, timeout=15000):
        window.workspace.export_working_note(out)
    text = " ".join(pdf_text(out).split())
    assert "Evidence by the elements of the Guide" in text
    assert "No report to the police is in the file; ask at the interview." in text
    assert "Nothing in the file on a well-founded fear." in text
    assert "No reasoning written by the examiner on this element." in text
    wait_idle(qtbot, runner)


def test_the_record_package_is_a_pdf_and_a_json_whose_hashes_are_audited(qtbot, window, runner, fake_wb, tmp_path):
    import hashlib
    import json

    from .test_summary import pdf_text

    open_evidence(qtbot, window)
    panel = window.workspace.evidence
    panel.tree.setCurrentItem(panel.element_item(GuideElement.PERSECUTION))
    panel.reasoning_edit.setPlainText("The account of the departure is in the statement only.")
    with qtbot.waitSignal(panel.reasoning_saved, timeout=5000):
        panel.save_button.click()
    with qtbot.waitSignal(window.workspace.package_exported, timeout=15000) as blocker:
        window.workspace.export_record_package(tmp_path / "package.pdf")
    hashes = blocker.args[1]
    assert sorted(hashes) == ["package.json", "package.pdf"]
    for name, sha in hashes.items():
        assert hashlib.sha256((tmp_path / name).read_bytes()).hexdigest() == sha
    assert fake_wb.audit[-1] == ("case.record_package", {"case": "c-1", "files": hashes})
    package = json.loads((tmp_path / "package.json").read_text(encoding="utf-8"))
    assert package["case"]["reference"] == "REF-0412"
    text = " ".join(pdf_text(tmp_path / "package.pdf").split())
    assert "Record package" in text
    assert "The account of the departure is in the statement only." in text
    assert "DRAFT" not in text
    wait_idle(qtbot, runner)


def test_the_case_clock_counts_from_the_confirmed_application_date(qtbot, runner):
    from datetime import date

    from .conftest import make_window
    from .fakes import sample_workbench

    wb = sample_workbench()
    wb.application_dates["c-1"] = date(2023, 12, 31)
    window = make_window(qtbot, wb, runner)
    open_case(qtbot, window)
    subtitle = window.workspace.subtitle_label
    qtbot.waitUntil(lambda: "since the application" in subtitle.text(), timeout=5000)
    assert "day 61 since the application" in subtitle.text()
    assert "two-month date 2024-02-29 passed 1 days ago" in subtitle.text()
    wait_idle(qtbot, runner)
