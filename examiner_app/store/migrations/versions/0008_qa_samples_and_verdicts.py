"""Quality review: samples (frame, seed, plan, exclusions), their frozen items, and blind verdicts.

An item copies the page, span and value the reviewer is shown; a verdict is append-only (one per item and
reviewer; disagreements get an ``adjudication`` verdict by a third person). On PostgreSQL items and verdicts
carry case content, so they get the row-level security of 0004 through ``examiner_can_read_case``; samples
hold only the plan and counts. SQLite has no row-level security; there the qa package checks roles itself.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

PROTECTED = ("qa_items", "qa_verdicts")


def upgrade() -> None:
    op.create_table(
        "qa_samples",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("frame", sa.String(length=20), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("plan", sa.JSON(), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("exclusions", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_qa_samples_created_by_users"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_samples")),
    )
    op.create_table(
        "qa_items",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("sample_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("document_id", sa.String(length=32), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("page_number", sa.Integer(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=True),
        sa.Column("span_end", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("suggestion_id", sa.String(length=32), nullable=True),
        sa.Column("decision_id", sa.String(length=32), nullable=True),
        sa.Column("stratum", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sample_id"], ["qa_samples.id"], name=op.f("fk_qa_items_sample_id_qa_samples"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_qa_items_case_id_cases"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_qa_items_document_id_documents"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["suggestion_id"],
            ["suggestions.id"],
            name=op.f("fk_qa_items_suggestion_id_suggestions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["decision_id"], ["decisions.id"], name=op.f("fk_qa_items_decision_id_decisions"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_items")),
        sa.UniqueConstraint("sample_id", "position", name="uq_qa_items_sample_position"),
    )
    op.create_index(op.f("ix_qa_items_sample_id"), "qa_items", ["sample_id"], unique=False)
    op.create_index(op.f("ix_qa_items_case_id"), "qa_items", ["case_id"], unique=False)
    op.create_table(
        "qa_verdicts",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("sample_id", sa.String(length=32), nullable=False),
        sa.Column("item_id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("reviewer_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("verdict", sa.String(length=10), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["sample_id"], ["qa_samples.id"], name=op.f("fk_qa_verdicts_sample_id_qa_samples"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["qa_items.id"], name=op.f("fk_qa_verdicts_item_id_qa_items"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_qa_verdicts_case_id_cases"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["users.id"], name=op.f("fk_qa_verdicts_reviewer_id_users"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_verdicts")),
        sa.UniqueConstraint("item_id", "reviewer_id", name="uq_qa_verdicts_item_reviewer"),
    )
    op.create_index("ix_qa_verdicts_sample", "qa_verdicts", ["sample_id"], unique=False)
    # The statistics read decisions by time and by suggestion: an index on decided_at keeps a period's report fast.
    op.create_index("ix_decisions_decided_at", "decisions", ["decided_at"], unique=False)
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in PROTECTED:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY {table}_read ON {table} FOR SELECT USING (examiner_can_read_case(case_id))")
        op.execute(f"CREATE POLICY {table}_change ON {table} FOR UPDATE USING (examiner_can_read_case(case_id))")
        op.execute(f"CREATE POLICY {table}_delete ON {table} FOR DELETE USING (examiner_can_read_case(case_id))")
        # New rows: the qa package checks the reviewer's role before inserting, as in 0004.
        op.execute(f"CREATE POLICY {table}_insert ON {table} FOR INSERT WITH CHECK (true)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in PROTECTED:
            for policy in ("read", "change", "delete", "insert"):
                op.execute(f"DROP POLICY IF EXISTS {table}_{policy} ON {table}")
    op.drop_index("ix_decisions_decided_at", table_name="decisions")
    op.drop_index("ix_qa_verdicts_sample", table_name="qa_verdicts")
    op.drop_table("qa_verdicts")
    op.drop_index(op.f("ix_qa_items_case_id"), table_name="qa_items")
    op.drop_index(op.f("ix_qa_items_sample_id"), table_name="qa_items")
    op.drop_table("qa_items")
    op.drop_table("qa_samples")
