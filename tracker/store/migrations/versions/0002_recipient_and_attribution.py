"""Figures get who receives them and more of who states them: recipient, attributed_kind,
attributed_country, attribution_text.

Revision ID: 0002
Revises: 0001

Four nullable text columns added to ``figures`` in place (``ALTER TABLE ... ADD COLUMN``, on
SQLite too), so every document, figure and correction stays; the figures stored before have
null there until they are extracted again. Written out here, not taken from
``tracker/store/store.py``, so that this migration stays what was applied.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: The columns this revision adds, in the order of ``tracker.schema.COLUMNS``.
ADDED = ("recipient", "attributed_kind", "attributed_country", "attribution_text")


def upgrade() -> None:
    """Add the columns (null in every stored figure)."""
    with op.batch_alter_table("figures") as batch:
        for name in ADDED:
            batch.add_column(sa.Column(name, sa.Text, nullable=True))


def downgrade() -> None:
    """Drop the columns (and what they hold; everything else stays)."""
    with op.batch_alter_table("figures") as batch:
        for name in reversed(ADDED):
            batch.drop_column(name)
