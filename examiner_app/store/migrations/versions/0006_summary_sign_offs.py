"""Summary sign-offs: who signed a case summary off, when, and the SHA-256 of the content they signed.

On PostgreSQL the table gets the row-level security of 0004 (a sign-off carries the case's findings in
``content``, so it is case content): a database session sees only sign-offs of cases its user may read,
through the same ``examiner_can_read_case`` function. SQLite has no row-level security; there
accounts.py alone enforces the rules.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TABLE = "summary_sign_offs"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("findings", sa.Integer(), nullable=False),
        sa.Column("pins", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_summary_sign_offs_case_id_cases"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_summary_sign_offs_user_id_users"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_summary_sign_offs")),
    )
    op.create_index("ix_summary_sign_offs_case_signed", TABLE, ["case_id", "signed_at"], unique=False)
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"ALTER TABLE {TABLE} ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY {TABLE}_read ON {TABLE} FOR SELECT USING (examiner_can_read_case(case_id))")
    op.execute(f"CREATE POLICY {TABLE}_change ON {TABLE} FOR UPDATE USING (examiner_can_read_case(case_id))")
    op.execute(f"CREATE POLICY {TABLE}_delete ON {TABLE} FOR DELETE USING (examiner_can_read_case(case_id))")
    # New rows: the core checks who may sign off (accounts.require_decide) before inserting, as in 0004.
    op.execute(f"CREATE POLICY {TABLE}_insert ON {TABLE} FOR INSERT WITH CHECK (true)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for policy in ("read", "change", "delete", "insert"):
            op.execute(f"DROP POLICY IF EXISTS {TABLE}_{policy} ON {TABLE}")
    op.drop_index("ix_summary_sign_offs_case_signed", table_name=TABLE)
    op.drop_table(TABLE)
