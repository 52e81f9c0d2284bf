"""Store, review and audit, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select, text, update

from examiner_app import audit, review
from examiner_app.domain import (
    BBox,
    DecisionAction,
    FactField,
    LanguageGuess,
    ModelRef,
    PageSource,
    PageText,
    Provenance,
    Role,
    Suggestion,
    SuggestionStatus,
    TextBlock,
    Word,
)
from examiner_app.errors import PermissionDeniedError, ReviewError
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from examiner_app.store.orm import AuditEventRow, AuditHeadRow, DecisionRow, SuggestionRow
from tests.conftest import make_user

TEXT = "Name: Kamal Perera\nDate of birth: 12/03/1990"


def seed_case(store: Store) -> tuple[str, str, str]:
    """A case with one document, one page and one pending suggestion; returns their ids."""
    words = (
        Word("Name:", 0, 5, BBox(10, 10, 60, 30), 0.96, 1, 1),
        Word("Kamal", 6, 11, BBox(70, 10, 130, 30), 0.91, 1, 1),
        Word("Perera", 12, 18, BBox(140, 10, 210, 30), 0.55, 1, 1),
    )
    page = PageText(
        1,
        TEXT,
        words,
        PageSource.OCR,
        0.8,
        0,
        800,
        1000,
        300,
        (LanguageGuess("en", 0.99),),
        (TextBlock(0, len(TEXT), BBox(10, 10, 210, 60), (LanguageGuess("en", 0.99),)),),
        "eng",
        "tesseract@5.3.0",
    )
    content = b"%PDF-1.7 fake original"
    examiner = make_user(store)
    with store.session() as session:
        case = repo.create_case(session, "Test case", reference="T-1", created_by=examiner.id)
        doc = repo.add_document(session, case.id, "form.png", content, hashlib.sha256(content).hexdigest(), "image/png")
        repo.save_page(session, doc.id, page, b"\x89PNG fake")
        prov = Provenance(
            doc.id,
            "form.png",
            1,
            6,
            18,
            page.boxes_for_span(6, 18),
            ModelRef("rules", "identity", "1"),
            page.confidence_for_span(6, 18),
        )
        suggestion = repo.add_suggestion(
            session,
            case.id,
            Suggestion(
                "",
                case.id,
                FactField.PERSON_NAME,
                "Kamal Perera",
                "Kamal Perera",
                0.5,
                prov,
                SuggestionStatus.PENDING,
                note="after 'Name:'",
            ),
        )
    return case.id, doc.id, suggestion.id


def test_roundtrip_keeps_original_page_and_provenance(any_store: Store) -> None:
    case_id, doc_id, suggestion_id = seed_case(any_store)
    with any_store.session() as session:
        assert repo.document_content(session, doc_id) == b"%PDF-1.7 fake original"
        (page,) = repo.list_pages(session, doc_id)
        assert page.text == TEXT
        assert page.words[2] == Word("Perera", 12, 18, BBox(140, 10, 210, 30), 0.55, 1, 1)
        assert page.languages == (LanguageGuess("en", 0.99),)
        assert page.blocks[0].bbox == BBox(10, 10, 210, 60)
        assert repo.page_image(session, doc_id, 1) == b"\x89PNG fake"
        suggestion = repo.get_suggestion(session, suggestion_id)
        assert suggestion.provenance is not None
        assert suggestion.provenance.bbox == BBox(70, 10, 210, 30)
        assert suggestion.provenance.ocr_confidence == pytest.approx(0.55)
        assert str(suggestion.provenance.model) == "rules/identity@1"
        assert repo.get_case(session, case_id).pending_count == 1


def test_accept_writes_decision_and_audit_event_in_one_transaction(any_store: Store) -> None:
    _, _, suggestion_id = seed_case(any_store)
    user = make_user(any_store)
    decision = review.accept(any_store, user, suggestion_id, source_viewed=True)
    assert decision.action is DecisionAction.ACCEPT
    with any_store.session() as session:
        assert repo.get_suggestion(session, suggestion_id).status is SuggestionStatus.ACCEPTED
        rows = session.execute(select(AuditEventRow).where(AuditEventRow.action == "suggestion.accept")).scalars().all()
        assert len(rows) == 1
        assert rows[0].actor == user.id
        assert rows[0].details["decision_id"] == decision.id
        assert rows[0].details["source_viewed"] is True
        assert audit.verify(session).ok


def test_edit_and_reject_need_a_reason(any_store: Store) -> None:
    _, _, suggestion_id = seed_case(any_store)
    user = make_user(any_store)
    with pytest.raises(ReviewError, match="reason"):
        review.edit(any_store, user, suggestion_id, "Kamal PERERA", "  ")
    with pytest.raises(ReviewError, match="reason"):
        review.reject(any_store, user, suggestion_id, "")
    with any_store.session() as session:
        assert repo.get_suggestion(session, suggestion_id).status is SuggestionStatus.PENDING
        assert session.scalar(select(func.count()).select_from(DecisionRow)) == 0
    review.edit(any_store, user, suggestion_id, "Kamal PERERA", "surname in capitals on the passport")
    with any_store.session() as session:
        s = repo.get_suggestion(session, suggestion_id)
        assert (s.status, s.value, s.reviewed_value) == (SuggestionStatus.EDITED, "Kamal Perera", "Kamal PERERA")
        (decision,) = repo.list_decisions(session, s.case_id)
        assert (decision.value_before, decision.value_after) == ("Kamal Perera", "Kamal PERERA")


def test_only_examiners_decide_and_a_failed_decision_leaves_no_trace(any_store: Store) -> None:
    _, _, suggestion_id = seed_case(any_store)
    trainer = make_user(any_store, "Trainer T", Role.TRAINER)
    with pytest.raises(PermissionDeniedError):
        review.accept(any_store, trainer, suggestion_id)
    with pytest.raises(PermissionDeniedError):
        review.accept(any_store, None, suggestion_id)
    with any_store.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEventRow)) == 0


def test_changing_a_decision_needs_a_reason(any_store: Store) -> None:
    _, _, suggestion_id = seed_case(any_store)
    user = make_user(any_store)
    review.accept(any_store, user, suggestion_id)
    with pytest.raises(ReviewError):
        review.accept(any_store, user, suggestion_id)
    with pytest.raises(ReviewError, match="reason"):
        review.reject(any_store, user, suggestion_id, "")
    review.reject(any_store, user, suggestion_id, "second look: the name belongs to the interpreter")
    with any_store.session() as session:
        assert repo.get_suggestion(session, suggestion_id).status is SuggestionStatus.REJECTED


def test_examiner_can_add_a_fact_by_hand_with_provenance(any_store: Store) -> None:
    case_id, doc_id, _ = seed_case(any_store)
    user = make_user(any_store)
    prov = Provenance(doc_id, "form.png", 1, 34, 44, (BBox(10, 40, 120, 60),), ModelRef("x", "y", "z"))
    added = review.add_fact(
        any_store,
        user,
        case_id,
        FactField.DATE_OF_BIRTH,
        "12/03/1990",
        normalized="1990-03-12",
        provenance=prov,
        reason="read on the form",
    )
    with any_store.session() as session:
        stored = repo.get_suggestion(session, added.id)
        assert stored.status is SuggestionStatus.ACCEPTED
        assert stored.provenance is not None
        assert str(stored.provenance.model) == "examiner/manual@1"
        assert [d.action for d in repo.list_decisions(session, case_id)] == [DecisionAction.ADD]


def test_audit_verify_detects_a_changed_deleted_or_truncated_event(any_store: Store) -> None:
    _, _, suggestion_id = seed_case(any_store)
    user = make_user(any_store)
    with any_store.session() as session:
        for i in range(5):
            audit.record(session, user.id, "case.open", details={"i": i})
    review.accept(any_store, user, suggestion_id)
    with any_store.session() as session:
        result = audit.verify(session)
        assert result.ok
        assert result.events_checked == 6
        # Someone with write access rewrites what an examiner decided.
        session.execute(update(AuditEventRow).where(AuditEventRow.id == 3).values(actor="someone-else"))
    with any_store.session() as session:
        result = audit.verify(session)
        assert not result.ok
        assert result.first_broken_id == 3
        session.execute(update(AuditEventRow).where(AuditEventRow.id == 3).values(actor=user.id))
        assert audit.verify(session).ok
        session.execute(text("DELETE FROM audit_events WHERE id = 2"))
    with any_store.session() as session:
        result = audit.verify(session)
        assert not result.ok
        assert result.first_broken_id == 3
    with any_store.session() as session:
        session.execute(text("DELETE FROM audit_events WHERE id >= 2"))  # hide everything after event 1
    with any_store.session() as session:
        assert not audit.verify(session).ok


def test_regenerating_suggestions_keeps_decided_ones(any_store: Store) -> None:
    _, doc_id, suggestion_id = seed_case(any_store)
    user = make_user(any_store)
    review.reject(any_store, user, suggestion_id, "not a name")
    with any_store.session() as session:
        assert repo.delete_pending_suggestions(session, doc_id) == 0
        assert session.scalar(select(func.count()).select_from(SuggestionRow)) == 1


def test_sqlite_runs_in_wal_with_foreign_keys(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    assert store.integrity_check() == "ok"


def test_migrations_are_idempotent(any_store: Store) -> None:
    any_store.migrate()
    any_store.migrate()
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from examiner_app.store.db import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(config).get_current_head()
    with any_store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head


def test_keyed_chain_cannot_be_rewritten_wholesale_without_the_key(tmp_path: Path) -> None:
    key = b"k" * 32
    keyed = Store(f"sqlite:///{tmp_path / 'keyed.db'}", audit_key=key)
    with keyed.session() as session:
        for i in range(3):
            audit.record(session, "system", "case.open", details={"i": i})
    # An attacker with write access rewrites event 2 and recomputes every hash after it, but without the key.
    with keyed.session() as session:
        rows = session.execute(select(AuditEventRow).order_by(AuditEventRow.id)).scalars().all()
        prev = rows[0].hash
        for row in rows[1:]:
            details = {"i": 99} if row.id == 2 else row.details
            row.details = details
            row.prev_hash = prev
            row.hash = audit.event_hash(None, prev, row.at, row.actor, row.action, row.case_id, row.subject, details)
            prev = row.hash
        head = session.get(AuditHeadRow, 1)
        assert head is not None
        head.last_hash = prev
    with keyed.session() as session:
        result = audit.verify(session)
        assert not result.ok
        assert result.first_broken_id == 2
    keyed.dispose()


def test_audit_export_is_json_lines_that_can_be_verified_offline(store: Store, tmp_path: Path) -> None:
    import json

    _, _, suggestion_id = seed_case(store)
    review.accept(store, make_user(store), suggestion_id)
    out = tmp_path / "audit.jsonl"
    with store.session() as session:
        count = audit.export_jsonl(session, out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == count >= 1
    prev = audit.GENESIS_HASH
    for line in lines:
        assert line["prev_hash"] == prev
        prev = line["hash"]
    assert lines[-1]["action"] == "suggestion.accept"


def test_prune_archives_old_events_and_the_kept_chain_still_verifies(any_store: Store, tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    with any_store.session() as session:
        for i in range(4):
            audit.record(session, "system", "case.open", details={"i": i})
    old = datetime.now(UTC) - timedelta(days=400)
    with any_store.session() as session:  # make the first three events 400 days old (and re-hash them)
        rows = session.execute(select(AuditEventRow).order_by(AuditEventRow.id)).scalars().all()
        prev = audit.GENESIS_HASH
        for index, row in enumerate(rows):
            if index < 3:
                row.at = old + timedelta(seconds=index)
            row.prev_hash = prev
            row.hash = audit.event_hash(
                None, prev, row.at, row.actor, row.action, row.case_id, row.subject, row.details
            )
            prev = row.hash
        head = session.get(AuditHeadRow, 1)
        assert head is not None
        head.last_hash = prev
    with any_store.session() as session:
        assert audit.verify(session).ok
        with pytest.raises(ValueError, match="at least"):
            audit.prune(session, "admin", old, tmp_path / "x.jsonl", retention_days=30)
        with pytest.raises(ValueError, match="retention"):
            audit.prune(session, "admin", datetime.now(UTC), tmp_path / "x.jsonl", retention_days=365)
    archive = tmp_path / "audit-archive.jsonl"
    with any_store.session() as session:
        assert audit.prune(session, "admin", old + timedelta(days=1), archive, retention_days=365) == 3
    assert len(archive.read_text(encoding="utf-8").splitlines()) == 3
    with any_store.session() as session:
        result = audit.verify(session)
        assert result.ok, result.problem
        assert result.events_checked == 2  # the kept event and the prune record
        # Moving the anchor by hand (hiding more events) is detected: no prune event vouches for it.
        head = session.get(AuditHeadRow, 1)
        assert head is not None
        head.anchor_hash = "f" * 64
    with any_store.session() as session:
        assert not audit.verify(session).ok


def test_concurrent_writers_extend_one_unbroken_chain(any_store: Store) -> None:
    """Jobs run side by side (page image, thumbnails, hints); each audit append must see the newest head."""
    import threading

    barrier = threading.Barrier(4)
    failures: list[BaseException] = []

    def append_events(worker: int) -> None:
        try:
            barrier.wait()
            for n in range(15):
                with any_store.session() as session:
                    # A read first, as real jobs do, so no transaction (or lock) is open before the append.
                    session.execute(select(func.count()).select_from(AuditEventRow)).scalar_one()
                    audit.record(session, f"worker-{worker}", "document.view", subject=str(n))
        except BaseException as exc:  # noqa: BLE001 - collected and re-raised on the test thread
            failures.append(exc)

    threads = [threading.Thread(target=append_events, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with any_store.session() as session:
        result = audit.verify(session)
        assert result.ok, result.problem
        assert result.events_checked == 60


def test_thumbnails_are_read_together_and_audited_as_one_view(any_store: Store, tmp_path: Path) -> None:
    from examiner_app.config import Settings
    from examiner_app.services import Workbench

    case_id, doc_id, _ = seed_case(any_store)
    with any_store.session() as session:
        (examiner,) = [u for u in repo.list_users(session) if u.name == "Aiko Tanaka"]
    bench = Workbench(any_store, Settings(data_dir=tmp_path, ai_enabled=False), examiner)
    assert bench.page_thumbnails(doc_id, [1, 2, 1]) == {1: b"\x89PNG fake", 2: None}
    with any_store.session() as session:
        events = [e for e in audit.recent_events(session, limit=50) if e.action == "document.thumbnails"]
    assert len(events) == 1
    assert events[0].case_id == case_id
    assert events[0].details == {"pages": [1, 2]}
