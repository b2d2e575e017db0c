"""Figure tables for reading: the columns a user decides by first, numbers written as
:func:`tracker.analysis.format.format_value` writes them, newest first.

:func:`figure_table` takes a figure table (the columns of :data:`tracker.schema.COLUMNS`, and
``corrected`` from the store) and returns the Figures page's table: ``date`` (the ``as_of`` the
text gives, else ``published``, as ISO to the precision the text gave: ``2024-03`` for "in March
2024"), ``as_written`` (the qualifier with the surface: "more than 150,000 troops"; display only,
the spans stay as they are), ``shown`` (the value written out: "$1.2bn", "169,000–190,000
personnel"), ``value`` (the number, for sorting), ``unit``, ``actor``, ``attributed_to``, then the
rest. The index is the input's, so a selected row leads back to its figure.

>>> from tracker.schema import to_frame
>>> frame = to_frame([
...     {"surface": "150,000 troops", "qualifier": "more than", "value": 150000.0, "low": 150000.0, "unit": "troop",
...      "published": "2022-02-15"},
...     {"surface": "$1bn", "value": 1e9, "unit": "USD", "published": "2022-02-14", "as_of": "2022-02-01",
...      "as_of_precision": "month"}])
>>> figure_table(frame)[["date", "as_written", "shown"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
[{'date': '2022-02-15', 'as_written': 'more than 150,000 troops', 'shown': 'more than 150,000 troops'},
 {'date': '2022-02', 'as_written': '$1bn', 'shown': '$1bn'}]
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from tracker.analysis.filters import as_string
from tracker.analysis.format import format_value
from tracker.schema import STRING_DTYPE

__all__ = ["FIGURE_TABLE_COLUMNS", "CLAIM_TABLE_COLUMNS", "figure_table", "figure_date", "as_written",
           "claims_table", "summary_table"]

#: The Figures table's columns, in order: the ones a user decides by first.
FIGURE_TABLE_COLUMNS = (
    "date", "as_written", "shown", "value", "unit", "actor", "attributed_to", "category", "subtype", "role",
    "qualifier", "recipient", "source", "low", "high", "approx", "derived", "corrected",
)

_PRECISION_LENGTH = {"day": 10, "month": 7, "year": 4}


def figure_date(df: pd.DataFrame) -> pd.Series:
    """The date a figure is read on: its ``as_of`` (cut to the precision the text gave) where it
    has one, else the article's ``published`` day; ISO text, so it sorts as dates do."""
    n = len(df)
    as_of = as_string(df["as_of"]).to_numpy(dtype=object, na_value=None) if "as_of" in df else [None] * n
    precision = (as_string(df["as_of_precision"]).to_numpy(dtype=object, na_value=None)
                 if "as_of_precision" in df else [None] * n)
    published = as_string(df["published"]).to_numpy(dtype=object, na_value=None) if "published" in df else [None] * n
    dates = [str(a)[:_PRECISION_LENGTH.get(p, 10)] if a else (str(d)[:10] if d else None)
             for a, p, d in zip(as_of, precision, published)]
    return pd.Series(pd.array(dates, dtype=STRING_DTYPE), index=df.index)


def as_written(surface, qualifier) -> str:
    """The surface with its qualifier before it, when the surface does not hold it already
    ("more than" + "150,000 troops"; "about 800" stays "about 800").

    >>> as_written("150,000 troops", "more than"), as_written("about 800 troops", "about"), as_written("5", None)
    ('more than 150,000 troops', 'about 800 troops', '5')
    """
    text = "" if surface is None or surface is pd.NA else str(surface)
    words = "" if qualifier is None or qualifier is pd.NA or qualifier in ("vague", "between") else str(qualifier)
    if not words or words.casefold() in text.casefold():
        return text
    return f"{words} {text}"


def figure_table(df: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """The Figures page's table (see the module docstring), sorted by ``date``, newest first
    (undated last; of one date, in the order given); only the first ``limit`` rows when given
    (they alone are written out, so a large table costs little more than its sort)."""
    date = figure_date(df)
    key = date.fillna("").to_numpy(dtype=str)
    order = np.lexsort((np.arange(len(df)), -_rank(key), date.isna().to_numpy()))
    if limit is not None:
        order = order[:limit]
    rows = df.iloc[order]
    column = {name: (rows[name].tolist() if name in rows.columns else [None] * len(rows))
              for name in ("surface", "qualifier", "value", "unit", "low", "high")}
    written = [as_written(s, q) for s, q in zip(column["surface"], column["qualifier"])]
    shown = [format_value(v, None if u is pd.NA else u, qualifier=None if q is pd.NA else q, low=lo, high=hi)
             for v, u, q, lo, hi in zip(column["value"], column["unit"], column["qualifier"], column["low"],
                                        column["high"])]
    out = pd.DataFrame({"date": date.iloc[order], "as_written": pd.array(written, dtype=STRING_DTYPE),
                        "shown": pd.array(shown, dtype=STRING_DTYPE)}, index=rows.index)
    for name in FIGURE_TABLE_COLUMNS[3:]:
        if name in rows.columns:
            out[name] = rows[name]
    return out


def _rank(keys: np.ndarray) -> np.ndarray:
    """Dense rank of each text key (so that it can be sorted descending by a numeric sort)."""
    _, inverse = np.unique(keys, return_inverse=True)
    return inverse.astype(np.int64)


#: The Compare page's table of claims, in order: the columns a user decides by first.
CLAIM_TABLE_COLUMNS = (
    "date", "speaker", "shown", "first_reported", "count", "as_reported", "unit", "rate", "rate_date", "value", "role",
    "actor",
    "recipient", "carried_by", "as_of", "published", "sentence",
)


def claims_table(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims of :func:`tracker.analysis.compare.compare` for reading: ``date``, ``speaker``,
    ``shown`` (the value written out, in the converted currency for money, with its qualifier),
    ``first_reported`` ("first reported by Reuters on 14 Feb 2022; repeated by 2 other outlets"),
    ``count`` (articles), ``as_reported`` (money: the amount in its own currency), ``unit`` (for
    money, that currency's code), ``rate`` and ``rate_date`` (the ECB day it is of), ``value``
    (the number shown, converted for money, for sorting), then the rest; in the input's order."""
    from tracker.analysis.claims import provenance
    from tracker.analysis.compare import shown_values

    shown = shown_values(claims)
    rows = claims.to_dict("records")
    out = pd.DataFrame({
        "date": [_claim_date(r) for r in rows],
        "speaker": [r["speaker"] for r in rows],
        "shown": [format_value(v, r["currency"] if _given(r["currency"]) else r["unit"], qualifier=_text(r["qualifier"]),
                               low=lo, high=hi)
                  for r, v, lo, hi in zip(rows, shown["value"], shown["low"], shown["high"])],
        "first_reported": [provenance(r["first_source"], r["published"], len(r["outlets"])) for r in rows],
        "count": [r["count"] for r in rows],
        "as_reported": [format_value(r["value"], r["unit"], qualifier=_text(r["qualifier"]), low=r["low"],
                                     high=r["high"]) if _given(r["currency"]) else "" for r in rows],
        "unit": [r["unit"] for r in rows],
        "rate": [r["rate"] for r in rows],
        "rate_date": [r.get("rate_date") for r in rows],
        "value": shown["value"].to_numpy(),
        "role": [r["role"] for r in rows],
        "actor": [r["actor"] for r in rows],
        "recipient": [r["recipient"] for r in rows],
        "carried_by": ["; ".join(r["outlets"]) for r in rows],
        "as_of": [r["as_of"] for r in rows],
        "published": [r["published"] for r in rows],
        "sentence": [r["sentence"] for r in rows],
    }, index=claims.index)
    return out.astype({c: STRING_DTYPE for c in out.columns if c not in ("count", "rate", "value")})


def _given(value) -> bool:
    return value is not None and value is not pd.NA and not (isinstance(value, float) and value != value)


def _text(value):
    return value if _given(value) else None


def _claim_date(row: dict) -> str | None:
    if _given(row.get("as_of")):
        return str(row["as_of"])[:_PRECISION_LENGTH.get(row.get("as_of_precision"), 10)]
    return str(row["date"])[:10] if _given(row.get("date")) else None


def summary_table(summary: pd.DataFrame) -> pd.DataFrame:
    """:func:`tracker.analysis.compare.compare_summary` for reading: per speaker, how many
    claims, ``range`` ("92,000–150,000 troops", or the one value), the median and the latest
    written out, and the first and last date."""
    rows = summary.to_dict("records")
    return pd.DataFrame({
        "speaker": [r["speaker"] for r in rows],
        "claims": [r["claims"] for r in rows],
        "range": [format_value(r["max"], _text(r["unit"]), low=r["min"], high=r["max"])
                  if r["min"] != r["max"] else format_value(r["min"], _text(r["unit"])) for r in rows],
        "median": [format_value(r["median"], _text(r["unit"])) for r in rows],
        "latest": [format_value(r["latest"], _text(r["unit"])) for r in rows],
        "first": [r["first"] for r in rows],
        "last": [r["last"] for r in rows],
    }, index=summary.index).astype({"speaker": STRING_DTYPE, "range": STRING_DTYPE, "median": STRING_DTYPE,
                                    "latest": STRING_DTYPE, "first": STRING_DTYPE, "last": STRING_DTYPE})
