"""Re-extraction keeps corrections and the store knows which extractor found its figures:
documents.extractor_version; corrections.original_start, original_end, orphaned_at.

Revision ID: 0004
Revises: 0003

- ``documents.extractor_version``: the version of the extractor (``tracker.schema.EXTRACTOR_VERSION``)
  whose figures are stored for the document; null for the documents stored before, which
  counts as older than any version.
- ``corrections.original_start``, ``original_end``: the span the correction was made on (filled
  here from ``start``/``end``); ``start``/``end`` follow the figure when re-extraction moves it.
- ``corrections.orphaned_at``: when re-extraction left the correction without a figure to apply
  to (it is kept, and applies again if a later extraction finds a figure there); null otherwise.

Columns added in place, so every document, figure and correction stays. Written out here, not
taken from ``tracker/store/store.py``, so that this migration stays what was applied.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the columns; a correction's original span is the one it has."""
    with op.batch_alter_table("documents", recreate="never") as batch:  # in place, never copied
        batch.add_column(sa.Column("extractor_version", sa.Integer, nullable=True))
    with op.batch_alter_table("corrections") as batch:
        batch.add_column(sa.Column("original_start", sa.Integer, nullable=True))
        batch.add_column(sa.Column("original_end", sa.Integer, nullable=True))
        batch.add_column(sa.Column("orphaned_at", sa.DateTime(timezone=True), nullable=True))
    corrections = sa.table("corrections", sa.column("start"), sa.column("end"),
                           sa.column("original_start"), sa.column("original_end"))
    op.execute(corrections.update().values(original_start=corrections.c.start,
                                           original_end=corrections.c.end))


def downgrade() -> None:
    """Drop the columns (a moved correction keeps its latest span)."""
    with op.batch_alter_table("corrections") as batch:
        for name in ("orphaned_at", "original_end", "original_start"):
            batch.drop_column(name)
    # In place (SQLite 3.35+ drops a column itself): copying documents in batch mode would drop
    # the old table, and with it, by ON DELETE CASCADE, every figure.
    with op.batch_alter_table("documents", recreate="never") as batch:
        batch.drop_column("extractor_version")
