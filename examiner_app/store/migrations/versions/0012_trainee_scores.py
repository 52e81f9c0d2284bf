"""Trainers: every scored exercise, kept so a trainer can follow each trainee's results over time (issue 12).

One row per scoring of a trainee's facts in an imported training case: pack, exercise title, trainee, who scored,
when, and the per-field SemEval counts with precision, recall, F1 and n. On PostgreSQL the rows get the
row-level security of 0004 through their training case (trainers read anonymized cases; a trainee reads the
training cases assigned to them).

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TABLE = "trainee_scores"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("pack_id", sa.String(length=32), nullable=False),
        sa.Column("exercise", sa.String(length=300), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("trainee_id", sa.String(length=32), nullable=False),
        sa.Column("scored_by", sa.String(length=32), nullable=False),
        sa.Column("scored_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_trainee_scores_case_id_cases"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["trainee_id"], ["users.id"], name=op.f("fk_trainee_scores_trainee_id_users"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["scored_by"], ["users.id"], name=op.f("fk_trainee_scores_scored_by_users"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trainee_scores")),
    )
    op.create_index(op.f("ix_trainee_scores_pack_id"), TABLE, ["pack_id"], unique=False)
    op.create_index(op.f("ix_trainee_scores_case_id"), TABLE, ["case_id"], unique=False)
    op.create_index("ix_trainee_scores_trainee_scored", TABLE, ["trainee_id", "scored_at"], unique=False)
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"ALTER TABLE {TABLE} ENABLE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY {TABLE}_read ON {TABLE} FOR SELECT USING (examiner_can_read_case(case_id))")
    op.execute(f"CREATE POLICY {TABLE}_insert ON {TABLE} FOR INSERT WITH CHECK (examiner_can_read_case(case_id))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for policy in ("read", "insert"):
            op.execute(f"DROP POLICY IF EXISTS {TABLE}_{policy} ON {TABLE}")
    op.drop_index("ix_trainee_scores_trainee_scored", table_name=TABLE)
    op.drop_index(op.f("ix_trainee_scores_case_id"), table_name=TABLE)
    op.drop_index(op.f("ix_trainee_scores_pack_id"), table_name=TABLE)
    op.drop_table(TABLE)
