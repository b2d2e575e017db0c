"""The command line: ``python -m tracker extract PATH... [--format F] [--out FILE]`` and
``python -m tracker ingest PATH... [--db URL | --out DIR] [--workers N] [--engine local|dask]``.

Thin on purpose: files are read by :mod:`tracker.sources.readers`, figures found by
:func:`tracker.extractor.figure_rows` (the rows of ``extract_figures``); this module only connects the two and writes rows as
they come (JSON Lines, CSV or Parquet), so a large corpus streams through in flat
memory. A file or corpus row that cannot be read gets one line on stderr, the other
inputs are still processed, and the exit status is 2. ``ingest`` is batch loading, done by
:func:`tracker.ingest.ingest`.
"""
from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
from pathlib import Path
from typing import TextIO

from tracker.extract.figures import figure_rows
from tracker.sources.readers import Document, UnreadableDocument, read_path
from tracker.schema import COLUMNS, arrow_schema

FORMATS = ("jsonl", "csv", "parquet")
SUFFIX_FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}

EXIT_OK = 0
EXIT_EXTRACTOR_FAILED = 1  # a bug: the extractor should never raise
EXIT_BAD_INPUT = 2  # also what argparse uses for a bad command line


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one subcommand per task (``extract``, ``ingest``)."""
    parser = argparse.ArgumentParser(
        prog="python -m tracker",
        description="Find the figures news reports (troops, money, casualties, ...), "
                    "with whose they are and who says them.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract = commands.add_parser(
        "extract",
        help="extract figures from files and write one row per figure",
        description="Extract figures from documents and corpora and write one row per "
                    "figure, with the columns of tracker.schema.COLUMNS in order.",
        epilog="A PATH may be .txt/.md, .html/.htm, .pdf, .docx, or a corpus .jsonl/.csv "
               "(optionally .gz) with a 'text' column and optional doc_id (or id), source, "
               "published, url, title. Unreadable inputs are reported on stderr and "
               "skipped; the exit status is then 2.",
    )
    extract.add_argument(
        "paths", nargs="+", metavar="PATH", help="documents or corpora to read")
    extract.add_argument(
        "--format", choices=FORMATS,
        help="output format (default: from the suffix of --out, else jsonl)")
    extract.add_argument(
        "--out", metavar="FILE",
        help="write to FILE instead of stdout (required for parquet)")
    extract.set_defaults(run=run_extract, command_parser=extract)
    _add_ingest(commands)
    return parser


def _add_ingest(commands) -> None:
    """The ``ingest`` subcommand: batch loading into the store or a Parquet dataset."""
    from tracker.batch.run import ENGINES

    ingest = commands.add_parser(
        "ingest",
        help="load many documents, in parallel, into the store or a Parquet dataset",
        description="Load documents and corpora into the store (one transaction per "
                    "document) or, with --out, a Parquet dataset of figure rows partitioned "
                    "as published_month=YYYY-MM. Documents already loaded (same text) are "
                    "skipped, so running the same command again resumes an interrupted run.",
        epilog="A PATH may be a file, a directory (every supported file under it), or a "
               "corpus .jsonl/.csv (optionally .gz) or .parquet with a 'text' column and "
               "optional doc_id (or id), source, published, url, title. Inputs that cannot "
               "be read are skipped and listed with the reason in _rejects.jsonl: in DIR "
               "with --out; next to the SQLite file with --db sqlite:///FILE; in the current "
               "directory for other databases. The exit status is then 2.",
    )
    ingest.add_argument("paths", nargs="+", metavar="PATH", help="documents, folders or corpora")
    target = ingest.add_mutually_exclusive_group()
    target.add_argument(
        "--db", metavar="URL",
        help="SQLAlchemy URL of the store (default: TRACKER_DB_URL, the dashboard's "
             "secrets, else sqlite:///tracker.db)")
    target.add_argument(
        "--out", metavar="DIR",
        help="write a Parquet dataset to DIR instead of the store (bookkeeping in "
             "DIR/_state/ and DIR/_rejects.jsonl)")
    ingest.add_argument(
        "--workers", type=_positive_int, metavar="N",
        help="worker processes (default: the number of CPUs)")
    ingest.add_argument(
        "--engine", choices=ENGINES, default="local",
        help="local: a process pool on this machine (default); dask: a Dask cluster")
    ingest.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 (with "
             "--engine dask; default: a LocalCluster of N workers)")
    ingest.set_defaults(run=run_ingest, command_parser=ingest)


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run_ingest(args: argparse.Namespace) -> int:
    """Load every path with :func:`tracker.ingest.ingest` and print the summary on stderr."""
    from tracker.batch.run import ingest
    from tracker.store.store import StoreError

    if args.scheduler and args.engine != "dask":
        args.command_parser.error("--scheduler needs --engine dask")
    try:
        summary = ingest(args.paths, out=args.out, db=args.db, workers=args.workers,
                         engine=args.engine, scheduler=args.scheduler)
    except StoreError as error:
        _report(str(error))
        return EXIT_BAD_INPUT
    except OSError as error:
        _report(f"{error.filename or args.out}: cannot write ({error.strerror or error})")
        return EXIT_BAD_INPUT
    print(summary.line(), file=sys.stderr, flush=True)
    if summary.rejected:
        print(f"rejected inputs, with reasons: {summary.rejects_path}", file=sys.stderr, flush=True)
        return EXIT_BAD_INPUT
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "extract":
        args.format = args.format or _format_from_suffix(args.out)
        if args.format == "parquet" and args.out is None:
            args.command_parser.error(
                "parquet cannot be written to stdout; give --out FILE.parquet")
    _quiet_libraries()
    try:
        return args.run(args)
    except BrokenPipeError:  # e.g. piped into `head`: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def run_extract(args: argparse.Namespace) -> int:
    """Read every path, extract each document's figures, and write the rows as they come."""
    try:
        writer = open_writer(args.format, args.out)
    except OSError as error:
        _report(f"{args.out}: cannot write ({error.strerror or error})")
        return EXIT_BAD_INPUT
    status = EXIT_OK
    with writer:
        for path in args.paths:
            for item in read_path(path):
                if isinstance(item, UnreadableDocument):
                    _report(str(item))
                    status = max(status, EXIT_BAD_INPUT)
                    continue
                try:
                    figures = _extract(item)
                except Exception as error:  # noqa: BLE001 - report and go on to the next
                    _report(f"{path} (doc_id {item.doc_id}): extractor failed "
                            f"({type(error).__name__}: {error})")
                    status = max(status, EXIT_EXTRACTOR_FAILED)
                    continue
                writer.write(figures)
    return status


def open_writer(output_format: str, out: str | None) -> "RowWriter":
    """A writer for ``output_format`` (jsonl, csv or parquet) to the file ``out``, or stdout.

    Parquet needs a file: its footer is written last, so it cannot stream to a pipe.
    """
    if output_format == "parquet":
        if out is None:
            raise ValueError("parquet cannot be written to stdout")
        return ParquetWriter(out)
    writer = JsonlWriter if output_format == "jsonl" else CsvWriter
    if out is None:
        return writer(sys.stdout, owned=False)
    return writer(open(out, "w", encoding="utf-8", newline=""), owned=True)


class RowWriter:
    """Writes figure rows (dicts with the columns of COLUMNS) document after document;
    closing it finishes the output. Rows, not frames: a frame per document would cost more
    than finding its figures."""

    def __init__(self, stream: TextIO | None = None, *, owned: bool = True):
        self.stream = stream
        self.owned = owned  # close the stream at the end (a file), or only flush it (stdout)

    def write(self, rows: list[dict]) -> None:
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
    """One JSON object per row, missing values as null."""

    def write(self, rows: list[dict]) -> None:
        self.stream.writelines(json.dumps(_clean(row), ensure_ascii=False, default=_json_default) + "\n"
                               for row in rows)


class CsvWriter(RowWriter):
    """CSV with the header once, before the first row (or alone, when there are none)."""

    def __init__(self, stream: TextIO, *, owned: bool = True):
        super().__init__(stream, owned=owned)
        self.writer = csv.DictWriter(stream, fieldnames=list(COLUMNS), lineterminator="\n",
                                     extrasaction="ignore")
        self.writer.writeheader()

    def write(self, rows: list[dict]) -> None:
        self.writer.writerows(_clean(row) for row in rows)


class ParquetWriter(RowWriter):
    """Parquet, one row group per batch of documents; valid and fully typed even if empty."""

    BATCH_ROWS = 20_000

    def __init__(self, path: str):
        import pyarrow.parquet as pq

        super().__init__()
        self.schema = arrow_schema()
        self.file = pq.ParquetWriter(path, self.schema)
        self.pending: list[dict] = []

    def write(self, rows: list[dict]) -> None:
        self.pending.extend(_clean(row) for row in rows)
        if len(self.pending) >= self.BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if not self.pending:
            return
        self.file.write_table(pa.Table.from_pylist(self.pending, schema=self.schema))
        self.pending = []

    def close(self) -> None:
        self.flush()
        self.file.close()


def _extract(document: Document) -> list[dict]:
    return figure_rows(
        document.text, doc_id=document.doc_id, source=document.source,
        published=document.published, url=document.url, title=document.title,
    )


def _clean(row: dict) -> dict:
    """A row in column order, with NaN as None."""
    return {name: (None if isinstance(v := row.get(name), float) and v != v else v) for name in COLUMNS}


def _json_default(value):
    """NumPy scalars, should a frame carry them, as plain Python values."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _format_from_suffix(out: str | None) -> str:
    return SUFFIX_FORMATS.get(Path(out).suffix.lower(), "jsonl") if out else "jsonl"


def _report(message: str) -> None:
    print(f"error: {message}", file=sys.stderr, flush=True)


def _quiet_libraries() -> None:
    """Keep the parsers' own warnings about damaged files off stderr; we report those."""
    for name in ("pypdf", "trafilatura", "htmldate", "courlan", "docx"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
