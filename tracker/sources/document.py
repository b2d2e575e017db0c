"""The record every reader makes: :class:`Document`, and the error that says why not.

A :class:`Document` is a text with what is known about it (outlet, date, title, URL). It
knows its own duplicate key, :attr:`Document.content_hash` (sha256 of the UTF-8 text), and
its date as ISO ``YYYY-MM-DD`` where the date can be read, :attr:`Document.published_iso`;
``published`` keeps the string as the input gave it.

>>> doc = Document("d1", "Russia has massed 100,000 troops.", published="2 March 2022")
>>> doc.published_iso, doc.content_hash[:12]
('2022-03-02', '8a117e0e4ac2')
"""
from __future__ import annotations

import datetime
import hashlib
import os
import re
from dataclasses import dataclass, fields, replace
from functools import cached_property

from tracker.schema import clean_text

#: Exceptions that stop a run; any other, a Rust panic from a library too (a BaseException),
#: fails only the input it came from.
FATAL = (KeyboardInterrupt, SystemExit, GeneratorExit)

#: The largest text one document may have, in bytes (UTF-8), unless the caller says otherwise.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


def hash_text(text: str) -> str:
    """A text's content hash: sha256 of the UTF-8 of its cleaned text (:func:`clean_text`), hex:
    the store's duplicate key. The store keeps cleaned texts, so a text and its cleaned copy
    are the same document, and a lone surrogate never makes the hash fail.
    """
    return hashlib.sha256(clean_text(text).encode("utf-8")).hexdigest()


def iso_date(value) -> str | None:
    """A published date as ISO ``YYYY-MM-DD``, from the ways corpora write dates ("2022/03/02",
    "2 March 2022", "2022-03-02T10:00:00Z"); None when it cannot be read as a date.

    >>> iso_date("2022/03/02"), iso_date("2 March 2022"), iso_date("not-a-date")
    ('2022-03-02', '2022-03-02', None)
    """
    import dateutil.parser

    text = None if value is None else str(value).strip() or None
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


@dataclass(frozen=True)
class Document:
    """One text to extract figures from, with what is known about it."""

    doc_id: str | None
    text: str
    source: str | None = None  # the outlet that published the text
    published: str | None = None  # date as given by the input (see published_iso)
    title: str | None = None
    url: str | None = None

    @cached_property
    def content_hash(self) -> str:
        """sha256 of the cleaned text (UTF-8), hex: the same text loaded twice is one document."""
        return hash_text(self.text)

    @cached_property
    def published_iso(self) -> str | None:
        """``published`` as ``YYYY-MM-DD``, or None when there is none or it cannot be read."""
        return iso_date(self.published)


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


def clean_document(document: Document) -> Document:
    """The document with :func:`clean_text` applied to its text and every metadata field."""
    changed = {field.name: clean_text(value) for field in fields(document)
               if isinstance(value := getattr(document, field.name), str)
               and clean_text(value) is not value}
    return replace(document, **changed) if changed else document


def describe_error(error: BaseException) -> str:
    """An exception as one short line (at most 120 characters): an OS error's reason, else its
    message, else its type.

    >>> describe_error(ValueError("bad  \\n value")), describe_error(KeyError())
    ('bad value', 'KeyError')
    """
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    message = " ".join(str(error).split())
    return (message[:117] + "...") if len(message) > 120 else message or type(error).__name__


def describe_failure(error: BaseException, limit: int = 200) -> str:
    """An exception as ``Type: message`` on one line, cleaned (:func:`clean_text`) and at most
    ``limit`` characters of message: what a report says of a document that failed.

    >>> describe_failure(ZeroDivisionError("division by zero"))
    'ZeroDivisionError: division by zero'
    """
    message = " ".join(str(error).split())
    if len(message) > limit:
        message = message[:limit - 3] + "..."
    kind = type(error).__name__
    return clean_text(f"{kind}: {message}" if message else kind)


def describe_limit(max_bytes: int) -> str:
    """The limit as people write it: ``50 MB``, ``1.5 MB``, ``2000 bytes``."""
    if max_bytes >= 1024 * 1024:
        return f"{max_bytes / (1024 * 1024):g} MB"
    return f"{max_bytes} bytes"
