"""Single files: plain text, HTML, PDF and Word; and :func:`read_path`, which reads any input.

- ``.txt``, ``.md``: the whole file as UTF-8 (a byte-order mark is dropped);
- ``.html``, ``.htm``: the main text and metadata, found by trafilatura;
- ``.pdf``: the text layer of every page (pypdf), pages joined by a blank line;
- ``.docx``: the paragraphs (python-docx), joined by newlines;
- ``.jsonl``, ``.csv`` (optionally ``.gz``): corpora, read by :mod:`tracker.sources.corpora`.

A single file's ``doc_id`` is its name without extension. Problems become
:class:`UnreadableDocument` errors that name the file (and the line, for a corpus row), so
a caller going through many inputs can report them and go on.

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

import os
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from tracker.schema import clean_text  # noqa: F401 - named in the docstring
from tracker.sources.corpora import (
    CORPUS_READERS, SKIP_CHUNK, file_stem, optional_str, read_parquet_corpus,
)
from tracker.sources.document import (
    FATAL, MAX_DOCUMENT_BYTES, Document, UnreadableDocument, clean_document, describe_error,
    describe_limit,
)


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
        yield UnreadableDocument(path_text, f"cannot read ({describe_error(error)})")
    except MemoryError:
        yield UnreadableDocument(path_text, "too large to read in the memory available")
    except FATAL:
        raise
    except BaseException as error:  # noqa: BLE001 - a library's bug or panic: this file only
        yield UnreadableDocument(path_text, f"cannot read ({type(error).__name__}: "
                                            f"{describe_error(error)}); stopped reading")


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
    return Document(doc_id=file_stem(path), text=text)


def read_html(path: str, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> Document:
    """Read the main text of an HTML page, with its title, date, URL and site name."""
    return html_document(_read_bounded(path, max_bytes), doc_id=file_stem(path), origin=path)


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
        raise UnreadableDocument(path, f"not a readable PDF ({describe_error(error)})")
    text = "\n\n".join(page.strip("\n") for page in pages)
    if not text.strip():
        raise UnreadableDocument(path, "no text layer (scanned PDF?)")
    return Document(doc_id=file_stem(path), text=text, title=optional_str(title))


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
        raise UnreadableDocument(path, f"not a readable .docx file ({describe_error(error)})")
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    _require_text(text, path)
    title = document.core_properties.title
    return Document(doc_id=file_stem(path), text=text, title=optional_str(title))


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


#: A zip package (.docx) may unpack to this many times one document's limit, all parts together
#: (python-docx holds every part in memory; pictures make a real one larger than its text).
ZIP_TOTAL_FACTOR = 4


def _check_zip_members(path: str, max_bytes: int) -> None:
    """Refuse a zip package (.docx) a part of which unpacks to more than ``max_bytes``, or
    all of whose parts unpack to more than ``ZIP_TOTAL_FACTOR * max_bytes``.

    The stated sizes are enough: :mod:`zipfile` never unpacks more than a part's stated size
    (a part that holds more fails its CRC check, and python-docx then says the file is not
    readable), so nothing is unpacked here.
    """
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return  # python-docx gives the message for a file that is not a zip
    with package:
        infos = package.infolist()
    for info in infos:
        if info.file_size > max_bytes:
            raise UnreadableDocument(path, f"part {info.filename} unpacks to more than the limit of "
                                           f"{describe_limit(max_bytes)}; not read")
    total = sum(info.file_size for info in infos)
    if total > ZIP_TOTAL_FACTOR * max_bytes:
        raise UnreadableDocument(path, f"its parts unpack to more than {ZIP_TOTAL_FACTOR} times the limit "
                                       f"of {describe_limit(max_bytes)} for one document; not read")


#: suffix -> reader for files that hold one document
DOCUMENT_READERS: dict[str, Callable[[str], Document]] = {
    ".txt": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".docx": read_docx,
}


def _suffix(path: Path) -> tuple[str, bool]:
    """The lower-case suffix that picks the reader, and whether the file is gzipped."""
    suffixes = [suffix.lower() for suffix in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        return (suffixes[-2] if len(suffixes) > 1 else ""), True
    return (suffixes[-1] if suffixes else ""), False


def _require_text(text: str, path: str) -> None:
    if not text.strip():
        raise UnreadableDocument(path, "no text (only whitespace)")



#: Every suffix an input may have (``.gz`` aside): single files, corpora, Parquet corpora.
SUFFIXES = {*DOCUMENT_READERS, *CORPUS_READERS, ".parquet"}


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
    """The documents of one input: a Parquet corpus, or whatever :func:`read_path` reads."""
    if Path(path).suffix.lower() == ".parquet":
        yield from read_parquet_corpus(path, max_bytes)
    else:
        yield from read_path(path, max_bytes=max_bytes)


def _supported(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes]
    if not suffixes or path.name.startswith((".", "_")):
        return False
    if suffixes[-1] == ".gz":
        return len(suffixes) > 1 and suffixes[-2] in CORPUS_READERS
    return suffixes[-1] in SUFFIXES
