"""Load the data files in tracker/extract/lexicons/ into one read-only Lexicon.

The words live in CSV and TOML files that say where they come from; this module only reads
them and builds the lookup tables and regular expressions the extractor uses. It is loaded
once per process (:func:`load_lexicon` is cached).
"""
from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

LEXICON_FILES = (
    "numbers.toml", "currencies.csv", "nouns.csv", "people.csv", "events.toml",
    "actors.csv", "attribution.toml", "qualifiers.csv", "non_figures.toml", "measures.csv",
    "categories.csv",
)

#: The columns of categories.csv that say yes or no: what a category does in the rules.
CATEGORY_FLAGS = (
    "counts_people", "has_actor", "takes_rates", "is_measure", "derivable", "lends_unit", "further_after",
)


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of a lexicon CSV; lines starting with '#' are its provenance notes."""
    text = resources.files("tracker.extract.lexicons").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


def read_toml(name: str) -> dict:
    text = resources.files("tracker.extract.lexicons").joinpath(name).read_text(encoding="utf-8")
    return tomllib.loads(text)


def alternation(phrases) -> str:
    """A regex matching any of the literal phrases, longest first; a space matches any run of
    whitespace. Built as a trie ("tank|tanks|tanker" -> "tank(?:er|s)?"), which Python's regex
    engine runs far faster than a flat list of alternatives.

    >>> re.match(alternation(["up", "up to", "under"]), "up  to 5").group(0)
    'up  to'
    """
    trie: dict = {}
    for phrase in sorted({p for p in phrases if p}):
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    ends = "" in node
    branches = []
    for char in sorted((c for c in node if c), key=lambda c: (-_depth(node[c]), c)):
        piece = r"\s+" if char == " " else re.escape(char)
        branches.append(piece + _trie_regex(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        # Optional continuation: greedy, so the longest phrase wins ("up to" before "up").
        return body + "?" if len(branches) == 1 and len(body) == len(branches[0]) and _single(branches[0]) \
            else "(?:" + "|".join(branches) + ")?"
    return body


def _single(piece: str) -> bool:
    return len(piece) == 1 or piece in (r"\s+",) or (len(piece) == 2 and piece[0] == "\\")


def _depth(node: dict) -> int:
    return 1 + max((_depth(child) for child in node.values()), default=0)


@dataclass(frozen=True)
class Currency:
    code: str
    name: str


@dataclass(frozen=True)
class Noun:
    unit: str
    category: str
    needs_context: bool


@dataclass(frozen=True)
class Qualifier:
    qualifier: str
    bound: str  # approx | max | max_approx | min | exact


@dataclass(frozen=True)
class Lexicon:
    number_words: dict[str, float]  # units and tens
    multipliers: dict[str, float]
    suffixes: dict[str, float]
    fractions: dict[str, float]
    vague_plurals: dict[str, float]
    vague_quantifiers: dict[str, tuple[float, float]]
    plural_range: tuple[float, float]
    largest_value: float  # larger values or bounds are not figures
    currency_symbols: dict[str, Currency]
    currency_words: dict[str, Currency]  # lower-case words after a number, and ISO codes
    currency_codes: dict[str, Currency]
    nouns: dict[str, Noun]  # lower-case singular word or phrase
    noun_max_words: int
    people: dict[str, str]
    casualty_words: frozenset[str]
    displacement_words: frozenset[str]
    event_re: re.Pattern
    military_context_re: re.Pattern
    default_people_unit: str
    actors: dict[str, str]  # exact-case word -> actor
    actor_re: re.Pattern
    reporting_verbs: frozenset[str]
    reporting_re: re.Pattern
    source_prefix_re: re.Pattern
    not_sources: frozenset[str]
    qualifiers_before: dict[str, Qualifier]
    qualifier_before_re: re.Pattern
    qualifiers_after: dict[str, Qualifier]
    qualifier_after_re: re.Pattern
    months: frozenset[str]
    weekdays: frozenset[str]
    year_range: tuple[int, int]
    year_words: frozenset[str]
    time_suffixes: frozenset[str]
    label_words: frozenset[str]
    ordinal_suffixes: frozenset[str]
    anaphoric_determiners: frozenset[str]
    anaphoric_max: float
    phone_re: re.Pattern
    measures: dict[str, tuple[str, str]]  # lower-case word -> (unit, category)
    measures_cased: dict[str, tuple[str, str]]
    measure_max_words: int
    categories: dict[str, str]  # category -> what it counts (categories.csv, in its order)
    category_flags: dict[str, frozenset[str]]  # flag of CATEGORY_FLAGS -> the categories that have it

    def categories_with(self, flag: str) -> frozenset[str]:
        """The categories for which ``flag`` (a column of categories.csv) is yes.

        >>> sorted(load_lexicon().categories_with("is_measure"))
        ['distance', 'duration', 'other_measure', 'percent']
        """
        return self.category_flags[flag]

    @property
    def categories_with_actor(self) -> frozenset[str]:
        """The categories whose figures have an actor (whose troops, losses or money)."""
        return self.category_flags["has_actor"]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read every lexicon file once and build the lookup tables."""
    numbers = read_toml("numbers.toml")
    events = read_toml("events.toml")
    attribution = read_toml("attribution.toml")
    nonfig = read_toml("non_figures.toml")

    symbols, words, codes = _currencies()
    nouns = {
        row["word"].lower(): Noun(row["unit"], row["category"], row["needs_context"] == "yes")
        for row in read_csv("nouns.csv")
    }
    people = {row["word"].lower(): row["unit"] for row in read_csv("people.csv")}
    actors = {row["word"]: row["actor"] for row in read_csv("actors.csv")}

    before, after = _qualifiers()
    measures, measures_cased = _measures()
    categories, category_flags = _categories()

    vague = numbers["vague"]
    event_words = set(events["casualty_words"]) | set(events["displacement_words"])
    return Lexicon(
        number_words={**numbers["units"], **numbers["tens"]},
        multipliers=dict(numbers["multipliers"]),
        suffixes=dict(numbers["suffixes"]),
        fractions=dict(numbers["fractions"]),
        vague_plurals=dict(vague["plurals"]),
        vague_quantifiers={k: tuple(v) for k, v in vague["quantifiers"].items()},
        plural_range=(vague["plural_low"], vague["plural_high"]),
        largest_value=float(numbers["limits"]["largest"]),
        currency_symbols=symbols,
        currency_words=words,
        currency_codes=codes,
        nouns=nouns,
        noun_max_words=max(len(w.split()) for w in nouns),
        people=people,
        casualty_words=frozenset(events["casualty_words"]),
        displacement_words=frozenset(events["displacement_words"]),
        event_re=re.compile(r"\b(?:" + alternation(event_words) + r")\b", re.I),
        military_context_re=re.compile(r"\b(?:" + alternation(events["military_context"]) + r")\b", re.I),
        default_people_unit=events["default_people_unit"],
        actors=actors,
        actor_re=re.compile(r"(?<![\w-])(?:" + alternation(actors) + r")(?![\w-])"),
        reporting_verbs=frozenset(attribution["reporting_verbs"]),
        reporting_re=re.compile(r"\b(?:" + alternation(attribution["reporting_verbs"]) + r")\b"),
        source_prefix_re=re.compile(r"\b(?:" + alternation(attribution["source_prefixes"]) + r")\s+", re.I),
        not_sources=frozenset(attribution["not_sources"]),
        qualifiers_before=before,
        qualifier_before_re=re.compile(r"(?:^|(?<=[^\w]))(" + alternation(before) + r")\s*$", re.I),
        qualifiers_after=after,
        qualifier_after_re=re.compile(r"^(?:\s*|-)(" + alternation(after) + r")\b", re.I),
        months=frozenset(nonfig["months"]),
        weekdays=frozenset(nonfig["weekdays"]),
        year_range=tuple(nonfig["year_range"]),
        year_words=frozenset(nonfig["year_words"]),
        time_suffixes=frozenset(nonfig["time_suffixes"]),
        label_words=frozenset(nonfig["label_words"]),
        ordinal_suffixes=frozenset(nonfig["ordinal_suffixes"]),
        anaphoric_determiners=frozenset(nonfig["anaphoric_determiners"]),
        anaphoric_max=nonfig["anaphoric_max"],
        phone_re=re.compile(nonfig["phone_pattern"]),
        measures=measures,
        measures_cased=measures_cased,
        measure_max_words=max(len(w.split()) for w in [*measures, *measures_cased]),
        categories=categories,
        category_flags=category_flags,
    )


def _currencies() -> tuple[dict[str, Currency], dict[str, Currency], dict[str, Currency]]:
    """currencies.csv as three lookups: by symbol, by lower-case word, by ISO code."""
    symbols: dict[str, Currency] = {}
    words: dict[str, Currency] = {}
    codes: dict[str, Currency] = {}
    for row in read_csv("currencies.csv"):
        cur = Currency(row["code"], row["name"])
        codes[row["code"]] = cur
        for sym in filter(None, row["symbols"].split("|")):
            symbols[sym] = cur
        for word in filter(None, row["words"].split("|")):
            words[word.lower()] = cur
    return symbols, words, codes


def _qualifiers() -> tuple[dict[str, Qualifier], dict[str, Qualifier]]:
    """qualifiers.csv as the phrases written before a number and those written after it."""
    before, after = {}, {}
    for row in read_csv("qualifiers.csv"):
        table = before if row["position"] == "before" else after
        table[row["phrase"]] = Qualifier(row["qualifier"], row["bound"])
    return before, after


def _measures() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """measures.csv as (unit, category) by lower-case word, and by exact word where case matters."""
    measures, measures_cased = {}, {}
    for row in read_csv("measures.csv"):
        target = measures_cased if row["case_sensitive"] == "yes" else measures
        key = row["word"] if row["case_sensitive"] == "yes" else row["word"].lower()
        target[key] = (row["unit"], row["category"])
    return measures, measures_cased


def _categories() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """categories.csv as what each category counts, and the categories each yes/no column names."""
    rows = read_csv("categories.csv")
    for row in rows:
        bad = {flag: row[flag] for flag in CATEGORY_FLAGS if row[flag] not in ("yes", "no")}
        if bad:
            raise ValueError(f"categories.csv: {row['category']}: not yes or no: {bad}")
    flags = {flag: frozenset(row["category"] for row in rows if row[flag] == "yes") for flag in CATEGORY_FLAGS}
    return {row["category"]: row["counts"] for row in rows}, flags
