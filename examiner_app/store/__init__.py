"""The case store: SQLAlchemy 2.0 ORM, repositories returning domain objects, Alembic migrations."""

from __future__ import annotations

from examiner_app.store.db import Store

__all__ = ["Store"]
