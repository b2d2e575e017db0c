"""The figure table: its columns, in order, and their pandas dtypes.

Every frame the package returns (one document or a corpus, empty or not) has exactly
these columns with these dtypes, so callers can concatenate, filter and export without
checking. The same names are used in the store, the CLI output and the dashboard.
"""
from __future__ import annotations

import hashlib
import itertools
import math
import re

import numpy as np
import pandas as pd
from pandas.arrays import BooleanArray, IntegerArray, StringArray

#: column name -> pandas dtype. Nullable dtypes keep "missing" distinct from 0 / False.
COLUMNS: dict[str, str] = {
    "doc_id": "string",
    "source": "string",  # the outlet that published the text
    "published": "string",  # ISO date as given by the caller
    "title": "string",
    "url": "string",
    "figure_id": "string",  # stable: derived from doc_id, start and end
    "start": "Int64",  # character offsets into the text as given
    "end": "Int64",
    "surface": "string",  # text[start:end]
    "value": "float64",  # scale applied; midpoint for a range
    "low": "float64",
    "high": "float64",
    "approx": "boolean",
    "qualifier": "string",  # "about", "up to", "more than", "between", ...
    "change": "string",  # "further", "increase", "decrease", ...
    "unit": "string",  # counted noun (singular), ISO 4217 code, or measure name
    "category": "string",
    "subtype": "string",  # what exactly is counted within the category: one of SUBTYPES[category], or null
    "role": "string",  # how it relates to other figures: one of ROLES ("total" where the text says nothing)
    "object": "string",  # the noun phrase counted or paid for
    "actor": "string",  # whose troops / money: "russia", "us", "nato", ...
    "recipient": "string",  # who receives the money or aid: "ukraine", ...
    "attributed_to": "string",  # who states it, by one canonical name; null when the outlet says it itself
    "attributed_kind": "string",  # what the source is: one of ATTRIBUTED_KINDS, or null
    "attributed_country": "string",  # the source's country, lower-case short name ("uk", "russia"), or null
    "attribution_text": "string",  # the source as the article writes it
    "as_of": "string",  # ISO date the figure refers to, where the text gives one; null elsewhere
    "as_of_precision": "string",  # how much of as_of the text gives: day | month | year
    "as_of_text": "string",  # the date as the article writes it ("as of 12 March", "last week")
    "sentence": "string",
    "sentence_start": "Int64",
    "derived": "boolean",
    "formula": "string",
}

CATEGORIES = (
    "personnel", "military_unit", "equipment", "casualties", "displaced", "money",
    "percent", "duration", "distance", "other_count", "other_measure",
)

#: What exactly a figure counts within its category (``subtype``), per category; null where the
#: text says nothing more. "losses" is a mixed or unspecified count of casualties.
SUBTYPES: dict[str, tuple[str, ...]] = {
    "casualties": ("killed", "wounded", "killed_or_wounded", "missing", "losses"),
    "money": ("military_aid", "humanitarian_aid", "financial_aid", "loan", "loan_guarantee", "grant", "budget"),
    "equipment": ("destroyed", "damaged", "captured", "delivered"),
}

#: How a figure relates to the others (``role``): a total (the default); a part of another figure
#: ("126,000 of them"); an increment to a stock ("a further 14 battalions"); a figure per unit
#: ("each numbering about 800"); a rate ("1,100 a day"); a cumulative total ("since February 2022",
#: "bringing the total to").
ROLES = ("total", "part", "increment", "per_unit", "rate", "cumulative")

#: How much of a date the text gives (``as_of_precision``).
DATE_PRECISIONS = ("day", "month", "year")

#: The version of the extractor's output, stored with every document's figures. Raise it by one
#: whenever a change to ``tracker/extract/`` changes the rows it gives, so that stores extracted
#: before show the dashboard's notice and ``python -m tracker reextract`` brings them up to date.
#: Stores made before the stamp existed have none, which counts as older than any version.
EXTRACTOR_VERSION = 4

#: The form of a measure key (tracker.analysis.measures): ``count:ACTOR:FAMILY:CATEGORY:SUBTYPE`` or
#: ``money:RECIPIENT:SUBTYPE``, each part lower-case ASCII letters, digits, ``_`` and ``.``, or ``-``
#: for none. Defined here, below the store and the analysis, which both check it.
MEASURE_KEY_PATTERN = re.compile(
    r"(?:count:[a-z0-9_.-]+:[a-z0-9_.-]+:[a-z0-9_.-]+:[a-z0-9_.-]+|money:[a-z0-9_.-]+:[a-z0-9_.-]+)")

#: What the source a figure is attributed to is (``attributed_kind``): a person, a body (a
#: ministry, an army, an agency, an alliance), a country speaking as such, or the media.
ATTRIBUTED_KINDS = ("person", "body", "country", "media")


# Python-backed strings: building many small frames is ten times faster than with the
# pyarrow-backed default, and the dtype still compares equal to "string". The one definition:
# the store and the analysis use it too.
STRING_DTYPE = pd.StringDtype("python")


def figure_id(doc_id: str | None, start: int, end: int, derived: bool = False) -> str:
    """A figure's ``figure_id``: a short id that stays the same for the same document and span
    across runs (the extractor gives it; the store gives it again when it stores the document
    under another ``doc_id``).
    """
    key = f"{doc_id or ''}\x1f{start}\x1f{end}\x1f{'d' if derived else ''}"
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _column(values, dtype: str):
    """One column of ``dtype`` from Python values (None for a null). Values of the column's own
    Python type (str, int, bool) are put into the array directly, which is several times
    faster than pandas' inference for the short columns of one document; anything else goes
    through ``pd.array``, which checks and converts it."""
    if dtype == "float64":
        return np.array([np.nan if v is None else v for v in values], dtype="float64")
    kind = _PLAIN_TYPES.get(dtype)
    if kind is not None and set(map(type, values)) <= {kind, _NONE}:
        if dtype == "string":
            data = np.array(values, dtype=object)
            if None in values:
                data[data == None] = pd.NA  # noqa: E711 - elementwise, over an object array
            return StringArray._simple_new(data, STRING_DTYPE)
        if None in values:
            missing = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
            values = [kind() if v is None else v for v in values]
        else:
            missing = np.zeros(len(values), dtype=bool)
        data = np.array(values, dtype=_NUMPY_TYPES[dtype])
        # data and mask made right here: no need for the constructor's checks (a third of the time)
        return (IntegerArray if dtype == "Int64" else BooleanArray)._simple_new(data, missing)
    if dtype == "string":
        return pd.array(list(values), dtype=STRING_DTYPE)
    return pd.array(list(values), dtype=dtype)


_NONE = type(None)
_PLAIN_TYPES = {"string": str, "Int64": int, "boolean": bool}
_NUMPY_TYPES = {"Int64": "int64", "boolean": bool}
_NAMES = tuple(COLUMNS)


def _columns_of(rows: list[dict]) -> list:
    """The values of each column, in COLUMNS order: the rows' values as they stand where every
    row has exactly the columns, in order (as the extractor gives them), else by name."""
    if rows and all(tuple(row) == _NAMES for row in rows):
        return list(zip(*(row.values() for row in rows)))
    return [[row.get(name) for row in rows] for name in _NAMES]


def _build(rows: list[dict]) -> pd.DataFrame:
    if not rows:  # zero-length arrays hold nothing to change: every empty frame may share them
        return _frame(_EMPTY_ARRAYS, 0, _EMPTY_FLOATS)
    columns = _columns_of(rows)
    arrays = _string_columns(columns) or [None] * len(columns)
    floats = _float_columns(columns)
    if floats is not None:
        for row, i in enumerate(_FLOATS):
            arrays[i] = floats[row]
    _int_columns(columns, arrays)
    for i, (values, dtype) in enumerate(zip(columns, COLUMNS.values())):
        if arrays[i] is None:
            arrays[i] = _column(values, dtype)
    return _frame(arrays, len(rows), floats)


def _float_columns(columns: list):
    """Every float64 column at once, as the rows of one 2-D array (None is NaN), where all hold
    floats or None (the extractor's rows); None where some value is of another type."""
    floats = [columns[i] for i in _FLOATS]
    if not set(map(type, itertools.chain.from_iterable(floats))) <= {float, _NONE}:
        return None
    return np.array(floats, dtype="float64")


_STRINGS = [i for i, dtype in enumerate(COLUMNS.values()) if dtype == "string"]
_INTS = [i for i, dtype in enumerate(COLUMNS.values()) if dtype == "Int64"]


def _int_columns(columns: list, arrays: list) -> None:
    """Every Int64 column at once, into ``arrays``, where all hold ints and no null (the
    extractor's start, end, sentence_start): the rows of one 2-D array, half the time of a
    column at a time. Else they are left to :func:`_column`."""
    values = [columns[i] for i in _INTS]
    if not values or set(map(type, itertools.chain.from_iterable(values))) != {int}:
        return
    data = np.array(values, dtype="int64")  # OverflowError past int64, as _column gives
    for i, row, mask in zip(_INTS, data, np.zeros(data.shape, dtype=bool)):
        arrays[i] = IntegerArray._simple_new(row, mask)


def _string_columns(columns: list) -> list | None:
    """Every string column at once, where all hold str or None (the extractor's rows): one
    2-D object array, each column a row of it, nulls made ``pd.NA`` in one pass; None where
    some value is of another type (then :func:`_column` reads each column alone)."""
    values = list(itertools.chain.from_iterable(columns[i] for i in _STRINGS))
    if not set(map(type, values)) <= {str, _NONE}:
        return None
    na = pd.NA  # nulls made NA before the array is: a third of the time of a masked assignment after
    data = np.array([na if v is None else v for v in values], dtype=object).reshape(len(_STRINGS), -1)
    arrays: list = [None] * len(columns)
    for i, row in zip(_STRINGS, data):
        arrays[i] = StringArray._simple_new(row, STRING_DTYPE)
    return arrays


_COLUMN_INDEX = pd.Index(list(COLUMNS))
_FLOATS = [i for i, dtype in enumerate(COLUMNS.values()) if dtype == "float64"]


def _from_arrays(arrays: list, n: int, floats=None) -> pd.DataFrame:
    """pandas' own constructor for arrays of known dtypes (it checks nothing either); ``floats``
    is not needed (the float64 columns are in ``arrays``)."""
    return pd.DataFrame._from_arrays(arrays, columns=_COLUMN_INDEX.view(), index=pd.RangeIndex(n),
                                     verify_integrity=False)


def _block_frame(arrays: list, n: int, floats=None) -> pd.DataFrame:
    """The frame :func:`_from_arrays` makes, its blocks built directly: the float64 columns in
    one block, each other column in its own (as pandas keeps extension arrays), so the frame is
    consolidated. About a third of the time of ``_from_arrays`` for the short frame of one
    document. ``floats``, if given, is the float64 columns as the rows of one 2-D array (the
    one of :func:`_float_columns`, whose rows are in ``arrays``)."""
    if floats is None and _FLOATS:
        floats = np.vstack([arrays[i] for i in _FLOATS])
    blocks = [kind(a, place, 2) for kind, place, a in zip(_BLOCK_TYPES, _PLACES, arrays) if place is not None]
    if floats is not None:
        blocks.append(_FLOAT_BLOCK(floats, _FLOAT_PLACE, 2))
    manager = BlockManager(tuple(blocks), [_COLUMN_INDEX.view(), pd.RangeIndex._simple_new(range(n))],
                           verify_integrity=False)
    return pd.DataFrame._from_mgr(manager, axes=manager.axes)


_frame = _from_arrays
try:  # pandas' block constructors (internal API): used only if they give what _from_arrays gives
    from pandas._libs.internals import BlockPlacement
    from pandas.core.internals.blocks import get_block_type
    from pandas.core.internals.managers import BlockManager

    # where each column's block goes (None for the float64 columns, which share one block)
    _PLACES = [None if i in _FLOATS else BlockPlacement(slice(i, i + 1)) for i in range(len(COLUMNS))]
    # the block class pandas picks for each column's dtype (what its new_block looks up per call)
    _BLOCK_TYPES = [get_block_type(pd.api.types.pandas_dtype(d)) for d in COLUMNS.values()]
    _FLOAT_BLOCK = get_block_type(np.dtype("float64"))
    _FLOAT_PLACE = BlockPlacement(np.array(_FLOATS, dtype=np.intp))
    _probe = [_column([None, 1] if d in ("Int64", "float64") else [None, "x" if d == "string" else True], d)
              for d in COLUMNS.values()]
    _check = _block_frame(_probe, 2)
    pd.testing.assert_frame_equal(_check, _from_arrays(_probe, 2))
    pd.testing.assert_frame_equal(_block_frame(_probe, 2, np.vstack([_probe[i] for i in _FLOATS])), _check)
    if not _check._mgr.is_consolidated():
        raise AssertionError("not consolidated")
    _frame = _block_frame
except Exception:  # noqa: BLE001 - another pandas: its public-enough constructor, a little slower
    pass


_EMPTY_ARRAYS = [_column([], dtype) for dtype in COLUMNS.values()]
_EMPTY_FLOATS = np.empty((len(_FLOATS), 0), dtype="float64")


def empty_frame() -> pd.DataFrame:
    """An empty figure table with every column and dtype."""
    return _build([])


def to_frame(rows: list[dict]) -> pd.DataFrame:
    """Build a figure table from row dicts; missing keys become nulls."""
    return _build(rows)


_INT64 = (-(2**63), 2**63 - 1)


# Lone surrogates (a Python str holds no valid pairs: those are one code point), NUL and
# the C0 controls other than \t \n \r.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def clean_text(text: str | None) -> str | None:
    r"""``text`` with every character no sink can hold replaced by U+FFFD, one for one.

    Lone surrogates (which cannot be encoded as UTF-8), NUL (which PostgreSQL refuses) and
    the other C0 control characters but tab, newline and carriage return. Each becomes one
    U+FFFD, so ``len`` and every character offset stay as they were. ``None`` stays ``None``.

    >>> clean_text("T" + chr(0xD800) + " a\x00b\x07 kept\t\n") == "T\ufffd a\ufffdb\ufffd kept\t\n"
    True

    """
    if text is None or _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub("\ufffd", text)


def coerce_row(row: dict) -> dict:
    """A figure row as every writer and sink can hold it, in column order.

    Strings pass through :func:`clean_text`; ``value``, ``low``, ``high``
    become Python floats, and a number that is not finite (or an int too large for a
    float) becomes None; ``start``, ``end``, ``sentence_start`` are ints in the int64
    range or None; flags are bools or None. Missing values (None, NaN, ``pd.NA``) are None.

    >>> row = coerce_row({"value": 10**400, "low": 5, "high": float("inf"), "start": 3})
    >>> row["value"], row["low"], row["high"], row["start"], row["doc_id"]
    (None, 5.0, None, 3, None)

    Raises
    ------
    TypeError, ValueError
        If a value cannot be read as its column's type (a string where a number goes).
    """

    out = {}
    for name, dtype in COLUMNS.items():
        value = row.get(name)
        # The extractor's own values first (of the column's Python type): the checks below give these
        kind = type(value)
        if kind is str and dtype == "string":
            out[name] = value if _UNSAFE.search(value) is None else _UNSAFE.sub("\ufffd", value)
            continue
        if kind is float and dtype == "float64":
            out[name] = value if math.isfinite(value) else None
            continue
        if kind is int and dtype == "Int64":
            out[name] = value if _INT64[0] <= value <= _INT64[1] else None
            continue
        if kind is bool and dtype == "boolean":
            out[name] = value
            continue
        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            out[name] = None
            continue
        if hasattr(value, "item") and not isinstance(value, (str, bytes)):
            value = value.item()  # a NumPy scalar
        if dtype == "string":
            out[name] = clean_text(value if isinstance(value, str) else str(value))
        elif dtype == "float64":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                value = float(value)  # a Decimal or numeric string; TypeError/ValueError if not
            try:
                number = float(value)
            except OverflowError:
                number = math.inf
            out[name] = number if math.isfinite(number) else None
        elif dtype == "Int64":
            number = int(value)
            out[name] = number if _INT64[0] <= number <= _INT64[1] else None
        else:
            out[name] = bool(value)
    return out


def arrow_schema():
    """The Parquet (Arrow) schema of the figure table, from :data:`COLUMNS`."""
    import pyarrow as pa

    types = {"string": pa.string(), "Int64": pa.int64(), "float64": pa.float64(), "boolean": pa.bool_()}
    return pa.schema([(name, types[dtype]) for name, dtype in COLUMNS.items()])
