"""Batch loading: many documents, in parallel, into the store or a Parquet dataset.

``python -m tracker ingest PATH...`` (see :mod:`tracker.cli`) calls :func:`ingest`, which runs
in named steps: expand the paths (:func:`tracker.sources.files.expand_paths`), read each input
(:func:`tracker.sources.files.read_inputs`) and drop documents already loaded (by content
hash, :attr:`tracker.sources.document.Document.content_hash`, as in the store), send chunks
of documents to an engine whose workers find their figures (:mod:`tracker.batch.engines`),
and write the results in input order to a sink (:mod:`tracker.batch.sinks`): the store,
through :func:`tracker.load.add_document` as every stored document, or a Parquet dataset.

One document fails alone: a document that cannot be read, extracted (whatever the extractor
raises, a Rust panic too, or a worker process that dies on it) or stored is listed in
``_rejects.jsonl`` with its reason and the run goes on. Rejected documents are not recorded
as done, so a rerun tries them again (and, if nothing changed, rejects them again). Running
the same command again resumes an interrupted run and gives the same rows.
"""
from __future__ import annotations

import itertools
import json
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from tracker.batch.engines import open_engine
from tracker.extract.parallel import usable_cpus
from tracker.batch.progress import Progress
from tracker.batch.sinks import PART_DOCS, ParquetSink, Pending, StoreSink
from tracker.schema import clean_text
from tracker.sources.document import (
    MAX_DOCUMENT_BYTES, Document, UnreadableDocument, describe_failure,
)
from tracker.sources.files import expand_paths, read_inputs
from tracker.store.store import StoreError

#: Documents sent to a worker at once.
CHUNK_DOCS = 32

#: Rejects named on stderr at the end of a run (all of them are in the rejects file).
SHOWN_REJECTS = 20

#: Testing hook: the process exits (as if killed) after reading this many documents.
EXIT_AFTER_ENV = "TRACKER_INGEST_EXIT_AFTER"


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

    @property
    def seen(self) -> int:
        return self.loaded + self.duplicates + self.rejected

    def line(self) -> str:
        rate = self.loaded / self.seconds if self.seconds else 0.0
        return (f"ingest: {self.loaded} documents loaded, {self.duplicates} skipped as duplicates, "
                f"{self.rejected} rejected, {self.figures} figures in {self.seconds:.1f} s "
                f"({rate:.0f} documents/s)")


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
        Worker processes (default: the CPUs this process may use, tracker.extract.parallel.usable_cpus).
    engine : {"local", "dask"}
    scheduler : str, optional
        Address of a running Dask scheduler (``engine="dask"`` only).
    part_docs : int
        Documents per batch of part files (Parquet output).
    chunk_docs : int
        Documents sent to a worker at once.
    progress : bool, optional
        Show the progress bar; default: when stderr is a terminal.
    max_bytes : int
        The largest text of one document, in bytes; larger ones are rejected unread.

    Returns
    -------
    IngestSummary
    """
    started = time.monotonic()
    files = list(expand_paths(paths))
    sink = ParquetSink(out, part_docs=part_docs) if out is not None else StoreSink(db)
    summary = IngestSummary(rejects_path=os.fspath(sink.rejects_path))
    bar = Progress(files, enabled=progress)
    workers_engine = None
    try:
        with open(sink.rejects_path, "w", encoding="utf-8") as rejects:
            run = _Run(sink, summary, rejects, max_bytes)
            workers_engine = open_engine(engine, workers or usable_cpus(), scheduler)
            for chunk, results in workers_engine.map(run.chunks(files, chunk_docs)):
                run.write(chunk, results)
                bar.update(summary.seen, summary.figures)
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


class _Run:
    """One run's steps: read and deduplicate, chunk, write each result or reject it."""

    def __init__(self, sink: ParquetSink | StoreSink, summary: IngestSummary, rejects: TextIO,
                 max_bytes: int):
        self.sink, self.summary, self.rejects, self.max_bytes = sink, summary, rejects, max_bytes
        self.in_flight: set[str] = set()  # hashes sent to workers and not yet written
        self.exit_after = int(os.environ.get(EXIT_AFTER_ENV) or 0)

    def documents(self, files: list[str]) -> Iterator[Pending]:
        """Every new document of the inputs, prepared for the sink; rejects and duplicates noted."""
        read = 0
        for path in files:
            for item in read_inputs(path, self.max_bytes):
                read += 1
                if self.exit_after and read > self.exit_after:
                    os._exit(3)  # testing hook: die as a killed process would
                if isinstance(item, UnreadableDocument):
                    self.reject(item)
                    continue
                document = self.sink.prepare(item)
                digest = document.content_hash
                if digest in self.in_flight or self.sink.is_done(digest):
                    self.summary.duplicates += 1
                    continue
                self.in_flight.add(digest)
                yield Pending(document, digest, path, _line_of(document))

    def chunks(self, files: list[str], chunk_docs: int) -> Iterator[list[Pending]]:
        iterator = self.documents(files)
        while chunk := list(itertools.islice(iterator, chunk_docs)):
            yield chunk

    def write(self, chunk: list[Pending], results: list) -> None:
        """Each document's rows to the sink, or its reason to the rejects file."""
        for pending, result in zip(chunk, results):
            if isinstance(result, str):
                self.reject(UnreadableDocument(pending.path, result, line=pending.line),
                            pending.document.doc_id)
                continue
            try:
                written = self.sink.write(pending, result)
            except Exception as error:  # noqa: BLE001 - this document only
                reason = str(error) if isinstance(error, StoreError) else describe_failure(error)
                self.reject(UnreadableDocument(pending.path, f"cannot store it ({reason})",
                                               line=pending.line), pending.document.doc_id)
                continue
            if written < 0:
                self.summary.duplicates += 1
            else:
                self.summary.loaded += 1
                self.summary.figures += written
        # written documents are the sink's to remember: the in-run set only holds the
        # documents in flight, so memory stays flat
        self.in_flight.difference_update(p.content_hash for p in chunk)

    def reject(self, item: UnreadableDocument, doc_id: str | None = None) -> None:
        """One line of the rejects file; the first :data:`SHOWN_REJECTS` kept for stderr too."""
        summary = self.summary
        summary.rejected += 1
        record = {"path": clean_text(item.path), "line": item.line, "reason": clean_text(item.message)}
        if doc_id is not None:
            record["doc_id"] = clean_text(doc_id)
        self.rejects.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.rejects.flush()
        if len(summary.shown_rejects) < SHOWN_REJECTS:
            shown = clean_text(str(item))
            summary.shown_rejects.append(shown if doc_id is None else f"{shown} (doc_id {doc_id})")


def _line_of(document: Document) -> int | None:
    tail = (document.doc_id or "").rpartition(":")[2]
    return int(tail) if tail.isdigit() else None
