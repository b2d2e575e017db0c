"""The figure table's builder (tracker.schema.to_frame): whatever rows it is given, the frame
is the one pandas' own constructor makes of them, with every column and dtype of COLUMNS."""
from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.schema import COLUMNS, STRING_DTYPE, coerce_row, empty_frame, to_frame

_DTYPES = {name: (STRING_DTYPE if dtype == "string" else dtype) for name, dtype in COLUMNS.items()}
_VALUES = {
    "string": st.none() | st.text(max_size=8),
    "Int64": st.none() | st.integers(-(2**40), 2**40),
    "float64": st.none() | st.floats(allow_nan=False) | st.integers(-1000, 1000),
    "boolean": st.none() | st.booleans(),
}


def _reference(rows: list[dict]) -> pd.DataFrame:
    """What pandas makes of the rows, column by column, with the schema's dtypes."""
    data = {name: pd.array([row.get(name) for row in rows], dtype=dtype) for name, dtype in _DTYPES.items()}
    return pd.DataFrame(data, index=pd.RangeIndex(len(rows)))


def _row(full: bool):
    """A row of every column in order (as the extractor makes them), or of some columns in any order."""
    columns = {name: _VALUES[dtype] for name, dtype in COLUMNS.items()}
    if full:
        return st.fixed_dictionaries(columns)
    return st.dictionaries(st.sampled_from(list(COLUMNS)), st.none()).flatmap(
        lambda keys: st.fixed_dictionaries({name: columns[name] for name in reversed(list(keys))}))


@settings(max_examples=150, deadline=None)
@given(st.lists(_row(full=True), max_size=4) | st.lists(_row(full=True) | _row(full=False), max_size=4))
def test_frame_is_what_pandas_makes_of_the_rows(rows):
    pd.testing.assert_frame_equal(to_frame(rows), _reference(rows))


def test_empty_frames_have_every_column_and_are_not_shared():
    first = empty_frame()
    assert list(first.columns) == list(COLUMNS)
    assert [str(dtype) for dtype in first.dtypes] == [str(pd.Series(dtype=d).dtype) for d in _DTYPES.values()]
    first.loc[0, "unit"] = "troop"  # a row added to one empty frame is in that frame only
    first["value"] = 1.0
    assert len(empty_frame()) == 0 and len(to_frame([])) == 0
    assert to_frame([]).dtypes.equals(empty_frame().dtypes)


def test_a_changed_frame_leaves_the_next_one_alone():
    rows = [dict.fromkeys(COLUMNS) | {"unit": "troop", "value": 5.0, "start": 3}]
    frame = to_frame(rows)
    frame.loc[0, "unit"] = "tank"
    frame.loc[0, "value"] = 7.0
    again = to_frame(rows)
    assert (again.loc[0, "unit"], again.loc[0, "value"], again.loc[0, "start"]) == ("troop", 5.0, 3)


def test_frames_share_no_index_and_are_consolidated():
    """Renaming one frame's columns leaves the next frame's alone; the float64 columns are one
    block, as pandas' own constructor makes them."""
    rows = [dict.fromkeys(COLUMNS) | {"value": 1.0}]
    first = to_frame(rows)
    first.columns.name = "renamed"
    empty_frame().columns.name = "renamed too"
    assert to_frame(rows).columns.name is None and empty_frame().columns.name is None
    assert to_frame(rows)._mgr.is_consolidated()


# coerce_row: each value as every writer and sink can hold it (the column's own Python type
# first, then anything else read as that type).
_COERCED = [
    ("surface", "5 tanks", "5 tanks"),
    ("surface", "a\x00b\ud800", "a\ufffdb\ufffd"),
    ("surface", 5, "5"),
    ("surface", pd.NA, None),
    ("value", 2.5, 2.5),
    ("value", float("inf"), None),
    ("value", float("nan"), None),
    ("value", 10**400, None),
    ("value", 7, 7.0),
    ("value", np.float32(1.5), 1.5),
    ("value", Decimal("1.25"), 1.25),
    ("start", 3, 3),
    ("start", 2**63, None),
    ("start", np.int64(4), 4),
    ("start", 4.0, 4),
    ("derived", True, True),
    ("derived", np.bool_(False), False),
    ("derived", 1, True),
    ("derived", None, None),
]


@pytest.mark.parametrize(("column", "value", "expected"), _COERCED)
def test_coerce_row_gives_each_column_its_type(column, value, expected):
    out = coerce_row({column: value})
    assert list(out) == list(COLUMNS)
    assert out[column] == expected and type(out[column]) is type(expected)
    assert all(v is None for name, v in out.items() if name != column)


def test_coerce_row_refuses_a_value_its_column_cannot_hold():
    with pytest.raises((TypeError, ValueError)):
        coerce_row({"value": "many"})
