"""The worker pool the reader runs in: limits, timeouts, crash attribution, safe results."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import pytest

from examiner_app.errors import EncryptedFileError, OcrError
from examiner_app.extraction.sandbox import (
    Job,
    TaskException,
    TaskMemoryError,
    TaskTimedOut,
    WorkerCrashed,
    WorkerPool,
    WorkerStartFailed,
)

# --- tasks (module level: workers import them by name) ---------------------------------------------


def add(a: int, b: int) -> int:
    return a + b


def environment() -> tuple[str | None, int]:
    import resource

    return os.environ.get("OMP_THREAD_LIMIT"), resource.getrlimit(resource.RLIMIT_AS)[0]


def abort() -> None:
    os.abort()


def allocate(size: int) -> int:
    return len(bytearray(size))


def encrypted(path: str) -> None:
    raise EncryptedFileError(Path(path), "ask for the password.")


def ocr_failure() -> None:
    raise OcrError("Tesseract could not read this page. Try a cleaner scan.")


def forbidden_result() -> PurePosixPath:
    return PurePosixPath("/etc/passwd")  # not an allowed result type: refused by the parent


def sleep_with_child(pid_file: str) -> None:
    child = subprocess.Popen(["sleep", "60"])  # like Tesseract under a worker
    Path(pid_file).write_text(str(child.pid))
    time.sleep(60)


def alive(pid: int) -> bool:
    """Running (a zombie waiting for a reaper that never comes, as in some containers, counts as dead)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def finish(pool: WorkerPool, job: Job, timeout: float = 30.0) -> Job:
    deadline = time.monotonic() + timeout
    while not job.done and time.monotonic() < deadline:
        pool.wait([job], 0.5)
    assert job.done
    return job


@pytest.fixture
def pool() -> Iterator[WorkerPool]:
    with WorkerPool(workers=2, memory_limit_bytes=512 * 2**20, max_tasks_per_worker=3) as workers:
        yield workers


def test_results_come_back_and_workers_are_limited_and_recycled(pool: WorkerPool) -> None:
    jobs = [pool.submit(add, i, 1, timeout_s=30) for i in range(8)]
    for job in jobs:
        finish(pool, job)
    assert [job.result for job in jobs] == [i + 1 for i in range(8)]
    assert finish(pool, pool.submit(environment, timeout_s=30)).result == ("1", 512 * 2**20)
    assert pool.stats.recycled >= 2  # 3 tasks per worker, then a fresh process


def test_a_crash_fails_only_its_own_job(pool: WorkerPool) -> None:
    crashing = pool.submit(abort, timeout_s=30)
    healthy = pool.submit(add, 2, 2, timeout_s=30)
    finish(pool, crashing)
    finish(pool, healthy)
    assert isinstance(crashing.failure, WorkerCrashed)
    assert crashing.failure.signal_name == "SIGABRT"
    assert not crashing.failure.probably_out_of_memory  # a small process: a crash, not the memory cap
    assert healthy.result == 4
    assert finish(pool, pool.submit(add, 1, 1, timeout_s=30)).result == 2


def test_memory_error_in_a_worker_is_reported(pool: WorkerPool) -> None:
    job = finish(pool, pool.submit(allocate, 2 * 1024**3, timeout_s=30))
    assert isinstance(job.failure, TaskMemoryError)


def test_typed_errors_cross_the_process_boundary_intact(pool: WorkerPool, tmp_path: Path) -> None:
    job = finish(pool, pool.submit(encrypted, str(tmp_path / "secret.pdf"), timeout_s=30))
    assert isinstance(job.error, EncryptedFileError)
    assert str(job.error) == "secret.pdf: ask for the password."
    assert job.error.path == tmp_path / "secret.pdf"
    other = finish(pool, pool.submit(ocr_failure, timeout_s=30))
    assert isinstance(other.error, OcrError)
    assert "cleaner scan" in str(other.error)


def test_results_of_unexpected_types_are_refused(pool: WorkerPool) -> None:
    job = finish(pool, pool.submit(forbidden_result, timeout_s=30))
    assert isinstance(job.failure, TaskException)
    assert job.failure.kind == "UnpicklingError"


def test_timeout_kills_the_worker_and_its_children(pool: WorkerPool, tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    job = pool.submit(sleep_with_child, str(pid_file), timeout_s=1.0)
    started = time.monotonic()
    finish(pool, job)
    assert isinstance(job.failure, TaskTimedOut)
    assert time.monotonic() - started < 30  # a 1 s limit plus a worker start, on a loaded machine
    child = int(pid_file.read_text())
    time.sleep(0.1)
    assert not alive(child)  # the grandchild went with the worker's process group
    assert finish(pool, pool.submit(add, 1, 2, timeout_s=30)).result == 3


def test_cancel_kills_a_running_job(pool: WorkerPool) -> None:
    job = pool.submit(time.sleep, 30, timeout_s=60)
    pool.wait([job], 0.5)
    pool.cancel(job)
    assert job.done
    assert job.failure is not None
    assert finish(pool, pool.submit(add, 3, 4, timeout_s=30)).result == 7


def test_close_leaves_no_process_behind() -> None:
    workers = WorkerPool(workers=2, memory_limit_bytes=512 * 2**20)
    busy = workers.submit(time.sleep, 30, timeout_s=60)
    idle = workers.submit(add, 1, 1, timeout_s=60)
    finish(workers, idle)
    pids = workers.pids
    assert len(pids) == 2
    assert not busy.done
    workers.close()
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # already reaped by the pool: no zombie, no orphan
        assert not alive(pid)


def test_workers_that_cannot_start_fail_the_queue_instead_of_respawning_forever(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from examiner_app.extraction import sandbox

    monkeypatch.setattr(sandbox, "_BOOT", "import sys; sys.exit(3)")
    with WorkerPool(workers=1, memory_limit_bytes=512 * 2**20) as workers:
        job = finish(workers, workers.submit(add, 1, 1, timeout_s=30))
    assert isinstance(job.failure, WorkerStartFailed)
    assert workers.stats.started == sandbox.MAX_START_FAILURES


def spin(cpu_seconds: float) -> float:
    """Burn ``cpu_seconds`` of this process's CPU time, however long the wall clock takes."""
    started = time.process_time()
    while time.process_time() - started < cpu_seconds:
        pass
    return time.process_time() - started


@pytest.mark.skipif(not Path("/proc/self/schedstat").exists(), reason="needs Linux schedstat")
def test_a_task_starved_of_cpu_by_other_processes_is_not_timed_out(pool: WorkerPool) -> None:
    """The timeout counts running and blocked time, not the wait for a CPU held by others: a busy machine gives
    the same outcome as a quiet one."""
    cores = os.cpu_count() or 2
    hogs = [
        subprocess.Popen(
            [sys.executable, "-c", "import time\nend = time.monotonic() + 120\nwhile time.monotonic() < end: pass"]
        )
        for _ in range(cores * 3)
    ]
    try:
        started = time.monotonic()
        job = finish(pool, pool.submit(spin, 0.5, timeout_s=1.0), timeout=120)
        wall = time.monotonic() - started
    finally:
        for hog in hogs:
            hog.kill()
        for hog in hogs:
            hog.wait()
    assert wall > 1.0  # the wall clock did pass the timeout: the hogs held the CPUs
    assert job.failure is None, f"{job.failure} after {wall:.1f} s wall-clock"
    assert job.result >= 0.5
    print(f"\n0.5 s of CPU under {cores * 3} busy loops on {cores} cores: {wall:.1f} s wall-clock, not timed out")


def test_a_spinning_task_still_times_out(pool: WorkerPool) -> None:
    job = finish(pool, pool.submit(spin, 600.0, timeout_s=1.0), timeout=120)
    assert isinstance(job.failure, TaskTimedOut)
