"""Background work: every call into the core runs here, never on the UI thread.

The pattern (git-cola ``cola/qtutils.py`` Task/RunTask):

* :class:`Job` is a ``QRunnable``; its signals live on a ``QObject`` (:class:`JobSignals`) that the
  job owns and that is created on the UI thread, so signals emitted from the pool thread are
  delivered *queued* to the UI thread.
* :class:`JobRunner` (a ``QObject`` on the UI thread) keeps a reference to each job until its
  ``finished`` signal arrives, and calls the job's callbacks from its own slots. Callbacks
  therefore always run on the UI thread, whatever kind of callable they are.
* :class:`QtProgress` implements :class:`examiner_app.progress.ProgressReporter` for the core:
  ``update`` emits a signal (queued to the UI), ``cancelled`` reads a thread-safe flag the
  Cancel button sets.

A job may name an ``owner`` widget: if that widget has been deleted by the time the result
arrives, its callbacks are skipped instead of touching a dead C++ object.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

ResultCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


class QtProgress(QObject):
    """A ProgressReporter the core calls from a worker thread; the UI listens to ``changed``.

    ``update`` may be called from any thread. Updates are throttled to about 20 a second (the
    last one of a stage always goes through) so a fast stage cannot flood the event loop.
    """

    changed = Signal(int, int, str)
    cancel_requested = Signal()
    # A unit of a long job finished (e.g. the id of a case whose files are all imported).
    item_done = Signal(str)

    MIN_INTERVAL = 0.05

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._last_emit = 0.0
        self._lock = threading.Lock()

    def update(self, done: int, total: int, stage: str) -> None:
        now = time.monotonic()
        with self._lock:
            if done < total and now - self._last_emit < self.MIN_INTERVAL:
                return
            self._last_emit = now
        self.changed.emit(int(done), int(total), str(stage))

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the core to stop at its next safe point (between pages). Thread-safe, idempotent."""
        if not self._cancel.is_set():
            self._cancel.set()
            self.cancel_requested.emit()


class JobSignals(QObject):
    """Signals of one job, tagged with the job id so one runner slot serves every job."""

    result = Signal(int, object)
    failed = Signal(int, object)
    finished = Signal(int)


class Job(QRunnable):
    """Runs ``function()`` on a pool thread and reports through :class:`JobSignals`.

    Exactly one of ``result``/``failed`` is emitted, then ``finished``. Exceptions never escape
    into Qt: typed ``ExaminerError`` messages reach the user, anything else is logged with its
    traceback and reported as well.
    """

    def __init__(self, job_id: int, name: str, function: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the runner owns the Python object; Qt must not delete it under us
        self.job_id = job_id
        self.name = name
        self.function = function
        self.signals = JobSignals()

    def run(self) -> None:
        try:
            value = self.function()
        except BaseException as exc:  # noqa: BLE001 - reported to the UI, never swallowed
            if not _is_expected(exc):
                log.exception("Background job %r failed", self.name)
            self.signals.failed.emit(self.job_id, exc)
        else:
            self.signals.result.emit(self.job_id, value)
        finally:
            self.signals.finished.emit(self.job_id)


def _is_expected(exc: BaseException) -> bool:
    from examiner_app.errors import ExaminerError

    return isinstance(exc, ExaminerError)


@dataclass
class _Pending:
    job: Job
    on_result: ResultCallback | None
    on_error: ErrorCallback | None
    on_finished: Callable[[], None] | None
    owner: QObject | None


class JobRunner(QObject):
    """Starts jobs on a thread pool and keeps them alive until they finish.

    ``unhandled_error`` is emitted for failures of jobs submitted without ``on_error`` (the main
    window shows them in an error dialog). ``busy_changed`` tells whether any job is running.
    """

    unhandled_error = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        # Finished jobs stay referenced a little longer: the pool thread may still be unwinding
        # out of Job.run when the UI thread handles ``finished``.
        self._recent: deque[Job] = deque(maxlen=64)
        self._unwinding: dict[int, Job] = {}  # completed on the UI thread, not yet out of Job.run

    @property
    def active_count(self) -> int:
        return len(self._pending)

    def submit(
        self,
        name: str,
        function: Callable[[], Any],
        *,
        on_result: ResultCallback | None = None,
        on_error: ErrorCallback | None = None,
        on_finished: Callable[[], None] | None = None,
        owner: QObject | None = None,
    ) -> int:
        """Run ``function`` in the pool; callbacks run later on the UI thread. Returns the job id."""
        job = Job(next(self._ids), name, function)
        job.signals.result.connect(self._on_result)
        job.signals.failed.connect(self._on_failed)
        job.signals.finished.connect(self._on_finished)
        was_idle = not self._pending
        self._pending[job.job_id] = _Pending(job, on_result, on_error, on_finished, owner)
        if was_idle:
            self.busy_changed.emit(True)
        self.pool.start(job)
        return job.job_id

    def wait_for_done(self, msecs: int = 30_000) -> bool:
        """Block until the pool is idle (application exit and tests only)."""
        return self.pool.waitForDone(msecs)

    def _alive(self, pending: _Pending) -> bool:
        return pending.owner is None or shiboken6.isValid(pending.owner)

    @Slot(int, object)
    def _on_result(self, job_id: int, value: object) -> None:
        pending = self._settle(job_id)
        if pending and pending.on_result and self._alive(pending):
            pending.on_result(value)

    @Slot(int, object)
    def _on_failed(self, job_id: int, exc: object) -> None:
        pending = self._settle(job_id)
        if pending is None or not self._alive(pending):
            return
        assert isinstance(exc, BaseException)
        if pending.on_error is not None:
            pending.on_error(exc)
        else:
            self.unhandled_error.emit(exc)

    def _settle(self, job_id: int) -> _Pending | None:
        """Mark the job done and run ``on_finished``, before the result or error callback.

        Both run in one slot. Waiting for the job's own ``finished`` signal would let other events
        in between. ``on_finished`` goes first so that the widget is idle again (buttons enabled,
        busy flags cleared) by the time the result callback runs: whatever that callback announces
        (a signal, a message, the next job) finds the widget ready for the next action, and a job
        it starts is not marked idle afterwards by this one's ``on_finished``.
        """
        pending = self._pending.pop(job_id, None)
        if pending is None:
            return None
        self._unwinding[job_id] = pending.job
        try:
            if pending.on_finished and self._alive(pending):
                pending.on_finished()
        finally:
            if not self._pending:
                self.busy_changed.emit(False)
        return pending

    @Slot(int)
    def _on_finished(self, job_id: int) -> None:
        job = self._unwinding.pop(job_id, None)
        if job is not None:
            self._recent.append(job)
        self._settle(job_id)  # a no-op unless the result signal was lost
