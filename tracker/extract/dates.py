"""The date a figure refers to (``as_of``, ``as_of_precision``, ``as_of_text``): a document stage
(tracker.extract.document). "As of 12 March", "on 30 January", "last week", resolved against the
article's ``published`` date; null where the text gives none, and relative dates stay null when
``published`` is unknown.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.extract.document import DocumentContext


def dates(doc: DocumentContext) -> None:
    """Stage: each figure's as_of (in place)."""
