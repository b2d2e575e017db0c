"""Numbers as the dashboard shows them, on every page and in every download:

* :func:`format_number`: a count or any plain number, thousands separated ("1,234");
* :func:`format_count`: a count with its noun, in the right number ("1 figure", "1,234 figures");
* :func:`format_value`: a figure, with its unit, bounds and qualifier, money with its currency
  and scale ("more than 150,000 troops", "$1.2bn", "€600m", "169,000–190,000 personnel");
* :func:`format_as_of`: the date a figure refers to, as precisely as the text gave it.

(The URL's query string writes numbers exactly instead; see :class:`tracker.analysis.filters.FilterState`.)

>>> format_number(145000.0, "troop"), format_number(12), format_number(1.5)
('145,000 troop', '12', '1.5')
>>> format_value(1.2e9, "USD"), format_value(145000, "troop", qualifier="more than", low=145000)
('$1.2bn', 'more than 145,000 troops')
"""
from __future__ import annotations

import math
import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd

__all__ = ["format_as_of", "format_count", "format_number", "format_value", "format_money", "plural", "is_currency",
           "money_axis_expression", "chart_rules"]


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


def format_count(count: Any, noun: str) -> str:
    """A count with its noun, agreeing in number (:func:`plural`): what the pages write for
    "how many".

    >>> format_count(1, "figure"), format_count(2, "figure"), format_count(1234, "correction"), format_count(0, "file")
    ('1 figure', '2 figures', '1,234 corrections', '0 files')
    """
    return f"{format_number(count)} {noun if count == 1 else plural(noun)}"


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


@lru_cache(maxsize=1)
def _rules() -> dict:
    text = resources.files("tracker.analysis.data").joinpath("format.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _missing(value: Any) -> bool:
    try:
        return value is None or value is pd.NA or math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def is_currency(unit: Any) -> bool:
    """Whether a unit is a currency code (three capital letters, as the extractor writes money)."""
    return isinstance(unit, str) and re.fullmatch(r"[A-Z]{3}", unit) is not None


def plural(noun: str) -> str:
    """A unit's plural for reading: data/format.toml's [plurals], else the English rules (+s,
    +es, y -> ies, man -> men); the last word of a phrase takes it.

    >>> [plural(w) for w in ("troop", "battalion tactical group", "aircraft", "casualty", "serviceman", "howitzer")]
    ['troops', 'battalion tactical groups', 'aircraft', 'casualties', 'servicemen', 'howitzers']
    """
    if not noun:
        return noun
    head, _, last = noun.rpartition(" ")
    irregular = _rules()["plurals"]
    if noun in irregular:
        return irregular[noun]
    if last in irregular:
        word = irregular[last]
    elif last.endswith("man"):
        word = last[:-3] + "men"
    elif re.search(r"(s|x|z|ch|sh)$", last):
        word = last + "es"
    elif re.search(r"[^aeiou]y$", last):
        word = last[:-1] + "ies"
    else:
        word = last + "s"
    return f"{head} {word}" if head else word


def format_money(value: Any, currency: str | None) -> str:
    """An amount of money with its currency and scale: "$1.2bn", "€600m", "£88m", "CAD 120m",
    "$250,000"; three significant digits at most in a scale. Missing is "".

    >>> [format_money(v, c) for v, c in ((1.2e9, "USD"), (6e8, "EUR"), (1.25e9, "GBP"), (376007088.8, "USD"),
    ...                                   (1.2e8, "CAD"), (250000, "USD"), (-3e9, "EUR"), (2.5e13, "JPY"))]
    ['$1.2bn', '€600m', '£1.25bn', '$376m', 'CAD 120m', '$250,000', '-€3bn', '¥25tn']
    """
    if _missing(value):
        return ""
    number = float(value)
    if math.isinf(number):
        return format_number(number, currency)
    rules = _rules()
    symbol = rules["currency_symbols"].get(currency or "")
    size = abs(number)
    for suffix, scale in rules["money_scales"].items():
        if size >= scale * 0.9995:
            mantissa = size / scale
            text = f"{mantissa:,.0f}" if mantissa >= 100 else f"{mantissa:.3g}"
            text += suffix
            break
    else:
        text = format_number(size)
    sign = "-" if number < 0 else ""
    if symbol:
        return f"{sign}{symbol}{text}"
    return f"{sign}{currency} {text}" if currency else f"{sign}{text}"


def format_value(value: Any, unit: str | None = None, *, qualifier: str | None = None, low: Any = None,
                 high: Any = None) -> str:
    """A figure for reading, the one way every page and download writes it: its qualifier, its
    value (or its range, when it has two different bounds), and its unit (plural unless it is 1);
    money with its currency and scale (:func:`format_money`). Missing is "".

    >>> format_value(179500, "personnel", qualifier="between", low=169000, high=190000)
    '169,000–190,000 personnel'
    >>> format_value(1e9, "USD", qualifier="up to", high=1e9), format_value(1, "tank"), format_value(0.5, "percent")
    ('up to $1bn', '1 tank', '0.5 percent')
    >>> format_value(66, "civilian", qualifier="vague", low=24, high=108)
    '24–108 civilians'
    """
    if _missing(value):
        return ""
    money = is_currency(unit)
    ranged = not _missing(low) and not _missing(high) and float(low) != float(high)
    if money:
        text = (f"{format_money(low, unit)}–{format_money(high, unit)}" if ranged
                else format_money(value, unit))
    else:
        number = f"{format_number(low)}–{format_number(high)}" if ranged else format_number(value)
        noun = "" if not unit else (unit if (not ranged and float(value) == 1) else plural(str(unit)))
        text = f"{number} {noun}" if noun else number
    words = "" if _missing_text(qualifier) else str(qualifier).strip()
    if words and words.lower() not in _rules()["silent_qualifiers"]["words"]:
        text = f"{words} {text}"
    return text


def _missing_text(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) or str(value) == ""


def chart_rules() -> dict:
    """The chart's palette and label limit (data/format.toml's [chart])."""
    return _rules()["chart"]


def money_axis_expression(currency: str | None) -> str:
    """A Vega expression writing an axis tick (``datum.value``) as :func:`format_money` writes
    money ("$1.2bn", "€600m", "CAD 120m"), for a chart's axis and its images.

    >>> "'€' + format(abs(datum.value) / 1000000, '.3~g') + 'm'" in money_axis_expression("EUR")
    True
    """
    rules = _rules()
    symbol = rules["currency_symbols"].get(currency or "") or (f"{currency} " if currency else "")
    size = "abs(datum.value)"
    text = f"'{symbol}' + format({size}, ',.0f')"
    for suffix, scale in reversed(list(rules["money_scales"].items())):
        text = (f"{size} >= {scale:.0f} ? '{symbol}' + format({size} / {scale:.0f}, '.3~g') + '{suffix}' : "
                f"({text})")
    return f"(datum.value < 0 ? '-' : '') + ({text})"
