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
