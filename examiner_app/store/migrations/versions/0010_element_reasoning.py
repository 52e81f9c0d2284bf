"""The examiner's reasoning per element of the ISA Guide, confirmed earlier-application links, confirmed case dates.

Three append-only tables (the newest row per key holds, so every earlier text stays readable):
``element_reasoning`` (what the examiner wrote under persecution, well-founded fear, Convention ground,
outside the country, state protection), ``earlier_application_links`` (an examiner confirmed, or withdrew, that
another case is an earlier application of the same person; a hint alone never writes one) and ``case_dates``
(the application date and the earlier decision's date as an examiner confirmed them, for the workload clock).

On PostgreSQL each gets the row-level security of 0004/0006 through ``examiner_can_read_case``. SQLite has no
row-level security; there accounts.py alone enforces the rules.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLES = ("element_reasoning", "earlier_application_links", "case_dates")


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "element_reasoning",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("element", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        _fk("element_reasoning", "case_id", "cases", "CASCADE"),
        _fk("element_reasoning", "user_id", "users", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_element_reasoning")),
    )
    op.create_index(
        "ix_element_reasoning_case_element", "element_reasoning", ["case_id", "element", "written_at"], unique=False
    )
    op.create_table(
        "earlier_application_links",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("earlier_case_id", sa.String(length=32), nullable=False),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("hint_id", sa.String(length=80), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        _fk("earlier_application_links", "case_id", "cases", "CASCADE"),
        _fk("earlier_application_links", "earlier_case_id", "cases", "CASCADE"),
        _fk("earlier_application_links", "user_id", "users", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_earlier_application_links")),
    )
    op.create_index(
        "ix_earlier_application_links_case", "earlier_application_links", ["case_id", "decided_at"], unique=False
    )
    op.create_table(
        "case_dates",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=10), nullable=False),
        sa.Column("suggestion_id", sa.String(length=32), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=False),
        _fk("case_dates", "case_id", "cases", "CASCADE"),
        _fk("case_dates", "user_id", "users", "RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_dates")),
    )
    op.create_index("ix_case_dates_case_kind", "case_dates", ["case_id", "kind", "confirmed_at"], unique=False)
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY {table}_read ON {table} FOR SELECT USING (examiner_can_read_case(case_id))")
        op.execute(f"CREATE POLICY {table}_change ON {table} FOR UPDATE USING (examiner_can_read_case(case_id))")
        op.execute(f"CREATE POLICY {table}_delete ON {table} FOR DELETE USING (examiner_can_read_case(case_id))")
        # New rows: the core checks who may write them (accounts.require_decide) before inserting, as in 0004.
        op.execute(f"CREATE POLICY {table}_insert ON {table} FOR INSERT WITH CHECK (true)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            for policy in ("read", "change", "delete", "insert"):
                op.execute(f"DROP POLICY IF EXISTS {table}_{policy} ON {table}")
    op.drop_index("ix_case_dates_case_kind", table_name="case_dates")
    op.drop_table("case_dates")
    op.drop_index("ix_earlier_application_links_case", table_name="earlier_application_links")
    op.drop_table("earlier_application_links")
    op.drop_index("ix_element_reasoning_case_element", table_name="element_reasoning")
    op.drop_table("element_reasoning")
