"""The audit log: append-only and hash-chained.

Each event stores the previous event's hash and its own hash over (previous hash, time, actor,
action, case, subject, details), so changing, inserting or deleting any row breaks the chain
from that point on; ``verify`` finds the first broken event. Appending locks the one-row
``audit_head`` table in the same transaction as the change being audited, so the chain never
forks under concurrent writers and an event exists if and only if its change was committed.

A plain hash chain can be recomputed wholesale by anyone who can write the database, so the hash is
an HMAC-SHA256 keyed with the store's audit key (kept outside the database: a key file in the data
folder, created with mode 0600, or EXAMINER_AUDIT_KEY); without a key it falls back to SHA-256.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from examiner_app.domain import AuditEvent
from examiner_app.store.orm import AuditEventRow, AuditHeadRow, utcnow

GENESIS_HASH = "0" * 64
SYSTEM_ACTOR = "system"


def _canonical_time(at: datetime) -> str:
    # SQLite hands timestamps back naive, PostgreSQL aware: hash one canonical UTC form.
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


def event_hash(
    key: bytes | None,
    prev_hash: str,
    at: datetime,
    actor: str,
    action: str,
    case_id: str | None,
    subject: str | None,
    details: dict[str, Any],
) -> str:
    payload = json.dumps(
        [prev_hash, _canonical_time(at), actor, action, case_id, subject, details],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    if key:
        return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def audit_key(session: Session) -> bytes | None:
    """The store's audit key (see Store): with it, rewriting the chain needs the key, not just write access."""
    key = session.info.get("audit_key")
    return key if isinstance(key, bytes) and key else None


def record(
    session: Session,
    actor: str,
    action: str,
    *,
    case_id: str | None = None,
    subject: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEventRow:
    """Append an event in the caller's transaction (it commits or rolls back with the change)."""
    details = json.loads(json.dumps(details or {}, default=str))  # what is hashed is what is stored
    _lock_head(session)
    head = _locked_head(session)
    at = utcnow()
    digest = event_hash(audit_key(session), head.last_hash, at, actor, action, case_id, subject, details)
    row = AuditEventRow(
        at=at,
        actor=actor,
        action=action,
        case_id=case_id,
        subject=subject,
        details=details,
        prev_hash=head.last_hash,
        hash=digest,
    )
    session.add(row)
    session.flush()
    head.last_event_id = row.id
    head.last_hash = digest
    return row


def _lock_head(session: Session) -> None:
    """Hold the database's write lock before the head is read, so two writers cannot both extend one head.

    PostgreSQL does this through ``SELECT ... FOR UPDATE``. SQLite ignores FOR UPDATE, and pysqlite only begins
    a transaction at the first write, so two jobs could read the same head and fork the chain. A no-op UPDATE
    takes SQLite's write lock (waiting out the busy timeout) before the read; once held, the head read after it
    is the newest committed one.
    """
    if session.get_bind().dialect.name == "sqlite":
        no_op = update(AuditHeadRow).where(AuditHeadRow.id == 1).values(last_event_id=AuditHeadRow.last_event_id)
        session.execute(no_op.execution_options(synchronize_session=False))


def _locked_head(session: Session) -> AuditHeadRow:
    """The chain's head row, locked for this transaction; the first writer of a new store creates it."""
    locked = select(AuditHeadRow).where(AuditHeadRow.id == 1).with_for_update()
    head = session.execute(locked).scalar_one_or_none()
    if head is not None:
        return head
    try:
        # Two first writers can race to create the row: the loser's insert fails inside the savepoint and it
        # then waits on the winner's lock like any later writer.
        with session.begin_nested():
            session.add(AuditHeadRow(id=1, last_event_id=0, last_hash=GENESIS_HASH))
    except IntegrityError:
        pass
    return session.execute(locked.execution_options(populate_existing=True)).scalar_one()


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    events_checked: int
    first_broken_id: int | None = None
    problem: str = ""


def verify(session: Session) -> VerifyResult:
    """Walk the chain from the first event; report the first event that does not fit."""
    key = audit_key(session)
    head = session.get(AuditHeadRow, 1)
    prev = head.anchor_hash if head is not None else GENESIS_HASH
    if prev != GENESIS_HASH and not _anchor_recorded(session, prev):
        return VerifyResult(False, 0, None, "the chain's start was moved without a recorded, archived pruning")
    count = 0
    last_id = 0
    for row in session.execute(select(AuditEventRow).order_by(AuditEventRow.id)).scalars():
        count += 1
        if row.prev_hash != prev:
            return VerifyResult(
                False, count, row.id, "previous-hash link does not match (an event was removed or inserted)"
            )
        expected = event_hash(key, row.prev_hash, row.at, row.actor, row.action, row.case_id, row.subject, row.details)
        if expected != row.hash:
            return VerifyResult(False, count, row.id, "event content does not match its hash (the event was changed)")
        prev = row.hash
        last_id = row.id
    if head is not None and (head.last_hash != prev or head.last_event_id != last_id):
        return VerifyResult(False, count, last_id or None, "the newest events were removed (chain head does not match)")
    return VerifyResult(True, count)


def to_domain(row: AuditEventRow) -> AuditEvent:
    return AuditEvent(
        id=row.id,
        at=row.at,
        actor=row.actor,
        action=row.action,
        case_id=row.case_id,
        subject=row.subject,
        details=dict(row.details),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def events_for_case(session: Session, case_id: str) -> list[AuditEvent]:
    rows = session.execute(select(AuditEventRow).where(AuditEventRow.case_id == case_id).order_by(AuditEventRow.id))
    return [to_domain(r) for r in rows.scalars()]


def recent_events(session: Session, *, case_id: str | None = None, limit: int = 500) -> list[AuditEvent]:
    query = select(AuditEventRow).order_by(AuditEventRow.id.desc()).limit(limit)
    if case_id is not None:
        query = query.where(AuditEventRow.case_id == case_id)
    return [to_domain(r) for r in session.execute(query).scalars()]


def _export_record(row: AuditEventRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "at": _canonical_time(row.at) + "Z",
        "actor": row.actor,
        "action": row.action,
        "case_id": row.case_id,
        "subject": row.subject,
        "details": row.details,
        "prev_hash": row.prev_hash,
        "hash": row.hash,
    }


def export_jsonl(session: Session, out: Path) -> int:
    """Every event, oldest first, one JSON object a line, hashes included so the archive can be verified."""
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for row in session.execute(select(AuditEventRow).order_by(AuditEventRow.id)).scalars():
            handle.write(json.dumps(_export_record(row), ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count


#: The shortest retention allowed (about six months); a deployment may keep events longer, never shorter.
MIN_RETENTION_DAYS = 183


def _anchor_recorded(session: Session, anchor: str) -> bool:
    rows = session.execute(select(AuditEventRow).where(AuditEventRow.action == "audit.prune")).scalars()
    return any(row.details.get("anchor_hash") == anchor for row in rows)


def prune(session: Session, actor: str, before: datetime, archive: Path, *, retention_days: int) -> int:
    """Archive (JSON Lines) and remove events older than ``before``; the kept chain still verifies.

    Refused when ``before`` is inside the retention period (never less than MIN_RETENTION_DAYS). The
    prune itself is an audit event naming the archive, its SHA-256 and the new anchor hash.
    """
    from datetime import timedelta

    if retention_days < MIN_RETENTION_DAYS:
        raise ValueError(f"Audit events are kept at least {MIN_RETENTION_DAYS} days; {retention_days} is too short.")
    if before.tzinfo is None:
        before = before.replace(tzinfo=UTC)
    if before > utcnow() - timedelta(days=retention_days):
        raise ValueError(f"Only events older than the {retention_days}-day retention period can be pruned.")
    cutoff = _canonical_time(before)
    old = [
        r
        for r in session.execute(select(AuditEventRow).order_by(AuditEventRow.id)).scalars()
        if _canonical_time(r.at) < cutoff
    ]
    if not old:
        return 0
    with archive.open("w", encoding="utf-8") as handle:
        for row in old:
            handle.write(json.dumps(_export_record(row), ensure_ascii=False, sort_keys=True) + "\n")
    anchor = old[-1].hash
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    record(
        session,
        actor,
        "audit.prune",
        details={
            "before": cutoff,
            "events": len(old),
            "archive": archive.name,
            "archive_sha256": digest,
            "anchor_hash": anchor,
        },
    )
    for row in old:
        session.delete(row)
    head = session.execute(select(AuditHeadRow).where(AuditHeadRow.id == 1).with_for_update()).scalar_one()
    head.anchor_hash = anchor
    session.flush()
    return len(old)
