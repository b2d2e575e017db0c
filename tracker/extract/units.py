"""General units of measure from quantulum3, for words our own lexicons do not know.

quantulum3 knows hundreds of units ("GB", "Hz", "rpm", "psi", "horsepower") but reads news
badly: "bn" as bit newton, "am" as attometre, "troops" as dimensionless. So the extractor asks
it only about the word written right after a number, only when lexicons/measures.csv and the
news lexicons have no answer, and keeps only a real unit of measure (not dimensionless, not a
currency) whose symbol or name matches the word as written.

>>> lookup_measure("GB")
('gigabyte', 'other_measure')
>>> lookup_measure("troops") is None, lookup_measure("am") is None
(True, True)
"""
from __future__ import annotations

from functools import lru_cache

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


@lru_cache(maxsize=1)
def _units():
    from quantulum3 import load  # imported here: its cost is paid only when needed

    return load.units("en_US")


@lru_cache(maxsize=4096)
def lookup_measure(word: str) -> tuple[str, str] | None:
    """(unit name, category) for a unit word or symbol as written, or None."""
    if len(word) < 2 or word.lower() in STOP or word.lower() in _NOT_UNITS:
        return None
    units = _units()
    word = word.replace("\u03bc", "\u00b5")  # Greek mu as the micro sign: "μm" -> "µm"
    symbols = units.symbols.get(word)
    if not symbols and len(word) >= 2 and not word.islower():
        symbols = units.symbols_lower.get(word.lower())  # "HZ", "KW"
    surfaces = units.surfaces.get(word) or units.surfaces.get(word.lower())
    for unit in sorted(symbols or (), key=lambda u: u.name):
        entity = unit.entity.name
        # A symbol names its unit exactly: "ppb" is a unit although dimensionless.
        if entity not in ("currency", "unknown") and unit.name != "dimensionless":
            return unit.name, _CATEGORY.get(entity, "other_measure")
    for unit in sorted(surfaces or (), key=lambda u: u.name):
        entity = unit.entity.name
        if entity not in _SKIP_ENTITIES:
            return unit.name, _CATEGORY.get(entity, "other_measure")
    return None
