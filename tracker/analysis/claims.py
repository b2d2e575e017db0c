"""Claims: one figure from one source, however many articles repeat it.

A **mention** is a figure row of the store, in a measure (:mod:`tracker.analysis.measures`).
Mentions are one **claim** when they have

* the same measure, the same *speaker* (``attributed_to``, or the outlet when the outlet says it
  itself), and for money the same donor (``actor``) and currency;
* the same role, where a total and a cumulative total count as one (a per-unit figure, a part,
  an increment or a rate is its own claim, shown only when every role is asked for);
* the same value and bounds, each within 0.5% (:data:`TOLERANCE`; both missing counts as equal);
* a date within 7 days (:data:`WINDOW_DAYS`) of the claim's first: the ``as_of`` the text gives,
  else the article's ``published`` date. Equal amounts announced weeks apart stay two claims.
  Undated mentions join undated claims only.

A claim's *first appearance* is its earliest-published mention (then the lowest ``doc_id`` and
offset); its value, bounds, unit, qualifier and sentence are that mention's. Its ``date`` is its
``as_of`` (the earliest of its mentions) where the text gives one, else its first appearance.
``count`` is the number of articles that carried it, ``outlets`` and ``doc_ids`` list them in
order of first appearance, ``figure_ids`` every mention merged into it.

Money is converted to one currency at the ECB reference rate of the claim's date
(:mod:`tracker.analysis.currency`); the original amount and currency stay beside it.

>>> from tracker.schema import to_frame
>>> rows = [dict(doc_id=d, figure_id=f"{d}1", start=0, end=5, source=s, published=p, value=v,
...              category="personnel", unit="troop", actor="russia", attributed_to="pentagon")
...         for d, s, p, v in [("a", "Reuters", "2022-02-14", 150000.0), ("b", "AP", "2022-02-15", 150100.0),
...                            ("c", "BBC", "2022-03-20", 150000.0)]]
>>> out = claims(to_frame(rows), "count:russia:troop:personnel:-")
>>> out[["date", "speaker", "value", "count"]].to_dict("records")
[{'date': '2022-02-14', 'speaker': 'pentagon', 'value': 150000.0, 'count': 2}, {'date': '2022-03-20', 'speaker': 'pentagon', 'value': 150000.0, 'count': 1}]
>>> out["outlets"].tolist()
[['Reuters', 'AP'], ['BBC']]
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from functools import lru_cache

import numpy as np
import pandas as pd

from tracker.analysis.currency import DEFAULT_CURRENCY, Rates, ecb_rates
from tracker.analysis.filters import as_string
from tracker.analysis.format import format_as_of
from tracker.analysis.measures import DEFAULT_ROLES, MONEY, _data, measure_keys, measure_label

__all__ = ["CLAIM_COLUMNS", "MEASURE_COLUMNS", "VAGUE_RULES", "TOLERANCE", "WINDOW_DAYS", "mentions",
           "claims", "measure_table", "claim_of_figures", "provenance", "apply_vague_rule"]

#: Values and bounds closer than this share (of the larger) are the same figure.
TOLERANCE = 0.005
#: Mentions dated this many days or fewer after a claim's first are the same claim.
WINDOW_DAYS = 7
#: How vague amounts ("dozens of") are read: the extractor's range, or ACLED's point.
VAGUE_RULES = ("range", "acled")

#: Columns of :func:`claims`, in order, with their dtypes ("object": a Python list per row).
CLAIM_COLUMNS: dict[str, str] = {
    "measure": "string", "claim_id": "string",
    "attributed_to": "string", "attributed_kind": "string", "actor": "string", "recipient": "string",
    "subtype": "string", "role": "string",
    "date": "string", "as_of": "string", "published": "string",
    "value": "float64", "low": "float64", "high": "float64", "approx": "boolean", "qualifier": "string",
    "unit": "string",
    "value_converted": "float64", "low_converted": "float64", "high_converted": "float64",
    "currency": "string", "rate": "float64",
    "count": "int64", "outlets": "object", "doc_ids": "object", "figure_ids": "object",
    # beyond the command line's fields: for the views
    "speaker": "string", "attributed_country": "string", "rate_date": "string", "as_of_precision": "string",
    "first_source": "string",
    "derived": "boolean", "surface": "string", "sentence": "string",
}

#: Columns of :func:`measure_table`.
MEASURE_COLUMNS: dict[str, str] = {"measure": "string", "label": "string", "claims": "int64",
                                   "sources": "int64", "figures": "int64"}

_MENTION_FIELDS = ("attributed_to", "attributed_kind", "attributed_country", "actor", "recipient", "subtype", "role",
                   "as_of", "as_of_precision", "published", "qualifier", "unit", "source", "doc_id",
                   "figure_id", "surface", "sentence", "object")


def _strings(df: pd.DataFrame, name: str) -> np.ndarray:
    if name not in df.columns:
        return np.full(len(df), None, dtype=object)
    return as_string(df[name]).to_numpy(dtype=object, na_value=None)


def _floats(df: pd.DataFrame, name: str) -> np.ndarray:
    if name not in df.columns:
        return np.full(len(df), np.nan)
    return pd.to_numeric(df[name], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _bools(df: pd.DataFrame, name: str) -> np.ndarray:
    if name not in df.columns:
        return np.zeros(len(df), dtype=bool)
    return df[name].astype("boolean").fillna(False).to_numpy(dtype=bool)


@lru_cache(maxsize=1)
def _acled_points() -> list[tuple[str, float]]:
    points = tomllib.loads(_data("vague.toml"))["acled_points"]
    return sorted(((word, float(v)) for word, v in points.items()), key=lambda item: -len(item[0]))


def acled_point(surface: str | None) -> float | None:
    """ACLED's conservative point for a vague amount, from the words it opens with; None when
    its words are not a vague amount of data/vague.toml.

    >>> acled_point("Dozens of civilians"), acled_point("tens of thousands of people"), acled_point("5,000")
    (12.0, 10000.0, None)
    """
    text = re.sub(r"\s+", " ", (surface or "").strip().lower())
    for word, point in _acled_points():
        if text == word or text.startswith(word + " "):
            return point
    return None


def apply_vague_rule(value: np.ndarray, low: np.ndarray, high: np.ndarray, qualifier: np.ndarray,
                     surface: np.ndarray, rule: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Values and bounds under a vague-amount rule (:data:`VAGUE_RULES`): ``"range"`` keeps them;
    ``"acled"`` gives a vague figure ("dozens of", qualifier ``vague``) its ACLED point as value,
    with no bounds."""
    if rule not in VAGUE_RULES:
        raise ValueError(f"unknown rule for vague amounts {rule!r}; one of: {', '.join(VAGUE_RULES)}")
    if rule == "range":
        return value, low, high
    value, low, high = value.copy(), low.copy(), high.copy()
    for i in np.flatnonzero(qualifier == "vague"):
        point = acled_point(surface[i])
        if point is not None:
            value[i], low[i], high[i] = point, np.nan, np.nan
    return value, low, high


def _word_mask(objects: np.ndarray, word: str) -> np.ndarray:
    parts = [re.escape(p) for p in word.split()]
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?:e?s)?(?!\w)", re.IGNORECASE)
    return np.array([o is not None and pattern.search(o) is not None for o in objects], dtype=bool)


def mentions(df: pd.DataFrame, measure: str | None = None, *, all_roles: bool = False,
             vague: str = "range", word: str | None = None) -> pd.DataFrame:
    """The figures that can be compared, one row per figure, with its ``measure`` and
    ``speaker``: of one measure, or of all (``measure`` None); totals and cumulative totals only
    unless ``all_roles``; ``word`` narrows to figures whose object holds that word (a plural
    ``s`` allowed); ``vague`` is the rule of :func:`apply_vague_rule`."""
    keys = measure_keys(df)
    keep = keys != None  # noqa: E711 - elementwise
    if measure is not None:
        keep &= keys == measure
    role = _strings(df, "role")
    role = np.where(role == None, "total", role)  # noqa: E711
    if not all_roles:
        keep &= np.isin(role, DEFAULT_ROLES)
    if word and word.strip():
        keep &= _word_mask(_strings(df, "object"), word.strip())
    rows = np.flatnonzero(keep)
    out = {name: _strings(df, name)[rows] for name in _MENTION_FIELDS}
    out["role"] = role[rows]
    out["measure"] = keys[rows]
    value, low, high = (_floats(df, name)[rows] for name in ("value", "low", "high"))
    out["value"], out["low"], out["high"] = apply_vague_rule(value, low, high, out["qualifier"],
                                                            out["surface"], vague)
    out["approx"] = _bools(df, "approx")[rows]
    out["derived"] = _bools(df, "derived")[rows]
    out["start"] = _floats(df, "start")[rows]
    speaker = np.where(out["attributed_to"] == None, out["source"], out["attributed_to"])  # noqa: E711
    out["speaker"] = np.where(speaker == None, "unknown", speaker)  # noqa: E711
    out["basis"] = np.where(out["as_of"] == None, out["published"], out["as_of"])  # noqa: E711
    # object columns stay object (None for missing), not inferred as strings with NaN
    return pd.DataFrame({name: pd.Series(values, dtype=object if np.asarray(values).dtype == object else None)
                         for name, values in out.items()})


def _days(values: np.ndarray) -> np.ndarray:
    """ISO dates as day numbers (float; NaN for none or unreadable)."""
    parsed = pd.to_datetime(pd.Series(values, dtype=object).str.slice(0, 10), errors="coerce", format="%Y-%m-%d")
    days = parsed.to_numpy(dtype="datetime64[D]").astype("int64").astype(float)
    days[parsed.isna().to_numpy()] = np.nan
    return days


def _close(a: float, b: float) -> bool:
    if a != a or b != b:  # NaN
        return a != a and b != b
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b))


def _group_keys(m: pd.DataFrame) -> np.ndarray:
    """What must be equal for two mentions to be one claim (besides value and date)."""
    money = m["measure"].str.startswith("money:").to_numpy(dtype=bool)
    role = m["role"].to_numpy(dtype=object)
    role = np.where(np.isin(role, DEFAULT_ROLES), "total", role)
    actor = np.where(money, m["actor"].to_numpy(dtype=object), None)
    unit = np.where(money, m["unit"].to_numpy(dtype=object), None)
    frame = pd.DataFrame({"measure": m["measure"].to_numpy(dtype=object), "speaker": m["speaker"].to_numpy(dtype=object),
                          "actor": actor, "unit": unit, "role": role})
    return frame.groupby(list(frame.columns), sort=False, dropna=False).ngroup().to_numpy()


def _assign(m: pd.DataFrame) -> np.ndarray:
    """The claim number of every mention (0, 1, ...), by the rules of the module docstring."""
    n = len(m)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    group = _group_keys(m)
    day = _days(m["basis"].to_numpy(dtype=object))
    value, low, high = (m[c].to_numpy(dtype=float) for c in ("value", "low", "high"))
    # identical mentions (the same figure carried word for word) are decided once
    points = pd.DataFrame({"g": group, "d": day, "v": value, "l": low, "h": high})
    point = points.groupby(["g", "d", "v", "l", "h"], sort=False, dropna=False).ngroup().to_numpy()
    first = np.unique(point, return_index=True)[1]
    order = first[np.lexsort((np.nan_to_num(day[first], nan=np.inf), group[first]))]  # by group, undated last
    claim_of_point = np.empty(len(first), dtype=np.int64)
    claims_made = 0
    current = None
    active: list[tuple[int, float, float, float, float]] = []  # (claim, first day, value, low, high)
    for i in order:
        g, d = group[i], day[i]
        if g != current:
            current, active = g, []
        dated = d == d
        if dated:
            active = [c for c in active if c[1] != c[1] or d - c[1] <= WINDOW_DAYS]
        found = -1
        for c in active:
            if (c[1] == c[1]) == dated and _close(c[2], value[i]) and _close(c[3], low[i]) and _close(c[4], high[i]):
                found = c[0]
                break
        if found < 0:
            found = claims_made
            claims_made += 1
            active.append((found, d, value[i], low[i], high[i]))
        claim_of_point[point[i]] = found
    return claim_of_point[point]


def _first_appearance_order(m: pd.DataFrame) -> np.ndarray:
    """Mentions in order of appearance: published (undated last), then doc_id, then offset."""
    published = m["published"].fillna("\uffff").to_numpy(dtype=str)
    doc = m["doc_id"].fillna("").to_numpy(dtype=str)
    return np.lexsort((m["start"].to_numpy(dtype=float), doc, published))


def _claim_id(*parts) -> str:
    key = "\x1f".join("" if p is None or (isinstance(p, float) and p != p) else str(p) for p in parts)
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _distinct(values) -> list:
    return list(dict.fromkeys(v for v in values if v is not None))


def claims(df: pd.DataFrame, measure: str | None = None, *, currency: str = DEFAULT_CURRENCY,
           all_roles: bool = False, vague: str = "range", word: str | None = None,
           rates: Rates | None = None) -> pd.DataFrame:
    """The claims of one measure (or of every measure, ``measure`` None), one row each with the
    columns of :data:`CLAIM_COLUMNS`, sorted by ``date`` (undated last), then speaker, donor and value.

    ``currency`` is the currency money is converted to (an ECB code, :mod:`tracker.analysis.
    currency`; a count has no conversion). ``all_roles`` brings in parts, increments, per-unit
    figures and rates, each its own claim with its ``role``; ``vague`` and ``word`` are as in
    :func:`mentions`.
    """
    m = mentions(df, measure, all_roles=all_roles, vague=vague, word=word)
    claim = _assign(m)
    m = m.assign(claim=claim)
    rank = np.empty(len(m), dtype=np.int64)
    rank[_first_appearance_order(m)] = np.arange(len(m))
    m = m.iloc[np.lexsort((rank, claim))].reset_index(drop=True)  # by claim, then appearance
    starts = np.flatnonzero(np.r_[True, m["claim"].to_numpy()[1:] != m["claim"].to_numpy()[:-1]]) if len(m) else []
    ends = list(starts[1:]) + [len(m)] if len(m) else []
    cols = {name: m[name].to_numpy(dtype=object) for name in
            ("measure", "attributed_to", "attributed_kind", "attributed_country", "actor", "recipient", "subtype", "role", "as_of",
             "as_of_precision", "published", "qualifier", "unit", "source", "doc_id", "figure_id", "surface",
             "sentence", "speaker")}
    value, low, high = (m[c].to_numpy(dtype=float) for c in ("value", "low", "high"))
    approx, derived = m["approx"].to_numpy(dtype=bool), m["derived"].to_numpy(dtype=bool)
    records = []
    for s, e in zip(starts, ends):
        as_ofs = [(a, p) for a, p in zip(cols["as_of"][s:e], cols["as_of_precision"][s:e]) if a is not None]
        as_of, precision = min(as_ofs) if as_ofs else (None, None)
        published = cols["published"][s]
        date = as_of if as_of is not None else published
        kind = cols["attributed_kind"][s] or next((k for k in cols["attributed_kind"][s:e] if k), None)
        if cols["attributed_to"][s] is None and kind is None:
            kind = "media"  # the outlet says it itself
        records.append({
            "measure": cols["measure"][s],
            "claim_id": _claim_id(cols["measure"][s], cols["speaker"][s], cols["actor"][s], cols["unit"][s],
                                  cols["role"][s], value[s], low[s], high[s], date),
            "attributed_to": cols["attributed_to"][s], "attributed_kind": kind,
            "actor": cols["actor"][s], "recipient": cols["recipient"][s], "subtype": cols["subtype"][s],
            "role": cols["role"][s], "date": date, "as_of": as_of, "published": published,
            "value": value[s], "low": low[s], "high": high[s], "approx": bool(approx[s]),
            "qualifier": cols["qualifier"][s], "unit": cols["unit"][s],
            "count": len(_distinct(cols["doc_id"][s:e])),
            "outlets": _distinct(cols["source"][s:e]), "doc_ids": _distinct(cols["doc_id"][s:e]),
            "figure_ids": list(cols["figure_id"][s:e]),
            "speaker": cols["speaker"][s],
            "attributed_country": next((c for c in cols["attributed_country"][s:e] if c), None),
            "as_of_precision": precision, "first_source": cols["source"][s],
            "derived": bool(derived[s]), "surface": cols["surface"][s], "sentence": cols["sentence"][s],
        })
    out = pd.DataFrame.from_records(records, columns=[c for c in CLAIM_COLUMNS if c not in
                                                      ("value_converted", "low_converted", "high_converted",
                                                       "currency", "rate", "rate_date")])
    out = _convert(out, currency, rates)
    out = out[list(CLAIM_COLUMNS)]
    out = out.astype({name: dtype for name, dtype in CLAIM_COLUMNS.items() if dtype != "object"})
    undated = out["date"].isna().to_numpy()
    key = np.lexsort((out["value"].to_numpy(dtype=float, na_value=np.nan),
                      out["actor"].fillna("").to_numpy(dtype=str),
                      out["speaker"].fillna("").str.casefold().to_numpy(dtype=str),
                      out["date"].fillna("").to_numpy(dtype=str), undated))
    return out.iloc[key].reset_index(drop=True)


def _convert(out: pd.DataFrame, currency: str, rates: Rates | None) -> pd.DataFrame:
    """Money claims converted to ``currency`` at their date's rate; counts get nulls."""
    n = len(out)
    converted = {name: np.full(n, np.nan) for name in ("value_converted", "low_converted", "high_converted")}
    rate = np.full(n, np.nan)
    rate_date = np.full(n, None, dtype=object)
    target = np.full(n, None, dtype=object)
    money = out["measure"].str.startswith("money:").fillna(False).to_numpy(dtype=bool) if n else np.zeros(0, bool)
    if money.any():
        rates = rates or ecb_rates()
        rows = np.flatnonzero(money)
        units = out["unit"].to_numpy(dtype=object)[rows]
        got, days = rates.rates(units, currency, out["date"].to_numpy(dtype=object)[rows])
        same = np.array([u == currency for u in units], dtype=bool)
        got[same] = 1.0
        rate[rows] = got
        rate_date[rows] = [None if s else d for s, d in zip(same, days)]
        target[rows] = currency
        for name in ("value", "low", "high"):
            converted[f"{name}_converted"][rows] = out[name].to_numpy(dtype=float)[rows] * got
    return out.assign(**converted, currency=target, rate=rate, rate_date=rate_date)


def measure_table(df: pd.DataFrame, *, all_roles: bool = False, vague: str = "range") -> pd.DataFrame:
    """What can be compared: one row per measure with its ``label``, number of ``claims``,
    ``sources`` (distinct speakers, the outlet counting when it speaks itself) and ``figures``
    (mentions); sorted by claims, most first, then by label. Totals and cumulative totals only
    unless ``all_roles``: a measure with no claims then is not listed."""
    m = mentions(df, all_roles=all_roles, vague=vague)
    if m.empty:
        return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in MEASURE_COLUMNS.items()})
    m = m.assign(claim=_assign(m))
    grouped = m.groupby("measure", sort=False).agg(claims=("claim", "nunique"), sources=("speaker", "nunique"),
                                                    figures=("claim", "size")).reset_index()
    grouped["label"] = [measure_label(k) for k in grouped["measure"]]
    grouped = grouped.sort_values(["claims", "label", "measure"], ascending=[False, True, True], kind="mergesort")
    return grouped[list(MEASURE_COLUMNS)].astype(MEASURE_COLUMNS).reset_index(drop=True)


def claim_of_figures(df: pd.DataFrame) -> pd.DataFrame:
    """For every comparable figure (every role), the claim it belongs to: ``figure_id``,
    ``claim_id``, ``first_source``, ``first_published``, ``outlets`` (how many carried it) and
    ``count`` (articles); what the article page says of each figure."""
    table = claims(df, all_roles=True)
    rows = [(fid, row.claim_id, row.first_source, row.published, len(row.outlets), row.count)
            for row in table.itertuples(index=False) for fid in row.figure_ids]
    return pd.DataFrame(rows, columns=["figure_id", "claim_id", "first_source", "first_published", "outlets",
                                       "count"])


def provenance(first_source, first_published, outlets: int) -> str:
    """Where a claim first appeared and how far it went, in words.

    >>> provenance("Reuters", "2022-02-14", 3)
    'first reported by Reuters on 14 Feb 2022; repeated by 2 other outlets'
    >>> provenance("AP", None, 1)
    'reported by AP only'
    """
    who = first_source or "an unnamed outlet"
    when = format_as_of(first_published)
    others = max(int(outlets) - 1, 0)
    if others == 0:
        return f"reported by {who} only" + (f", on {when}" if when else "")
    first = f"first reported by {who}" + (f" on {when}" if when else "")
    return f"{first}; repeated by {others} other outlet{'s' if others != 1 else ''}"
