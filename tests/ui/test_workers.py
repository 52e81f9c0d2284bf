"""JobRunner and QtProgress: results on the UI thread, errors reported, dead owners skipped."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QWidget

from examiner_app.errors import ReviewError
from examiner_app.progress import ProgressReporter
from examiner_app.ui.workers import JobRunner, QtProgress


def test_results_arrive_on_the_ui_thread_from_a_pool_thread(qtbot, runner: JobRunner):
    worker_threads: list[str] = []
    callback_threads: list[str] = []

    def work() -> int:
        worker_threads.append(threading.current_thread().name)
        return 42

    results: list[int] = []
    finished: list[bool] = []
    runner.submit(
        "answer",
        work,
        on_result=lambda v: (results.append(v), callback_threads.append(threading.current_thread().name)),
        on_finished=lambda: finished.append(True),
    )
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert results == [42]
    assert worker_threads != [threading.main_thread().name]
    assert callback_threads == [threading.main_thread().name]
    assert runner.active_count == 0


def test_errors_go_to_on_error_or_unhandled_error(qtbot, runner: JobRunner):
    def refuse() -> None:
        raise ReviewError("Give a reason.")

    errors: list[BaseException] = []
    runner.submit("refuse", refuse, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ReviewError)
    with qtbot.waitSignal(runner.unhandled_error, timeout=5000) as blocker:
        runner.submit("refuse", refuse)
    assert str(blocker.args[0]) == "Give a reason."
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)


def test_callbacks_of_a_deleted_owner_are_skipped(qtbot, runner: JobRunner):
    gate = threading.Event()
    owner = QWidget()
    called: list[object] = []
    finished = threading.Event()
    runner.submit("slow", lambda: gate.wait(5), on_result=called.append, owner=owner, on_finished=finished.set)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner), timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)
    assert called == []
    assert not finished.is_set()  # on_finished belongs to the owner too


def test_busy_changed_reports_start_and_end(qtbot, runner: JobRunner):
    states: list[bool] = []
    runner.busy_changed.connect(states.append)
    runner.submit("one", lambda: None)
    qtbot.waitUntil(lambda: states == [True, False], timeout=5000)


def test_qt_progress_is_a_progress_reporter_with_a_thread_safe_cancel(qtbot):
    progress: ProgressReporter = QtProgress()
    assert isinstance(progress, QtProgress)
    seen: list[tuple[int, int, str]] = []
    progress.changed.connect(lambda d, t, s: seen.append((d, t, s)))
    thread = threading.Thread(target=lambda: [progress.update(i, 100, "reading text") for i in range(101)])
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(seen) and seen[-1][0] == 100, timeout=5000)
    assert len(seen) < 101  # throttled, but the last report of the stage always arrives
    assert not progress.cancelled()
    with qtbot.waitSignal(progress.cancel_requested, timeout=1000):
        progress.cancel()
    assert progress.cancelled()


def test_on_finished_runs_before_any_job_the_result_callback_started(qtbot, runner: JobRunner, monkeypatch):
    """A job's ``finished`` signal can reach the UI thread after a job started from its result callback has
    already reported (the first pool thread descheduled between its two emits). ``on_finished`` must still
    run first: the QA pane once ignored a click because its busy flag was cleared too late."""
    from examiner_app.ui import workers

    original_run = workers.Job.run
    release = threading.Event()

    def run_with_late_finish(self: workers.Job) -> None:
        if self.name != "first":
            original_run(self)
            return
        self.signals.result.emit(self.job_id, self.function())
        release.wait(10)  # descheduled between the two emits
        self.signals.finished.emit(self.job_id)

    monkeypatch.setattr(workers.Job, "run", run_with_late_finish)
    order: list[str] = []

    def first_done(_value: object) -> None:
        order.append("first result")
        runner.submit("second", lambda: None, on_result=lambda _v: (order.append("second result"), release.set()))

    runner.submit("first", lambda: 1, on_result=first_done, on_finished=lambda: order.append("first finished"))
    qtbot.waitUntil(lambda: "second result" in order, timeout=10_000)
    release.set()
    qtbot.waitUntil(lambda: runner.active_count == 0 and "first finished" in order, timeout=10_000)
    assert order == ["first finished", "first result", "second result"]


def test_a_button_reenabled_in_on_finished_is_enabled_when_the_result_callback_announces_the_result(
    qtbot, runner: JobRunner
) -> None:
    """Widgets emit their "done" signal from the result callback; whoever waits on that signal and clicks
    again must find the button enabled (the trainer's second preview click was once ignored in CI)."""
    from PySide6.QtWidgets import QPushButton

    button = QPushButton("Preview")
    qtbot.addWidget(button)
    seen: list[bool] = []
    button.setEnabled(False)
    runner.submit(
        "preview",
        lambda: 1,
        on_result=lambda _v: seen.append(button.isEnabled()),
        on_finished=lambda: button.setEnabled(True),
    )
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen == [True]
    assert runner.active_count == 0


def test_on_finished_runs_before_the_error_callback_too(qtbot, runner: JobRunner) -> None:
    order: list[str] = []

    def boom() -> None:
        raise ValueError("unreadable")

    runner.submit(
        "failing",
        boom,
        on_error=lambda exc: order.append(f"error {exc}"),
        on_finished=lambda: order.append("finished"),
    )
    qtbot.waitUntil(lambda: len(order) == 2, timeout=10_000)
    assert order == ["finished", "error unreadable"]
