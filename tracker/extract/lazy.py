"""A value computed on first use (rules read what a sentence needs only when a figure asks)."""
from __future__ import annotations


class Lazy:
    """A value computed on first use, once, even when it is None or False: whether a sentence
    is about the military, the pronoun that starts its clause."""

    _NOT_YET = object()

    def __init__(self, compute):
        self._compute, self._value = compute, self._NOT_YET

    def __call__(self):
        if self._value is self._NOT_YET:
            self._value = self._compute()
        return self._value
