"""Whose troops, equipment, money or people a figure counts (its actor), within one sentence.

The figure's own noun phrase ("14 Russian battalions"), a possessive right before it ("Russia's
100,000 troops"), the subject of its clause ("Washington backed ..."), or the source speaking of
itself ("Poland said it would move 10,000 soldiers"). The actor words come from
lexicons/actors.csv (see tracker.extract.attribution.find_actor_mentions).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from tracker.extract.lazy import Lazy as _Lazy
from tracker.extract.attribution import Attribution, find_actor_mentions
from tracker.extract.lexicon import Lexicon
from tracker.extract.words import STOP, is_verb_only

_ACTOR_CATEGORIES = frozenset({"personnel", "military_unit", "equipment", "casualties", "displaced", "money"})
_PREPOSITION_BEFORE_ACTOR = re.compile(
    r"\b(?:to|with|from|against|into|towards|toward|near|in|on|inside|across|for|at|of)\s+(?:the\s+)?$", re.I
)
_WORD_AFTER = re.compile(r"\s+(?:(?:also|already|now|reportedly|then)\s+)?([a-z]+)\b")


def _verb_follows(s: str, end: int) -> bool:
    """A verb right after an actor makes it a clause's subject: "Canada will lend",
    "Washington backed"; not "Ukrainian loans" (a noun that could be a verb)."""
    m = _WORD_AFTER.match(s, end)
    return bool(m) and (m.group(1) in STOP and m.group(1) in _AUXILIARIES or is_verb_only(m.group(1)))


_AUXILIARIES = frozenset("has have had will would could may might is are was were does did".split())
_SUBORDINATE_BEFORE = re.compile(r"\b(?:after|when|since|because|as|while|if|before|until|once|although|though|"
                                 r"whereas|unless|that)\s+(?:the\s+)?$", re.I)


def assign_actors(s: str, figures: list, attribution: Attribution | None, lex: Lexicon) -> None:
    all_mentions = find_actor_mentions(s, lex)
    mentions = all_mentions
    if not mentions:
        return
    if attribution is not None:
        mentions = [m for m in mentions if not (attribution.start <= m[0] < attribution.end)]
    # What does not depend on the figure is read once per mention, and each figure looks only at
    # the mentions before it (by bisection), so that many figures and actors stay linear.
    ends = [end for _, end, _ in mentions]

    def read_subjects():
        free = [not _PREPOSITION_BEFORE_ACTOR.search(s[max(0, start - 20):start]) for start, _, _ in mentions]
        last_subject: list[int] = []  # index of the last subject among mentions[:i + 1], or -1
        for i, ((start, end, _), ok) in enumerate(zip(mentions, free)):
            is_subject = ok and _verb_follows(s, end) and not _SUBORDINATE_BEFORE.search(s[max(0, start - 25):start])
            last_subject.append(i if is_subject else (last_subject[-1] if last_subject else -1))
        return last_subject, next((i for i, ok in enumerate(free) if ok), None)

    subjects = _Lazy(read_subjects)  # (last_subject, first_free), read when a figure needs them
    by_start = _Lazy(lambda: {start: a for start, _, a in reversed(mentions)})
    pronoun = _Lazy(lambda: _SELF_PRONOUN.search(s, attribution.end) if attribution is not None else False)
    for fig in figures:
        if fig.category not in _ACTOR_CATEGORIES:
            continue
        head_start = fig.head_start
        # 1. In the figure's own noun phrase: "14 Russian battalions".
        at = bisect_left(mentions, (fig.start,))
        inside = [a for start, end, a in mentions[at:bisect_left(mentions, (fig.end,))]
                  if head_start is None or start >= head_start]
        if inside:
            fig.actor = inside[0]
            continue
        named = find_actor_mentions(fig.object, lex) if fig.object and head_start is None else []
        if named:  # "the number of Russian troops has risen to 148,000"
            fig.actor = named[0][2]
            continue
        n_before = bisect_right(ends, fig.start)  # mentions[:n_before] end before the figure
        # 2. Right before it, as a possessive: "Russia's 100,000 troops", "Nato's 40,000".
        if head_start is not None:
            near = [a for start, end, a in mentions[max(0, n_before - 3):n_before]
                    if fig.start - end <= 80 and _POSSESSIVE_GAP.fullmatch(s, end, fig.start)]
            if near:
                fig.actor = near[-1]
                continue
        # 3. The subject of the clause: the last actor before the figure that a verb follows
        #    ("Washington backed ...", "Canada will lend Ukraine ...") and that no subordinate
        #    clause ("after Russia annexed Crimea") or preposition holds; else the first actor
        #    that is not the object of a preposition ("the US offered Ukraine ... $1bn").
        if n_before:
            last_subject, first_free = subjects()
            if last_subject[n_before - 1] >= 0:
                fig.actor = mentions[last_subject[n_before - 1]][2]
                continue
            if first_free is not None and first_free < n_before:
                fig.actor = mentions[first_free][2]
                continue
        # 4. "Poland said it would move 10,000 soldiers": the source speaks of itself.
        if attribution is not None and pronoun() and pronoun().end() <= fig.start:
            own = [a for start, end, a in all_mentions if attribution.start <= start < attribution.end]
            if own:
                fig.actor = own[0]
                continue
        # 5. Money pledged by whoever announces it: "Germany announced a new €2.7bn package".
        if fig.category == "money" and attribution is not None and attribution.start == 0:
            own = [a for start, end, a in all_mentions if start < attribution.end]
            if own:
                fig.actor = own[0]
                continue
        if fig.category == "money":
            m = _FROM_AFTER.match(s, fig.end)
            if m and m.end() in by_start():
                fig.actor = by_start()[m.end()]


_SELF_PRONOUN = re.compile(r"\b(?:it|we|they)\b")
_POSSESSIVE_GAP = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}")
_FROM_AFTER = re.compile(r"[^.;]{0,60}?\bfrom\s+(?:the\s+)?")

