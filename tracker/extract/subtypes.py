"""What exactly a figure counts within its category (``subtype``): a document stage
(tracker.extract.document). Killed or wounded, a loan or a grant, destroyed or delivered: the
values are tracker.schema.SUBTYPES; null where the text says nothing more.

The words are in lexicons/subtypes.toml, by category. A figure takes the subtype of the word
nearest to it in its clause (inside its surface counts as nearest; on a tie, the word after it:
"lost 300 troops killed or wounded"), so that "killed 5 and wounded 20" gives each its own. A
money figure reads its object first ("a $300m military aid package"). A sentence with no figure of
a category in SUBTYPES, or none of that category's words, costs one search at most.

>>> from tracker import extract_figures
>>> extract_figures("The raid killed 5 soldiers and wounded 20 civilians.")["subtype"].tolist()
['killed', 'wounded']
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from tracker.extract.lexicon import alternation, read_toml
from tracker.extract.mention import Mention
from tracker.schema import SUBTYPES

if TYPE_CHECKING:
    from tracker.extract.document import DocumentContext

_NONE = "none"  # the key of phrases that match but set no subtype ("budget deficit")


def _word_regex(phrases) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + alternation(phrases) + r")(?![\w-])", re.I)


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _load() -> tuple[dict[str, tuple[re.Pattern, dict[str, str | None]]], int, re.Pattern]:
    """subtypes.toml as, per category, its word regex and word -> subtype; the reach; the barriers."""
    data = read_toml("subtypes.toml")
    tables = {}
    for category, allowed in SUBTYPES.items():
        words: dict[str, str | None] = {}
        for subtype, phrases in data[category].items():
            if subtype != _NONE and subtype not in allowed:
                raise ValueError(f"subtypes.toml: {category}: unknown subtype {subtype!r}")
            for phrase in phrases:
                if words.get(_key(phrase), subtype) != subtype:
                    raise ValueError(f"subtypes.toml: {category}: {phrase!r} has two subtypes")
                words[_key(phrase)] = None if subtype == _NONE else subtype
        tables[category] = (_word_regex(words), words)
    reach = data["reach"]
    return tables, reach["characters"], barrier_regex(reach["barriers"])


def barrier_regex(barriers) -> re.Pattern:
    """What ends a clause: word barriers as whole words, punctuation as written."""
    words = [b for b in barriers if b.strip().isalpha()]
    marks = [b for b in barriers if not b.strip().isalpha()]
    return re.compile("|".join([r"(?<![\w-])(?:" + alternation(words) + r")(?![\w-])"] * bool(words)
                               + [re.escape(b) for b in marks]), re.I)


_TABLES, _REACH, _BARRIER = _load()
#: Only a verb's auxiliaries between a figure and the word after it: the word is its predicate.
_PREDICATE_GAP = re.compile(
    r"(?:\s+(?:were|was|are|is|have|has|had|been|being|be|still|reportedly|also|now|later|remain|remained|left))*\s+",
    re.I)
#: Longer than any subtype phrase: how far before its end a word within reach may start.
_LONGEST_WORD = 60


def subtypes(doc: DocumentContext) -> None:
    """Stage: each figure's subtype (in place)."""
    for _, sentence, figures in doc.sentences:
        wanted = {m.category for m in figures if m.category in _TABLES and not m.derived}
        for category in wanted:
            _assign(sentence, [m for m in figures if m.category == category and not m.derived], category)


def _assign(s: str, figures: list[Mention], category: str) -> None:
    """The subtype of every figure of ``category`` in sentence ``s``."""
    regex, words = _TABLES[category]
    found = [(w.start(), w.end(), words[_key(w.group(0))]) for w in regex.finditer(s)]
    if not found and category != "money":
        return
    barriers = [b.start() for b in _BARRIER.finditer(s)] if found else []
    for fig in figures:
        if fig.subtype is not None:
            continue
        if category == "money" and fig.object:
            own = regex.search(fig.object)
            if own:
                fig.subtype = words[_key(own.group(0))]
                continue
        fig.subtype = _nearest(fig, found, barriers, s)


def _nearest(fig: Mention, found: list[tuple[int, int, str | None]], barriers: list[int], s: str = "") -> str | None:
    """The subtype of the word nearest ``fig`` within reach, no barrier between; None if none.
    ``found`` and ``barriers`` are in order of start: only the words within reach are looked
    at, found by bisection, so that a sentence of many figures stays linear."""
    best, best_key = None, None
    lo = bisect_left(found, (fig.start - _REACH - _LONGEST_WORD,))
    hi = bisect_right(found, (fig.end + _REACH + 1,))
    for start, end, subtype in found[lo:hi]:
        if end <= fig.start:
            distance, side, gap = fig.start - end, 1, (end, fig.start)
        elif start >= fig.end:
            distance, side, gap = start - fig.end, 0, (fig.end, start)
            if _PREDICATE_GAP.fullmatch(s, fig.end, start):
                distance = 0  # the figure's own predicate: "350 are still unaccounted for"
        else:
            distance, side, gap = 0, 0, None
        if distance > _REACH or (gap and bisect_left(barriers, gap[0]) < bisect_left(barriers, gap[1])):
            continue
        if best_key is None or (distance, side) < best_key:
            best, best_key = subtype, (distance, side)
    return best
