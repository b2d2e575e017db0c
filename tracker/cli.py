"""The command line: ``python -m tracker extract PATH... [--format F] [--out FILE]`` and
``python -m tracker ingest PATH... [--db URL | --out DIR] [--workers N] [--engine local|dask]``.

Thin on purpose: files are read by :mod:`tracker.sources.readers`, figures found by
:func:`tracker.extract.figures.figure_rows` (the rows of ``extract_figures``); this module only connects the two and writes rows as
they come (JSON Lines, CSV or Parquet), so a large corpus streams through in flat
memory. A file or corpus row that cannot be read, or a document the extractor fails on,
gets one line on stderr, the other inputs are still processed, and the exit status is 2.
``ingest`` is batch loading, done by :func:`tracker.batch.run.ingest`.

Exit status: 0 when every input was done; 2 when some were rejected (listed on stderr, or
in ``_rejects.jsonl`` for ``ingest``); 1 when the run could not be done at all (a bad
command line, an output or a database that cannot be opened).
"""
from __future__ import annotations

import argparse
import csv
import json
import logging
import math
import os
import sys
from pathlib import Path
from typing import TextIO

from tracker.extract.figures import figure_rows
from tracker.sources.readers import (
    FATAL, MAX_DOCUMENT_BYTES, Document, UnreadableDocument, clean_text, read_path,
)
from tracker.schema import COLUMNS, arrow_schema, coerce_row

FORMATS = ("jsonl", "csv", "parquet")
SUFFIX_FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}

EXIT_OK = 0  # every input done
EXIT_USAGE = 1  # nothing done: a bad command line, an output or database that cannot be opened
EXIT_REJECTS = 2  # done, but some inputs were rejected (reported on stderr / in _rejects.jsonl)


class _Parser(argparse.ArgumentParser):
    """argparse, with a bad command line exiting with :data:`EXIT_USAGE` (argparse's own is 2,
    which here means "some inputs rejected")."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one subcommand per task (``extract``, ``ingest``)."""
    parser = _Parser(
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
    _add_limit(extract)
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
               "directory for other databases. The exit status is then 2; it is 1 when "
               "nothing could be done (a bad command line, a database or DIR that cannot "
               "be opened).",
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
    _add_limit(ingest)
    ingest.set_defaults(run=run_ingest, command_parser=ingest)


def _add_limit(command) -> None:
    command.add_argument(
        "--max-document-mb", type=_positive_float, metavar="MB",
        default=MAX_DOCUMENT_BYTES / (1024 * 1024),
        help="largest text of one document (a file, a corpus line or record), in MB "
             f"(default: {MAX_DOCUMENT_BYTES // (1024 * 1024)}); larger ones are rejected "
             "after reading at most that much of them")


def _max_bytes(args: argparse.Namespace) -> int:
    return max(1, int(args.max_document_mb * 1024 * 1024))


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError("must be a number above 0")
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run_ingest(args: argparse.Namespace) -> int:
    """Load every path with :func:`tracker.batch.run.ingest` and print the summary on stderr."""
    from tracker.batch.run import ingest
    from tracker.store.store import StoreError

    if args.scheduler and args.engine != "dask":
        args.command_parser.error("--scheduler needs --engine dask")
    try:
        summary = ingest(args.paths, out=args.out, db=args.db, workers=args.workers,
                         engine=args.engine, scheduler=args.scheduler,
                         max_bytes=_max_bytes(args))
    except StoreError as error:
        _report(str(error))
        return EXIT_USAGE
    except OSError as error:
        _report(f"{error.filename or args.out}: cannot write ({error.strerror or error})")
        return EXIT_USAGE
    print(summary.line(), file=sys.stderr, flush=True)
    if summary.rejected:
        for line in summary.shown_rejects:
            _report(line)
        if summary.rejected > len(summary.shown_rejects):
            _report(f"... and {summary.rejected - len(summary.shown_rejects)} more")
        print(f"rejected inputs, with reasons: {summary.rejects_path}", file=sys.stderr, flush=True)
        return EXIT_REJECTS
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
        return EXIT_USAGE
    status = EXIT_OK
    max_bytes = _max_bytes(args)
    with writer:
        for path in args.paths:
            for item in read_path(path, max_bytes=max_bytes):
                if isinstance(item, UnreadableDocument):
                    _report(str(item))
                    status = EXIT_REJECTS
                    continue
                try:
                    rows = _extract(item)
                except FATAL:
                    raise
                except BaseException as error:  # noqa: BLE001 - a panic too: report, go on
                    _report(f"{path} (doc_id {item.doc_id}): extractor failed "
                            f"({failure(error)})")
                    status = EXIT_REJECTS
                    continue
                try:
                    writer.write(rows)  # all of a document's rows, or none
                except (TypeError, ValueError, OverflowError) as error:
                    _report(f"{path} (doc_id {item.doc_id}): cannot write its figures "
                            f"({failure(error)})")
                    status = EXIT_REJECTS
    return status


def failure(error: BaseException) -> str:
    """An exception as ``Type: message`` on one line, cleaned and at most 200 characters."""
    message = " ".join(str(error).split())
    if len(message) > 200:
        message = message[:197] + "..."
    kind = type(error).__name__
    return clean_text(f"{kind}: {message}" if message else kind)


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
    """One JSON object per row, missing values as null; never ``NaN`` or ``Infinity``
    (which are not JSON): a number that is not finite is written as null."""

    def write(self, rows: list[dict]) -> None:
        self.stream.writelines([_json_line(_clean(row)) for row in rows])


class CsvWriter(RowWriter):
    """CSV with the header once, before the first row (or alone, when there are none)."""

    def __init__(self, stream: TextIO, *, owned: bool = True):
        super().__init__(stream, owned=owned)
        self.writer = csv.DictWriter(stream, fieldnames=list(COLUMNS), lineterminator="\n",
                                     extrasaction="ignore")
        self.writer.writeheader()

    def write(self, rows: list[dict]) -> None:
        self.writer.writerows([_clean(row) for row in rows])


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
        self.pending.extend([_clean(row) for row in rows])
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
    """A row in column order as every format holds it (:func:`tracker.schema.coerce_row`)."""
    return coerce_row(row)


def _json_line(row: dict) -> str:
    try:
        return json.dumps(row, ensure_ascii=False, allow_nan=False, default=_json_default) + "\n"
    except ValueError:  # a float that is not finite got past coerce_row: null, not Infinity
        row = {key: (None if isinstance(v, float) and not math.isfinite(v) else v)
               for key, v in row.items()}
        return json.dumps(row, ensure_ascii=False, allow_nan=False, default=_json_default) + "\n"


def _json_default(value):
    """NumPy scalars, should a frame carry them, as plain Python values."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _format_from_suffix(out: str | None) -> str:
    return SUFFIX_FORMATS.get(Path(out).suffix.lower(), "jsonl") if out else "jsonl"


def _report(message: str) -> None:
    print(f"error: {clean_text(message)}", file=sys.stderr, flush=True)


def _quiet_libraries() -> None:
    """Keep the parsers' own warnings about damaged files off stderr; we report those."""
    for name in ("pypdf", "trafilatura", "htmldate", "courlan", "docx"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
