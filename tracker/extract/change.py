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
from tracker.extract.lexicon import Lexicon, alternation, read_toml
from tracker.extract.mention import Mention
from tracker.extract.numbers import lowered

if TYPE_CHECKING:
    from tracker.extract.context import SentenceContext


def _change_patterns(words: dict) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The regexes of lexicons/change.toml: a change word before the figure (CHANGE_BEFORE),
    a verb before "by" (_CHANGE_BY), a word after the figure (_CHANGE_AFTER)."""
    before, by = words["before"], words["by"]
    # What each may start with, tested first: most places then fail at once (see trie.alternation).
    first = "".join(sorted({w[0] for w in [*before["further"], *before["increase"], *before["decrease"], "up"]}))
    change_before = re.compile(
        rf"\b(?=[{first}])(?:(?P<further>{alternation(before['further'])})|"
        rf"(?P<increase>{alternation(before['increase'])}|up(?!\s+to\b))|"
        rf"(?P<decrease>{alternation(before['decrease'])}))"
        rf"(?:\s+(?:{alternation(before['fillers'])}))*\s*$",
        re.I,
    )
    change_by = re.compile(
        rf"\b(?:(?P<increase>{alternation(by['increase'])})|(?P<decrease>{alternation(by['decrease'])}))"
        r"(?:\s+[\w'’]+){0,3}\s+by\s+(?:[\w'’]+\s+){0,2}$",
        re.I,
    )
    return change_before, change_by, re.compile(rf"^\s*(?:{alternation(words['after'])})\b", re.I)


_WORDS = read_toml("change.toml")
CHANGE_BEFORE, _CHANGE_BY, _CHANGE_AFTER = _change_patterns(_WORDS)


def _last_words(before: dict) -> frozenset[str]:
    """The words a match of CHANGE_BEFORE can end with (each change word, "up", the last word of
    each filler), as numbers.lowered spells them."""
    words = [*before["further"], *before["increase"], *before["decrease"], "up"]
    return frozenset(lowered(p.split()[-1]) for p in [*words, *before["fillers"]])


_LAST_WORDS = _last_words(_WORDS["before"])


def change_before(left: str) -> re.Match | None:
    """``CHANGE_BEFORE.search(left)``: the change word ``left`` ends with ("rose by about "),
    searched for only where its last word is one a match can end with (most are not: a set
    lookup, not a search at each of its characters)."""
    end = len(left.rstrip())
    start = end
    while start > 0 and (left[start - 1].isalnum() or left[start - 1] == "_"):  # regex's \w
        start -= 1
    if lowered(left[start:end]) not in _LAST_WORDS:
        return None
    return CHANGE_BEFORE.search(left)


def change(ctx: SentenceContext, mentions: list[Mention]) -> list[Mention]:
    """Stage: the change a figure reports: "rose by 5%" an increase, "cut 3,000 jobs" a decrease,
    "another 2,000 troops" further (lexicons/categories.csv says which counts "2,000 more" makes further)."""
    s, lex = ctx.text, ctx.lex
    for m in mentions:
        _apply_change(s, m, lex)
    return mentions


def _apply_change(s: str, fig: Mention, lex: Lexicon) -> None:
    left = s[max(0, fig.start - 40):fig.start]
    m = change_before(left) or ("by" in left.lower() and _CHANGE_BY.search(left))  # it needs a "by"
    if m:
        fig.change = next(k for k, v in m.groupdict().items() if v)
        return
    if _CHANGE_AFTER.match(window.ahead(s, fig.end)) and fig.category in lex.categories_with("further_after"):
        fig.change = "further"
