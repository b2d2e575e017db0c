"""Downloads: a table as CSV, Excel (.xlsx), Parquet or JSON bytes, and back.

Every writer takes any DataFrame (the figure table, the compare tables, the documents or
corrections list) and writes its columns, not its index. What survives the trip back
through pandas:

==========  ==================================================================================
format      what comes back
==========  ==================================================================================
Parquet     everything: values, nulls and dtypes (``string``, ``Int64``, ``boolean``,
            ``float64``, datetimes); strings read back pyarrow-backed, still dtype ``string``
JSON        a list of records, one object per row, ``null`` for every missing value, dates as
            ISO 8601 strings, floats written exactly (shortest round-tripping form), UTF-8;
            the dtypes are JSON's (string, number, boolean, null)
CSV         UTF-8 with a byte-order mark (so Excel opens it as UTF-8), a header row,
            ``True``/``False`` for booleans, an empty field for null; values exact, dtypes
            not kept. An empty string cannot be told from null.
XLSX        one sheet, a bold frozen header row with filters; each cell typed (text, number,
            boolean, date), an empty cell for null; dtypes per cell, not per column. Numbers
            are shown with thousands separators (offsets and ids plain), a text column of ISO
            days (``published``, ``as_of``) is written as dates and datetimes as such
            (:data:`XLSX_FORMATS`); :func:`read_export` gives such a column back as its text.
            A row whose cells are all null is skipped by ``pd.read_excel``. Floats
            keep 16 significant digits (openpyxl writes ``%.16g``; Excel shows 15), so a
            float needing 17 comes back within 1e-15 relative, not bit for bit.
==========  ==================================================================================

Formula injection (CSV and XLSX). A spreadsheet runs a cell that starts with ``=``, ``+``,
``-`` or ``@`` (and, in some programs, a tab or carriage return) as a formula, so article text
such as ``=HYPERLINK("http://evil", "click")`` must not reach it as one (OWASP, "CSV
Injection"). Only text columns are guarded; numbers (including negative ones) are written as
numbers.

* CSV: such a text cell is written with a single quote in front (``'=1+1``). So that the
  guard can be undone exactly, a text cell that itself starts with ``'`` gets one more too;
  :func:`read_export` strips one leading ``'`` from every text cell.
* XLSX: such a text cell is stored as a string (never as a formula) with Excel's own
  single-quote prefix set on the cell (the ``quotePrefix`` style, what Excel records when you
  type ``'=1+1``): Excel shows ``=1+1`` as text and keeps it text when the cell is edited,
  and pandas reads back the exact text, without a quote.

XLSX also cannot hold control characters other than tab, newline and carriage return (the
XML forbids them): each is written as U+FFFD. A cell holds at most 32,767 characters; longer
text is cut there. A sheet holds at most 1,048,575 data rows; more raise ``ValueError``.

>>> import io
>>> from tracker.schema import to_frame
>>> df = to_frame([{"doc_id": "d1", "surface": "=1+1", "value": -2.5, "approx": True},
...                {"doc_id": "d2", "surface": "Київ, \\"14\\"\\n", "value": None}])
>>> to_csv(df).decode("utf-8-sig").splitlines()[1][:24]
"d1,,,,,,,,'=1+1,-2.5,,,T"
>>> back = read_export(to_csv(df), "csv")
>>> back["surface"].tolist(), back["value"].tolist()
(['=1+1', 'Київ, "14"\\n'], [-2.5, nan])
>>> pd.read_excel(io.BytesIO(to_xlsx(df)))["surface"].tolist()
['=1+1', 'Київ, "14"\\n']
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from tracker.schema import COLUMNS, STRING_DTYPE

__all__ = ["FORMATS", "ExportFormat", "export", "to_csv", "to_xlsx", "to_parquet", "to_json", "read_export"]

#: First characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

#: The dtypes :func:`read_export` restores by default: the figure table's, and the store's flags.
KNOWN_DTYPES: dict[str, str] = {
    **COLUMNS, "content_hash": "string", "corrected": "boolean", "not_a_figure": "boolean",
}

XLSX_MAX_ROWS = 1_048_575  # data rows below the header
XLSX_MAX_CELL = 32_767  # characters in one cell
XLSX_MAX_NUMBER = 1e308  # Excel's largest number is 9.99999999999999e307


def _is_text(series: pd.Series) -> bool:
    return isinstance(series.dtype, pd.StringDtype) or series.dtype == object


def _decategorized(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every categorical column replaced by its values (text categories as an
    object column, numbers as numbers, null as NaN), so the formula guard sees the text of
    the categories as it sees any other text column. A frame without one is returned as is."""
    at = [i for i in range(df.shape[1]) if isinstance(df.iloc[:, i].dtype, pd.CategoricalDtype)]
    if not at:
        return df
    columns = {i: df.iloc[:, i] for i in range(df.shape[1])}
    for i in at:
        values = np.asarray(columns[i])  # the categories' own dtype, object for text
        columns[i] = pd.Series(values, index=df.index, dtype=object if values.dtype.kind in "OUS" else None)
    out = pd.DataFrame(columns, index=df.index)
    out.columns = df.columns
    return out


def _text_values(series: pd.Series) -> list:
    """A text column as Python objects, None for null (other objects kept as they are)."""
    values = series.to_numpy(dtype=object, na_value=None) if isinstance(series.dtype, pd.StringDtype) \
        else series.to_numpy(dtype=object)
    return [None if v is None or (not isinstance(v, str) and _isnull(v)) else v for v in values]


def _isnull(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists, arrays
        return False


# --------------------------------------------------------------------------- CSV

_CSV_GUARDED = [*FORMULA_TRIGGERS, "'"]


def _guard_csv(value: Any) -> Any:
    if isinstance(value, str) and value and (value[0] in FORMULA_TRIGGERS or value[0] == "'"):
        return "'" + value
    return value


def to_csv(df: pd.DataFrame) -> bytes:
    """``df`` as CSV bytes (UTF-8 with BOM, CRLF line ends as RFC 4180, quoted where needed).

    Text cells (of object, string and categorical columns) starting with ``= + - @``, a tab
    or a carriage return get a single quote in front against formula injection, and so do text cells starting with ``'`` (so that
    :func:`read_export` restores the text exactly); numeric columns are never changed. Nulls
    are empty fields, booleans ``True``/``False``, floats their exact shortest form.
    """
    df = _decategorized(df)
    out = df.reset_index(drop=True)
    guarded = {}
    for i, name in enumerate(out.columns):
        column = out.iloc[:, i]
        if isinstance(column.dtype, pd.StringDtype):  # vectorised: only the cells to guard change
            first = column.str[:1]
            mask = first.isin(_CSV_GUARDED).fillna(False).to_numpy(dtype=bool)
            if mask.any():
                guarded[i] = column.mask(mask, "'" + column)
        elif column.dtype == object:
            guarded[i] = pd.Series([_guard_csv(v) for v in column.tolist()], dtype=object)
    if guarded:
        out = pd.DataFrame({i: guarded.get(i, out.iloc[:, i]) for i in range(out.shape[1])})
        out.columns = df.columns
    # CRLF ends rows (RFC 4180), and so a cell holding either \r or \n is quoted: with "\n"
    # alone a bare \r inside a cell would be written unquoted and read as a line break.
    text = out.to_csv(index=False, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    return text.encode("utf-8-sig")


# --------------------------------------------------------------------------- XLSX

#: Excel number formats of the cells written: a whole number with thousands separators
#: ("1,000,000,000"), a fraction with them and as many decimals as it has (up to Excel's 15), a
#: number that counts characters or rows plainly, a day, a time of day in UTC.
XLSX_FORMATS = {"whole": "#,##0", "fraction": "#,##0.###############", "plain": "0", "date": "yyyy-mm-dd",
                "datetime": "yyyy-mm-dd hh:mm:ss"}
#: Numeric columns that are offsets or ids, not amounts: written without separators.
XLSX_PLAIN_COLUMNS = frozenset({"start", "end", "sentence_start", "id", "original_start", "original_end"})
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_days(values: list) -> list | None:
    """A text column's values as dates when every one that is not null is a real day written
    ``YYYY-MM-DD`` from 1900 on (what Excel can show), and there is one; else None (text)."""
    days = []
    for value in values:
        if value is None:
            days.append(None)
            continue
        if not _ISO_DAY.fullmatch(value):
            return None
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return None
        if day.year < 1900:
            return None
        days.append(day)
    return days if any(day is not None for day in days) else None


def _number_format(value: Any, plain: bool) -> str | None:
    """The format of one written cell (None: Excel's General, for text and flags)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return None
    if isinstance(value, dt.datetime):
        return XLSX_FORMATS["datetime"]
    if isinstance(value, dt.date):
        return XLSX_FORMATS["date"]
    if plain:
        return XLSX_FORMATS["plain"]
    return XLSX_FORMATS["whole" if isinstance(value, int) or float(value).is_integer() else "fraction"]


def _clean_xlsx_text(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)  # openpyxl cuts at XLSX_MAX_CELL itself


def _xlsx_column(series: pd.Series) -> list:
    """A column as values openpyxl writes with their type; None for null."""
    dtype = series.dtype
    if _is_text(series):
        values = _text_values(series)
        days = _iso_days(values) if all(v is None or isinstance(v, str) for v in values) else None
        if days is not None:
            return days
        return [v if v is None else _clean_xlsx_text(v if isinstance(v, str) else str(v)) for v in values]
    if isinstance(dtype, pd.DatetimeTZDtype):
        series = series.dt.tz_convert("UTC").dt.tz_localize(None)
        dtype = series.dtype
    if pd.api.types.is_datetime64_dtype(dtype):
        return [None if pd.isna(v) else v.to_pydatetime() for v in series]
    if pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_numeric_dtype(dtype):
        values = series.to_numpy(dtype=object, na_value=None) if pd.api.types.is_extension_array_dtype(dtype) \
            else series.to_numpy(dtype=object)
        out = []
        for v in values:
            if v is None or (isinstance(v, float) and math.isnan(v)):
                out.append(None)
            elif isinstance(v, (bool, np.bool_)):
                out.append(bool(v))
            elif isinstance(v, (np.integer, int)):
                out.append(int(v))
            elif not math.isfinite(float(v)):
                out.append(None)
            elif abs(float(v)) >= XLSX_MAX_NUMBER:
                out.append(repr(float(v)))  # beyond Excel's numbers: kept exactly, as text
            else:
                out.append(float(v))
        return out
    return [None if _isnull(v) else _clean_xlsx_text(str(v)) for v in series]


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


#: Column widths (in characters) for the columns of the figure table that need room.
_WIDTHS = {"sentence": 80, "title": 40, "surface": 24, "object": 24, "attributed_to": 24,
           "attribution_text": 30, "as_of_text": 24, "source": 18, "url": 30, "formula": 20}


def to_xlsx(df: pd.DataFrame, *, sheet_name: str = "figures") -> bytes:
    """``df`` as an Excel workbook (.xlsx bytes, openpyxl) with one sheet.

    The header row is bold, frozen and has filters. Each cell keeps its type: text, number,
    boolean or date (time-zone-aware datetimes in UTC); null is an empty cell. Numbers carry a
    format with thousands separators (offsets and ids a plain one), a text column of ISO days
    is written as dates, and dates and datetimes are shown as such (:data:`XLSX_FORMATS`).

    Against formula injection, text cells are always stored as strings, never as formulas,
    and a text cell (of an object, string or categorical column) starting with ``= + - @``, a tab or a carriage return also gets Excel's
    single-quote prefix (the cell's ``quotePrefix`` style), so Excel shows and keeps it as
    text; the value itself is unchanged and reads back exactly. Control characters XML cannot
    hold are written as U+FFFD, and text longer than 32,767 characters is cut there. A float
    beyond Excel's range (1e308 and up) is written as its exact text; infinities are empty.

    Raises
    ------
    ValueError
        If ``df`` has more rows than a sheet holds (1,048,575 below the header).
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    if len(df) > XLSX_MAX_ROWS:
        raise ValueError(f"{len(df)} rows do not fit in one Excel sheet (at most {XLSX_MAX_ROWS})")
    df = _decategorized(df)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name[:31] or "figures")
    names = [str(name) for name in df.columns]
    for i, name in enumerate(names):
        sheet.column_dimensions[_column_letter(i)].width = _WIDTHS.get(name, max(10, len(name) + 2))
    if names:
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{_column_letter(len(names) - 1)}{len(df) + 1}"

    bold = Font(bold=True)
    header = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=_clean_xlsx_text(name))
        cell.data_type = "s"
        cell.font = bold
        header.append(cell)
    sheet.append(header)

    columns = [_xlsx_column(df.iloc[:, i]) for i in range(df.shape[1])]
    text = [_is_text(df.iloc[:, i]) for i in range(df.shape[1])]
    plain = [name in XLSX_PLAIN_COLUMNS for name in names]
    styles = {}  # number format -> the style of a cell with it, made once and shared (it is never changed)
    for number_format in XLSX_FORMATS.values():
        template = WriteOnlyCell(sheet)
        template.number_format = number_format
        styles[number_format] = template._style
    for row in zip(*columns):
        cells = list(row)
        for i, value in enumerate(row):
            if value is None:
                continue
            if text[i] and isinstance(value, str):
                if value and value[0] in FORMULA_TRIGGERS:
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"  # a string, even though it starts with "="
                    cell.quotePrefix = True
                    cells[i] = cell
            elif (number_format := _number_format(value, plain[i])) is not None:
                cell = WriteOnlyCell(sheet, value=value)
                cell._style = styles[number_format]
                cells[i] = cell
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- Parquet

def to_parquet(df: pd.DataFrame) -> bytes:
    """``df`` as Parquet bytes (pyarrow); dtypes and nulls survive exactly."""
    buffer = io.BytesIO()
    df.reset_index(drop=True).to_parquet(buffer, engine="pyarrow", index=False)
    return buffer.getvalue()


# --------------------------------------------------------------------------- JSON

def _json_value(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, (pd.Timestamp, dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, (pd.Timedelta, dt.timedelta)):
        return pd.Timedelta(value).isoformat()
    if isinstance(value, (str, int)):
        return value
    if _isnull(value):
        return None
    if isinstance(value, np.ndarray):
        return [_json_value(v) for v in value.tolist()]
    return value


def _json_column(series: pd.Series) -> list:
    if isinstance(series.dtype, pd.StringDtype):
        return series.to_numpy(dtype=object, na_value=None).tolist()
    if series.dtype == "float64":
        return [v if math.isfinite(v) else None for v in series.to_numpy().tolist()]
    return [_json_value(v) for v in series.to_numpy(dtype=object)]


def to_json(df: pd.DataFrame) -> bytes:
    """``df`` as a JSON array of records (UTF-8 bytes), one object per row.

    Missing values (NaN, NA, NaT, and infinite floats) are ``null``; dates and datetimes ISO
    8601 strings; floats exact (Python's shortest round-tripping form); text unescaped
    unicode. Read it back with ``pd.read_json(io.BytesIO(data), orient="records",
    dtype=False, precise_float=True)`` (so that ids like ``"007"`` stay text and no float
    is rounded), ``json.loads``, or :func:`read_export`.

    >>> to_json(pd.DataFrame({"a": [0.1 + 0.2, float("nan")], "b": ["Київ", None]})).decode()
    '[{"a": 0.30000000000000004, "b": "Київ"}, {"a": null, "b": null}]'
    """
    names = [str(name) for name in df.columns]
    columns = [_json_column(df.iloc[:, i]) for i in range(df.shape[1])]
    records = [dict(zip(names, row)) for row in zip(*columns)] if names else [{} for _ in range(len(df))]
    encoder = json.JSONEncoder(ensure_ascii=False, allow_nan=False, check_circular=False,
                               default=str)
    return encoder.encode(records).encode("utf-8")


# --------------------------------------------------------------------------- dispatch, read back

@dataclass(frozen=True)
class ExportFormat:
    """One download format: the button's ``label``, the file name's ``suffix`` (with its
    dot), the ``mime`` type sent with it, and the ``write`` function (frame -> bytes)."""

    label: str
    suffix: str
    mime: str
    write: Callable[[pd.DataFrame], bytes]


#: Every download format, in the order the dashboard offers them: the one table of labels,
#: suffixes, MIME types (Parquet's registered by IANA in 2024) and writers.
FORMATS: dict[str, ExportFormat] = {
    "csv": ExportFormat("CSV", ".csv", "text/csv", to_csv),
    "xlsx": ExportFormat("Excel", ".xlsx",
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", to_xlsx),
    "parquet": ExportFormat("Parquet", ".parquet", "application/vnd.apache.parquet", to_parquet),
    "json": ExportFormat("JSON", ".json", "application/json", to_json),
}


def export(df: pd.DataFrame, fmt: str) -> bytes:
    """``df`` in one of :data:`FORMATS` (``"csv"``, ``"xlsx"``, ``"parquet"``, ``"json"``)."""
    try:
        writer = FORMATS[fmt].write
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; one of {sorted(FORMATS)}") from None
    return writer(df)


def _cast(series: pd.Series, dtype: str) -> pd.Series:
    if dtype == "string":
        return series.astype(object).where(series.notna(), None).astype(STRING_DTYPE)
    if dtype == "boolean":
        mapping = {"True": True, "False": False, "true": True, "false": False, True: True,
                   False: False, 1: True, 0: False}
        values = [None if _isnull(v) else mapping.get(v, v) for v in series.tolist()]
        return pd.Series(pd.array(values, dtype="boolean"), index=series.index)
    if dtype in ("float64", "Int64") or dtype.startswith(("int", "float", "Int", "Float")):
        return pd.to_numeric(series, errors="raise").astype(dtype)
    if dtype.startswith("datetime64"):
        return pd.to_datetime(series).astype(dtype)
    return series.astype(dtype)


def read_export(data: bytes, fmt: str, dtypes: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Read bytes of :func:`export` back into a frame with the dtypes it was written with.

    ``dtypes`` maps column names to dtypes; by default :data:`KNOWN_DTYPES` (the figure
    table's columns and the store's ``content_hash``, ``corrected``, ``not_a_figure``).
    Columns it does not name keep the type pandas reads. Text is read as text (``"NA"`` or
    ``"007"`` stay strings, an Excel column of days its ``YYYY-MM-DD``), and the CSV formula guard is undone (one leading ``'`` stripped
    from each text cell). For Parquet this is ``pd.read_parquet`` with the strings made
    Python-backed again.
    """
    dtypes = dict(KNOWN_DTYPES if dtypes is None else dtypes)
    buffer = io.BytesIO(data)
    if fmt == "parquet":
        frame = pd.read_parquet(buffer)
    elif fmt == "json":
        # json.loads, not pd.read_json: its parser rounds some floats in the last digit
        records = json.loads(data)
        names = list(records[0]) if records else []
        frame = pd.DataFrame.from_records(records, columns=names)
    elif fmt == "csv":
        text_columns = [name for name, dtype in dtypes.items() if dtype in ("string", "str", "object")]
        frame = pd.read_csv(buffer, encoding="utf-8-sig", keep_default_na=False, na_values=[""],
                            dtype={name: object for name in text_columns})
        for name in frame.columns:
            if _is_text(frame[name]):
                frame[name] = [v[1:] if isinstance(v, str) and v.startswith("'") else v
                               for v in frame[name]]
    elif fmt == "xlsx":
        text_columns = [name for name, dtype in dtypes.items() if dtype in ("string", "str", "object")]
        frame = pd.read_excel(buffer, engine="openpyxl", keep_default_na=False, na_values=[""],
                              dtype={name: object for name in text_columns})
        for name in frame.columns:  # a text column of days was written as dates: its text again
            if name in text_columns:
                frame[name] = [v.date().isoformat() if isinstance(v, dt.datetime) else v for v in frame[name]]
    else:
        raise ValueError(f"unknown format {fmt!r}; one of {sorted(FORMATS)}")
    for name in frame.columns:
        if name in dtypes:
            frame[name] = _cast(frame[name], dtypes[name])
    return frame
