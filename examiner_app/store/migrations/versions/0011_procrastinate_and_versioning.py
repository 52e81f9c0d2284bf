"""Agency mode: Procrastinate's job tables, stage results (idempotency keys), job runs, urgent cases, and an
optimistic version on suggestions.

* On PostgreSQL, Procrastinate's own schema (``procrastinate.schema.SchemaManager.get_schema()``, the one of
  the pinned 3.10.x release) is applied here, so one ``alembic upgrade head`` prepares a store for workers;
  it is skipped when the tables already exist. SQLite has no job queue: nothing is created for it.
* ``stage_results``: one row per (document, page, stage, pipeline version), written in the same transaction as
  the stage's output. Delivery is at least once, so a page read twice after a kill still leaves one row; the
  in-process pipeline (SQLite) writes the same rows, so both paths share one code path.
* ``stage_runs``: one row per job run: when it started, when it took the document's result-writing lock and
  when it ended (never, for a worker killed mid-page), with worker, pid, job and the typed error; for the admin
  view and the distributed tests ("no two workers inside one document at once", retry delays).
* ``cases.urgent``: an urgent case's jobs get a higher Procrastinate priority.
* ``suggestions.version``: bumped by every decision; a decision made on an older version is refused
  (review.py), so two examiners never silently overwrite each other.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        "stage_results",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.String(length=32), nullable=False),
        sa.Column("page_number", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("pipeline_version", sa.String(length=20), nullable=False),
        sa.Column("job_id", sa.BigInteger(), nullable=True),
        sa.Column("worker", sa.String(length=200), nullable=False, server_default=""),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_stage_results_document_id_documents"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage_results")),
        sa.UniqueConstraint(
            "document_id", "page_number", "stage", "pipeline_version", name="uq_stage_results_document_page_stage"
        ),
    )
    op.create_table(
        "stage_runs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.String(length=32), nullable=False, index=True),
        sa.Column("page_number", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("job_id", sa.BigInteger(), nullable=True),
        sa.Column("worker", sa.String(length=200), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=40), nullable=False),
        sa.Column("error", sa.Text(), nullable=False, server_default=""),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_stage_runs_document_id_documents"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage_runs")),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("urgent", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("suggestions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    if bind.dialect.name != "postgresql":
        return
    # Stage results and runs are case content's bookkeeping: the same row-level security as pages (0004).
    for table in ("stage_results", "stage_runs"):
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY {table}_read ON {table} FOR SELECT USING (examiner_can_read_document(document_id))")
        op.execute(
            f"CREATE POLICY {table}_change ON {table} FOR UPDATE USING (examiner_can_read_document(document_id))"
        )
        op.execute(
            f"CREATE POLICY {table}_delete ON {table} FOR DELETE USING (examiner_can_read_document(document_id))"
        )
        op.execute(f"CREATE POLICY {table}_insert ON {table} FOR INSERT WITH CHECK (true)")
    exists = bind.execute(sa.text("SELECT to_regclass('procrastinate_jobs') IS NOT NULL")).scalar()
    if not exists:
        from procrastinate.schema import SchemaManager

        # exec_driver_sql: the schema has '%' in its function bodies and no bind parameters.
        bind.exec_driver_sql(SchemaManager.get_schema().replace("%", "%%"))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for table in ("stage_results", "stage_runs"):
            for policy in ("read", "change", "delete", "insert"):
                op.execute(f"DROP POLICY IF EXISTS {table}_{policy} ON {table}")
    with op.batch_alter_table("suggestions", schema=None) as batch_op:
        batch_op.drop_column("version")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("urgent")
    op.drop_table("stage_runs")
    op.drop_table("stage_results")
    # Procrastinate's tables hold the queue's history; they are left in place (drop them by hand if wanted).
