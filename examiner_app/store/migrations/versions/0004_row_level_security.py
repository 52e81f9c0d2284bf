"""Row-level security on PostgreSQL: a database session sees only the cases its examiner may read.

The application connects as a role that does not own the tables (owners and superusers bypass row-level
security) and names the signed-in user in each transaction (``examiner.user_id``, set by Store). The rules
mirror accounts.can_read: admins and reviewers read every case; examiners the cases assigned to them or
created by them; trainers anonymized cases only. No user set: no case rows at all (fail closed).
SQLite has no row-level security; there the same rules are enforced by accounts.py alone.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

CASE_TABLES = {
    "cases": "id",
    "documents": "case_id",
    "suggestions": "case_id",
}
DOCUMENT_TABLES = {"document_blobs": "document_id", "pages": "document_id"}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # SECURITY DEFINER: runs as the tables' owner, so the lookups are not themselves filtered (no recursion).
    op.execute(
        """
        CREATE OR REPLACE FUNCTION examiner_can_read_case(target text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            WITH me AS (
                SELECT u.id, u.role FROM users u
                WHERE u.id = NULLIF(current_setting('examiner.user_id', true), '') AND u.active
            )
            SELECT EXISTS (SELECT 1 FROM me WHERE me.role IN ('admin', 'reviewer'))
                OR EXISTS (SELECT 1 FROM me JOIN case_assignments a ON a.user_id = me.id
                           WHERE me.role = 'examiner' AND a.case_id = target)
                OR EXISTS (SELECT 1 FROM me JOIN cases c ON c.created_by = me.id
                           WHERE me.role = 'examiner' AND c.id = target)
                OR EXISTS (SELECT 1 FROM me JOIN cases c ON c.anonymized
                           WHERE me.role = 'trainer' AND c.id = target)
        $$
        """
    )
    op.execute(
        """
        CREATE OR REPLACE FUNCTION examiner_can_read_document(target text) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            SELECT examiner_can_read_case((SELECT d.case_id FROM documents d WHERE d.id = target))
        $$
        """
    )
    for table, column in {**CASE_TABLES, **DOCUMENT_TABLES}.items():
        check = "examiner_can_read_case" if table in CASE_TABLES else "examiner_can_read_document"
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY {table}_read ON {table} FOR SELECT USING ({check}({column}))")
        op.execute(f"CREATE POLICY {table}_change ON {table} FOR UPDATE USING ({check}({column}))")
        op.execute(f"CREATE POLICY {table}_delete ON {table} FOR DELETE USING ({check}({column}))")
        # New rows: the core checks who may add them (accounts.require_decide) before inserting.
        op.execute(f"CREATE POLICY {table}_insert ON {table} FOR INSERT WITH CHECK (true)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in {**CASE_TABLES, **DOCUMENT_TABLES}:
        for policy in ("read", "change", "delete", "insert"):
            op.execute(f"DROP POLICY IF EXISTS {table}_{policy} ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    op.execute("DROP FUNCTION IF EXISTS examiner_can_read_document(text)")
    op.execute("DROP FUNCTION IF EXISTS examiner_can_read_case(text)")
