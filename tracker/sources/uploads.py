"""What the dashboard is given: uploaded files, pasted text, and the seed corpus on disk.

Each becomes :class:`~tracker.sources.document.Document` records (or an
:class:`~tracker.sources.document.UnreadableDocument` that says why not), read exactly as
files on disk are (:func:`tracker.sources.files.read_path`), cleaned the same way.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from tracker.sources.document import Document, UnreadableDocument, clean_document, hash_text
from tracker.sources.files import read_path

#: Largest file the dashboard takes in one upload; larger ones get a clear message instead.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: Metadata a seed's ``.json`` twin (or a paste) may give.
METADATA_FIELDS = ("source", "published", "title", "url")


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


#: The longest title a pasted article takes from its first line; a longer line is cut at a word, with "…".
PASTED_TITLE_CHARS = 80


def pasted_document(text: str, *, source=None, published=None, title=None, url=None) -> Document:
    """A document typed or pasted by the user; its id is derived from its (cleaned) text, and
    without a title of its own it is titled by its first line (:func:`first_line_title`).

    Text and metadata pass through :func:`tracker.schema.clean_text`, as files do.

    >>> document = pasted_document("  Russia masses troops\\n\\nRussia has 100,000 troops there.")
    >>> document.title, document.doc_id.startswith("pasted-")
    ('Russia masses troops', True)
    """
    if not text or not text.strip():
        raise UnreadableDocument("pasted text", "the text box is empty")
    document = clean_document(Document(doc_id=None, text=text, source=_text_or_none(source),
                                       published=_text_or_none(published), title=_text_or_none(title),
                                       url=_text_or_none(url)))
    return replace(document, doc_id=f"pasted-{hash_text(document.text)[:12]}",
                   title=document.title or first_line_title(document.text))


def first_line_title(text: str, limit: int = PASTED_TITLE_CHARS) -> str | None:
    """The first line of ``text`` that has any, its spaces collapsed, as a title: at most ``limit``
    characters, a longer line cut after its last whole word that fits (mid-word when that would
    leave less than half of it), then "…". None for a text of spaces only.

    >>> first_line_title("\\n  Kyiv   says Russia has massed troops \\nMore text")
    'Kyiv says Russia has massed troops'
    >>> first_line_title("Russia has massed 120,000 troops near the border, Ukraine's defence ministry said on Monday.")
    "Russia has massed 120,000 troops near the border, Ukraine's defence ministry…"
    """
    line = next((" ".join(line.split()) for line in text.splitlines() if line.strip()), None)
    if line is None or len(line) <= limit:
        return line
    cut = line[:limit - 1]
    if line[limit - 1] != " " and " " in cut and cut.rindex(" ") >= limit // 2:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–—") + "…"


def read_upload(name: str, data: bytes) -> Iterator[Document | UnreadableDocument]:
    """The documents in one uploaded file (a corpus gives many), read like files on disk.

    The bytes go to a temporary file with the upload's name, so every format and every error
    message is exactly the one :func:`tracker.sources.files.read_path` gives for files, and the
    same limit holds for one document's text (a 20 MB gzipped corpus may unpack to far more).
    """
    if len(data) > MAX_UPLOAD_BYTES:
        yield UnreadableDocument(name, f"too large ({len(data) / 1e6:.0f} MB; the limit is "
                                       f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB per file) — "
                                       "split it, or load it into the store the dashboard reads with "
                                       "`python -m tracker ingest PATH --db URL`")
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


def _text_or_none(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
