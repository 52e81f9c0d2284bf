"""Local accounts, roles and who may see which case. Checks live here, in the core, so the
desktop app and the command line go through the same ones.

Passwords are hashed with argon2id (salted, memory-hard; argon2-cffi's current defaults).
Roles: an *examiner* works on cases assigned to them (or created by them); a *reviewer* reads
every case to measure quality but records no findings; a *trainer* sees anonymized cases only;
an *admin* manages accounts and assignments and sees every case.
"""

from __future__ import annotations

import contextlib

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from examiner_app import audit
from examiner_app.domain import Case, Role, User
from examiner_app.errors import NotFoundError, PermissionDeniedError
from examiner_app.store import repositories as repo
from examiner_app.store.orm import CaseAssignmentRow, CaseRow, UserRow

MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()
# Compared against when the name is unknown, so a wrong name and a wrong password take as long.
_DUMMY_HASH = _hasher.hash("not-a-real-password-used-for-timing")


def _user_row(session: Session, name: str) -> UserRow | None:
    return session.execute(select(UserRow).where(UserRow.name == name.strip())).scalar_one_or_none()


def has_accounts(session: Session) -> bool:
    return bool(session.scalar(select(exists().where(UserRow.password_hash.is_not(None)))))


def create_account(session: Session, actor: User | None, name: str, role: Role, password: str) -> User:
    """Admins create accounts; the very first account of a store is created by whoever installs it."""
    name = name.strip()
    if not name:
        raise PermissionDeniedError("An account needs a name.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PermissionDeniedError(f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters.")
    first = not has_accounts(session)
    if not first and (actor is None or actor.role is not Role.ADMIN):
        raise PermissionDeniedError("Only an administrator can create accounts.")
    if first and role is not Role.ADMIN and actor is None:
        # A store's first account must be able to create the others.
        raise PermissionDeniedError("The first account of a new store must be an administrator.")
    row = _user_row(session, name)
    if row is not None and row.password_hash is not None:
        raise PermissionDeniedError(f"An account named {name} already exists.")
    if row is None:
        row = UserRow(name=name, role=role.value)
        session.add(row)
    row.role = role.value
    row.password_hash = _hasher.hash(password)
    row.active = True
    session.flush()
    audit.record(
        session,
        actor.id if actor else row.id,
        "user.create",
        subject=row.id,
        details={"name": name, "role": role.value},
    )
    return repo.user_to_domain(row)


def authenticate(session: Session, name: str, password: str) -> User:
    """The account for name+password, audited either way; one message for every failure."""
    row = _user_row(session, name)
    failure = PermissionDeniedError("Unknown name or wrong password. Try again or ask an administrator to reset it.")
    if row is None or row.password_hash is None or not row.active:
        with contextlib.suppress(VerificationError):
            _hasher.verify(_DUMMY_HASH, password)
        audit.record(session, audit.SYSTEM_ACTOR, "user.sign_in_failed", details={"name": name.strip()})
        raise failure
    try:
        _hasher.verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        audit.record(session, audit.SYSTEM_ACTOR, "user.sign_in_failed", subject=row.id, details={"name": row.name})
        raise failure from None
    if _hasher.check_needs_rehash(row.password_hash):
        row.password_hash = _hasher.hash(password)
    audit.record(session, row.id, "user.sign_in", details={"name": row.name, "role": row.role})
    return repo.user_to_domain(row)


def assign(session: Session, actor: User, case_id: str, user_id: str) -> None:
    if actor.role is not Role.ADMIN:
        raise PermissionDeniedError("Only an administrator can assign cases.")
    repo.get_case(session, case_id)
    repo.get_user(session, user_id)
    if session.get(CaseAssignmentRow, (case_id, user_id)) is None:
        session.add(CaseAssignmentRow(case_id=case_id, user_id=user_id))
        audit.record(session, actor.id, "case.assign", case_id=case_id, subject=user_id)


def _assigned(session: Session, user: User, case_id: str) -> bool:
    if session.get(CaseAssignmentRow, (case_id, user.id)) is not None:
        return True
    row = session.get(CaseRow, case_id)
    return row is not None and row.created_by == user.id


def can_read(session: Session, user: User | None, case: Case) -> bool:
    if user is None:
        return False
    if user.role in (Role.ADMIN, Role.REVIEWER):
        return True
    if user.role is Role.TRAINER:
        return case.anonymized
    return _assigned(session, user, case.id)


def require_read(session: Session, user: User | None, case_id: str) -> Case:
    """The case if the user may see it; the same 'not found' otherwise, so ids cannot be probed."""
    case = repo.get_case(session, case_id)
    if not can_read(session, user, case):
        raise NotFoundError(f"No case with id {case_id} that you may open. Ask an administrator to assign it to you.")
    return case


def require_decide(session: Session, user: User | None, case_id: str) -> None:
    """Recording findings: an examiner assigned to the case, or an admin."""
    if user is None:
        raise PermissionDeniedError("Sign in as an examiner before recording a decision.")
    if user.role is Role.ADMIN:
        return
    if user.role is not Role.EXAMINER:
        raise PermissionDeniedError(
            f"{user.name} is signed in as {user.role.value}; only an examiner can accept, edit or reject a fact."
        )
    if not _assigned(session, user, case_id):
        raise PermissionDeniedError("This case is not assigned to you. Ask an administrator to assign it.")


def readable_cases(session: Session, user: User | None) -> list[Case]:
    return [c for c in repo.list_cases(session) if can_read(session, user, c)]


def find_user(session: Session, user_id: str) -> User:
    try:
        return repo.get_user(session, user_id)
    except NotFoundError:
        raise NotFoundError("Your account no longer exists. Sign in again.") from None
