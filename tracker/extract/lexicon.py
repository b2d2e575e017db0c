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

from tracker.extract.trie import PhraseMatcher, alternation  # noqa: F401 - alternation: used from here too

LEXICON_FILES = (
    "numbers.toml", "currencies.csv", "nouns.csv", "people.csv", "events.toml",
    "entities.csv", "entity_words.toml", "attribution.toml", "accounts.toml", "actor_roles.toml",
    "qualifiers.csv", "non_figures.toml", "measures.csv", "categories.csv", "dates.toml",
    "subtypes.toml", "roles.toml", "change.toml", "quantulum3_units.csv",
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


# Entities (lexicons/entities.csv): every alias, in the forms it is matched in.


@dataclass(frozen=True)
class EntityRow:
    name: str
    kind: str  # person | body | country | media
    country: str | None
    side: str | None


@dataclass(frozen=True)
class EntityAliases:
    forms: dict[str, EntityRow | None]  # a form as matched -> its entity; None: not an entity
    guarded: frozenset[str]  # forms of aliases written "the X": matched only after "the"/"The"
    aliases: dict[str, EntityRow]  # each alias as written in entities.csv
    pattern: PhraseMatcher  # any form, longest first, as a whole word


_SMALL_WORDS = frozenset("a an and at de del der des du for in la le of on the to van von y".split())


def alias_forms(alias: str) -> list[str]:
    """The forms an alias is matched in: as written; with its first word capitalised (it may
    start a sentence); with every lower-case word capitalised but small ones ("Gaza health
    ministry" -> "Gaza Health Ministry"); an alias written all in lower case also in capitals
    ("dpa" -> "DPA"). An apostrophe may be straight or curly.

    >>> alias_forms("health ministry in Gaza")
    ['health ministry in Gaza', 'Health ministry in Gaza', 'Health Ministry in Gaza']
    >>> alias_forms("Russia's defence ministry")[-1]
    'Russia’s Defence Ministry'
    """
    words = alias.split(" ")
    first = [words[0][:1].upper() + words[0][1:]] + words[1:]
    title = [w if (i and w in _SMALL_WORDS) or not w[:1].islower() else w[:1].upper() + w[1:]
             for i, w in enumerate(words)]
    forms = [alias, " ".join(first), " ".join(title)]
    if alias.islower():
        forms.append(alias.upper())
    forms += [f.replace("'", "’") for f in forms if "'" in f]
    return list(dict.fromkeys(forms))


def possessives(form: str) -> list[str]:
    """The possessive forms of an alias, as a word of text carries them ("Russia's", "Nato’s")."""
    forms = [form + "'s", form + "’s"]
    return forms + [form + "'", form + "’"] if form.endswith("s") else forms


@lru_cache(maxsize=1)
def entity_aliases() -> EntityAliases:
    """entities.csv and the not-entity phrases of entity_words.toml as one table of forms and
    one regular expression. Two entities may not share a form."""
    forms: dict[str, EntityRow | None] = {}
    guarded: set[str] = set()
    aliases: dict[str, EntityRow] = {}
    rows = [(row["alias"], EntityRow(row["name"], row["kind"], row["country"] or None, row["side"] or None))
            for row in read_csv("entities.csv")]
    rows += [(phrase, None) for phrase in read_toml("entity_words.toml")["not_entity_phrases"]]
    for alias, entity in rows:
        if entity is not None:
            aliases[alias] = entity
        after_article = alias.startswith("the ")
        for form in alias_forms(alias[4:] if after_article else alias):
            if forms.get(form, entity) != entity:
                raise ValueError(f"entities: {form!r} is both {forms[form]} and {entity}")
            forms[form] = entity
            if after_article:
                guarded.add(form)
    pattern = PhraseMatcher([f for f in forms if f not in guarded], after_the=guarded)
    return EntityAliases(forms, frozenset(guarded), aliases, pattern)


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
    fractions: dict[str, float]  # a part's name -> its size: "third" -> 1/3
    ratio_links: tuple[str, ...]  # "in", "out of": "one in five"
    not_after_half: frozenset[str]  # "second" in "the second half"
    vague_plurals: dict[str, float]
    vague_quantifiers: dict[str, tuple[float, float]]
    plural_range: tuple[float, float]
    largest_value: float  # larger values or bounds are not figures
    currency_symbols: dict[str, Currency]
    currency_words: dict[str, Currency]  # lower-case words after a number, and ISO codes
    currency_codes: dict[str, Currency]
    nouns: dict[str, Noun]  # lower-case singular word or phrase
    noun_max_words: int
    noun_phrase_starts: frozenset[str]  # the first words of the nouns of more than one word
    people: dict[str, str]
    casualty_words: frozenset[str]
    displacement_words: frozenset[str]
    event_re: re.Pattern
    capture_words: frozenset[str]
    #: Every casualty, displacement and capture word, to search a sentence for (group 1: the word).
    any_event_re: re.Pattern
    military_context_re: re.Pattern
    default_people_unit: str
    people_units: frozenset[str]  # every unit a people word gives
    counted_words: dict[str, tuple[str, str, bool]]  # word -> (unit, category, counts people)
    anaphoric_openers: tuple[str, ...]
    anaphoric_opener_re: re.Pattern
    #: Words for troops and formations (nouns.csv rows of personnel and military_unit that need
    #: no context, with a plural ending) and events.toml's armed_words.
    armed_re: re.Pattern
    civil_modifiers: frozenset[str]  # words that give "company", "unit", "division" their civil sense
    speaking_people: frozenset[str]  # people words that name who speaks, not who was hit
    plain_people_units: frozenset[str]  # people units that take no modifier ("person", "child")
    dropped_modifiers: frozenset[str]  # words before a counted noun that are not part of its unit
    actors: dict[str, str]  # an entity alias as written (and its possessive) -> its side
    actor_re: PhraseMatcher  # every alias and not-entity phrase; a match not in actors is none
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
    phone_hint_re: re.Pattern  # in every match of phone_re
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
    table = entity_aliases()
    actors = {form: row.side for form, row in table.forms.items() if row is not None and row.side}
    actors.update({form: side for base, side in list(actors.items()) for form in possessives(base)})

    before, after = _qualifiers()
    measures, measures_cased = _measures()
    categories, category_flags = _categories()

    vague = numbers["vague"]
    event_words = set(events["casualty_words"]) | set(events["displacement_words"])
    return Lexicon(
        number_words={**numbers["units"], **numbers["tens"]},
        multipliers=dict(numbers["multipliers"]),
        suffixes=dict(numbers["suffixes"]),
        fractions={word: 1 / parts for word, parts in numbers["fractions"].items()},
        ratio_links=tuple(numbers["shares"]["ratio_links"]),
        not_after_half=frozenset(numbers["shares"]["not_after_half"]),
        vague_plurals=dict(vague["plurals"]),
        vague_quantifiers={k: tuple(v) for k, v in vague["quantifiers"].items()},
        plural_range=(vague["plural_low"], vague["plural_high"]),
        largest_value=float(numbers["limits"]["largest"]),
        currency_symbols=symbols,
        currency_words=words,
        currency_codes=codes,
        nouns=nouns,
        noun_max_words=max(len(w.split()) for w in nouns),
        noun_phrase_starts=frozenset(w.split()[0] for w in nouns if " " in w),
        people=people,
        casualty_words=frozenset(events["casualty_words"]),
        displacement_words=frozenset(events["displacement_words"]),
        event_re=re.compile(r"\b(?:" + alternation(event_words) + r")\b", re.I),
        military_context_re=re.compile(r"\b(?:" + alternation(events["military_context"]) + r")\b", re.I),
        default_people_unit=events["default_people_unit"],
        **_context_words(events, nouns, people, category_flags),
        dropped_modifiers=frozenset(events["dropped_modifiers"]),
        actors=actors,
        actor_re=table.pattern,
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
        phone_hint_re=re.compile(nonfig["phone_hint"]),
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


def _context_words(events: dict, nouns: dict, people: dict, category_flags: dict) -> dict:
    """The Lexicon fields of events.toml that tracker.extract.counted and the unit readers use to
    read what a figure counts from its context."""
    event_words = set(events["casualty_words"]) | set(events["displacement_words"]) | set(events["capture_words"])
    armed = {w for w, n in nouns.items() if n.category in ("personnel", "military_unit") and not n.needs_context}
    armed |= set(events["armed_words"])
    counted = {w: (u, c, c in category_flags["counts_people"]) for w, (u, c) in events["counted_words"].items()}
    return dict(
        capture_words=frozenset(events["capture_words"]),
        any_event_re=re.compile(r"\b(" + alternation(event_words) + r")\b", re.I),
        people_units=frozenset(people.values()) | {events["default_people_unit"]},
        counted_words=counted,
        anaphoric_openers=tuple(events["anaphora"]["openers"]),
        anaphoric_opener_re=re.compile(r"\b(?:" + alternation(events["anaphora"]["before_number"]) + r")\s*$", re.I),
        armed_re=re.compile(r"\b(?:" + alternation(armed) + r")(?:s|es)?\b", re.I),
        plain_people_units=frozenset(events["plain_people_units"]),
        speaking_people=frozenset(events["speaking_people"]),
        civil_modifiers=frozenset(events["civil_modifiers"]),
    )
