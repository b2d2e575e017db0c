"""Comparing estimates of one measure: "who says how many, and since when".

A *measure* is a (category, unit, actor) of the figure table; ``actor`` None means any actor.

* :func:`measures` lists what can be compared, :func:`measure_options` labels each for a menu.
* :class:`CompareState` is the compare view's choice (the measure, as three fields, and a word
  of the object); it round-trips through the URL's query string as :class:`FilterState
  <tracker.analysis.filters.FilterState>` does.
* :func:`compare` gives the estimates of one measure, :func:`compare_summary` one row per source.

Functions of figure tables (the columns of :data:`tracker.schema.COLUMNS`, and ``not_a_figure``
when the store gives it); each returns a new frame.

>>> state = CompareState("personnel", "troop", "russia", word="battalion")
>>> state.to_query_params()
{'category': 'personnel', 'unit': 'troop', 'actor': 'russia', 'word': 'battalion'}
>>> CompareState.from_query_params(state.to_query_params()) == state
True
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from tracker.analysis.filters import as_string, query_values, shown_mask
from tracker.analysis.format import format_number
from tracker.schema import STRING_DTYPE

__all__ = [
    "CompareState", "COMPARE_QUERY_KEYS", "ESTIMATE_COLUMNS", "SUMMARY_COLUMNS", "measures",
    "measure_options", "measure_label", "compare", "compare_summary",
]

#: A measure: (category, unit, actor), actor None for any actor.
Measure = tuple[str, str, "str | None"]


@dataclass(frozen=True)
class CompareState:
    """What the compare view shows: one measure and, optionally, a word of the object.

    ``category`` and ``unit`` name the measure (None: not chosen yet, the page takes the first
    of :func:`measures`); ``actor`` None means any actor; ``word`` narrows by a word of the
    object (``""``: no narrowing). Empty strings are None (``word``: ``""``), so two states
    meaning the same view compare equal.
    """

    category: str | None = None
    unit: str | None = None
    actor: str | None = None
    word: str = ""

    def __post_init__(self) -> None:
        for name in ("category", "unit", "actor"):
            value = getattr(self, name)
            object.__setattr__(self, name, None if value is None or value is pd.NA or str(value) == ""
                               else str(value))
        object.__setattr__(self, "word", "" if self.word is None else str(self.word))

    @property
    def measure(self) -> Measure:
        """``(category, unit, actor)``, a key of :func:`measure_options`."""
        return (self.category, self.unit, self.actor)

    def to_query_params(self) -> dict[str, str]:
        """The state as URL query parameters (:data:`COMPARE_QUERY_KEYS`): only those set.

        >>> CompareState("money", "USD").to_query_params()
        {'category': 'money', 'unit': 'USD'}
        """
        params = {name: getattr(self, name) for name in ("category", "unit", "actor")
                  if getattr(self, name) is not None}
        if self.word:
            params["word"] = self.word
        return params

    @classmethod
    def from_query_params(cls, mapping: Mapping[str, Any]) -> CompareState:
        """Rebuild a state from query parameters (``st.query_params``, a dict of strings or
        lists of strings), ignoring keys it does not know; of a repeated key, the last value.

        >>> CompareState.from_query_params({"unit": ["tank", "troop"], "category": "personnel",
        ...                                 "categories": "money"})
        CompareState(category='personnel', unit='troop', actor=None, word='')
        """
        def last(key: str) -> str | None:
            got = query_values(mapping, key)
            return got[-1] if got else None

        return cls(last("category"), last("unit"), last("actor"), last("word") or "")

    def with_measure(self, measure: Measure) -> CompareState:
        """This state with another measure, the word kept."""
        category, unit, actor = measure
        return CompareState(category, unit, actor, self.word)


#: Every query-parameter key :meth:`CompareState.to_query_params` may write.
COMPARE_QUERY_KEYS: tuple[str, ...] = ("category", "unit", "actor", "word")


#: Columns of :func:`compare`'s frame, in order, with their dtypes.
ESTIMATE_COLUMNS: dict[str, str] = {
    "published": "string", "who": "string", "source": "string", "value": "float64",
    "low": "float64", "high": "float64", "approx": "boolean", "derived": "boolean",
    "surface": "string", "sentence": "string", "doc_id": "string", "figure_id": "string",
}

#: Columns of :func:`compare_summary`'s frame, in order, with their dtypes.
SUMMARY_COLUMNS: dict[str, str] = {
    "who": "string", "n": "int64", "min": "float64", "max": "float64", "median": "float64",
    "spread": "float64", "first": "string", "last": "string", "latest": "float64",
}


def _comparable(df: pd.DataFrame) -> pd.DataFrame:
    """Figures that can be compared: real figures with a value, a category and a unit."""
    keep = shown_mask(df)
    keep &= pd.to_numeric(df["value"], errors="coerce").notna().to_numpy(dtype=bool)
    keep &= as_string(df["category"]).notna().to_numpy(dtype=bool)
    keep &= as_string(df["unit"]).notna().to_numpy(dtype=bool)
    return df[keep]


def measures(df: pd.DataFrame) -> pd.DataFrame:
    """What can be compared: one row per (category, unit, actor) with its number of figures.

    Only figures with a value, a category and a unit count, and not those marked
    ``not_a_figure``. A row whose ``actor`` is null stands for *any actor* of that category
    and unit: it is listed when the figures of that (category, unit) have more than one
    actor or none. So ``n`` is always the length of
    ``compare(df, category, unit, None if pd.isna(actor) else actor)``. Sorted by ``n``,
    largest first, then by category, unit and actor (the "any actor" row first).

    >>> from tracker.schema import to_frame
    >>> rows = [{"value": 1.0, "category": "personnel", "unit": "troop", "actor": a}
    ...         for a in ("russia", "russia", "russia", "ukraine", None)]
    >>> rows.append({"value": 1e9, "category": "money", "unit": "USD", "actor": "us"})
    >>> measures(to_frame(rows)).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'category': 'personnel', 'unit': 'troop', 'actor': None, 'n': 5},
     {'category': 'personnel', 'unit': 'troop', 'actor': 'russia', 'n': 3},
     {'category': 'money', 'unit': 'USD', 'actor': 'us', 'n': 1},
     {'category': 'personnel', 'unit': 'troop', 'actor': 'ukraine', 'n': 1}]
    """
    data = _comparable(df)
    keys = pd.DataFrame({
        "category": as_string(data["category"]).to_numpy(dtype=object),
        "unit": as_string(data["unit"]).to_numpy(dtype=object),
        "actor": as_string(data["actor"]).to_numpy(dtype=object, na_value=None),
    })
    by_actor = (keys.dropna(subset=["actor"]).groupby(["category", "unit", "actor"], sort=False)
                .size().rename("n").reset_index())
    totals = keys.groupby(["category", "unit"], sort=False).agg(
        n=("actor", "size"), actors=("actor", "nunique"), nulls=("actor", lambda s: s.isna().any()))
    anyrow = totals[(totals["actors"] > 1) | totals["nulls"]].reset_index()
    anyrow = anyrow.assign(actor=None)[["category", "unit", "actor", "n"]]
    out = pd.concat([anyrow, by_actor], ignore_index=True)
    out = out.astype({"category": STRING_DTYPE, "unit": STRING_DTYPE, "actor": STRING_DTYPE, "n": "int64"})
    out["_any"] = out["actor"].isna().to_numpy(dtype=int)
    out = out.sort_values(["n", "category", "unit", "_any", "actor"],
                          ascending=[False, True, True, False, True], kind="mergesort")
    return out.drop(columns="_any").reset_index(drop=True)


def measure_label(measure: Measure, n: int | None = None) -> str:
    """A measure in words, for a menu: unit (category), "of" the actor, and how many figures.

    >>> measure_label(("personnel", "troop", "russia"), 1234), measure_label(("money", "USD", None))
    ('troop (personnel) of russia — 1,234 figures', 'USD (money)')
    """
    category, unit, actor = measure
    text = f"{unit} ({category}){' of ' + actor if actor else ''}"
    return text if n is None else f"{text} — {format_number(n)} figures"


def measure_options(choices: pd.DataFrame) -> dict[Measure, str]:
    """Each row of :func:`measures` as ``(category, unit, actor) -> label``, in its order.

    >>> choices = pd.DataFrame({"category": ["personnel"], "unit": ["troop"], "actor": [None], "n": [5]})
    >>> measure_options(choices)
    {('personnel', 'troop', None): 'troop (personnel) — 5 figures'}
    """
    options: dict[Measure, str] = {}
    for row in choices.itertuples(index=False):
        measure = (str(row.category), str(row.unit), None if pd.isna(row.actor) else str(row.actor))
        options[measure] = measure_label(measure, int(row.n))
    return options


def _word_pattern(word: str) -> str:
    """A whole word or phrase, any case and spacing, optionally plural ('troop' ~ 'troops')."""
    parts = [re.escape(p) for p in word.split()]
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?:e?s)?(?!\w)"


def compare(df: pd.DataFrame, category: str, unit: str, actor: str | None = None,
            object_word: str | None = None) -> pd.DataFrame:
    """Estimates of one measure, in order of publication, with who gives each.

    Keeps the figures of ``category`` and ``unit`` (and ``actor`` unless it is None, which
    means any actor) that have a value and are not marked ``not_a_figure``. ``object_word``
    narrows them to figures whose ``object`` holds that word or phrase as whole words,
    case-insensitively, a plural ``s``/``es`` allowed (``"troop"`` finds "Russian troops",
    ``"us"`` does not find "Russian"). ``who`` is ``attributed_to`` where the text names a
    source, else the outlet (``source``).

    Returns the columns of :data:`ESTIMATE_COLUMNS`, sorted by ``published`` (undated rows
    last), then by ``who``; the index is reset. ``doc_id`` and ``figure_id`` lead back to the
    sentence in the figure table.

    >>> from tracker.schema import to_frame
    >>> df = to_frame([
    ...     {"figure_id": "b", "published": "2022-02-14", "source": "The Guardian", "value": 145000.0,
    ...      "category": "personnel", "unit": "troop", "actor": "russia", "object": "troops"},
    ...     {"figure_id": "a", "published": "2021-11-10", "source": "Reuters", "value": 90000.0,
    ...      "category": "personnel", "unit": "troop", "actor": "russia", "object": "Russian troops",
    ...      "attributed_to": "Ukraine's defence ministry"},
    ...     {"figure_id": "c", "published": "2022-01-20", "source": "AP", "value": 8500.0,
    ...      "category": "personnel", "unit": "troop", "actor": "us", "object": "US troops"}])
    >>> compare(df, "personnel", "troop", "russia")[["published", "who", "value"]].to_dict("records")
    [{'published': '2021-11-10', 'who': "Ukraine's defence ministry", 'value': 90000.0}, {'published': '2022-02-14', 'who': 'The Guardian', 'value': 145000.0}]
    >>> compare(df, "personnel", "troop", object_word="russian")["figure_id"].tolist()
    ['a']
    """
    data = _comparable(df)
    keep = (as_string(data["category"]) == category) & (as_string(data["unit"]) == unit)
    if actor is not None:
        keep &= as_string(data["actor"]) == actor
    keep = keep.fillna(False).to_numpy(dtype=bool)
    if object_word is not None and object_word.strip():
        if "object" in data.columns:
            found = as_string(data["object"]).str.contains(
                _word_pattern(object_word), case=False, regex=True)
            keep &= found.fillna(False).to_numpy(dtype=bool)
        else:
            keep[:] = False
    data = data[keep].reset_index(drop=True)

    source = as_string(data["source"])
    out = pd.DataFrame({
        "published": as_string(data["published"]),
        "who": as_string(data["attributed_to"]).fillna(source),
        "source": source,
        **{name: data[name] for name in ESTIMATE_COLUMNS if name not in ("published", "who", "source")},
    })
    out = out.astype(ESTIMATE_COLUMNS)
    out = out.sort_values(["published", "who"], kind="mergesort", na_position="last")
    return out.reset_index(drop=True)


def compare_summary(estimates: pd.DataFrame) -> pd.DataFrame:
    """Per ``who``: how many estimates, their min, max, median and spread, first and last date.

    ``spread`` is ``max / min`` (how many times the largest estimate exceeds the smallest),
    NaN when ``min <= 0``. ``first`` and ``last`` are the earliest and latest ``published``
    dates (null when none is dated); ``latest`` is the value of the estimate published last
    (of several on that day, the last listed; null when none is dated). Sorted by ``who``,
    case-insensitively. Takes the frame of :func:`compare`.

    >>> est = pd.DataFrame({"who": ["US", "US", "UK"], "published": ["2021-11-10", "2022-02-14", "2022-02-13"],
    ...                     "value": [70000.0, 150000.0, 130000.0]})
    >>> compare_summary(est).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'who': 'UK', 'n': 1, 'min': 130000.0, 'max': 130000.0, 'median': 130000.0, 'spread': 1.0,
      'first': '2022-02-13', 'last': '2022-02-13', 'latest': 130000.0},
     {'who': 'US', 'n': 2, 'min': 70000.0, 'max': 150000.0, 'median': 110000.0,
      'spread': 2.142857142857143, 'first': '2021-11-10', 'last': '2022-02-14', 'latest': 150000.0}]
    """
    rows = []
    if len(estimates):
        data = pd.DataFrame({
            "who": as_string(estimates["who"]).to_numpy(dtype=object, na_value=None),
            "published": as_string(estimates["published"]).to_numpy(dtype=object, na_value=None),
            "value": pd.to_numeric(estimates["value"], errors="coerce").to_numpy(dtype=float, na_value=np.nan),
        })
        for who, group in data.groupby("who", sort=False, dropna=False):
            values = group["value"].dropna()
            lo, hi = (values.min(), values.max()) if len(values) else (math.nan, math.nan)
            dated = group.dropna(subset=["published"])
            dated = dated.iloc[np.argsort(dated["published"].to_numpy(dtype=str), kind="stable")]
            rows.append({
                "who": None if pd.isna(who) else who,
                "n": len(group),
                "min": lo,
                "max": hi,
                "median": values.median() if len(values) else math.nan,
                "spread": hi / lo if lo > 0 else math.nan,
                "first": dated["published"].iloc[0] if len(dated) else None,
                "last": dated["published"].iloc[-1] if len(dated) else None,
                "latest": dated["value"].iloc[-1] if len(dated) else math.nan,
            })
    out = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS)).astype(SUMMARY_COLUMNS)
    order = sorted(range(len(out)), key=lambda i: _sort_key(out["who"].iloc[i]))
    return out.iloc[order].reset_index(drop=True)


def _sort_key(value: Any) -> tuple:
    return (1, "", "") if pd.isna(value) else (0, str(value).casefold(), str(value))


