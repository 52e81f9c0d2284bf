"""Opening the store: engine, connection settings, migrations, sessions.

SQLite (default) runs in WAL mode with foreign keys on and ``synchronous=FULL`` so an
acknowledged decision or audit event survives a power cut. PostgreSQL is used through a
``postgresql+psycopg://`` URL when a team shares one store. Both get the same Alembic migrations.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from examiner_app.errors import ConfigurationError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class Store:
    """One database. Thread-safe to share; sessions are not (open one per job/thread)."""

    def __init__(self, url: str, *, migrate: bool = True, echo: bool = False, audit_key: bytes | None = None) -> None:
        self.url = url
        parsed = make_url(url)
        self.dialect = parsed.get_backend_name()
        kwargs: dict[str, Any] = {"echo": echo}
        if self.dialect == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            kwargs["pool_pre_ping"] = True
        try:
            self.engine: Engine = create_engine(url, **kwargs)
        except Exception as exc:  # bad URL or missing driver: say which
            raise ConfigurationError(
                f"Cannot open the database {parsed.render_as_string(hide_password=True)}: {exc}. Check --db / EXAMINER_DB_URL."
            ) from exc
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        # The audit key rides on every session so audit.record/verify find it without globals.
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, info={"audit_key": audit_key})
        if migrate:
            self.migrate()

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision (idempotent)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        try:
            with self.engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except Exception as exc:
            raise ConfigurationError(
                f"Could not prepare the database ({exc.__class__.__name__}: {exc}). "
                "Check that the database server is reachable and that this account may create tables."
            ) from exc

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: commits on success, rolls back on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def new_session(self) -> Session:
        """A session the caller commits and closes itself (for work that must commit on failure)."""
        return self._sessions()

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` ("ok" when sound); "ok" on other databases."""
        if self.dialect != "sqlite":
            return "ok"
        with self.engine.connect() as connection:
            return str(connection.execute(text("PRAGMA integrity_check")).scalar())

    def dispose(self) -> None:
        self.engine.dispose()
