"""The bounds of a figure: a vague amount's, and those a qualifier sets ("about", "up to", "more than").

The qualifiers and the bound each sets are lexicons/qualifiers.csv; a range's bounds are set
where it is joined (tracker.extract.ranges).

>>> from tracker.extract.stages import STAGES, run_stages
>>> from tracker.extract.context import SentenceContext
>>> from tracker.extract.lexicon import load_lexicon
>>> ctx = SentenceContext("Up to $1bn and more than 500 troops.", load_lexicon())
>>> [(m.qualifier, m.low, m.high) for m in run_stages(ctx, STAGES[:STAGES.index(bounds) + 1])]
[('up to', None, 1000000000.0), ('more than', 500.0, None)]
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tracker.extract.lexicon import Lexicon
from tracker.extract.mention import Mention

if TYPE_CHECKING:
    from tracker.extract.context import SentenceContext


def bounds(ctx: SentenceContext, mentions: list[Mention]) -> list[Mention]:
    """Stage: the bounds of a vague amount ("hundreds": 200 to 900, approximate) and of a figure
    that words before or after it qualify (lexicons/qualifiers.csv): "about 800" is approximate,
    "up to $1bn" has high = value, "more than 500" and "500 or more" low = value."""
    s, lex = ctx.text, ctx.lex
    for m in mentions:
        n = m.number
        if m.low is None and n is not None and n.kind == "vague":
            m.low, m.high, m.approx, m.qualifier = n.low, n.high, True, "vague"
        _apply_qualifier(s, m, lex)
    return mentions


def _apply_qualifier(s: str, fig: Mention, lex: Lexicon) -> None:
    left = s[max(0, fig.start - 40):fig.start]
    m = lex.qualifier_before_re.search(left)
    qual = None
    if m:
        qual = lex.qualifiers_before.get(m.group(1).lower())
        if qual is None:
            qual = lex.qualifiers_before.get(re.sub(r"\s+", " ", m.group(1).lower()))
    if qual is None:
        m = lex.qualifier_after_re.match(s[fig.end:fig.end + 30])
        if m:
            qual = lex.qualifiers_after.get(re.sub(r"\s+", " ", m.group(1).lower()))
    if qual is None:
        return
    if fig.low is not None or fig.high is not None:
        if fig.qualifier == "vague":
            fig.qualifier = qual.qualifier
        elif qual.bound == "approx":
            fig.approx = True  # "some 3,000-4,000 troops": an estimated range
        return
    if qual.qualifier == "some" and fig.unit is None:
        return
    if fig.category == "duration" and qual.qualifier in ("over", "under", "below", "above"):
        return  # "€50bn over four years": during, not more than
    fig.qualifier = qual.qualifier
    if qual.bound == "approx":
        fig.approx = True
    elif qual.bound == "max":
        fig.high = fig.value
    elif qual.bound == "max_approx":
        fig.high, fig.approx = fig.value, True
    elif qual.bound == "min":
        fig.low = fig.value
