"""The first schema: documents, their figures, corrections, and a change counter.

Revision ID: 0001
Revises: (none)

Written out in full rather than imported from ``tracker/store/store.py``, so that later changes
to the tables there become new migrations and this one stays what was applied.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the tables."""
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("doc_id", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("published", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("doc_id", name="uq_documents_doc_id"),
        sa.UniqueConstraint("content_hash", name="uq_documents_content_hash"),
    )
    op.create_table(
        "figures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, nullable=False),
        sa.Column("figure_id", sa.String(16), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("surface", sa.Text, nullable=False),
        sa.Column("value", sa.Double),
        sa.Column("low", sa.Double),
        sa.Column("high", sa.Double),
        sa.Column("approx", sa.Boolean),
        sa.Column("qualifier", sa.Text),
        sa.Column("change", sa.Text),
        sa.Column("unit", sa.Text),
        sa.Column("category", sa.Text),
        sa.Column("object", sa.Text),
        sa.Column("actor", sa.Text),
        sa.Column("attributed_to", sa.Text),
        sa.Column("sentence", sa.Text),
        sa.Column("sentence_start", sa.Integer),
        sa.Column("derived", sa.Boolean),
        sa.Column("formula", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_figures"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                name="fk_figures_document_id_documents"),
    )
    op.create_index("ix_figures_document_id", "figures", ["document_id"])
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("field", sa.Text, nullable=False),
        sa.Column("old_value", sa.Text),
        sa.Column("new_value", sa.Text),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reverted_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name="pk_corrections"),
    )
    op.create_index("ix_corrections_content_hash", "corrections", ["content_hash"])
    state = op.create_table(
        "store_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_store_state"),
    )
    op.bulk_insert(state, [{"id": 1, "version": 0}])


def downgrade() -> None:
    """Drop the tables (and everything in them)."""
    op.drop_table("store_state")
    op.drop_index("ix_corrections_content_hash", table_name="corrections")
    op.drop_table("corrections")
    op.drop_index("ix_figures_document_id", table_name="figures")
    op.drop_table("figures")
    op.drop_table("documents")

