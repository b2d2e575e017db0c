"""How far before and after a number its rules look.

Every look is bounded so that the work per number does not grow with the sentence: a sentence
of "hundreds of" 4,000 times over is linear. The rules call :func:`behind` and :func:`ahead`
through this module (``window.behind(s, i)``), so that a test can count what they read.

>>> behind("Russia has 100,000 troops", 11), ahead("Russia has 100,000 troops", 19)
('Russia has ', 'troops')
"""
from __future__ import annotations

BEHIND = 200
AHEAD = 200


def behind(s: str, i: int) -> str:
    """The text just before ``s[i]`` (at most BEHIND characters)."""
    return s[max(0, i - BEHIND):i]


def ahead(s: str, i: int) -> str:
    """The text from ``s[i]`` on (at most AHEAD characters)."""
    return s[i:i + AHEAD]
