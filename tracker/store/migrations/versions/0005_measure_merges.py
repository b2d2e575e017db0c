"""Measures merged by a user: the measure_merges table.

Revision ID: 0005
Revises: 0004

A row says that the figures of measure ``from_key`` are compared in ``to_key`` (a link to the
old key opens the new one), with who merged them and when; ``reverted_at`` is set when the merge
is undone (the row stays). Moving one figure to another measure is a correction of its
``measure`` field and needs no table of its own. Written out here, not taken from
``tracker/store/store.py``, so that this migration stays what was applied.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "measure_merges",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("from_key", sa.Text, nullable=False),
        sa.Column("to_key", sa.Text, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reverted_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_measure_merges"),
    )
    op.create_index("ix_measure_merges_from_key", "measure_merges", ["from_key"])


def downgrade() -> None:
    op.drop_index("ix_measure_merges_from_key", table_name="measure_merges")
    op.drop_table("measure_merges")
