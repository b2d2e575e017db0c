"""Bring documents into a store: the seed corpus, uploaded files, pasted text.

Reading is :mod:`tracker.sources.readers`' job and storing :mod:`tracker.store.store`'s; this module walks the
inputs, loads each document in its own transaction, and reports what happened to every one of
them (added, duplicate, failed) so that nothing is dropped silently.
"""
from __future__ import annotations

import datetime
import json
import re
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

import dateutil.parser
from pathlib import Path

from tracker.sources.readers import FATAL, Document, UnreadableDocument, clean_document, read_path
from tracker.store.store import hash_text

#: Largest file the dashboard takes in one upload; larger ones get a clear message instead.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
METADATA_FIELDS = ("source", "published", "title", "url")


@dataclass(frozen=True)
class LoadReport:
    """What became of one input: a document added, a duplicate skipped, or a failure."""

    name: str  # file name (and line) or doc_id, as the user knows it
    status: str  # added | duplicate | failed
    message: str = ""
    doc_id: str | None = None
    figures: int = 0


def seed_documents(folder: str | os.PathLike) -> list[Document]:
    """Every ``*.txt`` under ``folder`` (recursively) with the metadata of its ``.json`` twin.

    The JSON may give ``doc_id``, ``source`` (the outlet), ``published``, ``title`` and ``url``;
    a missing JSON leaves them empty and the doc_id is the file name without extension.
    """
    docs = []
    for path in sorted(Path(folder).rglob("*.txt")):
        meta_path = path.with_suffix(".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        docs.append(clean_document(Document(
            doc_id=meta.get("doc_id") or path.stem,
            text=path.read_text(encoding="utf-8"),
            **{key: _text_or_none(meta.get(key)) for key in METADATA_FIELDS},
        )))
    return docs


def pasted_document(text: str, *, source=None, published=None, title=None, url=None) -> Document:
    """A document typed or pasted by the user; its id is derived from its (cleaned) text.

    Text and metadata pass through :func:`tracker.sources.readers.clean_text`, as files do.
    """
    if not text or not text.strip():
        raise UnreadableDocument("pasted text", "empty: paste an article first")
    document = clean_document(Document(doc_id=None, text=text, source=_text_or_none(source),
                                       published=_text_or_none(published), title=_text_or_none(title),
                                       url=_text_or_none(url)))
    return replace(document, doc_id=f"pasted-{hash_text(document.text)[:12]}")


def read_upload(name: str, data: bytes) -> Iterator[Document | UnreadableDocument]:
    """The documents in one uploaded file (a corpus gives many), read like files on disk.

    The bytes go to a temporary file with the upload's name, so every format and every error
    message is exactly the one :func:`tracker.sources.readers.read_path` gives for files, and the
    same limit holds for one document's text (a 20 MB gzipped corpus may unpack to far more).
    """
    if len(data) > MAX_UPLOAD_BYTES:
        yield UnreadableDocument(name, f"too large ({len(data) / 1e6:.0f} MB; the limit is "
                                       f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB per file) — "
                                       "split it, or load it with `python -m tracker extract`")
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(name).name
        path.write_bytes(data)
        for item in read_path(path):
            if isinstance(item, UnreadableDocument):
                # Name the upload, not the temporary file.
                yield UnreadableDocument(name, item.message, line=item.line)
            else:
                yield item


def load_documents(store, items: Iterable[Document | UnreadableDocument], *,
                   progress: Callable[[int, str], None] | None = None) -> list[LoadReport]:
    """Add each document to ``store`` (one transaction each) and report every input.

    ``progress(done, name)`` is called after each input, for a progress bar. A document that
    cannot be stored, whatever the reason (a database error, an extractor that fails or
    panics on it), is reported ``failed`` with the reason and the others go on; so is an
    input that cannot be read, and a reader that fails in the middle of ``items`` ends them
    with one ``failed`` report.
    """
    reports = []
    for done, item in enumerate(_guarded(items), start=1):
        if isinstance(item, UnreadableDocument):
            where = item.path if item.line is None else f"{item.path}:{item.line}"
            reports.append(LoadReport(where, "failed", item.message))
        else:
            item, note = _with_iso_date(item)
            try:
                result = store.add_document(item)
            except FATAL:
                raise
            except BaseException as error:  # noqa: BLE001 - a panic too: one bad document only
                reports.append(LoadReport(item.doc_id or "?", "failed", _failure(error)))
            else:
                message = "already loaded" if result.status == "duplicate" else f"{result.figures} figures"
                message += f"; {note}" if note else ""
                reports.append(LoadReport(item.doc_id or result.doc_id, result.status, message,
                                          result.doc_id, result.figures))
        if progress is not None:
            progress(done, reports[-1].name)
    return reports


def _guarded(items: Iterable) -> Iterator:
    """The items; an error raised while making the next one ends them, as one failure."""
    iterator = iter(items)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            return
        except FATAL:
            raise
        except BaseException as error:  # noqa: BLE001
            yield UnreadableDocument("input", f"cannot read further ({_failure(error)})")
            return
        yield item


def _failure(error: BaseException) -> str:
    from tracker.schema import clean_text

    message = " ".join(str(error).split())
    message = message[:297] + "..." if len(message) > 300 else message
    return clean_text(f"{type(error).__name__}: {message}" if message else type(error).__name__)


def iso_date(value) -> str | None:
    """A published date as ISO ``YYYY-MM-DD``, from the ways corpora write dates ("2022/03/02",
    "2 March 2022", "2022-03-02T10:00:00Z"); None when it cannot be read as a date.

    >>> iso_date("2022/03/02"), iso_date("2 March 2022"), iso_date("not-a-date")
    ('2022-03-02', '2022-03-02', None)
    """
    text = _text_or_none(value)
    if text is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    try:
        year_first = bool(re.match(r"\d{4}\b", text))  # "2022/03/02"; else day first, "02/03/2022"
        return dateutil.parser.parse(text, dayfirst=not year_first, yearfirst=year_first,
                                     default=datetime.datetime(1900, 1, 1)).date().isoformat()
    except (ValueError, OverflowError):
        return None


def _with_iso_date(doc: Document) -> tuple[Document, str | None]:
    if doc.published is None:
        return doc, "no date: it is left out of charts over time"
    iso = iso_date(doc.published)
    if iso is None:
        return replace(doc, published=None), f"date {doc.published!r} not understood, left empty"
    return replace(doc, published=iso), None


def _text_or_none(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
