"""Read documents from files: plain text, HTML, PDF, Word, and JSONL / CSV corpora.

Every reader turns a file into :class:`Document` records. Problems become
:class:`UnreadableDocument` errors that name the file (and the line, for a corpus
row), so a caller going through many inputs can report them and go on.

- ``.txt``, ``.md``: the whole file as UTF-8 (a byte-order mark is dropped);
- ``.html``, ``.htm``: the main text and metadata, found by trafilatura;
- ``.pdf``: the text layer of every page (pypdf), pages joined by a blank line;
- ``.docx``: the paragraphs (python-docx), joined by newlines;
- ``.jsonl``: a corpus, one JSON object per line, with ``text`` and optional
  ``doc_id`` (or ``id``), ``source``, ``published``, ``url``, ``title``;
- ``.csv``: a corpus, one document per row, with a header naming the same columns.

Corpora may be gzipped (``.jsonl.gz``, ``.csv.gz``) and are streamed, never loaded
whole. A single file's ``doc_id`` is its name without extension; a corpus row
without an id gets ``<name>:<line>``, its 1-based line number in the file.

Every text and every metadata field is passed through :func:`clean_text` here, once:
characters no sink can hold (lone surrogates, NUL and the other C0 controls but tab,
newline and carriage return) become U+FFFD, one for one, so character offsets hold.

One limit bounds memory for every input: a document's text (a file, a corpus line or
record, a .docx part, a PDF's text) may be at most ``max_bytes`` (default
:data:`MAX_DOCUMENT_BYTES`, 50 MB). Larger ones are refused after reading at most
``max_bytes + 1`` bytes of them, with a message naming the file, the line and the limit.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "corpus.jsonl").write_text(
...     '{"text": "Kyiv asked for 300 tanks.", "source": "Example Wire"}\\n{"text": ""}\\n')
>>> for item in read_path(folder / "corpus.jsonl"):
...     print(item.doc_id if isinstance(item, Document) else f"error: {item.message}")
corpus:1
error: empty text
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path

from tracker.schema import clean_text

#: Optional metadata fields a corpus row may carry, besides ``text`` and the id.
CORPUS_FIELDS = ("source", "published", "url", "title")

#: Exceptions that stop a run; any other, a Rust panic from a library too (a BaseException),
#: fails only the input it came from.
FATAL = (KeyboardInterrupt, SystemExit, GeneratorExit)

#: The largest text one document may have, in bytes (UTF-8), unless the caller says otherwise.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024

#: Read in pieces of this size when skipping the rest of a line that is over the limit.
_SKIP_CHUNK = 1 << 20

def clean_document(document: "Document") -> "Document":
    """The document with :func:`clean_text` applied to its text and every metadata field."""
    changed = {field.name: clean_text(value) for field in fields(document)
               if isinstance(value := getattr(document, field.name), str)
               and clean_text(value) is not value}
    return replace(document, **changed) if changed else document


def describe_limit(max_bytes: int) -> str:
    """The limit as people write it: ``50 MB``, ``1.5 MB``, ``2000 bytes``."""
    if max_bytes >= 1024 * 1024:
        return f"{max_bytes / (1024 * 1024):g} MB"
    return f"{max_bytes} bytes"


@dataclass(frozen=True)
class Document:
    """One text to extract figures from, with what is known about it."""

    doc_id: str | None
    text: str
    source: str | None = None  # the outlet that published the text
    published: str | None = None  # date as given by the file, ISO where known
    title: str | None = None
    url: str | None = None


class UnreadableDocument(Exception):
    """A file, or a row of a corpus, that cannot be read as a document.

    Parameters
    ----------
    path : str or os.PathLike
        The file, as the caller named it.
    message : str
        What is wrong, short and lower-case: ``"no text layer (scanned PDF?)"``.
    line : int, optional
        The 1-based line of a corpus row.

    Examples
    --------
    >>> str(UnreadableDocument("corpus.jsonl", "not valid JSON", line=17))
    'corpus.jsonl:17: not valid JSON'
    """

    def __init__(self, path: str | os.PathLike, message: str, line: int | None = None):
        self.path = os.fspath(path)
        self.message = message
        self.line = line
        where = self.path if line is None else f"{self.path}:{line}"
        super().__init__(f"{where}: {message}")


def read_path(path: str | os.PathLike, *, max_bytes: int = MAX_DOCUMENT_BYTES,
              ) -> Iterator[Document | UnreadableDocument]:
    """Yield the documents in one file, and an error for each part that cannot be read.

    Errors are yielded, not raised, so that one bad row of a corpus does not stop the
    rest. A problem with the whole file (missing, empty, unknown type, ...) is yielded
    as a single error.

    Parameters
    ----------
    path : str or os.PathLike
        A ``.txt``, ``.md``, ``.html``, ``.htm``, ``.pdf``, ``.docx``, ``.jsonl``,
        ``.csv``, ``.jsonl.gz`` or ``.csv.gz`` file.
    max_bytes : int
        The largest text of one document (bytes); larger ones are refused, unread.

    Yields
    ------
    Document or UnreadableDocument
        Documents with :func:`clean_text` applied to every field.
    """
    path_text = os.fspath(path)
    path = Path(path)
    suffix, gzipped = _suffix(path)
    reader = None if gzipped else DOCUMENT_READERS.get(suffix)
    corpus_reader = CORPUS_READERS.get(suffix)
    try:
        if path.is_dir():
            raise UnreadableDocument(path_text, "is a directory, not a file")
        size = path.stat().st_size
        if reader is None and corpus_reader is None:
            shown = f"'{suffix}.gz'" if gzipped else f"'{suffix}'" if suffix else "no extension"
            known = ", ".join([*DOCUMENT_READERS, *CORPUS_READERS, ".jsonl.gz", ".csv.gz"])
            raise UnreadableDocument(path_text, f"unsupported file type ({shown}; expected {known})")
        if size == 0:
            raise UnreadableDocument(path_text, "empty file")
        if reader is not None:
            yield clean_document(reader(path_text, max_bytes=max_bytes))
        else:
            yield from corpus_reader(path_text, gzipped=gzipped, max_bytes=max_bytes)
    except UnreadableDocument as error:
        yield error
    except FileNotFoundError:
        yield UnreadableDocument(path_text, "no such file")
    except PermissionError:
        yield UnreadableDocument(path_text, "permission denied")
    except (OSError, EOFError, zipfile.BadZipFile) as error:  # a corrupt or truncated gzip stream
        yield UnreadableDocument(path_text, f"cannot read ({_describe(error)})")
    except MemoryError:
        yield UnreadableDocument(path_text, "too large to read in the memory available")
    except FATAL:
        raise
    except BaseException as error:  # noqa: BLE001 - a library's bug or panic: this file only
        yield UnreadableDocument(path_text, f"cannot read ({type(error).__name__}: "
                                            f"{_describe(error)}); stopped reading")


def read_text(path: str, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> Document:
    """Read a UTF-8 ``.txt`` or ``.md`` file (a byte-order mark is dropped)."""
    data = _read_bounded(path, max_bytes)
    if b"\0" in data:
        raise UnreadableDocument(path, "binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableDocument(path, f"not UTF-8 text (bad byte at offset {error.start})")
    _require_text(text, path)
    return Document(doc_id=_name(path), text=text)


def read_html(path: str, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> Document:
    """Read the main text of an HTML page, with its title, date, URL and site name."""
    return html_document(_read_bounded(path, max_bytes), doc_id=_name(path), origin=path)


def html_document(html: bytes | str, *, doc_id: str | None, origin: str,
                  url: str | None = None) -> Document:
    """The main text of an HTML page and its metadata, found by trafilatura.

    Parameters
    ----------
    html : bytes or str
        The page; bytes are decoded by trafilatura (from the page's own charset).
    doc_id : str or None
        The document's id.
    origin : str
        Where the page came from (a file or a URL), named in the error.
    url : str, optional
        The page's address when known; the page's own canonical URL is preferred.

    Raises
    ------
    UnreadableDocument
        When trafilatura finds no main text.
    """
    import trafilatura  # imported here: it is slow to load and only HTML needs it

    # Only dates the page states in its markup: a date guessed from the body text
    # would as likely be an event in the story as the day it was published.
    extracted = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if extracted is None or not (extracted.text or "").strip():
        raise UnreadableDocument(origin, "no main text found in the HTML")
    return clean_document(Document(
        doc_id=doc_id,
        text=extracted.text,
        source=extracted.sitename or None,
        published=extracted.date or None,
        title=extracted.title or None,
        url=extracted.url or url or None,
    ))


def read_pdf(path: str, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> Document:
    """Read the text layer of a PDF, pages joined by a blank line.

    Pages are read one at a time; when their text passes ``max_bytes`` characters the
    PDF is refused.
    """
    import pypdf

    try:
        pdf = pypdf.PdfReader(path)
        if pdf.is_encrypted and not pdf.decrypt(""):
            raise UnreadableDocument(path, "encrypted PDF (needs a password)")
        pages, length = [], 0
        for number, page in enumerate(pdf.pages, start=1):
            pages.append(page.extract_text() or "")
            length += len(pages[-1]) + 2
            if length > max_bytes:
                raise UnreadableDocument(path, f"text over the limit of {describe_limit(max_bytes)} "
                                               f"(at page {number}); not read")
        title = pdf.metadata.title if pdf.metadata else None
    except UnreadableDocument:
        raise
    except Exception as error:  # pypdf raises many kinds of error on a damaged file
        raise UnreadableDocument(path, f"not a readable PDF ({_describe(error)})")
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise UnreadableDocument(path, "no text layer (scanned PDF?)")
    return Document(doc_id=_name(path), text=text, title=_optional_str(title))


def read_docx(path: str, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> Document:
    """Read the paragraphs of a Word ``.docx`` file, joined by newlines.

    Every part of the package must unpack to at most ``max_bytes``: its stated size is
    checked, then it is unpacked in pieces and counted (a stated size can lie), before
    python-docx reads the file.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_zip_members(path, max_bytes)
    try:
        document = docx.Document(path)
    except PackageNotFoundError:
        raise UnreadableDocument(path, "not a Word .docx file (not a zip package)")
    except Exception as error:  # a zip error, a missing part, or not a Word file at all
        raise UnreadableDocument(path, f"not a readable .docx file ({_describe(error)})")
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    _require_text(text, path)
    title = document.core_properties.title
    return Document(doc_id=_name(path), text=text, title=_optional_str(title))


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
            yield _row_document(record, path, number, max_bytes)
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
            yield _row_document(dict(zip(header, values)), path, start, max_bytes)
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
        raw = _read_line(self.stream, self.max_bytes)
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


def _read_line(stream, max_bytes: int) -> bytes | None:
    """One line of a binary stream (b"" at the end), or None when it is longer than
    ``max_bytes``: then at most ``max_bytes + 1`` bytes of it were kept, and the rest was
    read in pieces of 1 MiB and dropped."""
    raw = stream.readline(max_bytes + 1)
    if len(raw) <= max_bytes or raw.endswith(b"\n"):
        return raw
    del raw
    while (piece := stream.readline(_SKIP_CHUNK)) and not piece.endswith(b"\n"):
        pass
    return None


def _bounded_lines(stream, max_bytes: int) -> Iterator[bytes | None]:
    """Every line of a binary stream; None for each line longer than ``max_bytes``."""
    while (raw := _read_line(stream, max_bytes)) != b"":
        yield raw


def _too_long(path: str, line: int, max_bytes: int) -> UnreadableDocument:
    return UnreadableDocument(path, f"line longer than the limit of {describe_limit(max_bytes)}; "
                                    "skipped (see --max-document-mb)", line=line)


def _read_bounded(path: str, max_bytes: int) -> bytes:
    """A whole file, refused unread when it is larger than ``max_bytes`` (also when it
    grows while being read: at most ``max_bytes + 1`` bytes are read)."""
    message = f"larger than the limit of {describe_limit(max_bytes)} for one document; not read"
    if os.stat(path).st_size > max_bytes:
        raise UnreadableDocument(path, message)
    with open(path, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UnreadableDocument(path, message)
    return data


def _check_zip_members(path: str, max_bytes: int) -> None:
    """Refuse a zip package (.docx) any member of which unpacks to more than ``max_bytes``.

    The stated size is checked first; then each member is unpacked in pieces and counted,
    stopping after ``max_bytes + 1`` bytes, because the stated size can lie.
    """
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return  # python-docx gives the message for a file that is not a zip
    with package:
        for info in package.infolist():
            message = (f"part {info.filename} unpacks to more than the limit of "
                       f"{describe_limit(max_bytes)}; not read")
            if info.file_size > max_bytes:
                raise UnreadableDocument(path, message)
            size = 0
            try:
                with package.open(info) as member:
                    while piece := member.read(min(_SKIP_CHUNK, max_bytes + 1 - size)):
                        size += len(piece)
                        if size > max_bytes:
                            raise UnreadableDocument(path, message)
            except UnreadableDocument:
                raise
            except Exception as error:  # noqa: BLE001 - bad CRC, unsupported compression, ...
                raise UnreadableDocument(path, f"not a readable .docx file ({_describe(error)})")


#: suffix -> reader for files that hold one document
DOCUMENT_READERS: dict[str, Callable[[str], Document]] = {
    ".txt": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".docx": read_docx,
}

#: suffix -> reader for corpora, which hold many documents (and may be gzipped)
CORPUS_READERS: dict[str, Callable[..., Iterator[Document | UnreadableDocument]]] = {
    ".jsonl": read_jsonl,
    ".csv": read_csv,
}


def _row_document(row: dict, path: str, line: int,
                  max_bytes: int = MAX_DOCUMENT_BYTES) -> Document | UnreadableDocument:
    """A corpus row as a document (cleaned by :func:`clean_text`), or the error saying why
    it is not one."""
    text = row.get("text")
    if text is not None and not isinstance(text, str):
        kind = type(text).__name__
        return UnreadableDocument(path, f"'text' is not a string (got {kind})", line=line)
    if text is None or not text.strip():
        return UnreadableDocument(path, "empty text", line=line)
    if len(text) > max_bytes or (4 * len(text) > max_bytes
                                 and len(text.encode("utf-8", "surrogatepass")) > max_bytes):
        return UnreadableDocument(path, f"text longer than the limit of {describe_limit(max_bytes)}; "
                                        "skipped (see --max-document-mb)", line=line)
    doc_id = _optional_str(row.get("doc_id")) or _optional_str(row.get("id"))
    return clean_document(Document(
        doc_id=doc_id or f"{_name(path)}:{line}",
        text=text,
        **{field: _optional_str(row.get(field)) for field in CORPUS_FIELDS},
    ))


def _suffix(path: Path) -> tuple[str, bool]:
    """The lower-case suffix that picks the reader, and whether the file is gzipped."""
    suffixes = [suffix.lower() for suffix in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        return (suffixes[-2] if len(suffixes) > 1 else ""), True
    return (suffixes[-1] if suffixes else ""), False


def _name(path: str) -> str:
    """The file name without its extension (and without ``.gz``)."""
    name = Path(path).name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return Path(name).stem


def _require_text(text: str, path: str) -> None:
    if not text.strip():
        raise UnreadableDocument(path, "no text (only whitespace)")


def _optional_str(value: object) -> str | None:
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


def _describe(error: BaseException) -> str:
    """An exception as one short line: its message, or its type if it has none."""
    message = " ".join(str(error).split())
    if len(message) > 120:
        message = message[:117] + "..."
    return message or type(error).__name__
