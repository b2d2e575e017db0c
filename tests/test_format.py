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
