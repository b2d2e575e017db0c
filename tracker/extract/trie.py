"""Tries of literal phrases: as one regex (:func:`alternation`, for the lexicons' word lists),
and as a matcher of whole words (:class:`PhraseMatcher`, for the entity aliases, thousands of
them).

What :class:`PhraseMatcher` finds is what ``re.compile(r"(?<![\\w-])(?:" + alternation(phrases) + r")(?![\\w-])")`` finds, without the
regex: Python takes about 0.3 s to compile that regex for the entity lexicon's 5,000 forms, on
every start; the trie is built in a tenth of that. A space in a phrase matches any run of
whitespace; at each place the longest phrase followed by a word boundary wins; matches do not
overlap. Phrases that must follow "the" (``after_the``) match only after "the " or "The ", and
only where no other phrase does.

>>> matcher = PhraseMatcher(["US", "US officials", "Times"], after_the=["Times"])
>>> [m.group(0) for m in matcher.finditer("US  officials told the Times; US-made, Times Square")]
['US  officials', 'Times']
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_END = ""  # the key of a trie node that ends a phrase


def alternation(phrases) -> str:
    """A regex matching any of the literal phrases, longest first; a space matches any run of
    whitespace. Built as a trie ("tank|tanks|tanker" -> "tank(?:er|s)?"), which Python's regex
    engine runs far faster than a flat list of alternatives.

    >>> re.match(alternation(["up", "up to", "under"]), "up  to 5").group(0)
    'up  to'
    """
    trie: dict = {}
    for phrase in sorted({p for p in phrases if p}):
        _insert(trie, phrase)
    return _first_chars(trie) + _trie_regex(trie)[0]


def _first_chars(trie: dict) -> str:
    """A lookahead for the characters the phrases start with, where they start with more than
    one: the regex engine then passes every other place with one test. Without it, a
    case-insensitive regex tries each branch in turn (it can skip a branch on its first
    character only when that is matched case-sensitively), at every place it searches."""
    if len(trie) < 2:
        return ""
    return "(?=[" + "".join(r"\s" if c == " " else re.escape(c) for c in sorted(trie)) + "])"


def _insert(trie: dict, phrase: str) -> None:
    """Add a phrase to a trie: a node per character, ``_END`` under its last."""
    node = trie
    for char in phrase:
        node = node.setdefault(char, {})
    node[_END] = {}


def _trie_regex(node: dict) -> tuple[str, int]:
    """The regex of a trie node and the node's depth (its longest path, counting itself)."""
    chain = []  # a run of nodes with one child and no phrase ending is plain text
    while len(node) == 1 and _END not in node:
        (char, node), = node.items()
        chain.append(_piece(char))
    regex, depth = _branches(node)
    return "".join(chain) + regex, depth + len(chain)


def _piece(char: str) -> str:
    return r"\s+" if char == " " else re.escape(char)


def _branches(node: dict) -> tuple[str, int]:
    ends = _END in node
    children = {c: _trie_regex(child) for c, child in node.items() if c}
    depth = 1 + max([d for _, d in children.values()] + [1] * ends, default=0)
    branches = [_piece(char) + children[char][0] for char in sorted(children, key=lambda c: (-children[c][1], c))]
    if not branches:
        return "", depth
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        # Optional continuation: greedy, so the longest phrase wins ("up to" before "up").
        return (body + "?" if len(branches) == 1 and len(body) == len(branches[0]) and _single(branches[0])
                else "(?:" + "|".join(branches) + ")?"), depth
    return body, depth


def _single(piece: str) -> bool:
    r"""Whether "?" after ``piece`` makes it optional: one character, plain or escaped (not
    ``\s+``, which "?" would make lazy)."""
    return len(piece) == 1 or (len(piece) == 2 and piece[0] == "\\")


class PhraseMatch:
    """One phrase found: its span and the text as written (the API of a ``re.Match`` the
    extractor uses)."""

    __slots__ = ("_start", "_end", "_text")

    def __init__(self, text: str, start: int, end: int):
        self._text, self._start, self._end = text, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, index: int = 0) -> str:
        if index != 0:
            raise IndexError("a phrase match has only group 0")
        return self._text[self._start:self._end]

    def __repr__(self) -> str:
        return f"<PhraseMatch span=({self._start}, {self._end}) {self.group(0)!r}>"


_PREFIX = 4  # the characters of a phrase's start the regex of PhraseMatcher looks for


class PhraseMatcher:
    """The phrases, each a run of words separated by single spaces (anything else is refused,
    so that what it finds stays exactly what the regex would)."""

    def __init__(self, phrases: Iterable[str], after_the: Iterable[str] = ()):
        after_the = set(after_the)
        phrases = set(phrases) - after_the
        self._plain, self._after_the = _trie(phrases), _trie(after_the)
        # Where a phrase may start: a word's start, and its first four characters those of a
        # phrase; the regex engine finds these (a regex of a few thousand prefixes compiles in
        # tens of milliseconds), so the trie is walked only where a phrase may be. Four, not
        # two: a third as many places to walk from in news text, and a faster scan.
        prefixes = {p[:_PREFIX] for p in phrases | after_the}
        self._starts = re.compile(r"(?<![\w-])(?=" + alternation(prefixes) + ")") if prefixes \
            else re.compile(r"(?!)")

    def finditer(self, text: str) -> Iterator[PhraseMatch]:
        done = 0  # matches do not overlap
        for candidate in self._starts.finditer(text):
            start = candidate.start()
            if start < done:
                continue
            end = _longest(self._plain, text, start)
            if end is None and self._after_the and _after_the(text, start):
                end = _longest(self._after_the, text, start)
            if end is not None:
                done = end
                yield PhraseMatch(text, start, end)

    def search(self, text: str) -> PhraseMatch | None:
        return next(self.finditer(text), None)


def _trie(phrases: Iterable[str]) -> dict:
    root: dict = {}
    for phrase in phrases:
        if not phrase or " ".join(phrase.split()) != phrase:  # no other space, none at the ends, no two
            raise ValueError(f"a phrase is words separated by single spaces, not {phrase!r}")
        _insert(root, phrase)
    return root


def _longest(root: dict, text: str, start: int) -> int | None:
    """The end of the longest phrase of the trie written at ``start`` and followed by a word
    boundary (not a letter, digit, ``_`` or ``-``), or None."""
    node, at, size, best = root, start, len(text), None
    while True:
        if _END in node and (at == size or not _is_word(text[at])):
            best = at
        if at == size:
            return best
        char = text[at]
        if char.isspace():
            node = node.get(" ")
            if node is None:
                return best
            at += 1
            while at < size and text[at].isspace():  # a space matches any run of whitespace
                at += 1
            continue
        node = node.get(char)
        if node is None:
            return best
        at += 1


def _is_word(char: str) -> bool:
    return char.isalnum() or char in "_-"


def _after_the(text: str, start: int) -> bool:
    """Whether "the " or "The " stands right before ``start``, as a word of its own."""
    return start >= 4 and text[start - 4:start] in ("the ", "The ") and \
        (start == 4 or not (text[start - 5].isalnum() or text[start - 5] == "_"))
