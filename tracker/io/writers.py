"""Row writers: figure rows (dicts with the columns of :data:`tracker.schema.COLUMNS`) to JSON
Lines, CSV or Parquet, document after document, in flat memory.

One set of writers for every output: ``python -m tracker extract`` (to a file or stdout) and
the part files of ``python -m tracker ingest --out``. Every row passes through
:func:`tracker.schema.coerce_row` first, so all formats hold the same values.

>>> import io
>>> out = io.StringIO()
>>> with open_writer("csv", stream=out) as writer:
...     writer.write([{"doc_id": "d1", "figure_id": "x", "start": 0, "end": 3, "surface": "5 t",
...                    "value": 5}])
>>> out.getvalue().splitlines()[1].split(",")[:10]
['d1', '', '', '', '', 'x', '0', '3', '5 t', '5.0']
"""
from __future__ import annotations

import csv
import json
import math
import os
import sys
from pathlib import Path
from typing import TextIO

from tracker.schema import COLUMNS, arrow_schema, coerce_row

FORMATS = ("jsonl", "csv", "parquet")
SUFFIX_FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}


def format_from_suffix(out: str | os.PathLike | None, default: str = "jsonl") -> str:
    """The format an output's suffix names (``.jsonl``, ``.csv``, ``.parquet``), else ``default``.

    >>> format_from_suffix("figures.parquet"), format_from_suffix(None), format_from_suffix("x.txt")
    ('parquet', 'jsonl', 'jsonl')
    """
    return SUFFIX_FORMATS.get(Path(out).suffix.lower(), default) if out else default


def open_writer(output_format: str | None = None, out: str | os.PathLike | None = None, *,
                stream: TextIO | None = None) -> "RowWriter":
    """A writer for ``output_format`` (jsonl, csv or parquet; default: from the suffix of
    ``out``) to the file ``out``, to ``stream``, or else to stdout.

    Parquet needs a file: its footer is written last, so it cannot stream to a pipe.

    Raises
    ------
    ValueError
        For parquet without a file, or an unknown format.
    OSError
        If the file cannot be opened.
    """
    output_format = output_format or format_from_suffix(out)
    if output_format not in FORMATS:
        raise ValueError(f"unknown format {output_format!r}; one of: {', '.join(FORMATS)}")
    if output_format == "parquet":
        if out is None:
            raise ValueError("parquet cannot be written to stdout")
        return ParquetWriter(out)
    writer = JsonlWriter if output_format == "jsonl" else CsvWriter
    if out is None:
        return writer(stream or sys.stdout, owned=False)
    return writer(open(out, "w", encoding="utf-8", newline=""), owned=True)


class RowWriter:
    """Writes figure rows document after document; closing it finishes the output. Rows, not
    frames: a frame per document would cost more than finding its figures."""

    def __init__(self, stream: TextIO | None = None, *, owned: bool = True):
        self.stream = stream
        self.owned = owned  # close the stream at the end (a file), or only flush it (stdout)

    def write(self, rows: list[dict], *, coerced: bool = False) -> None:
        """Write ``rows``, each made fit first (:func:`tracker.schema.coerce_row`) unless
        ``coerced`` says it has been (the rows of tracker.batch.engines.extract_chunk)."""
        raise NotImplementedError

    def close(self) -> None:
        if self.stream is None:
            return
        if self.owned:
            self.stream.close()
        else:
            self.stream.flush()

    def __enter__(self) -> "RowWriter":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


class JsonlWriter(RowWriter):
    """One JSON object per row, missing values as null; never ``NaN`` or ``Infinity``
    (which are not JSON): a number that is not finite is written as null."""

    def write(self, rows: list[dict], *, coerced: bool = False) -> None:
        self.stream.writelines([_json_line(row if coerced else coerce_row(row)) for row in rows])


class CsvWriter(RowWriter):
    """CSV with the header once, before the first row (or alone, when there are none)."""

    def __init__(self, stream: TextIO, *, owned: bool = True):
        super().__init__(stream, owned=owned)
        self.writer = csv.DictWriter(stream, fieldnames=list(COLUMNS), lineterminator="\n",
                                     extrasaction="ignore")
        self.writer.writeheader()

    def write(self, rows: list[dict], *, coerced: bool = False) -> None:
        self.writer.writerows(rows if coerced else [coerce_row(row) for row in rows])


class ParquetWriter(RowWriter):
    """Parquet, one row group per batch of rows; valid and fully typed even if empty."""

    BATCH_ROWS = 20_000

    def __init__(self, path: str | os.PathLike):
        import pyarrow.parquet as pq

        super().__init__()
        self.schema = arrow_schema()
        self.file = pq.ParquetWriter(path, self.schema)
        self.pending: list[dict] = []

    def write(self, rows: list[dict], *, coerced: bool = False) -> None:
        self.pending.extend(rows if coerced else [coerce_row(row) for row in rows])
        if len(self.pending) >= self.BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        self.file.write_table(rows_table(self.pending, self.schema))
        self.pending = []

    def close(self) -> None:
        self.flush()
        self.file.close()


def rows_table(rows: list[dict], schema=None):
    """Coerced rows as a pyarrow table of :func:`tracker.schema.arrow_schema`, column by column
    (a NaN is written as null)."""
    import pyarrow as pa

    schema = schema or arrow_schema()
    return pa.table([pa.array([row.get(f.name) for row in rows], type=f.type, from_pandas=True)
                     for f in schema], schema=schema)


def write_parquet(path: str | os.PathLike, rows: list[dict]) -> None:
    """All of ``rows``, coerced already (:func:`tracker.schema.coerce_row`), as one Parquet file
    (a part file of a dataset): the table :class:`ParquetWriter` writes, in one piece."""
    import pyarrow.parquet as pq

    pq.write_table(rows_table(rows), path)


def _json_line(row: dict) -> str:
    try:
        return _ENCODER.encode(row) + "\n"
    except ValueError:  # a float that is not finite got past coerce_row: null, not Infinity
        row = {key: (None if isinstance(v, float) and not math.isfinite(v) else v)
               for key, v in row.items()}
        return _ENCODER.encode(row) + "\n"


def _json_default(value):
    """NumPy scalars, should a frame carry them, as plain Python values."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


# One encoder for every line (json.dumps with these options makes a new one per call).
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, default=_json_default)
