"""Accounts, roles and case access: the checks live in the core, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from examiner_app import accounts, review
from examiner_app.domain import Role
from examiner_app.errors import NotFoundError, PermissionDeniedError
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from examiner_app.store.orm import AuditEventRow, UserRow

PASSWORD = "correct horse battery"


def setup_accounts(store: Store) -> dict[str, object]:
    with store.session() as session:
        admin = accounts.create_account(session, None, "Admin A", Role.ADMIN, PASSWORD)
        users = {"admin": admin}
        for name, role in [
            ("Ex One", Role.EXAMINER),
            ("Ex Two", Role.EXAMINER),
            ("Rev", Role.REVIEWER),
            ("Trainer", Role.TRAINER),
        ]:
            users[name] = accounts.create_account(session, admin, name, role, PASSWORD)
        case_one = repo.create_case(session, "Case of examiner one")
        case_anon = repo.create_case(session, "Anonymized training case", anonymized=True)
        accounts.assign(session, admin, case_one.id, users["Ex One"].id)
        users["case_one"], users["case_anon"] = case_one, case_anon
    return users


def test_passwords_are_salted_slow_hashes_and_failures_are_audited(any_store: Store) -> None:
    setup_accounts(any_store)
    with any_store.session() as session:
        hashes = session.execute(select(UserRow.password_hash)).scalars().all()
        assert all(h and h.startswith("$argon2id$") for h in hashes)
        assert len(set(hashes)) == len(hashes)  # same password, different salts
        assert PASSWORD not in "".join(h or "" for h in hashes)
    with any_store.session() as session:
        assert accounts.authenticate(session, "Ex One", PASSWORD).role is Role.EXAMINER
    for name, password in [("Ex One", "wrong password"), ("Nobody", PASSWORD)]:
        session = any_store.new_session()
        with pytest.raises(PermissionDeniedError, match="Unknown name or wrong password"):
            accounts.authenticate(session, name, password)
        session.commit()
        session.close()
    with any_store.session() as session:
        actions = session.execute(select(AuditEventRow.action)).scalars().all()
        assert actions.count("user.sign_in_failed") == 2
        assert actions.count("user.sign_in") == 1


def test_only_admins_create_accounts_and_the_first_must_be_admin(any_store: Store) -> None:
    with any_store.session() as session, pytest.raises(PermissionDeniedError, match="first account"):
        accounts.create_account(session, None, "Ex", Role.EXAMINER, PASSWORD)
    users = setup_accounts(any_store)
    with any_store.session() as session, pytest.raises(PermissionDeniedError, match="administrator"):
        accounts.create_account(session, users["Ex One"], "Another", Role.ADMIN, PASSWORD)  # type: ignore[arg-type]
    with any_store.session() as session, pytest.raises(PermissionDeniedError, match="at least"):
        accounts.create_account(session, users["admin"], "Short", Role.EXAMINER, "short")  # type: ignore[arg-type]


def test_who_sees_which_case(any_store: Store) -> None:
    users = setup_accounts(any_store)
    case_one, case_anon = users["case_one"], users["case_anon"]
    with any_store.session() as session:

        def titles(key: str) -> set[str]:
            return {c.title for c in accounts.readable_cases(session, users[key])}  # type: ignore[arg-type]

        assert titles("Ex One") == {"Case of examiner one"}
        assert titles("Ex Two") == set()
        assert titles("Trainer") == {"Anonymized training case"}
        assert titles("Rev") == titles("admin") == {"Case of examiner one", "Anonymized training case"}
        with pytest.raises(NotFoundError):
            accounts.require_read(session, users["Ex Two"], case_one.id)  # type: ignore[arg-type, attr-defined]
        with pytest.raises(NotFoundError):
            accounts.require_read(session, users["Trainer"], case_one.id)  # type: ignore[arg-type, attr-defined]
        assert accounts.require_read(session, users["Trainer"], case_anon.id)  # type: ignore[arg-type, attr-defined]


def test_reviewers_and_unassigned_examiners_cannot_record_findings(any_store: Store) -> None:
    from tests.integration.test_store_review_audit import seed_case

    users = setup_accounts(any_store)
    case_id, _, suggestion_id = seed_case(any_store)
    with pytest.raises(PermissionDeniedError, match="only an examiner"):
        review.accept(any_store, users["Rev"], suggestion_id)  # type: ignore[arg-type]
    with pytest.raises(PermissionDeniedError, match="not assigned"):
        review.accept(any_store, users["Ex Two"], suggestion_id)  # type: ignore[arg-type]
    with any_store.session() as session:
        accounts.assign(session, users["admin"], case_id, users["Ex Two"].id)  # type: ignore[arg-type, attr-defined]
    review.accept(any_store, users["Ex Two"], suggestion_id)  # type: ignore[arg-type]
