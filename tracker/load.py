"""The one path from documents to the store: prepare, extract, store; and re-extraction.

Every document that reaches the store goes through :func:`add_document`: the dashboard's
loader (:func:`load_documents`: the seed corpus, uploads, pasted text) and batch loading
(``python -m tracker ingest --db``, whose workers call :func:`document_rows` and whose sink
calls :func:`add_document` with the rows). So a document is stored the same way whichever
way it came: cleaned, its date as ISO ``YYYY-MM-DD`` (:attr:`Document.published_iso`; a date
that cannot be read is left empty, with a note), its figures found by :mod:`tracker.extract`.

Reading is :mod:`tracker.sources`' job and storing :mod:`tracker.store`'s; the store never
extracts. :func:`reextract` and :func:`reextract_store` (``python -m tracker reextract``) ask the
store for its texts, extract here, and have the store replace the figures; corrections follow
their figures (:meth:`tracker.store.Store.update_figures`).

>>> from tracker.store import Store
>>> from tracker.sources.document import Document
>>> with Store("sqlite://") as store:
...     result = add_document(store, Document("d1", "Russia has 5,000 troops.", published="2 March 2022"))
...     store.documents()["published"].tolist(), result.figures
(['2022-03-02'], 1)
"""
from __future__ import annotations

import shlex
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from tracker.extract.figures import figure_rows
from tracker.sources.document import (
    FATAL, Document, UnreadableDocument, clean_document, describe_failure,
)

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported where a store is used, not by extraction
    from tracker.store.store import AddResult


@dataclass(frozen=True)
class LoadReport:
    """What became of one input: a document added, a duplicate skipped, or a failure."""

    name: str  # file name (and line) or doc_id, as the user knows it
    status: str  # added | duplicate | failed
    message: str = ""
    doc_id: str | None = None
    figures: int = 0


def prepare_document(doc: Document) -> tuple[Document, str | None]:
    """The document as the store keeps it, and a note on its date when there is one to make.

    Text and metadata cleaned (:func:`tracker.sources.document.clean_document`); ``published``
    as ``YYYY-MM-DD``, or None when it is missing or cannot be read as a date.

    >>> prepare_document(Document("a", "5 tanks", published="2 March 2022"))[0].published
    '2022-03-02'
    >>> prepare_document(Document("a", "5 tanks", published="someday"))[1]
    "date 'someday' not understood, left empty"
    """
    doc = clean_document(doc)
    if doc.published is None:
        return doc, "no date: it is left out of charts over time"
    iso = doc.published_iso
    if iso is None:
        return replace(doc, published=None), f"date {doc.published!r} not understood, left empty"
    return (doc if iso == doc.published else replace(doc, published=iso)), None


def document_rows(doc: Document) -> list[dict]:
    """The figure rows of one document (:func:`tracker.extract.figures.figure_rows`)."""
    return figure_rows(doc.text, doc_id=doc.doc_id, source=doc.source, published=doc.published,
                       url=doc.url, title=doc.title)


def add_document(store, doc: Document, rows: list[dict] | None = None) -> AddResult:
    """Prepare one document (:func:`prepare_document`), find its figures, and store both.

    Parameters
    ----------
    store : tracker.store.Store
    doc : Document
    rows : list of dict, optional
        Its figure rows when found already (by a batch worker, from the prepared document);
        found here when not given.

    Raises
    ------
    StoreError
        If the extractor fails on it (whatever it raises, a panic too) or the store refuses it.
    ValueError
        If the text is empty.
    """
    doc, _ = prepare_document(doc)
    return _add_prepared(store, doc, rows)


def _add_prepared(store, doc: Document, rows: list[dict] | None) -> AddResult:
    from tracker.store.store import StoreError

    if rows is None:
        known = store.find_document(doc.content_hash)
        if known is not None:  # a duplicate: not extracted again
            return known
        try:
            rows = document_rows(replace(doc, doc_id=doc.doc_id or f"doc-{doc.content_hash[:12]}"))
        except FATAL:
            raise
        except BaseException as error:  # noqa: BLE001 - a panic too: this document only
            raise StoreError(f"cannot store document {doc.doc_id!r}: the extractor failed "
                             f"({type(error).__name__}: {error})") from None
    return store.add_document(doc, rows)


def load_documents(store, items: Iterable[Document | UnreadableDocument], *,
                   progress: Callable[[int, str], None] | None = None,
                   name: str = "input") -> list[LoadReport]:
    """Add each document to ``store`` (one transaction each) and report every input.

    ``progress(done, name)`` is called after each input, for a progress bar. A document that
    cannot be stored, whatever the reason (a database error, an extractor that fails or
    panics on it), is reported ``failed`` with the reason and the others go on; so is an
    input that cannot be read, and a reader that fails in the middle of ``items`` ends them
    with one ``failed`` report, under ``name`` (what the user calls the input: a file name).
    """
    reports = []
    for done, item in enumerate(_guarded(items, name), start=1):
        reports.append(_load_one(store, item))
        if progress is not None:
            progress(done, reports[-1].name)
    return reports


def _load_one(store, item: Document | UnreadableDocument) -> LoadReport:
    if isinstance(item, UnreadableDocument):
        where = item.path if item.line is None else f"{item.path}:{item.line}"
        return LoadReport(where, "failed", item.message)
    doc, note = prepare_document(item)
    try:
        result = _add_prepared(store, doc, None)
    except FATAL:
        raise
    except BaseException as error:  # noqa: BLE001 - a panic too: one bad document only
        return LoadReport(doc.doc_id or "?", "failed", describe_failure(error, limit=300))
    message = "already loaded" if result.status == "duplicate" else f"{result.figures} figures"
    message += f"; {note}" if note else ""
    return LoadReport(doc.doc_id or result.doc_id, result.status, message, result.doc_id,
                      result.figures)


def reextract(store, doc_id: str | None = None) -> int:
    """Run the extractor again on stored texts and have the store replace their figures.

    Corrections are kept and follow their figures when spans change
    (:meth:`tracker.store.Store.update_figures`). Each document is replaced in its own
    transaction. :func:`reextract_store` does all of them and says what changed.

    Parameters
    ----------
    store : tracker.store.Store
    doc_id : str, optional
        One document; all of them when ``None``.

    Returns
    -------
    int
        The number of figures now stored for the re-extracted documents.

    Raises
    ------
    KeyError
        If ``doc_id`` is not stored.
    """
    return sum(store.replace_figures(doc.doc_id, document_rows(doc))
               for doc in store.stored_documents(doc_id))


@dataclass
class ReextractSummary:
    """What :func:`reextract_store` did (or, in a dry run, would do) to the whole store."""

    documents: int = 0  # read and extracted again
    before: int = 0  # figures before
    after: int = 0  # figures after
    added: int = 0
    removed: int = 0
    changed: int = 0  # same span and kind, another value in some column
    columns: Counter = field(default_factory=Counter)  # how often each column changed
    moved: int = 0  # corrections that followed their figure to a new span
    orphaned: list[int] = field(default_factory=list)  # corrections left without a figure
    failed: list[str] = field(default_factory=list)  # "doc_id: reason", the figures kept
    seconds: float = 0.0
    dry_run: bool = False

    def lines(self) -> list[str]:
        """The summary in words, one line each."""
        verb = "would be" if self.dry_run else "were"
        columns = ", ".join(f"{name} {n}" for name, n in self.columns.most_common())
        return [
            f"reextract: {self.documents} documents read in {self.seconds:.1f} s"
            + (" (dry run: nothing written)" if self.dry_run else ""),
            f"figures: {self.before} before, {self.after} after; {self.added} added, "
            f"{self.removed} removed, {self.changed} changed" + (f" ({columns})" if columns else ""),
            f"corrections: {self.moved} {verb} moved to a changed span, {len(self.orphaned)} "
            f"{verb} left without a figure (kept)",
        ] + ([f"failed: {len(self.failed)} documents, their figures kept"] if self.failed else [])


def reextract_store(store, *, dry_run: bool = False,
                    progress: Callable[[int, int], None] | None = None) -> ReextractSummary:
    """Extract every stored document again and replace its figures, one transaction each.

    Corrections follow their figures (:meth:`tracker.store.Store.update_figures`); each document
    is stamped with this extractor's version. A document the extractor fails on keeps its
    figures and is listed in ``failed``; the others go on. ``progress(done, figures)`` is
    called after each document.

    >>> from tracker.store import Store
    >>> with Store("sqlite://") as store:
    ...     _ = add_document(store, Document("d1", "Russia has 5,000 troops."))
    ...     summary = reextract_store(store, dry_run=True)
    ...     summary.documents, summary.before, summary.after, summary.changed
    (1, 1, 1, 0)
    """
    from tracker.store.store import StoreError

    summary = ReextractSummary(dry_run=dry_run)
    started = time.perf_counter()
    for doc in store.stored_documents():
        try:
            rows = document_rows(doc)
        except FATAL:
            raise
        except BaseException as error:  # noqa: BLE001 - a panic too: this document only
            summary.failed.append(f"{doc.doc_id}: the extractor failed ({describe_failure(error, limit=300)})")
        else:
            try:
                _add_update(summary, store.update_figures(doc.doc_id, rows, dry_run=dry_run))
            except StoreError as error:
                summary.failed.append(f"{doc.doc_id}: {error}")
        summary.documents += 1
        if progress is not None:
            progress(summary.documents, summary.after)
    summary.seconds = time.perf_counter() - started
    return summary


def _add_update(summary: ReextractSummary, update) -> None:
    summary.before += update.before
    summary.after += update.after
    summary.added += update.changes.added
    summary.removed += update.changes.removed
    summary.changed += update.changes.changed
    summary.columns.update(update.changes.columns)
    summary.moved += len(update.moved)
    summary.orphaned.extend(update.orphaned)


def reextract_command(url: str) -> str:
    """The command that re-extracts the store at ``url``, quoted for a POSIX shell.

    >>> reextract_command("sqlite:///tracker.db")
    'python -m tracker reextract --db sqlite:///tracker.db'
    """
    return f"python -m tracker reextract --db {shlex.quote(url)}"


def _guarded(items: Iterable, name: str) -> Iterator:
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
            reason = describe_failure(error, limit=300)
            yield UnreadableDocument(name, f"cannot read further ({reason})")
            return
        yield item
