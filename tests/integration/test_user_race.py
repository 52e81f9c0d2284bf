"""Two processes signing in under one new name at the same moment both get the same user.

The worker processes of one machine all start as its service account; before the insert was made race-safe one of two
workers started together died now and then at start-up with a unique violation, and the reaper test then had no
worker left to put a killed job back.
"""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from examiner_app.domain import Role
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from examiner_app.store.orm import UserRow

DEADLINE_S = 30


def test_a_second_sign_in_under_a_new_name_waits_for_the_first_and_reads_its_row(any_store: Store) -> None:
    first = any_store.new_session()
    try:
        winner = repo.get_or_create_user(first, "worker@host", Role.REVIEWER)  # inserted, not yet committed
        outcome: dict[str, object] = {}

        def second_sign_in() -> None:
            try:
                with any_store.session() as session:
                    outcome["user"] = repo.get_or_create_user(session, "worker@host", Role.REVIEWER)
            except Exception as exc:  # noqa: BLE001 - the test reports whatever the thread raised
                outcome["error"] = exc

        thread = threading.Thread(target=second_sign_in)
        thread.start()
        # On PostgreSQL the second insert now blocks on the unique index until the first transaction ends; on SQLite
        # the second writer waits for the database lock. Either way the first commit releases it.
        thread.join(timeout=0.5)
        first.commit()
    finally:
        first.close()
    thread.join(timeout=DEADLINE_S)
    assert not thread.is_alive(), f"the second sign-in did not finish within {DEADLINE_S} s"
    assert "error" not in outcome, outcome.get("error")
    assert outcome["user"].id == winner.id  # type: ignore[attr-defined]
    with any_store.session() as session:
        assert session.scalar(select(func.count()).select_from(UserRow).where(UserRow.name == "worker@host")) == 1
