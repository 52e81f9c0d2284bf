"""Secrets that live outside the database: the audit key.

The key file is created once with mode 0600 in the data folder; an administrator can instead
provide it (hex) in ``EXAMINER_AUDIT_KEY`` so that a shared PostgreSQL store and all its
workstations use the same key and a database administrator alone cannot rewrite the chain.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from examiner_app.errors import ConfigurationError

AUDIT_KEY_FILE = "audit.key"


def load_or_create_audit_key(data_dir: Path) -> bytes:
    from_env = os.environ.get("EXAMINER_AUDIT_KEY")
    if from_env:
        try:
            key = bytes.fromhex(from_env.strip())
        except ValueError as exc:
            raise ConfigurationError("EXAMINER_AUDIT_KEY must be hexadecimal (e.g. 64 hex digits).") from exc
        if len(key) < 16:
            raise ConfigurationError("EXAMINER_AUDIT_KEY is too short: use at least 32 hex digits (16 bytes).")
        return key
    path = data_dir / AUDIT_KEY_FILE
    if path.exists():
        return path.read_bytes()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    # O_EXCL: two processes starting at once must not write two different keys.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    with os.fdopen(fd, "wb") as handle:
        handle.write(key)
    return key
