"""Measures: what a comparison holds, as a user names them ("Russian troops", "military aid to
Ukraine"), each with a key that stays the same across runs and databases.

* A **count** measure is keyed by actor (whose), unit family, category and subtype:
  ``count:russia:troop:personnel:-``. A unit's family (data/measures.toml) joins the words
  for one thing ("paratroopers" are troops); a figure with a category and no unit takes the
  category's family ("the toll rose to 300" counts people).
* A **money** measure is keyed by recipient and subtype: ``money:ukraine:military_aid``.
  Money in every currency is one family, and donors (the ``actor``) are compared inside it.

``-`` stands for "not given". A key is lower-case ASCII: letters, digits, ``_`` and ``.``
(a space and any other character become ``_``; an accented letter loses its accent).

>>> key = measure_key("personnel", "paratrooper", "russia")
>>> key, measure_label(key)
('count:russia:troop:personnel:-', 'Russian troops')
>>> measure_label(measure_key("money", "EUR", "eu", recipient="ukraine", subtype="military_aid"))
'Military aid to Ukraine'
>>> measure_label(measure_key("casualties", "troop", "russia", subtype="killed"))
'Russian military killed'
"""
from __future__ import annotations

import csv
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from tracker.analysis.filters import as_string, shown_mask
from tracker.analysis.format import plural
from tracker.schema import MEASURE_KEY_PATTERN

__all__ = ["Measure", "measure_key", "measure_keys", "parse_key", "measure_label", "is_key", "resolve_measure",
           "regroup",
           "DEFAULT_ROLES", "MONEY"]

#: The category of money figures: one family whatever the currency.
MONEY = "money"

#: The roles a comparison holds by default: like with like (``role`` null counts as a total).
DEFAULT_ROLES = ("total", "cumulative")

_NONE = "-"


def _data(name: str) -> str:
    return resources.files("tracker.analysis.data").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _words() -> dict:
    return tomllib.loads(_data("measures.toml"))


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, str]]:
    rows = csv.DictReader(line for line in _data("names.csv").splitlines() if not line.startswith("#"))
    return {row["canonical"]: (row["name"], row["adjective"]) for row in rows}


@dataclass(frozen=True)
class Measure:
    """A measure's parts; ``None`` where the key has ``-``. ``kind`` is ``count`` or ``money``."""

    kind: str
    actor: str | None = None  # counts: whose
    family: str | None = None  # counts: the unit family
    category: str | None = None  # counts
    recipient: str | None = None  # money: to whom
    subtype: str | None = None


def _slug(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value) or str(value) == "":
        return _NONE
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9_.]+", "_", text).strip("_")
    return text or _NONE


def unit_family(unit, category) -> str | None:
    """The family a unit is compared in: the unit itself unless data/measures.toml joins it to
    another; for a figure with no unit, its category's family (None if it has none)."""
    words = _words()
    if unit is None or unit is pd.NA or str(unit) == "":
        return words["category_families"].get(str(category)) if category is not None else None
    return words["unit_families"].get(str(unit), str(unit))


def measure_key(category, unit, actor=None, *, recipient=None, subtype=None) -> str | None:
    """The key of a figure's measure, or None when it cannot be compared (no category, or no
    unit and no family for its category).

    >>> measure_key("casualties", None, "ukraine", subtype="killed")
    'count:ukraine:person:casualties:killed'
    >>> measure_key("money", "GBP", "uk", recipient=None, subtype="loan")
    'money:-:loan'
    >>> measure_key(None, "troop") is None
    True
    """
    if category is None or category is pd.NA or str(category) == "":
        return None
    if str(category) == MONEY:
        return f"money:{_slug(recipient)}:{_slug(subtype)}"
    family = unit_family(unit, category)
    if family is None:
        return None
    return f"count:{_slug(actor)}:{_slug(family)}:{_slug(category)}:{_slug(subtype)}"


_KEY = MEASURE_KEY_PATTERN


def is_key(text: str) -> bool:
    """Whether ``text`` has the form of a measure key.

    >>> is_key("count:russia:troop:personnel:-"), is_key("Russian troops")
    (True, False)
    """
    return isinstance(text, str) and _KEY.fullmatch(text) is not None


def parse_key(key: str) -> Measure:
    """A key's parts (``_`` read back as a space: keys are made from lower-case names).

    >>> parse_key("count:russia:battalion_tactical_group:military_unit:-")
    Measure(kind='count', actor='russia', family='battalion tactical group', category='military_unit', recipient=None, subtype=None)
    """
    if not is_key(key):
        raise ValueError(f"not a measure key: {key!r}")
    parts = [None if p == _NONE else p for p in key.split(":")]
    if parts[0] == "money":
        return Measure("money", category=MONEY, recipient=_spaced(parts[1]), subtype=parts[2])
    return Measure("count", actor=_spaced(parts[1]), family=_spaced(parts[2]), category=parts[3],
                   subtype=parts[4])


def _spaced(part: str | None) -> str | None:
    return None if part is None else part.replace("_", " ")


def side_name(canonical: str | None, adjective: bool = False) -> str:
    """A side as a label names it: ``russia`` is "Russia" (or "Russian"), ``us`` "the US"
    ("US"); a side data/names.csv does not list is its canonical name with capitals.

    >>> side_name("uk"), side_name("uk", adjective=True), side_name("wagner group")
    ('the UK', 'British', 'Wagner Group')
    """
    if not canonical:
        return ""
    known = _names().get(canonical)
    if known:
        return known[1] if adjective else known[0]
    return " ".join(word[:1].upper() + word[1:] for word in canonical.split())


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text and not text.startswith("the ") else text


@lru_cache(maxsize=4096)
def measure_label(key: str) -> str:
    """A measure in words: "Russian troops", "Russian military killed", "Ukrainian civilians
    killed", "military aid to Ukraine"; "(whose not stated)" or "(recipient not named)" where
    the figures do not say.

    >>> measure_label("count:-:troop:personnel:-"), measure_label("money:-:-")
    ('Troops (whose not stated)', 'Money (recipient not named)')
    >>> measure_label("count:ukraine:civilian:casualties:killed")
    'Ukrainian civilians killed'
    """
    m = parse_key(key)
    words = _words()
    if m.kind == "money":
        what = words["money_words"].get(m.subtype or "", (m.subtype or "money").replace("_", " "))
        if m.recipient:
            return _capital(f"{what} to {side_name(m.recipient)}")
        return _capital(what if m.subtype == "budget" else f"{what} (recipient not named)")
    whose = side_name(m.actor, adjective=True)
    family = m.family or ""
    if m.category == "casualties":
        noun = words["casualty_families"].get(family, plural(family))
        counted = words["subtype_words"].get(m.subtype or "", "casualties" if m.subtype is None else
                                             m.subtype.replace("_", " "))
        if m.subtype is None and noun:
            text = f"{noun} casualties"
        else:
            text = " ".join(part for part in (noun, counted) if part)
    elif m.category == "displaced" and family == "person":
        text = "displaced people"
    else:
        text = plural(family)
        if m.subtype:
            text += " " + words["subtype_words"].get(m.subtype, m.subtype.replace("_", " "))
        if m.category not in ("personnel", "military_unit", "equipment", "displaced", "casualties", "other_count"):
            text += f" ({(m.category or '').replace('_', ' ')})"
    if whose:
        return _capital(f"{whose} {text}")
    return _capital(f"{text} (whose not stated)")


def measure_keys(df: pd.DataFrame, aliases: dict[str, str] | None = None) -> np.ndarray:
    """The measure key of every row of a figure table (object array; None where the figure
    cannot be compared: marked *not a figure*, without a value, without a category, or a count
    with neither unit nor family). A row whose ``measure`` column holds a key (a figure the user
    moved) has that one. ``aliases`` (merged measures, ``from -> to``) are then followed
    (:func:`resolve_measure`). One key is computed per distinct combination of fields, so a
    large table costs little more than its distinct combinations."""
    n = len(df)
    keys = np.full(n, None, dtype=object)
    if n == 0:
        return keys
    keep = shown_mask(df) & pd.to_numeric(df["value"], errors="coerce").notna().to_numpy(dtype=bool)

    def column(name: str) -> np.ndarray:
        if name not in df.columns:
            return np.full(n, None, dtype=object)
        return as_string(df[name]).to_numpy(dtype=object, na_value=None)

    fields = [column(name) for name in ("category", "unit", "actor", "recipient", "subtype")]
    moved = column("measure")
    cache: dict[tuple, str | None] = {}
    for i in np.flatnonzero(keep):
        if moved[i] is not None:
            keys[i] = moved[i]
            continue
        combo = (fields[0][i], fields[1][i], fields[2][i], fields[3][i], fields[4][i])
        got = cache.get(combo, cache)
        if got is cache:
            category, unit, actor, recipient, subtype = combo
            got = cache[combo] = measure_key(category, unit, actor, recipient=recipient, subtype=subtype)
        keys[i] = got
    if aliases:
        resolved = {key: resolve_measure(key, aliases) for key in set(keys[keep]) if key is not None}
        keys[keep] = [resolved.get(key) if key is not None else None for key in keys[keep]]
    return keys


def resolve_measure(key: str | None, aliases: dict[str, str] | None) -> str | None:
    """The measure ``key`` is compared in after merges (``aliases``: ``from -> to``), followed
    to the end; a merge that leads back round (a cycle) stops where it would repeat.

    >>> resolve_measure("a", {"a": "b", "b": "c"}), resolve_measure("x", {"a": "b"}), resolve_measure("a", {"a": "b", "b": "a"})
    ('c', 'x', 'b')
    """
    seen = {key}
    while aliases and key in aliases and aliases[key] not in seen:
        key = aliases[key]
        seen.add(key)
    return key


def regroup(df: pd.DataFrame, aliases: dict[str, str] | None) -> pd.DataFrame:
    """``df`` with a ``measure`` column holding every comparable row's measure after the user's
    moves and merges; what the compare view and ``python -m tracker compare`` work on."""
    return df.assign(measure=pd.array(measure_keys(df, aliases), dtype="string"))


def move_edits(df: pd.DataFrame, figure_ids, target: str) -> list[tuple]:
    """The corrections that move the figures ``figure_ids`` into measure ``target``: one
    ``(content_hash, start, end, "measure", target)`` per figure, for ``Store.add_corrections``.
    ValueError if ``target`` is not a measure key."""
    if not is_key(target):
        raise ValueError(f"{target!r} is not a measure key (like count:russia:troop:personnel:- or "
                         "money:ukraine:military_aid)")
    wanted = set(figure_ids)
    rows = df[df["figure_id"].isin(wanted)]
    return [(str(h), int(s), int(e), "measure", target)
            for h, s, e in zip(rows["content_hash"], rows["start"], rows["end"])]
