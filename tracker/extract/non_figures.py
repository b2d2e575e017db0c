"""Numbers that are not figures: dates, times, years, ordinals, codes, labels, names with a number.

Two checks. :func:`non_figures` (a stage) leaves out the numbers that are no figures whatever
follows them; :func:`is_figure` asks of a number and the unit read after it (the ranges stage
asks it): a year ("in 2014", "the 2019 season"), a small bare number (a rating, a list item), a
number word after "the" ("the two leaders"). The words come from lexicons/non_figures.toml.

>>> from tracker.extract.context import SentenceContext
>>> from tracker.extract.lexicon import load_lexicon
>>> from tracker.extract.numbers import find_numbers
>>> ctx = SentenceContext("The G7 met at 10am on 16 February and pledged $5bn.", load_lexicon())
>>> [n.text for n in non_figures(ctx, find_numbers(ctx.text))]
['$5bn']
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tracker.extract import window
from tracker.extract.lexicon import Lexicon
from tracker.extract.numbers import Number, space_grouped
from tracker.extract.phrases import PERCENT, TOKEN, Unit
from tracker.extract.words import singular

if TYPE_CHECKING:
    from tracker.extract.context import SentenceContext


def non_figures(ctx: SentenceContext, numbers: list[Number]) -> list[Number]:
    """Stage: the numbers that are no figures whatever follows them left out: phone numbers and
    dates written with digits ("16/02/2022"), numbers glued to a word ("G7", "F-16", "Covid-19"),
    times ("10am", "14:00"), days of a month, ordinals and decades ("3rd", "the 1990s"), codes
    with a leading zero, labels ("Article 5") and names with a number ("Boeing 787")."""
    s, lex = ctx.text, ctx.lex
    skip = _phones_and_dates(s, numbers, lex) if len(numbers) > 1 else []
    return [n for n in numbers if not any(a <= n.start < b for a, b in skip) and not _is_not_a_figure(s, n, lex)]


def _phones_and_dates(s: str, numbers: list[Number], lex: Lexicon) -> list[tuple[int, int]]:
    """The spans of phone numbers and of dates written with digits: their numbers are no figures.
    Digits grouped by spaces where a phone number would start are a number ("600 000-700 000")."""
    grouped = {n.start for n in numbers if space_grouped(n)}
    phones = [m.span() for m in lex.phone_re.finditer(s) if m.start() not in grouped] \
        if lex.phone_hint_re.search(s) else []
    return phones + [m.span() for m in _DATE.finditer(s)]


# "2022-02-16", "16/02/2022", "16.02.22": a digit with no word character before it, first (a
# regex that starts with a digit is searched about twice as fast as one that starts with \b).
_DATE = re.compile(r"\d(?<!\w\d)(?:\d{3}-\d{1,2}-\d{1,2}|\d?[/.]\d{1,2}[/.]\d{2,4})\b")


_TAIL = 80


def _word_at_end(text: str) -> tuple[str, int]:
    """The word ``text`` ends with (trailing spaces aside) and where it starts, or ("", -1): a
    letter, then letters, digits, "_", "." or "&" ("Boeing", "No.", "AT&T")."""
    end = len(text.rstrip())
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_.&"):
        start -= 1
    while start < end and not text[start].isalpha():
        start += 1
    return (text[start:end], start) if start < end else ("", -1)

_SHORT_YEAR = re.compile(r"\d\d")
_YEAR_DASH_AT_END = re.compile(r"(?<![\d,.])((?:1[89]|20)\d\d)[-–]$")
_MONTH_DAY_AT_END = re.compile(r"([^\W\d_]+)\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+$")
_DAY_AT_END = re.compile(r"\d(?:st|nd|rd|th)?,?\s+$")
_MONTH_DAYS_AT_END = re.compile(r"([^\W\d_]+)\.?\s+\d{1,2}\s*[-–]\s*$")


# What follows a number that is part of a time, date or possessive: "14:00", "16/02/2022", "1990's".
_JOINED_DIGITS = re.compile(r"[:/]\d|\.\d|-\d{1,2}-\d|['’]s\b")
_CLOCK_AFTER = re.compile(r"\s*(?:a\.?m\b\.?|p\.?m\b\.?|o'clock|GMT|UTC|BST|CET|EST|EDT|PST|PDT|MSK|Kyiv time|local time)", re.I)
_WORD_AFTER = re.compile(r"\s*([^\W\d_]+)")
_FOUR_DIGITS = re.compile(r"\d{4}")


def _is_not_a_figure(s: str, n: Number, lex: Lexicon) -> bool:
    # Only the words near the number matter: a window keeps this linear in the sentence's length.
    behind_start = max(0, n.start - window.BEHIND)
    before = s[behind_start:n.start]
    after = window.ahead(s, n.end)
    if n.kind == "digits" or n.kind == "words":
        # Glued to a word on the left: G7, F-16, Covid-19, MH17, S-400, "No.10".
        if before and (before[-1].isalnum() or before[-1] in "_/\\#@"):
            return True
        if len(before) >= 2 and before[-1] in "-‑" and before[-2].isalpha() \
                and not re.search(r"(?:^|\W)(?:sub|over|under|pre|post|mid|minus)-$", before, re.I):
            return True
        if len(before) >= 2 and before[-1] in ".:," and before[-2].isdigit():
            return True
        if n.kind == "digits" and _SHORT_YEAR.fullmatch(n.text):
            year = _YEAR_DASH_AT_END.search(before[-8:])
            if year and 0 < (int(n.text) - int(year.group(1)) % 100) % 100 <= 10:
                return True  # the second year of "2014-15", "the 2023–24 budget"
    if n.kind == "digits":
        if n.glued:
            g = n.glued.lower().rstrip(".")
            if g in lex.time_suffixes or g in lex.ordinal_suffixes or g in ("s", "'s"):
                return True  # 10am, 3rd, the 1990s
        if _JOINED_DIGITS.match(after):
            return True  # 14:00, 16/02/2022, 2022-02-16, 1990's
        if n.currency is None and _CLOCK_AFTER.match(after) \
                and n.value < 25:
            return True
    # The patterns anchored at the end of ``before`` look only at its last _TAIL characters: a
    # search for "...$" tries every start, and a word and a date fit in far less.
    tail_start = max(0, len(before) - _TAIL)
    tail = before[tail_start:]
    # A search anchored at the end is tried from every start: the word before is read
    # backwards instead, and the day patterns run only where the last characters can end one.
    end = tail.rstrip()[-1:]
    prev, prev_at = _word_at_end(tail)
    prev_l = prev.lower().rstrip(".")
    word_after = _WORD_AFTER.match(after)
    nxt = word_after.group(1).lower() if word_after else ""
    if n.kind in ("digits", "words"):
        if prev_l in lex.months or (nxt in lex.months and n.value <= 31 and n.value == int(n.value)):
            return True  # February 16, 16 February
        month_day = _MONTH_DAY_AT_END.search(tail) if _DAY_AT_END.search(tail, max(0, len(tail) - 8)) else None
        if n.kind == "digits" and month_day and month_day.group(1).lower() in lex.months:
            return True  # the year of "Mar 9 2018"
        day_range = _MONTH_DAYS_AT_END.search(tail) if n.kind == "digits" and end in ("-", "–") else None
        if day_range and day_range.group(1).lower() in lex.months:
            return True  # Sept. 20-24
        if n.kind == "digits" and prev_l in lex.weekdays and n.value <= 31 and "." not in n.text \
                and not PERCENT.match(after):
            return True
    if n.kind != "digits" or n.currency is not None or n.scaled:
        return False
    raw = n.text
    if len(raw) > 1 and raw[0] == "0" and raw[1].isdigit():
        return True  # codes with a leading zero: "0401", "007"
    if prev_l in lex.label_words and "," not in raw and not n.glued and not PERCENT.match(after):
        return True  # Article 5, Flight 370, Section 427
    # A capitalised word straight before a bare number names a model or a label ("Boeing 787",
    # "Windows 10"), unless it starts the sentence.
    if prev and prev[0].isupper() and behind_start + tail_start + prev_at > 0 \
            and prev_l not in lex.qualifiers_before \
            and not n.glued and prev_l not in lex.currency_words \
            and prev not in lex.actors and not _has_counted_unit(after, lex) and not PERCENT.match(after):
        return True
    return False


def _has_counted_unit(after: str, lex: Lexicon) -> bool:
    m = TOKEN.match(after) or re.match(r"()-([^\W\d_]+)", after)
    if not m:
        return bool(PERCENT.match(after))
    word = (m.group(1) or m.group(2)).lower()
    return (word in lex.nouns or singular(word) in lex.nouns or word in lex.people
            or singular(word) in lex.people or word in lex.measures or word in lex.currency_words)


def is_figure(s: str, number: Number, first: Number, unit: Unit, lex: Lexicon) -> bool:
    """Whether a number with the unit read after it is a figure (``first``: where the figure
    starts, the first number of a range)."""
    if unit.unit is None:
        if number.kind == "vague" or number.kind == "words" and not _scaled_words(number):
            return False  # "one of them", "hundreds" alone: too vague to be a figure
        if re.match(r"[ \t]+[A-Z][a-z]", window.ahead(s, number.end)) and number.currency is None:
            return False  # "10 Downing Street", "Boeing 787 Dreamliner"
        if number.currency is None and not number.scaled and not _bare_number_ok(s, number, lex):
            return False
    if looks_like_year(number, lex) and is_year(s, number, unit, lex):
        return False  # "in 2014", "the 2019 season"
    if number.kind == "words" and number.value <= lex.anaphoric_max \
            and unit.category not in lex.categories_with("is_measure") \
            and _anaphoric(s, first, lex):
        return False  # "the two leaders", "both sides"
    return True


def _scaled_words(n: Number) -> bool:
    """Number words with a count and a scale ("two thousand", "one million"): a quantity even
    bare, unlike "a million" ("thanks a million") or "one"."""
    return n.scaled and re.match(r"an?\b", n.text, re.I) is None


def looks_like_year(n: Number, lex: Lexicon) -> bool:
    """Whether ``n`` is written as a year: four bare digits in the year range ("2014", not "2,014")."""
    return (n.kind == "digits" and n.currency is None and not n.scaled and not n.glued
            and _FOUR_DIGITS.fullmatch(n.text) is not None and lex.year_range[0] <= n.value <= lex.year_range[1])


def is_year(s: str, n: Number, unit: Unit, lex: Lexicon) -> bool:
    """A four-digit number in the year range is a year unless it counts something: "1,000" has
    a comma, "about 1000 come" a qualifier, "1200 Russian troops" a counted noun, "2000 - 2500
    calories" a range to a number that is no year."""
    if lex.qualifier_before_re.search(s[max(0, n.start - 30):n.start]):
        return False
    prev = window.word_behind(s, n.start)
    after_year_word = prev is not None and prev.lower() in lex.year_words
    if unit.unit is None:
        if after_year_word:
            return True  # "in 2018 to 3.9 million"
        after = re.match(r"\s*(?:-|–|to)\s*(\d(?:[\d,.]*\d)?)", window.ahead(s, n.end))
        return not (after and not re.fullmatch(r"\d{2}|\d{4}", after.group(1)))
    return unit.category == "other_count" and after_year_word


def _anaphoric(s: str, n: Number, lex: Lexicon) -> bool:
    word = window.word_behind(s, n.start, spaced=True)
    return word is not None and word.lower() in lex.anaphoric_determiners


_PART_BEFORE = re.compile(r"\b(?:of|among)\s+(?:these|them|those|whom|which)\s*,?\s+$", re.I)
_PART_AFTER = re.compile(r"\s+of\s+(?:them|these|those|whom)\b", re.I)


def _bare_number_ok(s: str, n: Number, lex: Lexicon) -> bool:
    """A plain number with no unit is kept when it reads as a quantity."""
    if n.value == int(n.value) and n.value < 10 and "." not in n.text:
        # Small bare integers are mostly ratings, list items and scores; but not a part of a
        # count named before ("Of these, 5 were children", "5 of them children").
        behind = window.behind(s, n.start)
        return bool(re.search(r"\b(?:by|of|to|at|from|about|around|nearly|almost)\s+$", behind, re.I)
                    or _PART_BEFORE.search(behind) or _PART_AFTER.match(s, n.end))
    return True
