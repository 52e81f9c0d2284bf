"""Signing off a case summary on the store (SQLite and, with EXAMINER_TEST_PG_URL, PostgreSQL): who may sign,
what is hashed, the audit event, and the summary going stale when findings or pins change afterwards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select, text

from examiner_app import accounts, audit
from examiner_app.coi.embeddings import NullEmbedder
from examiner_app.coi.importer import import_reports
from examiner_app.coi.search import search
from examiner_app.config import Settings
from examiner_app.domain import FactField, Role, Suggestion, SuggestionStatus, User
from examiner_app.errors import PermissionDeniedError, ReviewError
from examiner_app.services import Workbench
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from examiner_app.store.orm import AuditEventRow, SummarySignOffRow
from examiner_app.summaries.sign_off import SignOffStatus, content_sha256

REPORTS = Path(__file__).resolve().parents[2] / "resources" / "coi" / "reports"


def account(store: Store, name: str, role: Role = Role.EXAMINER) -> User:
    with store.session() as session:
        return repo.get_or_create_user(session, name, role)


def case_with_facts(store: Store, owner: User) -> tuple[str, list[str]]:
    with store.session() as session:
        case = repo.create_case(session, "Sign-off test case", created_by=owner.id)
        ids = []
        for field, value in ((FactField.COUNTRY_OF_ORIGIN, "Sri Lanka"), (FactField.EVENT, "I was detained.")):
            pending = Suggestion("", case.id, field, value, None, 0.9, None, SuggestionStatus.PENDING)
            ids.append(repo.add_suggestion(session, case.id, pending).id)
    return case.id, ids


def bench(store: Store, tmp_path: Path, user: User) -> Workbench:
    return Workbench(store, Settings(data_dir=tmp_path, ai_enabled=False), user)


def test_sign_off_is_stored_with_the_content_hash_and_audited(any_store: Store, tmp_path: Path) -> None:
    examiner = account(any_store, "Aiko Tanaka")
    case_id, (country_id, event_id) = case_with_facts(any_store, examiner)
    wb = bench(any_store, tmp_path, examiner)
    wb.accept(country_id, source_viewed=True)
    summary = wb.summary(case_id)
    assert summary.sign_off is not None
    assert summary.sign_off.status is SignOffStatus.DRAFT

    signed = wb.sign_off_summary(case_id, summary.sign_off.current_sha256)

    assert (signed.user_name, signed.findings, signed.pins) == ("Aiko Tanaka", 1, 0)
    after = wb.summary(case_id)
    assert after.sign_off is not None
    assert after.sign_off.status is SignOffStatus.SIGNED
    assert after.sign_off.sign_off is not None
    assert after.sign_off.sign_off.user_name == "Aiko Tanaka"
    assert after.sign_off.sign_off.signed_at.tzinfo is not None
    with any_store.session() as session:
        row = session.execute(select(SummarySignOffRow)).scalars().one()
        # The stored hash is the SHA-256 of the stored canonical content, which holds the finding but not
        # the pending suggestion (pending lines are never signed).
        assert row.content_sha256 == content_sha256(row.content) == signed.content_sha256
        content = json.loads(row.content)
        assert [f["id"] for f in content["findings"]] == [country_id]
        assert event_id not in row.content
        event = session.execute(select(AuditEventRow).where(AuditEventRow.action == "summary.sign_off")).scalars().one()
        assert (event.actor, event.case_id, event.subject) == (examiner.id, case_id, signed.id)
        assert event.details["content_sha256"] == signed.content_sha256
        assert event.details["pending_not_signed"] == 1
        assert audit.verify(session).ok


def test_a_changed_finding_makes_the_signed_summary_stale(any_store: Store, tmp_path: Path) -> None:
    examiner = account(any_store, "Aiko Tanaka")
    case_id, (country_id, event_id) = case_with_facts(any_store, examiner)
    wb = bench(any_store, tmp_path, examiner)
    wb.accept(country_id, source_viewed=True)
    first = wb.summary(case_id).sign_off
    assert first is not None
    signed = wb.sign_off_summary(case_id, first.current_sha256)

    # A pending suggestion appearing or changing is not a change to what was signed.
    with any_store.session() as session:
        extra = Suggestion("", case_id, FactField.PLACE, "Jaffna", None, 0.8, None, SuggestionStatus.PENDING)
        repo.add_suggestion(session, case_id, extra)
    still = wb.summary(case_id).sign_off
    assert still is not None
    assert still.status is SignOffStatus.SIGNED

    wb.accept(event_id, source_viewed=True)
    stale = wb.summary(case_id).sign_off
    assert stale is not None
    assert stale.status is SignOffStatus.STALE
    assert stale.sign_off is not None
    assert stale.sign_off.id == signed.id
    assert stale.current_sha256 != signed.content_sha256

    # Editing back is still a change (the edited status and value are part of what is signed).
    wb.edit(country_id, "Sri Lanka (north)", "the statement says Jaffna district", source_viewed=True)
    assert wb.summary(case_id).sign_off.status is SignOffStatus.STALE  # type: ignore[union-attr]

    # Signing again makes it current; the old row stays.
    current = wb.summary(case_id).sign_off
    assert current is not None
    wb.sign_off_summary(case_id, current.current_sha256)
    assert wb.summary(case_id).sign_off.status is SignOffStatus.SIGNED  # type: ignore[union-attr]
    with any_store.session() as session:
        assert len(session.execute(select(SummarySignOffRow)).scalars().all()) == 2
        events = session.execute(select(AuditEventRow).where(AuditEventRow.action == "summary.sign_off")).scalars()
        assert [e.details["replaces"] for e in events] == [None, signed.id]


def test_pinning_or_unpinning_an_excerpt_makes_the_summary_stale(any_store: Store, tmp_path: Path) -> None:
    import_reports(any_store, sorted(REPORTS.glob("lk-*.txt")), engine=NullEmbedder("AI off in this test"))
    examiner = account(any_store, "Aiko Tanaka")
    case_id, (country_id, _event_id) = case_with_facts(any_store, examiner)
    wb = bench(any_store, tmp_path, examiner)
    wb.accept(country_id, source_viewed=True)
    state = wb.summary(case_id).sign_off
    assert state is not None
    wb.sign_off_summary(case_id, state.current_sha256)
    passage_id = search(any_store, "returnees airport", engine=NullEmbedder()).hits[0].passage.id

    pin = wb.pin_excerpt(case_id, passage_id, note="airport checks")
    pinned = wb.summary(case_id)
    assert [p.pin_id for p in pinned.pins] == [pin.id]
    assert pinned.pins[0].citation == pin.citation
    assert pinned.sign_off is not None
    assert pinned.sign_off.status is SignOffStatus.STALE
    wb.sign_off_summary(case_id, pinned.sign_off.current_sha256)
    assert wb.summary(case_id).sign_off.signed  # type: ignore[union-attr]

    wb.unpin_excerpt(pin.id)
    assert wb.summary(case_id).sign_off.status is SignOffStatus.STALE  # type: ignore[union-attr]


def test_sign_off_is_refused_without_decide_rights_or_for_content_not_seen(any_store: Store, tmp_path: Path) -> None:
    examiner = account(any_store, "Aiko Tanaka")
    case_id, (country_id, event_id) = case_with_facts(any_store, examiner)
    wb = bench(any_store, tmp_path, examiner)
    nothing = wb.summary(case_id).sign_off
    assert nothing is not None
    with pytest.raises(ReviewError, match="nothing to sign off"):
        wb.sign_off_summary(case_id, nothing.current_sha256)

    wb.accept(country_id, source_viewed=True)
    shown = wb.summary(case_id).sign_off
    assert shown is not None
    for name, role in (("Rita Reviewer", Role.REVIEWER), ("Tom Trainer", Role.TRAINER), ("Other Examiner", None)):
        other = account(any_store, name, role or Role.EXAMINER)
        with pytest.raises(PermissionDeniedError):
            bench(any_store, tmp_path, other).sign_off_summary(case_id, shown.current_sha256)

    wb.accept(event_id, source_viewed=True)  # changed after the examiner loaded the summary
    with pytest.raises(ReviewError, match="changed since this summary was loaded"):
        wb.sign_off_summary(case_id, shown.current_sha256)

    latest = wb.summary(case_id).sign_off
    assert latest is not None
    wb.sign_off_summary(case_id, latest.current_sha256)
    with pytest.raises(ReviewError, match="already signed off by Aiko Tanaka"):
        wb.sign_off_summary(case_id, latest.current_sha256)

    with any_store.session() as session:
        assert len(session.execute(select(SummarySignOffRow)).scalars().all()) == 1
        events = session.execute(select(AuditEventRow).where(AuditEventRow.action == "summary.sign_off")).scalars()
        assert len(list(events)) == 1  # refusals write nothing

    # An admin has decide rights on every case and may sign off a changed summary too.
    admin = account(any_store, "Ada Admin", Role.ADMIN)
    with any_store.session() as session:
        pending = Suggestion("", case_id, FactField.PLACE, "Jaffna", None, 0.8, None, SuggestionStatus.PENDING)
        place_id = repo.add_suggestion(session, case_id, pending).id
    admin_bench = bench(any_store, tmp_path, admin)
    admin_bench.accept(place_id, source_viewed=True)
    changed = admin_bench.summary(case_id).sign_off
    assert changed is not None
    assert changed.status is SignOffStatus.STALE
    assert admin_bench.sign_off_summary(case_id, changed.current_sha256).user_name == "Ada Admin"


@pytest.mark.postgres
def test_row_level_security_hides_other_examiners_sign_offs(
    owner_and_app_urls: tuple[str, str], tmp_path: Path
) -> None:
    _owner_url, app_url = owner_and_app_urls
    app = Store(app_url, migrate=False)
    try:
        with app.session() as session:
            admin = accounts.create_account(session, None, "Admin", Role.ADMIN, "correct horse battery")
            one = accounts.create_account(session, admin, "Examiner One", Role.EXAMINER, "correct horse battery")
            two = accounts.create_account(session, admin, "Examiner Two", Role.EXAMINER, "correct horse battery")
        app.acting_user_id = one.id
        case_id, (country_id, _event_id) = case_with_facts(app, one)
        wb = bench(app, tmp_path, one)
        wb.accept(country_id, source_viewed=True)
        state = wb.summary(case_id).sign_off
        assert state is not None
        wb.sign_off_summary(case_id, state.current_sha256)
        with app.session() as session:
            assert session.execute(text("SELECT count(*) FROM summary_sign_offs")).scalar() == 1
        app.acting_user_id = two.id
        with app.session() as session:
            # Raw SQL, no application check in the way: the database itself hides the row.
            assert session.execute(text("SELECT count(*) FROM summary_sign_offs")).scalar() == 0
        app.acting_user_id = admin.id
        with app.session() as session:
            assert session.execute(text("SELECT count(*) FROM summary_sign_offs")).scalar() == 1
    finally:
        app.dispose()
