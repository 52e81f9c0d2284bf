"""Training packs: the optional encrypted real <-> surrogate mapping of a pack (issue 12).

On PostgreSQL the table gets the row-level security of 0004: a mapping belongs to its source case, which trainers
cannot read, so only administrators (and, by the same rule, reviewers, who can read ciphertext but not decrypt it)
see its rows. SQLite has no row-level security; there training/mapping.py alone enforces the rules.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLE = "training_mappings"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("pack_id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("salt", sa.LargeBinary(), nullable=False),
        sa.Column("nonce", sa.LargeBinary(), nullable=False),
        sa.Column("ciphertext", sa.LargeBinary(), nullable=True),
        sa.Column("destroyed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("destroyed_by", sa.String(length=32), nullable=True),
        sa.Column("destroy_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_training_mappings_case_id_cases"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_training_mappings_created_by_users"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["destroyed_by"], ["users.id"], name=op.f("fk_training_mappings_destroyed_by_users"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("pack_id", name=op.f("pk_training_mappings")),
    )
    op.create_index(op.f("ix_training_mappings_case_id"), TABLE, ["case_id"], unique=False)
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"ALTER TABLE {TABLE} ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY {TABLE}_read ON {TABLE} FOR SELECT USING (examiner_can_read_case(case_id))")
    op.execute(f"CREATE POLICY {TABLE}_change ON {TABLE} FOR UPDATE USING (examiner_can_read_case(case_id))")
    op.execute(f"CREATE POLICY {TABLE}_delete ON {TABLE} FOR DELETE USING (examiner_can_read_case(case_id))")
    # New rows: training/mapping.py checks that an administrator keeps the mapping before inserting.
    op.execute(f"CREATE POLICY {TABLE}_insert ON {TABLE} FOR INSERT WITH CHECK (true)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for policy in ("read", "change", "delete", "insert"):
            op.execute(f"DROP POLICY IF EXISTS {TABLE}_{policy} ON {TABLE}")
    op.drop_index(op.f("ix_training_mappings_case_id"), table_name=TABLE)
    op.drop_table(TABLE)
