"""What exactly a figure counts within its category (``subtype``): a document stage
(tracker.extract.document). Killed or wounded, a loan or a grant, destroyed or delivered: the
values are tracker.schema.SUBTYPES; null where the text says nothing more.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.extract.document import DocumentContext


def subtypes(doc: DocumentContext) -> None:
    """Stage: each figure's subtype (in place)."""
