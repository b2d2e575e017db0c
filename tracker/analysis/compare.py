"""Comparing the claims of one measure: "who says how many, and since when".

* :class:`CompareState` is the compare view's choice (a measure key of
  :mod:`tracker.analysis.measures`, the currency money is shown in, whether every role is shown,
  the rule for vague amounts, a word of the object); it round-trips through the URL's query
  string as :class:`FilterState <tracker.analysis.filters.FilterState>` does.
* :func:`measure_options` labels the measures of :func:`tracker.analysis.claims.measure_table` for
  a menu; :func:`compare` gives the claims of the state's measure
  (:func:`tracker.analysis.claims.claims`), :func:`compare_summary` one row per speaker, and
  :func:`for_download` a claims table with its lists written out.

>>> state = CompareState("count:russia:troop:personnel:-", all_roles=True)
>>> state.to_query_params()
{'measure': 'count:russia:troop:personnel:-', 'roles': 'all'}
>>> CompareState.from_query_params(state.to_query_params()) == state
True
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from tracker.analysis.claims import CLAIM_COLUMNS, VAGUE_RULES, claims
from tracker.analysis.currency import DEFAULT_CURRENCY
from tracker.analysis.filters import as_string, query_values
from tracker.analysis.format import format_number
from tracker.analysis.measures import is_key, measure_key

__all__ = [
    "CompareState", "COMPARE_QUERY_KEYS", "SERIES_CHOICES", "SUMMARY_COLUMNS", "measure_options", "compare",
    "compare_summary", "shown_values", "for_download",
]


#: How a comparison's series can be made: by who says it, the speaker's country, or whose it is.
SERIES_CHOICES: tuple[str, ...] = ("speaker", "country", "actor")


@dataclass(frozen=True)
class CompareState:
    """What the compare view shows.

    ``measure`` is a measure key (None: not chosen yet, the page takes the first of the menu);
    ``currency`` the ECB code money is converted to; ``all_roles`` brings in parts, increments,
    per-unit figures and rates; ``vague`` is the rule for vague amounts (:data:`tracker.analysis.
    claims.VAGUE_RULES`); ``word`` narrows by a word of the object (``""``: no narrowing);
    ``series`` is how the chart's series are made (:data:`SERIES_CHOICES`).
    """

    measure: str | None = None
    currency: str = DEFAULT_CURRENCY
    all_roles: bool = False
    vague: str = "range"
    word: str = ""
    series: str = "speaker"

    def __post_init__(self) -> None:
        measure = self.measure
        object.__setattr__(self, "measure", None if measure is None or measure is pd.NA or str(measure) == ""
                           else str(measure))
        object.__setattr__(self, "currency", (str(self.currency or DEFAULT_CURRENCY)).upper())
        object.__setattr__(self, "all_roles", bool(self.all_roles))
        object.__setattr__(self, "vague", self.vague if self.vague in VAGUE_RULES else "range")
        object.__setattr__(self, "word", "" if self.word is None else str(self.word))
        object.__setattr__(self, "series", self.series if self.series in SERIES_CHOICES else "speaker")

    def to_query_params(self) -> dict[str, str]:
        """The state as URL query parameters (:data:`COMPARE_QUERY_KEYS`): only those not at
        their default.

        >>> CompareState("money:ukraine:military_aid", currency="eur", vague="acled").to_query_params()
        {'measure': 'money:ukraine:military_aid', 'currency': 'EUR', 'vague': 'acled'}
        """
        params: dict[str, str] = {}
        if self.measure is not None:
            params["measure"] = self.measure
        if self.currency != DEFAULT_CURRENCY:
            params["currency"] = self.currency
        if self.all_roles:
            params["roles"] = "all"
        if self.vague != "range":
            params["vague"] = self.vague
        if self.word:
            params["word"] = self.word
        if self.series != "speaker":
            params["series"] = self.series
        return params

    @classmethod
    def from_query_params(cls, mapping: Mapping[str, Any]) -> CompareState:
        """Rebuild a state from query parameters (``st.query_params``, a dict of strings or
        lists of strings), ignoring keys it does not know; of a repeated key, the last value.
        A link of the older form (``category``, ``unit``, ``actor``) opens that measure.

        >>> CompareState.from_query_params({"category": "personnel", "unit": "troop", "actor": "russia"})
        CompareState(measure='count:russia:troop:personnel:-', currency='USD', all_roles=False, vague='range', word='', series='speaker')
        """
        def last(key: str) -> str | None:
            got = query_values(mapping, key)
            return got[-1] if got else None

        measure = last("measure")
        if measure is None and last("category"):
            measure = measure_key(last("category"), last("unit"), last("actor"))
        return cls(measure, last("currency") or DEFAULT_CURRENCY, last("roles") == "all",
                   last("vague") or "range", last("word") or "", last("series") or "speaker")

    def with_measure(self, measure: str | None) -> CompareState:
        """This state with another measure, the rest kept."""
        return replace(self, measure=measure)


#: Every query-parameter key :meth:`CompareState.to_query_params` may write.
COMPARE_QUERY_KEYS: tuple[str, ...] = ("measure", "currency", "roles", "vague", "word", "series")


def measure_options(table: pd.DataFrame) -> dict[str, str]:
    """Each row of :func:`tracker.analysis.claims.measure_table` as ``key -> label``, in its order:
    the label, and how many claims from how many sources.

    >>> table = pd.DataFrame({"measure": ["count:russia:troop:personnel:-"], "label": ["Russian troops"],
    ...                       "claims": [1234], "sources": [1], "figures": [2000]})
    >>> measure_options(table)
    {'count:russia:troop:personnel:-': 'Russian troops — 1,234 claims from 1 source'}
    """
    options: dict[str, str] = {}
    for row in table.itertuples(index=False):
        claims_word = "claim" if row.claims == 1 else "claims"
        sources_word = "source" if row.sources == 1 else "sources"
        options[str(row.measure)] = (f"{row.label} — {format_number(row.claims)} {claims_word} from "
                                     f"{format_number(row.sources)} {sources_word}")
    return options


def compare(df: pd.DataFrame, state: CompareState) -> pd.DataFrame:
    """The claims of the state's measure (:func:`tracker.analysis.claims.claims`), its currency,
    roles, rule for vague amounts and word applied; empty when no measure is chosen."""
    if state.measure is None or not is_key(state.measure):
        return claims(df.iloc[0:0], None, currency=state.currency)
    return claims(df, state.measure, currency=state.currency, all_roles=state.all_roles, vague=state.vague,
                  word=state.word or None)


def shown_values(table: pd.DataFrame) -> pd.DataFrame:
    """``value``, ``low`` and ``high`` as a comparison shows them: converted for money (in the
    claims' ``currency``), as given for counts."""
    money = table["currency"].notna().to_numpy(dtype=bool) if len(table) else np.zeros(0, bool)
    out = {}
    for name in ("value", "low", "high"):
        given = pd.to_numeric(table[name], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        converted = pd.to_numeric(table[f"{name}_converted"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        out[name] = np.where(money, converted, given)
    return pd.DataFrame(out, index=table.index)


#: Columns of :func:`compare_summary`'s frame, in order, with their dtypes.
SUMMARY_COLUMNS: dict[str, str] = {
    "speaker": "string", "claims": "int64", "min": "float64", "max": "float64", "median": "float64",
    "first": "string", "last": "string", "latest": "float64", "unit": "string",
}


def compare_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per speaker: how many claims, their smallest, largest and median value, the first and
    last date, and the value of the latest (of several that day, the last listed); money in the
    converted currency. Undated claims count in ``claims`` and the values, not in the dates.
    Sorted by speaker, case-insensitively. Takes the frame of :func:`compare`.

    >>> table = pd.DataFrame({"speaker": ["US", "US", "UK"], "date": ["2021-11-10", "2022-02-14", "2022-02-13"],
    ...                       "value": [70000.0, 150000.0, 130000.0], "unit": ["troop"] * 3})
    >>> compare_summary(table)[["speaker", "claims", "min", "max", "latest"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'speaker': 'UK', 'claims': 1, 'min': 130000.0, 'max': 130000.0, 'latest': 130000.0},
     {'speaker': 'US', 'claims': 2, 'min': 70000.0, 'max': 150000.0, 'latest': 150000.0}]
    """
    rows = []
    if len(table):
        values = shown_values(table)["value"] if "currency" in table.columns else \
            pd.to_numeric(table["value"], errors="coerce")
        money = "currency" in table.columns and table["currency"].notna().any()
        units = (as_string(table["currency"]) if money else as_string(table["unit"])).to_numpy(dtype=object,
                                                                                                 na_value=None)
        data = pd.DataFrame({
            "speaker": as_string(table["speaker"]).to_numpy(dtype=object, na_value=None),
            "date": as_string(table["date"]).to_numpy(dtype=object, na_value=None),
            "value": np.asarray(values, dtype=float), "unit": units,
        })
        for speaker, group in data.groupby("speaker", sort=False, dropna=False):
            known = group["value"].dropna()
            dated = group.dropna(subset=["date"])
            dated = dated.iloc[np.argsort(dated["date"].to_numpy(dtype=str), kind="stable")]
            rows.append({
                "speaker": None if pd.isna(speaker) else speaker,
                "claims": len(group),
                "min": known.min() if len(known) else math.nan,
                "max": known.max() if len(known) else math.nan,
                "median": known.median() if len(known) else math.nan,
                "first": dated["date"].iloc[0] if len(dated) else None,
                "last": dated["date"].iloc[-1] if len(dated) else None,
                "latest": dated["value"].iloc[-1] if len(dated) else math.nan,
                "unit": next((u for u in group["unit"] if u), None),
            })
    out = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS)).astype(SUMMARY_COLUMNS)
    order = sorted(range(len(out)), key=lambda i: _sort_key(out["speaker"].iloc[i]))
    return out.iloc[order].reset_index(drop=True)


def _sort_key(value: Any) -> tuple:
    return (1, "", "") if pd.isna(value) else (0, str(value).casefold(), str(value))


#: The list columns of a claims table.
LIST_COLUMNS = tuple(name for name, dtype in CLAIM_COLUMNS.items() if dtype == "object")


def for_download(table: pd.DataFrame, joiner: str = "; ") -> pd.DataFrame:
    """A claims table for a file that holds no lists (CSV, Excel): each list joined by
    ``joiner``.

    >>> for_download(pd.DataFrame({"outlets": [["AP", "BBC"], []], "count": [2, 0]}))["outlets"].tolist()
    ['AP; BBC', '']
    """
    out = table.copy()
    for name in LIST_COLUMNS:
        if name in out.columns:
            out[name] = pd.array([joiner.join(str(v) for v in (items or [])) for items in out[name]],
                                 dtype="string")
    return out
