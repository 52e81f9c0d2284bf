"""Settings > AI suggestions (with confirmation), reading a page again, and the supported languages."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import QDialog, QMessageBox

from examiner_app.domain import LanguageGuess, SuggestionStatus
from examiner_app.extraction.language import SUPPORTED_LANGUAGES
from examiner_app.ui import workspace as workspace_module
from examiner_app.ui.page_text import LanguageBadges

from .test_workspace import open_case, wait_idle


def answer(box: QMessageBox, button: QMessageBox.StandardButton) -> None:
    box.button(button).click()


def test_turning_ai_off_asks_first_then_new_imports_run_without_models(qtbot, window, runner, fake_wb):
    open_case(qtbot, window)
    pending_before = window.workspace.facts.model.counts()[SuggestionStatus.PENDING]
    window.ai_action.trigger()
    box = window.ai_confirmation
    assert box is not None
    assert box.isVisible()
    assert window.ai_action.isChecked()  # nothing changes until the examiner confirms
    assert fake_wb.settings.ai_enabled
    with qtbot.waitSignal(window.ai_changed, timeout=2000):
        answer(box, QMessageBox.StandardButton.Yes)
    assert not fake_wb.settings.ai_enabled
    assert not window.ai_action.isChecked()
    assert window.ai_label.text() == "AI suggestions: off"
    # Suggestions already made stay suggestions.
    assert window.workspace.facts.model.counts()[SuggestionStatus.PENDING] == pending_before
    with qtbot.waitSignal(window.import_finished, timeout=5000):
        assert window.import_files("c-1", [Path("/tmp/x.png")], "Applicant 0412")
    assert fake_wb.import_ai == [False]
    wait_idle(qtbot, runner)


def test_cancelling_the_confirmation_keeps_ai_on(qtbot, window, fake_wb):
    window.ai_action.trigger()
    answer(window.ai_confirmation, QMessageBox.StandardButton.Cancel)
    assert fake_wb.settings.ai_enabled
    assert window.ai_action.isChecked()
    assert window.ai_label.text() == "AI suggestions: on"


def open_read_again(qtbot, window, monkeypatch, packs: list[str]):
    monkeypatch.setattr(workspace_module, "installed_ocr_packs", lambda: list(packs))
    open_case(qtbot, window)
    dialog = window.workspace.read_page_again()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.packs_ready, timeout=5000)
    assert dialog.packs.count() == len([p for p in packs if p != "osd"])
    return dialog


def test_reading_a_page_again_with_chosen_languages_refreshes_the_page(qtbot, window, runner, fake_wb, monkeypatch):
    dialog = open_read_again(qtbot, window, monkeypatch, ["eng", "osd", "sin", "tam"])
    assert dialog.chosen() == ["eng"]  # what the page was read with
    assert dialog.packs.item(1).text() == "sin — Sinhala"
    dialog.set_chosen(["eng", "sin"])
    assert dialog.languages() == "sin+eng"  # English last, as the companion for Latin words
    with qtbot.waitSignal(window.workspace.page_reread, timeout=5000):
        dialog.read_button.click()
    assert fake_wb.reocr_calls == [("d-1", 1, "sin+eng", True)]
    qtbot.waitUntil(lambda: "sin+eng" in window.workspace.text_panel.source_label.text(), timeout=5000)
    assert "Page 1 read again with sin+eng." in window.statusBar().currentMessage()
    wait_idle(qtbot, runner)


def test_re_read_runs_with_ai_off_when_it_is_off(qtbot, window, runner, fake_wb, monkeypatch):
    window.set_ai_enabled(False)
    dialog = open_read_again(qtbot, window, monkeypatch, ["eng"])
    with qtbot.waitSignal(window.workspace.page_reread, timeout=5000):
        dialog.read_button.click()
    assert fake_wb.reocr_calls[-1][3] is False
    wait_idle(qtbot, runner)


def test_cancelling_a_re_read_keeps_the_old_text(qtbot, window, runner, fake_wb, monkeypatch):
    fake_wb.reocr_gate = threading.Event()
    dialog = open_read_again(qtbot, window, monkeypatch, ["eng", "sin"])
    dialog.read_button.click()
    qtbot.waitUntil(lambda: dialog.progress.isVisible(), timeout=5000)
    # Escape or Cancel while reading: asks the core to stop, the dialog waits for it, then closes. It deletes
    # itself on close (possibly before the next line runs), so the test waits for "finished", never touches it.
    with qtbot.waitSignal(
        dialog.finished, timeout=5000, check_params_cb=lambda code: int(code) == QDialog.DialogCode.Rejected.value
    ):
        dialog.reject()
        assert dialog.isVisible()  # still open while the core stops
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)
    assert "cancelled" in window.statusBar().currentMessage()
    assert fake_wb.page_texts["d-1"][0].engine == "tesseract@5.3.0"


def test_supported_languages_dialog_lists_every_code(qtbot, window):
    dialog = window.show_supported_languages()
    assert sorted(dialog.codes()) == sorted(SUPPORTED_LANGUAGES)
    row = dialog.codes().index("si")
    assert dialog.table.item(row, 1).text() == "Sinhala"
    assert dialog.table.item(row, 2).text() == "සිංහල"
    dialog.reject()


def test_undetermined_language_badge_says_so_in_amber(qtbot):
    badges = LanguageBadges()
    qtbot.addWidget(badges)
    badges.set_languages([LanguageGuess("und", 0.0), LanguageGuess("ar", 0.31)])
    assert badges.texts() == ["undetermined", "ar 0.31"]
    labels = [w for w in badges.findChildren(type(badges._labels[0])) if w.objectName() == "langBadge"]
    assert labels[0].property("undetermined") is True
    assert labels[0].property("unsure") is False
    assert labels[1].property("unsure") is True
