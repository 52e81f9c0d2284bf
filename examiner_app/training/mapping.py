"""The optional encrypted copy of a pack's real <-> surrogate mapping, kept in the store only when an administrator
chooses to, and destroyed by a recorded decision.

AES-256-GCM (``cryptography``) under a key derived with scrypt (n = 2^15, r = 8, p = 1) from a passphrase the
administrator holds; the pack id is the associated data, so a ciphertext cannot be moved to another pack. The store
holds only salt, nonce and ciphertext; the passphrase is never stored or logged.
"""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from examiner_app import audit
from examiner_app.domain import Role, User
from examiner_app.errors import NotFoundError, PermissionDeniedError, WrongPassphraseError
from examiner_app.store.orm import TrainingMappingRow

MIN_PASSPHRASE = 12


def _key(passphrase: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode())


def _require_admin(user: User | None) -> User:
    if user is None or user.role is not Role.ADMIN:
        raise PermissionDeniedError("Only an administrator can keep, open or destroy a pack's mapping.")
    return user


def keep(
    session: Session, user: User | None, case_id: str, pack_id: str, mapping: dict[str, Any], passphrase: str
) -> None:
    """Encrypt and store ``mapping``; audited without any of its content."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    admin = _require_admin(user)
    if len(passphrase) < MIN_PASSPHRASE:
        raise PermissionDeniedError(f"Choose a mapping passphrase of at least {MIN_PASSPHRASE} characters.")
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    data = json.dumps(mapping, ensure_ascii=False, sort_keys=True).encode()
    ciphertext = AESGCM(_key(passphrase, salt)).encrypt(nonce, data, pack_id.encode())
    session.add(
        TrainingMappingRow(
            pack_id=pack_id, case_id=case_id, created_by=admin.id, salt=salt, nonce=nonce, ciphertext=ciphertext
        )
    )
    session.flush()
    audit.record(session, admin.id, "training.mapping_keep", case_id=case_id, subject=pack_id)


def _row(session: Session, pack_id: str) -> TrainingMappingRow:
    row = session.get(TrainingMappingRow, pack_id)
    if row is None:
        raise NotFoundError(f"No mapping is kept for pack {pack_id}.")
    return row


def reveal(session: Session, user: User | None, pack_id: str, passphrase: str) -> dict[str, Any]:
    """The mapping, decrypted (administrators with the passphrase); every opening is audited."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    admin = _require_admin(user)
    row = _row(session, pack_id)
    if row.ciphertext is None:
        raise NotFoundError(f"The mapping of pack {pack_id} was destroyed on {row.destroyed_at:%Y-%m-%d}.")
    try:
        data = AESGCM(_key(passphrase, row.salt)).decrypt(row.nonce, row.ciphertext, pack_id.encode())
    except InvalidTag:
        audit.record(session, admin.id, "training.mapping_open_failed", case_id=row.case_id, subject=pack_id)
        raise WrongPassphraseError("Wrong passphrase for this pack's mapping. Try again.") from None
    audit.record(session, admin.id, "training.mapping_open", case_id=row.case_id, subject=pack_id)
    return dict(json.loads(data))


def destroy(session: Session, user: User | None, pack_id: str, reason: str) -> None:
    """Erase the ciphertext for good; who, when and why are kept in the row and the audit log."""
    admin = _require_admin(user)
    if not reason.strip():
        raise PermissionDeniedError("Give a reason for destroying the mapping: it is recorded.")
    row = _row(session, pack_id)
    if row.ciphertext is None:
        return
    row.ciphertext = None
    row.salt = b""
    row.nonce = b""
    row.destroyed_at = datetime.now(UTC)
    row.destroyed_by = admin.id
    row.destroy_reason = reason.strip()
    audit.record(
        session, admin.id, "training.mapping_destroy", case_id=row.case_id, subject=pack_id, details={"reason": reason}
    )
