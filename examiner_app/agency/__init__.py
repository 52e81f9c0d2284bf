"""Agency mode: ingestion on a pool of worker machines over the shared PostgreSQL store (Procrastinate 3.10).

* :mod:`.jobs` — the Procrastinate app over the store's URL, job names, priorities, locks; deferring in the
  caller's own transaction; queue status, cancel, abort and the urgent flag (the synchronous API the desktop
  and the CLI call).
* :mod:`.tasks` — the tasks. Thin: they call the same pipeline stages and the same idempotent stage writes
  (``store.stage_results``) as the in-process path; the reaper and the pruner.
* :mod:`.worker` — ``examiner-app worker``: one process per core, graceful on SIGTERM, reconnecting after a
  database restart.

No Qt here; the core's import contracts cover this package.
"""
