"""The sentence part of the extractor: an ordered list of named stages.

A stage is a function ``stage(ctx, items) -> items``: ``ctx`` is the sentence's
:class:`~tracker.extract.context.SentenceContext` (its text, the lexicon, facts read once on first
use), ``items`` what the stage before returned; it returns the new list. The first stages read
numbers, :func:`~tracker.extract.ranges.ranges` turns them into
:class:`~tracker.extract.mention.Mention` records, and every stage after it takes the mentions
and returns them (filled in further, or fewer).

=================  ==============================  ==============================================
stage              takes -> returns                its job
=================  ==============================  ==============================================
numbers            (nothing) -> list[Number]       every number written (numbers.py)
non_figures        list[Number] -> list[Number]    drop dates, times, codes, labels, phone numbers
units              list[Number] -> list[Reading]   the unit after each number and its category
                                                   (phrases.py)
ranges             list[Reading] -> list[Mention]  join ranges, drop scores, years, bare numbers
bounds             list[Mention] -> list[Mention]  vague amounts' bounds; "about", "up to", ...
change             list[Mention] -> list[Mention]  increase, decrease, further
money_objects      list[Mention] -> list[Mention]  what an amount of money is for
carried_units      list[Mention] -> list[Mention]  a bare number counts what the figure before it
                                                   counts ("up from 2.4 million")
=================  ==============================  ==============================================

Why this order: ranges are joined after the units are read, since whether two numbers make one
range depends on them ("252 miles to 287 miles", not "5 tanks to 3 brigades"); the category is
read with the unit (the noun's row in lexicons/nouns.csv, an event word after a people noun),
not after it; carried_units comes last, because bounds, change and money_objects read each
figure's unit as written ("up from some 2.4 million" takes no "some" for a bare number).

An empty list ends the run: no stage has anything to do with nothing. A stage to add (actor,
attribution, time, derived figures; a unit from context, subtype, role, as_of) is a function of
the same shape over mentions, put in :data:`STAGES` where what it reads is there: it reads the
Mention fields the stages before it set, sets its own (a new Mention field of the name of the
column it fills; tracker.extract.figures.figure_rows copies it into the row), and reads what it
needs of the sentence from ``ctx``, adding there any fact that other stages may ask too.

>>> from tracker.extract.lexicon import load_lexicon
>>> found = run_stages(SentenceContext("About 800 troops and 14 tanks arrived.", load_lexicon()))
>>> [(m.value, m.unit, m.qualifier) for m in found]
[(800.0, 'troop', 'about'), (14.0, 'tank', None)]
>>> [stage.__name__ for stage in STAGES]
['numbers', 'non_figures', 'units', 'ranges', 'bounds', 'change', 'money_objects', 'carried_units']
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from tracker.extract.bounds import bounds
from tracker.extract.change import change
from tracker.extract.context import SentenceContext
from tracker.extract.non_figures import non_figures
from tracker.extract.numbers import numbers
from tracker.extract.phrases import carried_units, money_objects, units
from tracker.extract.ranges import ranges

#: A stage: the sentence's context and the list the stage before returned -> the new list.
Stage = Callable[[SentenceContext, list], list]

#: The stages, in the order they run.
STAGES: tuple[Stage, ...] = (numbers, non_figures, units, ranges, bounds, change, money_objects, carried_units)


def run_stages(ctx: SentenceContext, stages: Sequence[Stage] = STAGES) -> list:
    """What ``stages`` make of the sentence of ``ctx``, run in order (the mentions, for STAGES)."""
    items: list = []
    for stage in stages:
        items = stage(ctx, items)
        if not items:
            break
    return items
