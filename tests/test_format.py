"""Tests for ``tracker.analysis.format``: numbers as the dashboard shows them.

Rows: counts the pages show (figures, files, corrections) and values from the seed corpus
(145,000 troops, $1bn, 0.5 per cent); the odd ones (None, NaN, infinity, text) on purpose.
"""
from __future__ import annotations

import math

import pytest

from tracker.analysis.format import format_number

FORMAT_CASES = [
    # (value, unit, shown)
    (0, None, "0"),
    (12, None, "12"),
    (1234, None, "1,234"),
    (145000.0, "troop", "145,000 troop"),
    (1e9, "USD", "1,000,000,000 USD"),
    (-2500.0, None, "-2,500"),
    (0.5, "percent", "0.5 percent"),
    (1234.5678, None, "1,234.57"),
    (0.004, None, "0.004"),
    (None, None, ""),
    (math.nan, "troop", ""),
    (math.inf, None, "∞"),
    ("12", None, "12"),
    ("not a number", None, ""),
]


@pytest.mark.parametrize("value, unit, shown", FORMAT_CASES)
def test_format_number(value, unit, shown):
    assert format_number(value, unit) == shown


@pytest.mark.parametrize("as_of, precision, shown", [
    ("2024-03-12", "day", "12 Mar 2024"),
    ("2024-03-01", "month", "Mar 2024"),  # "in March 2024": not the first of March
    ("2023-01-01", "year", "2023"),  # "last year"
    ("2024-12-31", None, "31 Dec 2024"),  # a corrected date without a precision is a day
    (None, None, ""),
    (float("nan"), "day", ""),
    ("sometime", "day", "sometime"),  # not an ISO date: as it is, never an error
])
def test_format_as_of(as_of, precision, shown):
    from tracker.analysis.format import format_as_of

    assert format_as_of(as_of, precision) == shown


VALUE_CASES = [
    # (value, unit, qualifier, low, high) -> shown; figures as news writes them
    pytest.param((145000.0, "troop", "more than", 145000.0, None), "more than 145,000 troops", id="more-than"),
    pytest.param((179500.0, "personnel", "between", 169000.0, 190000.0), "169,000–190,000 personnel", id="range"),
    pytest.param((1e9, "USD", "up to", None, 1e9), "up to $1bn", id="money-up-to"),
    pytest.param((1.2e9, "EUR", None, None, None), "€1.2bn", id="euro-billions"),
    pytest.param((6e8, "EUR", None, None, None), "€600m", id="euro-millions"),
    pytest.param((8.8e7, "GBP", None, None, None), "£88m", id="pounds"),
    pytest.param((1.2e8, "CAD", None, None, None), "CAD 120m", id="code-without-symbol"),
    pytest.param((2.5e5, "USD", None, None, None), "$250,000", id="money-below-a-million"),
    pytest.param((999_600_000.0, "USD", None, None, None), "$1bn", id="rounds-up-into-the-next-scale"),
    pytest.param((3.75e9, "USD", "about", None, None), "about $3.75bn", id="money-approx"),
    pytest.param((1.0, "tank", None, None, None), "1 tank", id="one-is-singular"),
    pytest.param((800.0, "troop", "about", None, None), "about 800 troops", id="about"),
    pytest.param((66.0, "civilian", "vague", 24.0, 108.0), "24–108 civilians", id="vague-shows-its-range"),
    pytest.param((14.0, "battalion tactical group", None, None, None), "14 battalion tactical groups", id="phrase"),
    pytest.param((5.0, None, None, None, None), "5", id="no-unit"),
    pytest.param((None, "troop", "about", None, None), "", id="missing"),
    pytest.param((150000.0, "troop", "more than", 150000.0, 150000.0), "more than 150,000 troops", id="equal-bounds"),
]


@pytest.mark.parametrize("args, shown", VALUE_CASES)
def test_format_value(args, shown):
    from tracker.analysis.format import format_value

    value, unit, qualifier, low, high = args
    assert format_value(value, unit, qualifier=qualifier, low=low, high=high) == shown
