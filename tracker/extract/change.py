"""The change a figure reports: an increase, a decrease, or a further amount.

>>> from tracker.extract.stages import STAGES, run_stages
>>> from tracker.extract.context import SentenceContext
>>> from tracker.extract.lexicon import load_lexicon
>>> ctx = SentenceContext("Prices rose by 5% and the army cut 3,000 jobs.", load_lexicon())
>>> [m.change for m in run_stages(ctx, STAGES[:STAGES.index(change) + 1])]
['increase', 'decrease']
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tracker.extract import window
from tracker.extract.lexicon import Lexicon
from tracker.extract.mention import Mention

if TYPE_CHECKING:
    from tracker.extract.context import SentenceContext


CHANGE_BEFORE = re.compile(
    r"\b(?:(?P<further>further|additional|another|extra|fresh)|"
    r"(?P<increase>increased?|increasing|rose|rises?|rising|risen|grew|grows?|growing|jumped|jumps?|"
    r"climbed|climbs?|surged|soared|up(?!\s+to\b)|gained|boosted)|"
    r"(?P<decrease>decreased?|decreasing|fell|falls?|falling|fallen|dropped|drops?|declined?|"
    r"declining|down|cut|cuts|reduced|shrank|slumped|plunged|lower))"
    r"(?:\s+(?:by|of|to|some|about|around|nearly|almost|more than|over|up to))*\s*$",
    re.I,
)
_CHANGE_BY = re.compile(
    r"\b(?:(?P<increase>increased?|raised?|boosted?|expanded?|grew|grow|added)|"
    r"(?P<decrease>decreased?|cut|cuts|reduced?|lowered?|shrank|slashed?|trimmed?))"
    r"(?:\s+[\w'’]+){0,3}\s+by\s+(?:[\w'’]+\s+){0,2}$",
    re.I,
)
_CHANGE_AFTER = re.compile(r"^\s*(?:more|extra|additional)\b", re.I)


def change(ctx: SentenceContext, mentions: list[Mention]) -> list[Mention]:
    """Stage: the change a figure reports: "rose by 5%" an increase, "cut 3,000 jobs" a decrease,
    "another 2,000 troops" further (lexicons/categories.csv says which counts "2,000 more" makes further)."""
    s, lex = ctx.text, ctx.lex
    for m in mentions:
        _apply_change(s, m, lex)
    return mentions


def _apply_change(s: str, fig: Mention, lex: Lexicon) -> None:
    left = s[max(0, fig.start - 40):fig.start]
    m = CHANGE_BEFORE.search(left) or _CHANGE_BY.search(left)
    if m:
        fig.change = next(k for k, v in m.groupdict().items() if v)
        return
    if _CHANGE_AFTER.match(window.ahead(s, fig.end)) and fig.category in lex.categories_with("further_after"):
        fig.change = "further"
