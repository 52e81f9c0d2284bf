"""The job queue view's urgency control, on a real PostgreSQL store with real queued jobs (no workers running).

Clicking "Mark case urgent" goes through the same audited service call as ``examiner-app queue urgent``, on the
JobRunner; the role rule is the CLI's (an administrator, or an examiner the case is assigned to).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from examiner_app.agency import jobs, service
from examiner_app.config import Settings
from examiner_app.domain import Role
from examiner_app.errors import PermissionDeniedError
from examiner_app.services import Workbench
from examiner_app.store import Store
from examiner_app.ui.agency_view import QueueDialog
from tests.conftest import _postgres_database

pytestmark = pytest.mark.postgres


class Office:
    """One shared store, and a workbench per person signed in to it (each its own connection pool)."""

    def __init__(self, url: str, data_dir: Path) -> None:
        self.url = url
        self.data_dir = data_dir
        self.benches: list[Workbench] = []

    def sign_in(self, name: str, role: Role) -> Workbench:
        bench = Workbench(Store(self.url), Settings(data_dir=self.data_dir, db_url=self.url, ai_enabled=False))
        bench.sign_in(name, role)
        self.benches.append(bench)
        return bench

    def rows(self, sql: str, **params: object) -> list[tuple[object, ...]]:
        with self.benches[0].store.engine.begin() as connection:
            return [tuple(r) for r in connection.execute(text(sql), params).all()]


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    for url in _postgres_database():
        o = Office(url, tmp_path / "data")
        try:
            yield o
        finally:
            for bench in o.benches:
                bench.store.dispose()


def queued_case(office: Office, tmp_path: Path) -> tuple[Workbench, str]:
    """An examiner's case with one file imported: its probe job waits in the queue (no worker is running)."""
    examiner = office.sign_in("Aiko Tanaka", Role.EXAMINER)
    case_id = examiner.create_case("Urgency").id
    statement = tmp_path / "statement.txt"
    statement.write_text("The applicant left the town in March 1990.\n", encoding="utf-8")
    service.defer_import(examiner.store, examiner.pipeline().context, case_id, [statement])
    return examiner, case_id


def open_queue(qtbot, workbench: Workbench, runner) -> QueueDialog:
    dialog = QueueDialog(workbench, runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.status_loaded, timeout=5000):
        dialog.refresh()
    return dialog


def urgency_in_store(office: Office, case_id: str) -> tuple[bool, list[int]]:
    """The case's urgent flag and the priorities of its queued jobs, as the store has them."""
    ((urgent,),) = office.rows("SELECT urgent FROM cases WHERE id = :c", c=case_id)
    priorities = office.rows("SELECT priority FROM procrastinate_jobs WHERE args->>'case_id' = :c", c=case_id)
    return urgent, [priority for (priority,) in priorities]


def test_admin_marks_the_selected_case_urgent_and_back(qtbot, runner, office, tmp_path):
    examiner, case_id = queued_case(office, tmp_path)
    admin = office.sign_in("Kenji Mori", Role.ADMIN)
    dialog = open_queue(qtbot, admin, runner)
    assert dialog.table.rowCount() == 1
    assert not dialog.urgent_button.isEnabled()  # nothing selected yet
    dialog.table.selectRow(0)
    assert dialog.selected_case_id() == case_id
    assert dialog.urgent_button.isEnabled()

    with qtbot.waitSignal(dialog.urgency_changed, timeout=5000) as changed:
        qtbot.mouseClick(dialog.urgent_button, Qt.MouseButton.LeftButton)
    assert changed.args == [case_id, True, 1]
    assert urgency_in_store(office, case_id) == (True, [jobs.PROBE_PRIORITY + jobs.URGENT_BOOST])
    # Audited under the administrator who clicked, as the CLI's path is.
    events = office.rows(
        "SELECT actor, details FROM audit_events WHERE action = 'case.urgent' AND case_id = :c ORDER BY id", c=case_id
    )
    assert len(events) == 1
    assert events[0][0] == admin.user.id
    assert events[0][1] == {"urgent": True, "jobs": 1}
    assert "1" in dialog.urgency_label.text()

    # The refresh that follows keeps the case selected; undoing puts the job back in line.
    qtbot.waitUntil(lambda: runner.active_count == 0 and dialog.urgent_button.isEnabled(), timeout=5000)
    with qtbot.waitSignal(dialog.urgency_changed, timeout=5000) as changed:
        qtbot.mouseClick(dialog.not_urgent_button, Qt.MouseButton.LeftButton)
    assert changed.args == [case_id, False, 1]
    assert urgency_in_store(office, case_id) == (False, [jobs.PROBE_PRIORITY])
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)


def test_an_examiner_not_on_the_case_is_refused_and_nothing_changes(qtbot, runner, office, tmp_path):
    _examiner, case_id = queued_case(office, tmp_path)
    other = office.sign_in("Other Examiner", Role.EXAMINER)
    dialog = open_queue(qtbot, other, runner)
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.urgency_failed, timeout=5000) as failed:
        qtbot.mouseClick(dialog.urgent_button, Qt.MouseButton.LeftButton)
    assert "not assigned to you" in failed.args[0]
    assert dialog.urgency_label.text() == failed.args[0]
    assert urgency_in_store(office, case_id) == (False, [jobs.PROBE_PRIORITY])
    assert office.rows("SELECT count(*) FROM audit_events WHERE action = 'case.urgent'") == [(0,)]
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)


def test_a_reviewer_sees_the_queue_but_cannot_change_urgency(qtbot, runner, office, tmp_path):
    _examiner, case_id = queued_case(office, tmp_path)
    reviewer = office.sign_in("Rei Sato", Role.REVIEWER)
    dialog = open_queue(qtbot, reviewer, runner)
    dialog.table.selectRow(0)
    assert not dialog.urgent_button.isEnabled()
    assert not dialog.not_urgent_button.isEnabled()
    # The service refuses it too (the button is only the first line): the CLI's rule.
    with pytest.raises(PermissionDeniedError):
        service.mark_urgent(reviewer.store, reviewer.user, case_id, True)
    assert office.rows("SELECT urgent FROM cases WHERE id = :c", c=case_id) == [(False,)]
    qtbot.waitUntil(lambda: runner.active_count == 0, timeout=5000)
