"""Corpora: many documents in one file, JSON Lines or CSV (optionally gzipped) and Parquet.

- ``.jsonl``: one JSON object per line, with ``text`` and optional ``doc_id`` (or ``id``),
  ``source``, ``published``, ``url``, ``title``;
- ``.csv``: one document per row, with a header naming the same columns (read strictly);
- ``.parquet``: one document per row, the same columns, read in batches of rows.

Corpora are streamed, never loaded whole. A row without an id gets ``<name>:<line>``, its
1-based line (or row) number in the file. Every line or record is read with a bound
(``max_bytes``), and a bad row is an :class:`UnreadableDocument` yielded in its place, so
the rest of the corpus is still read.
"""
from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from tracker.sources.document import (
    FATAL, MAX_DOCUMENT_BYTES, Document, UnreadableDocument, clean_document, describe_error,
    describe_limit,
)

#: Optional metadata fields a corpus row may carry, besides ``text`` and the id.
CORPUS_FIELDS = ("source", "published", "url", "title")

#: Rows read from a Parquet corpus at once.
PARQUET_BATCH_ROWS = 1024

#: Read in pieces of this size when skipping the rest of a line that is over the limit.
SKIP_CHUNK = 1 << 20


def read_jsonl(path: str, *, gzipped: bool = False, max_bytes: int = MAX_DOCUMENT_BYTES,
               ) -> Iterator[Document | UnreadableDocument]:
    """Yield one document per line of a JSON Lines corpus; blank lines are skipped.

    If the first record has no ``text`` field, the file is not taken for a corpus and
    one error is yielded for the whole file, not one per line. A line longer than
    ``max_bytes`` is refused after reading ``max_bytes + 1`` bytes of it; the rest of it
    is skipped in pieces, never held.
    """
    opener = gzip.open if gzipped else open
    seen_record = False
    with opener(path, "rb") as lines:
        for number, raw in enumerate(_bounded_lines(lines, max_bytes), start=1):
            if raw is None:
                yield _too_long(path, number, max_bytes)
                continue
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            raw = raw.rstrip(b"\r\n")
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                yield UnreadableDocument(path, "not UTF-8 text", line=number)
                continue
            except json.JSONDecodeError as error:
                reason = error.msg.removesuffix(" at")  # "Unterminated string starting at"
                yield UnreadableDocument(
                    path, f"not valid JSON at column {error.colno} ({reason})", line=number)
                continue
            if not isinstance(record, dict):
                kind = type(record).__name__
                yield UnreadableDocument(path, f"expected a JSON object, got {kind}", line=number)
                continue
            if not seen_record and "text" not in record:
                raise UnreadableDocument(path, "no 'text' field in the first record (not a corpus?)")
            seen_record = True
            yield row_document(record, path, number, max_bytes)
    if not seen_record:
        raise UnreadableDocument(path, "no records")


def read_csv(path: str, *, gzipped: bool = False, max_bytes: int = MAX_DOCUMENT_BYTES,
             ) -> Iterator[Document | UnreadableDocument]:
    """Yield one document per row of a CSV corpus with a header and a ``text`` column.

    Header names are matched without regard to case or surrounding spaces. A row's
    line is the line it starts on, so a quoted field spanning lines does not shift it.

    Rows are read strictly, one record at a time (a record is the lines the csv module
    takes for one row: a quoted field may span lines). A record is refused, and reading
    goes on at the line after the one it started on (so rows a stray quote swallowed are
    read again, not lost), when

    - the csv module, strict, finds it malformed: a closing quote followed by something
      other than a comma or the end of the line, or the file ends inside quotes;
    - it spans lines and has another number of fields than the header: what a stray
      quote does when it swallows the rows below it up to some later quote;
    - it is longer than ``max_bytes`` (a single line over the limit is skipped in pieces,
      never held).

    A stray quote whose swallowed lines happen to end in a well-formed closing quote with
    the header's number of fields cannot be told from a real multi-line field; it is read
    as one.
    """
    csv.field_size_limit(2**31 - 1)  # long articles; the default limit is 128 KiB
    opener = gzip.open if gzipped else open
    with opener(path, "rb") as stream:
        lines = _Lines(stream, max_bytes)
        first = lines.next()
        if first is not None and first[1] is None:
            raise UnreadableDocument(path, f"header line longer than the limit of "
                                           f"{describe_limit(max_bytes)}", line=1)
        head = "" if first is None else _decode(first[1].removeprefix(b"\xef\xbb\xbf"))
        header = [name.strip().lower() for name in next(csv.reader([head]), [])]
        if "text" not in header:
            shown = ", ".join(header) or "none"
            raise UnreadableDocument(path, f"no 'text' column (columns: {shown})")
        seen_row = False
        while (item := lines.next()) is not None:
            start, raw = item
            if raw is None:
                seen_row = True
                yield _too_long(path, start, max_bytes)
                continue
            taken: list[tuple[int, bytes | None]] = []
            try:
                values = next(csv.reader(_record_lines(raw, lines, taken, max_bytes), strict=True), [])
            except csv.Error as error:
                seen_row = True
                lines.push_back(taken)
                yield UnreadableDocument(path, f"malformed CSV record ({error}); skipped", line=start)
                continue
            except _RecordTooLong:
                seen_row = True
                lines.push_back(taken)
                yield UnreadableDocument(path, f"CSV record longer than the limit of "
                                               f"{describe_limit(max_bytes)}; skipped", line=start)
                continue
            if not any(value.strip() for value in values):
                continue
            seen_row = True
            if taken and len(values) != len(header):
                lines.push_back(taken)
                yield UnreadableDocument(
                    path, f"malformed CSV record ({len(values)} fields over {len(taken) + 1} lines, "
                          f"the header has {len(header)}: a stray quote?); skipped", line=start)
                continue
            if not all(_is_clean(value) for value in values):
                yield UnreadableDocument(path, "not UTF-8 text", line=start)
                continue
            yield row_document(dict(zip(header, values)), path, start, max_bytes)
    if not seen_row:
        raise UnreadableDocument(path, "no rows below the header")


class _RecordTooLong(Exception):
    """A CSV record passed the limit while it was being read."""


class _Lines:
    """The physical lines of a binary stream, numbered from 1, each read with a bound.

    ``next()`` gives ``(number, bytes)``, ``(number, None)`` for a line over the limit (its
    rest is skipped unread), or None at the end; lines pushed back come again first.
    """

    def __init__(self, stream, max_bytes: int):
        self.stream, self.max_bytes = stream, max_bytes
        self.number = 0
        self.pushed: list[tuple[int, bytes | None]] = []

    def next(self) -> tuple[int, bytes | None] | None:
        if self.pushed:
            return self.pushed.pop()
        raw = read_line(self.stream, self.max_bytes)
        if raw == b"":
            return None
        self.number += 1
        return self.number, raw

    def push_back(self, items: list[tuple[int, bytes | None]]) -> None:
        self.pushed.extend(reversed(items))


def _record_lines(first: bytes, lines: _Lines, taken: list, max_bytes: int) -> Iterator[str]:
    """The lines of one CSV record as the csv module asks for them; the ones after the
    first are appended to ``taken`` (to be pushed back if the record is refused)."""
    yield _decode(first)
    size = len(first)
    while (item := lines.next()) is not None:
        taken.append(item)
        if item[1] is None or size + len(item[1]) > max_bytes:
            raise _RecordTooLong
        size += len(item[1])
        yield _decode(item[1])


def _decode(raw: bytes) -> str:
    # surrogateescape keeps undecodable bytes, so a bad row is reported and skipped
    # instead of stopping the whole file.
    return raw.decode("utf-8", errors="surrogateescape")


def read_line(stream, max_bytes: int) -> bytes | None:
    """One line of a binary stream (b"" at the end), or None when it is longer than
    ``max_bytes``: then at most ``max_bytes + 1`` bytes of it were kept, and the rest was
    read in pieces of 1 MiB and dropped."""
    raw = stream.readline(max_bytes + 1)
    if len(raw) <= max_bytes or raw.endswith(b"\n"):
        return raw
    del raw
    while (piece := stream.readline(SKIP_CHUNK)) and not piece.endswith(b"\n"):
        pass
    return None


def _bounded_lines(stream, max_bytes: int) -> Iterator[bytes | None]:
    """Every line of a binary stream; None for each line longer than ``max_bytes``."""
    while (raw := read_line(stream, max_bytes)) != b"":
        yield raw


def _too_long(path: str, line: int, max_bytes: int) -> UnreadableDocument:
    return UnreadableDocument(path, f"line longer than the limit of {describe_limit(max_bytes)}; "
                                    "skipped (see --max-document-mb)", line=line)




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
        yield UnreadableDocument(path, f"not a readable Parquet file ({describe_error(error)})")
        return
    names = {name.strip().lower(): name for name in file.schema_arrow.names}
    if "text" not in names:
        yield UnreadableDocument(path, f"no 'text' column (columns: {', '.join(names) or 'none'})")
        return
    wanted = [names[key] for key in ("text", "doc_id", "id", *CORPUS_FIELDS) if key in names]
    number = 0
    try:
        for batch in file.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=wanted):
            for record in batch.to_pylist():
                number += 1
                yield row_document({key.strip().lower(): value for key, value in record.items()},
                                   path, number, max_bytes)
    except FATAL:
        raise
    except BaseException as error:  # noqa: BLE001 - a damaged row group
        yield UnreadableDocument(path, f"cannot read ({describe_error(error)}); stopped reading",
                                 line=number + 1)


#: suffix -> reader for corpora in text, which may be gzipped
CORPUS_READERS: dict[str, Callable[..., Iterator[Document | UnreadableDocument]]] = {
    ".jsonl": read_jsonl,
    ".csv": read_csv,
}


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def row_document(row: dict, path: str, line: int,
                  max_bytes: int = MAX_DOCUMENT_BYTES) -> Document | UnreadableDocument:
    """A corpus row as a document (cleaned by :func:`clean_text`), or the error saying why
    it is not one."""
    text = row.get("text")
    if text is not None and not isinstance(text, str):
        kind = type(text).__name__
        return UnreadableDocument(path, f"'text' is not a string (got {kind})", line=line)
    if "text" not in row:
        fields = ", ".join(sorted(str(key) for key in row)) or "none"
        return UnreadableDocument(path, f"no 'text' field (its fields: {_shortened(fields, 80)})", line=line)
    if text is None or not text.strip():
        return UnreadableDocument(path, "empty text", line=line)
    if len(text) > max_bytes or (4 * len(text) > max_bytes
                                 and len(text.encode("utf-8", "surrogatepass")) > max_bytes):
        return UnreadableDocument(path, f"text longer than the limit of {describe_limit(max_bytes)}; "
                                        "skipped (see --max-document-mb)", line=line)
    doc_id = optional_str(row.get("doc_id")) or optional_str(row.get("id"))
    return clean_document(Document(
        doc_id=doc_id or f"{file_stem(path)}:{line}",
        text=text,
        **{field: optional_str(row.get(field)) for field in CORPUS_FIELDS},
    ))


def file_stem(path: str) -> str:
    """The file name without its extension (and without ``.gz``)."""
    name = Path(path).name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return Path(name).stem


def optional_str(value: object) -> str | None:
    """Metadata as a string; missing or blank values become None."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    return text.strip() or None


def _is_clean(value: str) -> bool:
    """False when decoding with surrogateescape kept bytes that are not UTF-8."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True

