"""How a figure relates to the others (``role``): a document stage (tracker.extract.document).
A part of another figure, an increment to a stock, a figure per unit, a rate, a cumulative total;
"total" (the Mention's default) where the text says none of these. Values: tracker.schema.ROLES.

The words are in lexicons/roles.toml. Each role is read by its own rule; when more than one
applies, the first of :data:`PRECEDENCE` wins: rate > per_unit > part > cumulative > increment
(a rate or a figure per unit says most about what the number is; "including 300 since May" is a
part first). Money takes no increment: "another $300m package" is a new pledge, a total.
A sentence with no role word (and no figure marked "further" or "per") costs two searches; the
clause-wide words and barriers of the others are found once per sentence.

>>> from tracker import extract_figures
>>> extract_figures("Russia sent a further 14 battalions, each numbering about 800 troops.")["role"].tolist()
['increment', 'per_unit', 'increment']
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from tracker.extract import window
from tracker.extract.lexicon import alternation, read_toml
from tracker.extract.mention import Mention
from tracker.extract.numbers import lowered
from tracker.extract.subtypes import barrier_regex
from tracker.schema import ROLES

if TYPE_CHECKING:
    from tracker.extract.document import DocumentContext
    from tracker.extract.lexicon import Lexicon

_LEX = read_toml("roles.toml")
_RATE, _PER_UNIT, _PART, _CUMULATIVE, _INCREMENT = (
    _LEX["rate"], _LEX["per_unit"], _LEX["part"], _LEX["cumulative"], _LEX["increment"])
#: When two roles apply, the first of these wins (:func:`_role` tries them in this order).
PRECEDENCE: tuple[str, ...] = ("rate", "per_unit", "part", "cumulative", "increment")
assert set(PRECEDENCE) | {"total"} == set(ROLES)


def _alt(phrases) -> str:
    return "(?:" + alternation(phrases) + ")"


def _after_regex(tables: dict[str, dict]) -> re.Pattern:
    """Each role's `after` phrases right after a figure (a bracket or closing quote between at most),
    not followed by its `not_after` words; one named group per role, in order of precedence."""
    groups = []
    for role, table in tables.items():
        guard = r"(?!\s+" + _alt(table["not_after"]) + r"(?![\w-]))" if table.get("not_after") else ""
        groups.append(f"(?P<{role}>" + _alt(table["after"]) + r"(?![\w-])" + guard + ")")
    return re.compile(r"[\s”\"’']*(?:\([^()]{0,40}\)\s*)?(?:" + "|".join(groups) + ")", re.I)


def _before_regex(tables: dict[str, dict]) -> re.Pattern:
    """Each role's `before` phrases ending right before a figure (a comma between at most)."""
    groups = [f"(?P<{role}>" + _alt(table["before"]) + ")" for role, table in tables.items()]
    return re.compile(r"(?<![\w-])(?:" + "|".join(groups) + r")\s*,?\s*$", re.I)


def _anywhere(phrases, flags: int = re.I) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + _alt(phrases) + r"(?![\w-])", flags)


_ORDERED = ["rate", "per_unit", "part", "cumulative"]  # the roles with `after` or `before` words
_AFTER = _after_regex({role: _LEX[role] for role in _ORDERED if "after" in _LEX[role]})
_BEFORE = _before_regex({role: _LEX[role] for role in _ORDERED if "before" in _LEX[role]})
_RATE_CLAUSE = _anywhere(_RATE["clause_after"])
_TIME_UNITS = frozenset(_RATE["time_units"])
# "Of these, 310 ...", "Of the 497 towns, 300 ...": at the start of the sentence or of a clause,
# anywhere before the figure.
_PART_CLAUSE = re.compile(r"(?:^[\s\"“‘']*|[;:(]\s*)(?:" + _alt(_PART["clause_before"])
                          + r"|of\s+the\s+[^,;]{1,40}),", re.I)
# What joins the items of a list: "including 4,000 children and 300 women".
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|(?:and|or|as\s+well\s+as|plus)\s+)", re.I)
_CUMULATIVE_CLAUSE = _anywhere(_CUMULATIVE["clause"])
_RANKED = re.compile(r"(?<![\w-])" + _alt(_CUMULATIVE["superlatives"]) + r"(?:\s+[\w-]+){0,2}\s+$", re.I)
_BRINGING = re.compile(r"(?<![\w-])" + _alt(_CUMULATIVE["bringing_words"])
                       + r"\s+(?:[\w'’.-]+\s+){0,%d}?to\s*$" % _CUMULATIVE["bringing_reach"], re.I)
_BRINGING_WORD = _anywhere(_CUMULATIVE["bringing_words"])
_ENDS_IN_TO = re.compile(r"\bto\s*$")
_IN_SURFACE = _anywhere(_INCREMENT["in_surface"])
_STOCKS = frozenset(_INCREMENT["stock_categories"])
_BARRIER = barrier_regex(_LEX["barriers"])
_CLAUSE_REACH = 120  # a clause reaches this many characters either side of a figure at most
_PART_REACH = 200  # "Of these," reaches this far
_QUALIFIER_REACH = 24
# How far back a `before` phrase (and a qualifier after it) can start: the searches start there.
_BEFORE_REACH = 4 + max(len(p) for role in _ORDERED for p in _LEX[role].get("before", ()))
_BRINGING_REACH = 100

# Any word of any role: a sentence without one (nor "Of the ...," nor a further amount or a rate
# unit) is skipped. Searched in the sentence as numbers.lowered gives it, case-sensitive: a third
# faster than ignoring case, and it finds the same (the words are lower case, the length kept).
_GATE = _anywhere([phrase.lower() for table in (_RATE, _PER_UNIT, _PART, _CUMULATIVE) for key in (
    "after", "before", "clause", "clause_before", "clause_after", "bringing_words") for phrase in table.get(key, ())]
    + _INCREMENT["in_surface"], flags=0)


def roles(doc: DocumentContext) -> None:
    """Stage: each figure's role (in place)."""
    for _, sentence, figures in doc.sentences:
        if figures and (_GATE.search(lowered(sentence)) or _PART_CLAUSE.search(sentence) or any(_marked(m) for m in figures)):
            _assign(_Sentence(sentence), figures, doc.lex)


def _marked(fig: Mention) -> bool:
    """Whether a figure says its role in its own fields: a further amount, a unit "per" something."""
    return fig.change == "further" or (fig.unit is not None and " per " in fig.unit)


class _Sentence:
    """A sentence and where its clause-wide role words and barriers are, found once."""

    def __init__(self, s: str):
        self.s = s
        self.barriers = [(b.start(), b.end()) for b in _BARRIER.finditer(s)]
        self.cumulative = [(m.start(), m.end()) for m in _CUMULATIVE_CLAUSE.finditer(s)
                           if not _RANKED.search(s, max(0, m.start() - 40), m.start())]
        self.rates = [m.start() for m in _RATE_CLAUSE.finditer(s)]
        self.part_ends = [m.end() for m in _PART_CLAUSE.finditer(s)]
        self.bringing = [m.start() for m in _BRINGING_WORD.finditer(s)]

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """Where the clause of the span start..end begins and ends."""
        lo, hi = max(0, start - _CLAUSE_REACH), min(len(self.s), end + _CLAUSE_REACH)
        for b_start, b_end in self.barriers:
            if b_end <= start:
                lo = max(lo, b_end)
            elif b_start >= end:
                hi = min(hi, b_start)
                break
        return lo, hi


def _assign(sent: _Sentence, figures: list[Mention], lex: Lexicon) -> None:
    """The role of every figure in the sentence (derived figures keep "total")."""
    previous: Mention | None = None
    for fig in figures:
        if fig.derived:
            continue
        fig.role = _role(sent, fig, previous, lex)
        previous = fig


def _role(sent: _Sentence, fig: Mention, previous: Mention | None, lex: Lexicon) -> str:
    """The first role of PRECEDENCE that the words around ``fig`` (and its own fields) give it."""
    s = sent.s
    lo, hi = sent.clause(fig.start, fig.end)
    q = lex.qualifier_before_re.search(s, max(lo, fig.start - _QUALIFIER_REACH), fig.start)
    left_end = q.start() if q else fig.start  # the text before it, without a qualifier
    found = set()
    unit_role = _unit_role(fig)
    if unit_role:
        found.add(unit_role)
    after = _AFTER.match(s, fig.end)
    if after:
        found.add(after.lastgroup)
    before = _BEFORE.search(s, max(lo, left_end - _BEFORE_REACH), left_end)
    if before:
        found.add(before.lastgroup)
    if any(fig.end <= at < hi for at in sent.rates):
        found.add("rate")
    if "rate" in found or "per_unit" in found:
        return next(role for role in PRECEDENCE if role in found)
    if "part" in found or _is_part(sent, fig, previous):
        return "part"
    if "cumulative" in found or _is_cumulative(sent, fig, lo, hi, left_end):
        return "cumulative"
    if fig.category in _STOCKS and (fig.change == "further" or _IN_SURFACE.search(s, fig.start, fig.end)):
        return "increment"
    return "total"


def _unit_role(fig: Mention) -> str | None:
    """The role a unit "X per Y" gives: rate for a unit of time ("USD per day"), else per_unit."""
    if fig.unit is None or " per " not in fig.unit:
        return None
    return "rate" if fig.unit.rsplit(" ", 1)[-1] in _TIME_UNITS else "per_unit"


def _is_part(sent: _Sentence, fig: Mention, previous: Mention | None) -> bool:
    """ "Of these, 310 ..." before it in the sentence, or the next item of a list of parts
    ("including 4,000 children and 300 women")."""
    if any(fig.start - _PART_REACH <= end <= fig.start for end in sent.part_ends):
        return True
    return previous is not None and previous.role == "part" \
        and bool(_LIST_JOIN.fullmatch(sent.s, previous.end, fig.start))


def _is_cumulative(sent: _Sentence, fig: Mention, lo: int, hi: int, left_end: int) -> bool:
    """A cumulative word in its clause ("so far", "since"), or "bringing ... to" before it. A
    cumulative word after "bringing" is the brought total's ("an additional $800 million,
    bringing the total to $2 billion since 2021": the $800 million is no cumulative total)."""
    i = bisect_left(sent.bringing, fig.end)
    brought = sent.bringing[i] if i < len(sent.bringing) else hi
    if any(lo <= start and end <= fig.start or fig.end <= start and end <= min(hi, brought)
           for start, end in sent.cumulative):
        return True
    return bool(_ENDS_IN_TO.search(sent.s, max(0, left_end - 8), left_end)
                and _BRINGING.search(sent.s, max(lo, left_end - _BRINGING_REACH), left_end))
