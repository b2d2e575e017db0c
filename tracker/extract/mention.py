"""The record of one figure while the extractor reads it: a :class:`Mention`.

The stages (tracker.extract.stages) fill it in, one job each; a row of the figure table is built
from it field by field (``tracker.extract.figures.figure_rows``): every column of
tracker.schema.COLUMNS that is not document metadata or a place in the document (figure_id,
start, end, surface, sentence, sentence_start) is the Mention field of the same name. A column
added to the schema needs a field here of its name, and nothing else.

>>> Mention(0, 9, 800.0, qualifier="about", unit="troop", category="personnel")
Mention(start=0, end=9, value=800.0, low=None, high=None, approx=False, qualifier='about', change=None, \
unit='troop', category='personnel', subtype=None, role='total', object=None, actor=None, recipient=None, \
attributed_to=None, attributed_kind=None, attributed_country=None, attribution_text=None, as_of=None, \
as_of_precision=None, as_of_text=None, derived=False, formula=None)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.extract.numbers import Number


@dataclass
class Mention:
    """One figure found in a sentence; offsets relative to the sentence."""

    start: int
    end: int
    value: float  # scale applied; midpoint for a range
    low: float | None = None
    high: float | None = None
    approx: bool = False
    qualifier: str | None = None  # "about", "up to", "between", "range", "vague", ...
    change: str | None = None  # "further", "increase", "decrease"
    unit: str | None = None
    category: str | None = None  # one of tracker.schema.CATEGORIES
    subtype: str | None = None  # one of tracker.schema.SUBTYPES[category]
    role: str = "total"  # one of tracker.schema.ROLES
    object: str | None = None  # the noun phrase counted or paid for
    actor: str | None = None  # whose troops or money
    recipient: str | None = None  # who receives money or aid
    attributed_to: str | None = None  # who states it
    attributed_kind: str | None = None
    attributed_country: str | None = None
    attribution_text: str | None = None
    as_of: str | None = None  # ISO date the figure refers to
    as_of_precision: str | None = None  # day | month | year
    as_of_text: str | None = None  # the date as written
    derived: bool = False
    formula: str | None = None
    people: bool = field(default=False, repr=False)  # counts people (for derived figures)
    head_start: int | None = field(default=None, repr=False)  # where its noun phrase starts
    mixed: bool = field(default=False, repr=False)  # counts two sides together: no actor (actors.py)
    # The number as written (of a range, its second end, with the first's currency); None for a
    # derived figure.
    number: Number | None = field(default=None, repr=False, compare=False)
