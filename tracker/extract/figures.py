"""Figures in news text: text in, one row per figure out.

The pipeline, per sentence: find every number (tracker.extract.numbers), drop what is not a figure
(dates, times, years, ordinals, names with digits, phone numbers, counts of what is already
named), join ranges, read the unit after the number (percent, currency, measure, counted
noun), the qualifier before it, the change it reports, the actor whose troops or money it
counts and the source that states it (tracker.extract.attribution); then add derived figures
("14 battalions, each of about 800 troops" -> 11,200 troops). Nothing here raises on odd
text: a number the rules cannot read is left out.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

import pandas as pd

from tracker.extract.actors import assign_actors
from tracker.extract.attribution import Attribution, find_attribution, sentence_subject
from tracker.extract.lazy import Lazy as _Lazy
from tracker.extract.lexicon import Lexicon, load_lexicon
from tracker.extract.mention import Mention
from tracker.extract.units import lookup_measure
from tracker.extract.numbers import Number, find_numbers, scale, within_limits
from tracker.schema import COLUMNS, figure_id, to_frame
from tracker.extract.sentences import split_sentences
from tracker.extract.words import STOP, is_adjective, is_noun, is_plural_noun, is_verb_only, singular

_TOKEN = re.compile(r"[ \t\u00a0]+([^\W\d_][\w'’]*(?:[-.][^\W\d_][\w'’]*)*)")
_GLUED_WORD = re.compile(r"[^\W\d_][\w'’]*")
# Words of a noun phrase after a number: also model names ("F-16", "T-72") and model numbers
# after a name ("Leopard 2").
_NP_TOKEN = re.compile(r"[ \t\u00a0]+([^\W\d_][\w'’]*(?:-[\w'’]+)*|\d+(?=[ \t\u00a0]+[^\W\d_]))")
_PERCENT = re.compile(r"\s?(?:%|per\s?cent\b|percent\b|pct\b|percentage\s+points?\b|pc\b|percentage\b)", re.I)
_AGE = re.compile(r"\s?-?\s?(year|month|week|day)s?[-\s]old\b", re.I)
_APPOSITIVE_AGE = re.compile(r"[A-Z][\w’'-]+,\s*$")
_AGED = re.compile(r"\b(?:aged|ages|age of|ages of)\s+(?:\d+\s*(?:-|–|to|and)\s*)?$", re.I)
_RATE = re.compile(r"\s+(?:per|a|an|each|every)\s", re.I)
_RATE_WORDS = frozenset("""share head person capita unit night seat game ounce""".split())
_HYPHEN_WORD = re.compile(r"-([^\W\d_]+)(?:-([^\W\d_]+))?")
_CHANGE_BEFORE = re.compile(
    r"\b(?:(?P<further>further|additional|another|extra|fresh)|"
    r"(?P<increase>increased?|increasing|rose|rises?|rising|risen|grew|grows?|growing|jumped|jumps?|"
    r"climbed|climbs?|surged|soared|up(?!\s+to\b)|gained|boosted)|"
    r"(?P<decrease>decreased?|decreasing|fell|falls?|falling|fallen|dropped|drops?|declined?|"
    r"declining|down|cut|cuts|reduced|shrank|slumped|plunged|lower))"
    r"(?:\s+(?:by|of|to|some|about|around|nearly|almost|more than|over|up to))*\s*$",
    re.I,
)
_CHANGE_BY = re.compile(
    r"\b(?:(?P<increase>increased?|raised?|boosted?|expanded?|grew|grow|added)|"
    r"(?P<decrease>decreased?|cut|cuts|reduced?|lowered?|shrank|slashed?|trimmed?))"
    r"(?:\s+[\w'’]+){0,3}\s+by\s+(?:[\w'’]+\s+){0,2}$",
    re.I,
)
_CHANGE_AFTER = re.compile(r"^\s*(?:more|extra|additional)\b", re.I)
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


Figure = Mention  # the old name, until every caller says Mention


@dataclass(frozen=True)
class _Unit:
    unit: str | None
    category: str | None
    end: int  # where the figure's surface ends
    object: str | None = None
    head_start: int | None = None  # where the noun phrase starts (for actors)
    people: bool = False


# ---------------------------------------------------------------------------------------------
# Public API


def extract_figures(text, *, doc_id=None, source=None, published=None, url=None, title=None) -> pd.DataFrame:
    """Every figure in ``text`` as a DataFrame, one row per figure.

    Parameters
    ----------
    text : str
        The article (or any text). Offsets in the result index it as given.
    doc_id, source, published, url, title : str, optional
        Copied into every row. ``source`` is the outlet that published the text.

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`tracker.schema.COLUMNS`, in that order, with those dtypes;
        an empty frame has them too.

    Examples
    --------
    >>> df = extract_figures("The US offered Ukraine a loan guarantee of up to $1bn.")
    >>> df[["surface", "value", "high", "unit", "category", "actor"]].to_dict("records")
    [{'surface': '$1bn', 'value': 1000000000.0, 'high': 1000000000.0, 'unit': 'USD', 'category': 'money', 'actor': 'us'}]
    """
    return to_frame(figure_rows(text, doc_id=doc_id, source=source, published=published, url=url, title=title))


def figure_rows(text, *, doc_id=None, source=None, published=None, url=None, title=None) -> list[dict]:
    """The rows of :func:`extract_figures` as plain dicts (for streaming and batching)."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    text = str(text)
    meta = {"doc_id": _opt(doc_id), "source": _opt(source), "published": _opt(published),
            "title": _opt(title), "url": _opt(url)}
    rows = []
    largest = load_lexicon().largest_value
    for sentence_start, sentence, _attribution, figures in _figures_by_sentence(text):
        for fig in figures:
            if not within_limits(fig.value, fig.low, fig.high, largest=largest):
                continue  # numbers were checked; this holds for whatever is computed from them
            rows.append(_row(fig, meta, text, sentence_start, sentence))
    return rows


_FLOAT_COLUMNS = tuple(name for name, dtype in COLUMNS.items() if dtype == "float64")


def _row(mention: Mention, meta: dict, text: str, sentence_start: int, sentence: str) -> dict:
    """One row, a key for each column of COLUMNS in order: the document's metadata, where the
    mention stands in the document, and for every other column the Mention field of its name."""
    start, end = sentence_start + mention.start, sentence_start + mention.end
    values = {
        **vars(mention), **meta,
        "figure_id": figure_id(meta["doc_id"], start, end, mention.derived),
        "start": start, "end": end, "surface": text[start:end],
        "sentence": sentence, "sentence_start": sentence_start,
    }
    for name in _FLOAT_COLUMNS:
        values[name] = _float(values[name])
    return {name: values[name] for name in COLUMNS}


def extract_corpus(documents: Iterable[dict]) -> pd.DataFrame:
    """Figures of many documents (dicts with ``text`` and optional metadata) in one frame."""
    keys = ("doc_id", "source", "published", "url", "title")
    rows: list[dict] = []
    for doc in documents:
        rows.extend(figure_rows(doc.get("text"), **{k: doc.get(k) for k in keys}))
    return to_frame(rows)


def _float(value) -> float | None:
    """A bound as a float (never an int, which Parquet would have to fit in int64), or None."""
    return None if value is None else float(value)


def _opt(value) -> str | None:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


# ---------------------------------------------------------------------------------------------
# Sentences


_UNREAD = object()

# How far before and after a number its rules look. Every look is bounded so that the work per
# number does not grow with the sentence: a sentence of "hundreds of" 4,000 times over is linear.
_BEHIND = 200
_AHEAD = 200


def _behind(s: str, i: int) -> str:
    """The text just before ``s[i]`` (at most _BEHIND characters)."""
    return s[max(0, i - _BEHIND):i]


def _ahead(s: str, i: int) -> str:
    """The text from ``s[i]`` on (at most _AHEAD characters)."""
    return s[i:i + _AHEAD]


def _figures_by_sentence(text: str):
    """(sentence_start, sentence, attributed_to, figures) for each sentence with figures."""
    lex = load_lexicon()
    previous: str | None = None
    previous_attribution = _UNREAD  # read only when a sentence with figures needs it
    for sentence_start, sentence in split_sentences(text):
        figures = figures_in_sentence(sentence, lex)
        if not figures:
            previous, previous_attribution = sentence, _UNREAD
            continue
        if previous_attribution is _UNREAD:
            previous_attribution = find_attribution(previous, lex) if previous else None
        own = attribution = find_attribution(sentence, lex)
        if attribution is not None and attribution.pronoun:
            if previous_attribution is not None and not previous_attribution.pronoun:
                attribution = previous_attribution
            else:  # "..., it said": the subject of the sentence before
                subject = sentence_subject(previous) if previous else None
                attribution = Attribution(subject, attribution.start, attribution.end, False) if subject else None
        if attribution is None and previous_attribution is not None \
                and (previous.rstrip().endswith(":") or sentence[:1] in "“\"‘'"):
            attribution = previous_attribution  # a quote that goes on from the sentence before
        assign_actors(sentence, figures, own, lex)
        figures = figures + derive_figures(sentence, figures)
        for fig in figures:
            fig.attributed_to = attribution.text if attribution else None
        yield sentence_start, sentence, (attribution.text if attribution else None), figures
        previous, previous_attribution = sentence, own


# ---------------------------------------------------------------------------------------------
# One sentence


def figures_in_sentence(sentence: str, lex: Lexicon | None = None) -> list[Figure]:
    """The figures of one sentence, offsets relative to it (no attribution, no actors)."""
    lex = lex or load_lexicon()
    numbers = find_numbers(sentence, lex)
    phones = [m.span() for m in lex.phone_re.finditer(sentence)] if len(numbers) > 1 else []
    if not numbers:
        return []
    military = _Lazy(lambda: bool(lex.military_context_re.search(sentence)))
    skip = phones + [m.span() for m in _DATE.finditer(sentence)] if len(numbers) > 1 else phones
    numbers = [n for n in numbers
               if not any(a <= n.start < b for a, b in skip) and not _is_not_a_figure(sentence, n, lex)]
    units = [_read_unit(sentence, n, lex, military) for n in numbers]
    _share_units_backwards(sentence, numbers, units)
    figures: list[Figure] = []
    i = 0
    while i < len(numbers):
        number, unit = numbers[i], units[i]
        if figures and number.start < figures[-1].end:
            i += 1
            continue
        first = number
        low = high = None
        i += 1
        nxt = numbers[i] if i < len(numbers) else None
        if nxt is not None and not (_looks_like_year(number, lex) and unit is not None
                                    and _is_year(sentence, number, unit, lex)):
            # Ranges: "between 3,000 and 5,000", "3-5 million", "10 to 15 per cent",
            # "$800,000 to $1.3 million", "252 miles to 287 miles".
            joined = _join_range(sentence, number, unit, nxt, units[i])
            if joined == "score":
                i += 1
                continue
            if joined is not None:
                number, low, high = joined
                unit = units[i]
                i += 1
        if unit is None:
            continue
        if not _keep(sentence, number, first, unit, lex):
            continue
        value = number.value if low is None else (low + high) / 2
        fig = Figure(first.start, unit.end, value, low, high, unit=unit.unit, category=unit.category,
                     object=unit.object, people=unit.people, head_start=unit.head_start)
        if low is not None:
            fig.qualifier = "between" if re.search(r"\bbetween\s+$", _behind(sentence, first.start), re.I) else "range"
        elif number.kind == "vague":
            fig.low, fig.high, fig.approx, fig.qualifier = number.low, number.high, True, "vague"
        _apply_qualifier(sentence, fig, first, lex)
        _apply_change(sentence, fig, first, lex)
        if fig.category == "money" and fig.object is None:
            fig.object = _money_object(sentence, fig, first)
        figures.append(fig)
    if len(figures) > 1:
        _inherit_units(sentence, figures, lex)
    return figures


_SHARED_UNIT_LINK = re.compile(r"\s*(?:-\s*)?(?:-|–|to|or|and|,)\s*", re.I)


def _share_units_backwards(s: str, numbers: list[Number], units: list) -> None:
    """A unit written once, after the last number: "eight or nine euros", "4.8 to 4.7
    percent", "a 7- or 8-inch screen", "four-, five- and six-cylinder engines"."""
    for i in range(len(numbers) - 2, -1, -1):
        here, after = units[i], units[i + 1]
        if here is None or here.unit is not None or after is None or after.unit is None:
            continue
        if numbers[i + 1].currency is not None and numbers[i].currency is None:
            continue  # "8 ($9)": the dollar sign belongs to the second number only
        if _SHARED_UNIT_LINK.fullmatch(s[numbers[i].end:numbers[i + 1].start]):
            units[i] = replace(after, end=numbers[i].end, object=None, head_start=None)


def _keep(s: str, number: Number, first: Number, unit: _Unit, lex: Lexicon) -> bool:
    """Whether a number with the unit read after it is a figure."""
    if unit.unit is None:
        if number.kind in ("words", "vague"):
            return False  # "one of them", "hundreds" alone: too vague to be a figure
        if re.match(r"[ \t]+[A-Z][a-z]", _ahead(s, number.end)) and number.currency is None:
            return False  # "10 Downing Street", "Boeing 787 Dreamliner"
        if number.currency is None and not number.scaled and not _bare_number_ok(s, number, lex):
            return False
    if _looks_like_year(number, lex) and _is_year(s, number, unit, lex):
        return False  # "in 2014", "the 2019 season"
    if number.kind == "words" and number.value <= lex.anaphoric_max \
            and unit.category not in lex.categories_with("is_measure") \
            and _anaphoric(s, first, lex):
        return False  # "the two leaders", "both sides"
    return True


_DATE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")
def _looks_like_year(n: Number, lex: Lexicon) -> bool:
    return (n.kind == "digits" and n.currency is None and not n.scaled and not n.glued
            and re.fullmatch(r"\d{4}", n.text) is not None and lex.year_range[0] <= n.value <= lex.year_range[1])


def _is_year(s: str, n: Number, unit: _Unit, lex: Lexicon) -> bool:
    """A four-digit number in the year range is a year unless it counts something: "1,000" has
    a comma, "about 1000 come" a qualifier, "1200 Russian troops" a counted noun, "2000 - 2500
    calories" a range to a number that is no year."""
    if lex.qualifier_before_re.search(s[max(0, n.start - 30):n.start]):
        return False
    prev = re.search(r"([^\W\d_]+)\W*$", _behind(s, n.start))
    after_year_word = bool(prev) and prev.group(1).lower() in lex.year_words
    if unit.unit is None:
        if after_year_word:
            return True  # "in 2018 to 3.9 million"
        after = re.match(r"\s*(?:-|–|to)\s*(\d(?:[\d,.]*\d)?)", _ahead(s, n.end))
        return not (after and not re.fullmatch(r"\d{2}|\d{4}", after.group(1)))
    return unit.category == "other_count" and after_year_word


_UNIT_FROM_BEFORE = re.compile(
    r"\b(?:from|to|than|versus|vs\.?|compared\s+with|against|and|or|including|of\s+(?:whom|which|them)|"
    r"(?:join|joining|reinforce|reinforcing)\s+the)\s+"
    r"(?:(?:about|around|roughly|some|nearly|almost|more\s+than|over|under|just|an\s+estimated)\s+)?$", re.I)


def _inherit_units(s: str, figures: list[Figure], lex: Lexicon) -> None:
    """A bare number after "from", "to", "than", "and" counts what the figure before it counts:
    "3.9 million headsets, up from 2.4 million", "killed 5 soldiers and wounded 20"."""
    for before, fig in zip(figures, figures[1:]):
        between = s[before.end:fig.start]
        if "," in between and not re.search(r"\b(?:up|down)\s+from\s+(?:\w+\s+)?$", between, re.I):
            continue  # ", bringing its total losses to 350,000": another quantity
        if fig.unit is None and before.unit is not None and _UNIT_FROM_BEFORE.search(_behind(s, fig.start)) \
                and not before.derived and before.category in lex.categories_with("lends_unit"):
            fig.unit, fig.category, fig.people = before.unit, before.category, before.people


def _is_not_a_figure(s: str, n: Number, lex: Lexicon) -> bool:
    # Only the words near the number matter: a window keeps this linear in the sentence's length.
    behind_start = max(0, n.start - _BEHIND)
    before = s[behind_start:n.start]
    after = _ahead(s, n.end)
    if n.kind == "digits" or n.kind == "words":
        # Glued to a word on the left: G7, F-16, Covid-19, MH17, S-400, "No.10".
        if before and (before[-1].isalnum() or before[-1] in "_/\\#@"):
            return True
        if len(before) >= 2 and before[-1] in "-‑" and before[-2].isalpha() \
                and not re.search(r"(?:^|\W)(?:sub|over|under|pre|post|mid|minus)-$", before, re.I):
            return True
        if len(before) >= 2 and before[-1] in ".:," and before[-2].isdigit():
            return True
    if n.kind == "digits":
        if n.glued:
            g = n.glued.lower().rstrip(".")
            if g in lex.time_suffixes or g in lex.ordinal_suffixes or g in ("s", "'s"):
                return True  # 10am, 3rd, the 1990s
        if re.match(r"[:/]\d|\.\d|-\d{1,2}-\d|['’]s\b", after):
            return True  # 14:00, 16/02/2022, 2022-02-16, 1990's
        if n.currency is None and re.match(r"\s*(?:a\.?m\b\.?|p\.?m\b\.?|o'clock|GMT|UTC|BST|CET|EST|EDT|PST|PDT|MSK|Kyiv time|local time)", after, re.I) \
                and n.value < 25:
            return True
    word_before = re.search(r"([^\W\d_][\w.&]*)\s*$", before)
    prev = word_before.group(1) if word_before else ""
    prev_l = prev.lower().rstrip(".")
    word_after = re.match(r"\s*([^\W\d_]+)", after)
    nxt = word_after.group(1).lower() if word_after else ""
    if n.kind in ("digits", "words"):
        if prev_l in lex.months or (nxt in lex.months and n.value <= 31 and n.value == int(n.value)):
            return True  # February 16, 16 February
        month_day = re.search(r"([^\W\d_]+)\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+$", before)
        if n.kind == "digits" and month_day and month_day.group(1).lower() in lex.months:
            return True  # the year of "Mar 9 2018"
        if n.kind == "digits" and re.search(r"([^\W\d_]+)\.?\s+\d{1,2}\s*[-–]\s*$", before) \
                and re.search(r"([^\W\d_]+)\.?\s+\d{1,2}\s*[-–]\s*$", before).group(1).lower() in lex.months:
            return True  # Sept. 20-24
        if n.kind == "digits" and prev_l in lex.weekdays and n.value <= 31 and "." not in n.text \
                and not _PERCENT.match(after):
            return True
    if n.kind != "digits" or n.currency is not None or n.scaled:
        return False
    raw = n.text
    if len(raw) > 1 and raw[0] == "0" and raw[1].isdigit():
        return True  # codes with a leading zero: "0401", "007"
    if prev_l in lex.label_words and "," not in raw and not n.glued and not _PERCENT.match(after):
        return True  # Article 5, Flight 370, Section 427
    # A capitalised word straight before a bare number names a model or a label ("Boeing 787",
    # "Windows 10"), unless it starts the sentence.
    if prev and prev[0].isupper() and behind_start + word_before.start(1) > 0 and prev_l not in lex.qualifiers_before \
            and not n.glued and prev_l not in lex.currency_words \
            and prev not in lex.actors and not _has_counted_unit(after, lex) and not _PERCENT.match(after):
        return True
    return False


def _has_counted_unit(after: str, lex: Lexicon) -> bool:
    m = _TOKEN.match(after) or re.match(r"()-([^\W\d_]+)", after)
    if not m:
        return bool(_PERCENT.match(after))
    word = (m.group(1) or m.group(2)).lower()
    return (word in lex.nouns or singular(word) in lex.nouns or word in lex.people
            or singular(word) in lex.people or word in lex.measures or word in lex.currency_words)


def _anaphoric(s: str, n: Number, lex: Lexicon) -> bool:
    m = re.search(r"([^\W\d_]+)\s+$", _behind(s, n.start))
    return bool(m) and m.group(1).lower() in lex.anaphoric_determiners


def _bare_number_ok(s: str, n: Number, lex: Lexicon) -> bool:
    """A plain number with no unit is kept when it reads as a quantity."""
    if n.value == int(n.value) and n.value < 10 and "." not in n.text:
        # Small bare integers are mostly ratings, list items and scores.
        return bool(re.search(r"\b(?:by|of|to|at|from|about|around|nearly|almost)\s+$", _behind(s, n.start), re.I))
    return True


def _join_range(s: str, a: Number, ua: _Unit | None, b: Number, ub: _Unit | None):
    """(number, low, high) when ``a`` and ``b`` write one range; "score" for "3-1"; else None."""
    a_end = ua.end if ua is not None and ua.unit is not None and ub is not None and ua.unit == ub.unit else a.end
    m = re.fullmatch(r"\s*(-|–|—|to|and|up\s+to)\s*", s[a_end:b.start], re.I)
    if not m:
        return None
    connector = m.group(1).lower()
    before = _behind(s, a.start)
    if connector.startswith("up") and not re.search(r"\bfrom\s+$", before, re.I):
        return None  # "from 450 sq ft up to 900 sq ft" is a range; "5 up to 9" alone is not
    if connector == "and" and not re.search(r"\bbetween\s+(?:\S+\s+)?$", before, re.I):
        return None
    if connector == "to" and ((re.search(r"\bby\s+$", before, re.I) and b.value > 2 * a.value) or (
            re.search(r"\bfrom\s+$", before, re.I) and _CHANGE_BEFORE.search(before[:-5].rstrip() + " "))):
        return None  # "rose from 5% to 7%", "increased by $43.6bn to $419.2bn": two values
        # (but "dropped by 1 to 1.5 degrees" is a range: its ends are of one size)
    if a.kind == "vague" or b.kind == "vague":
        return None
    if a.kind != b.kind and connector in ("-", "–", "—"):
        return None
    if ua is not None and ub is not None and ua.unit is not None and ub.unit is not None \
            and ua.unit != ub.unit and not ub.unit.startswith(ua.unit + " per "):
        return None  # "$62 and $68 per share" is one range of a rate
    lo, hi = a.value, b.value
    if b.scaled and not a.scaled and 0 < _unscaled(b) and a.value <= _unscaled(b):
        lo = scale(repr(a.value), b.value / _unscaled(b))  # "3-5 million": the scale is written once
    if connector in ("-", "–", "—") and a_end == a.end and not a.glued and a.currency is None \
            and b.currency is None and lo >= hi and not b.scaled:
        return "score"  # "won 3-1", "a 2-2 draw"
    if lo >= hi:
        return None
    if a.glued and a.glued != b.glued:
        return None
    merged = replace(b, currency=a.currency or b.currency, scaled=a.scaled or b.scaled)
    return merged, lo, hi


def _unscaled(n: Number) -> float:
    return n.base if n.base is not None else n.value


# ---------------------------------------------------------------------------------------------
# Units


def _read_unit(s: str, n: Number, lex: Lexicon, military: bool) -> _Unit | None:
    """The unit after a number, or _Unit(None, ...) for a bare number; None = not a figure."""
    unit = _read_base_unit(s, n, lex, military)
    if unit is not None and unit.unit is None and n.kind == "digits":
        return _unit_from_context(s, n, unit, lex, military)
    if unit is None or unit.unit is None or unit.category not in lex.categories_with("takes_rates"):
        return unit
    # Rates: "$52 a barrel", "5 percent a year", "40 hours a week", "$80 per sq m".
    paren = re.match(r"\s*\([^()]{1,40}\)", _ahead(s, unit.end))  # "9 billion shekels ($2.4bn) a year"
    m = _RATE.match(s, unit.end + (paren.end() if paren else 0))
    if m and not re.match(r"\s*[^\W\d_]+\s+(?:earlier|ago|before|later|after|on|from)\b", _ahead(s, m.end() - 1), re.I):
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


def _unit_from_context(s: str, n: Number, bare: _Unit, lex: Lexicon, military) -> _Unit:
    """A bare number whose sentence says what it counts elsewhere: "the number of Russian
    troops has risen to 148,000", "126,000 of them are ground troops". The surface stays the
    number as written."""
    m = _OF_THEM_ARE.match(s, n.end)
    counted = list(_COUNT_OF.finditer(s, max(0, n.start - _BEHIND), n.start)) if m is None else []
    at = m.end() - 1 if m else (counted[-1].end() - 1 if counted else None)
    if at is None:
        return bare
    probe = Number(at, at, "", 2.0)  # a plural count, to read the noun phrase there
    found = _noun_phrase(s, probe, at, lex, military)
    if found.unit is None or found.category == "other_count" and found.unit not in lex.people.values():
        return bare
    return _Unit(found.unit, found.category, bare.end, found.object, None, found.people)


def _read_base_unit(s: str, n: Number, lex: Lexicon, military: bool) -> _Unit | None:
    pos = n.end
    if n.currency is not None:
        return _Unit(n.currency.code, "money", _currency_word_end(s, pos, lex)[1] or pos, head_start=pos)
    m = _AGE.match(s, pos)
    if m:
        return _Unit(f"{m.group(1).lower()} of age", "other_measure", m.end())
    behind = max(0, n.start - _BEHIND)
    if (_AGED.search(s, behind, n.start) or _APPOSITIVE_AGE.search(s, behind, n.start) and re.match(r"\s*,", _ahead(s, pos))) \
            and n.kind == "digits" and not _PERCENT.match(s, pos):
        return _Unit("year of age", "other_measure", pos)  # "men aged 18 to 34", "Maddon, 66, said"
    if n.glued:
        g = n.glued
        longest = _longest(s, pos, lex.measures, lex.measure_max_words, lower=True)
        if longest is not None and longest[1] > pos + len(g):
            (unit, category), end = longest
            return _Unit(unit, category, end)
        found = lex.measures_cased.get(g) or lex.measures.get(g.lower())
        if found is None and g == "m":
            found = ("metre", "distance")  # numbers.py left "m" unscaled: "a 37m (121ft)-long"
        if found is None and g.lower() in ("pc", "pct"):
            found = ("percent", "percent")
        if found is None:
            found = lookup_measure(g)
        if found is None:
            return None  # 5G, 3D, 4K: names
        return _Unit(found[0], found[1], pos + len(g))
    m = _PERCENT.match(s, pos)
    if m:
        unit = "percentage point" if "point" in m.group(0).lower() else "percent"
        return _Unit(unit, "percent", m.end())
    m = re.match(r"\s?([€£$₴₽¥₹₪₩₺])(?![\w$])", _ahead(s, pos))
    if m and m.group(1) in lex.currency_symbols:  # "1,200€", "500 ₴"
        return _Unit(lex.currency_symbols[m.group(1)].code, "money", pos + m.end(), head_start=pos)
    if n.kind == "fraction":
        of = _fraction_unit(s, n, lex)
        if of.unit is not None:
            return of
    code = re.match(r"\s?([A-Z]{3})\b", _ahead(s, pos))
    if code and code.group(1) in lex.currency_codes:
        return _Unit(code.group(1), "money", pos + code.end())
    if n.kind == "digits" or n.kind == "words":
        # An ISO code before the number: "USD 5m", "EUR 500 million".
        code = re.search(r"\b([A-Z]{3})\s?$", _behind(s, n.start))
        if code and code.group(1) in lex.currency_codes:
            return _Unit(code.group(1), "money", pos)
    cur, end = _currency_word_end(s, pos, lex)
    if cur is not None:
        return _Unit(cur.code, "money", end)
    m = _HYPHEN_WORD.match(s, pos)
    if m:
        return _hyphen_unit(s, n, m, lex, military)
    measure = _longest(s, pos, lex.measures, lex.measure_max_words, lower=True) \
        or _longest(s, pos, lex.measures_cased, 1, lower=False)
    if measure is not None:
        (unit, category), end = measure
        return _Unit(unit, category, end)
    return _noun_phrase(s, n, pos, lex, military)


def _fraction_unit(s: str, n: Number, lex: Lexicon) -> _Unit:
    """ "1/16 of a pint": the unit is what the fraction is of, when that is a measure."""
    m = re.match(r"\s+of\s+(?:an?|the)\s+(?:[A-Z][\w.]*\s+)?", _ahead(s, n.end))
    if m:
        at = n.end + m.end() - 1
        measure = _longest(s, at, lex.measures, lex.measure_max_words, lower=True)
        if measure is not None:
            return _Unit(measure[0][0], measure[0][1], n.end)
        word = re.match(r"\s([^\W\d_]+)", _ahead(s, at))
        found = lookup_measure(word.group(1)) if word else None
        if found is not None:
            return _Unit(found[0], found[1], n.end)
    return _Unit(None, None, n.end)


def _currency_word_end(s: str, pos: int, lex: Lexicon):
    best = _longest(s, pos, lex.currency_words, 3, lower=True)
    if best is None:
        return None, None
    return best


def _longest(s: str, pos: int, table: dict, max_words: int, lower: bool):
    """Longest phrase of ``table`` written right after ``pos`` (whitespace first)."""
    sym = re.match(r"\s?([^\s\d(][^\s,;:)]*?)(?=[\s,;:)]|\.(?:\s|$)|$)", _ahead(s, pos))
    if sym and "/" in sym.group(1):
        key = sym.group(1).lower() if lower else sym.group(1)
        if key in table:
            return table[key], pos + sym.end()
    tokens = []
    at = pos
    for _ in range(max_words):
        if not tokens and s[at:at + 1].isalpha():
            m = _GLUED_WORD.match(s, at)  # a word right after the number: "50km"
            word = m.group(0)
        else:
            m = _TOKEN.match(s, at)
            if m is None:
                break
            word = m.group(1)
        at = m.end()
        tokens.append((word, at))
    best = None
    for k in range(len(tokens), 0, -1):
        phrase = " ".join(w for w, _ in tokens[:k])
        key = phrase.lower() if lower else phrase
        if key in table:
            best = (table[key], tokens[k - 1][1])
            break
    sym = re.match(r"\s?(°[CF]|km²|m²)", _ahead(s, pos))
    if best is None and sym and sym.group(1).lower() in table:
        best = (table[sym.group(1).lower()], pos + sym.end())
    return best


def _hyphen_unit(s: str, n: Number, m: re.Match, lex: Lexicon, military: bool) -> _Unit | None:
    word, second = m.group(1).lower(), (m.group(2) or "").lower()
    if word in ("year", "years") and second == "old":
        return _Unit("year of age", "other_measure", m.end())
    if word == "strong":
        return _Unit("troop", "personnel", m.end(), people=True)
    measure = lex.measures.get(word)
    if measure is not None:
        return _Unit(measure[0], measure[1], m.start() + 1 + len(m.group(1)))
    if word in lex.nouns:
        noun = lex.nouns[word]
        return _Unit(noun.unit, noun.category, m.start() + 1 + len(m.group(1)))
    if n.kind == "words" and word in lex.number_words:
        return None
    if word in ("plus", "odd"):
        return _noun_phrase(s, n, m.end(), lex, military)
    if is_noun(word) and not is_adjective(word):
        return _Unit(singular(word), "other_count", m.start() + 1 + len(m.group(1)))
    return None


def _noun_phrase(s: str, n: Number, pos: int, lex: Lexicon, military: bool) -> _Unit:
    """The counted noun after a number: "14 Russian battalions", "300 armoured vehicles"."""
    tokens = _np_tokens(s, pos)
    start = _phrase_start(s, n, pos, tokens, lex)
    if isinstance(start, _Unit):
        return start
    head = _phrase_head(tokens, start, n, lex, military)
    if isinstance(head, _Unit):
        return head
    if head is None:
        event = _event_after(s, pos, lex)
        if event is not None:
            unit = _people_in_sentence(s, lex) or lex.default_people_unit
            return _Unit(unit, event, pos, people=True)
        return _Unit(None, None, pos)
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


def _phrase_start(s: str, n: Number, pos: int, tokens: list, lex: Lexicon) -> int | _Unit:
    """Where the counted phrase starts among ``tokens`` (past "of the"), or the unit itself
    when it is already known: money ("hundreds of millions of dollars"), or none ("of them")."""
    allow_of = n.kind == "vague" or (n.scaled and n.kind == "words") or n.scaled
    if n.kind in ("vague", "words") or n.scaled:
        cur = re.match(r"\s+of\s+", _ahead(s, pos))
        if cur:
            found, end = _currency_word_end(s, pos + cur.end() - 1, lex)
            if found is not None:  # "hundreds of millions of dollars"
                return _Unit(found.code, "money", end)
    j = 0
    if allow_of and tokens and tokens[0][0].lower() == "of":
        j = 1
        if len(tokens) > 1 and tokens[1][0].lower() in ("the", "them", "these", "those", "its", "their", "our"):
            if tokens[1][0].lower() == "them":
                return _Unit(None, None, pos)
            j = 2
    return j


def _domain_noun_at(tokens: list, j: int, n: Number, lex: Lexicon, military) -> tuple | None:
    """The longest lexicon noun starting at token ``j``, as a head tuple, or None."""
    for k in range(min(lex.noun_max_words, len(tokens) - j), 0, -1):
        words = [t[0].lower() for t in tokens[j:j + k]]
        key = " ".join(words)
        last_sing = " ".join(words[:-1] + [singular(words[-1])])
        noun = lex.nouns.get(key) or lex.nouns.get(last_sing)
        if noun is not None and (k > 1 or _is_plural_or_one(words[-1], n)):
            category = noun.category
            if noun.needs_context and not military():
                category = "other_count"
            return (noun.unit, category, j, j + k - 1, noun.category in lex.categories_with("counts_people"))
    return None


def _phrase_head(tokens: list, start_j: int, n: Number, lex: Lexicon, military) -> tuple | _Unit | None:
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
            return _Unit(measure[0], measure[1], tokens[j][2])
        if word.isdigit():
            if j > start_j and tokens[j - 1][0][:1].isupper():
                j += 1  # a model number: "Leopard 2 tanks"
                continue
            break
        if word[:1].isupper() and not word.isupper() and word in lex.actors and lower.endswith("s") \
                and not lower.endswith(("'s", "’s")) \
                and (last or not _domain_noun_ahead(tokens, j, lex)):
            head = (singular(lower), "other_count", j, j, True)  # "3 Germans", "millions of Americans"
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


def _unit_of_head(s: str, n: Number, tokens: list, start_j: int, head: tuple, lex: Lexicon) -> _Unit:
    """The unit, category and object of a phrase from its head noun; people counted with an
    event word become casualties or displaced ("2,500 Wagner fighters were killed")."""
    unit, category, first, last, people = head
    end = tokens[last][2]
    while start_j < last and tokens[start_j][0].lower() in _CHANGE_WORDS:
        start_j += 1  # "3,000 more troops": the object is "troops"
    obj_start = tokens[start_j][1]
    obj = s[obj_start:end]
    if people or category == "other_count" and unit in lex.people.values():
        event = _event_after(s, end, lex) or _event_before(s, n.start, lex)
        if event is not None:
            category = event  # "2,500 Wagner fighters were killed"
        people = True
    return _Unit(unit, category, end, obj, obj_start, people)


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
    gap = _EVENT_GAP.match(_ahead(s, pos))
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
    m = re.search(r"\b(killing|killed|wounding|wounded|injuring|injured|captured|capturing|lost|losing|"
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
        if w in lex.people or singular(w) in lex.people:
            return lex.people.get(w) or lex.people[singular(w)]
        noun = lex.nouns.get(w) or lex.nouns.get(singular(w))
        if noun and noun.category == "personnel":
            return noun.unit
    return None


def _money_object(s: str, fig: Figure, first: Number) -> str | None:
    left = _behind(s, first.start)
    q = re.search(r"(?:\b(?:up to|about|around|nearly|almost|more than|over|at least|some|an estimated|roughly|as much as)\s+)$", left, re.I)
    if q:
        left = left[:q.start()]
    m = _MONEY_OBJECT_LEFT.search(left, max(0, len(left) - 80)) if _MONEY_LINK.search(left[-30:]) else None
    if m:
        words = [w for w in m.group(1).split() if w.lower() not in STOP]
        if words:
            return " ".join(words)
    tokens = []
    at = fig.end
    while len(tokens) < 3:
        t = _TOKEN.match(s, at)
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


# ---------------------------------------------------------------------------------------------
# Bounds, change, actors


def _apply_qualifier(s: str, fig: Figure, first: Number, lex: Lexicon) -> None:
    left = s[max(0, first.start - 40):first.start]
    m = lex.qualifier_before_re.search(left)
    qual = None
    if m:
        qual = lex.qualifiers_before.get(m.group(1).lower())
        if qual is None:
            qual = lex.qualifiers_before.get(re.sub(r"\s+", " ", m.group(1).lower()))
    if qual is None:
        m = lex.qualifier_after_re.match(s[fig.end:fig.end + 30])
        if m:
            qual = lex.qualifiers_after.get(re.sub(r"\s+", " ", m.group(1).lower()))
    if qual is None:
        return
    if fig.low is not None or fig.high is not None:
        if fig.qualifier == "vague":
            fig.qualifier = qual.qualifier
        return
    if qual.qualifier == "some" and fig.unit is None:
        return
    if fig.category == "duration" and qual.qualifier in ("over", "under", "below", "above"):
        return  # "€50bn over four years": during, not more than
    fig.qualifier = qual.qualifier
    if qual.bound == "approx":
        fig.approx = True
    elif qual.bound == "max":
        fig.high = fig.value
    elif qual.bound == "max_approx":
        fig.high, fig.approx = fig.value, True
    elif qual.bound == "min":
        fig.low = fig.value


def _apply_change(s: str, fig: Figure, first: Number, lex: Lexicon) -> None:
    left = s[max(0, first.start - 40):first.start]
    m = _CHANGE_BEFORE.search(left) or _CHANGE_BY.search(left)
    if m:
        fig.change = next(k for k, v in m.groupdict().items() if v)
        return
    if _CHANGE_AFTER.match(_ahead(s, fig.end)) and fig.category in lex.categories_with("further_after"):
        fig.change = "further"



# ---------------------------------------------------------------------------------------------
# Derived figures

_EACH_BETWEEN = re.compile(r"\beach\b", re.I)
_EACH_AFTER = re.compile(r"\s+each\b", re.I)


def derive_figures(s: str, figures: list[Mention]) -> list[Mention]:
    """"14 battalions ..., each numbering about 800 troops" -> 14 * 800 troops."""
    derived = []
    derivable = load_lexicon().categories_with("derivable")
    for a, b in zip(figures, figures[1:]):
        if a.derived or b.derived or a.unit is None or b.unit is None or a.unit == b.unit:
            continue
        if a.category not in derivable:
            continue  # products of money, percentages or measures are no counts
        between = s[a.end:b.start]
        each_after = _EACH_AFTER.match(s, b.end)
        if len(between) > 80 or not (_EACH_BETWEEN.search(between) or each_after):
            continue
        if min(a.value, b.value, *(v for v in (a.low, b.low) if v is not None)) < 0:
            continue  # products of negative counts mean nothing (and would swap the bounds)
        value = a.value * b.value
        # Bounds multiply too: "83 groups of up to 1,000 troops each" is up to 83,000; "between
        # 2 and 5 battalions, each of 800 troops" is 1,600 to 4,000 (value: the midpoint's product,
        # 2,800). A side without a bound gives its value.
        low = high = None
        if a.low is not None or b.low is not None:
            low = (a.low if a.low is not None else a.value) * (b.low if b.low is not None else b.value)
        if a.high is not None or b.high is not None:
            high = (a.high if a.high is not None else a.value) * (b.high if b.high is not None else b.value)
        if not within_limits(value, low, high, largest=load_lexicon().largest_value):
            continue
        derived.append(Mention(
            a.start, b.end, value, low, high, approx=a.approx or b.approx, change=a.change, unit=b.unit,
            category=b.category, object=b.object, actor=b.actor or a.actor, derived=True,
            formula=f"{_fmt(a.value)}*{_fmt(b.value)}",
        ))
    return derived


def _fmt(v: float) -> str:
    return f"{v:.0f}" if v == int(v) else f"{v:g}"
