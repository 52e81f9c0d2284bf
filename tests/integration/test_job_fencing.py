"""A zombie worker's late acknowledgement never changes a job that the reaper handed to another worker.

Real PostgreSQL and Procrastinate's own SQL, no worker processes: the two workers are registered and fetch the
job through the job manager exactly as Procrastinate's worker does; the reaper's hand-over is the same
``retry_job`` call the reaper task makes on a stalled job.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from procrastinate import jobs as procrastinate_jobs

from examiner_app.agency import jobs
from examiner_app.store import Store
from tests.conftest import _postgres_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def url() -> Iterator[str]:
    for url in _postgres_database():
        Store(url).dispose()  # the schema, Procrastinate's included, through our migrations
        yield url


async def _row(app: Any, job_id: int) -> tuple[str, int | None, int]:
    """(status, worker id, attempts) of the job as the store holds it."""
    r = await app.connector.execute_query_one_async(
        query="SELECT status::text AS status, worker_id, attempts FROM procrastinate_jobs WHERE id = %(id)s",
        id=job_id,
    )
    return r["status"], r["worker_id"], r["attempts"]


def test_a_zombie_cannot_finish_or_retry_the_job_another_worker_now_holds(url: str) -> None:
    async def scenario() -> dict[str, object]:
        app = jobs.make_app(url, sync=False)
        async with app.open_async():
            manager = app.job_manager
            task = app.tasks[jobs.PAGE_TASK]
            job_id = await task.defer_async(case_id="c", document_id="d", page=1)
            zombie_id = await manager.register_worker()
            zombie_job = await manager.fetch_job(queues=[jobs.INGEST_QUEUE], worker_id=zombie_id)
            assert zombie_job is not None
            assert zombie_job.id == job_id
            # The reaper: the zombie's heartbeat is silent, its job goes back to the queue (same call as tasks.py).
            await manager.retry_job(zombie_job, priority=zombie_job.priority + jobs.RETRY_BOOST)
            heir_id = await manager.register_worker()
            heir_job = await manager.fetch_job(queues=[jobs.INGEST_QUEUE], worker_id=heir_id)
            assert heir_job is not None
            assert heir_job.id == job_id
            assert heir_job.worker_id == heir_id

            before = await _row(app, job_id)
            # The zombie wakes up: its task was fenced (tasks._fence raised), so its worker fails or retries it.
            await manager.finish_job(zombie_job, status=procrastinate_jobs.Status.FAILED, delete_job=False)
            after_finish = await _row(app, job_id)
            await manager.retry_job(zombie_job)
            after_retry = await _row(app, job_id)
            # The heir's own acknowledgement goes through.
            await manager.finish_job(heir_job, status=procrastinate_jobs.Status.SUCCEEDED, delete_job=False)
            after_heir = await _row(app, job_id)
            return {
                "heir": heir_id,
                "before": before,
                "after_finish": after_finish,
                "after_retry": after_retry,
                "after_heir": after_heir,
            }

    result = asyncio.run(scenario())
    heir = result["heir"]
    assert result["before"] == ("doing", heir, 1)
    assert result["after_finish"] == ("doing", heir, 1), "the zombie's failure was recorded on the heir's job"
    assert result["after_retry"] == ("doing", heir, 1), "the zombie's retry put the heir's job back in the queue"
    assert result["after_heir"] == ("succeeded", heir, 2)


def test_the_reaper_still_retries_a_stalled_job_and_a_worker_still_ends_its_own(url: str) -> None:
    async def scenario() -> list[tuple[str, int]]:
        app = jobs.make_app(url, sync=False)
        seen: list[tuple[str, int]] = []  # (status, attempts)
        async with app.open_async():
            manager = app.job_manager
            task = app.tasks[jobs.PAGE_TASK]
            job_id = await task.defer_async(case_id="c", document_id="d", page=2)
            worker = await manager.register_worker()
            job = await manager.fetch_job(queues=[jobs.INGEST_QUEUE], worker_id=worker)
            assert job is not None
            await manager.retry_job(job)

            status, _worker, attempts = await _row(app, job_id)
            seen.append((status, attempts))
            job = await manager.fetch_job(queues=[jobs.INGEST_QUEUE], worker_id=worker)
            assert job is not None
            await manager.finish_job(job, status=procrastinate_jobs.Status.FAILED, delete_job=False)
            status, _worker, attempts = await _row(app, job_id)
            seen.append((status, attempts))
        return seen

    assert asyncio.run(scenario()) == [("todo", 1), ("failed", 2)]
