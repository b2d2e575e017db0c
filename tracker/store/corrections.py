"""Corrections of figures: which fields a user may change, how a new value is checked and written
down, and how the corrections of one figure apply.

The dashboard shows figures in an editable table; when it is saved, :func:`diff_edits` compares
the edited table with the one shown and returns one :class:`Edit` per changed cell. Each edit is
keyed by the document's content hash and the figure's span, so it applies again after the text
is re-extracted; ``Store.add_corrections`` saves them all in one transaction, or none.

- :data:`CORRECTABLE` is the one list of fields a correction may change (the store checks it,
  the Corrections page offers it, in this order).
- :func:`encode` checks one new value and gives the text stored for it (:class:`CorrectionError`
  saying what would fit, if it does not); :func:`decode` reads it back.
- :func:`corrected` applies a figure's corrections to it (``Store.figures()`` does the same,
  column-wise, for every figure), and :func:`check_together` refuses a figure whose fields no
  longer agree: a subtype of another category, a low bound above the high one, a value outside
  its bounds.

>>> import pandas as pd
>>> shown = pd.DataFrame({"content_hash": ["h"], "start": [5], "end": [19], "value": [145000.0],
...                       "unit": ["troop"], "not_a_figure": [False]})
>>> edited = shown.assign(value=[150000.0])
>>> diff_edits(shown, edited)
[Edit(content_hash='h', start=5, end=19, field='value', old='145000.0', new='150000.0')]
>>> encode("low", "150,000"), encode("approx", True), encode("as_of", "2022-03")
('150000.0', 'true', '2022-03')
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from tracker.schema import ATTRIBUTED_KINDS, CATEGORIES, DATE_PRECISIONS, MEASURE_KEY_PATTERN, ROLES, SUBTYPES

#: The fields a correction may change, in the order the Corrections page shows them: first
#: whether it is a figure at all and the columns a user decides by (value, unit, whose, who says
#: it, the date it is of), then its bounds and what exactly it counts, then the source's details.
CORRECTABLE = ("not_a_figure", "value", "unit", "actor", "attributed_to", "as_of", "low", "high", "approx",
               "qualifier", "category", "subtype", "role", "recipient", "attributed_kind", "attributed_country")

#: Corrections of how a figure is grouped, made on the Compare page (not in the Corrections
#: editor): ``measure`` moves a figure into another measure (a key of tracker.analysis.measures).
GROUPING_FIELDS = ("measure",)

#: The subtypes a correction may give: those of every category, in order (the one a figure may
#: take is one of its own category's, checked by :func:`check_together`).
SUBTYPE_CHOICES = tuple(dict.fromkeys(name for names in SUBTYPES.values() for name in names))

#: Fields holding numbers (``value`` must have one; a bound may be cleared) and flags.
NUMBERS = ("value", "low", "high")
FLAGS = ("approx", "not_a_figure")
#: Fields whose values are lower-case words (the extractor writes them so): a correction typed
#: "UK", "Person" or "More than" is stored as "uk", "person", "more than", so that it groups and
#: filters with the rest.
LOWER_CASE = ("attributed_kind", "attributed_country", "subtype", "role", "qualifier")

_TRUE = {"true", "1", "yes", "y", "t"}
_FALSE = {"false", "0", "no", "n", "f", ""}
#: A date as a correction writes it, as precisely as it is known: a day, a month or a year.
_AS_OF = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class CorrectionError(ValueError):
    """A correction that cannot be saved: which field, why, and (from the store) the figure's span.

    ``str()`` is ``"{field} of the figure at {start}-{end}: {reason}"``, or the reason alone
    before the span is known.
    """

    def __init__(self, field: str, reason: str, start: int | None = None, end: int | None = None):
        self.field, self.reason, self.start, self.end = field, reason, start, end
        at = f"{field} of the figure at {start}-{end}: " if start is not None else ""
        super().__init__(at + reason)

    def at(self, start: int, end: int) -> CorrectionError:
        """The same error, for the figure at ``start``-``end``."""
        return CorrectionError(self.field, self.reason, start, end)


@dataclass(frozen=True)
class Edit:
    content_hash: str
    start: int
    end: int
    field: str
    old: str | None
    new: str | None

    @property
    def value(self):
        """The new value typed for its field: a float (NaN for an emptied bound) for value, low
        and high, a bool for approx and not_a_figure, else the text; text that is no number or
        flag stays text, for :func:`encode` to refuse."""
        if self.field not in NUMBERS + FLAGS:
            return self.new
        try:
            return decode(self.field, encode(self.field, self.new))
        except CorrectionError:
            return self.new


def diff_edits(shown: pd.DataFrame, edited: pd.DataFrame, fields=CORRECTABLE) -> list[Edit]:
    """One edit per cell of ``fields`` whose value differs between the two tables.

    Rows are matched by position (the data editor keeps rows in place; adding and deleting
    rows is not allowed there). Values are compared as text; empty and missing are the same.
    """
    if len(shown) != len(edited):
        raise ValueError("rows were added or removed; only cells can be corrected")
    edits = []
    for field in fields:
        if field not in shown.columns or field not in edited.columns:
            continue
        for i, (old, new) in enumerate(zip(shown[field].tolist(), edited[field].tolist(), strict=True)):
            old_text, new_text = _as_text(old), _as_text(new)
            if old_text != new_text:
                row = shown.iloc[i]
                edits.append(Edit(str(row["content_hash"]), int(row["start"]), int(row["end"]),
                                  field, old_text, new_text))
    return edits


def _as_text(value) -> str | None:
    value = _plain(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    text = str(value).strip()
    return text or None


def _plain(value):
    """None for any missing value, Python scalars for NumPy's."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


# -- one value --------------------------------------------------------------------------------

def measure_key(value: Any) -> str:
    """``value`` if it is a measure key; ValueError saying what one looks like if not.

    >>> measure_key(" money:ukraine:military_aid ")
    'money:ukraine:military_aid'
    """
    text = str(value or "").strip()
    if not MEASURE_KEY_PATTERN.fullmatch(text):
        raise ValueError(f"{text!r} is not a measure key (like count:russia:troop:personnel:- or "
                         "money:ukraine:military_aid)")
    return text


def encode(field: str, value: Any) -> str | None:
    """A correction's new value as stored text; :class:`CorrectionError` if it does not fit the field.

    Numbers are stored as Python writes floats (``"150000.0"``; "150,000" is read too), flags as
    ``"true"``/``"false"``, a date as written (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), words
    without their outer spaces, lower-case for :data:`LOWER_CASE`; empty is None (none).

    >>> encode("qualifier", " More  than "), encode("high", ""), encode("as_of", "2022")
    ('more than', None, '2022')
    >>> encode("role", "share")
    Traceback (most recent call last):
    ...
    tracker.store.corrections.CorrectionError: unknown role 'share'; one of: total, part, increment, per_unit, rate, cumulative
    """
    if field in GROUPING_FIELDS:
        try:
            return measure_key(value)
        except ValueError as error:
            raise CorrectionError(field, str(error)) from None
    if field not in CORRECTABLE:
        raise CorrectionError(field, f"cannot correct {field!r}; correctable: {', '.join(CORRECTABLE)}")
    raw, value = value, _plain(value)
    if field in NUMBERS:
        return _number(field, value, raw)
    if field in FLAGS:
        word = str(value).strip().lower() if value is not None else ""
        if isinstance(value, bool) or word in _TRUE | _FALSE:
            return "true" if (value is True or word in _TRUE) else "false"
        raise CorrectionError(field, f"{field} must be true or false, not {value!r}")
    if value is not None and not isinstance(value, str):
        raise CorrectionError(field, f"{field} must be text, not {value!r}")
    value = " ".join((value or "").split()) or None
    if field in LOWER_CASE and value is not None:
        value = value.lower()
    if field == "category" and value not in CATEGORIES:
        raise CorrectionError(field, f"unknown category {value!r}; one of: {', '.join(CATEGORIES)}")
    if field == "attributed_kind" and value not in (*ATTRIBUTED_KINDS, None):
        raise CorrectionError(field, f"unknown kind of source {value!r}; one of: {', '.join(ATTRIBUTED_KINDS)}, "
                                     "or empty for none")
    if field == "subtype" and value not in (*SUBTYPE_CHOICES, None):
        raise CorrectionError(field, f"unknown subtype {value!r}; one of: {', '.join(SUBTYPE_CHOICES)}, "
                                     "or empty for none")
    if field == "role" and value not in ROLES:
        raise CorrectionError(field, f"unknown role {value!r}; one of: {', '.join(ROLES)}")
    if field == "as_of" and value is not None:
        as_of_parts(value)  # checks it
    return value


def _number(field: str, value: Any, raw: Any) -> str | None:
    if isinstance(value, str) and not value.strip():
        value = raw = None  # empty is none
    if value is None and field != "value":
        return None  # a bound cleared
    if value is None and raw is not None:  # NaN
        raise CorrectionError(field, f"{field} must be a finite number, not {raw!r}")
    try:
        number = float(value.replace(",", "").replace("_", "")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        cleared = " (a figure keeps its value; tick “not a figure” instead)" if value is None else ""
        raise CorrectionError(field, f"{field} must be a number, not {value!r}{cleared}") from None
    if isinstance(value, bool) or not math.isfinite(number):
        raise CorrectionError(field, f"{field} must be a finite number, not {value!r}")
    return repr(number)


def decode(field: str, text: str | None) -> Any:
    """A stored correction's value as its column holds it: float (NaN for none) for numbers, bool for
    flags, the first day of the date for ``as_of`` (see :func:`as_of_parts`), else the text."""
    if field in NUMBERS:
        return math.nan if text is None else float(text)
    if field in FLAGS:
        return text == "true"
    if field == "as_of":
        return as_of_parts(text)[0]
    return text


def as_of_parts(text: str | None) -> tuple[str | None, str | None]:
    """``(as_of, as_of_precision)`` of a date written ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``: the
    first day of the month or year, as the extractor writes a date it knows only so far; ``(None,
    None)`` for none. :class:`CorrectionError` saying how to write it, for anything else.

    >>> as_of_parts("2022-02-24"), as_of_parts("2021-11"), as_of_parts("2020")
    (('2022-02-24', 'day'), ('2021-11-01', 'month'), ('2020-01-01', 'year'))
    >>> as_of_parts("2022-02-30")
    Traceback (most recent call last):
    ...
    tracker.store.corrections.CorrectionError: as_of '2022-02-30' is no such day; write it as YYYY-MM-DD (e.g. 2022-02-24), YYYY-MM or YYYY
    """
    if text is None:
        return None, None
    how = "YYYY-MM-DD (e.g. 2022-02-24), YYYY-MM or YYYY"
    match = _AS_OF.fullmatch(text.strip())
    if match is None:
        raise CorrectionError("as_of", f"as_of must be a date written {how} for a month or a year, not {text!r}")
    year, month, day = match.groups()
    precision = DATE_PRECISIONS[0 if day else 1 if month else 2]
    try:
        first = date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise CorrectionError("as_of", f"as_of {text!r} is no such {precision}; write it as {how}") from None
    return first.isoformat(), precision


def as_of_written(as_of: Any, precision: Any) -> str | None:
    """A figure's date as a correction writes it, as precisely as it is known (the inverse of
    :func:`as_of_parts`): what the Corrections page shows, so that a month stays a month.

    >>> as_of_written("2021-11-01", "month"), as_of_written("2022-02-24", "day"), as_of_written(None, None)
    ('2021-11', '2022-02-24', None)
    """
    as_of = _plain(as_of)
    if as_of is None or not str(as_of).strip():
        return None
    text = str(as_of).strip()
    return {"year": text[:4], "month": text[:7]}.get(_plain(precision), text)


def old_value(field: str, figure: Mapping[str, Any]) -> str | None:
    """The extractor's value of ``field`` for a stored figure, written as a correction of it
    would be (kept beside the correction, shown in its history)."""
    if field == "not_a_figure":
        return "false"
    if field in GROUPING_FIELDS:
        return None  # the measure it was in is the analysis' to say, not stored
    if field == "as_of":
        return as_of_written(figure.get("as_of"), figure.get("as_of_precision"))
    return _as_text(figure.get(field))


# -- one figure -------------------------------------------------------------------------------

def corrected(figure: Mapping[str, Any], fixes: Mapping[str, str | None]) -> dict:
    """A figure (its columns) with its corrections applied: ``fixes`` maps a field to its newest
    correction's stored text. As ``Store.figures()`` applies them: a new value outside the
    extractor's bounds clears them, corrected bounds apply after it, a corrected date sets its
    precision.

    >>> row = {"value": 150000.0, "low": 150000.0, "high": math.nan, "as_of": None, "as_of_precision": None}
    >>> fixed = corrected(row, {"value": "120000.0", "as_of": "2022-02"})
    >>> fixed["value"], math.isnan(fixed["low"]), fixed["as_of"], fixed["as_of_precision"]
    (120000.0, True, '2022-02-01', 'month')
    """
    row = dict(figure)
    if "value" in fixes:
        value = decode("value", fixes["value"])
        row["value"] = value
        low, high = _number_or_none(row.get("low")), _number_or_none(row.get("high"))
        if (low is not None and value < low) or (high is not None and value > high):
            row["low"] = row["high"] = math.nan
    for field, text in fixes.items():
        if field == "as_of":
            row["as_of"], row["as_of_precision"] = as_of_parts(text)
        elif field != "value":
            row[field] = decode(field, text)
    return row


def check_together(figure: Mapping[str, Any], touched: Iterable[str]) -> None:
    """:class:`CorrectionError` when the fields of a corrected figure (:func:`corrected`) no longer
    agree. Only what ``touched`` fields bear on is checked: a subtype (or category) must be one of
    :data:`tracker.schema.SUBTYPES` of the figure's category (any, while it has no category), or
    none; low must not be above high,
    and the value must lie within its bounds.

    >>> check_together({"category": "casualties", "subtype": "loan"}, ["subtype"])
    Traceback (most recent call last):
    ...
    tracker.store.corrections.CorrectionError: 'loan' is not a subtype of casualties; one of: killed, wounded, killed_or_wounded, missing, losses, or empty for none
    """
    touched = set(touched)
    if touched & {"subtype", "category"}:
        subtype, category = _plain(figure.get("subtype")), _plain(figure.get("category"))
        allowed = SUBTYPES.get(category, ())
        if subtype is not None and category is not None and subtype not in allowed:
            field = "subtype" if "subtype" in touched else "category"
            if allowed:
                raise CorrectionError(field, f"{subtype!r} is not a subtype of {category}; one of: "
                                             f"{', '.join(allowed)}, or empty for none")
            raise CorrectionError(field, f"{subtype!r} is not a subtype of {category}, which has none: "
                                         "leave “what exactly” empty")
    if touched & {"value", "low", "high"}:
        value = _number_or_none(figure.get("value"))
        low, high = _number_or_none(figure.get("low")), _number_or_none(figure.get("high"))

        def blame(*fields: str) -> str:
            return next((name for name in fields if name in touched), fields[0])

        if low is not None and high is not None and low > high:
            raise CorrectionError(blame("low", "high"), f"low ({_written(low)}) is above high ({_written(high)}); "
                                                        "the low bound is the smaller")
        if value is not None and low is not None and value < low:
            raise CorrectionError(blame("value", "low"), f"the value ({_written(value)}) is below low "
                                                         f"({_written(low)}); correct the one that is wrong")
        if value is not None and high is not None and value > high:
            raise CorrectionError(blame("value", "high"), f"the value ({_written(value)}) is above high "
                                                          f"({_written(high)}); correct the one that is wrong")


def _number_or_none(value: Any) -> float | None:
    value = _plain(value)
    return None if value is None else float(value)


def _written(number: float) -> str:
    return f"{number:,.15g}"
