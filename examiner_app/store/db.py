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

from examiner_app.errors import ConfigurationError, PassphraseRequiredError, WrongPassphraseError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


SQLITE_HEADER = b"SQLite format 3\x00"


def _keyed(passphrase: str) -> Any:
    quoted = passphrase.replace("'", "''")

    def on_connect(dbapi_connection: Any, record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA key = '{quoted}'")
        cursor.close()
        _sqlite_pragmas(dbapi_connection, record)

    return on_connect


def _is_encrypted_file(database: str | None) -> bool:
    if not database or database == ":memory:":
        return False
    path = Path(database)
    if not path.exists() or path.stat().st_size == 0:
        return False
    with path.open("rb") as handle:
        return handle.read(16) != SQLITE_HEADER


def _check_passphrase_fits(database: str | None, passphrase: str) -> None:
    """Clear messages for the two ways opening an encrypted store goes wrong."""
    if not database or database == ":memory:":
        return
    path = Path(database)
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(16)
    if header == SQLITE_HEADER:
        raise ConfigurationError(
            f"{path} is an unencrypted store. Open it without a passphrase, or export and re-import the cases into "
            "a new encrypted store."
        )
    from sqlcipher3 import dbapi2 as sqlcipher

    connection = sqlcipher.connect(str(path))
    try:
        connection.execute("PRAGMA key = '{}'".format(passphrase.replace("'", "''")))
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        raise WrongPassphraseError("Wrong passphrase for this store (or the file is damaged). Try again.") from exc
    finally:
        connection.close()


class Store:
    """One database. Thread-safe to share; sessions are not (open one per job/thread)."""

    def __init__(
        self,
        url: str,
        *,
        migrate: bool = True,
        echo: bool = False,
        audit_key: bytes | None = None,
        passphrase: str | None = None,
    ) -> None:
        self.url = url
        parsed = make_url(url)
        self.dialect = parsed.get_backend_name()
        self.encrypted = bool(passphrase) and self.dialect == "sqlite"
        kwargs: dict[str, Any] = {"echo": echo}
        if self.encrypted:
            # SQLCipher 4 through the ordinary SQLite dialect: we key each connection ourselves
            # before anything reads the file (the pysqlcipher dialect keys it too late for our pragmas).
            try:
                from sqlcipher3 import dbapi2 as sqlcipher
            except ImportError as exc:  # pragma: no cover - the bootstrap installs it
                raise ConfigurationError("Encryption needs the sqlcipher3 package: run scripts/bootstrap.sh.") from exc
            kwargs["module"] = sqlcipher
            _check_passphrase_fits(parsed.database, passphrase or "")
        elif self.dialect == "sqlite" and _is_encrypted_file(parsed.database):
            raise PassphraseRequiredError(
                "This store is encrypted: enter its passphrase (or set EXAMINER_PASSPHRASE for the command line)."
            )
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
        if self.encrypted:
            event.listen(self.engine, "connect", _keyed(passphrase or ""))
        elif self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        # The audit key rides on every session so audit.record/verify find it without globals.
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, info={"audit_key": audit_key})
        #: The signed-in user; on PostgreSQL each transaction names it for row-level security (migration 0004).
        self.acting_user_id: str | None = None
        if self.dialect == "postgresql":
            event.listen(self._sessions, "after_begin", self._name_user)
        if migrate:
            self.migrate()

    def _name_user(self, _session: Session, _transaction: Any, connection: Any) -> None:
        connection.execute(
            text("SELECT set_config('examiner.user_id', :user_id, true)"), {"user_id": self.acting_user_id or ""}
        )

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
