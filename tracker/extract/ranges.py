"""Numbers and their units become mentions: ranges joined, scores and non-figures left out.

>>> from tracker.extract.stages import STAGES, run_stages
>>> from tracker.extract.context import SentenceContext
>>> from tracker.extract.lexicon import load_lexicon
>>> ctx = SentenceContext("Between 3,000 and 5,000 troops left; Spain won 3-1.", load_lexicon())
>>> [(m.low, m.high, m.unit) for m in run_stages(ctx, STAGES[:STAGES.index(ranges) + 1])]
[(3000.0, 5000.0, 'troop')]
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from tracker.extract import window
from tracker.extract.change import change_before
from tracker.extract.mention import Mention
from tracker.extract.non_figures import is_figure, is_year, looks_like_year
from tracker.extract.numbers import Number, scale
from tracker.extract.phrases import Reading, Unit

if TYPE_CHECKING:
    from tracker.extract.context import SentenceContext


def ranges(ctx: SentenceContext, readings: list[Reading]) -> list[Mention]:
    """Stage: numbers with their units become mentions. Two that write one range become one
    ("between 3,000 and 5,000", "3-5 million", "10 to 15 per cent", "$800,000 to $1.3 million",
    "252 miles to 287 miles"), a score ("won 3-1") none. A number is left out when with its unit
    it is no figure (:func:`tracker.extract.non_figures.is_figure`: a year, a small bare number,
    "the two leaders"), or when it stands in the unit phrase of the figure before it ("14
    Leopard 2 tanks"): only a number that is kept hides those after it, so both are read here."""
    s, lex = ctx.text, ctx.lex
    mentions: list[Mention] = []
    i = 0
    while i < len(readings):
        number, unit = readings[i]
        if mentions and number.start < mentions[-1].end:
            i += 1
            continue
        first = number
        low = high = None
        i += 1
        if i < len(readings) and not (looks_like_year(number, lex) and unit is not None
                                      and is_year(s, number, unit, lex)):
            joined = _join_range(s, number, unit, *readings[i])
            if joined == "score":
                i += 1
                continue
            if joined is not None:
                number, low, high = joined
                unit = readings[i].unit
                i += 1
        if unit is not None and is_figure(s, number, first, unit, lex):
            mentions.append(_mention(s, number, first, unit, low, high))
    return mentions


def _mention(s: str, number: Number, first: Number, unit: Unit, low: float | None, high: float | None) -> Mention:
    """The mention of ``number`` (of the range from ``first`` to it, if ``low`` is given) and its unit."""
    value = number.value if low is None else (low + high) / 2
    mention = Mention(first.start, unit.end, value, low, high, unit=unit.unit, category=unit.category,
                      object=unit.object, people=unit.people, head_start=unit.head_start, number=number)
    if low is not None:
        mention.qualifier = "between" if _BETWEEN.search(window.behind(s, first.start)) else "range"
    return mention


_BETWEEN = re.compile(r"\bbetween\s+$", re.I)


def _join_range(s: str, a: Number, ua: Unit | None, b: Number, ub: Unit | None):
    """(number, low, high) when ``a`` and ``b`` write one range; "score" for "3-1"; else None."""
    a_end = ua.end if ua is not None and ua.unit is not None and ub is not None and ua.unit == ub.unit else a.end
    m = re.fullmatch(r"\s*(-|–|—|to|and|up\s+to)\s*", s[a_end:b.start], re.I)
    if not m:
        return None
    connector = m.group(1).lower()
    before = window.behind(s, a.start)
    if connector.startswith("up") and not re.search(r"\bfrom\s+$", before, re.I):
        return None  # "from 450 sq ft up to 900 sq ft" is a range; "5 up to 9" alone is not
    if connector == "and" and not re.search(r"\bbetween\s+(?:\S+\s+)?$", before, re.I):
        return None
    if connector == "to" and ((re.search(r"\bby\s+$", before, re.I) and b.value > 2 * a.value) or (
            re.search(r"\bfrom\s+$", before, re.I) and change_before(before[:-5].rstrip() + " "))):
        return None  # "rose from 5% to 7%", "increased by $43.6bn to $419.2bn": two values
        # (but "dropped by 1 to 1.5 degrees" is a range: its ends are of one size)
    if a.kind == "vague" or b.kind == "vague":
        return None
    if a.kind != b.kind and connector in ("-", "–", "—"):
        return None
    if ua is not None and ub is not None and ua.unit is not None and ub.unit is not None \
            and ua.unit != ub.unit and not ub.unit.startswith(ua.unit + " per "):
        return None  # "$62 and $68 per share" is one range of a rate
    lo, hi = a.value, b.value
    if b.scaled and not a.scaled and 0 < _unscaled(b) and a.value <= _unscaled(b):
        lo = scale(repr(a.value), b.value / _unscaled(b))  # "3-5 million": the scale is written once
    elif connector in ("-", "–", "—") and a_end == a.end:
        lo = _shorthand_low(a, b) or lo
    if connector in ("-", "–", "—") and a_end == a.end and not a.glued and a.currency is None \
            and b.currency is None and lo >= hi and not b.scaled:
        return "score"  # "won 3-1", "a 2-2 draw"
    if lo >= hi:
        return None
    if a.glued and a.glued != b.glued:
        return None
    merged = replace(b, currency=a.currency or b.currency, scaled=a.scaled or b.scaled)
    return merged, lo, hi


_SHORT_HEAD = re.compile(r"(?<![\d,.\s\u00a0\u202f\u2009])(\d{1,3})$")
_ZERO_GROUPS = re.compile(r"(\d{1,3})((?:[, \u00a0\u202f\u2009]000)+)$")


def _shorthand_low(a: Number, b: Number) -> float | None:
    """The low end of a range whose thousands are written once, on the high end: "120-150,000"
    is 120,000 to 150,000, "3-4,000" 3,000 to 4,000. Only a short first number written without
    grouping, before a second that ends in groups of zeros; None otherwise ("1-1,000" stays)."""
    if a.kind != "digits" or b.kind != "digits" or a.scaled or b.scaled or a.glued:
        return None
    head, zeros = _SHORT_HEAD.search(a.text), _ZERO_GROUPS.search(b.text)
    if head is None or zeros is None or len(head.group(1)) > len(zeros.group(1)):
        return None
    low = a.value * 1000 ** (len(zeros.group(2)) // 4)
    return low if low < b.value else None


def _unscaled(n: Number) -> float:
    return n.base if n.base is not None else n.value
