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
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

#: Optional metadata fields a corpus row may carry, besides ``text`` and the id.
CORPUS_FIELDS = ("source", "published", "url", "title")


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


def read_path(path: str | os.PathLike) -> Iterator[Document | UnreadableDocument]:
    """Yield the documents in one file, and an error for each part that cannot be read.

    Errors are yielded, not raised, so that one bad row of a corpus does not stop the
    rest. A problem with the whole file (missing, empty, unknown type, ...) is yielded
    as a single error.

    Parameters
    ----------
    path : str or os.PathLike
        A ``.txt``, ``.md``, ``.html``, ``.htm``, ``.pdf``, ``.docx``, ``.jsonl``,
        ``.csv``, ``.jsonl.gz`` or ``.csv.gz`` file.

    Yields
    ------
    Document or UnreadableDocument
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
            yield reader(path_text)
        else:
            yield from corpus_reader(path_text, gzipped=gzipped)
    except UnreadableDocument as error:
        yield error
    except FileNotFoundError:
        yield UnreadableDocument(path_text, "no such file")
    except PermissionError:
        yield UnreadableDocument(path_text, "permission denied")
    except (OSError, EOFError) as error:  # includes a corrupt or truncated gzip stream
        yield UnreadableDocument(path_text, f"cannot read ({_describe(error)})")


def read_text(path: str) -> Document:
    """Read a UTF-8 ``.txt`` or ``.md`` file (a byte-order mark is dropped)."""
    data = Path(path).read_bytes()
    if b"\0" in data:
        raise UnreadableDocument(path, "binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableDocument(path, f"not UTF-8 text (bad byte at offset {error.start})")
    _require_text(text, path)
    return Document(doc_id=_name(path), text=text)


def read_html(path: str) -> Document:
    """Read the main text of an HTML page, with its title, date, URL and site name."""
    return html_document(Path(path).read_bytes(), doc_id=_name(path), origin=path)


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
    return Document(
        doc_id=doc_id,
        text=extracted.text,
        source=extracted.sitename or None,
        published=extracted.date or None,
        title=extracted.title or None,
        url=extracted.url or url or None,
    )


def read_pdf(path: str) -> Document:
    """Read the text layer of a PDF, pages joined by a blank line."""
    import pypdf

    try:
        pdf = pypdf.PdfReader(path)
        if pdf.is_encrypted and not pdf.decrypt(""):
            raise UnreadableDocument(path, "encrypted PDF (needs a password)")
        pages = [page.extract_text() or "" for page in pdf.pages]
        title = pdf.metadata.title if pdf.metadata else None
    except UnreadableDocument:
        raise
    except Exception as error:  # pypdf raises many kinds of error on a damaged file
        raise UnreadableDocument(path, f"not a readable PDF ({_describe(error)})")
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise UnreadableDocument(path, "no text layer (scanned PDF?)")
    return Document(doc_id=_name(path), text=text, title=_optional_str(title))


def read_docx(path: str) -> Document:
    """Read the paragraphs of a Word ``.docx`` file, joined by newlines."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

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


def read_jsonl(path: str, *, gzipped: bool = False) -> Iterator[Document | UnreadableDocument]:
    """Yield one document per line of a JSON Lines corpus; blank lines are skipped.

    If the first record has no ``text`` field, the file is not taken for a corpus and
    one error is yielded for the whole file, not one per line.
    """
    opener = gzip.open if gzipped else open
    seen_record = False
    with opener(path, "rb") as lines:
        for number, raw in enumerate(lines, start=1):
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
            yield _row_document(record, path, number)
    if not seen_record:
        raise UnreadableDocument(path, "no records")


def read_csv(path: str, *, gzipped: bool = False) -> Iterator[Document | UnreadableDocument]:
    """Yield one document per row of a CSV corpus with a header and a ``text`` column.

    Header names are matched without regard to case or surrounding spaces. A row's
    line is the line it starts on, so a quoted field spanning lines does not shift it.
    """
    csv.field_size_limit(2**31 - 1)  # long articles; the default limit is 128 KiB
    opener = gzip.open if gzipped else open
    # surrogateescape keeps undecodable bytes, so a bad row is reported and skipped
    # instead of stopping the whole file.
    with opener(path, "rt", encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        rows = csv.reader(handle)
        header = [name.strip().lower() for name in next(rows, [])]
        if "text" not in header:
            shown = ", ".join(header) or "none"
            raise UnreadableDocument(path, f"no 'text' column (columns: {shown})")
        seen_row = False
        previous_end = rows.line_num
        while True:
            start = previous_end + 1
            try:
                values = next(rows)
            except StopIteration:
                break
            except csv.Error as error:
                raise UnreadableDocument(path, f"malformed CSV ({error}); stopped reading",
                                         line=start)
            previous_end = rows.line_num
            if not any(value.strip() for value in values):
                continue
            seen_row = True
            if not all(_is_clean(value) for value in values):
                yield UnreadableDocument(path, "not UTF-8 text", line=start)
                continue
            yield _row_document(dict(zip(header, values)), path, start)
    if not seen_row:
        raise UnreadableDocument(path, "no rows below the header")


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


def _row_document(row: dict, path: str, line: int) -> Document | UnreadableDocument:
    """A corpus row as a document, or the error saying why it is not one."""
    text = row.get("text")
    if text is not None and not isinstance(text, str):
        kind = type(text).__name__
        return UnreadableDocument(path, f"'text' is not a string (got {kind})", line=line)
    if text is None or not text.strip():
        return UnreadableDocument(path, "empty text", line=line)
    doc_id = _optional_str(row.get("doc_id")) or _optional_str(row.get("id"))
    return Document(
        doc_id=doc_id or f"{_name(path)}:{line}",
        text=text,
        **{field: _optional_str(row.get(field)) for field in CORPUS_FIELDS},
    )


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
