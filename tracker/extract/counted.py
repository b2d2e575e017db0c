"""What a figure counts, read from its context: a document stage (tracker.extract.document).

The sentence stages read the unit written with a number. Where the counted noun is elsewhere,
this stage reads it from the context, in this order, each step on what the steps before gave:

1. **Bare numbers** (no unit) take what their context counts, the nearest of:
   - the figure a partitive names: "24 of the 240 hostages", "5,000 of them" (the figure before);
   - a counted noun before them in their clause: "the death toll rose to 3,381", "the injuries
     rose to 25,408", "total casualties are put at 240,000";
   - the figure before them in their sentence: "125 battalions, compared with the 60 there
     normally", "852 were damaged" after "15,051 units";
   - the last figure of the sentence before, when their sentence goes on with it: "Of these,
     2,635 were destroyed", "Another 30,000 gathered in Haifa";
   and "others" in a list count what the figure before them counts ("3 tanks and 2 others").
2. **Equipment units**: "units" and "pieces" of weapons or equipment, or in a passage that counts
   them so, are ``equipment unit``.
3. **Events**: a count of people takes the category of the nearest casualty, displacement or
   capture word in its sentence ("the deaths included 4,104 children", "were among the
   casualties", "freed from captivity" keeps hostages ``other_count``).
4. **Men under arms**: "5,000 men" that are no casualties, in a passage about troops or
   formations, are troops.
5. **Lists**: a figure of the same unit as the figure before it, with no verb between, takes
   its category ("lost 1,500 soldiers in the east, 900 soldiers in the south").

Only counts lend and take units (the categories that multiply into derived figures in
lexicons/categories.csv); money, percentages and measures keep what is written with them. The
words are data: lexicons/events.toml (event words, counted words, anaphoric openers).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tracker.extract.lazy import Lazy
from tracker.extract.lexicon import Lexicon
from tracker.extract.mention import Mention
from tracker.extract.words import is_verb_only, singular

if TYPE_CHECKING:
    from tracker.extract.document import DocumentContext

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_PARTITIVE_NEXT = re.compile(r"\s+of\s+(?:the|these|those|its|their|all(?:\s+the)?)(?:\s+[^\W\d_]+){0,2}\s*$", re.I)
_OF_THEM = re.compile(r"\s+of\s+(?:them|these|those|whom|which)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[;:]|\.\s")
_COMMA = re.compile(r"[,;]")
_COORDINATED = re.compile(r"\s+(?:and|or)\s+$")
_UNITS_OF = re.compile(r"\s+of\s+(?:[^\W\d_]+\s+){0,3}?(equipment|weapons|weaponry|hardware|vehicles|armou?r)\b", re.I)
#: How far back (characters) a counted noun may stand from the bare number it names.
_NOUN_REACH = 160
#: How far (characters) an event word may stand from the count of people it makes casualties.
_EVENT_REACH = 200
#: How far (characters) a capture word may stand from the troops it makes captives.
_CAPTURE_REACH = 30


def counted(doc: DocumentContext) -> None:
    """Stage: units and categories from context, sentence by sentence (in place)."""
    lex = doc.lex
    counts = lex.categories_with("derivable")
    previous: list[Mention] = []
    previous_text = ""
    for _, sentence, figures in doc.sentences:
        if figures:
            # The sentence's event words, read once for the two rules that may ask.
            events = Lazy(lambda s=sentence: list(lex.any_event_re.finditer(s)))
            _bare_numbers(sentence, figures, previous, lex, counts)
            _others(sentence, figures, counts)
            _equipment_units(sentence, figures, previous)
            _events(sentence, figures, lex, events)
            _men_under_arms(sentence, previous_text, figures, lex, events)
            _lists(sentence, figures, lex)
            previous = figures
        previous_text = sentence


# ---------------------------------------------------------------------------------------------
# 1. Bare numbers


def _is_bare(m: Mention) -> bool:
    return m.unit is None and m.category is None and not m.derived


def _lends(m: Mention, counts: frozenset) -> bool:
    return m.unit is not None and m.category in counts and not m.derived


def _bare_numbers(s: str, figures: list[Mention], previous: list[Mention], lex: Lexicon, counts) -> None:
    for i, fig in enumerate(figures):
        if not _is_bare(fig):
            continue
        found = _partitive(s, figures, i, previous, counts)
        if found is None:
            found = _nearest_before(s, figures, i, lex, counts)
        if found is None and i == 0 and _goes_on(s, fig, lex):
            found = next((m for m in reversed(previous) if _lends(m, counts)), None)
        if found is not None:
            fig.unit, fig.category, fig.people = found.unit, found.category, found.people


def _partitive(s: str, figures: list[Mention], i: int, previous: list[Mention], counts) -> Mention | None:
    """ "24 of the 240 hostages" -> the figure after; "5,000 of them" -> the figure before."""
    fig = figures[i]
    if i + 1 < len(figures) and _lends(figures[i + 1], counts) \
            and _PARTITIVE_NEXT.match(s[fig.end:figures[i + 1].start]):
        return figures[i + 1]
    if _OF_THEM.match(s, fig.end):
        before = [m for m in figures[:i] if _lends(m, counts)] or [m for m in previous if _lends(m, counts)]
        return before[-1] if before else None
    return None


def _nearest_before(s: str, figures: list[Mention], i: int, lex: Lexicon, counts) -> Mention | None:
    """The nearer of a counted noun before the number in its clause and the figure before it
    in its sentence."""
    fig = figures[i]
    before = next((m for m in reversed(figures[:i]) if _lends(m, counts)), None)
    since = max(0, fig.start - _NOUN_REACH, figures[i - 1].end if i else 0)
    noun = _counted_noun_before(s, since, fig.start, lex)
    if noun is not None and before is not None and _COORDINATED.fullmatch(s, before.end, noun[2]):
        noun = None  # "1,800 men and women ... a total of 2,000": the figure's own nouns
    if noun is not None and (before is None or noun[0] > before.end):
        unit, category, people = noun[1]
        return Mention(fig.start, fig.end, fig.value, unit=unit, category=category, people=people)
    if before is not None and not _CLAUSE_BREAK.search(s, before.end, fig.start):
        return before
    return None


def _counted_noun_before(s: str, since: int, until: int, lex: Lexicon):
    """(end, (unit, category, people), start) of the last counted noun in s[since:until], or None."""
    breaks = list(_CLAUSE_BREAK.finditer(s, since, until))
    if breaks:
        since = breaks[-1].end()
    found = None
    # Two-word counted phrases ("death toll") are read as their last word ("toll").
    for m in _WORD.finditer(s, since, until):
        what = _counted_word(m.group(0).lower(), lex)
        if what is not None:
            found = (m.end(), what, m.start())
    return found


def _counted_word(word: str, lex: Lexicon):
    """(unit, category, people) a word names as a thing counted, or None."""
    known = lex.counted_words.get(word)
    if known is not None:
        return known
    noun = lex.nouns.get(word) or lex.nouns.get(singular(word))
    if noun is not None and not noun.needs_context and (word != singular(word) or word in _PLURAL_AS_IS):
        return noun.unit, noun.category, noun.category in lex.categories_with("counts_people")
    person = lex.people.get(word)
    if person is not None and word != singular(word) or word in ("people", "personnel"):
        return (person or lex.default_people_unit), "other_count", True
    return None


_PLURAL_AS_IS = frozenset({"personnel", "aircraft", "servicemen", "special forces"})


def _goes_on(s: str, fig: Mention, lex: Lexicon) -> bool:
    """Whether a sentence whose first figure is ``fig`` goes on with what the one before counts:
    it opens with an anaphor ("Of these", "Another") or the number with "another", "more"."""
    head = s[:fig.start].strip().lower()
    return head == "" or any(head.startswith(w) for w in lex.anaphoric_openers) \
        or bool(lex.anaphoric_opener_re.search(head))


def _others(s: str, figures: list[Mention], counts: frozenset) -> None:
    """ "3 tanks and 2 others": "others" in a list count what the figure before them counts."""
    for before, fig in zip(figures, figures[1:]):
        if (fig.object or "").lower() == "others" and _lends(before, counts) \
                and _LIST_LINK.fullmatch(s, before.end, fig.start):
            fig.unit, fig.category, fig.people = before.unit, before.category, before.people


_LIST_LINK = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|or\s+)")


# ---------------------------------------------------------------------------------------------
# 2.-3. Equipment units, men under arms


def _equipment_units(s: str, figures: list[Mention], previous: list[Mention]) -> None:
    seen = any(m.unit == "equipment unit" for m in previous)
    for fig in figures:
        if fig.unit in ("unit", "piece") and (seen or _UNITS_OF.match(s, fig.end)):
            fig.unit = "equipment unit" if fig.unit == "unit" else "piece of equipment"
            fig.category = "equipment"
        seen = seen or fig.unit == "equipment unit"


def _men_under_arms(s: str, previous_text: str, figures: list[Mention], lex: Lexicon, events: Lazy) -> None:
    men = [m for m in figures if m.unit in ("man", "man and woman") and m.category == "other_count"]
    if not men:
        return
    if lex.armed_re.search(s) or lex.armed_re.search(previous_text):
        for m in men:
            if _nearest_event(s, m, events(), _CAPTURE_REACH) is None:
                m.unit, m.category = "troop", "personnel"  # not "took 300 men hostage"


# ---------------------------------------------------------------------------------------------
# 4.-5. Events and lists


def _events(s: str, figures: list[Mention], lex: Lexicon, events: Lazy) -> None:
    people = [m for m in figures if m.category == "other_count" and (m.people or m.unit in lex.people_units)
              or m.category == "personnel"]
    for fig in people:
        # Troops are casualties only by a word next to them (the units stage reads it), but
        # captured ("130 soldiers were captured", "captured 130 soldiers") they are captives.
        best = _nearest_event(s, fig, events(), _CAPTURE_REACH if fig.category == "personnel" else _EVENT_REACH)
        if best is None:
            continue
        word = re.sub(r"\s+", " ", best.group(1).lower())
        if fig.category == "personnel":
            if word in lex.capture_words:
                fig.category = "other_count"
        elif word in lex.casualty_words:
            fig.category = "casualties"
        elif word in lex.displacement_words:
            fig.category = "displaced"


def _nearest_event(s: str, fig: Mention, events: list[re.Match], reach: int) -> re.Match | None:
    """The event word nearest the figure within ``reach`` characters; one in the figure's own
    clause (no comma between) wins over a nearer one beyond it: "While 105 were released, 14
    persons ... were found dead"."""
    best, gap, in_clause = None, reach, False
    for m in events:
        if m.start() < fig.end and fig.start < m.end():
            continue
        before = m.end() <= fig.start
        d = fig.start - m.end() if before else m.start() - fig.end
        clause = not (_COMMA.search(s, m.end(), fig.start) if before else _COMMA.search(s, fig.end, m.start()))
        if d < reach and (clause and not in_clause or clause == in_clause and d < gap):
            best, gap, in_clause = m, d, clause
    return best


def _lists(s: str, figures: list[Mention], lex: Lexicon) -> None:
    for before, fig in zip(figures, figures[1:]):
        if fig.derived or before.derived or fig.unit != before.unit or fig.category == before.category:
            continue
        if before.category not in ("casualties", "displaced") or fig.category not in ("personnel", "other_count"):
            continue
        between = s[before.end:fig.start]
        if ";" in between or lex.any_event_re.search(between) or any(
                is_verb_only(w.group(0).lower()) for w in _WORD.finditer(between)):
            continue
        fig.category = before.category
