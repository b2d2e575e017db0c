"""Numbers as the dashboard shows them: one function, :func:`format_number`, for every page;
and the date a figure refers to as precisely as the text gave it, :func:`format_as_of`.

(The URL's query string writes numbers exactly instead; see :class:`tracker.analysis.filters.FilterState`.)

>>> format_number(145000.0, "troop"), format_number(12), format_number(1.5)
('145,000 troop', '12', '1.5')
"""
from __future__ import annotations

import math
from typing import Any

import pandas as pd

__all__ = ["format_as_of", "format_number"]


def format_number(value: Any, unit: str | None = None) -> str:
    """``value`` for reading: thousands separated by commas, a whole number without decimals,
    others to two decimals (trailing zeros dropped; three significant digits when that would
    show 0), then `` unit`` when given. Missing (None, NaN) is ``""``.

    Parameters
    ----------
    value : int, float or anything ``float()`` reads
    unit : str, optional
        Written after the number, as stored (``"troop"``, ``"USD"``).

    >>> [format_number(v) for v in (1_000_000, -2500.0, 0.125, 0.004, 1e21, None, float("inf"))]
    ['1,000,000', '-2,500', '0.12', '0.004', '1,000,000,000,000,000,000,000', '', '∞']
    >>> format_number(1.5e9, "USD")
    '1,500,000,000 USD'
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    if math.isnan(number):
        return ""
    if math.isinf(number):
        text = "∞" if number > 0 else "-∞"
    elif number.is_integer():
        text = f"{int(number):,}"
    else:
        text = f"{number:,.2f}".rstrip("0").rstrip(".")
        if text in ("0", "-0"):
            text = f"{number:.3g}"
    return f"{text} {unit}" if unit else text


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_as_of(as_of: Any, precision: Any = "day") -> str:
    """The date a figure refers to as precisely as the text gave it: "12 Mar 2024" for a day,
    "Mar 2024" for a month, "2024" for a year (``as_of`` holds the first day of a month or year
    then); "" for none. A value that is no ISO date is shown as it is.

    >>> format_as_of("2024-03-12"), format_as_of("2024-03-01", "month"), format_as_of("2023-01-01", "year")
    ('12 Mar 2024', 'Mar 2024', '2023')
    >>> format_as_of(None)
    ''
    """
    if as_of is None or (not isinstance(as_of, str) and pd.isna(as_of)) or not str(as_of).strip():
        return ""
    text = str(as_of)
    try:
        year, month, day = (int(part) for part in text[:10].split("-"))
        name = _MONTHS[month - 1]
    except (ValueError, IndexError):
        return text
    if precision == "year":
        return f"{year}"
    if precision == "month":
        return f"{name} {year}"
    return f"{day} {name} {year}"
