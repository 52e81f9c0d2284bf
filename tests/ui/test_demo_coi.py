"""The demo also loads the fictional COI library and prior cases (resources/coi), once, in the background."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from examiner_app.ui.backend import UiContext
from examiner_app.ui.demo import CoiLibrary, CoiLoad, find_coi_library
from examiner_app.ui.main_window import MainWindow
from examiner_app.ui.workers import JobRunner

from .fakes import FakeWorkbench

COI = Path(__file__).resolve().parents[2] / "resources" / "coi"


def test_find_coi_library_lists_reports_with_sidecars_and_the_prior_cases() -> None:
    library = find_coi_library(COI)
    assert len(library.reports) == 13
    assert not any(p.name.endswith(".meta.json") for p in library.reports)
    assert library.prior_cases == COI / "prior_cases"
    assert find_coi_library(COI / "missing") == CoiLibrary((), None)


def test_demo_loads_the_library_once_with_progress(qtbot: QtBot, fake_wb: FakeWorkbench, runner: JobRunner) -> None:
    assert fake_wb.user is not None
    window = MainWindow(fake_wb, runner, UiContext(user=fake_wb.user, data_location="(test)", coi_dir=COI))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.coi_library_loaded, timeout=5000) as first:
        assert window.start_coi_library_import()
        assert window.import_panel.running
    load: CoiLoad = first.args[0]
    assert (load.reports, load.already, load.prior_cases) == (13, 0, 3)
    assert fake_wb.prior_loads == [COI / "prior_cases"]
    assert "Country information ready" in window.statusBar().currentMessage()

    with qtbot.waitSignal(window.coi_library_loaded, timeout=5000) as second:
        assert window.start_coi_library_import()
    assert (second.args[0].reports, second.args[0].already) == (0, 13)
    assert fake_wb.prior_loads == [COI / "prior_cases"]  # not loaded (re-embedded, re-audited) again
    qtbot.waitUntil(lambda: runner.active_count == 0)
