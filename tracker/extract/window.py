"""How far before and after a number its rules look.

Every look is bounded so that the work per number does not grow with the sentence: a sentence
of "hundreds of" 4,000 times over is linear. The rules call :func:`behind` and :func:`ahead`
through this module (``window.behind(s, i)``), so that a test can count what they read.

>>> behind("Russia has 100,000 troops", 11), ahead("Russia has 100,000 troops", 19)
('Russia has ', 'troops')
"""
from __future__ import annotations

import re

BEHIND = 200
AHEAD = 200


def behind(s: str, i: int) -> str:
    """The text just before ``s[i]`` (at most BEHIND characters)."""
    return s[max(0, i - BEHIND):i]


def ahead(s: str, i: int) -> str:
    """The text from ``s[i]`` on (at most AHEAD characters)."""
    return s[i:i + AHEAD]


# The run of letters a text ends with, read on the text reversed: a regex anchored at the end
# ("([^\W\d_]+)\W*$") is tried at every letter of the window, and backtracks through each word.
_LAST_WORD = {False: re.compile(r"\W*([^\W\d_]+)"), True: re.compile(r"\s+([^\W\d_]+)")}


def word_behind(s: str, i: int, *, spaced: bool = False) -> str | None:
    r"""The last run of letters before ``s[i]`` (within BEHIND) with nothing but non-word
    characters between it and ``s[i]`` (``spaced``: nothing but whitespace, and some), or None:
    the group of ``re.search(r"([^\W\d_]+)\W*$", behind(s, i))`` (``\s+$``), found without
    scanning the window.

    >>> word_behind("the number rose to 2,000", 19), word_behind("in 2014", 3, spaced=True)
    ('to', 'in')
    """
    m = _LAST_WORD[spaced].match(behind(s, i)[::-1])
    return m.group(1)[::-1] if m else None
