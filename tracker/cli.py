"""The command line: ``python -m tracker extract PATH... [--format F] [--out FILE]``,
``python -m tracker ingest PATH... [--db URL | --out DIR] [--workers N] [--engine local|dask]`` and
``python -m tracker reextract [--db URL] [--dry-run]`` and
``python -m tracker compare [--db URL] [--measure KEY] [--currency CODE] [--all-roles] ...``.

Thin on purpose: files are read by :func:`tracker.sources.files.read_path`, figures found by
:func:`tracker.extract.figures.figure_rows` (the rows of ``extract_figures``) and written as
they come by :mod:`tracker.io.writers` (JSON Lines, CSV or Parquet), so a large corpus
streams through in flat memory; this module parses, calls and reports. A file or corpus row that cannot be read, or a document the extractor fails on,
gets one line on stderr, the other inputs are still processed, and the exit status is 2.
``ingest`` is batch loading, done by :func:`tracker.batch.run.ingest`; ``reextract`` runs the
current extractor again on every stored document (:func:`tracker.load.reextract_store`).

Exit status: 0 when every input was done; 2 when some were rejected (listed on stderr, or
in ``_rejects.jsonl`` for ``ingest``); 1 when the run could not be done at all (a bad
command line, an output or a database that cannot be opened).
"""
from __future__ import annotations

import argparse
import itertools
import json
import logging
import math
import os
import sys
from typing import NamedTuple

import pandas as pd

from tracker.extract.figures import figure_rows
from tracker.io.writers import FORMATS, format_from_suffix, open_writer
from tracker.schema import clean_text
from tracker.sources.document import (
    FATAL, MAX_DOCUMENT_BYTES, Document, UnreadableDocument, describe_failure,
)
from tracker.sources.files import read_path

EXIT_OK = 0  # every input done
EXIT_USAGE = 1  # nothing done: a bad command line, an output or database that cannot be opened
EXIT_REJECTS = 2  # done, but some inputs were rejected (reported on stderr / in _rejects.jsonl)
_CHUNK = 64  # documents ``extract`` sends a worker process at a time


class _Parser(argparse.ArgumentParser):
    """argparse, with a bad command line exiting with :data:`EXIT_USAGE` (argparse's own is 2,
    which here means "some inputs rejected")."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one subcommand per task (``extract``, ``ingest``, ``reextract``)."""
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
    extract.add_argument(
        "--workers", type=_positive_int, metavar="N",
        help="worker processes that find the figures, rows still written in input order "
             f"(default: one per CPU this process may use, for more than {_CHUNK} documents; "
             "fewer are done in this process alone)")
    _add_limit(extract)
    extract.set_defaults(run=run_extract, command_parser=extract)
    _add_ingest(commands)
    _add_reextract(commands)
    _add_compare(commands)
    return parser


def _add_compare(commands) -> None:
    """The ``compare`` subcommand: the measures of the store, or the claims of one."""
    from tracker.analysis.claims import VAGUE_RULES
    from tracker.analysis.currency import DEFAULT_CURRENCY

    compare = commands.add_parser(
        "compare",
        help="list the measures of the store, or the claims of one measure",
        description="Without --measure: the measures of the store, one JSON object a line "
                    '({"measure", "label", "claims", "sources"}), most claims first. With '
                    "--measure KEY: one line per claim (one figure from one source, however many "
                    "articles repeat it), sorted by date then attributed_to, money converted to "
                    "--currency at the ECB reference rate of the claim's date.",
        epilog="KEY is the measure's key as the listing gives it (e.g. count:russia:troop:personnel:- "
               "or money:ukraine:military_aid), the same as the dashboard's ?measure=. Exit "
               "status: 0 when done (an empty store prints nothing, with a note on stderr); 2 for "
               "an unknown KEY or currency; 1 when the store cannot be opened (it is never created).",
    )
    _add_existing_db(compare)
    compare.add_argument("--measure", metavar="KEY", help="the measure whose claims to write")
    compare.add_argument(
        "--currency", metavar="CODE", default=DEFAULT_CURRENCY,
        help=f"ECB currency code money is converted to (default: {DEFAULT_CURRENCY})")
    compare.add_argument(
        "--all-roles", action="store_true",
        help="also parts, increments, per-unit figures and rates (default: totals and cumulative totals)")
    compare.add_argument(
        "--vague", choices=VAGUE_RULES, default="range",
        help='how vague amounts ("dozens of") are read: the extractor\'s range (default) or '
             "ACLED's conservative point (dozens = 12, hundreds = 100)")
    compare.add_argument("--format", choices=("jsonl", "csv"), help="output format (default: from the "
                         "suffix of --out, else jsonl); in CSV, lists are joined with '; '")
    compare.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    compare.set_defaults(run=run_compare, command_parser=compare)


def _add_existing_db(command) -> None:
    """``--db URL`` for a command that works on a store that must exist already."""
    command.add_argument(
        "--db", metavar="URL",
        help="SQLAlchemy URL of the store (default: TRACKER_DB_URL, the dashboard's "
             "secrets, else sqlite:///tracker.db); a SQLite file must exist")


def _add_reextract(commands) -> None:
    """The ``reextract`` subcommand: the stored documents extracted again, corrections kept."""
    reextract = commands.add_parser(
        "reextract",
        help="extract every stored document again with this extractor, keeping corrections",
        description="Read every document in the store, find its figures with the current "
                    "extractor and replace the stored ones, one transaction per document (an "
                    "interrupted run loses nothing; run it again to finish). A correction whose "
                    "figure's span changed moves to the new figure that overlaps it most; one "
                    "that no figure overlaps is kept, and reported as left without a figure.",
        epilog="Prints documents read, figures before and after, figures added, removed and "
               "changed, corrections moved and left without a figure. Exit status: 0 when "
               "every document was done; 2 when the extractor or the database failed on some "
               "(their figures are kept; listed on stderr); 1 when the store cannot be opened.",
    )
    _add_existing_db(reextract)
    reextract.add_argument(
        "--dry-run", action="store_true",
        help="report what would change, and write nothing")
    reextract.add_argument(
        "--progress", action=argparse.BooleanOptionalAction, default=None,
        help="show a progress bar on stderr (default: when stderr is a terminal)")
    reextract.set_defaults(run=run_reextract, command_parser=reextract)


def _add_ingest(commands) -> None:
    """The ``ingest`` subcommand: batch loading into the store or a Parquet dataset."""
    from tracker.batch.engines import ENGINES

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
        help="worker processes (default: one per CPU this process may use)")
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


_positive_int.__name__ = "whole number"  # argparse says "invalid whole number value: 'abc'"


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


#: Orphaned corrections and failed documents named on stderr (the rest are counted).
SHOWN_ITEMS = 20


def run_reextract(args: argparse.Namespace) -> int:
    """Extract the store again (:func:`tracker.load.reextract_store`) and print what changed."""
    from tracker.batch.progress import Progress
    from tracker.load import reextract_store
    from tracker.store.store import Store, StoreError

    try:
        store = Store(args.db, create=False)
    except StoreError as error:
        _report(str(error))
        return EXIT_USAGE
    with store:
        try:
            bar = Progress([], enabled=args.progress, total=store.document_count())
        except StoreError as error:
            _report(str(error))
            return EXIT_USAGE
        try:
            summary = reextract_store(store, dry_run=args.dry_run, progress=bar.update)
            orphans = _orphans(store, summary.orphaned)
        except StoreError as error:
            _report(str(error))
            return EXIT_USAGE
        finally:
            bar.close()
    for line in summary.lines():
        print(line, flush=True)
    for line in orphans[:SHOWN_ITEMS]:
        print(f"  left without a figure: {line}", flush=True)
    if len(orphans) > SHOWN_ITEMS:
        print(f"  ... and {len(orphans) - SHOWN_ITEMS} more", flush=True)
    for line in summary.failed[:SHOWN_ITEMS]:
        _report(line)
    if len(summary.failed) > SHOWN_ITEMS:
        _report(f"... and {len(summary.failed) - SHOWN_ITEMS} more")
    return EXIT_REJECTS if summary.failed else EXIT_OK


def _orphans(store, ids: list[int]) -> list[str]:
    """The corrections ``ids`` in words: ``#id field → new at start-end of doc_id``."""
    if not ids:
        return []
    log = store.corrections().set_index("id").loc[ids]
    docs = dict(zip(*(store.documents()[name] for name in ("content_hash", "doc_id"))))
    return [f"correction #{i} ({row.field} → {row.new_value}) at {row.start}-{row.end} of "
            f"{docs.get(row.content_hash, row.content_hash[:12])}" for i, row in log.iterrows()]


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "extract":
        args.format = args.format or format_from_suffix(args.out)
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


def run_compare(args: argparse.Namespace) -> int:
    """List the measures, or write the claims of ``--measure`` (:mod:`tracker.analysis.claims`)."""
    from tracker.analysis.claims import CLAIM_COLUMNS, claims, measure_table
    from tracker.analysis.compare import for_download
    from tracker.analysis.currency import ecb_rates
    from tracker.analysis.measures import is_key, regroup, resolve_measure
    from tracker.store.store import Store, StoreError

    rates = ecb_rates()
    currency = (args.currency or "").upper()
    if not rates.knows(currency):
        _report(f"unknown currency {args.currency!r}; one of: {', '.join(rates.currencies)}")
        return EXIT_REJECTS
    if args.measure is not None and not is_key(args.measure):
        _report(f"unknown measure {args.measure!r}: not a measure key (run `python -m tracker compare` "
                "without --measure to list them)")
        return EXIT_REJECTS
    try:
        with Store(args.db, create=False) as store:
            frame = store.figures()
            aliases = store.measure_aliases()
    except StoreError as error:
        _report(str(error))
        return EXIT_USAGE
    frame = regroup(frame, aliases)  # the user's merges and moves
    measure = resolve_measure(args.measure, aliases)
    if frame.empty:
        _report("the store holds no figures yet: nothing to compare (load articles with "
                "`python -m tracker ingest PATH --db URL`)")
        return EXIT_OK
    fmt = args.format or ("csv" if (args.out or "").lower().endswith(".csv") else "jsonl")
    if args.measure is None:
        table = measure_table(frame, all_roles=args.all_roles, vague=args.vague)
        table = table[["measure", "label", "claims", "sources"]]
    else:
        table = claims(frame, measure, currency=currency, all_roles=args.all_roles, vague=args.vague,
                       rates=rates)
        if table.empty and not frame["measure"].eq(measure).any():  # no figure of it, in any role
            _report(f"unknown measure {args.measure!r}: the store has no figures of it (run "
                    "`python -m tracker compare` without --measure to list them)")
            return EXIT_REJECTS
        table = table[[c for c in CLAIM_COLUMNS if c not in ("speaker", "rate_date", "as_of_precision",
                                                            "first_source", "derived", "surface",
                                                            "sentence")] + ["speaker", "rate_date"]]
    try:
        handle = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout
    except OSError as error:
        _report(f"{args.out}: cannot write ({error.strerror or error})")
        return EXIT_USAGE
    try:
        if fmt == "csv":
            for_download(table).to_csv(handle, index=False)
        else:
            for record in table.to_dict("records"):
                handle.write(json.dumps({k: _json_value(v) for k, v in record.items()}, ensure_ascii=False) + "\n")
        handle.flush()
    finally:
        if handle is not sys.stdout:
            handle.close()
    return EXIT_OK


def _json_value(value):
    """A value of a claims or measures row for JSON: lists as lists, every null as null."""
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if hasattr(value, "item"):
        return _json_value(value.item())
    return value


def run_extract(args: argparse.Namespace) -> int:
    """Read every path, extract each document's figures, and write the rows as they come."""
    try:
        writer = open_writer(args.format, args.out)
    except OSError as error:
        _report(f"{args.out}: cannot write ({error.strerror or error})")
        return EXIT_USAGE
    status = EXIT_OK
    with writer:
        workers, items = _workers_for(args.workers, _items(args))
        coerced = workers > 1  # the workers' rows are made fit already (engines.extract_chunk)
        for (path, document), rows in _extracted(items, workers):
            if isinstance(rows, str):  # unreadable, or the extractor failed on it
                _report(rows)
                status = EXIT_REJECTS
                continue
            try:
                writer.write(rows, coerced=coerced)  # all of a document's rows, or none
            except (TypeError, ValueError, OverflowError) as error:
                _report(f"{path} (doc_id {document.doc_id}): cannot write its figures "
                        f"({describe_failure(error)})")
                status = EXIT_REJECTS
    return status


class _Pending(NamedTuple):
    path: str
    document: Document


def _items(args: argparse.Namespace):
    """(path, Document or UnreadableDocument) for every input of ``args.paths``, in order, as read."""
    max_bytes = _max_bytes(args)
    return ((path, item) for path in args.paths for item in read_path(path, max_bytes=max_bytes))


def _workers_for(asked: int | None, items):
    """The worker processes to use, and ``items`` as they were: ``asked``, else one per CPU
    this process may use (tracker.extract.parallel.usable_cpus) where the inputs hold more than
    one chunk of documents; a smaller input is done in this process, which starts sooner
    than a pool of workers that must each load the lexicons. Only the first chunk's worth of
    inputs is read to tell."""
    if asked is not None:
        return asked, items
    head = list(itertools.islice(items, _CHUNK + 1))
    items = itertools.chain(head, items)
    if len(head) <= _CHUNK:
        return 1, items
    from tracker.extract.parallel import usable_cpus

    return usable_cpus(), items


def _extracted(items, workers: int):
    """((path, document), its rows) for every input of ``items`` (see :func:`_items`), in
    input order; the rows are a message instead where the input cannot be read or the
    extractor fails on it. With ``workers`` above 1, worker processes find the figures
    (tracker.batch.engines)."""
    if workers == 1:
        for path, item in items:
            if isinstance(item, UnreadableDocument):
                yield (path, item), str(item)
            else:
                yield (path, item), _rows_or_why(path, item)
        return
    from tracker.batch.engines import LocalEngine

    # Where each unreadable input stands: after the chunk of this index (-1: before the first),
    # so that its report comes out in input order, between the rows of the chunks around it.
    unreadable: dict[int, list] = {}
    engine = LocalEngine(workers)
    try:
        for number, (chunk, results) in enumerate(engine.map(_chunks(items, _CHUNK, unreadable))):
            if number == 0:
                yield from _reports(unreadable.pop(-1, []))
            for pending, result in zip(chunk, results):
                if isinstance(result, str):
                    result = f"{pending.path} (doc_id {pending.document.doc_id}): {result}"
                yield (pending.path, pending.document), result
            yield from _reports(unreadable.pop(number, []))
        for number in sorted(unreadable):  # no chunk at all: every input was unreadable
            yield from _reports(unreadable[number])
    finally:
        engine.close()


def _reports(unreadable: list):
    for path, item in unreadable:
        yield (path, item), str(item)


def _chunks(items, size: int, unreadable: dict[int, list]):
    """The readable documents in chunks of at most ``size``; an unreadable one ends the chunk
    before it and is put in ``unreadable`` under that chunk's index."""
    chunk: list[_Pending] = []
    made = 0
    for path, item in items:
        if isinstance(item, UnreadableDocument):
            if chunk:
                yield chunk
                made, chunk = made + 1, []
            unreadable.setdefault(made - 1, []).append((path, item))
            continue
        chunk.append(_Pending(path, item))
        if len(chunk) == size:
            yield chunk
            made, chunk = made + 1, []
    if chunk:
        yield chunk


def _rows_or_why(path: str, document: Document) -> list[dict] | str:
    try:
        return _extract(document)
    except FATAL:
        raise
    except BaseException as error:  # noqa: BLE001 - a panic too: report, go on
        return f"{path} (doc_id {document.doc_id}): extractor failed ({describe_failure(error)})"


def _extract(document: Document) -> list[dict]:
    return figure_rows(
        document.text, doc_id=document.doc_id, source=document.source,
        published=document.published, url=document.url, title=document.title,
    )


def _report(message: str) -> None:
    print(f"error: {clean_text(message)}", file=sys.stderr, flush=True)


def _quiet_libraries() -> None:
    """Keep the parsers' own warnings about damaged files off stderr; we report those."""
    for name in ("pypdf", "trafilatura", "htmldate", "courlan", "docx"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
