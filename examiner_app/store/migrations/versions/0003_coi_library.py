"""COI library: reports, passages (+ full-text index), pins, prior cases, case vectors

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 10:00:00

The full-text index is dialect-specific and created with raw SQL:
* SQLite: an FTS5 table ``coi_fts`` with external content (``coi_passages.search_text``) and three
  triggers that keep it in step. FTS5 is compiled into both the stdlib sqlite3 and sqlcipher3, so
  encrypted stores get it too (its shadow tables are encrypted like every other page).
* PostgreSQL: a stored generated column ``search_tsv = to_tsvector('simple', search_text)`` with a
  GIN index; queries match and rank on that column (the ORM does not map it).
Later migrations that batch-alter ``coi_passages`` on SQLite must recreate the triggers.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_SQLITE_FTS = (
    "CREATE VIRTUAL TABLE coi_fts USING fts5(search_text, content='coi_passages', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER coi_passages_fts_ai AFTER INSERT ON coi_passages BEGIN "
    "INSERT INTO coi_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER coi_passages_fts_ad AFTER DELETE ON coi_passages BEGIN "
    "INSERT INTO coi_fts(coi_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER coi_passages_fts_au AFTER UPDATE OF search_text ON coi_passages BEGIN "
    "INSERT INTO coi_fts(coi_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO coi_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
)
_PG_FTS = (
    # A stored generated column: ranking (ts_rank_cd) reads it instead of re-parsing every matching passage.
    "ALTER TABLE coi_passages ADD COLUMN search_tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
    "CREATE INDEX ix_coi_passages_fts ON coi_passages USING gin (search_tsv)",
)


def upgrade() -> None:
    op.create_table(
        "coi_documents",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("published", sa.Date(), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("mime_type", sa.String(length=100), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("passage_count", sa.Integer(), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("imported_by", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["imported_by"], ["users.id"], name=op.f("fk_coi_documents_imported_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coi_documents")),
        sa.UniqueConstraint("sha256", name=op.f("uq_coi_documents_sha256")),
    )
    with op.batch_alter_table("coi_documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coi_documents_country"), ["country"], unique=False)
        batch_op.create_index(
            "ix_coi_documents_source_country_published", ["source", "country", "published"], unique=False
        )

    op.create_table(
        "coi_passages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(length=32), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("paragraph", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("embedding_model", sa.String(length=120), nullable=False),
        sa.Column("embedding", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["coi_documents.id"],
            name=op.f("fk_coi_passages_document_id_coi_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coi_passages")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("coi_passages", schema=None) as batch_op:
        batch_op.create_index("ix_coi_passages_document_ordinal", ["document_id", "ordinal"], unique=False)

    op.create_table(
        "coi_pins",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("suggestion_id", sa.String(length=32), nullable=True),
        sa.Column("fact_label", sa.Text(), nullable=False),
        sa.Column("passage_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("pinned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("removed_by", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_coi_pins_case_id_cases"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["passage_id"], ["coi_passages.id"], name=op.f("fk_coi_pins_passage_id_coi_passages"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(["removed_by"], ["users.id"], name=op.f("fk_coi_pins_removed_by_users")),
        sa.ForeignKeyConstraint(
            ["suggestion_id"],
            ["suggestions.id"],
            name=op.f("fk_coi_pins_suggestion_id_suggestions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_coi_pins_user_id_users"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coi_pins")),
    )
    with op.batch_alter_table("coi_pins", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coi_pins_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_coi_pins_passage_id"), ["passage_id"], unique=False)

    op.create_table(
        "prior_cases",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("grounds", sa.JSON(), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("source_file", sa.String(length=500), nullable=False),
        sa.Column("fictional", sa.Boolean(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("embedding_model", sa.String(length=120), nullable=False),
        sa.Column("embedding", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prior_cases")),
        sa.UniqueConstraint("reference", name=op.f("uq_prior_cases_reference")),
    )
    with op.batch_alter_table("prior_cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_prior_cases_country"), ["country"], unique=False)

    op.create_table(
        "case_vectors",
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.Column("embedding_model", sa.String(length=120), nullable=False),
        sa.Column("embedding", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_vectors_case_id_cases"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_vectors")),
    )

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in _SQLITE_FTS:
            op.execute(statement)
    elif dialect == "postgresql":
        for statement in _PG_FTS:
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("coi_passages_fts_au", "coi_passages_fts_ad", "coi_passages_fts_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS coi_fts")
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_coi_passages_fts")
        op.execute("ALTER TABLE coi_passages DROP COLUMN IF EXISTS search_tsv")
    op.drop_table("case_vectors")
    with op.batch_alter_table("prior_cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_prior_cases_country"))
    op.drop_table("prior_cases")
    with op.batch_alter_table("coi_pins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coi_pins_passage_id"))
        batch_op.drop_index(batch_op.f("ix_coi_pins_case_id"))
    op.drop_table("coi_pins")
    with op.batch_alter_table("coi_passages", schema=None) as batch_op:
        batch_op.drop_index("ix_coi_passages_document_ordinal")
    op.drop_table("coi_passages")
    with op.batch_alter_table("coi_documents", schema=None) as batch_op:
        batch_op.drop_index("ix_coi_documents_source_country_published")
        batch_op.drop_index(batch_op.f("ix_coi_documents_country"))
    op.drop_table("coi_documents")
