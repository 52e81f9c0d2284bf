"""Agency mode on a real PostgreSQL with real worker processes: kills, retries, locks, priorities, cancel, restart.

Skipped without EXAMINER_TEST_PG_URL (scripts/test.sh starts a throwaway server). Every wait has a deadline;
workers are ended by their own PIDs only. Pages are real scans read by real Tesseract through the whole job
path (see harness.py).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from examiner_app.agency import jobs, service
from tests.conftest import _postgres_database
from tests.distributed.harness import Cluster, epoch, make_scans, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.distributed]

#: "Each killed job retried within about 11 s": heartbeat silence (4 s) + reaper tick (1 s) + a free worker.
RETRY_WITHIN_S = 11.5
#: ... and running again on the next free worker (a replacement starts in a few seconds on a loaded machine).
RESTART_WITHIN_S = 30.0


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    for url in _postgres_database():
        (tmp_path / "logs").mkdir()
        c = Cluster(url, tmp_path / "data", tmp_path / "logs")
        try:
            yield c
        finally:
            c.close()


def _no_overlap_inside_documents(c: Cluster) -> int:
    """Intervals during which a worker held a document's result-writing lock never overlap per document."""
    rows = c.query(
        "SELECT document_id, locked_at, ended_at, pid FROM stage_runs "
        "WHERE locked_at IS NOT NULL AND ended_at IS NOT NULL ORDER BY document_id, locked_at"
    )
    by_document: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for document_id, locked_at, ended_at, pid in rows:
        by_document[document_id].append((epoch(locked_at), epoch(ended_at), pid))
    for document_id, spans in by_document.items():
        for (_start_a, end_a, pid_a), (start_b, _end_b, pid_b) in zip(spans, spans[1:], strict=False):
            assert start_b >= end_a, f"workers {pid_a} and {pid_b} were inside document {document_id} at once"
    return len(rows)


def test_kills_mid_page_lose_nothing_and_never_share_a_document(cluster: Cluster, tmp_path: Path) -> None:
    c = cluster
    case_id = c.new_case("Agency: kills")
    files = make_scans(tmp_path, documents=10, pages=4, tag="kill", lines=3)
    workers = [c.start_worker(preload=False), c.start_worker(preload=False)]
    documents = c.import_files(case_id, files)
    assert len(documents) == 10
    kills: list[tuple[float, int, str, int]] = []
    for _ in range(3):
        victim, run = wait_for(
            "a worker in the middle of a page",
            lambda: next(((w, r) for w in workers if w.poll() is None and (r := c.running_page(w))), None),
            timeout_s=90,
            poll_s=0.02,
        )
        attempts = c.scalar("SELECT attempts FROM procrastinate_jobs WHERE id = :j", j=int(run.job_id))
        at = c.kill(victim)
        workers.remove(victim)
        replacement = c.start_worker(preload=False)
        workers.append(replacement)
        # Retried: the reaper puts the job back in the queue, first in line.
        wait_for(
            f"job {run.job_id} back in the queue",
            lambda job_id=int(run.job_id), before=attempts: c.query(
                "SELECT 1 FROM procrastinate_jobs WHERE id = :j AND attempts > :a", j=job_id, a=before
            ),
            timeout_s=RETRY_WITHIN_S,
            poll_s=0.05,
            explain=c.logs_text,
        )
        kills.append((at, int(run.job_id), run.document_id, int(run.page_number), time.time() - at))
        # The next kill only once the replacement serves (on a loaded machine a start takes several seconds).
        wait_for("the replacement worker serving", lambda w=replacement: c.serving(w), timeout_s=60, poll_s=0.1)
    # "Done" is two commits: the pipeline's own (status done), then the document's stage result: wait for both.
    wait_for(
        "all 10 documents done and their document stage recorded",
        lambda: (
            c.documents_done(documents)
            and c.scalar("SELECT count(*) FROM stage_results WHERE stage = 'document'") == 10
        ),
        timeout_s=150,
        poll_s=0.2,
    )

    # Every page done exactly once in the results.
    rows = c.query("SELECT document_id, page_number, count(*) FROM stage_results WHERE stage = 'read' GROUP BY 1, 2")
    assert len(rows) == 40
    assert all(r[2] == 1 for r in rows)
    assert c.scalar("SELECT count(*) FROM pages") == 40
    assert c.scalar("SELECT count(*) FROM stage_results WHERE stage = 'document'") == 10
    # Each killed page was killed mid-page (its run never ended) and retried within about 11 s.
    restarts = []
    for at, job_id, document_id, page, requeued in kills:
        killed = c.query("SELECT outcome, ended_at FROM stage_runs WHERE job_id = :j ORDER BY id LIMIT 1", j=job_id)
        assert killed[0][0] == "running"
        assert killed[0][1] is None
        retried = c.scalar(
            "SELECT min(started_at) FROM stage_runs WHERE document_id = :d AND page_number = :p AND stage = 'read' "
            "AND started_at > to_timestamp(:at)",
            d=document_id,
            p=page,
            at=at,
        )
        assert retried is not None, f"page {page} of {document_id} was never retried"
        restarts.append(epoch(retried) - at)
        assert requeued < RETRY_WITHIN_S
    # Restarted by the next free worker (the replacement may still be starting; the other one finishes its job).
    assert max(restarts) < RESTART_WITHIN_S, restarts
    print(
        f"killed jobs back in the queue after {[round(k[4], 1) for k in kills]} s, running again after "
        f"{[round(r, 1) for r in restarts]} s"
    )
    assert _no_overlap_inside_documents(c) >= 40


def test_kill_in_the_commit_window_leaves_one_result_row(cluster: Cluster, tmp_path: Path) -> None:
    c = cluster
    case_id = c.new_case("Agency: commit window")
    (document,) = c.import_files(case_id, make_scans(tmp_path, documents=1, pages=2, tag="commit", lines=2))
    first = c.start_worker(preload=False, EXAMINER_WORKER_PAUSE_AFTER_COMMIT="4")
    # The second worker starts now, not after the kill: it runs the reaper that hands the killed job back, and
    # its start-up (seconds on a loaded machine) then overlaps the first worker's pages instead of following
    # the kill. It starts once the first serves, so the first holds the probe and commits a page of its own.
    c.wait_serving([first])
    second = c.start_worker(preload=False)
    written = wait_for(
        "a page committed by the first worker",
        lambda: c.query(
            "SELECT r.job_id, r.page_number FROM stage_runs r JOIN procrastinate_jobs j ON j.id = r.job_id "
            "WHERE r.pid = :pid AND r.outcome = 'done' AND r.stage = 'read' AND j.status = 'doing'",
            pid=first.pid,
        ),
        timeout_s=60,
        poll_s=0.02,
    )
    job_id, page = written[0]
    c.kill(first)  # committed, not yet acknowledged: the queue still says "doing"
    wait_for("both pages read", lambda: c.pages_read([document]) == 2, timeout_s=90, poll_s=0.2)
    wait_for(
        "the killed job run again",
        lambda: c.scalar("SELECT count(*) FROM stage_runs WHERE job_id = :j AND outcome = 'already done'", j=job_id),
        timeout_s=60,
        poll_s=0.2,
    )
    assert (
        c.scalar(
            "SELECT count(*) FROM stage_results WHERE document_id = :d AND page_number = :p AND stage = 'read'",
            d=document,
            p=page,
        )
        == 1
    )
    # The job did run again, found its result and wrote nothing.
    assert c.scalar("SELECT count(*) FROM stage_runs WHERE job_id = :j AND outcome = 'already done'", j=job_id) == 1
    assert c.scalar("SELECT count(*) FROM pages WHERE document_id = :d", d=document) == 2
    assert second.poll() is None


def test_reaper_is_not_starved_by_a_60_job_backlog(cluster: Cluster, tmp_path: Path) -> None:
    c = cluster
    case_id = c.new_case("Agency: backlog")
    documents = c.import_files(case_id, make_scans(tmp_path, documents=15, pages=4, tag="backlog", lines=8))
    # Pages of eight lines: a preloaded worker reads a one-line page in less than the 150 ms a run must have
    # lasted before the test counts it as "in the middle of a page", and the test never caught one (CI, stop 19).
    workers = [c.start_worker(preload=False), c.start_worker(preload=False)]
    c.wait_serving(workers)  # the survivor of the kill below must be there to reap
    wait_for(
        "a 60-job backlog",
        lambda: c.scalar("SELECT count(*) FROM procrastinate_jobs WHERE task_name = :t", t=jobs.PAGE_TASK) >= 55,
        timeout_s=90,
        poll_s=0.2,
    )
    victim, run = wait_for(
        "a worker in the middle of a page",
        lambda: next(((w, r) for w in workers if (r := c.running_page(w))), None),
        timeout_s=60,
        poll_s=0.02,
    )
    waiting = c.scalar("SELECT count(*) FROM procrastinate_jobs WHERE status = 'todo' AND queue_name = 'ingest'")
    at = c.kill(victim)
    # Back in the queue (attempts raised), or already run again: a retried job that finds its page written (the
    # kill came just after the commit) ends in milliseconds and is deleted, so its row alone can be missed.
    back = wait_for(
        "the reaper to put the killed job back",
        lambda: (
            c.query("SELECT attempts FROM procrastinate_jobs WHERE id = :j AND attempts > 0", j=int(run.job_id))
            or c.query(
                "SELECT id FROM stage_runs WHERE job_id = :j AND started_at > to_timestamp(:at)",
                j=int(run.job_id),
                at=at,
            )
        ),
        timeout_s=30,
        poll_s=0.1,
    )
    delay = time.time() - at
    assert back
    assert delay < RETRY_WITHIN_S - 3, f"reaper took {delay:.1f} s behind {waiting} waiting jobs"
    assert waiting >= 40  # the backlog was really there while the reaper ran
    assert documents


def test_cancel_and_abort_from_the_synchronous_api(cluster: Cluster, tmp_path: Path) -> None:
    c = cluster
    case_id = c.new_case("Agency: cancel")
    (document,) = c.import_files(case_id, make_scans(tmp_path, documents=1, pages=6, tag="cancel", lines=10))
    worker = c.start_worker(preload=False)
    run = wait_for("a page being read", lambda: c.running_page(worker), timeout_s=60, poll_s=0.02)
    app = jobs.make_app(c.url, sync=True)
    with app.open():
        result = service.cancel_case(c.store, c.bench.actor, case_id, app=app)
        assert result["documents"] == 1
        assert result["aborted"] == 1
        assert result["cancelled"] >= 4
        # The running job stops at the reader's next cancel check and ends "aborted"; the waiting ones "cancelled".
        wait_for(
            "the running job aborted",
            lambda: app.job_manager.get_job_status(int(run.job_id)).value == "aborted",
            timeout_s=30,
            poll_s=0.1,
        )
    statuses = dict(
        c.query("SELECT status::text, count(*) FROM procrastinate_jobs WHERE queue_name = 'ingest' GROUP BY 1")
    )
    assert statuses.get("cancelled", 0) >= 4
    assert statuses.get("todo", 0) == 0
    assert statuses.get("doing", 0) == 0
    assert c.scalar("SELECT status FROM documents WHERE id = :d", d=document) == "cancelled"
    assert c.pages_read([document]) < 6
    assert c.scalar("SELECT outcome FROM stage_runs WHERE job_id = :j", j=int(run.job_id)) == "aborted"
    # Graceful on SIGTERM: the worker exits cleanly, by itself.
    os.kill(worker.pid, signal.SIGTERM)
    assert worker.wait(timeout=30) == 0


def test_urgent_case_jumps_a_12_job_backlog(cluster: Cluster, tmp_path: Path) -> None:
    c = cluster
    backlog_case = c.new_case("Agency: backlog case")
    backlog = c.import_files(backlog_case, make_scans(tmp_path, documents=3, pages=4, tag="normal", lines=3))
    worker = c.start_worker(preload=False)
    wait_for(
        "12 page jobs waiting",
        lambda: c.scalar("SELECT count(*) FROM procrastinate_jobs WHERE task_name = :t", t=jobs.PAGE_TASK) >= 12,
        timeout_s=90,
        poll_s=0.1,
    )
    urgent_case = c.new_case("Agency: urgent case")
    service.set_urgent(c.store, c.bench.actor, urgent_case, True)
    (urgent,) = c.import_files(urgent_case, make_scans(tmp_path, documents=1, pages=2, tag="urgent", lines=3))
    read_before = c.pages_read(backlog)
    wait_for("the urgent document read", lambda: c.pages_read([urgent]) == 2, timeout_s=90, poll_s=0.1)
    read_after = c.pages_read(backlog)
    # Only the pages already in hand (one worker: at most one) were read before the urgent ones.
    assert read_after - read_before <= 2, (read_before, read_after)
    assert read_after < 12
    assert worker.poll() is None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def restartable_server() -> Iterator[tuple[str, list[str]]]:
    """A PostgreSQL cluster of this test's own (it is restarted), with the command that restarts it."""
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not bins or not os.environ.get("EXAMINER_TEST_PG_URL"):
        pytest.skip("needs PostgreSQL's server binaries and the throwaway test server")
    bin_dir = bins[-1].parent
    folder = Path(tempfile.mkdtemp(prefix="examiner-pg-restart-"))
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(folder, "postgres")
    port = _free_port()
    subprocess.run(
        [*as_postgres, str(bin_dir / "initdb"), "-D", str(folder / "data"), "-A", "trust", "-U", "postgres"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    ctl = [
        *as_postgres,
        str(bin_dir / "pg_ctl"),
        "-D",
        str(folder / "data"),
        "-o",
        options,
        "-l",
        str(folder / "log"),
        "-w",
    ]
    subprocess.run([*ctl, "start"], check=True, capture_output=True, timeout=120)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", [*ctl, "-m", "fast", "restart"]
    finally:
        subprocess.run([*ctl, "-m", "immediate", "stop"], capture_output=True, timeout=120)
        shutil.rmtree(folder, ignore_errors=True)


def test_postgres_restart_mid_run_loses_nothing(restartable_server: tuple[str, list[str]], tmp_path: Path) -> None:
    url, restart = restartable_server
    (tmp_path / "logs").mkdir()
    c = Cluster(url, tmp_path / "data", tmp_path / "logs")
    try:
        case_id = c.new_case("Agency: restart")
        documents = c.import_files(case_id, make_scans(tmp_path, documents=3, pages=4, tag="restart", lines=3))
        c.start_worker()
        c.start_worker()
        wait_for("a few pages read", lambda: c.pages_read() >= 3, timeout_s=90, poll_s=0.2)
        subprocess.run(restart, check=True, capture_output=True, timeout=120)
        c.store.engine.dispose()  # our own pooled connections died with the server
        # Jobs caught by the restart come back through the reaper (heartbeat) and the retry backoff: a loaded machine
        # needs more than a quiet one.
        wait_for("all documents done after the restart", lambda: c.documents_done(documents), timeout_s=300, poll_s=0.2)
        rows = c.query(
            "SELECT document_id, page_number, count(*) FROM stage_results WHERE stage = 'read' GROUP BY 1, 2"
        )
        assert len(rows) == 12, c.logs_text()
        assert all(r[2] == 1 for r in rows)
        assert c.scalar("SELECT count(*) FROM pages") == 12
    finally:
        c.close()


def test_workers_write_through_row_level_security_as_an_audited_service_account(
    owner_and_app_urls: tuple[str, str], tmp_path: Path
) -> None:
    """A worker connected as the application role (not the tables' owner) reads and writes under row-level
    security as its named service account, and its writes are in the audit log under that account."""
    _owner_url, app_url = owner_and_app_urls
    (tmp_path / "logs").mkdir()
    c = Cluster(app_url, tmp_path / "data", tmp_path / "logs")
    try:
        case_id = c.new_case("Agency: service account")
        (document,) = c.import_files(case_id, make_scans(tmp_path, documents=1, pages=2, tag="rls", lines=2))
        worker = c.start_worker(EXAMINER_USER="worker@scan-01:reviewer")
        wait_for(
            "the document read by the worker",
            lambda: c.documents_done([document]),
            timeout_s=120,
            poll_s=0.2,
            explain=c.logs_text,
        )
        account = c.scalar("SELECT id FROM users WHERE name = 'worker@scan-01' AND role = 'reviewer'")
        assert account is not None
        actions = {r[0] for r in c.query("SELECT action FROM audit_events WHERE actor = :a", a=account)}
        assert {"document.text_extracted", "suggestions.generate"} <= actions
        assert c.scalar("SELECT current_user") != "postgres"  # the test's own view is the app role too
        assert worker.poll() is None
        # The production start-up: everything the jobs use was loaded, and logged, before the worker served.
        log = c.logs_of[worker.pid].read_text(errors="replace")
        preloaded = next(line for line in log.splitlines() if ": preloaded " in line)
        assert "not loaded" not in preloaded, preloaded
        assert log.index(": preloaded ") < log.index("serving queues")
    finally:
        c.close()
