"""What a figure counts, read from its context: a document stage (tracker.extract.document).

A bare number takes the unit and category of what its list, its sentence or the sentence before
counts ("Of these, 310 were destroyed", after a sentence about tanks); a context word sets the
category ("destroyed" makes equipment of things and casualties of people, "fled" displaced).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.extract.document import DocumentContext


def counted(doc: DocumentContext) -> None:
    """Stage: units and categories from context (in place)."""
