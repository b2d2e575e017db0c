"""The sentence part of the extractor, stage by stage, and the rows built from its record.

Every sentence here was written for these tests in our own words, in the way news reports
figures; none is copied from an article or a benchmark.
"""
from __future__ import annotations

import copy
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import tracker.extract.figures as figures
from tracker.extract.bounds import bounds
from tracker.extract.change import change
from tracker.extract.context import SentenceContext
from tracker.extract.lexicon import Lexicon, load_lexicon
from tracker.extract.mention import Mention
from tracker.extract.non_figures import non_figures
from tracker.extract.numbers import numbers
from tracker.extract.phrases import carried_units, money_objects, units
from tracker.extract.ranges import ranges
from tracker.extract.stages import STAGES, run_stages
from tracker.schema import CATEGORIES, COLUMNS

ARTICLE = (
    "Britain's defence secretary said on Monday that about 130,000 Russian troops were massed "
    "near the border, up from 100,000 in January. Washington offered Kyiv a loan guarantee of up "
    "to $1bn, officials said. Moscow has deployed 14 battalions, each of about 800 troops, and "
    "between 30 and 40 per cent of its ground forces. \"We expect 5,000 more soldiers,\" he added."
)


# ---------------------------------------------------------------------------------------------
# Rows from the record


def test_every_row_has_exactly_the_columns_in_order():
    rows = figures.figure_rows(ARTICLE, doc_id="d1", source="Outlet", published="2022-02-14")
    assert len(rows) >= 6
    assert all(list(row) == list(COLUMNS) for row in rows)


def test_row_fields_come_from_the_mention_and_the_document():
    rows = figures.figure_rows(ARTICLE, doc_id="d1", source="Outlet", url="https://example.org/a")
    loan = next(r for r in rows if r["unit"] == "USD")
    assert (loan["surface"], loan["value"], loan["high"], loan["qualifier"]) == ("$1bn", 1e9, 1e9, "up to")
    assert (loan["doc_id"], loan["source"], loan["url"], loan["title"]) == ("d1", "Outlet", "https://example.org/a", None)
    assert loan["attributed_to"] == "officials"  # set on the mention by the attribution step
    assert ARTICLE[loan["start"]:loan["end"]] == "$1bn"
    assert loan["sentence"] == ARTICLE[loan["sentence_start"]:loan["sentence_start"] + len(loan["sentence"])]
    assert all(isinstance(r[name], float) for r in rows for name in ("value",))


def test_a_column_comes_from_the_mention_field_of_its_name(monkeypatch):
    """recipient is a column because it is a Mention field of that name: nothing else fills it."""
    without = {name: dtype for name, dtype in COLUMNS.items() if name != "recipient"}
    monkeypatch.setattr(figures, "COLUMNS", without)
    rows = figures.figure_rows("Canada will lend $120m to Kyiv.")
    assert list(rows[0]) == list(without)
    monkeypatch.setattr(figures, "COLUMNS", COLUMNS)
    rows = figures.figure_rows("Canada will lend $120m to Kyiv.")
    assert [(r["surface"], r["recipient"]) for r in rows] == [("$120m", "ukraine")]
    assert list(rows[0]) == list(COLUMNS)


def test_a_column_with_no_mention_field_is_an_error_not_a_silent_null(monkeypatch):
    monkeypatch.setattr(figures, "COLUMNS", {**COLUMNS, "no_such_field": "string"})
    with pytest.raises(ValueError, match="no_such_field"):
        figures.figure_rows("Canada will lend $120m to Kyiv.")


def test_figure_is_the_old_name_of_mention():
    assert figures.Figure is Mention


# ---------------------------------------------------------------------------------------------
# The stages, one by one: each is given what the stages before it make of the sentence


LEX = load_lexicon()
NOT_A_FIGURE = "not a figure"  # a reading whose unit says the number is none ("5G")


def context(text: str, lex: Lexicon = LEX) -> SentenceContext:
    return SentenceContext(text, lex)


def run_alone(stage, text: str, lex: Lexicon = LEX) -> tuple[list, list]:
    """(what ``stage`` is given, what it returns) for ``text``; the input is copied first, since
    the stages that fill in mentions change them in place."""
    ctx = context(text, lex)
    given = run_stages(ctx, STAGES[:STAGES.index(stage)])
    before = [copy.copy(item) for item in given]
    return before, stage(ctx, given)


def surface(text: str, mention: Mention) -> str:
    return text[mention.start:mention.end]


@pytest.mark.parametrize("text, expected", [
    ("Some 1.5m people and forty-two tanks", [("1.5m", 1.5e6), ("forty-two", 42.0)]),
    ("Two hundred and fifty tanks and a dozen jets", [("Two hundred and fifty", 250.0), ("a dozen", 12.0)]),
    ("Germany pledged €2.7bn", [("€2.7bn", 2.7e9)]),
    ("The cut is 3/4 of the budget", [("3/4", 0.75)]),
    ("Temperatures fell to -5 overnight", [("-5", -5.0)]),
    ("The post had 1.2k shares", [("1.2k", 1200.0)]),
    ("Hundreds of drones flew", [("Hundreds", 550.0)]),
    ("No figure is written here.", []),
])
def test_numbers_finds_every_number_as_written(text, expected):
    given, found = run_alone(numbers, text)
    assert given == []
    assert [(n.text, n.value) for n in found] == expected
    assert all(text[n.start:n.end] == n.text for n in found)


def test_numbers_says_how_each_number_was_written():
    _, found = run_alone(numbers, "Hundreds of drones cost €2.7bn, forty tanks 3/4 of that.")
    assert [(n.kind, n.low, n.high, n.currency and n.currency.code) for n in found] == [
        ("vague", 200.0, 900.0, None), ("digits", None, None, "EUR"), ("words", None, None, None),
        ("fraction", None, None, None)]


@given(st.integers(min_value=0, max_value=10**12))
@settings(max_examples=150, deadline=None)
def test_numbers_reads_any_whole_number_with_thousands_separators(n):
    text = f"Officials counted {n:,} troops."
    assert [(x.text, x.value) for x in numbers(context(text), [])] == [(f"{n:,}", float(n))]


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=9),
       st.sampled_from([("thousand", 10**3), ("million", 10**6), ("billion", 10**9), ("bn", 10**9), ("m", 10**6)]))
@settings(max_examples=150, deadline=None)
def test_numbers_scales_a_decimal_exactly(whole, tenth, scale_word):
    word, factor = scale_word
    written = f"{whole}.{tenth}" + (word if len(word) <= 2 else f" {word}")
    found = numbers(context(f"The fund holds ${written} in cash."), [])
    assert [(x.text, x.value) for x in found] == [(f"${written}", float(Decimal(f"{whole}.{tenth}") * factor))]


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_numbers_spans_slice_their_text_in_any_string(text):
    found = numbers(context(text), [])
    assert all(text[n.start:n.end] == n.text for n in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize("text, found, kept", [
    ("The G7 met at 10am on 16 February and pledged $5bn.", ["7", "10", "16", "$5bn"], ["$5bn"]),
    ("Readers can call (202) 555-0134; 300 seats remain.", ["202", "555", "0134", "300"], ["300"]),
    ("On 16/02/2022 some 40 trucks arrived.", ["16", "02", "2022", "40"], ["40"]),
    ("The F-16 and the Boeing 787 carried 12 crew.", ["16", "787", "12"], ["12"]),
    ("Article 5 binds all 30 members.", ["5", "30"], ["30"]),
    ("In the 1990s the club finished 3rd twice with 11 players.", ["1990", "3", "11"], ["11"]),
    ("At 14:00 about 200 people gathered.", ["14", "00", "200"], ["200"]),
    ("Covid-19 killed 15 million people.", ["19", "15 million"], ["15 million"]),
    # A year is no figure, but that depends on what follows it: the ranges stage decides.
    ("In 2014 Russia took Crimea with 40 tanks.", ["2014", "40"], ["2014", "40"]),
])
def test_non_figures_drops_numbers_that_are_none_whatever_follows(text, found, kept):
    given, left = run_alone(non_figures, text)
    assert [n.text for n in given] == found
    assert [n.text for n in left] == kept


@pytest.mark.parametrize("text, expected", [
    ("Russia moved 14 battalions and 300 armoured vehicles.",
     [("14", "battalion", "military_unit", "14 battalions"),
      ("300", "armoured vehicle", "equipment", "300 armoured vehicles")]),
    ("Prices rose 5 per cent to $52 a barrel.",
     [("5", "percent", "percent", "5 per cent"), ("$52", "USD per barrel", "money", "$52 a barrel")]),
    ("The menu costs eight or nine euros.",  # the unit written once is both numbers'
     [("eight", "EUR", "money", "eight"), ("nine", "EUR", "money", "nine euros")]),
    ("A 45-year-old man was held.", [("45", "year of age", "other_measure", "45-year-old")]),
    ("The jet flies 2,000 km at 900 km/h.",
     [("2,000", "km", "distance", "2,000 km"), ("900", "km per hour", "other_measure", "900 km/h")]),
    ("Funding reached hundreds of millions of dollars.",
     [("hundreds of millions", "USD", "money", "hundreds of millions of dollars")]),
    ("About 2,500 Wagner fighters were killed.",  # people with a casualty word
     [("2,500", "fighter", "casualties", "2,500 Wagner fighters")]),
    ("Officials said 1,200 civilians fled.", [("1,200", "civilian", "displaced", "1,200 civilians")]),
    ("The number of Russian troops has risen to 148,000.",  # the unit from the sentence
     [("148,000", "troop", "personnel", "148,000")]),
    ("Officials counted 20 companies near the front.", [("20", "company", "military_unit", "20 companies")]),
    ("Officials counted 20 companies listed on the exchange.",  # no military word: a plain count
     [("20", "company", "other_count", "20 companies")]),
    ("The index closed at 4,512 on Friday.", [("4,512", None, None, "4,512")]),
    ("Operators sold 5G phones.", [("5", NOT_A_FIGURE)]),
])
def test_units_reads_what_each_number_counts(text, expected):
    given, read = run_alone(units, text)
    assert [r.number for r in read] == given
    assert [(r.number.text, NOT_A_FIGURE) if r.unit is None
            else (r.number.text, r.unit.unit, r.unit.category, text[r.number.start:r.unit.end])
            for r in read] == expected


def test_units_gives_the_noun_phrase_counted_as_the_object():
    """Each number is read on its own: the 2 of "Leopard 2" too (the ranges stage hides it)."""
    _, read = run_alone(units, "Poland sent 14 Leopard 2 tanks and 3,000 more troops.")
    assert [(r.number.text, r.unit.unit, r.unit.object) for r in read] == [
        ("14", "tank", "Leopard 2 tanks"), ("2", "tank", "tanks"), ("3,000", "troop", "troops")]


NEWS_NUMBERS = st.one_of(
    st.integers(0, 10**7).map(lambda n: f"{n:,}"),
    st.sampled_from(["1.5m", "$2bn", "€40m", "3/4", "forty-two", "a dozen", "hundreds", "12%", "5G", "10am",
                     "2014", "-3", "7.5 million", "20km", "3-5", "between 2 and 4"]),
)
NEWS_WORDS = st.sampled_from(["troops", "Russian", "tanks", "were", "killed", "per cent", "of", "the",
                              "civilians", "fled", "a", "year", "battalions", "about", "up to", "and",
                              "dollars", "km", "Kyiv", "said", "-year-old", "people", "each", ","])


@given(st.lists(st.one_of(NEWS_NUMBERS, NEWS_WORDS), min_size=1, max_size=14))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_units_reads_a_category_with_every_unit_and_ends_after_its_number(words):
    text = " ".join(words).replace(" -year-old", "-year-old")
    ctx = context(text)
    for reading in units(ctx, non_figures(ctx, numbers(ctx, []))):
        unit = reading.unit
        if unit is None or unit.unit is None:
            continue
        assert unit.category in CATEGORIES, (text, reading)
        assert unit.end >= reading.number.end, (text, reading)


@pytest.mark.parametrize("text, expected", [
    ("Between 3,000 and 5,000 troops left.", [("3,000 and 5,000 troops", 4000.0, 3000.0, 5000.0, "between")]),
    ("Some 3-5 million people fled.", [("3-5 million people", 4e6, 3e6, 5e6, "range")]),
    ("The deal is worth $800,000 to $1.3 million.",
     [("$800,000 to $1.3 million", 1.05e6, 8e5, 1.3e6, "range")]),
    ("The road runs 252 miles to 287 miles.", [("252 miles to 287 miles", 269.5, 252.0, 287.0, "range")]),
    ("Unemployment fell 10 to 15 per cent.", [("10 to 15 per cent", 12.5, 10.0, 15.0, "range")]),
    ("Inflation rose from 5% to 7%.",  # two values, not a range
     [("5%", 5.0, None, None, None), ("7%", 7.0, None, None, None)]),
    ("Russia sent 5 tanks to 3 brigades.",  # ends of other units
     [("5 tanks", 5.0, None, None, None), ("3 brigades", 3.0, None, None, None)]),
    ("Spain won 3-1 on Sunday.", []),  # a score
    ("In 2014 Russia took Crimea with 40 tanks.", [("40 tanks", 40.0, None, None, None)]),  # a year
    ("The two leaders met.", []),  # "the two": the leaders already named
    ("Poland sent 14 Leopard 2 tanks.", [("14 Leopard 2 tanks", 14.0, None, None, None)]),  # 2 is in its phrase
])
def test_ranges_makes_mentions_joining_ranges(text, expected):
    _, mentions = run_alone(ranges, text)
    assert [(surface(text, m), m.value, m.low, m.high, m.qualifier) for m in mentions] == expected


@given(st.integers(1, 10**6), st.integers(1, 10**6), st.sampled_from(["troops", "tanks", "civilians", "drones"]))
@settings(max_examples=200, deadline=None)
def test_ranges_joins_any_between_a_and_b(a, b, noun):
    low, high = sorted((a, b))
    assume(low < high)
    text = f"Officials counted between {low:,} and {high:,} {noun}."
    mentions = run_stages(context(text), STAGES[:STAGES.index(ranges) + 1])
    assert [(m.low, m.high, m.value, m.qualifier) for m in mentions] == [
        (float(low), float(high), (low + high) / 2, "between")]


@pytest.mark.parametrize("text, expected", [
    ("About 800 troops arrived.", [("800 troops", "about", None, None, True)]),
    ("The US offered up to $1bn.", [("$1bn", "up to", None, 1e9, False)]),
    ("More than 500 civilians were hurt.", [("500 civilians", "more than", 500.0, None, False)]),
    ("Nearly 200 tanks were lost.", [("200 tanks", "nearly", None, 200.0, True)]),
    ("Fewer than 30 jets remain.", [("30 jets", "fewer than", None, 30.0, False)]),
    ("It has 500 tanks or more.", [("500 tanks", "or more", 500.0, None, False)]),  # written after
    ("Exactly 40 trucks arrived.", [("40 trucks", "exactly", None, None, False)]),
    ("Hundreds of drones flew.", [("Hundreds of drones", "vague", 200.0, 900.0, True)]),
    ("The siege lasted over four years.", [("four years", None, None, None, False)]),  # "over": during
    # bounds set by ranges; "some" makes the range an estimate
    ("Some 3-5 million people fled.", [("3-5 million people", "range", 3e6, 5e6, True)]),
    ("Between 3,000 and 5,000 troops left.", [("3,000 and 5,000 troops", "between", 3e3, 5e3, False)]),
])
def test_bounds_reads_qualifiers_and_vague_amounts(text, expected):
    given, mentions = run_alone(bounds, text)
    assert [(surface(text, m), m.qualifier, m.low, m.high, m.approx) for m in mentions] == expected
    assert all(m.qualifier in (None, "range", "between") and not m.approx for m in given)


@pytest.mark.parametrize("text, expected", [
    ("Prices rose by 5% this year.", [("5%", "increase")]),
    ("Sales were up 12 percent.", [("12 percent", "increase")]),
    ("The army cut 3,000 jobs.", [("3,000 jobs", "decrease")]),
    ("Kyiv increased its budget by $2bn.", [("$2bn", "increase")]),
    ("The plan will boost the force by 5,000 troops.", [("5,000 troops", "increase")]),
    ("Berlin will expand the mission by 300 soldiers.", [("300 soldiers", "increase")]),
    ("Moscow will trim its budget by $3bn and slash aid by $1bn.", [("$3bn", "decrease"), ("$1bn", "decrease")]),
    ("The ministry will lower the age limit by 5 years.", [("5 years", "decrease")]),
    ("Exports rose  more than  20% in May.", [("20%", "increase")]),  # any spaces between
    ("Aid of up to $5bn was promised.", [("$5bn", None)]),  # "up to": a bound, not a rise
    ("Britain will send another 2,000 troops.", [("2,000 troops", "further")]),
    ("Russia has 2,000 troops more than in May.", [("2,000 troops", "further")]),
    ("Ukraine bought 300 trucks more than planned.", [("300 trucks", None)]),  # not a count that grows
    ("Poland bought 250 tanks.", [("250 tanks", None)]),
])
def test_change_reads_the_change_reported(text, expected):
    given, mentions = run_alone(change, text)
    assert all(m.change is None for m in given)
    assert [(surface(text, m), m.change) for m in mentions] == expected


@pytest.mark.parametrize("text, expected", [
    ("Canada sent $50m in military aid.", [("$50m", "military aid")]),
    ("Washington approved a loan of $1bn.", [("$1bn", "Washington approved loan")]),
    ("Kyiv needs 300 tanks worth $2bn.", [("300 tanks", "tanks"), ("$2bn", "tanks")]),
    ("The EU gave €500m.", [("€500m", None)]),
])
def test_money_objects_says_what_money_is_for(text, expected):
    given, mentions = run_alone(money_objects, text)
    assert all(m.object is None for m in given if m.category == "money")
    assert [(surface(text, m), m.object) for m in mentions] == expected


@pytest.mark.parametrize("text, expected", [
    ("Russia has 190,000 troops, up from 100,000 in May.",
     [("190,000 troops", "troop", "personnel"), ("100,000", "troop", "personnel")]),
    ("Losses rose to 60 tanks from 45.", [("60 tanks", "tank", "equipment"), ("45", "tank", "equipment")]),
    ("Russia lost 60 drones and 45 on Monday.", [("60 drones", "drone", "equipment"), ("45", "drone", "equipment")]),
    ("Kyiv got $2bn, up from 800 million.", [("$2bn", "USD", "money"), ("800 million", "USD", "money")]),
    # A percentage or a duration lends no unit (lexicons/categories.csv, lends_unit).
    ("Inflation hit 5 percent, up from 4.", [("5 percent", "percent", "percent"), ("4", None, None)]),
    ("The talks lasted 3 days, up from 2.", [("3 days", "day", "duration"), ("2", None, None)]),
    ("The toll of 120 soldiers compares with 80 in March.",  # "compares with": no link it reads
     [("120 soldiers", "troop", "personnel"), ("80", None, None)]),
])
def test_carried_units_gives_a_bare_number_the_unit_before_it(text, expected):
    given, mentions = run_alone(carried_units, text)
    assert given[-1].unit is None
    assert [(surface(text, m), m.unit, m.category) for m in mentions] == expected


# ---------------------------------------------------------------------------------------------
# What a category does is the data of lexicons/categories.csv


def _with_flag(flag: str, add: set[str] = frozenset(), drop: set[str] = frozenset()) -> Lexicon:
    flags = dict(LEX.category_flags)
    flags[flag] = (flags[flag] | add) - drop
    return replace(LEX, category_flags=flags)


@pytest.mark.parametrize("stage, text, flag, add, drop, pick, before, after", [
    (carried_units, "Inflation hit 5 percent, up from 4.", "lends_unit", {"percent"}, set(),
     lambda m: m[-1].unit, None, "percent"),
    (change, "Ukraine bought 300 trucks more than planned.", "further_after", {"other_count"}, set(),
     lambda m: m[0].change, None, "further"),
    (units, "Prices rose to $52 a barrel.", "takes_rates", set(), {"money"},
     lambda r: r[0].unit.unit, "USD per barrel", "USD"),
    (ranges, "The two kilometres were mined.", "is_measure", set(), {"distance"},
     lambda m: len(m), 1, 0),
])
def test_a_category_flag_changes_what_its_stage_does(stage, text, flag, add, drop, pick, before, after):
    assert pick(run_alone(stage, text)[1]) == before
    assert pick(run_alone(stage, text, _with_flag(flag, add, drop))[1]) == after


# ---------------------------------------------------------------------------------------------
# The list of stages


def test_the_stages_in_order():
    assert [stage.__name__ for stage in STAGES] == [
        "numbers", "non_figures", "units", "ranges", "bounds", "change", "money_objects", "carried_units"]


def test_figures_in_sentence_is_what_the_stages_make():
    text = "Moscow has deployed 14 battalions, each of about 800 troops, and up to $1bn."
    found = figures.figures_in_sentence(text)
    assert found == run_stages(context(text)) and len(found) == 3


def test_an_empty_list_ends_the_run():
    calls = []

    def spy(ctx, items):
        calls.append(items)
        return items

    assert run_stages(context("No figure is written here."), (numbers, spy)) == []
    assert calls == []
    assert run_stages(context("About 800 troops."), (numbers, spy))
    assert len(calls) == 1


def test_a_later_stage_plugs_in_and_sets_a_field_of_its_own():
    def recipient(ctx, mentions):
        for m in mentions:
            if m.category == "money" and " to Ukraine" in ctx.text[m.end:m.end + 12]:
                m.recipient = "ukraine"
        return mentions

    text = "Canada lent $120m to Ukraine and 40 tanks."
    found = run_stages(context(text), (*STAGES, recipient))
    assert [(surface(text, m), m.recipient) for m in found] == [("$120m", "ukraine"), ("40 tanks", None)]


class _CountingSearch:
    def __init__(self, pattern):
        self.pattern, self.calls = pattern, 0

    def search(self, text):
        self.calls += 1
        return self.pattern.search(text)


@pytest.mark.parametrize("text, searches", [
    ("Officials counted 20 companies and 30 companies near the front.", 1),  # asked twice, read once
    ("Russia sent 14 battalions and 40 tanks.", 0),  # no noun needs to know
])
def test_the_military_context_is_read_once_and_only_when_a_figure_asks(text, searches):
    counting = _CountingSearch(LEX.military_context_re)
    lex = replace(LEX, military_context_re=counting)
    run_stages(context(text, lex))
    assert counting.calls == searches


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab1_.& -,Z\u00e9\u0661\n", max_size=24))
def test_the_word_before_a_number_is_what_the_end_anchored_pattern_found(text):
    """non_figures reads the word before a number backwards; it is the word the pattern
    ``([^\\W\\d_][\\w.&]*)\\s*$`` (tried from every start, and slow) finds."""
    import re

    from tracker.extract.non_figures import _word_at_end

    m = re.search(r"([^\W\d_][\w.&]*)\s*$", text)
    assert _word_at_end(text) == ((m.group(1), m.start(1)) if m else ("", -1))
