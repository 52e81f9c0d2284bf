"""Shared fixtures: stores on SQLite and (when EXAMINER_TEST_PG_URL is set) PostgreSQL, users, paths."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from examiner_app.domain import Role, User  # noqa: E402
from examiner_app.store import Store  # noqa: E402
from examiner_app.store import repositories as repo  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = REPO_ROOT / "resources" / "samples"
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


def _postgres_database() -> Iterator[str]:
    """A fresh database on the throwaway server, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = os.environ.get("EXAMINER_TEST_PG_URL")
    if not base:
        pytest.skip("PostgreSQL test server not running (scripts/test.sh starts one and sets EXAMINER_TEST_PG_URL)")
    name = f"examiner_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The store on each supported database: store tests run against both."""
    if request.param == "sqlite":
        store = Store(f"sqlite:///{tmp_path / 'examiner.db'}")
        yield store
        store.dispose()
        return
    for url in _postgres_database():
        store = Store(url)
        yield store
        store.dispose()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store(f"sqlite:///{tmp_path / 'examiner.db'}")
    yield store
    store.dispose()


def make_user(store: Store, name: str = "Aiko Tanaka", role: Role = Role.EXAMINER) -> User:
    with store.session() as session:
        return repo.get_or_create_user(session, name, role)


@pytest.fixture
def examiner(store: Store) -> User:
    return make_user(store)


@pytest.fixture
def owner_and_app_urls() -> Iterator[tuple[str, str]]:
    """A PostgreSQL database migrated by its owner, and a URL for an app role that does not own the tables
    (so row-level security applies to it, as in a deployment)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    if not os.environ.get("EXAMINER_TEST_PG_URL"):
        pytest.skip("PostgreSQL test server not running (scripts/test.sh starts one)")
    for owner_url in _postgres_database():
        role = f"examiner_app_{uuid.uuid4().hex[:8]}"
        admin = create_engine(owner_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD 'app-pass' NOSUPERUSER NOBYPASSRLS"))
        Store(owner_url).dispose()  # the owner migrates
        with admin.connect() as conn:
            conn.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}"))
            conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}"))
        app_url = make_url(owner_url).set(username=role, password="app-pass").render_as_string(hide_password=False)
        try:
            yield owner_url, app_url
        finally:
            with admin.connect() as conn:
                conn.execute(
                    text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :r"), {"r": role}
                )
            admin.dispose()
