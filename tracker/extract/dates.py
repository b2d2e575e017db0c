"""The date a figure refers to (``as_of``, ``as_of_precision``, ``as_of_text``): a document stage
(tracker.extract.document).

``as_of`` is when the figure was true, as an ISO date: the day ("2024-03-12", precision "day"),
the first of the month ("2024-03-01", "month") or of the year ("2024-01-01", "year");
``as_of_text`` is the date phrase as the sentence writes it, with its anchor word ("as of 12
March", "on Tuesday", "last week"). The phrases and their words are in lexicons/dates.toml.

Forms read: a day and month, with or without a year ("12 March", "March 12, 2024", "Feb. 24");
a month and year ("November 2021", "mid-March 2022"); a month or a year alone after an anchor
("in mid-March", "by the end of 2023"); a weekday ("on Tuesday": the latest such day on or
before ``published``; "last Tuesday": the one before); relative phrases ("yesterday", "last
week", "earlier this month", "last year"); "<n> days/weeks/months/years ago".

Choices:
- A date without a year takes the year of ``published``, or the year before when that would be
  after ``published``. Phrases that need ``published`` (no year, weekdays, relative, "ago") give
  nothing when it is unknown: all three columns stay null rather than keeping a text no one can
  place. A date with a year needs no ``published``.
- A date after ``published`` is dropped: as_of is when a figure was true, so a target ("300,000
  troops by 2026") is not one. A "by" date in a clause with a future word ("plans", "will") is
  dropped too, for articles without ``published``.
- Some dates are found but set no as_of: the start or end of a period ("since February 2022",
  "from 1 March to 12 March": the cumulative role is read elsewhere), a period itself ("in 2014
  and 2015", "in 2014-15"), or the start of a war ("the invasion that began on 24 February").
  They still count as dates of their figures, so a figure next to one stays null instead of
  taking a date further away.
- A date in an aside about a noun ("in Crimea, annexed from Ukraine in 2014", "..., which
  Moscow seized in 2014", "..., up from 100,000 on 30 January") dates only the figures in that
  aside; an aside opens after a comma with a relative word, a past participle or a word of
  comparison, and ends at the next comma or the sentence's end.
  An aside that dates a report or a speech ("The survey, published on Monday, ...") is none.
- "last week" is published minus seven days, precision day, as "a week ago" is.
- Scope is the sentence, never the next one. With one date, every figure of the sentence takes
  it. With several, the sentence splits into clauses (lexicon ``clause_breaks``: ";", ", and",
  ", while", ...) and each figure takes, in its clause: the first date after it with no comma
  between ("500 on Monday and 300 on Tuesday"), unless that date is put at the front of what
  follows ("... and on Tuesday 300"); else the nearest date before it; else the first after it.
  A figure whose clause has no date takes a date that opens the sentence ("As of 12 March, ..."),
  else none.

No dateparser: the phrases are matched by one regular expression that already gives the day,
month and year, so resolving them is a few lines of date arithmetic (microseconds, where
dateparser costs 0.2 s to import, 0.4 s on its first call and 1-5 ms a phrase, and does not read
"earlier this month" or "in mid-March"). Sentences without a month, weekday, year or relative
word cost one search of a precompiled gate.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from tracker.extract.lexicon import alternation, read_toml
from tracker.extract.words import is_past_participle

if TYPE_CHECKING:
    from tracker.extract.document import DocumentContext
    from tracker.extract.mention import Mention

_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_YEAR = r"(?:19|20)\d\d(?!\d)"


@dataclass(frozen=True)
class DatePhrase:
    """A date phrase of a sentence; ``as_of`` None when it sets no date (blocked, unresolved)."""

    start: int
    end: int
    as_of: str | None
    precision: str | None
    fronted: bool  # put at the front of what follows it ("On Monday, ...", "and on Monday 300")
    aside: tuple[int, int] | None = None  # the aside it stands in (", annexed in 2014"): it dates only figures there


@dataclass(frozen=True)
class _Rules:
    gate: re.Pattern
    phrase: re.Pattern
    names: re.Pattern
    blocked_before: re.Pattern
    blocked_in_stretch: re.Pattern
    future: re.Pattern
    clause_break: re.Pattern
    fronting_words: frozenset[str]
    period: re.Pattern  # after a year or a month: joined to another, a period ("and 2015")
    aside_word: re.Pattern  # the word that opens what follows a comma
    aside_opener: re.Pattern  # the words that open an aside
    aside_dating: re.Pattern
    months: dict[str, int]  # lower-case name or abbreviation -> 1..12
    weekdays: dict[str, int]  # lower-case name -> date.weekday()
    relative: dict[str, tuple[str, int, str]]  # lower-case phrase -> (shift, by, precision)
    ago_numbers: dict[str, int]
    ago_units: dict[str, str]


def _cased(phrases) -> str:
    """A regex of the phrases as written and with a capital first letter (they may open a
    sentence): case-sensitive, which Python's regex engine runs faster than IGNORECASE."""
    return "(?:" + alternation({f for p in phrases for f in (p, p[:1].upper() + p[1:])}) + ")"


def _words(phrases) -> str:
    return r"(?<![\w-])(?:" + alternation(phrases) + r")(?![\w-])"


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """dates.toml (and the number words of numbers.toml) as regular expressions and tables."""
    data = read_toml("dates.toml")
    full = {name.capitalize(): n for name, n in data["months"].items()}
    short = {name.capitalize(): n for name, n in data["month_abbreviations"].items()}
    weekdays = [w.capitalize() for w in data["weekdays"]]
    relative = {p.lower(): (r["shift"], r["by"], r["precision"]) for p, r in data["relative"].items()}
    ago_numbers = {w: int(n) for w, n in read_toml("numbers.toml")["units"].items()}
    ago_numbers.update({w: 1 for w in data["ago_articles"]})

    month_any = r"(?:" + alternation(full) + "|" + alternation(short) + r"\.?)(?![A-Za-z])"
    month_full = r"(?:" + alternation(full) + r")(?![A-Za-z])"
    part = r"(?:" + _cased(data["part_words"]) + r"[\s-]+)?"
    anchor = _cased(data["anchors"]) + r"\s+"
    ordinal = r"(?:st|nd|rd|th)?(?!\d)"
    forms = [
        rf"(?P<dm_d>{_DAY}){ordinal}(?:\s+of)?\s+(?P<dm_m>{month_any})(?:,?\s*(?P<dm_y>{_YEAR}))?",
        rf"(?P<md_m>{month_any})\s+(?P<md_d>{_DAY}){ordinal}(?:,?\s*(?P<md_y>{_YEAR}))?",
        rf"{part}(?P<my_m>{month_any}),?\s+(?P<my_y>{_YEAR})",
        rf"(?:(?P<wd_rel>{_cased(['last', 'this'])})\s+)?(?P<wd>{alternation(weekdays)})(?![A-Za-z])",
    ]
    anchored = [rf"{part}(?P<mo_m>{month_full})(?!\s*\d)", rf"{part}(?P<yo_y>{_YEAR})"]
    ago = (r"(?P<ago_n>\d{1,3}|" + _cased(ago_numbers) + r")\s+(?P<ago_u>"
           + alternation(data["ago_units"]) + r")s?\s+ago\b")
    # At a word's start only: the look behind is tried once there, not once for each form.
    phrase = (rf"(?<![\w-])(?:(?P<anchor>{anchor})?(?:" + "|".join(forms) + ")"
              + rf"|(?P<anchor2>{anchor})(?:" + "|".join(anchored) + ")"
              + r"|(?<!the )(?<!past )(?P<rel>" + _cased(relative) + r")(?![\w-])"
              + r"|" + ago + ")")
    words = [j for j in data["period_joiners"] if j.isalpha()]
    marks = "".join(re.escape(j) for j in data["period_joiners"] if not j.isalpha())
    period = (rf"\s+(?:{alternation(words)})\s+(?:{part})?(?:{_YEAR}|{month_full})"
              rf"|\s*[{marks}]\s*(?:{part})?(?:{_YEAR}|{month_full})|[{marks}]\d\d(?!\d|[.,]\d)")
    dating = [*data["aside_dating_words"], *read_toml("attribution.toml")["reporting_verbs"]]
    # One trie of every word a phrase must contain, case as matched, or a year's first digits.
    gate = _cased([*full, *short, *weekdays, *relative, "ago"]) + r"|(?:19|20)\d\d"
    return _Rules(
        gate=re.compile(gate),
        phrase=re.compile(phrase),
        names=re.compile(_words(data["weekday_names"])),
        blocked_before=re.compile(r"(?<![\w-])(?:" + alternation(data["blocked_before"]) + r")\s+(?:the\s+)?$", re.I),
        blocked_in_stretch=re.compile(_words(data["blocked_in_stretch"]), re.I),
        future=re.compile(_words(data["future_words"]), re.I),
        clause_break=re.compile("|".join(re.escape(b) for b in data["clause_breaks"])),
        fronting_words=frozenset(data["fronting_words"]),
        period=re.compile(period),
        aside_word=re.compile(r"\s+(?:[a-z]+ly\s+)?([A-Za-z]+)\b"),
        aside_opener=re.compile(r"\s+(?:" + alternation(data["aside_openers"]) + r")\b", re.I),
        aside_dating=re.compile(_words(dating), re.I),
        months={name.lower(): n for name, n in {**full, **short}.items()},
        weekdays={w.lower(): i for i, w in enumerate(weekdays)},
        relative=relative,
        ago_numbers=ago_numbers,
        ago_units=dict(data["ago_units"]),
    )


def dates(doc: DocumentContext) -> None:
    """Stage: each figure's as_of, as_of_precision and as_of_text (in place)."""
    rules = _rules()
    published = published_date(doc.published)
    for _, sentence, figures in doc.sentences:
        if figures and rules.gate.search(sentence):
            assign_dates(sentence, figures, find_dates(sentence, published))


def published_date(published) -> date | None:
    """The article's date from an ISO string (a time after the date is ignored); None if not one."""
    if published is None:
        return None
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def find_dates(sentence: str, published: date | None) -> list[DatePhrase]:
    """The date phrases of a sentence, in order, each resolved (or None) against ``published``."""
    rules = _rules()
    names = [m.span() for m in rules.names.finditer(sentence)]
    breaks = _clause_breaks(sentence)
    found = []
    for m in rules.phrase.finditer(sentence):
        if any(s < m.end() and m.start() < e for s, e in names):
            continue
        clause = _clause_of(breaks, sentence, m.start())
        resolved = None if _blocked(sentence, m.start()) else _resolve(m, published)
        if resolved and (_is_target(m, clause) or resolved[1] != "day" and rules.period.match(sentence, m.end())):
            resolved = None  # a target ("by 2026 ... will"), a period ("in 2014 and 2015")
        as_of, precision = resolved or (None, None)
        found.append(DatePhrase(m.start(), m.end(), as_of, precision, _fronted(sentence, breaks, m.start()),
                                _aside(sentence, m.start(), m.end())))
    return found


_ASIDE_END = re.compile(r",\s|[;:()]|\s[-–—]\s")


def _aside(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """The aside (from its comma to the next one, or the end) that the date from ``start`` to
    ``end`` stands in, if it stands in one (module docstring)."""
    rules = _rules()
    comma = sentence.rfind(", ", max(0, start - _STRETCH), start)  # not the comma of "100,000"
    if comma < 0 or any(c in sentence[comma:start] for c in ";:()"):
        return None
    m = rules.aside_word.match(sentence, comma + 1, start)
    if m is None or not (rules.aside_opener.match(sentence, comma + 1, start) or is_past_participle(m.group(1))):
        return None
    stop = _ASIDE_END.search(sentence, end)
    stop = stop.start() if stop else len(sentence)
    return None if rules.aside_dating.search(sentence, comma, stop) else (comma, stop)


_STRETCH = 200  # characters before a date read for what blocks it


def _blocked(sentence: str, start: int) -> bool:
    """Whether the date at ``start`` begins or ends a period rather than dating a figure."""
    rules = _rules()
    before = sentence[max(0, start - _STRETCH):start]  # bounded: many dates in one sentence stay linear
    if rules.blocked_before.search(before[-40:]):
        return True
    stretch = before[max(before.rfind(c) for c in ",;:(") + 1:]
    return bool(rules.blocked_in_stretch.search(stretch))


def _is_target(m: re.Match, clause: str) -> bool:
    """A "by" date in a clause that speaks of the future ("aims to ... by 2026")."""
    anchor = m.group("anchor") or m.group("anchor2") or ""
    return anchor.lower().startswith("by") and bool(_rules().future.search(clause))


def _resolve(m: re.Match, published: date | None) -> tuple[str, str] | None:
    """(ISO as_of, precision) of a matched phrase; None if it cannot be placed or is after published."""
    try:
        found = _date_of(m.groupdict(), published)
    except ValueError:  # "31 February"
        return None
    if found is None or (published is not None and found[0] > published):
        return None
    return found[0].isoformat(), found[1]


def _date_of(g: dict, published: date | None) -> tuple[date, str] | None:
    """The first day of what the phrase names, and its precision."""
    rules = _rules()
    for kind in ("dm", "md"):
        if g[kind + "_d"]:
            month, day = rules.months[g[kind + "_m"].rstrip(".").lower()], int(g[kind + "_d"])
            if g[kind + "_y"]:
                return date(int(g[kind + "_y"]), month, day), "day"
            return (_latest(published, month, day), "day") if published else None
    if g["my_m"]:
        return date(int(g["my_y"]), rules.months[g["my_m"].rstrip(".").lower()], 1), "month"
    if g["yo_y"]:
        return date(int(g["yo_y"]), 1, 1), "year"
    if published is None:
        return None
    if g["mo_m"]:
        return _latest(published, rules.months[g["mo_m"].lower()], 1), "month"
    if g["wd"]:
        back = (published.weekday() - rules.weekdays[g["wd"].lower()]) % 7
        last = (g["wd_rel"] or "").lower() == "last"
        return published - timedelta(days=back or 7 * last), "day"
    if g["rel"]:
        shift, by, precision = rules.relative[" ".join(g["rel"].lower().split())]
        return _truncate(published + relativedelta(**{shift: by}), precision), precision
    count = int(g["ago_n"]) if g["ago_n"].isdigit() else rules.ago_numbers[g["ago_n"].lower()]
    unit = g["ago_u"].lower()
    precision = rules.ago_units[unit]
    moved = published - (relativedelta(months=count) if unit == "month" else relativedelta(years=count)
                         if unit == "year" else timedelta(days=count * (7 if unit == "week" else 1)))
    return _truncate(moved, precision), precision


def _latest(published: date, month: int, day: int) -> date:
    """The day-month in the year of published, or the latest year before it that is not later
    than published and has that day (29 February)."""
    for year in range(published.year, published.year - 8, -1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found <= published:
            return found
    raise ValueError(f"no {day}/{month} before {published}")


def _truncate(day: date, precision: str) -> date:
    if precision == "year":
        return day.replace(month=1, day=1)
    return day.replace(day=1) if precision == "month" else day


def _clause_breaks(sentence: str) -> list[int]:
    """Where each clause after the first starts."""
    return [m.end() for m in _rules().clause_break.finditer(sentence)]


def _clause_of(breaks: list[int], sentence: str, offset: int) -> str:
    i = bisect_right(breaks, offset)
    start = breaks[i - 1] if i else 0
    end = breaks[i] if i < len(breaks) else len(sentence)
    return sentence[start:end]


def _fronted(sentence: str, breaks: list[int], start: int) -> bool:
    """Whether nothing but punctuation stands between the last clause start or comma and the
    date, or a fronting word ("and") stands right before it."""
    i = bisect_right(breaks, start)
    before = sentence[breaks[i - 1] if i else 0:start]
    before = before[before.rfind(",") + 1:]
    words = re.findall(r"[\w']+", before)
    return not words or words[-1].lower() in _rules().fronting_words


def assign_dates(sentence: str, figures: list[Mention], found: list[DatePhrase]) -> None:
    """Give each figure the date phrase that scopes it (module docstring: "Scope"): the dates of
    an aside to the figures in it, the others to the rest."""
    if not found:
        return
    asides = sorted({d.aside for d in found if d.aside is not None})
    if not asides:
        _assign(sentence, figures, found)
        return
    starts = [a[0] for a in asides]
    figures_of: dict = {span: [] for span in [None, *asides]}
    dates_of: dict = {span: [] for span in [None, *asides]}
    for fig in figures:
        i = bisect_right(starts, fig.start) - 1
        figures_of[asides[i] if i >= 0 and fig.start < asides[i][1] else None].append(fig)
    for d in found:
        dates_of[d.aside].append(d)
    for span, own in figures_of.items():
        _assign(sentence, own, dates_of[span])


def _assign(sentence: str, figures: list[Mention], found: list[DatePhrase]) -> None:
    """assign_dates within one scope: the dates of one aside, or those of no aside."""
    if not found or not figures:
        return
    if len(found) == 1:
        for fig in figures:
            _set(fig, sentence, found[0])
        return
    breaks = _clause_breaks(sentence)
    opening = found[0] if not sentence[:found[0].start].strip(" \"'“‘(") else None
    by_clause: dict[int, list[DatePhrase]] = {}
    for d in found:  # in order of start, so each clause's list is too
        by_clause.setdefault(bisect_right(breaks, d.start), []).append(d)
    starts = {k: [d.start for d in v] for k, v in by_clause.items()}
    for fig in figures:
        clause = bisect_right(breaks, fig.start)
        _set(fig, sentence, _date_for(sentence, fig, by_clause.get(clause, []), starts.get(clause, [])) or opening)


def _date_for(sentence: str, fig: Mention, own: list[DatePhrase], starts: list[int]) -> DatePhrase | None:
    """The date phrase of ``fig``'s own clause (``own``, with their ``starts``) that scopes it,
    or None if its clause has none: the first after it with no comma between, else the last
    before it, else the first after it. Found by bisection, so many dates stay linear."""
    i = bisect_left(starts, fig.end)  # own[i:] start at or after the figure's end
    after = own[i] if i < len(own) else None
    j = i
    while j > 0 and own[j - 1].end > fig.start:
        j -= 1  # phrases that overlap the figure are neither before nor after it
    before = own[j - 1] if j > 0 else None
    if after is not None and not after.fronted and "," not in sentence[fig.end:after.start]:
        return after
    if before is not None:
        return before
    return after


def _set(fig: Mention, sentence: str, phrase: DatePhrase | None) -> None:
    if phrase is None or phrase.as_of is None or (phrase.start < fig.end and fig.start < phrase.end):
        return
    fig.as_of, fig.as_of_precision = phrase.as_of, phrase.precision
    fig.as_of_text = sentence[phrase.start:phrase.end]
