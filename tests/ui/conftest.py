"""UI test fixtures: offscreen Qt, a fake Workbench, and a check that no worker outlives its test.

Tests wait on signals (``qtbot.waitSignal``/``waitUntil``), never sleep. A test that leaves work
running on the thread pool fails (napari's ``_qt/_tests`` do the same for leftover threads), so a
result can never land in the next test's widgets.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QThreadPool  # noqa: E402

from examiner_app.domain import Role  # noqa: E402
from examiner_app.ui.backend import UiContext  # noqa: E402
from examiner_app.ui.main_window import MainWindow  # noqa: E402
from examiner_app.ui.workers import JobRunner  # noqa: E402

from .fakes import FakeWorkbench, sample_workbench  # noqa: E402

LEFTOVER_WAIT_MS = 10_000
#: qtbot's waits (written with quiet-machine timeouts, mostly 5 s) are stretched by this factor: a wait ends as
#: soon as its condition holds, so a passing test is no slower, and a machine whose cores are busy with other
#: work (CI beside other jobs, a 2-core box under load 10+) does not fail a test that is merely slow there.
WAIT_FACTOR = float(os.environ.get("EXAMINER_TEST_WAIT_FACTOR", "6"))


@pytest.fixture(autouse=True, scope="session")
def _waits_scaled_for_a_busy_machine() -> Iterator[None]:
    import functools

    from pytestqt.qtbot import QtBot

    names = ("waitUntil", "waitSignal", "waitSignals", "waitCallback")
    originals = {name: getattr(QtBot, name) for name in names}

    def scaled(original: Any) -> Any:
        @functools.wraps(original)
        def wait(self: QtBot, *args: Any, timeout: int = 5000, **kwargs: Any) -> Any:
            if timeout and timeout > 0:
                timeout = int(timeout * WAIT_FACTOR)
            return original(self, *args, timeout=timeout, **kwargs)

        return wait

    for name, original in originals.items():
        setattr(QtBot, name, scaled(original))
    yield
    for name, original in originals.items():
        setattr(QtBot, name, original)


@pytest.fixture(autouse=True)
def _no_leftover_pool_work(qapp: object) -> Iterator[None]:
    """Fail a test that leaves QThreadPool work running (after giving it a moment to finish)."""
    pool = QThreadPool.globalInstance()
    yield
    busy = pool.activeThreadCount()
    finished = pool.waitForDone(LEFTOVER_WAIT_MS)
    if busy or not finished:
        pytest.fail(
            f"the test left {busy} background job(s) running on the QThreadPool; wait for them "
            "(e.g. qtbot.waitUntil(lambda: runner.active_count == 0)) before the test ends",
            pytrace=False,
        )


@pytest.fixture
def runner(qapp: object) -> Iterator[JobRunner]:
    job_runner = JobRunner(QThreadPool.globalInstance())
    yield job_runner
    job_runner.wait_for_done(LEFTOVER_WAIT_MS)


@pytest.fixture
def fake_wb() -> FakeWorkbench:
    return sample_workbench()


def make_window(qtbot: object, workbench: FakeWorkbench, runner: JobRunner, role: Role | None = None) -> MainWindow:
    assert workbench.user is not None
    user = workbench.user if role is None else workbench.user.__class__(workbench.user.id, workbench.user.name, role)
    window = MainWindow(workbench, runner, UiContext(user=user, ai_enabled=True, data_location="(test)"))
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    return window


@pytest.fixture
def window(qtbot: object, fake_wb: FakeWorkbench, runner: JobRunner) -> MainWindow:
    return make_window(qtbot, fake_wb, runner)
