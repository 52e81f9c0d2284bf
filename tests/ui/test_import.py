"""Imports from the main window: progress, a responsive UI, Cancel, errors, new cases, sample cases."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from examiner_app.domain import Role
from examiner_app.errors import ConfigurationError
from examiner_app.ui.backend import UiContext
from examiner_app.ui.dialogs import NewCaseDialog
from examiner_app.ui.main_window import MainWindow

from .fakes import FakeWorkbench


def load_cases(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.cases_loaded, timeout=5000):
        window.refresh_cases()


def test_import_reports_progress_while_the_ui_keeps_running(qtbot, window, runner, fake_wb, tmp_path):
    load_cases(qtbot, window)
    fake_wb.import_steps, fake_wb.import_step_wait = 30, 0.02  # ~0.6 s of "work" in the worker
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    seen: list[int] = []
    window.import_panel.bar.valueChanged.connect(seen.append)
    timer.start()
    with qtbot.waitSignal(window.import_finished, timeout=10_000) as blocker:
        assert window.import_files("c-1", [tmp_path / "a.png", tmp_path / "b.pdf"], "Applicant 0412")
        assert window.import_panel.isVisible()
        assert window.import_panel.cancel_button.isVisible()
    timer.stop()
    assert len(blocker.args[0]) == 2
    # The event loop ran all along: the 10 ms timer fired many times while the worker worked.
    assert len(ticks) >= 20
    assert len(set(seen)) >= 3
    assert "Imported 2 file(s)" in window.import_panel.stage_label.text()
    assert not window.import_panel.cancel_button.isVisible()
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)


def test_cancel_stops_a_running_import(qtbot, window, runner, fake_wb, tmp_path):
    load_cases(qtbot, window)
    fake_wb.import_until_cancelled = True
    assert window.import_files("c-1", [tmp_path / "a.png"], "Applicant 0412")
    qtbot.waitUntil(lambda: window.import_panel.bar.maximum() > 0, timeout=5000)  # it is really running
    assert not window.import_files("c-1", [tmp_path / "b.png"])  # one import at a time
    with qtbot.waitSignal(window.import_finished, timeout=10_000) as blocker:
        window.import_panel.cancel_button.click()
        assert "Cancelling" in window.import_panel.stage_label.text()
    assert blocker.args[0] == []
    assert fake_wb.import_cancelled
    assert window.import_panel.stage_label.text().startswith("Cancelled.")
    assert not [w for w in QApplication.topLevelWidgets() if w.objectName() == "errorDialog" and w.isVisible()]
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)


def test_an_import_error_is_shown_with_its_message(qtbot, window, runner, fake_wb, tmp_path):
    load_cases(qtbot, window)
    message = "Tesseract is not installed. Install the tesseract-ocr package, then import again."
    fake_wb.import_error = ConfigurationError(message)
    with qtbot.waitSignal(window.import_finished, timeout=5000):
        window.import_files("c-1", [tmp_path / "a.png"], "Applicant 0412")
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1
    assert boxes[0].text() == message
    assert boxes[0].detailedText() == ""  # a typed error needs no traceback
    boxes[0].close()
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)


def test_new_case_is_created_in_a_worker_and_selected(qtbot, window, runner, fake_wb):
    load_cases(qtbot, window)
    dialog = window.new_case()
    assert isinstance(dialog, NewCaseDialog)
    assert not dialog.create_button.isEnabled()
    dialog.title.setText("Applicant 0950")
    dialog.reference.setText("REF-0950")
    with qtbot.waitSignal(window.workspace.case_loaded, timeout=5000):
        dialog.create_button.click()
    assert window.case_list.current_case().title == "Applicant 0950"
    assert window.workspace.title_label.text() == "Applicant 0950"
    assert any(c.reference == "REF-0950" for c in fake_wb.cases.values())
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)


def make_samples(root: Path) -> Path:
    for slug, title, reference in (("a-case", "Sample A", "SAMPLE-A"), ("b-case", "Sample B", "SAMPLE-B")):
        folder = root / slug
        folder.mkdir(parents=True)
        (folder / "statement.txt").write_text("My name is Test.", encoding="utf-8")
        (folder / "ground_truth.json").write_text(
            json.dumps({"case": {"title": title, "reference": reference}, "documents": [{"file": "statement.txt"}]}),
            encoding="utf-8",
        )
    (root / "not-a-case").mkdir()
    return root


def test_sample_cases_are_imported_once(qtbot, runner, tmp_path):
    workbench = FakeWorkbench()
    workbench.sign_in("Demo Examiner", Role.EXAMINER)
    assert workbench.user is not None
    window = MainWindow(workbench, runner, UiContext(workbench.user, samples_dir=make_samples(tmp_path / "samples")))
    qtbot.addWidget(window)
    window.show()
    for _round in range(2):
        with qtbot.waitSignal(window.import_finished, timeout=10_000) as blocker:
            assert window.start_demo_import()
        assert [r.title for r in blocker.args[0]] == ["Sample A", "Sample B"]
    assert sorted(c.reference for c in workbench.cases.values()) == ["SAMPLE-A", "SAMPLE-B"]
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)
    assert window.case_list.model.rowCount() == 2
