"""Batch loading: many documents, in parallel, into the store or a Parquet dataset.

``python -m tracker ingest PATH...`` (see :mod:`tracker.cli`) calls :func:`ingest`. The parent
process reads every input (:func:`tracker.sources.readers.read_path`, plus Parquet corpora here), drops
documents already loaded (by content hash: sha256 of the UTF-8 text, as in the store), sends
chunks of documents to workers that run :func:`tracker.extract.figures.figure_rows`, and writes the
results itself, in input order:

- into the store, one transaction per document (:meth:`tracker.store.Store.add_document`);
- or into a Parquet dataset of figure rows, partitioned as ``published_month=YYYY-MM``
  (``unknown`` when the date does not start with ``YYYY-MM``). Its bookkeeping starts with
  ``_``, so pandas, pyarrow and DuckDB skip it: ``_state/state.sqlite`` holds the content
  hashes done and the part files written, committed together after each batch of parts;
  ``_rejects.jsonl`` lists every input that was skipped, with the reason.

A part file is written under a hidden temporary name, recorded with its documents' hashes in
one SQLite transaction, and only then renamed; a run that starts finishes renames that were
committed and deletes temporary files that were not. So a killed run loses nothing committed,
and running the same command again gives the same rows as one uninterrupted run.

Engines: ``local`` runs a :class:`concurrent.futures.ProcessPoolExecutor` with a bounded number
of chunks in flight (memory stays flat however large the corpus); ``dask`` maps a
``dask.bag`` over the same chunks on a ``distributed`` cluster (a LocalCluster, or the one at
``scheduler``).

One document fails alone: a document that cannot be read, extracted (whatever the extractor
raises, a Rust panic too, or a worker process that dies on it) or stored is listed in
``_rejects.jsonl`` with its reason and the run goes on. Rejected documents are not recorded
as done, so a rerun tries them again (and, if nothing changed, rejects them again).
"""
from __future__ import annotations

import itertools
import json
import os
import re
import sqlite3
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tracker.extract.figures import figure_rows
from tracker.sources.readers import (
    CORPUS_READERS, DOCUMENT_READERS, FATAL, MAX_DOCUMENT_BYTES, Document, UnreadableDocument,
    _row_document, clean_text, read_path,
)
from tracker.schema import arrow_schema, coerce_row
from tracker.store.store import StoreError, hash_text

ENGINES = ("local", "dask")

#: Documents sent to a worker at once.
CHUNK_DOCS = 32
#: A batch of part files is written (and committed) after this many documents or rows.
PART_DOCS = 2000
PART_ROWS = 20_000
#: Rows read from a Parquet corpus at once.
PARQUET_BATCH_ROWS = 1024

#: Rejects named on stderr at the end of a run (all of them are in the rejects file).
SHOWN_REJECTS = 20

#: Testing hook: the process exits (as if killed) after reading this many documents.
EXIT_AFTER_ENV = "TRACKER_INGEST_EXIT_AFTER"

_MONTH = re.compile(r"^\s*(\d{4})-(\d{2})")
_SUFFIXES = {*DOCUMENT_READERS, *CORPUS_READERS, ".parquet"}


@dataclass
class IngestSummary:
    """What one run did; ``rejected`` inputs are listed in the rejects file."""

    loaded: int = 0  # documents written by this run
    duplicates: int = 0  # skipped: the same text was loaded before, or earlier in this run
    rejected: int = 0
    figures: int = 0
    seconds: float = 0.0
    rejects_path: str = ""
    shown_rejects: list[str] = field(default_factory=list)  # the first SHOWN_REJECTS, as lines

    def line(self) -> str:
        rate = self.loaded / self.seconds if self.seconds else 0.0
        return (f"ingest: {self.loaded} documents loaded, {self.duplicates} skipped as duplicates, "
                f"{self.rejected} rejected, {self.figures} figures in {self.seconds:.1f} s "
                f"({rate:.0f} documents/s)")


@dataclass
class _Pending:
    """A document on its way to a worker: what the parent needs to write its result."""

    document: Document
    content_hash: str
    path: str = ""  # the input it came from
    line: int | None = None  # its line (row) in a corpus


# -- reading ---------------------------------------------------------------------------------

def expand_paths(paths: Iterable[str | os.PathLike]) -> Iterator[str]:
    """Each path; a directory becomes every file under it with a supported suffix, sorted."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and _supported(p)):
                yield os.fspath(child)
        else:
            yield os.fspath(path)


def read_inputs(path: str, max_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[Document | UnreadableDocument]:
    """The documents of one file: a Parquet corpus here, everything else by ``read_path``."""
    if Path(path).suffix.lower() == ".parquet":
        yield from read_parquet_corpus(path, max_bytes)
    else:
        yield from read_path(path, max_bytes=max_bytes)


def read_parquet_corpus(path: str, max_bytes: int = MAX_DOCUMENT_BYTES,
                        ) -> Iterator[Document | UnreadableDocument]:
    """One document per row of a Parquet corpus, read in batches of rows (streaming).

    Columns as for a CSV corpus: ``text`` and optional ``doc_id`` (or ``id``), ``source``,
    ``published``, ``url``, ``title``, matched without regard to case. A row's "line" is its
    1-based row number; a row without an id gets ``<name>:<row>``.
    """
    import pyarrow.parquet as pq

    try:
        file = pq.ParquetFile(path)
    except FileNotFoundError:
        yield UnreadableDocument(path, "no such file")
        return
    except Exception as error:  # noqa: BLE001 - not Parquet, truncated, ...
        yield UnreadableDocument(path, f"not a readable Parquet file ({_describe(error)})")
        return
    names = {name.strip().lower(): name for name in file.schema_arrow.names}
    if "text" not in names:
        yield UnreadableDocument(path, f"no 'text' column (columns: {', '.join(names) or 'none'})")
        return
    wanted = [names[key] for key in ("text", "doc_id", "id", "source", "published", "url", "title")
              if key in names]
    number = 0
    try:
        for batch in file.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=wanted):
            for record in batch.to_pylist():
                number += 1
                yield _row_document({key.strip().lower(): value for key, value in record.items()},
                                    path, number, max_bytes)
    except FATAL:
        raise
    except BaseException as error:  # noqa: BLE001 - a damaged row group
        yield UnreadableDocument(path, f"cannot read ({_describe(error)}); stopped reading",
                                 line=number + 1)


def content_hash(text: str) -> str:
    """The store's duplicate key for a text (see :func:`tracker.store.hash_text`)."""
    return hash_text(text)


def published_month(published: str | None) -> str:
    """``YYYY-MM`` from a date that starts with it, else ``unknown``.

    >>> published_month("2022-02-24T05:00:00Z"), published_month("24 Feb 2022"), published_month(None)
    ('2022-02', 'unknown', 'unknown')
    """
    match = _MONTH.match(published or "")
    if match is None or not 1 <= int(match.group(2)) <= 12:
        return "unknown"
    return f"{match.group(1)}-{match.group(2)}"


# -- extraction (runs in the workers) -------------------------------------------------------

def extract_chunk(chunk: list[tuple]) -> list[list[dict] | str]:
    """Figure rows of each document of a chunk (:func:`tracker.schema.coerce_row`), or why not.

    A chunk is a list of ``(doc_id, text, source, published, url, title)`` tuples. Whatever
    the extractor raises for a document, a ``BaseException`` such as a Rust panic too
    (but not KeyboardInterrupt, SystemExit or GeneratorExit), becomes that document's
    result as a plain string, so the results always pickle and the chunk's other documents
    are kept.
    """
    results: list[list[dict] | str] = []
    for doc_id, text, source, published, url, title in chunk:
        try:
            rows = figure_rows(text, doc_id=doc_id, source=source, published=published,
                               url=url, title=title)
            results.append([coerce_row(row) for row in rows])
        except FATAL:
            raise
        except BaseException as error:  # noqa: BLE001 - report, go on with the next document
            results.append(f"extractor failed ({failure(error)})")
    return results


def failure(error: BaseException) -> str:
    """An exception as ``Type: message`` on one line, cleaned and at most 200 characters."""
    message = " ".join(str(error).split())
    if len(message) > 200:
        message = message[:197] + "..."
    kind = type(error).__name__
    return clean_text(f"{kind}: {message}" if message else kind)


def _die_with_parent() -> None:
    """In a worker: be ended when the parent dies (Linux), so a killed run leaves no orphans."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _payload(document: Document) -> tuple:
    return (document.doc_id, document.text, document.source, document.published,
            document.url, document.title)


# -- engines ---------------------------------------------------------------------------------

class LocalEngine:
    """``workers`` processes; at most ``2 * workers`` chunks in flight; results in input order."""

    def __init__(self, workers: int):
        self.workers = workers
        self.pool = self._new_pool()

    def _new_pool(self):
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(max_workers=self.workers, initializer=_die_with_parent)

    def map(self, chunks: Iterable[list]) -> Iterator[tuple[list, list]]:
        in_flight: deque = deque()
        for chunk in chunks:
            in_flight.append((chunk, self._submit([_payload(p.document) for p in chunk])))
            if len(in_flight) >= 2 * self.workers:
                chunk, future = in_flight.popleft()
                yield chunk, self._settle(chunk, future)
        while in_flight:
            chunk, future = in_flight.popleft()
            yield chunk, self._settle(chunk, future)

    def _submit(self, payloads: list[tuple]):
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.pool.submit(extract_chunk, payloads)
        except BrokenProcessPool:  # a worker died on an earlier chunk: a fresh pool
            self._restart()
            return self.pool.submit(extract_chunk, payloads)

    def _settle(self, chunk: list, future) -> list:
        """The chunk's results; if the chunk failed as a whole (a worker process died, or its
        results did not come back), each of its documents again alone, to find the one."""
        try:
            return future.result()
        except FATAL:
            raise
        except BaseException:  # noqa: BLE001 - BrokenProcessPool, PicklingError, ...
            pass
        return [self._alone(_payload(pending.document)) for pending in chunk]

    def _alone(self, payload: tuple) -> list[dict] | str:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._submit([payload]).result()[0]
        except FATAL:
            raise
        except BrokenProcessPool:
            self._restart()
            return "extractor failed (its worker process died on this document)"
        except BaseException as error:  # noqa: BLE001
            return f"extractor failed ({failure(error)})"

    def _restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new_pool()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    """A ``dask.bag`` of documents, one partition per chunk, computed a window at a time.

    On a LocalCluster of ``workers`` processes, or on the cluster at ``scheduler``; two
    windows are in flight, so the cluster works while the parent writes.
    """

    def __init__(self, workers: int, scheduler: str | None = None):
        import logging

        from distributed import Client, LocalCluster

        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        self.window = 4 * max(1, len(self.client.scheduler_info().get("workers", {})) or workers)

    def map(self, chunks: Iterable[list]) -> Iterator[tuple[list, list]]:
        import dask.bag as db

        in_flight: deque = deque()
        chunks = iter(chunks)
        while True:
            window = list(itertools.islice(chunks, self.window))
            if window:
                sizes = [len(chunk) for chunk in window]
                payloads = [_payload(p.document) for chunk in window for p in chunk]
                bag = db.from_delayed(
                    [_delayed_chunk(payloads[start:start + size])
                     for start, size in zip(itertools.accumulate([0, *sizes[:-1]]), sizes)])
                futures = self.client.compute(bag.map_partitions(_extract_partition).to_delayed())
                in_flight.append((window, futures))
            if not in_flight:
                return
            if window and len(in_flight) < 2:
                continue
            done_window, futures = in_flight.popleft()
            for chunk, future in zip(done_window, futures):
                yield chunk, self._settle(chunk, future)

    def _settle(self, chunk: list, future) -> list:
        """The chunk's results; if it failed as a whole (e.g. a worker was killed), each of
        its documents again alone, so only the one that fails is rejected."""
        try:
            return future.result()
        except FATAL:
            raise
        except BaseException:  # noqa: BLE001 - KilledWorker, a lost connection, ...
            pass
        results = []
        for pending in chunk:
            try:
                results.append(self.client.submit(extract_chunk, [_payload(pending.document)],
                                                  pure=False).result()[0])
            except FATAL:
                raise
            except BaseException as error:  # noqa: BLE001
                results.append(f"extractor failed ({failure(error)})")
        return results

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _delayed_chunk(payloads: list[tuple]):
    from dask import delayed

    return delayed(payloads, traverse=False)


def _extract_partition(payloads: list[tuple]) -> list:
    return extract_chunk(list(payloads))


def open_engine(engine: str, workers: int, scheduler: str | None = None):
    if engine == "dask":
        return DaskEngine(workers, scheduler)
    if engine == "local":
        return LocalEngine(workers)
    raise ValueError(f"unknown engine {engine!r} (expected one of {', '.join(ENGINES)})")


# -- outputs ---------------------------------------------------------------------------------

class ParquetSink:
    """A Parquet dataset partitioned by ``published_month``, with its ``_state`` and rejects."""

    def __init__(self, out: str | os.PathLike, *, part_docs: int = PART_DOCS, part_rows: int = PART_ROWS):
        self.out = Path(out)
        (self.out / "_state").mkdir(parents=True, exist_ok=True)
        self.state = sqlite3.connect(self.out / "_state" / "state.sqlite", isolation_level=None)
        self.state.execute("PRAGMA journal_mode=WAL")
        self.state.execute("PRAGMA synchronous=FULL")
        self.state.execute("CREATE TABLE IF NOT EXISTS done (content_hash TEXT PRIMARY KEY)")
        self.state.execute("CREATE TABLE IF NOT EXISTS parts (path TEXT PRIMARY KEY)")
        self.run_id = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"
        self.part_docs, self.part_rows = part_docs, part_rows
        self.parts_written = 0
        self.hashes: list[str] = []
        self.buffered: set[str] = set()
        self.rows: dict[str, list[dict]] = {}
        self.row_count = 0
        self._recover()
        self.rejects_path = self.out / "_rejects.jsonl"

    def is_done(self, digest: str) -> bool:
        if digest in self.buffered:
            return True
        return self.state.execute("SELECT 1 FROM done WHERE content_hash = ?", (digest,)).fetchone() is not None

    def write(self, pending: _Pending, rows: list[dict]) -> int:
        """Buffer one document's rows (coerced to the column types first: all or none)."""
        rows = [coerce_row(row) for row in rows]
        self.hashes.append(pending.content_hash)
        self.buffered.add(pending.content_hash)
        for row in rows:
            self.rows.setdefault(published_month(row.get("published")), []).append(row)
        self.row_count += len(rows)
        if len(self.hashes) >= self.part_docs or self.row_count >= self.part_rows:
            self.flush()
        return len(rows)

    def flush(self) -> None:
        """Write the buffered rows as part files and commit them with their documents' hashes."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.hashes:
            return
        schema = arrow_schema()
        files = []
        for month, rows in sorted(self.rows.items()):
            folder = self.out / f"published_month={month}"
            folder.mkdir(exist_ok=True)
            final = folder / f"part-{self.run_id}-{self.parts_written:05d}.parquet"
            self.parts_written += 1
            # column by column; from_pandas: a NaN is written as null, as `extract` does
            table = pa.table([pa.array([row.get(f.name) for row in rows], type=f.type, from_pandas=True)
                              for f in schema], schema=schema)
            pq.write_table(table, _temporary(final))
            _fsync(_temporary(final))
            files.append(final)
        self.state.execute("BEGIN IMMEDIATE")
        self.state.executemany("INSERT OR IGNORE INTO done VALUES (?)", ((h,) for h in self.hashes))
        self.state.executemany("INSERT INTO parts VALUES (?)",
                               ((os.fspath(f.relative_to(self.out)),) for f in files))
        self.state.execute("COMMIT")
        for final in files:
            os.replace(_temporary(final), final)
        self.hashes, self.buffered, self.rows, self.row_count = [], set(), {}, 0

    def close(self) -> None:
        self.flush()
        self.state.close()

    def abort(self) -> None:
        """Stop without writing what is buffered (it is not committed: a rerun redoes it)."""
        self.state.close()

    def _recover(self) -> None:
        """Finish renames a killed run committed; delete temporary parts it did not commit."""
        committed = {row[0] for row in self.state.execute("SELECT path FROM parts")}
        for name in committed:
            final = self.out / name
            if not final.exists() and _temporary(final).exists():
                os.replace(_temporary(final), final)
        for temporary in self.out.glob("published_month=*/.part-*.parquet.tmp"):
            temporary.unlink()


class StoreSink:
    """The store: one transaction per document; duplicates skipped by content hash."""

    def __init__(self, url: str | None):
        from tracker.config import resolve_db_url
        from tracker.store.store import Store

        self.url = resolve_db_url(url)
        self.store = Store(self.url)
        self.known = set(self.store.documents()["content_hash"].astype(object))
        self.rejects_path = rejects_path_for_db(self.url)

    def is_done(self, digest: str) -> bool:
        return digest in self.known

    def write(self, pending: _Pending, rows: list[dict]) -> int:
        """Store one document; raises (StoreError, ValueError) if it cannot be: a reject."""
        result = self.store.add_document(pending.document, figures=rows)
        self.known.add(pending.content_hash)
        return result.figures if result.status == "added" else -1

    def close(self) -> None:
        self.store.close()

    abort = close


def rejects_path_for_db(url: str) -> Path:
    """``_rejects.jsonl`` next to a SQLite file, else in the current directory."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - the store reports a bad URL itself
        return Path("_rejects.jsonl")
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return Path(parsed.database).resolve().parent / "_rejects.jsonl"
    return Path("_rejects.jsonl")


# -- progress --------------------------------------------------------------------------------

class Progress:
    """One stderr line, rewritten with ``\\r``: documents/s, figures/s, and ETA when known.

    Shown only when stderr is a terminal. The total is counted in a background thread (lines
    of corpora, rows of Parquet files), so the ETA appears once that count is in.
    """

    def __init__(self, paths: list[str], stream=None, enabled: bool | None = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.start = time.monotonic()
        self.last = 0.0
        self.total: int | None = None
        if self.enabled:
            threading.Thread(target=self._count, args=(paths,), daemon=True).start()

    def update(self, seen: int, figures: int, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self.last < 0.25:
            return
        self.last = now
        elapsed = max(now - self.start, 1e-9)
        rate = seen / elapsed
        text = f"{seen} documents, {rate:.0f} documents/s, {figures / elapsed:.0f} figures/s"
        if self.total and rate > 0:
            left = max(self.total - seen, 0) / rate
            text = f"{seen}/{self.total} documents ({100 * min(seen / self.total, 1):.0f}%), " \
                   f"{rate:.0f} documents/s, {figures / elapsed:.0f} figures/s, ETA {_clock(left)}"
        self.stream.write("\r" + text + "\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()

    def _count(self, paths: list[str]) -> None:
        try:
            self.total = sum(_estimate_documents(path) for path in paths)
        except Exception:  # noqa: BLE001 - no total, no ETA
            self.total = None


def _estimate_documents(path: str) -> int:
    import gzip

    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes and suffixes[-1] == ".parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    gzipped = bool(suffixes) and suffixes[-1] == ".gz"
    kind = suffixes[-2] if gzipped and len(suffixes) > 1 else (suffixes[-1] if suffixes else "")
    if kind not in CORPUS_READERS:
        return 1
    opener = gzip.open if gzipped else open
    with opener(path, "rb") as handle:
        lines = sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
    return max(lines - (1 if kind == ".csv" else 0), 0)


# -- the run -----------------------------------------------------------------------------------

def ingest(paths: Iterable[str | os.PathLike], *, out: str | os.PathLike | None = None,
           db: str | None = None, workers: int | None = None, engine: str = "local",
           scheduler: str | None = None, part_docs: int = PART_DOCS,
           chunk_docs: int = CHUNK_DOCS, progress: bool | None = None,
           max_bytes: int = MAX_DOCUMENT_BYTES) -> IngestSummary:
    """Load every document of ``paths`` into a Parquet dataset (``out``) or the store (``db``).

    Parameters
    ----------
    paths : iterable of str or path
        Files, directories (every file with a supported suffix, recursively) and corpora
        (``.jsonl``, ``.csv``, optionally gzipped, and ``.parquet``).
    out : str or path, optional
        Folder of the Parquet dataset; when not given, the store at ``db`` is used.
    db : str, optional
        SQLAlchemy URL of the store (default: :func:`tracker.config.resolve_db_url`).
    workers : int, optional
        Worker processes (default: the number of CPUs).
    engine : {"local", "dask"}
    scheduler : str, optional
        Address of a running Dask scheduler (``engine="dask"`` only).
    part_docs : int
        Documents per batch of part files (Parquet output).
    chunk_docs : int
        Documents sent to a worker at once.
    progress : bool, optional
        Show the progress line; default: when stderr is a terminal.
    max_bytes : int
        The largest text of one document, in bytes; larger ones are rejected unread.

    Returns
    -------
    IngestSummary
    """
    started = time.monotonic()
    workers = workers or os.cpu_count() or 1
    files = list(expand_paths(paths))
    sink = ParquetSink(out, part_docs=part_docs) if out is not None else StoreSink(db)
    summary = IngestSummary(rejects_path=os.fspath(sink.rejects_path))
    bar = Progress(files, enabled=progress)
    exit_after = int(os.environ.get(EXIT_AFTER_ENV) or 0)
    seen_this_run: set[str] = set()
    workers_engine = None
    try:
        with open(sink.rejects_path, "w", encoding="utf-8") as rejects:
            def reject(item: UnreadableDocument, doc_id: str | None = None) -> None:
                summary.rejected += 1
                record = {"path": clean_text(item.path), "line": item.line,
                          "reason": clean_text(item.message)}
                if doc_id is not None:
                    record["doc_id"] = clean_text(doc_id)
                rejects.write(json.dumps(record, ensure_ascii=False) + "\n")
                rejects.flush()
                if len(summary.shown_rejects) < SHOWN_REJECTS:
                    shown = clean_text(str(item))
                    summary.shown_rejects.append(shown if doc_id is None else f"{shown} (doc_id {doc_id})")

            def documents() -> Iterator[_Pending]:
                read = 0
                for path in files:
                    for item in read_inputs(path, max_bytes):
                        read += 1
                        if exit_after and read > exit_after:
                            os._exit(3)  # testing hook: die as a killed process would
                        if isinstance(item, UnreadableDocument):
                            reject(item)
                            continue
                        try:
                            digest = content_hash(item.text)
                        except UnicodeEncodeError:
                            reject(UnreadableDocument(path, "text is not valid Unicode (lone surrogate)",
                                                      line=_line_of(item)))
                            continue
                        if digest in seen_this_run or sink.is_done(digest):
                            summary.duplicates += 1
                            continue
                        seen_this_run.add(digest)
                        yield _Pending(item, digest, path, _line_of(item))

            def chunks() -> Iterator[list[_Pending]]:
                iterator = documents()
                while chunk := list(itertools.islice(iterator, chunk_docs)):
                    yield chunk

            workers_engine = open_engine(engine, workers, scheduler)
            for chunk, results in workers_engine.map(chunks()):
                for pending, result in zip(chunk, results):
                    if isinstance(result, str):
                        reject(UnreadableDocument(pending.path, result, line=pending.line),
                               pending.document.doc_id)
                        continue
                    try:
                        written = sink.write(pending, result)
                    except Exception as error:  # noqa: BLE001 - this document only
                        reason = str(error) if isinstance(error, StoreError) else failure(error)
                        reject(UnreadableDocument(pending.path, f"cannot store it ({reason})",
                                                  line=pending.line), pending.document.doc_id)
                        continue
                    if written < 0:
                        summary.duplicates += 1
                    else:
                        summary.loaded += 1
                        summary.figures += written
                bar.update(summary.loaded + summary.duplicates + summary.rejected, summary.figures)
                # written documents are the sink's to remember: the in-run set only holds
                # the documents in flight, so memory stays flat
                seen_this_run.difference_update(p.content_hash for p in chunk)
    except BaseException:
        sink.abort()
        raise
    finally:
        if workers_engine is not None:
            workers_engine.close()
        bar.close()
    sink.close()
    summary.seconds = time.monotonic() - started
    return summary


def _line_of(document: Document) -> int | None:
    tail = (document.doc_id or "").rpartition(":")[2]
    return int(tail) if tail.isdigit() else None


# -- helpers -----------------------------------------------------------------------------------

def _temporary(final: Path) -> Path:
    return final.with_name(f".{final.name}.tmp")


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _supported(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes]
    if not suffixes or path.name.startswith((".", "_")):
        return False
    if suffixes[-1] == ".gz":
        return len(suffixes) > 1 and suffixes[-2] in CORPUS_READERS
    return suffixes[-1] in _SUFFIXES


def _describe(error: BaseException) -> str:
    message = " ".join(str(error).split())
    return (message[:117] + "...") if len(message) > 120 else (message or type(error).__name__)


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
