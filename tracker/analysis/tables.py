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

__all__ = ["FIGURE_TABLE_COLUMNS", "figure_table", "figure_date", "as_written"]

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
