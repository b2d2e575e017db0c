"""What a number counts: the unit written after it, read into a :class:`Unit`.

A percent sign or word, a currency (symbol, code or word), a unit of measure (lexicons/measures.csv,
then quantulum3's tables through tracker.extract.units), an age ("a 45-year-old"), a rate ("$52 a
barrel"), or the noun phrase it counts ("14 Russian battalions", "300 armoured vehicles"): its head
noun from lexicons/nouns.csv and people.csv, with its category (a people noun with a casualty or
displacement word becomes casualties or displaced). Also the object money pays for ("a loan
guarantee of $1bn") and the unit a bare number takes from the figure before it. The stages are
:func:`units`, :func:`money_objects` and :func:`carried_units`; the rest are their rules.

>>> from tracker.extract.context import SentenceContext
>>> from tracker.extract.lexicon import load_lexicon
>>> from tracker.extract.numbers import find_numbers
>>> ctx = SentenceContext("Russia moved 14 battalions and 300 armoured vehicles.", load_lexicon())
>>> [(r.number.text, r.unit.unit, r.unit.category) for r in units(ctx, find_numbers(ctx.text))]
[('14', 'battalion', 'military_unit'), ('300', 'armoured vehicle', 'equipment')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from tracker.extract import window
from tracker.extract.lexicon import Lexicon
from tracker.extract.mention import Mention
from tracker.extract.numbers import Number
from tracker.extract.units import lookup_measure
from tracker.extract.words import STOP, is_adjective, is_noun, is_plural_noun, is_verb_only, singular

if TYPE_CHECKING:
    from tracker.extract.context import SentenceContext


TOKEN = re.compile(r"[ \t\u00a0]+([^\W\d_][\w'’]*(?:[-.][^\W\d_][\w'’]*)*)")
_GLUED_WORD = re.compile(r"[^\W\d_][\w'’]*")
# Words of a noun phrase after a number: also model names ("F-16", "T-72") and model numbers
# after a name ("Leopard 2").
_NP_TOKEN = re.compile(r"[ \t\u00a0]+([^\W\d_][\w'’]*(?:-[\w'’]+)*|\d+(?=[ \t\u00a0]+[^\W\d_]))")
PERCENT = re.compile(r"\s?(?:%|per\s?cent\b|percent\b|pct\b|percentage\s+points?\b|pc\b|percentage\b)", re.I)
_AGE = re.compile(r"\s?-?\s?(year|month|week|day)s?[-\s]old\b", re.I)
_APPOSITIVE_AGE = re.compile(r"[A-Z][\w’'-]+,\s*$")
_AGED = re.compile(r"\b(?:aged|ages|age of|ages of)\s+(?:\d+\s*(?:-|–|to|and)\s*)?$", re.I)
_RATE = re.compile(r"\s+(?:per|a|an|each|every)\s", re.I)
_RATE_WORDS = frozenset("""share head person capita unit night seat game ounce""".split())
_HYPHEN_WORD = re.compile(r"-([^\W\d_]+)(?:-([^\W\d_]+))?")
_MODIFIER_WORDS = frozenset(
    """more additional extra further new fresh active regular elite combat ground frontline
    front-line armed armoured armored military russian-backed pro-russian separatist
    foreign other former serving reserve regular total combined estimated registered""".split()
)
# Participles that start a new phrase rather than describe the noun after them.
_NP_ENDERS = frozenset("""including excluding following regarding according concerning involving
    during pending amid""".split())
_ORDINALS = frozenset("""first second third fourth fifth sixth seventh eighth ninth tenth half halves
    quarter quarters thirds fourths fifths""".split())
_CHANGE_WORDS = frozenset({"more", "additional", "extra", "further"})
_MONEY_LINK = re.compile(r"\s(?:of|worth|totalling|totaling|at|to)\s+$", re.I)
_MONEY_OBJECT_LEFT = re.compile(
    r"(?:\b(?:a|an|the|its|their|his|her)\s+)?((?:[^\W\d_][\w-]*\s+){0,3}?[^\W\d_][\w-]*)\s+"
    r"(?:of|worth|totalling|totaling|valued\s+at|amounting\s+to)\s+$",
    re.I,
)
_QUALIFIERS_BEFORE_MONEY = ("up to", "about", "around", "nearly", "almost", "more than", "over", "at least", "some",
                            "an estimated", "roughly", "as much as")
_QUALIFIER_LEFT = re.compile(r"\b(?:" + "|".join(_QUALIFIERS_BEFORE_MONEY) + r")\s+$", re.I)
_QUALIFIER_REACH = max(map(len, _QUALIFIERS_BEFORE_MONEY))  # a qualifier's characters at most


@dataclass(frozen=True)
class Unit:
    """What a number counts, as read after it: the unit (a counted noun in the singular, an ISO
    4217 code, a measure's name; None for a bare number) and its category."""

    unit: str | None
    category: str | None
    end: int  # where the figure's surface ends
    object: str | None = None
    head_start: int | None = None  # where the noun phrase starts (for actors)
    people: bool = False


class Reading(NamedTuple):
    """A number and the unit read after it. ``unit`` is None when what follows makes the number
    no figure ("5G", "3D"); a Unit whose own ``unit`` is None is a bare number ("rose to 148,000")."""

    number: Number
    unit: Unit | None


def units(ctx: SentenceContext, numbers: list[Number]) -> list[Reading]:
    """Stage: each number with the unit read after it; a unit written once, after the last
    number of a list, is the others' too ("eight or nine euros", "a 7- or 8-inch screen")."""
    s, lex = ctx.text, ctx.lex
    read = [_read_unit(s, n, lex, ctx.military) for n in numbers]
    _share_units_backwards(s, numbers, read)
    return [Reading(n, u) for n, u in zip(numbers, read)]


def money_objects(ctx: SentenceContext, mentions: list[Mention]) -> list[Mention]:
    """Stage: what an amount of money is for, where its own phrase does not say: "a loan guarantee
    of up to $1bn" -> "loan guarantee", "$50m in military aid" -> "military aid"."""
    for m in mentions:
        if m.category == "money" and m.object is None:
            m.object = _money_object(ctx.text, m)
    return mentions


def carried_units(ctx: SentenceContext, mentions: list[Mention]) -> list[Mention]:
    """Stage: a bare number after "from", "to", "than", "and" counts what the figure before it
    counts, if that figure's category lends its unit (lexicons/categories.csv): "3.9 million
    headsets, up from 2.4 million". Last: the stages before read each unit as it is written."""
    if len(mentions) > 1:
        _inherit_units(ctx.text, mentions, ctx.lex)
    return mentions


_SHARED_UNIT_LINK = re.compile(r"\s*(?:-\s*)?(?:-|–|to|or|and|,)\s*", re.I)


def _share_units_backwards(s: str, numbers: list[Number], read: list[Unit | None]) -> None:
    """A unit written once, after the last number: "eight or nine euros", "4.8 to 4.7
    percent", "a 7- or 8-inch screen", "four-, five- and six-cylinder engines"."""
    for i in range(len(numbers) - 2, -1, -1):
        here, after = read[i], read[i + 1]
        if here is None or here.unit is not None or after is None or after.unit is None:
            continue
        if numbers[i + 1].currency is not None and numbers[i].currency is None:
            continue  # "8 ($9)": the dollar sign belongs to the second number only
        if _SHARED_UNIT_LINK.fullmatch(s[numbers[i].end:numbers[i + 1].start]):
            read[i] = replace(after, end=numbers[i].end, object=None, head_start=None)


_UNIT_FROM_BEFORE = re.compile(
    r"\b(?:from|to|than|versus|vs\.?|compared\s+with|against|and|or|including|of\s+(?:whom|which|them)|"
    r"(?:join|joining|reinforce|reinforcing)\s+the)\s+"
    r"(?:(?:about|around|roughly|some|nearly|almost|more\s+than|over|under|just|an\s+estimated)\s+)?$", re.I)


def _inherit_units(s: str, figures: list[Mention], lex: Lexicon) -> None:
    """A bare number after "from", "to", "than", "and" counts what the figure before it counts:
    "3.9 million headsets, up from 2.4 million", "killed 5 soldiers and wounded 20"."""
    for before, fig in zip(figures, figures[1:]):
        between = s[before.end:fig.start]
        if "," in between and not re.search(r"\b(?:up|down)\s+from\s+(?:\w+\s+)?$", between, re.I):
            continue  # ", bringing its total losses to 350,000": another quantity
        if fig.unit is None and before.unit is not None and _UNIT_FROM_BEFORE.search(window.behind(s, fig.start)) \
                and not before.derived and before.category in lex.categories_with("lends_unit"):
            fig.unit, fig.category, fig.people = before.unit, before.category, before.people


def _read_unit(s: str, n: Number, lex: Lexicon, military: bool) -> Unit | None:
    """The unit after a number, or Unit(None, ...) for a bare number; None = not a figure."""
    unit = _read_base_unit(s, n, lex, military)
    if unit is not None and unit.unit is None and n.kind in ("digits", "words"):
        return _unit_from_context(s, n, unit, lex, military)
    if unit is None or unit.unit is None or unit.category not in lex.categories_with("takes_rates"):
        return unit
    # Rates: "$52 a barrel", "5 percent a year", "40 hours a week", "$80 per sq m".
    paren = re.match(r"\s*\([^()]{1,40}\)", window.ahead(s, unit.end))  # "9 billion shekels ($2.4bn) a year"
    m = _RATE.match(s, unit.end + (paren.end() if paren else 0))
    if m and not re.match(r"\s*[^\W\d_]+\s+(?:earlier|ago|before|later|after|on|from)\b", window.ahead(s, m.end() - 1), re.I):
        measure = _longest(s, m.end() - 1, lex.measures, lex.measure_max_words, lower=True)
        # After a parenthesis the surface stops at the unit, so the figure in it stays its own.
        if measure is not None:
            return replace(unit, unit=f"{unit.unit} per {measure[0][0]}", end=unit.end if paren else measure[1])
        word = re.match(r"\s([^\W\d_]+)", s[m.end() - 1:])
        if word and singular(word.group(1)) in _RATE_WORDS:
            end = unit.end if paren else m.end() + len(word.group(1))
            return replace(unit, unit=f"{unit.unit} per {singular(word.group(1))}", end=end)
    return unit


_COUNT_OF = re.compile(r"\b(?:number|total|count|tally|toll|strength|size|estimate)\s+of\s+(?:the\s+)?", re.I)
_OF_THEM_ARE = re.compile(r"\s+of\s+(?:them|these|those)\s+(?:are|were|is|was|have\s+been)\s+", re.I)


def _unit_from_context(s: str, n: Number, bare: Unit, lex: Lexicon, military) -> Unit:
    """A bare number whose sentence says what it counts elsewhere: "the number of Russian
    troops has risen to 148,000", "126,000 of them are ground troops". The surface stays the
    number as written."""
    m = _OF_THEM_ARE.match(s, n.end)
    counted = list(_COUNT_OF.finditer(s, max(0, n.start - window.BEHIND), n.start)) if m is None else []
    at = m.end() - 1 if m else (counted[-1].end() - 1 if counted else None)
    if at is None:
        return bare
    probe = Number(at, at, "", 2.0)  # a plural count, to read the noun phrase there
    found = _noun_phrase(s, probe, at, lex, military)
    if found.unit is None or found.category == "other_count" and found.unit not in lex.people.values():
        return bare
    return Unit(found.unit, found.category, bare.end, found.object, None, found.people)


_COMMA = re.compile(r"\s*,")
_SYMBOL_AFTER_NUMBER = re.compile(r"\s?([€£$₴₽¥₹₪₩₺])(?![\w$])")  # "1,200€", "500 ₴"
_CODE_AFTER = re.compile(r"\s?([A-Z]{3})\b")  # "5m USD"
_CODE_BEFORE = re.compile(r"\b([A-Z]{3})\s?$")  # "USD 5m"


def _read_base_unit(s: str, n: Number, lex: Lexicon, military: bool) -> Unit | None:
    pos = n.end
    if n.currency is not None:
        return Unit(n.currency.code, "money", _currency_word_end(s, pos, lex)[1] or pos, head_start=pos)
    m = _AGE.match(s, pos)
    if m:
        return Unit(f"{m.group(1).lower()} of age", "other_measure", m.end())
    if n.kind == "digits" and _is_age(s, n) and not PERCENT.match(s, pos):
        return Unit("year of age", "other_measure", pos)  # "men aged 18 to 34", "Maddon, 66, said"
    if n.glued:
        g = n.glued
        longest = _longest(s, pos, lex.measures, lex.measure_max_words, lower=True)
        if longest is not None and longest[1] > pos + len(g):
            (unit, category), end = longest
            return Unit(unit, category, end)
        found = lex.measures_cased.get(g) or lex.measures.get(g.lower())
        if found is None and g == "m":
            found = ("metre", "distance")  # numbers.py left "m" unscaled: "a 37m (121ft)-long"
        if found is None and g.lower() in ("pc", "pct"):
            found = ("percent", "percent")
        if found is None:
            found = lookup_measure(g)
        if found is None:
            return None  # 5G, 3D, 4K: names
        return Unit(found[0], found[1], pos + len(g))
    m = PERCENT.match(s, pos)
    if m:
        unit = "percentage point" if "point" in m.group(0).lower() else "percent"
        return Unit(unit, "percent", m.end())
    m = _SYMBOL_AFTER_NUMBER.match(window.ahead(s, pos))
    if m and m.group(1) in lex.currency_symbols:  # "1,200€", "500 ₴"
        return Unit(lex.currency_symbols[m.group(1)].code, "money", pos + m.end(), head_start=pos)
    if n.kind == "share":
        return _share_unit(s, n, lex, military)
    if n.kind == "fraction":
        of = _fraction_unit(s, n, lex)
        if of.unit is not None:
            return of
    code = _CODE_AFTER.match(window.ahead(s, pos))
    if code and code.group(1) in lex.currency_codes:
        return Unit(code.group(1), "money", pos + code.end())
    if n.kind == "digits" or n.kind == "words":
        # An ISO code before the number: "USD 5m", "EUR 500 million".
        code = _CODE_BEFORE.search(s, max(0, n.start - 5), n.start)  # it ends at the number: 3 or 4 characters
        if code and code.group(1) in lex.currency_codes:
            return Unit(code.group(1), "money", pos)
    cur, end = _currency_word_end(s, pos, lex)
    if cur is not None:
        return Unit(cur.code, "money", end)
    m = _HYPHEN_WORD.match(s, pos)
    if m:
        return _hyphen_unit(s, n, m, lex, military)
    measure = _longest(s, pos, lex.measures, lex.measure_max_words, lower=True) \
        or _longest(s, pos, lex.measures_cased, 1, lower=False)
    if measure is not None:
        (unit, category), end = measure
        return Unit(unit, category, end)
    return _noun_phrase(s, n, pos, lex, military)


def _is_age(s: str, n: Number) -> bool:
    """Whether the words before ``n`` make it an age: "men aged 18 to 34", "Maddon, 66, said".
    Each regex is tried only where the window holds what it ends with ("age", a comma)."""
    lo = max(0, n.start - window.BEHIND)
    before = s[lo:n.start]
    if "age" in before.lower() and _AGED.search(s, lo, n.start):
        return True
    return before.rstrip().endswith(",") and _APPOSITIVE_AGE.search(s, lo, n.start) is not None \
        and _COMMA.match(window.ahead(s, n.end)) is not None


_SHARE_OF = re.compile(r"(?:\s+of)?(?:\s+(?:the|those|these|its|their|his|her|our|all))?(?=\s)", re.I)


def _share_unit(s: str, n: Number, lex: Lexicon, military) -> Unit:
    """A share of a whole ("a third", "one in five") is a percent; its object is the whole, when
    it is written after it ("a third of the homes" -> "homes", "one in five adults" -> "adults").
    The surface stays the share."""
    of = _SHARE_OF.match(s, n.end)
    if of is None:
        return Unit("percent", "percent", n.end)  # "less than half."
    whole = _noun_phrase(s, Number(of.end(), of.end(), "", 2.0), of.end(), lex, military)  # a plural count
    return Unit("percent", "percent", n.end, object=whole.object)


def _fraction_unit(s: str, n: Number, lex: Lexicon) -> Unit:
    """ "1/16 of a pint": the unit is what the fraction is of, when that is a measure."""
    m = re.match(r"\s+of\s+(?:an?|the)\s+(?:[A-Z][\w.]*\s+)?", window.ahead(s, n.end))
    if m:
        at = n.end + m.end() - 1
        measure = _longest(s, at, lex.measures, lex.measure_max_words, lower=True)
        if measure is not None:
            return Unit(measure[0][0], measure[0][1], n.end)
        word = re.match(r"\s([^\W\d_]+)", window.ahead(s, at))
        found = lookup_measure(word.group(1)) if word else None
        if found is not None:
            return Unit(found[0], found[1], n.end)
    return Unit(None, None, n.end)


def _currency_word_end(s: str, pos: int, lex: Lexicon):
    best = _longest(s, pos, lex.currency_words, 3, lower=True)
    if best is None:
        return None, None
    return best


def _longest(s: str, pos: int, table: dict, max_words: int, lower: bool):
    """Longest phrase of ``table`` written right after ``pos`` (whitespace first): a symbol with
    a slash ("km/h"), up to ``max_words`` words, or a symbol such as "°C"."""
    after = _after(s, pos)
    if after.slash is not None:
        key = after.slash.lower() if lower else after.slash
        if key in table:
            return table[key], after.slash_end
    phrases = after.phrases(max_words)
    for k in range(min(max_words, len(phrases)), 0, -1):
        phrase, end = phrases[k - 1]
        key = phrase.lower() if lower else phrase
        if key in table:
            return table[key], end
    if after.symbol is not None and after.symbol in table:
        return table[after.symbol], after.symbol_end
    return None


class _After:
    """What is written right after ``s[pos]``, read once for every table :func:`_longest` looks
    in there (the currency words, the measures, the measures by case)."""

    def __init__(self, s: str, pos: int):
        self.s, self.pos = s, pos
        ahead = window.ahead(s, pos)
        sym = _SYMBOL_AFTER.match(ahead)
        self.slash = sym.group(1) if sym and "/" in sym.group(1) else None
        self.slash_end = pos + sym.end() if sym else pos
        sym = _MARKED_SYMBOL_AFTER.match(ahead)
        self.symbol = sym.group(1).lower() if sym else None
        self.symbol_end = pos + sym.end() if sym else pos
        self._phrases: list[tuple[str, int]] = []  # (the first k words joined, where they end)
        self._words: list[str] = []
        self._at: int | None = pos  # where the next word is read; None after the last

    def phrases(self, max_words: int) -> list[tuple[str, int]]:
        """The first 1, 2, ... ``max_words`` words after ``pos`` (fewer where they stop), each
        joined by single spaces, and where each ends; read as far as asked."""
        s = self.s
        while len(self._phrases) < max_words and self._at is not None:
            at = self._at
            if not self._words and s[at:at + 1].isalpha():
                m = _GLUED_WORD.match(s, at)  # a word right after the number: "50km"
                word = m.group(0)
            else:
                m = TOKEN.match(s, at)
                if m is None:
                    self._at = None
                    break
                word = m.group(1)
            self._at = m.end()
            self._words.append(word)
            self._phrases.append((" ".join(self._words), self._at))
        return self._phrases


_SYMBOL_AFTER = re.compile(r"\s?([^\s\d(][^\s,;:)]*?)(?=[\s,;:)]|\.(?:\s|$)|$)")
_MARKED_SYMBOL_AFTER = re.compile(r"\s?(°[CF]|km²|m²)")


@lru_cache(maxsize=64)
def _after(s: str, pos: int) -> _After:
    return _After(s, pos)


def _hyphen_unit(s: str, n: Number, m: re.Match, lex: Lexicon, military: bool) -> Unit | None:
    word, second = m.group(1).lower(), (m.group(2) or "").lower()
    if word in ("year", "years") and second == "old":
        return Unit("year of age", "other_measure", m.end())
    if word == "strong":
        return Unit("troop", "personnel", m.end(), people=True)
    measure = lex.measures.get(word)
    if measure is not None:
        return Unit(measure[0], measure[1], m.start() + 1 + len(m.group(1)))
    if word in lex.nouns:
        noun = lex.nouns[word]
        return Unit(noun.unit, noun.category, m.start() + 1 + len(m.group(1)))
    if n.kind == "words" and word in lex.number_words:
        return None
    if word in ("plus", "odd"):
        return _noun_phrase(s, n, m.end(), lex, military)
    if is_noun(word) and not is_adjective(word):
        return Unit(singular(word), "other_count", m.start() + 1 + len(m.group(1)))
    return None


def _noun_phrase(s: str, n: Number, pos: int, lex: Lexicon, military: bool) -> Unit:
    """The counted noun after a number: "14 Russian battalions", "300 armoured vehicles"."""
    tokens = _np_tokens(s, pos)
    start = _phrase_start(s, n, pos, tokens, lex)
    if isinstance(start, Unit):
        return start
    head = _phrase_head(tokens, start, n, lex, military)
    if isinstance(head, Unit):
        return head
    if head is None:
        event = _event_after(s, pos, lex)
        if event is not None:
            unit = _people_in_sentence(s, lex) or lex.default_people_unit
            return Unit(unit, event, pos, people=True)
        return Unit(None, None, pos)
    return _unit_of_head(s, n, tokens, start, head, lex)


def _np_tokens(s: str, pos: int) -> list[tuple[str, int, int]]:
    """Up to six words after ``pos``, each with its start and end in ``s``."""
    tokens: list[tuple[str, int, int]] = []
    at = pos
    while len(tokens) < 6:
        m = _NP_TOKEN.match(s, at)
        if m is None:
            break
        tokens.append((m.group(1), m.start(1), m.end(1)))
        at = m.end()
    return tokens


def _phrase_start(s: str, n: Number, pos: int, tokens: list, lex: Lexicon) -> int | Unit:
    """Where the counted phrase starts among ``tokens`` (past "of the"), or the unit itself
    when it is already known: money ("hundreds of millions of dollars"), or none ("of them")."""
    allow_of = n.kind == "vague" or (n.scaled and n.kind == "words") or n.scaled
    if n.kind in ("vague", "words") or n.scaled:
        cur = re.match(r"\s+of\s+", window.ahead(s, pos))
        if cur:
            found, end = _currency_word_end(s, pos + cur.end() - 1, lex)
            if found is not None:  # "hundreds of millions of dollars"
                return Unit(found.code, "money", end)
    j = 0
    if allow_of and tokens and tokens[0][0].lower() == "of":
        j = 1
        if len(tokens) > 1 and tokens[1][0].lower() in ("the", "them", "these", "those", "its", "their", "our"):
            if tokens[1][0].lower() == "them":
                return Unit(None, None, pos)
            j = 2
    return j


def _domain_noun_at(tokens: list, j: int, n: Number, lex: Lexicon, military) -> tuple | None:
    """The longest lexicon noun starting at token ``j``, as a head tuple, or None."""
    longest = min(lex.noun_max_words, len(tokens) - j)
    if longest > 1 and tokens[j][0].lower() not in lex.noun_phrase_starts:
        longest = 1  # no noun of more words starts with this one
    for k in range(longest, 0, -1):
        words = [t[0].lower() for t in tokens[j:j + k]]
        key = " ".join(words)
        last_sing = " ".join(words[:-1] + [singular(words[-1])])
        noun = lex.nouns.get(key) or lex.nouns.get(last_sing)
        if noun is not None and (k > 1 or _is_plural_or_one(words[-1], n)):
            category = noun.category
            if noun.needs_context and (not military() or _civil_modifier(tokens, j, lex)):
                category = "other_count"  # "29 shipping companies" in a story of strikes
            return (noun.unit, category, j, j + k - 1, noun.category in lex.categories_with("counts_people"))
    return None


def _civil_modifier(tokens: list, j: int, lex: Lexicon) -> bool:
    """Whether the word before a noun of two senses gives it its civil sense (events.toml
    civil_modifiers): "shipping companies", "insurance units"; not "rifle companies"."""
    if j == 0:
        return False
    return tokens[j - 1][0] in lex.civil_modifiers


def _phrase_head(tokens: list, start_j: int, n: Number, lex: Lexicon, military) -> tuple | Unit | None:
    """The head noun of the counted phrase as (unit, category, first, last, people), a
    measure's unit ("3000 rpm"), or None: words are read left to right, skipping modifiers."""
    j = start_j
    head = None
    while j < len(tokens) and j - start_j < 4:
        word = tokens[j][0]
        lower = word.lower()
        # Domain nouns, longest first: "battalion tactical groups", "armoured vehicles".
        head = _domain_noun_at(tokens, j, n, lex, military)
        if head:
            break
        person = lex.people.get(lower) or lex.people.get(singular(lower))
        if person and (_is_plural_or_one(lower, n) or lower in ("people", "personnel")):
            head = (person, "other_count", j, j, True)
            break
        if lower in lex.casualty_words or lower in lex.displacement_words or lower in _ORDINALS:
            break
        last = j + 1 >= len(tokens)
        measure = None
        if j == start_j and word not in lex.actors and (not is_noun(lower) or (word[:1].isupper() and len(word) <= 4)) \
                and (last or not (tokens[j + 1][0][:1].isupper() or is_plural_noun(tokens[j + 1][0]))):
            measure = lookup_measure(word)  # "3000 rpm", "10 GB"; not "four FA Cup", "20 EV models"
        if measure:
            return Unit(measure[0], measure[1], tokens[j][2])
        if word.isdigit():
            if j > start_j and tokens[j - 1][0][:1].isupper():
                j += 1  # a model number: "Leopard 2 tanks"
                continue
            break
        if word[:1].isupper() and not word.isupper() and word in lex.actors and lower.endswith("s") \
                and not lower.endswith(("'s", "’s")) \
                and (last or not _domain_noun_ahead(tokens, j, lex)):
            head = (lex.default_people_unit, "other_count", j, j, True)  # "3 Germans", "millions of Americans"
            break
        if word in lex.actors or lower in _MODIFIER_WORDS:
            j += 1
            continue
        if lower in ("and", "or") and j > start_j and not last \
                and (is_adjective(tokens[j - 1][0]) or tokens[j - 1][0][:1].isupper()):
            j += 1  # "digital and physical sales"
            continue
        if lower in STOP:
            break
        if is_verb_only(lower):
            if not last and lower.endswith(("ing", "ed")) and tokens[j + 1][0].lower() not in STOP \
                    and not is_verb_only(tokens[j + 1][0]):
                j += 1  # "300 recorded songs", "400 charging stations"
                continue
            break
        if word[:1].isupper() and (j > start_j or _domain_noun_ahead(tokens, j, lex)) and not last:
            j += 1  # a name before the noun: "14 Challenger tanks", "24 F-16 jets"
            continue
        if "-" in word and not last:
            j += 1  # "anti-tank missiles", "long-range drones"
            continue
        if is_adjective(lower) and not is_plural_noun(lower):
            j += 1
            continue
        if word[:1].isupper() and j == 0:
            break  # "10 Downing Street"
        if is_plural_noun(lower) and not word.isupper() and not word[:1].isupper():
            head = (singular(lower), "other_count", j, j, False)
            break
        if n.value == 1 and is_noun(lower) and not word[:1].isupper():
            head = (singular(lower), "other_count", j, j, False)
            break
        if is_noun(lower) and not last and not word[:1].isupper():
            j += 1  # a noun used as a modifier: "heart transplants", "loan guarantees"
            continue
        break
    return head


def _unit_of_head(s: str, n: Number, tokens: list, start_j: int, head: tuple, lex: Lexicon) -> Unit:
    """The unit, category and object of a phrase from its head noun; people counted with an
    event word become casualties or displaced ("2,500 Wagner fighters were killed")."""
    unit, category, first, last, people = head
    end = tokens[last][2]
    if first == last:
        word = tokens[first][0].lower()
        noun = lex.nouns.get(word) or lex.nouns.get(singular(word))
        if noun is None or noun.category != category:  # no lexicon row, or one out of its context
            unit = _compound_unit(tokens, start_j, first, unit, lex)
    while start_j < last and tokens[start_j][0].lower() in _CHANGE_WORDS:
        start_j += 1  # "3,000 more troops": the object is "troops"
    obj_start = tokens[start_j][1]
    obj = s[obj_start:end]
    if people or category == "other_count" and unit in lex.people.values():
        event = _event_after(s, end, lex) or _event_before(s, n.start, lex)
        if event == "displaced" and category == "personnel":
            event = None  # troops that "crossed into" a country or were "evacuated" stay troops
        if event is not None:
            category = event  # "2,500 Wagner fighters were killed"
        people = True
    return Unit(unit, category, end, obj, obj_start, people)


def _compound_unit(tokens: list, start_j: int, first: int, unit: str, lex: Lexicon) -> str:
    """A counted noun of no lexicon row keeps the nouns and classifying words written before it:
    "113 healthcare facilities" -> "healthcare facility", "200 civilian employees" -> "civilian
    employee"; not "major", "specialized", names or demonyms ("29 major shipping companies" ->
    "shipping company"). Plain people words stay as they are ("Israeli people" -> "person")."""
    if unit in lex.plain_people_units:
        return unit
    i = first
    while i > start_j:
        word = tokens[i - 1][0]
        lower = word.lower()
        if not word.isalpha() and "-" not in word or word[:1].isupper() or lower in lex.dropped_modifiers \
                or lower in STOP or lower in lex.casualty_words or lower in lex.displacement_words \
                or lower.endswith("ed") or lower in _CHANGE_WORDS:
            break
        i -= 1
    if i == first:
        return unit
    return " ".join([t[0].lower() for t in tokens[i:first]] + [unit])


def _domain_noun_ahead(tokens, j: int, lex: Lexicon) -> bool:
    """Whether a counted noun follows a name within three words ("Challenger tanks",
    "Liverpool fans", "Model 3 sedans"), not another name ("Downing Street")."""
    for i in range(j + 1, min(j + 5, len(tokens))):
        word = tokens[i][0]
        w = word.lower()
        if w in lex.people or singular(w) in lex.people:
            return True
        for k in range(min(lex.noun_max_words, len(tokens) - i), 0, -1):
            words = [t[0].lower() for t in tokens[i:i + k]]
            if " ".join(words[:-1] + [singular(words[-1])]) in lex.nouns or " ".join(words) in lex.nouns:
                return True  # "Challenger tanks", "Marder infantry fighting vehicles"
        if w in ("and", "or"):
            continue  # "Kia and Hyundai vehicles"
        if w in STOP or w in _NP_ENDERS or is_verb_only(w) and not w.endswith(("ing", "ed")):
            return False  # "Bradley fighting vehicles" goes on; "Americans including ..." ends
        if is_plural_noun(w) and not word[:1].isupper():
            return True
    return False


def _is_plural_or_one(word: str, n: Number) -> bool:
    return n.value == 1 or is_plural_noun(word) or word in ("personnel", "people", "corps", "police", "aircraft", "servicemen", "men", "women", "children", "special forces", "staff")


_EVENT_GAP = re.compile(r"^(?:\s+(?:were|was|are|is|have|has|had|been|being|be|reportedly|also|now|already|either|and|or|who|later|since|in|the|fighting|strikes?|attacks?|shelling))*\s+", re.I)


def _event_after(s: str, pos: int, lex: Lexicon) -> str | None:
    gap = _EVENT_GAP.match(window.ahead(s, pos))
    at = pos + (gap.end() if gap else 0)
    if gap is None and not s[pos:pos + 1].isspace():
        return None
    m = lex.event_re.match(s, at)
    if not m:
        return None
    word = m.group(0).lower()
    return "casualties" if re.sub(r"\s+", " ", word) in lex.casualty_words else "displaced"


def _event_before(s: str, pos: int, lex: Lexicon) -> str | None:
    window = s[max(0, pos - 40):pos]
    m = re.search(r"\b(killing|killed|wounding|wounded|injuring|injured|lost|losing|loses|"
                  r"evacuated|evacuating|displaced|displacing|uprooting|uprooted|deaths of|death of)"
                  r"\s+(?:\w+\s+){0,2}$", window, re.I)
    if not m:
        return None
    word = m.group(1).lower()
    return "displaced" if word.startswith(("evacuat", "displac", "uproot")) else "casualties"


_PEOPLE_SEEN: dict[str, tuple[Lexicon, str | None]] = {}  # the last few sentences read


def _people_in_sentence(s: str, lex: Lexicon) -> str | None:
    """The first word for people in ``s`` ("civilians", "troops"), read once per sentence:
    every number with an event after it asks, and reading the sentence each time would make
    a long sentence of "5 were killed and ..." quadratic."""
    seen = _PEOPLE_SEEN.get(s)
    if seen is not None and seen[0] is lex:
        return seen[1]
    if len(_PEOPLE_SEEN) >= 16:
        _PEOPLE_SEEN.clear()
    found = _PEOPLE_SEEN[s] = (lex, _first_people_word(s, lex))
    return found[1]


def _first_people_word(s: str, lex: Lexicon) -> str | None:
    for m in re.finditer(r"[^\W\d_]+", s):
        w = m.group(0).lower()
        if (w in lex.people or singular(w) in lex.people) and singular(w) not in lex.speaking_people:
            return lex.people.get(w) or lex.people[singular(w)]
        noun = lex.nouns.get(w) or lex.nouns.get(singular(w))
        if noun and noun.category == "personnel":
            return noun.unit
    return None


def _money_object(s: str, fig: Mention) -> str | None:
    left = window.behind(s, fig.start)
    spaces = len(left) - len(left.rstrip())  # both patterns end in whitespace
    # The qualifier ends where the trailing whitespace starts.
    q = _QUALIFIER_LEFT.search(left, max(0, len(left) - spaces - _QUALIFIER_REACH)) if spaces else None
    if q:
        left = left[:q.start()]
    m = None
    if _MONEY_LINK.search(left[-30:]):
        # A match covers at most 7 runs of non-space (an article, 4 words, a link of 2): it is
        # looked for from the 7th run from the end, not tried at every letter of 80 characters.
        lo, head = max(0, len(left) - 80), left.rsplit(None, 7)
        m = _MONEY_OBJECT_LEFT.search(left, max(lo, len(head[0])) if len(head) == 8 else lo)
    if m:
        words = [w for w in m.group(1).split() if w.lower() not in STOP]
        if words:
            return " ".join(words)
    tokens = []
    at = fig.end
    while len(tokens) < 3:
        t = TOKEN.match(s, at)
        if t is None:
            break
        tokens.append(t.group(1))
        at = t.end()
    if tokens and tokens[0].lower() == "in" and len(tokens) > 1:
        tokens = tokens[1:]
    out = []
    for w in tokens:
        if w.lower() in STOP or is_verb_only(w) or not (is_noun(w) or is_adjective(w)):
            break
        out.append(w)
    return " ".join(out) or None
