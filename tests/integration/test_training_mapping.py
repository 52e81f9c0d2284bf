"""The optional encrypted mapping of a training pack: kept only by an administrator, opened only with the passphrase,
destroyed by a recorded decision; on SQLite and PostgreSQL (migration 0009)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from examiner_app import review
from examiner_app.domain import (
    BBox,
    FactField,
    LanguageGuess,
    ModelRef,
    PageSource,
    PageText,
    Provenance,
    Role,
    Suggestion,
    SuggestionStatus,
    Word,
)
from examiner_app.errors import NotFoundError, PermissionDeniedError, WrongPassphraseError
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from examiner_app.store.orm import AuditEventRow, TrainingMappingRow
from examiner_app.training import mapping
from examiner_app.training.pack import PackOptions
from examiner_app.training.service import Training

TEXT = "Name: Naveed Ahmad Chaudhry\nDate of birth: 09.11.1987\n"
PASSPHRASE = "a long mapping passphrase"


def _case(store: Store) -> str:
    words = []
    for i, token in enumerate(TEXT.split()):
        start = TEXT.index(token, words[-1].end if words else 0)
        words.append(Word(token, start, start + len(token), BBox(10 + 60 * i, 10, 60 + 60 * i, 40), 0.9, 1, 0))
    page = PageText(1, TEXT, tuple(words), PageSource.OCR, 0.9, 0, 800, 200, 200, (LanguageGuess("en", 0.99),))
    with store.session() as session:
        examiner = repo.get_or_create_user(session, "Aiko Tanaka", Role.EXAMINER)
        case_id = repo.create_case(session, "Decided", created_by=examiner.id).id
        doc = repo.add_document(session, case_id, "card.txt", TEXT.encode(), "c" * 64, "text/plain")
        repo.save_page(session, doc.id, page, None)
        start = TEXT.index("Naveed Ahmad Chaudhry")
        prov = Provenance(doc.id, "card.txt", 1, start, start + 21, (), ModelRef("rules", "identity", "1"))
        stored = repo.add_suggestion(
            session,
            case_id,
            Suggestion(
                "", case_id, FactField.PERSON_NAME, "Naveed Ahmad Chaudhry", None, 0.9, prov, SuggestionStatus.PENDING
            ),
        )
    review.accept(store, examiner, stored.id, source_viewed=True)
    return case_id


def test_admin_keeps_opens_and_destroys_the_mapping(any_store: Store, tmp_path: Path) -> None:
    case_id = _case(any_store)
    with any_store.session() as session:
        admin = repo.get_or_create_user(session, "Admin One", Role.ADMIN)
        trainer = repo.get_or_create_user(session, "Kenji Mori", Role.TRAINER)
    out = tmp_path / "pack.zip"
    options = PackOptions(k=1, reason="r", seed=2, keep_mapping_passphrase=PASSPHRASE)
    with pytest.raises(PermissionDeniedError):
        Training(any_store, trainer).export(case_id, out, options)
    draft = Training(any_store, admin).export(
        case_id, out, PackOptions(k=1, reason="course", seed=2, keep_mapping_passphrase=PASSPHRASE)
    )
    with zipfile.ZipFile(out) as z:
        blob = b"".join(z.read(n) for n in z.namelist())
    assert b"Naveed" not in blob
    assert b"09.11.1987" not in blob
    with any_store.session() as session:
        row = session.get(TrainingMappingRow, draft.pack_id)
        assert row is not None
        assert row.ciphertext is not None
        assert b"Naveed" not in row.ciphertext
        with pytest.raises(WrongPassphraseError):
            mapping.reveal(session, admin, draft.pack_id, "not the passphrase")
        with pytest.raises(PermissionDeniedError):
            mapping.reveal(session, trainer, draft.pack_id, PASSPHRASE)
        kept = mapping.reveal(session, admin, draft.pack_id, PASSPHRASE)
    assert kept["date_offset_days"] == draft.offset_days
    assert any("Naveed Ahmad Chaudhry" in p["spellings"] for p in kept["people"])
    Training(any_store, admin).forget(draft.pack_id, "course finished")
    with any_store.session() as session:
        row = session.get(TrainingMappingRow, draft.pack_id)
        assert row is not None
        assert row.ciphertext is None
        assert row.destroy_reason == "course finished"
        assert row.destroyed_by == admin.id
        with pytest.raises(NotFoundError):
            mapping.reveal(session, admin, draft.pack_id, PASSPHRASE)
        actions = set(session.execute(select(AuditEventRow.action)).scalars())
    assert {"training.mapping_keep", "training.mapping_open", "training.mapping_destroy"} <= actions
