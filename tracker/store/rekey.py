"""When a document is extracted again: where each correction goes, and what changed in its figures.

Corrections are keyed by the figure's span. When re-extraction changes a span ("150,000" becomes
"more than 150,000 troops"), :func:`plan_moves` moves the correction to the new figure whose span
overlaps the old one most (ties: the nearest start, then the earlier one), among the figures of
the same kind (a derived figure's correction goes to a derived figure only). A correction that
no new figure overlaps is left where it was, "orphaned": kept, never deleted, and found again by
a later extraction that has a figure there. :func:`figure_changes` counts figures added, removed
and changed, matching them by span and kind.

>>> old = [{"start": 18, "end": 25, "derived": False}]
>>> new = [{"start": 8, "end": 32, "derived": False}, {"start": 40, "end": 46, "derived": False}]
>>> plan_moves([(1, 18, 25)], old, new).moved
{1: (8, 32)}
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

#: Columns not compared when telling whether a figure changed: its id follows from its span.
_NOT_COMPARED = frozenset({"figure_id", "id", "document_id"})

Span = tuple[int, int]


@dataclass(frozen=True)
class Moves:
    """Where the corrections of one document go: ``moved`` id -> new span; ``orphaned`` ids
    with no figure to apply to; ``kept`` ids whose span is still a figure's."""

    moved: dict[int, Span] = field(default_factory=dict)
    orphaned: tuple[int, ...] = ()
    kept: tuple[int, ...] = ()


@dataclass(frozen=True)
class Changes:
    """Figures added, removed and changed (matched by span and kind), and how often each column
    changed among the changed ones."""

    added: int = 0
    removed: int = 0
    changed: int = 0
    columns: dict[str, int] = field(default_factory=dict)


def overlap(a: Span, b: Span) -> int:
    """Characters two spans share (0 when they only touch or are apart).

    >>> overlap((0, 10), (5, 20)), overlap((0, 5), (5, 9))
    (5, 0)
    """
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def best_span(span: Span, candidates: Iterable[Span]) -> Span | None:
    """The candidate overlapping ``span`` most; ties go to the nearest start, then the earlier
    one. ``span`` itself when it is a candidate; None when none overlaps.

    >>> best_span((10, 20), [(0, 12), (15, 30), (40, 50)])
    (15, 30)
    >>> best_span((10, 20), [(5, 15), (15, 25)])  # 5 characters each; both start 5 away
    (5, 15)
    >>> best_span((10, 20), [(30, 40)]) is None
    True
    """
    best, best_key = None, None
    for candidate in candidates:
        if candidate == span:
            return candidate
        shared = overlap(span, candidate)
        if not shared:
            continue
        key = (-shared, abs(candidate[0] - span[0]), candidate[0], candidate[1])
        if best_key is None or key < best_key:
            best, best_key = candidate, key
    return best


def _kinds(figures: Iterable[Mapping]) -> dict[bool, set[Span]]:
    """The spans of the figures, by derived (True) or not (False)."""
    spans: dict[bool, set[Span]] = {False: set(), True: set()}
    for figure in figures:
        if figure.get("start") is not None and figure.get("end") is not None:
            spans[bool(figure.get("derived"))].add((int(figure["start"]), int(figure["end"])))
    return spans


def plan_moves(corrections: Iterable[tuple], old: Iterable[Mapping],
               new: Iterable[Mapping]) -> Moves:
    """Where each correction ``(id, start, end)`` or ``(id, start, end, field)`` goes when
    figures ``old`` become ``new``. With its field: a "not a figure" made on part of a new figure
    is left without one, and of several corrections of one field that land on one new figure
    only the one whose span it overlaps most moves; the others are left without a figure.

    A correction is of a derived figure when the old figures at its span are all derived; at a
    span no old figure has (orphaned before), it may go to a figure of either kind, a plain one
    first. Figures are mappings with ``start``, ``end`` and ``derived``.
    """
    before, after = _kinds(old), _kinds(new)
    target: dict[Span, Span | None] = {}
    moved, orphaned, kept = {}, [], []
    claims: dict[tuple, list] = defaultdict(list)  # (new span, field) -> ids of corrections
    spans: dict[int, Span] = {}
    for correction_id, start, end, *rest in corrections:
        span = spans[correction_id] = (int(start), int(end))
        if span not in target:
            target[span] = _target(span, before, after)
        to = target[span]
        if to is None or (rest and rest[0] == "not_a_figure" and _wider(to, span)):
            orphaned.append(correction_id)  # "not a figure" of a fragment is no verdict on the whole
            continue
        claims[(to, rest[0] if rest else None)].append(correction_id)
        if to == span:
            kept.append(correction_id)
        else:
            moved[correction_id] = to
    # Old figures that re-extraction joins into one bring a correction each: per field, the one
    # made on the span the new figure overlaps most stays (one already there first), and the
    # others are left without a figure rather than overriding it.
    for (to, name), ids in claims.items():
        if name is None or len({spans[i] for i in ids}) < 2:
            continue
        best = max(ids, key=lambda i: (spans[i] == to, overlap(spans[i], to), -abs(spans[i][0] - to[0])))
        for i in ids:
            if spans[i] != spans[best]:
                moved.pop(i, None)
                if i in kept:
                    kept.remove(i)
                orphaned.append(i)
    return Moves(moved, tuple(sorted(orphaned)), tuple(kept))


def _wider(new: Span, old: Span) -> bool:
    return new[0] <= old[0] and old[1] <= new[1] and new != old


def _target(span: Span, before: dict[bool, set[Span]], after: dict[bool, set[Span]]) -> Span | None:
    if span in before[False]:
        kinds = (False,)
    elif span in before[True]:
        kinds = (True,)
    else:
        kinds = (False, True)
    for kind in kinds:
        found = best_span(span, sorted(after[kind]))
        if found is not None:
            return found
    return None


def figure_changes(old: Iterable[Mapping], new: Iterable[Mapping]) -> Changes:
    """Figures added, removed and changed from ``old`` to ``new`` (rows of the same columns,
    values as :func:`tracker.schema.coerce_row` gives them), matched by (start, end, derived);
    two figures with one span and kind are matched in order.

    >>> a = {"start": 0, "end": 5, "derived": False, "value": 5.0, "role": None}
    >>> figure_changes([a], [{**a, "role": "total"}, {**a, "start": 9, "end": 12}])
    Changes(added=1, removed=0, changed=1, columns={'role': 1})
    """
    def grouped(rows):
        groups = defaultdict(list)
        for row in rows:
            groups[(row.get("start"), row.get("end"), bool(row.get("derived")))].append(row)
        return groups

    before, after = grouped(old), grouped(new)
    added = removed = changed = 0
    columns: Counter[str] = Counter()
    for key in before.keys() | after.keys():
        was, now = before.get(key, []), after.get(key, [])
        removed += max(0, len(was) - len(now))
        added += max(0, len(now) - len(was))
        for a, b in zip(was, now):
            differ = [name for name in a.keys() | b.keys()
                      if name not in _NOT_COMPARED and a.get(name) != b.get(name)]
            if differ:
                changed += 1
                columns.update(differ)
    return Changes(added, removed, changed, dict(sorted(columns.items())))
