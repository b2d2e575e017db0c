"""Figures get what exactly they count, how they relate to others and the date they refer to:
subtype, role, as_of, as_of_precision, as_of_text.

Revision ID: 0003
Revises: 0002

Five nullable text columns added to ``figures`` in place, so every document, figure and
correction stays; the figures stored before have null there until the store is extracted again
(``python -m tracker reextract --db URL``). Written out here, not taken from
``tracker/store/store.py``, so that this migration stays what was applied.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

#: The columns this revision adds, in the order of ``tracker.schema.COLUMNS``.
ADDED = ("subtype", "role", "as_of", "as_of_precision", "as_of_text")


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
