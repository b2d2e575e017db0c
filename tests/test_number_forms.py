"""Number forms: shorthand ranges ("120-150,000"), thousands grouped by spaces ("45 100"),
bound verbs ("surpassing", "approaching"), shares of a whole ("a third", "one in five", in
percent) and fractions of a scale word ("half a million", "three and a half million").

The sentences are written for these tests in the style of news reports; no text is copied
from any article or benchmark. Expected values follow the project's annotation rules: a range
has low and high (value: their midpoint), "more than X" low X, "nearly X" high X and approx.
"""
from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import extract_figures
from tracker.extract.context import SentenceContext
from tracker.extract.lexicon import load_lexicon
from tracker.extract.numbers import find_numbers, parse_number_words
from tracker.extract.stages import run_stages

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
THIRD, TWO_THIRDS = 100 / 3, 200 / 3


def figures(text: str) -> list[dict]:
    """The figures written in ``text`` (no derived ones), in order."""
    frame = extract_figures(text)
    rows = [r for r in frame.to_dict("records") if not bool(r["derived"])]
    return sorted(rows, key=lambda r: r["start"])


def same(got, want) -> bool:
    if want is None:
        return got is None or bool(pd.isna(got))
    return got is not None and not pd.isna(got) and math.isclose(float(got), float(want), rel_tol=1e-6)


def check(text: str, expected: list[tuple]) -> None:
    """``expected``: one (value, low, high, approx, unit) per figure, in order."""
    rows = figures(text)
    got = [(r["surface"], r["value"], r["low"], r["high"], r["approx"], r["unit"]) for r in rows]
    assert len(rows) == len(expected), f"{text!r}: {got}"
    for row, (value, low, high, approx, unit) in zip(rows, expected):
        assert same(row["value"], value), (text, got)
        assert same(row["low"], low), (text, got)
        assert same(row["high"], high), (text, got)
        assert bool(row["approx"]) is approx, (text, got)
        assert row["unit"] == unit, (text, got)


SHORTHAND_RANGES = [
    ("Between 120-150,000 residents fled the coastal districts.", [(135_000, 120_000, 150_000, False, "resident")]),
    ("Some 3-4,000 troops crossed the river overnight.", [(3_500, 3_000, 4_000, True, "troop")]),
    ("The storm left 10-15,000 homes without power.", [(12_500, 10_000, 15_000, False, "home")]),
    ("Officials expect 1-2,000 volunteers.", [(1_500, 1_000, 2_000, False, "volunteer")]),
    ("Up to 2-3 million people could lose access to water.", [(2.5e6, 2e6, 3e6, False, "person")]),
    ("The plan costs 5-7,000,000 euros.", [(6e6, 5e6, 7e6, False, "EUR")]),
    # not shorthand: the first end is as long as the second's head, or the zeros would make it larger
    ("Between 1-1,000 fighters remain in the town.", [(500.5, 1, 1_000, False, "fighter")]),
    ("Prices ranged from 3-4,500 dollars.", [(2_251.5, 3, 4_500, False, "USD")]),
]

SPACE_GROUPS = [
    ("The ministry said 45 100 soldiers had died.", [(45_100, None, None, False, "troop")]),
    ("Another 390\u00a0000 were treated in hospitals.", [(390_000, None, None, False, None)]),
    ("The census counted 15 000 000 people.", [(15e6, None, None, False, "person")]),
    ("Another 50 000-70 000 soldiers are missing.", [(60_000, 50_000, 70_000, False, "troop")]),
    ("Estimates put the toll at 600\u202f000-700\u202f000 troops.", [(650_000, 600_000, 700_000, False, "troop")]),
    ("Roughly 2 500 tanks were lost.", [(2_500, None, None, True, "tank")]),
    # a year or a label before: two numbers
    ("In 2023 100 people drowned off the coast.", [(100, None, None, False, "person")]),
    ("Chapter 11 200 pages long, the report lists 40 sites.", [(200, None, None, False, "page"), (40, None, None, False, "site")]),
]

# A month day, a calibre, a compound: never one number (what else is read there is not the point).
NOT_GROUPED = [
    ("On March 15 200 people were evacuated.", 15_200),
    ("The army sent 18 155mm howitzers.", 18_155),
    ("They planted 20 100-year-old oaks.", 20_100),
    ("Fighting resumed on Monday 14 300 metres from the line.", 14_300),
    ("The list gave 12 345.6 as the total.", 12_345.6),
]

BOUND_WORDS = [
    ("The convoy carried approaching 5,000 fighters.", [(5_000, None, 5_000, True, "fighter")]),
    ("The toll is close to 2,000 deaths.", [(2_000, None, None, True, "death")]),
    ("Nearly 300 soldiers and almost 40 tanks were lost.", [(300, None, 300, True, "troop"), (40, None, 40, True, "tank")]),
    ("Deaths surpassing 10,000 civilians were reported.", [(10_000, 10_000, None, False, "civilian")]),
    ("Losses exceeded 200 tanks by May.", [(200, 200, None, False, "tank")]),
    ("Officials reported exceeding 500 drones.", [(500, 500, None, False, "drone")]),
    ("Just over 400 troops and just under 300 tanks arrived.", [(400, 400, None, False, "troop"), (300, None, 300, False, "tank")]),
    ("The number of injured was surpassing two thousand.", [(2_000, 2_000, None, False, "person")]),
]

SHARES = [
    ("Half of them were killed in the first week.", [(50, None, None, False, "percent")]),
    ("Nearly half of the hospitals were damaged.", [(50, None, 50, True, "percent")]),
    ("Less than half of the pledged aid arrived.", [(50, None, 50, False, "percent")]),
    ("A third of the villages lost power.", [(THIRD, None, None, False, "percent")]),
    ("Two-thirds of the fleet is grounded.", [(TWO_THIRDS, None, None, False, "percent")]),
    ("A quarter of the homes were destroyed.", [(25, None, None, False, "percent")]),
    ("Spending will rise by more than a quarter next year.", [(25, 25, None, False, "percent")]),
    ("Around a fifth of the population has left.", [(20, None, None, True, "percent")]),
    ("One in five children in the camps is malnourished.", [(20, None, None, False, "percent")]),
    ("More than one in five clinics has closed.", [(20, 20, None, False, "percent")]),
    ("One in ten shops reopened, and three in four schools.", [(10, None, None, False, "percent"), (75, None, None, False, "percent")]),
    ("One out of three recruits failed the test.", [(THIRD, None, None, False, "percent")]),
    ("1 in 4 households lacks heating.", [(25, None, None, False, "percent")]),
]

NOT_SHARES = [
    ("The meeting lasted half an hour.", []),
    ("Growth slowed in the second half of the year.", []),
    ("Sales fell in the first half of 2023.", []),
    ("He won a third term in office.", []),
    ("A quarter of an hour later the sirens stopped.", []),
    ("The talks resumed after an hour and a half.", []),
    # the number after "in" is a period, not a share of it: a count and a duration
    ("Rebels seized two in three days.", [(3, None, None, False, "day")]),
    ("Police arrested 12 in 2014 and 40 in 2015.", [(12, None, None, False, None), (40, None, None, False, None)]),
]

SCALED_PARTS = [
    ("A third of a million people fled the region.", [(1e6 / 3, None, None, False, "person")]),
    ("Half a million refugees crossed the border.", [(500_000, None, None, False, "refugee")]),
    ("A quarter of a million troops are massed there.", [(250_000, None, None, False, "troop")]),
    ("Three quarters of a million euros were spent.", [(750_000, None, None, False, "EUR")]),
    ("The fund holds three and a half million euros.", [(3.5e6, None, None, False, "EUR")]),
    ("They raised a million and a half dollars.", [(1.5e6, None, None, False, "USD")]),
    ("Two and a half thousand troops arrived.", [(2_500, None, None, False, "troop")]),
    ("The siege lasted three and a half years.", [(3.5, None, None, False, "year")]),
]


@pytest.mark.parametrize("text, expected", SHORTHAND_RANGES)
def test_shorthand_ranges(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text, expected", SPACE_GROUPS)
def test_thousands_grouped_by_spaces(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text, merged", NOT_GROUPED)
def test_digits_that_are_no_space_grouped_number(text, merged):
    assert all(not same(n.value, merged) for n in find_numbers(text))
    assert all(not same(r["value"], merged) for r in figures(text))


@pytest.mark.parametrize("text, expected", BOUND_WORDS)
def test_bound_words(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text, expected", SHARES)
def test_shares_of_a_whole_are_percent(text, expected):
    check(text, expected)
    assert all(r["category"] == "percent" for r in figures(text))


@pytest.mark.parametrize("text, expected", NOT_SHARES)
def test_words_that_are_no_share(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text, expected", SCALED_PARTS)
def test_parts_of_a_scale_word(text, expected):
    check(text, expected)


def test_a_ratio_does_not_count_the_noun_after_it():
    rows = figures("One in five families here owns a car.")
    assert [(r["surface"], r["value"]) for r in rows] == [("One in five", 20.0)]


def test_no_shorthand_range_after_a_year():
    assert all(r["value"] != 2_000 or pd.isna(r["low"]) for r in figures("In 2022-2,000 recruits joined."))


def test_phone_number_digits_are_no_figure():
    assert figures("Call 0800 123 456 for help.") == []


def test_number_words_with_parts():
    lex = load_lexicon()
    assert parse_number_words("a third of a million".split(), lex) == (pytest.approx(1e6 / 3), 5)
    assert parse_number_words("two and a half thousand tanks".split(), lex) == (2500.0, 5)
    assert parse_number_words("a million and a half".split(), lex) == (1.5e6, 5)


@SETTINGS
@given(st.integers(1, 998), st.integers(1, 998))
def test_shorthand_range_property(a, b):
    if a >= b:
        a, b = b, a
    if a == b:
        b += 1
    ctx = SentenceContext(f"Officials counted {a}-{b},000 people.", load_lexicon())
    found = run_stages(ctx)
    assert len(found) == 1
    assert (found[0].low, found[0].high) == (a * 1000.0, b * 1000.0)


@SETTINGS
@given(st.integers(1_000, 999_999_999), st.sampled_from([" ", "\u00a0", "\u202f", "\u2009"]))
def test_space_grouped_property(n, space):
    written = f"{n:,}".replace(",", space)
    numbers = find_numbers(f"Officials counted {written} people.")
    assert [(x.text, x.value) for x in numbers] == [(written, float(n))]


@SETTINGS
@given(st.text(alphabet="0123456789 -,.\u00a0", max_size=60))
def test_digit_soup_never_raises(text):
    frame = extract_figures(text)
    assert isinstance(frame, pd.DataFrame)
