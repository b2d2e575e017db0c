"""General units of measure from quantulum3, for words our own lexicons do not know.

quantulum3 knows hundreds of units ("GB", "Hz", "rpm", "psi", "horsepower") but reads news
badly: "bn" as bit newton, "am" as attometre, "troops" as dimensionless. So the extractor asks
its unit tables only about the word written right after a number, only when
lexicons/measures.csv and the news lexicons have no answer, and keeps only a real unit of
measure (not dimensionless, not a currency) whose symbol or name matches the word as written.

The tables are read from lexicons/quantulum3_units.csv, which scripts/quantulum3_units.py
writes from the quantulum3 pinned in requirements.txt: quantulum3 itself is never imported
here (building its tables costs about 3 s).

>>> lookup_measure("GB")
('gigabyte', 'other_measure')
>>> lookup_measure("troops") is None, lookup_measure("am") is None
(True, True)
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from tracker.extract.lexicon import read_csv
from tracker.extract.words import STOP

# Entities that are not units of measure in news text, or that our lexicons own.
_SKIP_ENTITIES = frozenset({"dimensionless", "currency", "unknown"})
_CATEGORY = {"length": "distance", "time": "duration"}
# Symbols quantulum3 knows that are common words, abbreviations or time-of-day marks in news.
_NOT_UNITS = frozenset({
    "am", "pm", "a", "an", "at", "in", "is", "it", "or", "s", "m", "b", "k", "mi", "pa", "bar",
    "ha", "h", "pt", "yd", "da", "gal", "cal", "st", "nd", "rd", "th", "mb", "ms", "ft", "mm",
    "time", "times", "point", "points", "step", "steps", "turn", "turns", "stone", "stones",
    "stories", "story", "floor", "floors", "shot", "shots", "case", "cases", "game", "games",
})


class _Unit(NamedTuple):
    name: str
    entity: str


class _Tables(NamedTuple):
    symbols: dict[str, tuple[_Unit, ...]]
    symbols_lower: dict[str, tuple[_Unit, ...]]
    surfaces: dict[str, tuple[_Unit, ...]]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    """quantulum3's symbol, lower-case symbol and surface tables: key -> its units, by name."""
    tables: dict[str, dict[str, list[_Unit]]] = {name: {} for name in _Tables._fields}
    for row in read_csv("quantulum3_units.csv"):
        tables[row["table"]].setdefault(row["key"], []).append(_Unit(row["unit"], row["entity"]))
    return _Tables(**{name: {key: tuple(sorted(units)) for key, units in table.items()}
                      for name, table in tables.items()})


@lru_cache(maxsize=4096)
def lookup_measure(word: str) -> tuple[str, str] | None:
    """(unit name, category) for a unit word or symbol as written, or None."""
    if len(word) < 2 or word.lower() in STOP or word.lower() in _NOT_UNITS:
        return None
    tables = _tables()
    word = word.replace("\u03bc", "\u00b5")  # Greek mu as the micro sign: "μm" -> "µm"
    symbols = tables.symbols.get(word)
    if not symbols and not word.islower():
        symbols = tables.symbols_lower.get(word.lower())  # "HZ", "KW"
    surfaces = tables.surfaces.get(word) or tables.surfaces.get(word.lower())
    for unit in symbols or ():
        # A symbol names its unit exactly: "ppb" is a unit although dimensionless.
        if unit.entity not in ("currency", "unknown") and unit.name != "dimensionless":
            return unit.name, _CATEGORY.get(unit.entity, "other_measure")
    for unit in surfaces or ():
        if unit.entity not in _SKIP_ENTITIES:
            return unit.name, _CATEGORY.get(unit.entity, "other_measure")
    return None
