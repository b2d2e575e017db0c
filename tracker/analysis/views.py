"""What the dashboard shows, computed without Streamlit: filters, comparisons, highlighting.

Every function takes a figure table (the columns of :data:`tracker.schema.COLUMNS`, plus, from
the store, ``content_hash``, ``corrected`` and ``not_a_figure``; their absence is fine) and
returns a new frame or a string; nothing here mutates its input or touches a database.

* :class:`FilterState` is the filter panel, and round-trips through the URL's query string
  (``st.query_params``) so that a copied link reopens the same view.
* :func:`filter_figures` applies it, vectorised (100k figures in well under 0.5 s);
  :func:`filter_options` lists what each multi-select offers.
* :func:`measures`, :func:`compare` and :func:`compare_summary` serve the compare view:
  "who says how many, and since when".
* :func:`highlight` (and :func:`sentence_html` for one figure) turn article text into HTML in
  which the text is always escaped and the figures are ``<mark>``-ed.

>>> from tracker import extract_figures
>>> figures = extract_figures("Russia has massed an estimated 145,000 troops.", doc_id="d1",
...                           source="The Guardian", published="2022-02-14")
>>> state = FilterState(categories=["personnel"], text="TROOPS")
>>> filter_figures(figures, state)["surface"].tolist()
['145,000 troops']
>>> state.to_query_params()
{'categories': ['personnel'], 'text': 'TROOPS'}
>>> FilterState.from_query_params(state.to_query_params()) == state
True
>>> highlight("Russia <b>massed</b> 145,000 troops", [(21, 35)])
'Russia &lt;b&gt;massed&lt;/b&gt; <mark class="fig">145,000 troops</mark>'
"""
from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

import numpy as np
import pandas as pd

from tracker.schema import _STRING

__all__ = [
    "FilterState", "QUERY_KEYS", "filter_figures", "filter_options", "measures", "compare",
    "compare_summary", "highlight", "sentence_html",
]

#: The multi-select fields of :class:`FilterState`, each named after the column it filters.
LIST_FIELDS: dict[str, str] = {
    "categories": "category",
    "units": "unit",
    "actors": "actor",
    "sources": "source",
    "attributed_to": "attributed_to",
}

#: Columns the free-text filter searches (case-insensitive, literal substring).
TEXT_COLUMNS = ("sentence", "surface", "object", "source", "attributed_to")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

#: The dates a filter may name, inclusive: news from two centuries each side of now, and
#: room for the date picker (which shows ten years around its value) on either side.
DATE_MIN = dt.date(1800, 1, 1)
DATE_MAX = dt.date(2199, 12, 31)
_TRUE = {"1", "true", "yes", "on"}


# --------------------------------------------------------------------------- filter state

@dataclass
class FilterState:
    """The filter panel of the figures table; every field empty means "all figures".

    Lists select any of their values (an empty list does not filter). ``date_from`` and
    ``date_to`` are inclusive ISO dates ``YYYY-MM-DD`` on ``published``, from
    :data:`DATE_MIN` to :data:`DATE_MAX`; ``value_min`` and
    ``value_max`` are inclusive bounds on ``value``; ``text`` is a case-insensitive literal
    substring of any of :data:`TEXT_COLUMNS`. Figures the store marks ``not_a_figure`` are
    hidden unless ``show_not_figures``.

    The values are normalised on creation (lists of ``str`` without repeats, floats,
    ``None`` for empty bounds) so that two states meaning the same filter compare equal.
    """

    categories: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    attributed_to: list[str] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None
    value_min: float | None = None
    value_max: float | None = None
    text: str = ""
    show_not_figures: bool = False

    def __post_init__(self) -> None:
        for name in LIST_FIELDS:
            setattr(self, name, _str_list(getattr(self, name)))
        self.date_from = _iso_date(self.date_from)
        self.date_to = _iso_date(self.date_to)
        self.value_min = _number(self.value_min)
        self.value_max = _number(self.value_max)
        self.text = "" if self.text is None else str(self.text)
        self.show_not_figures = bool(self.show_not_figures)

    def is_empty(self) -> bool:
        """True when the state filters nothing (``not_a_figure`` rows aside)."""
        return self == FilterState(show_not_figures=self.show_not_figures)

    def to_query_params(self) -> dict[str, str | list[str]]:
        """The state as URL query parameters: only the fields that are set.

        Keys are the field names (:data:`QUERY_KEYS`); a list becomes a list of strings
        (repeated keys in the URL, as ``st.query_params`` writes them), a number its
        shortest exact text, ``show_not_figures`` the string ``"1"``.

        >>> FilterState(units=["troop", "battalion"], value_min=1000, date_to="2022-02-24",
        ...             show_not_figures=True).to_query_params()
        {'units': ['troop', 'battalion'], 'date_to': '2022-02-24', 'value_min': '1000', 'show_not_figures': '1'}
        """
        params: dict[str, str | list[str]] = {}
        for name in LIST_FIELDS:
            values = getattr(self, name)
            if values:
                params[name] = list(values)
        for name in ("date_from", "date_to"):
            if getattr(self, name) is not None:
                params[name] = getattr(self, name)
        for name in ("value_min", "value_max"):
            if getattr(self, name) is not None:
                params[name] = _format_number(getattr(self, name))
        if self.text:
            params["text"] = self.text
        if self.show_not_figures:
            params["show_not_figures"] = "1"
        return params

    @classmethod
    def from_query_params(cls, mapping: Mapping[str, Any]) -> FilterState:
        """Rebuild a state from query parameters, ignoring keys it does not know.

        ``mapping`` may be ``st.query_params`` (its ``get_all`` gives every value of a
        repeated key), a plain dict of strings or lists of strings (as from
        :meth:`to_query_params`), or any mapping. A value that does not parse (a date that
        is not ``YYYY-MM-DD`` or outside :data:`DATE_MIN`..:data:`DATE_MAX`, a bound that
        is not a finite number) is dropped rather than raising: links are edited by hand.
        :meth:`read_query_params` also says what was dropped.

        >>> FilterState.from_query_params({"sources": "Reuters", "value_max": "1e6",
        ...                                "date_from": "14/02/2022", "page": "compare"})
        FilterState(categories=[], units=[], actors=[], sources=['Reuters'], attributed_to=[], date_from=None, date_to=None, value_min=None, value_max=1000000.0, text='', show_not_figures=False)
        """
        return cls.read_query_params(mapping)[0]

    @classmethod
    def read_query_params(cls, mapping: Mapping[str, Any]) -> tuple[FilterState, list[str]]:
        """:meth:`from_query_params`, and one sentence for each value it dropped, naming the
        parameter and its value as given (data: show it as text).

        >>> FilterState.read_query_params({"date_to": "9999-12-31"})[1]
        ['date_to “9999-12-31” is not a date from 1800-01-01 to 2199-12-31 (YYYY-MM-DD); it is ignored.']
        >>> FilterState.read_query_params({"date_to": "2022-02-24"})[0].date_to
        '2022-02-24'
        """
        def values(key: str) -> list[str]:
            if key not in mapping:
                return []
            if hasattr(mapping, "get_all"):
                got = mapping.get_all(key)
            else:
                got = mapping[key]
            if got is None:
                return []
            if isinstance(got, str) or not isinstance(got, Iterable):
                return [str(got)]
            return [str(v) for v in got]

        def last(key: str) -> str | None:
            got = values(key)
            return got[-1] if got else None

        problems: list[str] = []
        kwargs: dict[str, Any] = {name: values(name) for name in LIST_FIELDS}
        for key, read, wanted in [
                ("date_from", _iso_date, f"a date from {DATE_MIN} to {DATE_MAX} (YYYY-MM-DD)"),
                ("date_to", _iso_date, f"a date from {DATE_MIN} to {DATE_MAX} (YYYY-MM-DD)"),
                ("value_min", _number, "a finite number"),
                ("value_max", _number, "a finite number")]:
            raw = last(key)
            kwargs[key] = read(raw, strict=False)
            if kwargs[key] is None and raw is not None and raw.strip():
                problems.append(f"{key} “{raw}” is not {wanted}; it is ignored.")
        kwargs["text"] = last("text") or ""
        kwargs["show_not_figures"] = (last("show_not_figures") or "").strip().lower() in _TRUE
        return cls(**kwargs), problems


#: Every query-parameter key :meth:`FilterState.to_query_params` may write.
QUERY_KEYS: tuple[str, ...] = tuple(f.name for f in fields(FilterState))


def _str_list(values: Any) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for v in values:
        if v is None or v is pd.NA:
            continue
        s = str(v)
        if s and s not in out:
            out.append(s)
    return out


def _iso_date(value: Any, strict: bool = True) -> str | None:
    """``YYYY-MM-DD`` (a date, datetime or such a string) -> the string; empty -> None."""
    if value is None or value is pd.NA or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        date = dt.date.fromisoformat(text)
    except ValueError:
        if strict:
            raise ValueError(f"not an ISO date YYYY-MM-DD: {value!r}") from None
        return None
    if not DATE_MIN <= date <= DATE_MAX:
        if strict:
            raise ValueError(f"not a date from {DATE_MIN} to {DATE_MAX}: {value!r}")
        return None
    return date.isoformat()


def _number(value: Any, strict: bool = True) -> float | None:
    if value is None or value is pd.NA or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        if strict:
            raise
        return None
    if not math.isfinite(number):
        if strict and not math.isnan(number):
            raise ValueError(f"not a finite bound: {value!r}")
        return None
    return number


def _format_number(value: float) -> str:
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


# --------------------------------------------------------------------------- filtering

def _as_string(series: pd.Series) -> pd.Series:
    """The column as a nullable string Series (no copy when it already is one)."""
    if isinstance(series.dtype, pd.StringDtype):
        return series
    return series.astype(_STRING)


def _as_bool(series: pd.Series) -> np.ndarray:
    """True where the column is true; null and false are False."""
    if series.dtype == bool:
        return series.to_numpy()
    return series.astype("boolean").fillna(False).to_numpy(dtype=bool)


def _shown(df: pd.DataFrame, show_not_figures: bool = False) -> np.ndarray:
    """Mask of rows that are figures (``not_a_figure`` not set), all True without the column."""
    if show_not_figures or "not_a_figure" not in df.columns:
        return np.ones(len(df), dtype=bool)
    return ~_as_bool(df["not_a_figure"])


def _next_day(iso: str) -> str:
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=1)).isoformat()


def _contains(series: pd.Series, text: str) -> np.ndarray:
    found = _as_string(series).str.contains(text, case=False, regex=False)
    return found.fillna(False).to_numpy(dtype=bool)


def filter_figures(df: pd.DataFrame, state: FilterState) -> pd.DataFrame:
    """The rows of ``df`` that pass every filter of ``state`` (a new frame, same index).

    * Each non-empty list keeps rows whose column is one of its values (null never is).
    * ``date_from`` / ``date_to`` compare ``published`` as an ISO string, inclusive; a
      timestamp such as ``2022-02-24T05:00`` counts as its day. Rows without a published
      date pass only when neither bound is set.
    * ``value_min`` / ``value_max`` bound ``value`` (the midpoint of a range), inclusive;
      rows without a value pass only when neither bound is set.
    * ``text`` is a literal, case-insensitive substring of the sentence, surface, object,
      source or attributed_to (``"1.5"`` matches a dot, not any character).
    * Rows with ``not_a_figure`` true are dropped unless ``state.show_not_figures``.

    The cheap masks are combined first and the text is searched only in the rows left.

    >>> from tracker.schema import to_frame
    >>> df = to_frame([
    ...     {"figure_id": "a", "published": "2021-11-10", "value": 90000.0, "unit": "troop",
    ...      "sentence": "About 90,000 troops are near the border."},
    ...     {"figure_id": "b", "published": "2022-02-14", "value": 145000.0, "unit": "troop",
    ...      "sentence": "Russia has massed 145,000 troops.", "source": "The Guardian"},
    ...     {"figure_id": "c", "published": None, "value": 1e9, "unit": "USD",
    ...      "sentence": "A loan guarantee of up to $1bn."}])
    >>> filter_figures(df, FilterState(date_from="2022-01-01"))["figure_id"].tolist()
    ['b']
    >>> filter_figures(df, FilterState(value_max=100000, text="troops"))["figure_id"].tolist()
    ['a']
    >>> filter_figures(df, FilterState(text="guardian"))["figure_id"].tolist()
    ['b']
    """
    mask = _shown(df, state.show_not_figures)
    for name, column in LIST_FIELDS.items():
        wanted = getattr(state, name)
        if wanted:
            mask &= _as_string(df[column]).isin(wanted).fillna(False).to_numpy(dtype=bool)
    if state.date_from is not None or state.date_to is not None:
        published = _as_string(df["published"])
        if state.date_from is not None:
            mask &= (published >= state.date_from).fillna(False).to_numpy(dtype=bool)
        if state.date_to is not None:
            mask &= (published < _next_day(state.date_to)).fillna(False).to_numpy(dtype=bool)
    if state.value_min is not None or state.value_max is not None:
        value = pd.to_numeric(df["value"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            if state.value_min is not None:
                mask &= value >= state.value_min
            if state.value_max is not None:
                mask &= value <= state.value_max
    if state.text:
        kept = np.flatnonzero(mask)
        found = np.zeros(len(kept), dtype=bool)
        for column in TEXT_COLUMNS:
            if column not in df.columns:
                continue
            todo = np.flatnonzero(~found)
            if not len(todo):
                break
            found[todo] = _contains(df[column].iloc[kept[todo]], state.text)
        mask = np.zeros(len(df), dtype=bool)
        mask[kept[found]] = True
    return df[mask]


def filter_options(df: pd.DataFrame) -> dict[str, list[str]]:
    """The distinct non-null values offered by each multi-select of :class:`FilterState`.

    Keys are the list fields of the state (``categories``, ``units``, ``actors``,
    ``sources``, ``attributed_to``); values are sorted case-insensitively. Rows marked
    ``not_a_figure`` count too, so a value does not vanish from the menu when they are shown.

    >>> from tracker.schema import to_frame
    >>> df = to_frame([{"source": "reuters", "unit": "troop"}, {"source": "BBC", "unit": "troop"},
    ...                {"source": "AP", "unit": None}])
    >>> filter_options(df)["sources"], filter_options(df)["units"]
    (['AP', 'BBC', 'reuters'], ['troop'])
    """
    options: dict[str, list[str]] = {}
    for name, column in LIST_FIELDS.items():
        if column not in df.columns:
            options[name] = []
            continue
        distinct = _as_string(df[column]).dropna().unique()
        options[name] = sorted((str(v) for v in distinct if str(v)), key=lambda s: (s.casefold(), s))
    return options


# --------------------------------------------------------------------------- compare

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
    keep = _shown(df)
    keep &= pd.to_numeric(df["value"], errors="coerce").notna().to_numpy(dtype=bool)
    keep &= _as_string(df["category"]).notna().to_numpy(dtype=bool)
    keep &= _as_string(df["unit"]).notna().to_numpy(dtype=bool)
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
        "category": _as_string(data["category"]).to_numpy(dtype=object),
        "unit": _as_string(data["unit"]).to_numpy(dtype=object),
        "actor": _as_string(data["actor"]).to_numpy(dtype=object, na_value=None),
    })
    by_actor = (keys.dropna(subset=["actor"]).groupby(["category", "unit", "actor"], sort=False)
                .size().rename("n").reset_index())
    totals = keys.groupby(["category", "unit"], sort=False).agg(
        n=("actor", "size"), actors=("actor", "nunique"), nulls=("actor", lambda s: s.isna().any()))
    anyrow = totals[(totals["actors"] > 1) | totals["nulls"]].reset_index()
    anyrow = anyrow.assign(actor=None)[["category", "unit", "actor", "n"]]
    out = pd.concat([anyrow, by_actor], ignore_index=True)
    out = out.astype({"category": _STRING, "unit": _STRING, "actor": _STRING, "n": "int64"})
    out["_any"] = out["actor"].isna().to_numpy(dtype=int)
    out = out.sort_values(["n", "category", "unit", "_any", "actor"],
                          ascending=[False, True, True, False, True], kind="mergesort")
    return out.drop(columns="_any").reset_index(drop=True)


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
    keep = (_as_string(data["category"]) == category) & (_as_string(data["unit"]) == unit)
    if actor is not None:
        keep &= _as_string(data["actor"]) == actor
    keep = keep.fillna(False).to_numpy(dtype=bool)
    if object_word is not None and object_word.strip():
        if "object" in data.columns:
            found = _as_string(data["object"]).str.contains(
                _word_pattern(object_word), case=False, regex=True)
            keep &= found.fillna(False).to_numpy(dtype=bool)
        else:
            keep[:] = False
    data = data[keep].reset_index(drop=True)

    source = _as_string(data["source"])
    out = pd.DataFrame({
        "published": _as_string(data["published"]),
        "who": _as_string(data["attributed_to"]).fillna(source),
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
            "who": _as_string(estimates["who"]).to_numpy(dtype=object, na_value=None),
            "published": _as_string(estimates["published"]).to_numpy(dtype=object, na_value=None),
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


# --------------------------------------------------------------------------- highlighting

# One pass over the text: HTML's five special characters as html.escape(quote=True) writes
# them; the characters Markdown (CommonMark, GFM, Streamlit's $math$ and :directives:) reads
# as syntax as numeric references, so st.markdown(..., unsafe_allow_html=True) shows them as
# text too; line breaks as <br> (a carriage return as a reference), so the HTML is one line
# and no blank line can end an HTML block and hand the rest to the Markdown parser.
_ESCAPES = str.maketrans({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;",
    "\n": "<br>", "\r": "&#13;",
    "\\": "&#92;", "`": "&#96;", "*": "&#42;", "_": "&#95;", "[": "&#91;", "]": "&#93;",
    "$": "&#36;", "~": "&#126;", "|": "&#124;", "#": "&#35;", ":": "&#58;",
})


def _escape(text: str) -> str:
    return text.translate(_ESCAPES)


def _merged(spans: Iterable, length: int) -> list[tuple[int, int]]:
    """Spans clipped to the text, empty or invalid ones dropped, overlapping ones merged."""
    clean = []
    for span in spans:
        try:
            start, end = span
            if pd.isna(start) or pd.isna(end):
                continue
            start, end = max(0, int(start)), min(length, int(end))
        except (TypeError, ValueError):
            continue
        if start < end:
            clean.append((start, end))
    clean.sort()
    merged: list[tuple[int, int]] = []
    for start, end in clean:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, spans: Iterable[tuple[int, int]], *, css_class: str = "fig") -> str:
    """``text`` as one line of HTML, escaped, with each span wrapped in ``<mark class=...>``.

    Every character of the text is escaped: ``& < > " '`` as :func:`html.escape` writes
    them, and the characters Markdown would read as syntax (`` \\ ` * _ [ ] $ ~ | # : ``) as
    numeric character references, so the result shows the text verbatim whether it is given
    to ``st.html`` or to ``st.markdown(..., unsafe_allow_html=True)``. A newline becomes
    ``<br>`` (a carriage return ``&#13;``), so the result holds no line break of its own.

    ``spans`` are ``(start, end)`` character offsets into ``text`` (the figure table's
    ``start``/``end`` for a document, minus ``sentence_start`` for a sentence). Spans are
    clipped to the text; empty, inverted or null ones are skipped; overlapping ones are
    merged into one mark. Nothing here raises on odd spans.

    Removing the ``<mark>`` tags, turning ``<br>`` back into newlines and applying
    :func:`html.unescape` gives back ``text`` exactly.

    >>> highlight("<script>alert('x')</script> 14 battalions", [(28, 41)])
    '&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; <mark class="fig">14 battalions</mark>'
    >>> highlight("up to $1bn\\nand *more*", [(6, 10), (0, 8), (99, 120)])
    '<mark class="fig">up to &#36;1bn</mark><br>and &#42;more&#42;'
    """
    text = "" if text is None or text is pd.NA else str(text)
    opening = f'<mark class="{html.escape(str(css_class), quote=True)}">'
    parts = []
    position = 0
    for start, end in _merged(spans or (), len(text)):
        parts.append(_escape(text[position:start]))
        parts.append(opening + _escape(text[start:end]) + "</mark>")
        position = end
    parts.append(_escape(text[position:]))
    return "".join(parts)


def sentence_html(figure: Mapping[str, Any], *, css_class: str = "fig") -> str:
    """One figure's sentence as :func:`highlight` HTML, the figure marked.

    ``figure`` is a row of the figure table (a dict or a Series with ``sentence``,
    ``start``, ``end`` and ``sentence_start``). Without ``sentence_start`` (or ``start``)
    the first occurrence of ``surface`` in the sentence is marked; with neither, nothing is.

    >>> sentence_html({"sentence": "Russia has massed 145,000 troops.", "sentence_start": 100,
    ...                "start": 118, "end": 132, "surface": "145,000 troops"})
    'Russia has massed <mark class="fig">145,000 troops</mark>.'
    """
    def get(key: str) -> Any:
        value = figure.get(key) if hasattr(figure, "get") else None
        return None if value is None or pd.isna(value) else value

    sentence = get("sentence") or ""
    base, start, end = get("sentence_start"), get("start"), get("end")
    if base is not None and start is not None and end is not None:
        spans = [(int(start) - int(base), int(end) - int(base))]
    else:
        surface = get("surface")
        at = sentence.find(surface) if surface else -1
        spans = [(at, at + len(surface))] if at >= 0 else []
    return highlight(sentence, spans, css_class=css_class)


# --------------------------------------------------------------------------- plain text

#: ASCII punctuation: CommonMark lets a backslash make any of it literal, and Markdown syntax
#: (links, images, emphasis, HTML, code, tables, headings, lists, Streamlit's $math$ and
#: :colour[directives]) is built from nothing else.
_MARKDOWN_ESCAPES = str.maketrans({c: "\\" + c for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"})

#: Where GitHub-flavoured Markdown starts an auto-link in plain text; Streamlit's renderer
#: (remark-gfm) finds them in the text *after* backslash escapes are read, so escaping alone
#: does not stop them. A WORD JOINER (U+2060, invisible, no width) inside each breaks them.
_AUTOLINK_STARTS = re.compile(r"(?<=://)|(?<=@)|(?<=www)(?=\.)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def plain(text: Any) -> str:
    r"""Data (article metadata, file names, URLs, messages) escaped for any Streamlit element
    that reads Markdown (``st.title``, ``st.caption``, ``st.error`` ...): shown as written,
    on one line, never as a link, an image, markup or an auto-linked address.

    Every ASCII punctuation character gets a backslash, line breaks become spaces, and a
    word joiner (U+2060, invisible) follows ``://`` and ``@`` and precedes the dot of
    ``www.``, which is what stops GitHub-flavoured Markdown auto-linking; None and NaN
    give ``""``.

    >>> plain("[click](https://evil.example) ![](x.png)")
    '\\[click\\]\\(https\\:\\/\\/\u2060evil\\.example\\) \\!\\[\\]\\(x\\.png\\)'
    >>> plain("see www.example.org or ops@example.org").replace(WORD_JOINER, "|")
    'see www|\\.example\\.org or ops\\@|example\\.org'
    """
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    text = " ".join(str(text).splitlines())
    return _AUTOLINK_STARTS.sub(WORD_JOINER, text).translate(_MARKDOWN_ESCAPES)


def unplain(text: str) -> str:
    """What :func:`plain` shows: its backslashes and word joiners taken out (for tests).

    >>> unplain(plain("[a](http://b.c) x@y.z"))
    '[a](http://b.c) x@y.z'
    """
    return re.sub(r"\\(.)", r"\1", text.replace(WORD_JOINER, ""))


def safe_link(url: Any) -> str | None:
    """``url`` when it is an absolute ``http``/``https`` URL with a host (fit for a link
    we draw ourselves), else None: never ``javascript:``, ``data:`` or a relative path.

    >>> safe_link(" https://example.org/a?b=1 ")
    'https://example.org/a?b=1'
    >>> safe_link("javascript:alert(1)") is None and safe_link("//evil.example") is None
    True
    """
    from urllib.parse import urlsplit

    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or any(ord(c) < 33 or c == "\x7f" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


#: The longest file name most file systems hold, in bytes of UTF-8.
MAX_NAME_BYTES = 255
_UNSAFE_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f/\\\\]")


def safe_upload_name(name: Any, default: str = "upload") -> str:
    r"""An uploaded file's name made safe to pass on, log and show.

    The browser sends any name: empty, ``.``, ``..``, a path, control characters (NUL
    too), or longer than a file system holds. This keeps the last path part, turns control
    characters into ``_``, strips spaces, names a file that starts with a dot (``..``,
    ``.txt``) ``default`` (``upload.txt``), and cuts the name to
    :data:`MAX_NAME_BYTES` bytes of UTF-8 keeping its extension (which says how it is read,
    ``.pdf``, ``.csv.gz``). A name with nothing left is ``default``.

    >>> [safe_upload_name(n) for n in ["report.pdf", "", ".", "..", "../../etc/passwd", "a\x00b.txt"]]
    ['report.pdf', 'upload', 'upload', 'upload', 'passwd', 'a_b.txt']
    >>> len(safe_upload_name("x" * 300 + ".csv.gz").encode()), safe_upload_name("x" * 300 + ".csv.gz")[-7:]
    (255, '.csv.gz')
    """
    text = "" if name is None else str(name)
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = _UNSAFE_NAME_CHARS.sub("_", text).strip()
    text = text.encode("utf-8", errors="replace").decode("utf-8")  # lone surrogates -> ?
    if text.startswith("."):  # ".", "..", a hidden ".txt": the default name, the extension kept
        rest = text.lstrip(". ")
        text = f"{default}.{rest}" if rest else default
    stem, dot, suffix = text.partition(".")
    extension = (dot + suffix) if len((dot + suffix).encode()) <= 32 else ""
    if not stem.strip(" _"):
        stem = default
    if len((stem + extension).encode()) > MAX_NAME_BYTES:
        room = MAX_NAME_BYTES - len(extension.encode())
        stem = stem.encode()[:room].decode("utf-8", errors="ignore").rstrip(" ")
    return stem + extension
