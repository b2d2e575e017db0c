"""How a figure relates to the others (``role``): a document stage (tracker.extract.document).
A part of another figure, an increment to a stock, a figure per unit, a rate, a cumulative total;
"total" (the Mention's default) where the text says none of these. Values: tracker.schema.ROLES.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.extract.document import DocumentContext


def roles(doc: DocumentContext) -> None:
    """Stage: each figure's role (in place)."""
