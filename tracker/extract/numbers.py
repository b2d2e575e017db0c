"""Find and parse the numbers in a sentence: digits (also grouped by spaces, "45 100"), scale
words and suffixes, number words ("three and a half million"), vague amounts and shares of a
whole ("a third", "one in five", in percent). Pure functions over strings; the words come from
lexicons/numbers.toml. :func:`numbers` is the extractor's first stage (tracker.extract.stages).

>>> [(n.text, n.value) for n in find_numbers("Some 1.5m people and forty-two tanks")]
[('1.5m', 1500000.0), ('forty-two', 42.0)]
>>> [(n.text, n.value, n.kind) for n in find_numbers("one in five of 390 000 people")]
[('one in five', 20.0, 'share'), ('390 000', 390000.0, 'digits')]
>>> parse_digits("145,000"), parse_digits("145 000")
(145000.0, 145000.0)
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from tracker.extract.lexicon import Currency, Lexicon, alternation, load_lexicon
from tracker.extract.words import STOP, is_verb_only

if TYPE_CHECKING:
    from tracker.extract.context import SentenceContext


# After "37m": metres, not millions.
_METRES_AFTER = re.compile(r"\s*(?:\(\s*[\d,.]+\s*(?:ft|feet|foot|yards?)\b|-(?:long|high|tall|wide|deep)\b)", re.I)

# The letters a case-insensitive regex takes for ASCII ones ("MİLLİON", "thouſands" match
# "million", "thousands"): words are found and looked up through this folding.
_WORD = re.compile(r"[A-Za-z\u0130\u0131\u017f\u212a]+")
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _key(word: str) -> str:
    """A word as the lexicons spell it: lower case, ASCII letters."""
    return word.translate(_FOLD).lower()


# Fractions written with digits are halves, quarters, eighths... and tenths: "3/4", "1/16".
_DENOMINATORS = frozenset({2, 3, 4, 5, 8, 10, 16, 32, 64, 100, 128})


@dataclass(frozen=True)
class Number:
    """A number as written: its span in the searched string, value and how it was written."""

    start: int
    end: int
    text: str
    value: float
    low: float | None = None  # bounds of a vague amount ("hundreds")
    high: float | None = None
    kind: str = "digits"  # digits | words | vague | fraction ("3/4") | share ("a third": in percent)
    currency: Currency | None = None  # a currency symbol written before it
    scaled: bool = False  # a scale word or suffix was applied
    glued: str = ""  # letters written straight after the digits ("km" in "50km")
    base: float | None = None  # the value before a scale word or suffix ("3" in "3 million")


# The spaces that group thousands: "45 100", "390\u00a0000" (no-break), "15\u2009000" (thin).
_SPACES = " \u00a0\u202f\u2009"
_UNGROUP = str.maketrans("", "", "," + _SPACES)
_SPACE_GROUPED = re.compile(rf"\d[{_SPACES}]\d{{3}}")


def parse_digits(text: str) -> float:
    """'1,200' -> 1200.0; '45 100' -> 45100.0; '1.5' -> 1.5."""
    return float(text.translate(_UNGROUP))


def scale(digits: str, factor: float) -> float:
    """Exact decimal scaling: scale("4.1", 1e6) == 4100000.0, not 4099999.9999999995."""
    if not isinstance(factor, Decimal):
        factor = Decimal(int(factor)) if factor == int(factor) else Decimal(repr(factor))
    return float(Decimal(digits.translate(_UNGROUP)) * factor)


def space_grouped(n: Number) -> bool:
    """Whether ``n`` is written with spaces between groups of thousands ("600 000")."""
    return n.kind == "digits" and _SPACE_GROUPED.search(n.text) is not None


def parse_number_words(words: list[str], lex: Lexicon | None = None) -> tuple[float, int] | None:
    """Value of the leading run of number words and how many words it took.

    >>> parse_number_words(["two", "hundred", "and", "fifty", "tanks"])
    (250.0, 4)
    >>> parse_number_words(["a", "dozen"])
    (12.0, 2)
    >>> parse_number_words("three and a half million euros".split())
    (3500000.0, 5)
    """
    lex = lex or load_lexicon()
    total = current = 0.0
    used = 0
    seen_any = False
    last = None  # kind of the last word: unit | tens | mult
    i = 0
    last_mult = 1.0
    while i < len(words):
        w = _key(words[i])
        if w in ("a", "an") and i + 1 < len(words) and _key(words[i + 1]) in lex.multipliers and not seen_any:
            current, last, seen_any = 1.0, "unit", True
            i += 1
            used = i
            continue
        part = None if seen_any else _part_of_multiplier(words, i, lex)
        if part is not None:  # "half a million", "a third of a million"
            current, i = part
            last, seen_any, used = "unit", True, i
            continue
        if w == "and" and seen_any and i + 2 < len(words) and _key(words[i + 1]) in ("a", "an") \
                and _key(words[i + 2]) in lex.fractions:
            size = lex.fractions[_key(words[i + 2])]
            used = i = i + 3
            if last != "mult":
                current += size  # "three and a half (million)"
                last = "unit"
                continue
            if last_mult >= 1000:
                total += size * last_mult  # "a million and a half"
            else:
                current += size * last_mult
            break
        if w == "and" and last == "mult" and i + 1 < len(words) and _key(words[i + 1]) in lex.number_words:
            i += 1
            continue
        if w in lex.number_words:
            v = lex.number_words[w]
            if last == "unit" or (last == "tens" and v >= 10):
                break  # "two three": a new number starts
            if last == "tens" and current % 10 != 0:
                break
            current += v
            last = "unit" if v < 20 else "tens"
        elif w in lex.multipliers and seen_any:
            m = last_mult = lex.multipliers[w]
            if m == 100 or m == 12:
                current = (current or 1) * m
            else:
                total += (current or 1) * m
                current = 0.0
            last = "mult"
        else:
            break
        seen_any = True
        i += 1
        used = i
    if not seen_any or used == 0:
        return None
    return total + current, used


def _part_of_multiplier(words: list[str], i: int, lex: Lexicon) -> tuple[float, int] | None:
    """A part of a multiplier at ``words[i]``: "half a", "a third of a", "three quarters of a"
    before "million": the part's size and the index of the multiplier word."""
    count, j = 1.0, i
    first = _key(words[i])
    if first in ("a", "an") or first in lex.number_words:
        count = lex.number_words.get(first, 1.0)
        j += 1
    if j >= len(words) or _key(words[j]) not in lex.fractions:
        return None
    size = count * lex.fractions[_key(words[j])]
    j += 1
    if j < len(words) and _key(words[j]) == "of":
        j += 1
    if j + 1 < len(words) and _key(words[j]) in ("a", "an") and _key(words[j + 1]) in lex.multipliers:
        return size, j + 1
    return None


#: Where a number may start: not at a space, not inside a word. Every branch of number_pattern
#: says so again in its own way; said first, it lets the regex engine pass such places at once
#: (a third faster over news text).
NUMBER_START = r"(?=\S)(?:(?<![^\W\d_])|(?![^\W\d_]))"


#: What a minus sign is written before, to be a number's sign: a digit, $, £, € or "US".
_SIGN_BEFORE = r"[\d$£€]|US"


@lru_cache(maxsize=2)
def number_pattern(spaced: bool = True) -> re.Pattern:
    """One regex for every way a number is written but shares of a whole (:func:`part_pattern`,
    :func:`ratio_pattern`); its named groups say which. Without ``spaced``, no digits grouped by
    spaces (what is read where those turn out to be two numbers, :func:`find_numbers`)."""
    lex = load_lexicon()
    symbols = alternation(lex.currency_symbols)
    codes = alternation(lex.currency_codes)
    suffixes = alternation(lex.suffixes)
    long_suffixes = alternation(s for s in lex.suffixes if len(s) > 1)
    mults = alternation(lex.multipliers)
    words = alternation([*lex.number_words, *lex.multipliers])
    plurals = alternation(lex.vague_plurals)
    big_plurals = alternation(p for p, v in lex.vague_plurals.items() if v >= 1000)
    quants = alternation(lex.vague_quantifiers)
    fractions = alternation(lex.fractions)
    grouped = rf"(?<![\d.,])\d{{1,3}}(?:[{_SPACES}]\d{{3}})+(?![^\W_]|[.,]\d|-[^\W\d_]+-)|" if spaced else ""
    digits = rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|{grouped}\d+(?:\.\d+)?|\.\d+"
    return re.compile(
        NUMBER_START + rf"(?:(?P<frac>(?<![\d/⁄.,])(?P<fn>\d{{1,3}})\s?[⁄/]\s?(?P<fd>\d{{1,3}})(?![\d/⁄]|\.\d))"
        rf"|(?P<dig>(?P<sign>(?<![\w.,])(?:[-−](?={_SIGN_BEFORE})|minus[\s-]?(?=\d)))?"
        rf"(?:(?<![^\W\d_])(?P<cur>(?-i:{codes}|{symbols}))\s?(?P<sign2>[-−](?=\d))?)?(?P<num>{digits})"
        rf"(?:\s?[×x]\s?10\^?(?P<exp>[-−]?\d{{1,3}}))?"
        rf"(?:(?P<suf>{suffixes})(?![^\W_])|\s(?P<lsuf>{long_suffixes})\b)?"
        rf"(?P<scale>(?:(?:\s+|\s*-\s*)(?:{mults})\b)+)?)"
        rf"|(?P<vag>\b(?:(?P<q>{quants})\s+(?P<qm>{mults})\b"
        rf"|(?P<p>{plurals})(?P<pof>(?:\s+of\s+(?:{big_plurals}))*)\b))"
        rf"|(?P<spl>\b(?:(?:(?:{fractions})\s+)?(?:a|an)\s+(?=(?:{mults})\b))?"
        rf"(?:{words})(?:(?:\s+and\s+|\s*-\s*|\s+)(?:{words})\b|\s+and\s+an?\s+(?:{fractions})\b)*\b)"
        rf"|(?<![^\W\d_])(?P<cur2>(?-i:{symbols}))\s?(?P<num2>{digits}))",
        re.I,
    )


@lru_cache(maxsize=1)
def number_start_pattern() -> re.Pattern:
    """The places where a match of :func:`number_pattern` may start, found in one cheap scan:
    the first digit of a run of digits, a ``.`` before a digit, a minus sign before what a sign
    is written before (:data:`_SIGN_BEFORE`), a currency symbol, and a word
    that begins an entry of the number lexicon or a currency (its first run of letters: "a" of
    "a few", "us" of "US$"). It reads the text lower-cased, as :func:`lowered` gives it
    (case-sensitive: twice as fast as ignoring case). Trying the number pattern only there
    finds what searching with it finds (:class:`NumberSearch`), twice as fast, since the big
    pattern is not tried at every word. A number can only start at a word's start, and every
    entry's first run of letters is a whole word in the text, so no place is missed."""
    lex = load_lexicon()
    entries = [*lex.number_words, *lex.multipliers, *lex.vague_plurals, *lex.vague_quantifiers,
               *lex.fractions, *lex.currency_codes, *lex.currency_symbols, "a", "an", "minus"]
    first = {_key(m.group(0)) for e in entries if (m := _LETTERS.match(e))}
    marks = {e[0] for e in lex.currency_symbols if not _LETTERS.match(e[0])}
    chars = "".join(sorted(re.escape(c) for c in marks))
    return re.compile(rf"\d+|[{chars}]|\.(?=\d)|[-\u2212](?={_SIGN_BEFORE.lower()})"
                      rf"|(?<![^\W\d_])(?:{alternation(first)})(?![^\W\d_])")


_LETTERS = re.compile(r"[^\W\d_]+")


def lowered(text: str) -> str:
    """``text`` lower-cased, each character for one (the letters a case-insensitive regex takes
    for ASCII ones folded first, as :func:`_key` does: "İ" alone would lower to two)."""
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


class NumberSearch:
    """``pattern.search(text, pos)`` over one text for a pattern of :func:`number_pattern`, as
    matches tried only at the places :func:`number_start_pattern` finds (and at ``pos``
    itself where it falls inside a run of digits, since any digit starts a match)."""

    def __init__(self, text: str):
        self.text, self.lowered = text, lowered(text)
        self.starts = [m.start() for m in number_start_pattern().finditer(self.lowered)]

    def search(self, pattern: re.Pattern, pos: int = 0) -> re.Match | None:
        text, starts = self.text, self.starts
        if 0 < pos < len(text) and text[pos].isdecimal() and text[pos - 1].isdecimal():
            if (m := pattern.match(text, pos)) is not None:
                return m
        for start in starts[bisect_left(starts, pos):]:
            if (m := pattern.match(text, start)) is not None:
                return m
        return None


@lru_cache(maxsize=1)
def fraction_hint_pattern() -> re.Pattern:
    """A fraction word anywhere, in the text as :func:`lowered` gives it: where there is none,
    no part of a whole ("a third", "half") need be looked for."""
    return re.compile(alternation(load_lexicon().fractions))


@lru_cache(maxsize=1)
def number_hint_pattern() -> re.Pattern:
    """What every written number holds: a digit, or a word of the number lexicon (a number word,
    a multiplier, a vague plural or quantifier, a fraction). A text without one has no figure,
    and the extractor returns at once.

    >>> [bool(number_hint_pattern().search(t)) for t in ["Dozens fled.", "Nobody said so.", "٣ tanks"]]
    [True, False, True]
    """
    lex = load_lexicon()
    words = [*lex.number_words, *lex.multipliers, *lex.vague_plurals, *lex.vague_quantifiers, *lex.fractions]
    return re.compile(rf"\d|\b(?:{alternation(words)})", re.I)


_DIGIT = re.compile(r"\d")


def has_number_hint(text: str) -> bool:
    """Whether ``text`` holds what :func:`number_hint_pattern` looks for: a digit looked for
    first, by a regex that runs several times faster than trying the number words before it."""
    return _DIGIT.search(text) is not None or number_hint_pattern().search(text) is not None


@lru_cache(maxsize=1)
def part_pattern() -> re.Pattern:
    """A part of a whole in words: "a third", "two-thirds", "half"; with "of a million" after
    it, a part of a scale word ("a third of a million", group ``of``)."""
    lex = load_lexicon()
    numerators = alternation(["a", "an", *(w for w, v in lex.number_words.items() if 1 <= v <= 10)])
    halves = alternation(w for w, v in lex.fractions.items() if v == 0.5)
    return re.compile(
        rf"\b(?:(?P<count>{numerators})[\s-]+(?P<part>{alternation(lex.fractions)})|(?P<half>{halves}))\b"
        rf"(?P<of>(?:\s+of)?\s+an?\s+(?:{alternation(lex.multipliers)})\b)?",
        re.I,
    )


@lru_cache(maxsize=1)
def ratio_pattern() -> re.Pattern:
    """What follows the first number of a ratio: " in five", " out of 10", " in every twenty-five"."""
    lex = load_lexicon()
    denominators = alternation(w for w, v in lex.number_words.items() if v >= 2)
    links = alternation(lex.ratio_links).replace(" ", r"\s+")  # "out of" with any spaces
    return re.compile(
        rf"\s+(?:{links})\s+"
        rf"(?P<of>(?:{denominators})(?:-(?:{denominators}))?|\d{{1,3}}(?:,\d{{3}})+|\d{{1,4}})(?![\w-]|[.,]\d)",
        re.I,
    )


def find_numbers(text: str, lex: Lexicon | None = None) -> list[Number]:
    """Every number written in ``text``, in order, with spans into ``text``. Digits grouped by
    spaces that are two numbers ("Chapter 11 200 pages") are read as such; a small number
    followed by "in five" is a share ("one in five"); parts of a whole ("a third") are read
    where the sentence has a fraction word, and the numbers in them give way."""
    lex = lex or load_lexicon()
    pattern, plain, ratio = number_pattern(), number_pattern(spaced=False), ratio_pattern()
    found: list[Number] = []
    pos = 0
    scan = NumberSearch(text)
    search = scan.search
    while (m := search(pattern, pos)) is not None:
        number = _number_from_match(m, text, lex)
        if number is _TURNED_DOWN:
            start = m.start()
            m = plain.match(text, start)
            if m is None:
                pos = start + 1
                continue
            number = _number_from_match(m, text, lex)
        pos = m.end()
        if number is not None and number.kind in ("digits", "words") and (r := ratio.match(text, number.end)):
            share = _ratio(number, r, text, lex)
            if share is not None:
                number, pos = share, share.end
        if number is not None and within_limits(number.value, number.low, number.high, number.base,
                                                largest=lex.largest_value):
            found.append(number)
    if fraction_hint_pattern().search(scan.lowered):
        found = _with_parts(text, found, lex)
    return found


def _with_parts(text: str, found: list[Number], lex: Lexicon) -> list[Number]:
    """``found`` with the parts of a whole in ``text`` read in: a part takes the place of the
    numbers it overlaps ("two" of "two-thirds", "a million" of "a third of a million")."""
    parts = [p for m in part_pattern().finditer(text) if (p := _part(m, text, lex)) is not None]
    if not parts:
        return found
    kept = [n for n in found if not any(n.start < p.end and p.start < n.end for p in parts)]
    return sorted(kept + parts, key=lambda n: n.start)


def numbers(ctx: SentenceContext, _: list = ()) -> list[Number]:
    """Stage: every number written in the sentence (the first stage: it reads no list)."""
    return find_numbers(ctx.text, ctx.lex)


def within_limits(*values: float | None, largest: float) -> bool:
    """Whether every value given (None is skipped) is finite and at most ``largest`` in size.

    >>> within_limits(1.5e6, None, 2e6, largest=1e18)
    True
    >>> within_limits(float("inf"), largest=1e18), within_limits(-5e24, largest=1e18)
    (False, False)
    """
    for v in values:  # a loop, not all(): it runs for every number found
        if v is not None and not (math.isfinite(v) and abs(v) <= largest):
            return False
    return True


# What _number_from_match returns for space-grouped digits that are two numbers.
_TURNED_DOWN = Number(0, 0, "", 0.0)


# Letters written straight after the digits: "km" of "50km", "G" of "5G".
_GLUED = re.compile(r"[^\W\d_][\w°²/]*")


def _number_from_match(m: re.Match, text: str, lex: Lexicon) -> Number | None:
    if m.group("frac"):
        numerator, denominator = int(m.group("fn")), int(m.group("fd"))
        if not 0 < numerator < denominator or denominator not in _DENOMINATORS:
            return None  # "24/7", "9/11": not fractions
        return Number(m.start(), m.end(), m.group(0), numerator / denominator, kind="fraction")
    if m.group("dig"):
        if _SPACE_GROUPED.search(m.group("num")) and not _spaced_digits_fit(text, m.start("num"), lex):
            return _TURNED_DOWN
        value = parse_digits(m.group("num"))
        scaled = False
        suffix = m.group("suf") or m.group("lsuf")
        factor = 1
        if suffix == "m" and not m.group("cur") and _METRES_AFTER.match(text, m.end()):
            # "a 37m (121ft)-long skeleton": metres, not millions
            return Number(m.start(), m.end() - 1, m.group(0)[:-1], value, kind="digits", glued="m",
                          base=value)
        if suffix:
            factor = lex.suffixes.get(suffix) or lex.suffixes.get(suffix.lower())
            if factor is None:
                return None
            scaled = True
        if m.group("scale"):
            for word in _WORD.findall(m.group("scale")):
                factor *= lex.multipliers[_key(word)]
            scaled = True
        if m.group("exp"):
            factor *= Decimal(10) ** int(m.group("exp").replace("−", "-"))
            scaled = True
        if scaled:
            value = scale(m.group("num"), factor)
        if m.group("sign") or m.group("sign2"):
            value = -value
        cur = lex.currency_symbols.get(m.group("cur")) or lex.currency_codes.get(m.group("cur")) if m.group("cur") else None
        if m.group("cur") and cur is None:
            cur = _currency_case_insensitive(m.group("cur"), lex)
        end = m.end()
        glued = ""
        if not suffix:
            g = _GLUED.match(text, end) if not m.group("scale") else None
            glued = g.group(0) if g else ""
        return Number(m.start(), end, m.group(0), value, kind="digits", currency=cur, scaled=scaled, glued=glued,
                      base=parse_digits(m.group("num")))
    if m.group("num2"):
        cur = lex.currency_symbols.get(m.group("cur2")) or _currency_case_insensitive(m.group("cur2"), lex)
        return Number(m.start(), m.end(), m.group(0), parse_digits(m.group("num2")), currency=cur)
    if m.group("vag"):
        # In floats: ints from the lexicon would grow without bound ("thousands of thousands
        # of ..."); a float becomes inf and the number is dropped.
        if m.group("q"):
            lo, hi = lex.vague_quantifiers[" ".join(_key(m.group("q")).split())]
            unit = float(lex.multipliers[_key(m.group("qm"))])
        else:
            lo, hi = lex.plural_range
            unit = float(lex.vague_plurals[_key(m.group("p"))])
            for word in _WORD.findall(m.group("pof") or ""):
                if _key(word) != "of":
                    unit *= lex.vague_plurals[_key(word)]
        low, high = float(lo) * unit, float(hi) * unit
        return Number(m.start(), m.end(), m.group(0), (low + high) / 2, low, high, kind="vague", scaled=True)
    words = _WORD.findall(m.group("spl"))
    parsed = parse_number_words(words, lex)
    if parsed is None:
        return None
    value, used = parsed
    # Cut the span back to the words that were used.
    end = m.start()
    for w in _WORD.finditer(m.group("spl")):
        if used == 0:
            break
        end = m.start() + w.end()
        used -= 1
    scales = [lex.multipliers[_key(w)] for w in words[:parsed[1]] if lex.multipliers.get(_key(w), 0) >= 1000]
    base = value / max(scales) if scales else value
    return Number(m.start(), end, text[m.start():end], value, kind="words", scaled=bool(scales), base=base)


_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?\s+$")


def _spaced_digits_fit(text: str, start: int, lex: Lexicon) -> bool:
    """Whether digits grouped by spaces at ``start`` are one number: not after a month, weekday
    or label ("March 15 200 ...", "Chapter 11 200 pages": two numbers)."""
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    word = before.group(1).lower() if before else ""
    return word not in lex.months and word not in lex.weekdays and word not in lex.label_words


_RATIO_DENOMINATOR_UNIT = re.compile(r"[ \t\u00a0]+([^\W\d_]+)")
_AFTER_PART = re.compile(r"(-[^\W\d_])|[ \t\u00a0]+([^\W\d_]+)(?:[ \t\u00a0]+(?:an?|the)\b)?(?:[ \t\u00a0]+([^\W\d_]+))?")


def _ratio(first: Number, m: re.Match, text: str, lex: Lexicon) -> Number | None:
    """The share "one in five" (20 percent) from its first number and the match of the rest;
    None when it is no share ("two in three days", "12 in 2014")."""
    if first.scaled or first.currency is not None or first.glued or "," in first.text or "." in first.text:
        return None
    parts, of = _ratio_parts(first.text, m.group("of"), lex)
    after = _RATIO_DENOMINATOR_UNIT.match(text, m.end())
    if not 0 < of < parts or (after and after.group(1).lower() in lex.measures):
        return None
    if re.fullmatch(r"\d{4}", m.group("of")) and lex.year_range[0] <= parts <= lex.year_range[1]:
        return None  # "arrested 12 in 2014"
    end = m.end()
    return Number(first.start, end, text[first.start:end], 100 * of / parts, kind="share")


def _part(m: re.Match, text: str, lex: Lexicon) -> Number | None:
    """A part of a whole in percent ("a third" 33.3, "two-thirds", "half"); a part of a scale
    word as its value ("a third of a million"); None when the words are no share ("the second
    half", "half an hour", "a third term", "an hour and a half")."""
    if m.group("of"):
        parsed = parse_number_words(_WORD.findall(m.group(0)), lex)
        if parsed is None:
            return None
        value = parsed[0]
        multiplier = lex.multipliers[_key(_WORD.findall(m.group(0))[-1])]
        scaled = multiplier >= 1000  # "half a million"; not "half a dozen"
        return Number(m.start(), m.end(), m.group(0), value, kind="words", scaled=scaled,
                      base=value / multiplier if scaled else value)
    if m.group("half"):
        count, word = 1.0, m.group("half")
        before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if before and _key(before.group(1)) in lex.not_after_half:
            return None  # "the second half of 2023"
    else:
        count, word = lex.number_words.get(_key(m.group("count")), 1.0), m.group("part")
        if _key(m.group("count")) in ("a", "an") and re.search(r"\band\s+$", text[max(0, m.start() - 8):m.start()], re.I):
            return None  # "an hour and a half"
    size = count * lex.fractions[_key(word)]
    bounded = lex.qualifier_before_re.search(text, max(0, m.start() - 30), m.start()) is not None
    if size >= 1 or not _part_fits(text, m.end(), lex, bounded):
        return None
    return Number(m.start(), m.end(), m.group(0), 100 * size, kind="share")


def _ratio_parts(numerator: str, denominator: str, lex: Lexicon) -> tuple[float, float]:
    """The two numbers of a ratio ("one", "five"; "1", "10,000"; "twenty-five") as (parts, of)."""
    def value(written: str) -> float:
        if written[0].isdigit():
            return parse_digits(written)
        return sum(lex.number_words[_key(w)] for w in _WORD.findall(written))
    return value(denominator), value(numerator)


def _part_fits(text: str, end: int, lex: Lexicon, bounded: bool) -> bool:
    """Whether what follows a fraction word makes it a share: "of" a whole, a determiner, a
    verb or the end of the clause ("a third of homes", "half the town", "nearly half were"),
    or, after a bound ("more than a quarter"), any word but a measure; not a compound, a noun
    or a measure ("half-time", "a third term", "half an hour", "a quarter of an hour")."""
    m = _AFTER_PART.match(text, end)
    if m is None:
        return True  # punctuation or the end: "less than half."
    if m.group(1):
        return False  # "half-time", "one-third-owned"
    word, then = m.group(2).lower(), (m.group(3) or "").lower()
    if word in ("a", "an") or word in lex.measures:
        return False  # "half an hour", "half a loaf", "a quarter century"
    if word == "of":
        return then not in lex.measures  # "a quarter of an hour", "half of the day"
    return bounded or word in STOP or is_verb_only(word)


def _currency_case_insensitive(symbol: str, lex: Lexicon) -> Currency | None:
    for sym, cur in lex.currency_symbols.items():
        if sym.lower() == symbol.lower():
            return cur
    return None
