"""How a figure relates to the others (``role``): a document stage (tracker.extract.document).
A part of another figure, an increment to a stock, a figure per unit, a rate, a cumulative total;
"total" (the Mention's default) where the text says none of these. Values: tracker.schema.ROLES.

The words are in lexicons/roles.toml. Each role is read by its own rule; when more than one
applies, the first of ``precedence`` there wins: rate > per_unit > part > cumulative > increment
(a rate or a figure per unit says most about what the number is; "including 300 since May" is a
part first). Money takes no increment: "another $300m package" is a new pledge, a total.
A sentence none of whose figures has a role word near it costs one search.

>>> from tracker import extract_figures
>>> extract_figures("Russia sent a further 14 battalions, each numbering about 800 troops.")["role"].tolist()
['increment', 'per_unit', 'total']
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tracker.extract import window
from tracker.extract.lexicon import alternation, read_toml
from tracker.extract.mention import Mention
from tracker.extract.subtypes import barrier_regex
from tracker.schema import ROLES

if TYPE_CHECKING:
    from tracker.extract.document import DocumentContext
    from tracker.extract.lexicon import Lexicon

_LEX = read_toml("roles.toml")
_RATE, _PER_UNIT, _PART, _CUMULATIVE, _INCREMENT = (
    _LEX["rate"], _LEX["per_unit"], _LEX["part"], _LEX["cumulative"], _LEX["increment"])
PRECEDENCE: tuple[str, ...] = tuple(_LEX["precedence"])
if set(PRECEDENCE) | {"total"} != set(ROLES) or len(PRECEDENCE) != len(ROLES) - 1:
    raise ValueError(f"roles.toml: precedence {PRECEDENCE} does not name every role of {ROLES} but total")


def _alt(phrases) -> str:
    return "(?:" + alternation(phrases) + ")"


def _after(phrases, not_after=()) -> re.Pattern:
    """One of ``phrases`` right after a figure (a bracket between at most), not followed by ``not_after``."""
    guard = r"(?!\s+" + _alt(not_after) + r"(?![\w-]))" if not_after else ""
    return re.compile(r"^[\s”\"’']*(?:\([^()]{0,40}\)\s*)?" + _alt(phrases) + r"(?![\w-])" + guard, re.I)


def _before(phrases) -> re.Pattern:
    """One of ``phrases`` right before a figure (a comma between at most)."""
    return re.compile(r"(?<![\w-])" + _alt(phrases) + r"\s*,?\s*$", re.I)


def _anywhere(phrases) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + _alt(phrases) + r"(?![\w-])", re.I)


_RATE_AFTER = _after(_RATE["after"], _RATE["not_after"])
_RATE_BEFORE = _before(_RATE["before"])
_RATE_CLAUSE = _anywhere(_RATE["clause_after"])
_TIME_UNITS = frozenset(_RATE["time_units"])
_PER_UNIT_AFTER = _after(_PER_UNIT["after"], _PER_UNIT["not_after"])
_PER_UNIT_BEFORE = _before(_PER_UNIT["before"])
_PART_AFTER = _after(_PART["after"])
_PART_BEFORE = _before(_PART["before"])
# "Of these, 310 ...", "Of the 497 towns, 300 ...": at the start of the sentence or of a clause,
# anywhere before the figure.
_PART_CLAUSE = re.compile(r"(?:^[\s\"“‘']*|[;:(]\s*)(?:" + _alt(_PART["clause_before"])
                          + r"|of\s+the\s+[^,;]{1,40}),", re.I)
# What joins the items of a list: "including 4,000 children and 300 women".
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|(?:and|or|as\s+well\s+as|plus)\s+)", re.I)
_CUMULATIVE_BEFORE = _before(_CUMULATIVE["before"])
_CUMULATIVE_CLAUSE = _anywhere(_CUMULATIVE["clause"])
_BRINGING = re.compile(r"(?<![\w-])" + _alt(_CUMULATIVE["bringing_words"])
                       + r"\s+(?:[\w'’.-]+\s+){0,%d}?to\s*$" % _CUMULATIVE["bringing_reach"], re.I)
_IN_SURFACE = _anywhere(_INCREMENT["in_surface"])
_STOCKS = frozenset(_INCREMENT["stock_categories"])
_BARRIER = barrier_regex(_LEX["barriers"])
_CLAUSE_REACH = 120

# Any word of any role: a sentence without one (nor "Of the ...," nor a further amount or a rate
# unit) is skipped.
_GATE = _anywhere([phrase for table in (_RATE, _PER_UNIT, _PART, _CUMULATIVE) for key in ("after", "before", "clause",
                   "clause_before", "clause_after", "bringing_words") for phrase in table.get(key, ())] + _INCREMENT["in_surface"])


def roles(doc: DocumentContext) -> None:
    """Stage: each figure's role (in place)."""
    for _, sentence, figures in doc.sentences:
        if figures and (_GATE.search(sentence) or _PART_CLAUSE.search(sentence) or any(_marked(m) for m in figures)):
            _assign(sentence, figures, doc.lex)


def _marked(fig: Mention) -> bool:
    """Whether a figure says its role in its own fields: a further amount, a unit "per" something."""
    return fig.change == "further" or (fig.unit is not None and " per " in fig.unit)


def _assign(s: str, figures: list[Mention], lex: Lexicon) -> None:
    """The role of every figure in sentence ``s`` (derived figures keep "total")."""
    previous: Mention | None = None
    for fig in figures:
        if fig.derived:
            continue
        left, right = _clause(s, fig, lex)
        found = _roles(s, fig, left, right)
        if previous is not None and previous.role == "part" and _LIST_JOIN.fullmatch(s[previous.end:fig.start]):
            found.add("part")
        fig.role = next((role for role in PRECEDENCE if role in found), "total")
        previous = fig


def _clause(s: str, fig: Mention, lex: Lexicon) -> tuple[str, str]:
    """The text of the figure's clause before it (without a qualifier just before it) and after it."""
    left = s[max(0, fig.start - _CLAUSE_REACH):fig.start]
    q = lex.qualifier_before_re.search(left)
    if q:
        left = left[:q.start()]
    cuts = [b.end() for b in _BARRIER.finditer(left)]
    if cuts:
        left = left[cuts[-1]:]
    right = s[fig.end:fig.end + _CLAUSE_REACH]
    cut = _BARRIER.search(right)
    return left, right[:cut.start()] if cut else right


def _sentence_so_far(s: str, fig: Mention) -> str:
    """The sentence before the figure, at most window.BEHIND characters; cut short, it starts
    with a mark so that it is not read as the sentence's start."""
    return window.behind(s, fig.start) if fig.start <= window.BEHIND else "\x00" + window.behind(s, fig.start)


def _roles(s: str, fig: Mention, left: str, right: str) -> set[str]:
    """Every role the words around ``fig`` (and its own fields) give it."""
    found = set()
    ahead = window.ahead(s, fig.end)
    if fig.unit is not None and " per " in fig.unit:
        found.add("rate" if fig.unit.rsplit(" ", 1)[-1] in _TIME_UNITS else "per_unit")
    if _RATE_AFTER.match(ahead) or _RATE_BEFORE.search(left) or _RATE_CLAUSE.search(right):
        found.add("rate")
    if _PER_UNIT_AFTER.match(ahead) or _PER_UNIT_BEFORE.search(left):
        found.add("per_unit")
    if _PART_AFTER.match(ahead) or _PART_BEFORE.search(left) or _PART_CLAUSE.search(_sentence_so_far(s, fig)):
        found.add("part")
    if _CUMULATIVE_BEFORE.search(left) or _BRINGING.search(left) or _CUMULATIVE_CLAUSE.search(left) \
            or _CUMULATIVE_CLAUSE.search(right):
        found.add("cumulative")
    if fig.category in _STOCKS and (fig.change == "further" or _IN_SURFACE.search(s, fig.start, fig.end)):
        found.add("increment")
    return found
