"""The summary tab: fact sheet and chronology with sources, conflicts, links to the page, and the PDF note."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QMessageBox

from examiner_app.domain import FactField, SuggestionStatus
from examiner_app.ui.main_window import MainWindow
from examiner_app.ui.summary_panel import KIND, SUGGESTION_ID

from .conftest import make_window
from .fakes import FakeWorkbench, fact, render_page, sample_workbench
from .test_workspace import open_case, sid, wait_idle


def open_summary(qtbot, window: MainWindow) -> None:
    open_case(qtbot, window)
    with qtbot.waitSignal(window.workspace.summary_loaded, timeout=5000):
        window.summary_action.trigger()


def sheet_rows(window: MainWindow) -> dict[str, list[tuple[str, str, str, str]]]:
    """Field label -> its lines as (value, status, source, kind)."""
    tree = window.workspace.summary.sheet
    result = {}
    for row in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(row)
        result[top.text(0)] = [
            (top.child(c).text(0), top.child(c).text(1), top.child(c).text(2), top.child(c).data(0, KIND))
            for c in range(top.childCount())
        ]
    return result


def pdf_text(path: Path) -> str:
    document = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def test_fact_sheet_groups_facts_marks_suggestions_and_cites_sources(qtbot, window, runner, fake_wb):
    open_summary(qtbot, window)
    rows = sheet_rows(window)
    assert list(rows)[:2] == ["Person name", "Date of birth"]  # the order an examiner reads a claim in
    value, status, source, kind = rows["Date of birth"][0]
    assert value.startswith("12 March 1990")
    assert status == "suggestion — not confirmed"
    assert kind == "suggestion"
    assert source.startswith("p. 1 · chars ")
    assert source.endswith(" · statement.png")
    counts = window.workspace.summary.counts_label.text()
    assert counts == "0 findings · 6 suggestions not confirmed · 0 conflicts"
    texts = [cell for lines in rows.values() for line in lines for cell in line[:3]]
    assert not any("%" in text for text in texts)  # no scores in the summary
    wait_idle(qtbot, runner)


def test_findings_come_first_in_bold_with_a_check_mark(qtbot, window, runner, fake_wb):
    open_case(qtbot, window)
    fake_wb.accept(sid(fake_wb, "12 March 1990"))
    fake_wb.suggestions["s-dob-2"] = replace(
        fact("c-1", fake_wb.documents["c-1"][0], fake_wb.page_texts["d-1"][1], FactField.DATE_OF_BIRTH,
             "3 May 2021", 0.9, "2021-05-03"),
        id="s-dob-2",
    )  # fmt: skip
    with qtbot.waitSignal(window.workspace.summary_loaded, timeout=5000):
        window.summary_action.trigger()
    tree = window.workspace.summary.sheet
    group = next(
        tree.topLevelItem(r) for r in range(tree.topLevelItemCount()) if tree.topLevelItem(r).text(0) == "Date of birth"
    )
    first, second = group.child(0), group.child(1)
    assert first.text(0).startswith("✓ 12 March 1990")
    assert first.text(1) == "✓ finding"
    assert first.font(0).weight() == QFont.Weight.Bold
    assert second.text(1) == "suggestion — not confirmed"
    assert second.font(0).italic()
    # One value was recorded: conflicts are judged among findings, so a stray suggestion is not one.
    assert group.data(0, KIND) == "group"
    wait_idle(qtbot, runner)


def test_conflicting_values_are_marked_and_shown_side_by_side(qtbot, runner):
    workbench = sample_workbench()
    statement = workbench.documents["c-1"][0]
    # Two spellings of one person's name: a conflict (a second person named in the case would not be one).
    signed_page, _ = render_page(2, ["Signed: Kareem Hadad"])
    other = fact("c-1", statement, signed_page, FactField.PERSON_NAME, "Kareem Hadad", 0.7, "Kareem Hadad")
    workbench.suggestions[other.id] = other
    window = make_window(qtbot, workbench, runner)
    open_summary(qtbot, window)
    tree = window.workspace.summary.sheet
    group = tree.topLevelItem(0)
    assert group.text(0) == "Person name"
    assert group.data(0, KIND) == "conflict"
    assert group.text(1) == "⚠ conflict"
    assert "≠" in group.text(2)
    assert "Karim Haddad" in group.text(2)
    assert "Kareem Hadad" in group.text(2)
    assert group.childCount() == 2  # every value stays listed with its own source
    assert window.workspace.summary.counts_label.text().endswith("1 conflicts")
    wait_idle(qtbot, runner)


def test_chronology_lists_dates_in_order_with_status_and_source(qtbot, window, runner):
    open_summary(qtbot, window)
    tree = window.workspace.summary.chronology
    rows = [[tree.topLevelItem(r).text(c) for c in range(4)] for r in range(tree.topLevelItemCount())]
    assert [r[0] for r in rows] == ["1990-03-12", "2021-05-03", "2021-06-09"]
    assert rows[0][1] == "Date of birth"  # the field's translated name when no event sentence was found
    assert rows[2][2] == "suggestion — not confirmed"
    assert rows[2][3].startswith("p. 2 · chars ")
    wait_idle(qtbot, runner)


def test_selecting_a_summary_line_opens_its_page_and_highlights_the_words(qtbot, window, runner, fake_wb):
    open_summary(qtbot, window)
    target = sid(fake_wb, "9 June 2021")
    summary = window.workspace.summary
    item = next(i for i in summary.line_items(summary.chronology) if i.data(0, SUGGESTION_ID) == target)
    with qtbot.waitSignal(window.workspace.highlight_shown, timeout=5000, check_params_cb=lambda s: s == target):
        summary.chronology.setCurrentItem(item)
    assert window.workspace.current_page == 2
    assert len(window.workspace.viewer.view.highlight_items()) == 3
    assert window.workspace.text_panel.highlighted_text() == "9 June 2021"
    wait_idle(qtbot, runner)


def test_working_note_pdf_is_a_cited_draft_and_the_export_is_audited(qtbot, window, runner, fake_wb, tmp_path):
    open_summary(qtbot, window)
    out = tmp_path / "note.pdf"
    with qtbot.waitSignal(window.workspace.export_finished, timeout=10000) as blocker:
        window.workspace.export_working_note(out)
    assert blocker.args == [out, True]
    assert out.read_bytes().startswith(b"%PDF")
    text = pdf_text(out)
    assert "DRAFT — not signed off" in text
    assert "REF-0412" in text
    assert "Aiko Tanaka" in text
    assert "statement.png, p. 1, chars" in text
    assert "statement.png, p. 2, chars" in text
    assert "suggestion — not confirmed" in text
    assert fake_wb.exports == [("c-1", "working_note_pdf", "note.pdf")]
    wait_idle(qtbot, runner)


class WorkbenchWithoutExportRecord(FakeWorkbench):
    record_export = None  # the core before Workbench.record_export exists


def test_export_still_works_and_says_so_when_the_core_cannot_audit_it(qtbot, runner, tmp_path):
    base = sample_workbench()
    workbench = WorkbenchWithoutExportRecord(**{k: getattr(base, k) for k in base.__dataclass_fields__})
    window = make_window(qtbot, workbench, runner)
    open_summary(qtbot, window)
    out = tmp_path / "note.pdf"
    with qtbot.waitSignal(window.workspace.export_finished, timeout=10000) as blocker:
        window.workspace.export_working_note(out)
    assert blocker.args == [out, False]
    assert "could not be recorded in the audit log" in window.statusBar().currentMessage()
    wait_idle(qtbot, runner)


def test_summary_is_fetched_only_when_shown(qtbot, window, runner, fake_wb):
    open_case(qtbot, window)
    wait_idle(qtbot, runner)
    assert not [a for a, _ in fake_wb.audit if a == "case.summary"]  # each fetch is audited: not behind your back
    with qtbot.waitSignal(window.workspace.summary_loaded, timeout=5000):
        window.workspace.show_summary()
    assert [a for a, _ in fake_wb.audit].count("case.summary") == 1
    wait_idle(qtbot, runner)


# --- signing the summary off ------------------------------------------------------------------------------


def confirm_sign_off(qtbot, window: MainWindow, *, sign: bool = True) -> None:
    """Click "Sign off…" and answer the confirmation box."""
    panel = window.workspace.summary
    qtbot.mouseClick(panel.sign_off_button, Qt.MouseButton.LeftButton)
    box = panel.confirm_box
    assert box is not None
    assert box.isVisible()
    assert "1 findings and 0 pinned excerpts" in box.text()
    wanted = panel.tr("Sign off") if sign else "Cancel"
    button = next(b for b in box.buttons() if b.text().replace("&", "") == wanted)
    button.click()


def test_sign_off_asks_first_runs_in_a_worker_and_the_note_then_says_who_signed(
    qtbot, window, runner, fake_wb, tmp_path
):
    open_case(qtbot, window)
    fake_wb.accept(sid(fake_wb, "12 March 1990"))
    fake_wb.sign_off_gate = threading.Event()  # the core is slow: the window must not wait for it
    with qtbot.waitSignal(window.workspace.summary_loaded, timeout=5000):
        window.summary_action.trigger()
    panel = window.workspace.summary
    assert panel.sign_off_label.text() == "DRAFT — not signed off"
    assert panel.sign_off_button.isEnabled()

    confirm_sign_off(qtbot, window, sign=False)
    wait_idle(qtbot, runner)
    assert not fake_wb.sign_offs  # cancelled: nothing signed
    assert panel.sign_off_button.isEnabled()

    confirm_sign_off(qtbot, window)
    assert not panel.sign_off_button.isEnabled()  # no second click while the worker runs
    qtbot.waitUntil(lambda: runner.active_count == 1, timeout=5000)
    assert panel.isEnabled()
    with (
        qtbot.waitSignal(window.workspace.summary_loaded, timeout=5000),
        qtbot.waitSignal(window.workspace.summary_signed_off, timeout=5000) as signed,
    ):
        fake_wb.sign_off_gate.set()
    assert signed.args[0].user_name == "Aiko Tanaka"
    assert [a for a, _ in fake_wb.audit].count("summary.sign_off") == 1
    assert panel.sign_off_label.text().startswith("Signed off by Aiko Tanaka on 2026-11-25")
    assert not panel.sign_off_button.isEnabled()  # signed as it stands: nothing to sign again

    out = tmp_path / "signed.pdf"
    with qtbot.waitSignal(window.workspace.export_finished, timeout=10000):
        window.workspace.export_working_note(out)
    text = pdf_text(out)
    assert "Signed off by Aiko Tanaka on 2026-11-25" in text
    assert "DRAFT" not in text
    assert "signed off" in window.statusBar().currentMessage()
    wait_idle(qtbot, runner)


def test_a_change_after_sign_off_puts_the_note_back_to_draft(qtbot, window, runner, fake_wb, tmp_path):
    open_case(qtbot, window)
    fake_wb.accept(sid(fake_wb, "12 March 1990"))
    with qtbot.waitSignal(window.workspace.summary_loaded, timeout=5000):
        window.summary_action.trigger()
    with qtbot.waitSignal(window.workspace.summary_loaded, timeout=5000):
        confirm_sign_off(qtbot, window)
    fake_wb.accept(sid(fake_wb, "9 June 2021"))
    with qtbot.waitSignal(window.workspace.summary_loaded, timeout=5000):
        window.workspace.summary.refresh_button.click()
    panel = window.workspace.summary
    assert panel.sign_off_label.text().startswith("DRAFT — changed since sign-off by Aiko Tanaka on 2026-11-25")
    assert panel.sign_off_button.isEnabled()
    out = tmp_path / "stale.pdf"
    with qtbot.waitSignal(window.workspace.export_finished, timeout=10000):
        window.workspace.export_working_note(out)
    text = pdf_text(out)
    assert "DRAFT — changed since sign-off by Aiko Tanaka on 2026-11-25" in text
    assert "marked draft" in window.statusBar().currentMessage()
    wait_idle(qtbot, runner)


def test_sign_off_is_offered_only_when_something_is_recorded(qtbot, window, runner, fake_wb):
    open_summary(qtbot, window)
    panel = window.workspace.summary
    assert panel.sign_off_label.text() == "DRAFT — not signed off"
    assert not panel.sign_off_button.isEnabled()  # suggestions only: nothing an examiner recorded to sign
    assert panel.confirm_sign_off() is None
    wait_idle(qtbot, runner)


def test_a_refused_sign_off_is_explained_and_the_summary_reloaded(qtbot, window, runner, fake_wb):
    open_case(qtbot, window)
    fake_wb.accept(sid(fake_wb, "12 March 1990"))
    with qtbot.waitSignal(window.workspace.summary_loaded, timeout=5000):
        window.summary_action.trigger()
    fake_wb.accept(sid(fake_wb, "9 June 2021"))  # changed behind the examiner's back
    with qtbot.waitSignal(window.workspace.summary_loaded, timeout=5000):
        confirm_sign_off(qtbot, window)
    boxes = [w for w in window.findChildren(QMessageBox) if w.objectName() == "errorDialog"]
    assert any("changed since this summary was loaded" in b.text() for b in boxes)
    assert not fake_wb.sign_offs
    assert window.workspace.summary.sign_off_button.isEnabled()
    for box in boxes:
        box.close()
    wait_idle(qtbot, runner)


def test_the_note_lists_pinned_excerpts_with_their_citations_and_the_sign_off(qtbot, tmp_path):
    from datetime import UTC, datetime

    from examiner_app.summaries import build_chronology, build_fact_sheet
    from examiner_app.summaries.sign_off import PinnedExcerpt, SignOff, SignOffState, SignOffStatus
    from examiner_app.ui.working_note import NoteHeader, export_working_note, header_with_sign_off

    pins = [
        PinnedExcerpt("p1", 7, None, "", "NRDC, Tamils, 10 June 2024, https://coi.example.org, p. 2, para. 3",
                      "Returnees were questioned by the CID.", "airport checks"),
    ]  # fmt: skip
    signed = SignOff("so-1", "c-1", "u-1", "Aiko Tanaka", datetime(2026, 11, 25, 9, 30, tzinfo=UTC), "a" * 64, 0, 1)
    header = header_with_sign_off(
        NoteHeader("Case", "REF-1", "Aiko Tanaka", datetime(2026, 11, 25, 10, 0, tzinfo=UTC)),
        SignOffState(SignOffStatus.SIGNED, "a" * 64, signed),
    )
    out = tmp_path / "pins.pdf"
    export_working_note(out, header, build_fact_sheet([]), build_chronology([]), pins)
    text = pdf_text(out)
    assert "Pinned to the case" in text
    assert "Returnees were questioned by the CID." in text
    assert "NRDC, Tamils, 10 June 2024" in text
    assert "Examiner's note: airport checks" in text
    assert "Signed off by Aiko Tanaka on 2026-11-25" in text
    assert "DRAFT" not in text


def test_a_reviewer_sees_the_sign_off_status_but_cannot_sign(qtbot, runner):
    from examiner_app.domain import Role

    workbench = sample_workbench(Role.REVIEWER)
    window = make_window(qtbot, workbench, runner)
    open_case(qtbot, window)
    workbench.suggestions[sid(workbench, "12 March 1990")] = replace(
        workbench.suggestions[sid(workbench, "12 March 1990")], status=SuggestionStatus.ACCEPTED
    )  # recorded by an examiner before
    with qtbot.waitSignal(window.workspace.summary_loaded, timeout=5000):
        window.summary_action.trigger()
    panel = window.workspace.summary
    assert panel.sign_off_label.text() == "DRAFT — not signed off"
    assert not panel.sign_off_button.isEnabled()
    assert "only an examiner" in panel.sign_off_button.toolTip()
    assert panel.confirm_sign_off() is None
    wait_idle(qtbot, runner)


def test_two_people_named_in_a_case_are_not_a_conflict(qtbot, runner):
    workbench = sample_workbench()
    statement = workbench.documents["c-1"][0]
    signed_page, _ = render_page(2, ["My mother Amina Yusuf stayed in Aleppo."])
    mother = fact("c-1", statement, signed_page, FactField.PERSON_NAME, "Amina Yusuf", 0.7, "Amina Yusuf")
    workbench.suggestions[mother.id] = mother
    window = make_window(qtbot, workbench, runner)
    open_summary(qtbot, window)
    group = window.workspace.summary.sheet.topLevelItem(0)
    assert group.text(0) == "Person name"
    assert group.data(0, KIND) == "group"
    assert group.childCount() == 2  # both listed, each with its source
    wait_idle(qtbot, runner)
