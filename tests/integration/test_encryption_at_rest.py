"""Encryption at rest: nothing of a case is readable in the data folder's bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from examiner_app.domain import (
    BBox,
    FactField,
    ModelRef,
    PageSource,
    PageText,
    Provenance,
    Suggestion,
    SuggestionStatus,
    Word,
)
from examiner_app.errors import ConfigurationError
from examiner_app.store import Store
from examiner_app.store import repositories as repo

MARKER = "ZQX-MARKER-7731-Perera"


def all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def plant_marker(store: Store) -> None:
    text = f"Name: {MARKER}"
    with store.session() as session:
        case = repo.create_case(session, f"Case {MARKER}")
        content = f"original bytes {MARKER}".encode()
        doc = repo.add_document(
            session, case.id, f"{MARKER}.txt", content, hashlib.sha256(content).hexdigest(), "text/plain"
        )
        words = (Word(MARKER, 6, 6 + len(MARKER), BBox(0, 0, 10, 10), 0.9),)
        repo.save_page(session, doc.id, PageText(1, text, words, PageSource.PLAIN_TEXT), MARKER.encode())
        prov = Provenance(doc.id, f"{MARKER}.txt", 1, 6, 6 + len(MARKER), (), ModelRef("rules", "identity", "1"))
        repo.add_suggestion(
            session,
            case.id,
            Suggestion(
                "", case.id, FactField.PERSON_NAME, MARKER, MARKER, 0.9, prov, SuggestionStatus.PENDING, note=MARKER
            ),
        )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le"])
def test_marker_appears_nowhere_in_the_encrypted_data_folder(tmp_path: Path, encoding: str) -> None:
    data = tmp_path / "data"
    store = Store(f"sqlite:///{data / 'examiner.db'}", passphrase="correct horse battery staple")
    plant_marker(store)
    with store.session() as session:  # readable through the store ...
        assert [c.title for c in repo.list_cases(session)] == [f"Case {MARKER}"]
    raw_while_open = all_bytes(data)  # ... including the WAL while it is open
    store.dispose()
    for raw in (raw_while_open, all_bytes(data)):
        assert MARKER.encode(encoding) not in raw
        assert b"SQLite format 3" not in raw


def test_control_the_marker_is_visible_without_encryption(tmp_path: Path) -> None:
    """Proves the check above can fail: an unencrypted store shows the marker."""
    store = Store(f"sqlite:///{tmp_path / 'plain.db'}")
    plant_marker(store)
    store.dispose()
    assert MARKER.encode() in all_bytes(tmp_path)


def test_wrong_or_missing_passphrase_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "examiner.db"
    Store(f"sqlite:///{path}", passphrase="right passphrase").dispose()
    with pytest.raises(ConfigurationError, match="Wrong passphrase"):
        Store(f"sqlite:///{path}", passphrase="wrong passphrase")
    with pytest.raises(ConfigurationError, match="encrypted"):
        Store(f"sqlite:///{path}")
    plain = tmp_path / "plain.db"
    Store(f"sqlite:///{plain}").dispose()
    with pytest.raises(ConfigurationError, match="unencrypted"):
        Store(f"sqlite:///{plain}", passphrase="any")
