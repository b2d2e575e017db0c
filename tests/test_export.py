"""Tests for ``tracker.analysis.export``: every download reads back with pandas to the rows written.

Where the rows come from
------------------------
``FRAME`` is a small figure table in the columns of ``tracker.schema.COLUMNS`` plus the
store's ``content_hash``, ``corrected`` and ``not_a_figure``. Its first rows restate figures
of the seed article (The Guardian, 14 February 2022: "an estimated 145,000 troops", "up to
$1bn", "14 Russian battalions ... about 800 troops"); the others are written for these tests
to hold what breaks exports: missing values of every dtype, Cyrillic and emoji, newlines,
commas and quotes inside a cell, text that a spreadsheet would run as a formula (``=1+1``,
``=HYPERLINK(...)``, ``@SUM``, ``+44 ...``, ``-5``), ids that look like numbers (``007``) and
a source named ``NA``. The formula cases follow OWASP's "CSV Injection" page (the characters
``= + - @``, tab and carriage return).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.analysis import export
from tracker.analysis.export import FORMATS, read_export, to_csv, to_json, to_parquet, to_xlsx
from tracker.schema import COLUMNS, to_frame

ROWS = [
    {"doc_id": "seed", "source": "The Guardian", "published": "2022-02-14", "figure_id": "f1",
     "title": "Biden and Johnson agree 'crucial window for diplomacy' remains on Ukraine",
     "start": 1210, "end": 1237, "surface": "an estimated 145,000 troops", "value": 145000.0,
     "approx": True, "unit": "troop", "category": "personnel", "object": "troops", "actor": "russia",
     "sentence": "Russia has massed an estimated 145,000 troops along various stretches of its "
                 "border with Ukraine, in Belarus where joint military drills are taking place, "
                 "and in Crimea.", "sentence_start": 1192, "derived": False},
    {"doc_id": "seed", "source": "The Guardian", "published": "2022-02-14", "figure_id": "f2",
     "start": 1440, "end": 1444, "surface": "$1bn", "value": 1e9, "high": 1e9, "approx": False,
     "qualifier": "up to", "unit": "USD", "category": "money", "actor": "us", "recipient": "ukraine",
     "object": "sovereign loan guarantee", "derived": False,
     "sentence": "On Monday night, the US offered Ukraine a sovereign loan guarantee of up to $1bn."},
    {"doc_id": "seed", "source": "The Guardian", "published": "2022-02-14", "figure_id": "f3",
     "surface": "14 Russian battalions ... about 800 troops", "value": 11200.0, "derived": True,
     "formula": "14 * 800", "attributed_to": "British officials", "unit": "troop", "approx": True,
     "attributed_kind": "body", "attributed_country": "uk", "attribution_text": "British officials"},
    {"doc_id": "007", "source": "NA", "published": None, "figure_id": "f4", "title": "Київ, \"14\", 🇺🇦",
     "surface": "=1+1", "value": -2.5, "low": -3.0, "high": -2.0, "approx": None, "derived": None,
     "sentence": "Line one, with a comma\nline two with \"quotes\" and 'single quotes'\r\nand a CRLF.",
     "object": "=HYPERLINK(\"http://example.invalid\", \"click\")", "attributed_to": "@SUM(A1:A2)",
     "qualifier": "+44 20 7946 0000", "change": "-5", "formula": "'already quoted", "start": None,
     "recipient": "Київ", "attribution_text": "=cmd|' /C calc'!A0"},
    {"doc_id": "d5", "source": "null", "published": "2021-11-20", "figure_id": "f5",
     "surface": "0.30000000000000004", "value": 0.1 + 0.2, "unit": "\tTAB", "category": "None"},
]


STR = pd.StringDtype("python")  # the schema's strings


def make_frame() -> pd.DataFrame:
    frame = to_frame(ROWS)
    frame["content_hash"] = pd.array(["h1", "h1", "h1", None, "h5"], dtype=STR)
    frame["corrected"] = pd.array([False, True, False, None, False], dtype="boolean")
    frame["not_a_figure"] = pd.array([False, False, False, True, False], dtype="boolean")
    return frame


FORMATS_ALL = ["csv", "xlsx", "parquet", "json"]
TEXT = [name for name, dtype in make_frame().dtypes.items() if str(dtype) == "string"]


@pytest.mark.parametrize("fmt", FORMATS_ALL)
def test_read_export_gives_the_same_frame(fmt):
    frame = make_frame()
    back = read_export(export.export(frame, fmt), fmt)
    if fmt == "xlsx":  # openpyxl writes 16 significant digits: 0.30000000000000004 -> 0.3
        pd.testing.assert_frame_equal(back, frame, check_exact=False, rtol=1e-15)
        assert back["value"].iloc[4] != frame["value"].iloc[4]
    else:
        pd.testing.assert_frame_equal(back, frame, check_exact=True)


def test_parquet_keeps_dtypes_with_plain_pandas():
    frame = make_frame()
    back = pd.read_parquet(io.BytesIO(to_parquet(frame)))
    assert {c: str(t) for c, t in back.dtypes.items()} == {c: str(t) for c, t in frame.dtypes.items()}
    assert {c: str(t) for c, t in back.dtypes.items() if c in COLUMNS} == COLUMNS
    pd.testing.assert_frame_equal(back, frame, check_dtype=False, check_exact=True)


#: (figure, column, value) of the columns that came after actor in revision 0002 of the store
NEW_COLUMN_CASES = [
    ("f2", "recipient", "ukraine"),  # "the US offered Ukraine a sovereign loan guarantee"
    ("f3", "attributed_kind", "body"),
    ("f3", "attributed_country", "uk"),
    ("f3", "attribution_text", "British officials"),
    ("f4", "recipient", "Київ"),
    ("f4", "attribution_text", "=cmd|' /C calc'!A0"),  # a spreadsheet's DDE payload, kept as text
    ("f1", "attributed_kind", None),
]


@pytest.mark.parametrize("fmt", FORMATS_ALL)
def test_downloads_have_recipient_and_attribution_after_actor(fmt):
    data = export.export(make_frame(), fmt)
    back = read_export(data, fmt)
    names = list(back.columns)
    assert names[names.index("actor"):names.index("attribution_text") + 1] == [
        "actor", "recipient", "attributed_to", "attributed_kind", "attributed_country", "attribution_text"]
    got = back.set_index("figure_id")
    assert [plain(got.loc[figure, column]) for figure, column, _ in NEW_COLUMN_CASES] == [
        value for *_, value in NEW_COLUMN_CASES]
    if fmt == "csv":  # the formula guard covers the new text columns too
        header, *rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        assert rows[3][header.index("attribution_text")] == "'=cmd|' /C calc'!A0"


def plain(value):
    """One cell as a comparable Python value: None for any null, float for any number."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    return value


def rows_of(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(plain(v) for v in row) for row in frame.astype(object).itertuples(index=False)]


def unguard(value):
    return value[1:] if isinstance(value, str) and value.startswith("'") else value


PLAIN_READERS = [
    pytest.param("csv", lambda b: pd.read_csv(io.BytesIO(b), keep_default_na=False, na_values=[""],
                                              dtype={name: str for name in TEXT}), id="csv"),
    pytest.param("xlsx", lambda b: pd.read_excel(io.BytesIO(b), keep_default_na=False, na_values=[""],
                                                 dtype={name: str for name in TEXT}), id="xlsx"),
    pytest.param("json", lambda b: pd.read_json(io.BytesIO(b), orient="records", dtype=False,
                                                precise_float=True), id="json"),
]


@pytest.mark.parametrize("fmt, read", PLAIN_READERS)
def test_plain_pandas_reads_the_same_rows(fmt, read):
    """Without read_export: same columns, same values (CSV text keeps its formula guard).

    Text columns are read as text (``dtype=str``, and no "NA" guessing), as any reader of
    a text column should: else pandas turns "-5" and "007" into numbers."""
    frame = make_frame()
    back = read(export.export(frame, fmt))
    assert list(back.columns) == list(frame.columns)
    got, want = rows_of(back), rows_of(frame)
    if fmt == "csv":
        got = [tuple(unguard(v) for v in row) for row in got]
    if fmt == "xlsx":  # 16 significant digits
        got[4], want[4] = got[4][:9] + got[4][10:], want[4][:9] + want[4][10:]
        # "published" (every value a day) is written as Excel dates, which dtype=str gives with their midnight
        assert {row[2] for row in got} == {"2022-02-14 00:00:00", None, "2021-11-20 00:00:00"}
        got = [(*row[:2], row[2] and row[2].removesuffix(" 00:00:00"), *row[3:]) for row in got]
    assert got == want


def test_default_pandas_readers_need_text_kept_as_text():
    """Why read_export exists: plain defaults turn '007' into 7 and 'NA'/'null' into NaN."""
    frame = pd.DataFrame({"doc_id": pd.array(["007", "042"], dtype=STR),
                          "source": pd.array(["NA", "null"], dtype=STR),
                          "change": pd.array(["-5", "+3"], dtype=STR)})
    for fmt, read in [("csv", pd.read_csv), ("xlsx", pd.read_excel)]:
        naive = read(io.BytesIO(export.export(frame, fmt)))
        assert naive["doc_id"].tolist() == [7, 42]
        assert naive["source"].isna().all()
        assert read_export(export.export(frame, fmt), fmt).equals(frame)


# --------------------------------------------------------------------------- formula injection

GUARD_CASES = [
    # text, CSV cell as written, XLSX quotePrefix
    pytest.param("=1+1", "'=1+1", True, id="equals"),
    pytest.param('=HYPERLINK("http://x.invalid","y")', '\'=HYPERLINK("http://x.invalid","y")', True, id="hyperlink"),
    pytest.param("+44 20 7946 0000", "'+44 20 7946 0000", True, id="plus"),
    pytest.param("-5", "'-5", True, id="minus"),
    pytest.param("@SUM(A1:A2)", "'@SUM(A1:A2)", True, id="at"),
    pytest.param("\t=1+1", "'\t=1+1", True, id="tab"),
    pytest.param("\r=1+1", "'\r=1+1", True, id="carriage-return"),
    pytest.param("'quoted", "''quoted", False, id="quote-doubled-to-be-reversible"),
    pytest.param("a =1+1 inside", "a =1+1 inside", False, id="inside-is-fine"),
    pytest.param(" =1+1", " =1+1", False, id="leading-space"),
    pytest.param("Київ", "Київ", False, id="cyrillic"),
]


@pytest.mark.parametrize("text, csv_cell, quote_prefix", GUARD_CASES)
def test_formula_guard(text, csv_cell, quote_prefix):
    frame = pd.DataFrame({"surface": pd.array([text], dtype=STR), "value": [-5.0]})
    written = list(csv.reader(io.StringIO(to_csv(frame).decode("utf-8-sig"), newline="")))
    assert written[1] == [csv_cell, "-5.0"]  # numbers are never guarded
    assert read_export(to_csv(frame), "csv", {"surface": "string"})["surface"].tolist() == [text]

    cell, number = openpyxl.load_workbook(io.BytesIO(to_xlsx(frame))).active[2]
    assert (cell.value, cell.data_type, bool(cell.quotePrefix)) == (text, "s", quote_prefix)
    assert (number.value, number.data_type) == (-5, "n")


def test_xlsx_has_no_formula_cells():
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(make_frame()))).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


# --------------------------------------------------------------------------- XLSX specifics

def test_xlsx_layout():
    frame = make_frame()
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(frame))).active
    assert sheet.title == "figures"
    assert [c.value for c in sheet[1]] == list(frame.columns)
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    last = openpyxl.utils.get_column_letter(len(frame.columns))
    assert len(frame.columns) == len(COLUMNS) + 3  # the figure columns and 3 of the store
    assert sheet.auto_filter.ref == f"A1:{last}{len(frame) + 1}"
    assert sheet.max_row == len(frame) + 1


#: (column, its values, the cells' number formats and values as openpyxl reads them back). Amounts
#: have thousands separators, offsets and ids none, text columns of days become dates.
NUMBER_FORMAT_CASES = [
    pytest.param("value", [1e9, 145000.0, None, 0.125, -2.5],
                 [("#,##0", 1000000000), ("#,##0", 145000), ("General", None), ("#,##0.###############", 0.125),
                  ("#,##0.###############", -2.5)], id="amounts"),
    pytest.param("count", pd.array([None, 3], dtype="Int64"), [("General", None), ("#,##0", 3)], id="whole-counts"),
    pytest.param("start", pd.array([1210, 12345], dtype="Int64"), [("0", 1210), ("0", 12345)], id="offsets-plain"),
    pytest.param("published", pd.array([None, "2022-02-14"], dtype=STR),
                 [("General", None), ("yyyy-mm-dd", dt.datetime(2022, 2, 14))], id="days-are-dates"),
    pytest.param("published", pd.array(["2022-02-14", "14 February 2022"], dtype=STR),
                 [("General", "2022-02-14"), ("General", "14 February 2022")], id="not-all-days-stays-text"),
    pytest.param("as_of", pd.array(["2022-02-30"], dtype=STR), [("General", "2022-02-30")], id="no-such-day-text"),
    pytest.param("as_of", pd.array(["1812-06-24"], dtype=STR), [("General", "1812-06-24")], id="before-1900-text"),
    pytest.param("created_at", pd.to_datetime(["2026-01-02T03:04:05+00:00"]),
                 [("yyyy-mm-dd hh:mm:ss", dt.datetime(2026, 1, 2, 3, 4, 5))], id="datetimes"),
    pytest.param("approx", pd.array([True, False], dtype="boolean"), [("General", True), ("General", False)],
                 id="flags-general"),
    pytest.param("surface", pd.array(["$1bn", "=1+1"], dtype=STR), [("General", "$1bn"), ("General", "=1+1")],
                 id="text-general"),
]


@pytest.mark.parametrize("name, values, cells", NUMBER_FORMAT_CASES)
def test_xlsx_cells_carry_number_formats(name, values, cells):
    frame = pd.DataFrame({name: values})
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(frame))).active
    assert [(cell.number_format, cell.value) for (cell,) in sheet.iter_rows(min_row=2)] == cells


def test_xlsx_days_read_back_as_their_text():
    frame = make_frame()
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(frame))).active
    published = list(frame.columns).index("published") + 1
    assert sheet.cell(row=2, column=published).is_date
    back = read_export(to_xlsx(frame), "xlsx")
    assert back["published"].tolist() == frame["published"].tolist()


XLSX_TEXT_CASES = [
    pytest.param("form\x0cfeed", "form\ufffdfeed", id="form-feed-from-pdf"),
    pytest.param("nul\x00byte", "nul\ufffdbyte", id="nul"),
    pytest.param("tab\tnew\nline", "tab\tnew\nline", id="allowed-controls"),
    pytest.param("x" * 40_000, "x" * 32_767, id="cut-at-cell-limit"),
]


@pytest.mark.parametrize("text, expected", XLSX_TEXT_CASES)
def test_xlsx_text_it_cannot_hold(text, expected):
    frame = pd.DataFrame({"sentence": pd.array([text], dtype=STR)})
    assert pd.read_excel(io.BytesIO(to_xlsx(frame)))["sentence"].tolist() == [expected]


def test_xlsx_too_many_rows(monkeypatch):
    monkeypatch.setattr(export, "XLSX_MAX_ROWS", 2)
    with pytest.raises(ValueError, match="do not fit"):
        to_xlsx(make_frame())


# --------------------------------------------------------------------------- JSON specifics

def test_json_records():
    records = json.loads(to_json(make_frame()))
    assert len(records) == 5 and list(records[0]) == list(make_frame().columns)
    odd = records[3]
    assert odd["published"] is None and odd["approx"] is None and odd["start"] is None
    assert odd["corrected"] is None and odd["content_hash"] is None and odd["not_a_figure"] is True
    assert odd["value"] == -2.5 and odd["doc_id"] == "007"
    assert records[0]["start"] == 1210 and records[0]["approx"] is True
    assert records[4]["value"] == 0.1 + 0.2  # exact, not 0.3


def test_json_is_utf8_not_escaped():
    data = to_json(make_frame())
    assert "Київ".encode() in data and "🇺🇦".encode() in data and b"\\u" not in data


def test_json_empty():
    assert to_json(make_frame().iloc[:0]) == b"[]"


# --------------------------------------------------------------------------- other frames

def documents_frame() -> pd.DataFrame:
    """Like Store.documents(): a time-zone-aware added_at and integer counts."""
    return pd.DataFrame({
        "doc_id": pd.array(["seed", "brief-01"], dtype=STR),
        "added_at": pd.to_datetime(["2026-01-02T03:04:05Z", None], utc=True),
        "n_figures": np.array([7, 0], dtype="int64"),
        "text_length": pd.array([5123, None], dtype="Int64"),
    })


def test_documents_frame_through_every_format():
    frame = documents_frame()
    pd.testing.assert_frame_equal(pd.read_parquet(io.BytesIO(to_parquet(frame))), frame, check_dtype=False)
    assert pd.read_parquet(io.BytesIO(to_parquet(frame)))["added_at"].dtype == frame["added_at"].dtype
    records = json.loads(to_json(frame))
    assert records[0]["added_at"] == "2026-01-02T03:04:05+00:00" and records[1]["added_at"] is None
    assert records[1]["text_length"] is None and records[0]["n_figures"] == 7
    xlsx = pd.read_excel(io.BytesIO(to_xlsx(frame)))
    assert xlsx["added_at"].tolist()[0] == pd.Timestamp("2026-01-02T03:04:05")  # UTC, naive
    dtypes = {name: str(dtype) for name, dtype in frame.dtypes.items()}
    pd.testing.assert_frame_equal(read_export(to_csv(frame), "csv", dtypes), frame)


def test_export_dispatch():
    frame = make_frame()
    for fmt in FORMATS_ALL:
        assert export.export(frame, fmt)[:2] == {"csv": "\ufeff".encode()[:2], "xlsx": b"PK",
                                               "parquet": b"PA", "json": b"[{"}[fmt]
    assert set(FORMATS) == set(FORMATS_ALL)
    with pytest.raises(ValueError, match="unknown format"):
        export.export(frame, "xls")


def test_one_table_of_formats_for_the_downloads():
    """Issue 9: labels, suffixes, MIME types and writers in one place (the pages had their own)."""
    assert [(f.label, f.suffix) for f in FORMATS.values()] == [
        ("CSV", ".csv"), ("Excel", ".xlsx"), ("Parquet", ".parquet"), ("JSON", ".json")]
    assert FORMATS["parquet"].mime == "application/vnd.apache.parquet"
    assert all(FORMATS[fmt].write is getattr(export, f"to_{fmt}") for fmt in FORMATS_ALL)


def test_index_is_not_written():
    frame = make_frame().set_index("figure_id", drop=False)
    assert list(read_export(to_csv(frame), "csv").columns) == list(frame.columns)


def test_empty_string_reads_back_as_null_in_csv_and_xlsx():
    """A known limit of both formats (documented): '' and null are the same empty cell."""
    frame = pd.DataFrame({"qualifier": pd.array(["", None], dtype=STR)})
    for fmt in ("csv", "xlsx"):
        assert read_export(export.export(frame, fmt), fmt)["qualifier"].isna().all()
    for fmt in ("json", "parquet"):
        assert read_export(export.export(frame, fmt), fmt)["qualifier"].tolist()[0] == ""


# --------------------------------------------------------------------------- any text

any_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
xlsx_text = st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\t\n\r"),
                    min_size=1, max_size=30)
numbers = st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False))


def text_frame(texts, values):
    n = min(len(texts), len(values))
    return pd.DataFrame({"figure_id": pd.array([f"f{i}" for i in range(n)], dtype=STR),
                         "sentence": pd.array(texts[:n], dtype=STR),
                         "value": np.array([np.nan if v is None else v for v in values[:n]], dtype="float64")})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.none(), any_text), min_size=1, max_size=5), st.lists(numbers, min_size=5, max_size=5))
@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_any_text_round_trips(fmt, texts, values):
    frame = text_frame(texts, values)
    back = read_export(export.export(frame, fmt), fmt, {"figure_id": "string", "sentence": "string",
                                                                  "value": "float64"})
    pd.testing.assert_frame_equal(back, frame, check_exact=True)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.none(), xlsx_text), min_size=1, max_size=5), st.lists(numbers, min_size=5, max_size=5))
def test_any_text_round_trips_xlsx(texts, values):
    frame = text_frame(texts, values)
    back = read_export(to_xlsx(frame), "xlsx", {"figure_id": "string", "sentence": "string",
                                                "value": "float64"})
    pd.testing.assert_frame_equal(back, frame, check_exact=False, rtol=1e-15)


def test_dates_published_stay_iso_strings():
    frame = make_frame()
    for fmt in FORMATS_ALL:
        assert read_export(export.export(frame, fmt), fmt)["published"].tolist()[:1] == ["2022-02-14"]


BUGS_CAUGHT: list = []


# Categorical columns (a frame grouped or typed by a user, ``astype("category")``) hold their
# text in the categories: the guard must see it there too. Rows: the text, its category dtype.
CATEGORY_CASES = [
    pytest.param(["=1+1", "Reuters", None], "object", id="object-categories"),
    pytest.param(["@SUM(A1:A2)", "-5", "Reuters"], "string", id="string-categories"),
    pytest.param(['=HYPERLINK("http://x.invalid","y")', "=1+1"], "object", id="repeated"),
]


@pytest.mark.parametrize("texts, categories", CATEGORY_CASES)
def test_formula_guard_covers_categorical_columns(texts, categories):
    column = pd.Series(texts, dtype=categories).astype("category")
    frame = pd.DataFrame({"source": column, "value": pd.Series([1.0] * len(texts)).astype("category")})
    rows = list(csv.reader(io.StringIO(to_csv(frame).decode("utf-8-sig"), newline="")))[1:]
    for (cell, number), text in zip(rows, texts):
        expected = "" if text is None else ("'" + text if text[0] in "=+-@" else text)
        assert (cell, number) == (expected, "1.0")  # numeric categories stay numbers
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(frame))).active
    for (cell, number), text in zip(sheet.iter_rows(min_row=2), texts):
        assert cell.value == text
        assert cell.data_type == ("n" if text is None else "s")
        assert bool(cell.quotePrefix) == (text is not None and text[0] in "=+-@")
        assert (number.value, number.data_type) == (1, "n")
