"""Row-level security for the rest of a case's content on PostgreSQL: decisions, COI pins and case vectors.

0004 protected cases, documents, originals, pages and suggestions; a decision (values before and after, the
examiner's reason), a pinned excerpt (the case it was pinned to, the examiner's note) and a case's text
embedding are case content too. Same rules, through the same ``examiner_can_read_case``. A decision names
its case through its suggestion; the lookup runs as the tables' owner (SECURITY DEFINER) so it is not itself
filtered. SQLite has no row-level security; there accounts.py alone enforces the rules.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

POLICIES = {
    "decisions": "examiner_can_read_suggestion(suggestion_id)",
    "coi_pins": "examiner_can_read_case(case_id)",
    "case_vectors": "examiner_can_read_case(case_id)",
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        """
        CREATE OR REPLACE FUNCTION examiner_can_read_suggestion(target text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            SELECT examiner_can_read_case((SELECT s.case_id FROM suggestions s WHERE s.id = target))
        $$
        """
    )
    for table, check in POLICIES.items():
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY {table}_read ON {table} FOR SELECT USING ({check})")
        op.execute(f"CREATE POLICY {table}_change ON {table} FOR UPDATE USING ({check})")
        op.execute(f"CREATE POLICY {table}_delete ON {table} FOR DELETE USING ({check})")
        # New rows: the core checks who may add them (accounts.require_decide) before inserting.
        op.execute(f"CREATE POLICY {table}_insert ON {table} FOR INSERT WITH CHECK (true)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in POLICIES:
        for policy in ("read", "change", "delete", "insert"):
            op.execute(f"DROP POLICY IF EXISTS {table}_{policy} ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    op.execute("DROP FUNCTION IF EXISTS examiner_can_read_suggestion(text)")
