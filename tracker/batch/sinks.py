"""Where a batch run writes: a Parquet dataset of figure rows, or the store.

- :class:`ParquetSink`: a dataset partitioned as ``published_month=YYYY-MM`` (``unknown`` when
  the date does not start with ``YYYY-MM``), part files written by :mod:`tracker.io.writers`.
  Its bookkeeping starts with ``_``, so pandas, pyarrow and DuckDB skip it:
  ``_state/state.sqlite`` holds the content hashes done and the part files written, committed
  together after each batch of parts. A part file is written under a hidden temporary name,
  recorded with its documents' hashes in one SQLite transaction, and only then renamed; a
  sink that opens finishes renames that were committed and deletes temporary files that were
  not. So a killed run loses nothing committed.
- :class:`StoreSink`: the store, one transaction per document, through
  :func:`tracker.load.add_document` (the path the dashboard's documents take too).

Both know which documents are done (by content hash), so a rerun skips them, and where the
run's ``_rejects.jsonl`` goes.
"""
from __future__ import annotations

import os
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from tracker.io.writers import write_parquet
from tracker.load import add_document, prepare_document
from tracker.schema import coerce_row
from tracker.sources.document import Document

#: A batch of part files is written (and committed) after this many documents or rows.
PART_DOCS = 2000
PART_ROWS = 20_000

_MONTH = re.compile(r"^\s*(\d{4})-(\d{2})")


@dataclass
class Pending:
    """A document on its way to a worker: what the parent needs to write its result."""

    document: Document
    content_hash: str
    path: str = ""  # the input it came from
    line: int | None = None  # its line (row) in a corpus


def published_month(published: str | None) -> str:
    """``YYYY-MM`` from a date that starts with it, else ``unknown``.

    >>> published_month("2022-02-24T05:00:00Z"), published_month("24 Feb 2022"), published_month(None)
    ('2022-02', 'unknown', 'unknown')
    """
    match = _MONTH.match(published or "")
    if match is None or not 1 <= int(match.group(2)) <= 12:
        return "unknown"
    return f"{match.group(1)}-{match.group(2)}"


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

    @staticmethod
    def prepare(document: Document) -> Document:
        """The document as read: the dataset keeps ``published`` as the input gave it."""
        return document

    def is_done(self, digest: str) -> bool:
        if digest in self.buffered:
            return True
        return self.state.execute("SELECT 1 FROM done WHERE content_hash = ?", (digest,)).fetchone() is not None

    def write(self, pending: Pending, rows: list[dict]) -> int:
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
        if not self.hashes:
            return
        files = []
        for month, rows in sorted(self.rows.items()):
            folder = self.out / f"published_month={month}"
            folder.mkdir(exist_ok=True)
            final = folder / f"part-{self.run_id}-{self.parts_written:05d}.parquet"
            self.parts_written += 1
            write_parquet(_temporary(final), rows)
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
    """The store: one transaction per document, through :func:`tracker.load.add_document`;
    duplicates skipped by content hash."""

    def __init__(self, url: str | None):
        from tracker.config import resolve_db_url
        from tracker.store.store import Store

        self.url = resolve_db_url(url)
        self.store = Store(self.url)
        self.known = set(self.store.documents()["content_hash"].astype(object))
        self.rejects_path = rejects_path_for_db(self.url)

    @staticmethod
    def prepare(document: Document) -> Document:
        """The document as the store keeps it (its date as ISO), before a worker extracts it."""
        return prepare_document(document)[0]

    def is_done(self, digest: str) -> bool:
        return digest in self.known

    def write(self, pending: Pending, rows: list[dict]) -> int:
        """Store one document; raises (StoreError, ValueError) if it cannot be: a reject."""
        result = add_document(self.store, pending.document, rows)
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


def _temporary(final: Path) -> Path:
    return final.with_name(f".{final.name}.tmp")


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())
