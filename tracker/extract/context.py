"""What a stage knows of its sentence: a :class:`SentenceContext`.

One is made per sentence and handed to every stage (tracker.extract.stages). It holds the
sentence's text and the lexicon, and facts about the sentence that only some figures need, each
read on first use and then kept (:class:`tracker.extract.lazy.Lazy`): a stage asks
``ctx.military()``, and the sentence is searched for military words once, or never.

A stage that needs another fact of the sentence adds it here as a Lazy attribute, so that the
stages that ask share one reading of it. ``start`` (where the sentence starts in its document)
and ``previous`` (the context of the sentence before, for rules that carry over from it, as
attribution does) are there for the stages that run over a whole document; a lone sentence has
0 and None.
"""
from __future__ import annotations

from tracker.extract.lazy import Lazy
from tracker.extract.lexicon import Lexicon


class SentenceContext:
    """One sentence as the stages see it: text, lexicon and lazily read facts."""

    __slots__ = ("text", "lex", "start", "previous", "military")

    def __init__(self, text: str, lex: Lexicon, *, start: int = 0, previous: SentenceContext | None = None):
        self.text = text
        self.lex = lex
        self.start = start
        self.previous = previous
        #: Whether the sentence is about the military: "the units" are military units only there.
        self.military = Lazy(lambda: bool(lex.military_context_re.search(text)))

    def __repr__(self) -> str:
        return f"SentenceContext({self.text!r})"
