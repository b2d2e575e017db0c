"""Derived figures: arithmetic a reader can check in one sentence, "14 battalions ..., each
numbering about 800 troops" -> 14 * 800 troops, with bounds multiplied ("between 2 and 5
battalions, each of 800 troops" -> 1,600 to 4,000)."""
from __future__ import annotations

import re

from tracker.extract.lexicon import load_lexicon
from tracker.extract.mention import Mention
from tracker.extract.numbers import within_limits


_EACH_BETWEEN = re.compile(r"\beach\b", re.I)
_EACH_AFTER = re.compile(r"\s+each\b", re.I)


def derive_figures(s: str, figures: list[Mention]) -> list[Mention]:
    """"14 battalions ..., each numbering about 800 troops" -> 14 * 800 troops."""
    derived = []
    derivable = load_lexicon().categories_with("derivable")
    for a, b in zip(figures, figures[1:]):
        if a.derived or b.derived or a.unit is None or b.unit is None or a.unit == b.unit:
            continue
        if a.category not in derivable:
            continue  # products of money, percentages or measures are no counts
        between = s[a.end:b.start]
        each_after = _EACH_AFTER.match(s, b.end)
        if len(between) > 80 or not (_EACH_BETWEEN.search(between) or each_after):
            continue
        if min(a.value, b.value, *(v for v in (a.low, b.low) if v is not None)) < 0:
            continue  # products of negative counts mean nothing (and would swap the bounds)
        value = a.value * b.value
        # Bounds multiply too: "83 groups of up to 1,000 troops each" is up to 83,000; "between
        # 2 and 5 battalions, each of 800 troops" is 1,600 to 4,000 (value: the midpoint's product,
        # 2,800). A side without a bound gives its value.
        low = high = None
        if a.low is not None or b.low is not None:
            low = (a.low if a.low is not None else a.value) * (b.low if b.low is not None else b.value)
        if a.high is not None or b.high is not None:
            high = (a.high if a.high is not None else a.value) * (b.high if b.high is not None else b.value)
        if not within_limits(value, low, high, largest=load_lexicon().largest_value):
            continue
        derived.append(Mention(
            a.start, b.end, value, low, high, approx=a.approx or b.approx, change=a.change, unit=b.unit,
            category=b.category, object=b.object, actor=b.actor or a.actor, derived=True,
            formula=f"{_fmt(a.value)}*{_fmt(b.value)}",
        ))
    return derived


def _fmt(v: float) -> str:
    return f"{v:.0f}" if v == int(v) else f"{v:g}"
