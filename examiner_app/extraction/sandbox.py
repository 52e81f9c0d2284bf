"""Worker processes that parse untrusted files, with memory and time limits.

Contract
--------
* No untrusted byte is parsed in the calling process (the GUI): every task runs in a worker process.
* Workers are fresh interpreters started with ``subprocess`` (``posix_spawn``/``vfork`` + exec, never a bare
  ``fork`` of the Qt process), each in its own process group, with ``RLIMIT_AS`` set to the memory limit,
  ``OMP_THREAD_LIMIT=1`` (Tesseract is ~5x faster on 2 cores with it) and a parent-death signal.
* One task per worker at a time. A task that runs past its timeout gets its worker's whole process group
  killed (Tesseract children included); the job ends in :class:`TaskTimedOut`. The timeout counts the time
  the task ran or was blocked, not the time it sat waiting for a CPU that other processes held (Linux:
  wall-clock time less the worker's run-queue wait from ``/proc/PID/schedstat``): a file that reads in 20 s
  on a quiet machine also reads, and one that stalls also times out, when every core is busy with other work.
  Elsewhere (or without schedstat) the timeout is wall-clock time. A worker that dies ends its job
  in :class:`WorkerCrashed` with the signal and the worker's peak memory as far as it can be known; no other
  job is touched. Workers are recycled after ``max_tasks_per_worker`` tasks.
* Results come back as pickles read with an allow-list unpickler: a worker compromised by a hostile file can
  hand back data, not code, to the GUI process.

Why not ``concurrent.futures.ProcessPoolExecutor``: on Python 3.11 its ``max_tasks_per_child`` deadlocks once a
worker retires with work queued (CPython gh-115634, fixed only in 3.13+ backports); a dead worker breaks the
whole pool, so every page in flight fails and nobody can tell which page killed it; and stopping one hung task
needs its private ``_processes``. The reader needs all three, so this module does the little it needs itself.

Use from one thread at a time (the reader gives each concurrent document its own pool).
"""

from __future__ import annotations

import contextlib
import enum
import io
import os
import pickle
import resource
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from examiner_app import errors

# The package root goes on the worker's sys.path before anything else is known about the parent.
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
_BOOT = (
    "import sys; sys.path.insert(0, sys.argv[1]); "
    "from examiner_app.extraction.sandbox import worker_main; worker_main(int(sys.argv[2]), int(sys.argv[3]))"
)


# --- outcomes a job can end in besides a result ----------------------------------------------------


@dataclass(frozen=True)
class TaskTimedOut:
    """The task ran longer than its timeout; its worker was killed."""

    seconds: float


@dataclass(frozen=True)
class WorkerCrashed:
    """The worker died while running the task (a native crash or the kernel's OOM killer)."""

    signal_name: str  # "SIGABRT", "SIGSEGV", ... or "exit 3"
    peak_rss_bytes: int  # the worker's own peak; 0 when unknown (see _own_peak)
    memory_limit_bytes: int

    @property
    def probably_out_of_memory(self) -> bool:
        """A crash near the memory cap (or a kill we did not send) is most likely an allocation failure.

        Native libraries abort instead of raising when an allocation fails under ``RLIMIT_AS`` (pdfium does);
        their peak resident memory is then a large part of the limit, while a plain crash on a damaged file
        happens at ordinary sizes.
        """
        return self.signal_name == "SIGKILL" or self.peak_rss_bytes >= 0.4 * self.memory_limit_bytes


@dataclass(frozen=True)
class TaskMemoryError:
    """The task raised MemoryError inside the worker (Python's own allocations hit the cap)."""


@dataclass(frozen=True)
class TaskException:
    """The task raised an exception that is not one of ours; ``kind`` is its class name."""

    kind: str
    message: str


@dataclass(frozen=True)
class WorkerStartFailed:
    """Workers die before they are ready (an interpreter that cannot start under the memory limit)."""

    attempts: int
    memory_limit_bytes: int


Failure = TaskTimedOut | WorkerCrashed | TaskMemoryError | TaskException | WorkerStartFailed

#: Workers that die before saying "ready" this many times in a row fail the queued jobs instead of respawning.
MAX_START_FAILURES = 3


@dataclass
class Job:
    """A task submitted to the pool. ``done`` once it has a ``result``, an ``error`` or a ``failure``."""

    id: int
    payload: bytes
    timeout_s: float
    started_at: float | None = None
    queue_wait_at_start: float | None = None  # the worker's run-queue wait (s) when the task started
    done: bool = False
    result: Any = None
    error: errors.ExaminerError | None = None  # a typed error the task raised, rebuilt here
    failure: Failure | None = None  # the task did not finish normally


# --- the worker side ------------------------------------------------------------------------------


def _set_parent_death_signal() -> None:
    """Die with the parent (Linux): a crashed GUI must not leave workers chewing on a file."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def worker_main(read_fd: int, write_fd: int) -> None:
    """Entry point of a worker process: receive (function, args) pickles, send back outcome pickles."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when we stop
    inbox = Connection(read_fd, writable=False)
    outbox = Connection(write_fd, readable=False)
    _set_parent_death_signal()
    config: dict[str, Any] = inbox.recv()  # from the trusted parent
    sys.path[:] = config["sys_path"]
    limit = int(config["memory_limit_bytes"])
    if limit > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    for module in config.get("preload", ()):
        # Import the parsers now, while no task's clock is running.
        with contextlib.suppress(Exception):
            __import__(module)
    # What the kernel already counts as our peak before any work: the parent's, inherited through vfork+exec.
    outbox.send_bytes(pickle.dumps(("ready", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)))
    while True:
        try:
            message = inbox.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        function, args = message
        fatal = False
        try:
            outcome: tuple[Any, ...] = ("ok", function(*args))
        except errors.ExaminerError as exc:
            path = getattr(exc, "path", None)
            outcome = ("error", type(exc).__name__, exc.message, None if path is None else str(path))
        except MemoryError:
            outcome, fatal = ("memory",), True
        except RecursionError as exc:
            outcome, fatal = ("exception", "RecursionError", str(exc)[:300]), True
        except Exception as exc:  # a library bug on a hostile file: reported, never fatal to the caller
            outcome = ("exception", type(exc).__name__, str(exc)[:300])
        try:
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # an unpicklable result is our bug; say so instead of hanging the parent
            data = pickle.dumps(("exception", type(exc).__name__, f"result not picklable: {exc}"[:300]))
        try:
            outbox.send_bytes(data)
        except MemoryError:
            outbox.send_bytes(pickle.dumps(("memory",)))
            fatal = True
        if fatal:  # after MemoryError/RecursionError the interpreter may be in a poor state: start afresh
            return


# --- the parent side ------------------------------------------------------------------------------


class _RestrictedUnpickler(pickle.Unpickler):
    """Only rebuilds the classes a result may contain; anything else is refused."""

    def __init__(self, data: bytes, allowed: frozenset[tuple[str, str]]) -> None:
        super().__init__(io.BytesIO(data))
        self._allowed = allowed

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == ("builtins", "getattr"):
            # Python 3.11.2 (Debian's) pickles an Enum member as getattr(EnumClass, "NAME"); later
            # 3.11 releases by value. Only that form is honoured: an allowed Enum class and a member name.
            return self._enum_member
        if (module, name) not in self._allowed:
            raise pickle.UnpicklingError(f"worker sent a forbidden type {module}.{name}")
        return super().find_class(module, name)

    def _enum_member(self, cls: object, name: object) -> Any:
        if (
            isinstance(cls, type)
            and issubclass(cls, enum.Enum)
            and (cls.__module__, cls.__qualname__) in self._allowed
            and isinstance(name, str)
            and name in cls.__members__
        ):
            return cls.__members__[name]
        raise pickle.UnpicklingError(f"worker sent a forbidden attribute lookup {name!r}")


def _rebuild_error(kind: str, message: str, path: str | None) -> errors.ExaminerError:
    """The worker's typed error, rebuilt from its class name and message (unknown names become ExaminerError)."""
    cls = getattr(errors, kind, None)
    if not (isinstance(cls, type) and issubclass(cls, errors.ExaminerError)):
        return errors.ExaminerError(message)
    if issubclass(cls, errors.InputFileError):
        name = Path(path).name if path else ""
        prefix = f"{name}: "
        return cls(path or name, message[len(prefix) :] if message.startswith(prefix) else message)
    if cls is errors.CancelledError:
        return errors.CancelledError(message)
    return cls(message)


_SIGNAL_NAMES = {int(s): s.name for s in signal.Signals}
#: A page result is text, words and one PNG: tens of MB at most. A worker sending more is not trusted with
#: the parent's memory.
MAX_RESULT_BYTES = 512 * 2**20


@dataclass
class _Worker:
    process: subprocess.Popen[bytes]
    inbox: Connection  # parent -> worker
    outbox: Connection  # worker -> parent
    ready: bool = False
    job: Job | None = None
    inherited_peak_kib: int = 0  # ru_maxrss the worker reported when ready
    sampled_peak_bytes: int = 0  # VmHWM read from /proc while it worked
    tasks_done: int = 0
    killed_by_us: bool = False


@dataclass
class _Stats:
    started: int = 0
    crashed: int = 0
    timed_out: int = 0
    recycled: int = 0


@dataclass
class WorkerPool:
    """A small pool of worker processes. See the module docstring for the contract.

    ``result_types`` lists the classes a task may return (besides builtins); anything else is refused
    when the result is read.
    """

    workers: int
    memory_limit_bytes: int
    result_types: Iterable[type] = ()
    max_tasks_per_worker: int = 100
    preload: tuple[str, ...] = ()
    stats: _Stats = field(default_factory=_Stats)

    def __post_init__(self) -> None:
        self.workers = max(1, self.workers)
        self._allowed = frozenset((cls.__module__, cls.__qualname__) for cls in self.result_types)
        self._pool: list[_Worker] = []
        self._pending: deque[Job] = deque()
        self._next_id = 0
        self._closed = False
        self._start_failures = 0

    # -- public ---------------------------------------------------------------------------------

    def submit(self, function: Callable[..., Any], *args: Any, timeout_s: float) -> Job:
        """Queue ``function(*args)`` (a module-level function) for a worker; the clock starts when it starts."""
        if self._closed:
            raise RuntimeError("WorkerPool is closed")
        self._next_id += 1
        job = Job(self._next_id, pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL), timeout_s)
        self._pending.append(job)
        self._dispatch()
        return job

    def wait(self, jobs: Collection[Job], timeout: float) -> None:
        """Do the pool's work (dispatch, read results, enforce timeouts) until one of ``jobs`` is done or
        ``timeout`` seconds pass."""
        deadline = time.monotonic() + timeout
        while not any(job.done for job in jobs):
            self._dispatch()
            now = time.monotonic()
            self._enforce_timeouts(now)
            if any(job.done for job in jobs):
                return
            remaining = deadline - now
            if remaining <= 0:
                return
            busy = [w for w in self._pool if w.job is not None or not w.ready]
            for worker in busy:
                if worker.job is not None:
                    _sample_peak(worker)
            # Task time grows at most as fast as wall-clock time, so no timeout can expire before this.
            next_expiry = min(
                (w.job.timeout_s - _task_elapsed(w, now) for w in busy if w.job and w.job.started_at is not None),
                default=remaining,
            )
            if not busy:
                return
            ready = wait([w.outbox for w in busy], timeout=max(0.0, min(remaining, next_expiry) + 0.001))
            for worker in busy:
                if worker.outbox in ready:
                    self._receive(worker)
            self._dispatch()  # a worker that just finished takes the next queued job before we return

    def cancel(self, job: Job) -> None:
        """Stop ``job``: drop it from the queue, or kill the worker running it. No-op once done."""
        if job.done:
            return
        if job in self._pending:
            self._pending.remove(job)
        for worker in self._pool:
            if worker.job is job:
                self._kill(worker)
        job.done = True
        job.failure = TaskException("Cancelled", "cancelled")

    def close(self) -> None:
        """Stop every worker and reap them.

        Killed, idle ones too: an idle worker holds nothing (its results are handed over, its temporary files go
        with each task), and its orderly exit (unloading numpy and Tesseract's models) took 0.08-0.14 s, a tenth
        of a one-shot ``examiner-app ocr`` on a line (issue 17)."""
        self._closed = True
        self._pending.clear()
        for worker in list(self._pool):
            self._retire(worker, kill=True)
        self._pool.clear()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def pids(self) -> list[int]:
        return [w.process.pid for w in self._pool]

    # -- internals ------------------------------------------------------------------------------

    def _spawn(self) -> _Worker:
        to_worker_r, to_worker_w = os.pipe()
        from_worker_r, from_worker_w = os.pipe()
        env = dict(os.environ)
        # Tesseract (OpenMP) and any BLAS: one thread per process; processes give the parallelism.
        env.update(OMP_THREAD_LIMIT="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1", MALLOC_ARENA_MAX="2")
        try:
            process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                [sys.executable, "-I", "-c", _BOOT, _PACKAGE_ROOT, str(to_worker_r), str(from_worker_w)],
                pass_fds=(to_worker_r, from_worker_w),
                stdin=subprocess.DEVNULL,
                env=env,
                process_group=0,  # its own group: a timeout kills Tesseract children too; Ctrl-C stays with us
                close_fds=True,
            )
        finally:
            os.close(to_worker_r)
            os.close(from_worker_w)
        worker = _Worker(process, Connection(to_worker_w, readable=False), Connection(from_worker_r, writable=False))
        worker.inbox.send(
            {"sys_path": list(sys.path), "memory_limit_bytes": self.memory_limit_bytes, "preload": self.preload}
        )
        self._pool.append(worker)
        self.stats.started += 1
        return worker

    def _dispatch(self) -> None:
        while self._pending:
            idle = next((w for w in self._pool if w.ready and w.job is None), None)
            if idle is None:
                if len(self._pool) < self.workers:
                    self._spawn()
                    continue  # not ready yet: its "ready" message dispatches later
                return
            job = self._pending.popleft()
            try:
                idle.inbox.send_bytes(job.payload)
            except OSError:  # died between tasks: replace it and retry this job
                self._pending.appendleft(job)
                self._retire(idle, kill=True)
                continue
            idle.job = job
            job.started_at = time.monotonic()
            job.queue_wait_at_start = _queue_wait_s(idle.process.pid)

    def _receive(self, worker: _Worker) -> None:
        try:
            data = worker.outbox.recv_bytes(MAX_RESULT_BYTES)
        except EOFError:
            self._on_death(worker)
            return
        except OSError:  # over MAX_RESULT_BYTES (or a broken pipe): the stream is unusable, the worker suspect
            self._finish(worker, ("exception", "ResultTooLarge", f"a result over {MAX_RESULT_BYTES // 2**20} MiB"))
            self._retire(worker, kill=True)
            return
        try:
            outcome = _RestrictedUnpickler(data, self._allowed | _BUILTIN_TYPES).load()
        except Exception as exc:  # a forbidden or corrupt pickle: treat the worker as compromised
            outcome = ("exception", "UnpicklingError", str(exc)[:300])
            self._finish(worker, outcome)
            self._retire(worker, kill=True)
            return
        if outcome[0] == "ready":
            worker.ready = True
            worker.inherited_peak_kib = int(outcome[1]) if len(outcome) > 1 else 0
            self._start_failures = 0
            self._dispatch()
            return
        self._finish(worker, outcome)
        if outcome[0] in ("memory",) or (outcome[0] == "exception" and outcome[1] == "RecursionError"):
            self._retire(worker, kill=False)  # it exits by itself after such an error
        elif worker.tasks_done >= self.max_tasks_per_worker:
            with contextlib.suppress(OSError):
                worker.inbox.send(None)
            self.stats.recycled += 1
            self._retire(worker, kill=False)
        self._dispatch()

    def _finish(self, worker: _Worker, outcome: tuple[Any, ...]) -> None:
        job = worker.job
        worker.job = None
        worker.tasks_done += 1
        if job is None:
            return
        kind = outcome[0]
        if kind == "ok":
            job.result = outcome[1]
        elif kind == "error":
            job.error = _rebuild_error(str(outcome[1]), str(outcome[2]), outcome[3])
        elif kind == "memory":
            job.failure = TaskMemoryError()
        else:
            job.failure = TaskException(str(outcome[1]), str(outcome[2]))
        job.done = True

    def _enforce_timeouts(self, now: float) -> None:
        for worker in list(self._pool):
            job = worker.job
            if job is not None and job.started_at is not None and _task_elapsed(worker, now) > job.timeout_s:
                self.stats.timed_out += 1
                self._kill(worker)
                job.failure = TaskTimedOut(job.timeout_s)
                job.done = True

    def _on_death(self, worker: _Worker) -> None:
        status, rusage = self._reap(worker)
        if not worker.ready:
            self._start_failures += 1
            if self._start_failures >= MAX_START_FAILURES:
                failure = WorkerStartFailed(self._start_failures, self.memory_limit_bytes)
                while self._pending:
                    queued = self._pending.popleft()
                    queued.failure, queued.done = failure, True
        job = worker.job
        worker.job = None
        if job is not None and not job.done:
            self.stats.crashed += 1
            if os.WIFSIGNALED(status):
                number = os.WTERMSIG(status)
                name = _SIGNAL_NAMES.get(number, f"signal {number}")
            else:
                name = f"exit {os.WEXITSTATUS(status)}" if os.WIFEXITED(status) else "unknown"
            job.failure = WorkerCrashed(name, _own_peak(worker, rusage), self.memory_limit_bytes)
            job.done = True

    def _kill(self, worker: _Worker) -> None:
        worker.killed_by_us = True
        self._retire(worker, kill=True)

    def _retire(self, worker: _Worker, *, kill: bool) -> None:
        if worker in self._pool:
            self._pool.remove(worker)
        if kill:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(worker.process.pid, signal.SIGKILL)
        self._reap(worker)

    def _reap(self, worker: _Worker) -> tuple[int, Any]:
        """Wait for the worker's exit (killing it after 5 s) and return its wait status and resource usage."""
        for conn in (worker.inbox, worker.outbox):
            with contextlib.suppress(OSError):
                conn.close()
        if worker in self._pool:
            self._pool.remove(worker)
        process = worker.process
        if process.returncode is not None:
            return 0, None
        deadline = time.monotonic() + 5.0
        while True:
            try:
                pid, status, rusage = os.wait4(process.pid, os.WNOHANG)
            except ChildProcessError:
                process.returncode = -1
                return 0, None
            if pid:
                process.returncode = os.waitstatus_to_exitcode(status)
                # Its Tesseract children, if any, go with it (the group outlives a dead leader).
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(process.pid, signal.SIGKILL)
                return status, rusage
            if time.monotonic() > deadline:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(process.pid, signal.SIGKILL)
                deadline = time.monotonic() + 5.0
            time.sleep(0.005)


def _queue_wait_s(pid: int) -> float | None:
    """Seconds the process's main thread has spent runnable but waiting for a CPU (Linux schedstat), or None."""
    try:
        fields = Path(f"/proc/{pid}/schedstat").read_text().split()
        return int(fields[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return None


def _task_elapsed(worker: _Worker, now: float) -> float:
    """How long the worker's task has run or been blocked: wall-clock time less its wait for a CPU."""
    job = worker.job
    if job is None or job.started_at is None:
        return 0.0
    wall = now - job.started_at
    if job.queue_wait_at_start is None:
        return wall
    waited = _queue_wait_s(worker.process.pid)
    if waited is None:
        return wall
    return max(0.0, wall - max(0.0, waited - job.queue_wait_at_start))


def _sample_peak(worker: _Worker) -> None:
    """Remember the worker's VmHWM (peak resident memory since its exec) while it is alive."""
    try:
        status = Path(f"/proc/{worker.process.pid}/status").read_text()
    except OSError:
        return
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            worker.sampled_peak_bytes = max(worker.sampled_peak_bytes, int(line.split()[1]) * 1024)
            return


def _own_peak(worker: _Worker, rusage: Any) -> int:
    """The dead worker's own peak resident memory, as far as it can be known.

    ``wait4``'s ``ru_maxrss`` would be exact, but Linux carries the spawning process's peak over ``vfork`` + exec,
    so it says nothing when the parent (a GUI with models loaded) was bigger. It counts when it grew past what
    the worker reported at start; otherwise the last VmHWM sampled from /proc while the worker ran is used.
    """
    reported = int(rusage.ru_maxrss) if rusage is not None else 0  # KiB on Linux
    own = reported * 1024 if reported > worker.inherited_peak_kib + 8 * 1024 else 0
    return max(own, worker.sampled_peak_bytes)


# Builtins a result pickle may name (by protocol 5 most builtins are opcodes; these are the exceptions).
_BUILTIN_TYPES: frozenset[tuple[str, str]] = frozenset(
    {("builtins", "frozenset"), ("builtins", "set"), ("builtins", "complex"), ("builtins", "bytearray")}
)
