"""A job's end is recorded only by the worker that holds it: the zombie's late acknowledgement is dropped.

When a worker's heartbeat falls silent (the machine stalled, the network paused) the reaper hands its job to
another worker. If the first worker then wakes up, ``tasks._fence`` stops it writing any result, but
Procrastinate's worker still acknowledges the job by its id: ``procrastinate_finish_job`` and
``procrastinate_retry_job`` check only that the row is ``doing``, not whose it is. The zombie would then mark the
job succeeded, failed or "to do" again while the new worker is reading it, and the queue view (and the retry
count) would show what never happened; a "to do" job can even be started a third time.

This manager makes both acknowledgements conditional on the row still being ``doing`` on the job's own worker
(``worker_id`` is Procrastinate's fencing token), in one statement that locks the row first, so the reaper
cannot move the job in between. Procrastinate has no hook for this (its worker calls ``app.job_manager``
directly), hence a subclass that keeps every other behaviour.
"""

from __future__ import annotations

import datetime
import logging

from procrastinate import jobs as procrastinate_jobs
from procrastinate.manager import JobManager

log = logging.getLogger(__name__)

# The row lock is taken before Procrastinate's own function runs, in the same statement; no row: not ours.
_OURS = """
WITH ours AS (
    SELECT id FROM procrastinate_jobs
    WHERE id = %(job_id)s AND status = 'doing' AND worker_id = %(worker_id)s
    FOR UPDATE
)
SELECT ours.id FROM ours
"""
_FINISH_IF_OURS = (
    _OURS + "CROSS JOIN LATERAL procrastinate_finish_job_v1(ours.id, %(status)s, %(delete_job)s) AS finished"
)
_RETRY_IF_OURS = _OURS + (
    "CROSS JOIN LATERAL procrastinate_retry_job_v2("
    "ours.id, %(retry_at)s, %(new_priority)s, %(new_queue_name)s, %(new_lock)s) AS retried"
)


class FencedJobManager(JobManager):
    """Procrastinate's job manager, with acknowledgements fenced on the job's worker id."""

    async def finish_job(
        self, job: procrastinate_jobs.Job, status: procrastinate_jobs.Status, delete_job: bool
    ) -> None:
        if job.id is None or job.worker_id is None:
            await super().finish_job(job=job, status=status, delete_job=delete_job)
            return
        rows = await self.connector.execute_query_all_async(
            query=_FINISH_IF_OURS,
            job_id=job.id,
            worker_id=job.worker_id,
            status=status.value,
            delete_job=delete_job,
        )
        if not rows:
            log.warning(
                "job %s was handed to another worker while worker %s was presumed dead; its end (%s) is not recorded",
                job.id,
                job.worker_id,
                status.value,
            )

    async def retry_job(
        self,
        job: procrastinate_jobs.Job,
        retry_at: datetime.datetime | None = None,
        priority: int | None = None,
        queue: str | None = None,
        lock: str | None = None,
    ) -> None:
        if job.id is None or job.worker_id is None:
            await super().retry_job(job=job, retry_at=retry_at, priority=priority, queue=queue, lock=lock)
            return
        rows = await self.connector.execute_query_all_async(
            query=_RETRY_IF_OURS,
            job_id=job.id,
            worker_id=job.worker_id,
            retry_at=retry_at or datetime.datetime.now(datetime.UTC),
            new_priority=priority,
            new_queue_name=queue,
            new_lock=lock,
        )
        if not rows:
            log.warning(
                "job %s was handed to another worker while worker %s was presumed dead; its retry is not recorded",
                job.id,
                job.worker_id,
            )
