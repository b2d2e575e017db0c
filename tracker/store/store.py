"""The store: documents, their figures and corrections in a database (SQLite or Postgres).

This is the only module that writes to the database. A :class:`Store` opens any
SQLAlchemy URL (``sqlite:///tracker.db`` by default, see :func:`resolve_db_url`) and
brings its schema up to date with the Alembic migrations in ``tracker/store/migrations/``.

- ``documents``: one row per text, unique by ``content_hash`` (sha256 of the UTF-8 text),
  so the same article loaded twice is stored once; ``doc_id`` is unique too.
- ``figures``: the extractor's rows for each document, as extracted (never edited).
- ``corrections``: edits of a figure's value, bounds (low, high, approx, qualifier), unit,
  category, subtype, role, actor, recipient, attributed_to, attributed_kind, attributed_country,
  as_of, or "not a figure" (:data:`tracker.store.corrections.CORRECTABLE`), keyed by the
  document's content hash and the figure's span, so that they apply again after re-extraction.
  A correction keeps the extractor's original value, who made it and when; reverting marks
  it, never deletes it.
  When re-extraction changes a figure's span, its corrections move to the new figure that
  overlaps it most (:mod:`tracker.store.rekey`); one that no figure overlaps is kept, marked
  ``orphaned_at``, and applies to nothing until a later extraction has a figure there.
- ``documents.extractor_version``: which version of the extractor found the stored figures
  (:data:`tracker.schema.EXTRACTOR_VERSION`; null for documents stored before the stamp).
- ``store_state``: a counter raised by every write, for cheap cache checks (:meth:`Store.version`).

Each document is written in one transaction: its row and all its figures, or nothing. The
store never extracts: :mod:`tracker.load` finds the figures and hands them in.

>>> from tracker.load import add_document
>>> from tracker.sources.document import Document
>>> with Store("sqlite://") as store:  # in memory
...     add_document(store, Document("brief-1", "Russia has massed 100,000 troops.")).status
...     add_document(store, Document("brief-1", "Russia has massed 100,000 troops.")).status
...     figures = store.figures()
...     fix = store.add_correction(figures.content_hash[0], 18, 32, "value", 110000, author="ed")
...     store.figures()[["surface", "value", "corrected"]].to_dict("records")
'added'
'duplicate'
[{'surface': '100,000 troops', 'value': 110000.0, 'corrected': True}]
"""
from __future__ import annotations

import gc
import random
import time
import math
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, Self

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.pool import StaticPool

from tracker.config import ConfigError, resolve_db_url
from tracker.schema import COLUMNS, EXTRACTOR_VERSION, coerce_row, figure_id
from tracker.sources.document import Document, clean_document

# The fields a correction may change, and the strings' dtype: each defined once, elsewhere.
from tracker.schema import STRING_DTYPE as _STRING  # noqa: E402
from tracker.store.corrections import (  # noqa: E402
    CORRECTABLE, GROUPING_FIELDS, CorrectionError, Edit, as_of_parts as _as_of_parts,
    check_together as _check_together, corrected as _corrected, encode as _encode, measure_key as _measure_key,
    old_value as _old_value,
)
from tracker.store.rekey import Changes, figure_changes, plan_moves  # noqa: E402

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

# Deterministic constraint names, so that later migrations can refer to them.
metadata = sa.MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("doc_id", sa.Text, nullable=False, unique=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("source", sa.Text),
    sa.Column("published", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("extractor_version", sa.Integer),  # tracker.schema.EXTRACTOR_VERSION; null: older
)

_SQL_TYPES = {"string": sa.Text, "Int64": sa.Integer, "float64": sa.Double, "boolean": sa.Boolean}
#: Columns of the figure table that come from the document.
DOCUMENT_FIELDS = ("doc_id", "source", "published", "title", "url")
#: Columns kept per figure.
FIGURE_FIELDS = tuple(name for name in COLUMNS if name not in DOCUMENT_FIELDS)

figures = sa.Table(
    "figures", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="CASCADE"),
              nullable=False, index=True),
    *(sa.Column(name, sa.String(16) if name == "figure_id" else _SQL_TYPES[COLUMNS[name]](),
                nullable=name not in ("figure_id", "start", "end", "surface"))
      for name in FIGURE_FIELDS),
)

corrections = sa.Table(
    "corrections", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False, index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("field", sa.Text, nullable=False),
    sa.Column("old_value", sa.Text),  # the extractor's value, as text
    sa.Column("new_value", sa.Text),
    sa.Column("author", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("reverted_at", sa.DateTime(timezone=True)),
    sa.Column("original_start", sa.Integer),  # the span it was made on (start/end follow the figure)
    sa.Column("original_end", sa.Integer),
    sa.Column("orphaned_at", sa.DateTime(timezone=True)),  # re-extraction left it without a figure
)

#: Measures merged by a user: figures of ``from_key`` are compared in ``to_key`` (and a link to
#: ``from_key`` opens ``to_key``) while the merge is not reverted.
measure_merges = sa.Table(
    "measure_merges", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("from_key", sa.Text, nullable=False, index=True),
    sa.Column("to_key", sa.Text, nullable=False),
    sa.Column("author", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("reverted_at", sa.DateTime(timezone=True)),
)

store_state = sa.Table(
    "store_state", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
)

figures_table = figures  # the table, where a parameter is named "figures"

#: Every figure with its document's columns, as :data:`tracker.schema.COLUMNS` and the content hash.
_FIGURES_QUERY = (
    sa.select(*((documents if name in DOCUMENT_FIELDS else figures).c[name] for name in COLUMNS),
              documents.c.content_hash)
    .join(documents, figures.c.document_id == documents.c.id)
    .order_by(figures.c.id)
)

#: How often a document is tried again when concurrent writers keep taking the id it wanted.
_ID_ATTEMPTS = 30

#: SQLite: how long a connection waits for another's lock before "database is locked" (s).
SQLITE_BUSY_TIMEOUT = 30.0
#: How often a read that still found the database locked is tried again (with a pause).
_READ_ATTEMPTS = 5
#: How often opening (and migrating) a database that was locked is tried again.
_OPEN_ATTEMPTS = 5


class StoreError(Exception):
    """The database cannot be opened, refused a write or a read, or a document cannot be
    stored (its figures cannot be found); the message says which and why, in plain words
    (never the SQL).

    Messages never show a password: ``cannot open database postgresql+psycopg://tracker:***@db/x: ...``.
    """


@dataclass(frozen=True)
class AddResult:
    """What :meth:`Store.add_document` did with one document.

    Attributes
    ----------
    status : {"added", "duplicate"}
        ``"duplicate"``: a document with the same text was stored already; nothing was written.
    doc_id : str
        The stored document's id (for a duplicate, the id it was first stored under).
    content_hash : str
        sha256 of the text (UTF-8), hex.
    figures : int
        The number of figures stored for the document.
    """

    status: Literal["added", "duplicate"]
    doc_id: str
    content_hash: str
    figures: int


@dataclass(frozen=True)
class FigureUpdate:
    """What :meth:`Store.update_figures` did (or, in a dry run, would do) to one document.

    Attributes
    ----------
    doc_id : str
    before, after : int
        Figures stored before and after.
    changes : Changes
        Figures added, removed and changed (matched by span and kind; ``changes.columns``: how
        often each column changed).
    moved : dict
        Correction id -> its new ``(start, end)``, for the corrections that followed their figure.
    orphaned : tuple of int
        Corrections left without a figure (kept, marked ``orphaned_at``).
    """

    doc_id: str
    before: int
    after: int
    changes: Changes
    moved: dict[int, tuple[int, int]]
    orphaned: tuple[int, ...]


def open_engine(url: str) -> sa.Engine:
    """A SQLAlchemy engine for ``url``, set up for the store (not yet connected).

    SQLite gets foreign keys and real transactions (SQLAlchemy emits ``BEGIN``, and
    ``BEGIN IMMEDIATE`` for writes, instead of the sqlite3 module's partial ones); a SQLite
    file is in WAL journal mode (readers do not wait for a writer, nor a writer for readers)
    and every connection waits up to :data:`SQLITE_BUSY_TIMEOUT` seconds for a lock;
    an in-memory SQLite database is one connection shared by all threads (fine for tests
    and reading; write from one thread at a time). ``postgres://`` is read as
    ``postgresql://`` (psycopg).

    Raises
    ------
    StoreError
        If the URL cannot be parsed or names an unknown database or driver.
    """
    try:
        parsed = sa.make_url(url)
        if parsed.drivername == "postgres":  # as Heroku and others write it
            parsed = parsed.set(drivername="postgresql")
        backend = parsed.get_backend_name()
        options: dict = {}
        if backend == "sqlite":
            memory = parsed.database in (None, "", ":memory:") or parsed.query.get("mode") == "memory"
            if memory:
                options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
            else:
                options = {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT}}
        elif backend == "postgresql":
            options = {"pool_pre_ping": True, "connect_args": {"connect_timeout": 10}}
        engine = sa.create_engine(parsed, **options)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError, ValueError) as error:
        raise StoreError(f"cannot open database {_safe_url(url)}: {_reason(error, url)}") from None
    if backend == "sqlite":
        _sqlite_transactions(engine, wal=not memory)
    return engine


def _sqlite_transactions(engine: sa.Engine, wal: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy says BEGIN, not the sqlite3 module
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        dbapi_connection.execute(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_TIMEOUT * 1000)}")
        if wal:  # kept in the file: set once, then a no-op
            dbapi_connection.execute("PRAGMA journal_mode = WAL")

    @event.listens_for(engine, "begin")
    def _begin(connection):
        writing = connection.get_execution_options().get("tracker_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def _read_retried(what: str):
    """Run a reading method again when the database was locked (SQLite, during a write
    another process holds for longer than the busy timeout), up to ``_READ_ATTEMPTS`` times
    with a growing pause; a read that still fails raises :class:`StoreError` saying what
    could not be read, in plain words."""
    import functools

    def decorate(method):
        @functools.wraps(method)
        def reading(self, *args, **kwargs):
            for attempt in range(_READ_ATTEMPTS):
                try:
                    return method(self, *args, **kwargs)
                except sa.exc.OperationalError as error:
                    if not _is_busy(error) or attempt == _READ_ATTEMPTS - 1:
                        raise StoreError(f"cannot read {what} from {self.url}: "
                                         f"{_reason(error)}") from None
                    time.sleep(0.1 * 2 ** attempt + random.uniform(0, 0.05))
                except sa.exc.SQLAlchemyError as error:
                    raise StoreError(f"cannot read {what} from {self.url}: {_reason(error)}") from None
        return reading
    return decorate


def _is_busy(error: BaseException) -> bool:
    text = str(getattr(error, "orig", None) or error).lower()
    return "locked" in text or "busy" in text


class Store:
    """Documents, figures and corrections in one database.

    Opening runs the schema migrations up to the newest (``alembic upgrade head``), so a
    database made by an older version of the tracker is brought up to date, never replaced.

    Parameters
    ----------
    url : str, optional
        A SQLAlchemy URL; ``None`` means :func:`resolve_db_url`'s choice (``TRACKER_DB_URL``,
        ``.streamlit/secrets.toml``, else ``sqlite:///tracker.db``). ``"sqlite://"`` is a
        fresh in-memory database.
    create : bool
        Make a new SQLite file when there is none (the default); when False, a missing file
        is a :class:`StoreError` (for commands that work on an existing store).

    Attributes
    ----------
    url : str
        The URL with any password shown as ``***`` (for messages and the app).

    Raises
    ------
    StoreError
        If the URL is malformed, the database cannot be reached, or its schema is newer
        than this code knows.

    Notes
    -----
    Use it as a context manager or call :meth:`close`. One Store may serve many threads.
    """

    def __init__(self, url: str | None = None, *, create: bool = True):
        try:
            raw = resolve_db_url(url)
        except ConfigError as error:
            raise StoreError(str(error)) from None
        self.url = _safe_url(raw)
        self.engine = open_engine(raw)
        if not create:
            _must_exist(self.engine, self.url)
        self._figures_cache: tuple[int, pd.DataFrame] | None = None
        self._figures_sql = str(_FIGURES_QUERY.compile(self.engine))
        for attempt in range(_OPEN_ATTEMPTS):
            try:
                with self._writing() as connection:
                    _upgrade(connection)
                break
            except Exception as error:
                if _is_busy(error) and attempt < _OPEN_ATTEMPTS - 1:
                    # SQLite can refuse a lock without waiting while other connections open the
                    # same new file (its WAL being set up): opening is tried again, not failed.
                    time.sleep(0.2 * (attempt + 1))
                    continue
                self.engine.dispose()
                if isinstance(error, (sa.exc.SQLAlchemyError, OSError)) or _is_alembic_error(error):
                    raise StoreError(f"cannot open database {self.url}: {_reason(error, raw)}") from None
                raise

    def close(self) -> None:
        """Close every connection (an in-memory database is gone afterwards)."""
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # -- writing ---------------------------------------------------------------------------

    def add_document(self, doc: Document, figures: list[dict],
                     extractor_version: int | None = EXTRACTOR_VERSION) -> AddResult:
        """Store a document and its figures in one transaction, unless its text is stored already.

        Parameters
        ----------
        doc : Document
            The text and its metadata, stored as given (cleaned by :func:`clean_document`). A
            missing ``doc_id`` becomes ``doc-`` and the first 12 hex digits of the content hash;
            an id already taken by another text gets ``:2``, ``:3``, ... appended.
        figures : list of dict
            The document's figure rows (:func:`tracker.load.document_rows` gives them). Their
            ``figure_id`` is given again from the stored ``doc_id``; their document metadata is
            not stored (the document's is used).
        extractor_version : int, optional
            The version of the extractor that found them (kept with the document); by default
            this code's :data:`tracker.schema.EXTRACTOR_VERSION`.

        Returns
        -------
        AddResult

        Raises
        ------
        ValueError
            If the text is empty.
        StoreError
            If the database refuses the write; nothing of the document is stored then.
        """
        if not isinstance(doc.text, str) or not doc.text.strip():
            raise ValueError("empty text: nothing to store")
        doc = clean_document(doc)  # the readers did it; a document made elsewhere may need it
        content_hash = doc.content_hash
        known = self._find_hash(content_hash)
        if known is not None:
            return known
        wanted = doc.doc_id or f"doc-{content_hash[:12]}"
        for attempt in range(_ID_ATTEMPTS):  # again only if another writer took the doc_id meanwhile
            if attempt:
                time.sleep(random.uniform(0, 0.005 * attempt))  # writers racing for one id spread out
            doc_id = wanted
            try:
                with self._writing() as connection:
                    doc_id = _free_doc_id(connection, wanted)
                    key = connection.execute(documents.insert().values(
                        doc_id=doc_id, content_hash=content_hash, source=_plain(doc.source),
                        published=_plain(doc.published), title=_plain(doc.title), url=_plain(doc.url),
                        text=doc.text, added_at=_now(), extractor_version=extractor_version,
                    )).inserted_primary_key[0]
                    _insert_figures(connection, key, doc_id, figures)
                    _bump(connection)
                return AddResult("added", doc_id, content_hash, len(figures))
            except sa.exc.IntegrityError as error:
                known = self._find_hash(content_hash)  # stored meanwhile by another writer
                if known is not None:
                    return known
                if not self._has_doc_id(doc_id):  # not a race for the id: a bad row
                    raise StoreError(f"cannot store document {wanted!r}: {_reason(error)}") from None
            except sa.exc.SQLAlchemyError as error:
                raise StoreError(f"cannot store document {wanted!r}: {_reason(error)}") from None
            except (TypeError, ValueError, OverflowError) as error:  # coerce_row: a bad figure value
                raise StoreError(f"cannot store document {wanted!r}: a figure has a value of the "
                                 f"wrong type ({error})") from None
        raise StoreError(f"cannot store document {wanted!r}: its id is taken again and again")

    def stored_documents(self, doc_id: str | None = None) -> Iterator[Document]:
        """The stored documents (texts and metadata, as stored), oldest first, one at a time.

        Parameters
        ----------
        doc_id : str, optional
            One document; all of them when ``None``.

        Raises
        ------
        KeyError
            If ``doc_id`` is not stored.
        """
        query = sa.select(documents.c.id).order_by(documents.c.id)
        if doc_id is not None:
            query = query.where(documents.c.doc_id == doc_id)
        with self.engine.connect() as connection:
            keys = connection.execute(query).scalars().all()
        if doc_id is not None and not keys:
            raise KeyError(f"no document {doc_id!r}")
        for key in keys:
            with self.engine.connect() as connection:
                row = connection.execute(sa.select(documents).where(documents.c.id == key)).one()
            yield Document(row.doc_id, row.text, source=row.source, published=row.published,
                           title=row.title, url=row.url)

    def replace_figures(self, doc_id: str, figures: list[dict]) -> int:
        """Replace a stored document's figures with ``figures``, in one transaction; its
        corrections follow their figures (:meth:`update_figures`).

        Returns
        -------
        int
            The number of figures now stored for the document.
        """
        return self.update_figures(doc_id, figures).after

    def update_figures(self, doc_id: str, figures: list[dict], *,
                       extractor_version: int | None = EXTRACTOR_VERSION,
                       dry_run: bool = False) -> FigureUpdate:
        """Replace a stored document's figures, move its corrections, and say what changed.

        In one transaction: the old figures are deleted and ``figures`` stored, the document
        is stamped with ``extractor_version``, and each unreverted correction whose span is no
        figure's any more moves to the new figure that overlaps it most
        (:func:`tracker.store.rekey.plan_moves`); one that none overlaps stays, marked
        ``orphaned_at`` (a later extraction that has a figure there clears the mark).

        Parameters
        ----------
        doc_id : str
        figures : list of dict
            The document's new figure rows.
        extractor_version : int, optional
            The version of the extractor that found them (default: this code's).
        dry_run : bool
            Only work out what would change; nothing is written.

        Returns
        -------
        FigureUpdate

        Raises
        ------
        KeyError
            If ``doc_id`` is not stored.
        StoreError
            If the database refuses the write, or a figure has a value of the wrong type; the
            old figures and corrections stay then.
        """
        try:
            with self._transaction(write=not dry_run) as connection:
                update = _update_figures(connection, doc_id, figures, extractor_version, dry_run)
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"cannot re-extract {doc_id!r}: {_reason(error)}") from None
        except (TypeError, ValueError, OverflowError) as error:  # coerce_row: a bad figure value
            raise StoreError(f"cannot re-extract {doc_id!r}: a figure has a value of the wrong "
                             f"type ({error})") from None
        return update

    def add_correction(self, content_hash: str, start: int, end: int, field: str, value,
                       author: str = "") -> int:
        """Record a correction of one figure; the extractor's value stays stored beside it.

        The newest correction of a field that is not reverted is the one that applies.
        :meth:`add_corrections` records several at once, all or none.

        Parameters
        ----------
        content_hash : str
            The document's content hash (``figures()["content_hash"]``).
        start, end : int
            The figure's span in the text.
        field : str
            One of :data:`tracker.store.corrections.CORRECTABLE`: ``not_a_figure``, ``value``,
            ``unit``, ``actor``, ``attributed_to``, ``as_of``, ``low``, ``high``, ``approx``,
            ``qualifier``, ``category``, ``subtype``, ``role``, ``recipient``,
            ``attributed_kind``, ``attributed_country``.
        value
            The new value (:func:`tracker.store.corrections.encode` checks it): a finite number
            for ``value`` (bounds of the extractor's that do not contain it are dropped), and a
            number or ``None``/``""`` (none) for ``low`` and ``high``; a bool (``"true"``/
            ``"false"`` too) for ``approx`` and ``not_a_figure``; one of
            :data:`tracker.schema.CATEGORIES` for ``category``; a subtype of the figure's
            category (:data:`tracker.schema.SUBTYPES`), or none, for ``subtype``; one of
            :data:`tracker.schema.ROLES` for ``role``; one of
            :data:`tracker.schema.ATTRIBUTED_KINDS`, or none, for ``attributed_kind``; a date
            written ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, or none, for ``as_of`` (its
            ``as_of_precision`` becomes day, month or year); a string, or ``None``/``""`` for
            none, for the others. Words are stored without outer spaces, and
            ``attributed_kind``, ``attributed_country``, ``subtype``, ``role`` and
            ``qualifier`` lower-case. The figure must still agree with itself afterwards: low
            not above high, the value within its bounds
            (:func:`tracker.store.corrections.check_together`).
        author : str
            Who corrects.

        Returns
        -------
        int
            The correction's id, for :meth:`revert_correction`.

        Raises
        ------
        ValueError
            (:class:`tracker.store.corrections.CorrectionError`, naming the field and span) If
            the field is not correctable, the value does not fit it, or the figure would not
            agree with itself.
        KeyError
            If no stored figure has this span in this document.
        """
        return self._correct([(content_hash, start, end, field, value)], author)[0]

    def add_corrections(self, edits, author: str = "") -> list[int]:
        """Record several corrections in one transaction: all of them, or none.

        Parameters
        ----------
        edits : iterable of Edit or of (content_hash, start, end, field, value)
            :class:`tracker.store.corrections.Edit` (what :func:`diff_edits
            <tracker.store.corrections.diff_edits>` gives; its typed ``value`` is stored), or
            tuples of :meth:`add_correction`'s arguments.
        author : str
            Who corrects (kept with each).

        Returns
        -------
        list of int
            The corrections' ids, in the order of ``edits`` (``[]`` for no edits: nothing is
            written).

        Raises
        ------
        ValueError, KeyError
            As :meth:`add_correction`, for the first edit that does not fit (its message names
            the field and the span); nothing is stored then, not even the edits before it.

        >>> from tracker.load import add_document
        >>> from tracker.sources.document import Document
        >>> with Store("sqlite://") as store:
        ...     _ = add_document(store, Document("b", "Russia has massed 100,000 troops."))
        ...     h = store.figures().content_hash[0]
        ...     try:
        ...         store.add_corrections([(h, 18, 32, "value", 1.0), (h, 18, 32, "category", "x")])
        ...     except ValueError as error:
        ...         print(str(error).split(";")[0])
        ...     len(store.corrections()), len(store.add_corrections([(h, 18, 32, "value", 1.0)]))
        category of the figure at 18-32: unknown category 'x'
        (0, 1)
        """
        rows = []
        for edit in edits:
            if isinstance(edit, Edit):
                edit = (edit.content_hash, edit.start, edit.end, edit.field, edit.value)
            rows.append(tuple(edit))
        return self._correct(rows, author) if rows else []

    def _correct(self, rows: list[tuple], author: str) -> list[int]:
        """Insert corrections ``(content_hash, start, end, field, value)`` in one transaction."""
        encoded = []
        for content_hash, start, end, field, value in rows:
            try:
                encoded.append((str(content_hash), int(start), int(end), field, _encode(field, value)))
            except CorrectionError as error:
                raise error.at(start, end) from None
        keys = []
        try:
            with self._writing() as connection:
                _check_figures(connection, encoded)
                for content_hash, start, end, field, new_value in encoded:
                    keys.append(_insert_correction(connection, content_hash, start, end, field,
                                                   new_value, str(author or "")))
                _bump(connection)
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"cannot store the correction: {_reason(error)}") from None
        return keys

    def revert_correction(self, correction_id: int) -> None:
        """Mark a correction reverted (it stays stored); reverting twice changes nothing.

        Raises
        ------
        KeyError
            If there is no correction with this id.
        """
        self._revert(corrections, int(correction_id), "correction")

    def _revert(self, table: sa.Table, row_id: int, what: str) -> None:
        """Mark row ``row_id`` of ``table`` reverted (once); KeyError if it has no such row."""
        try:
            with self._writing() as connection:
                changed = connection.execute(
                    table.update().where(table.c.id == row_id, table.c.reverted_at.is_(None))
                    .values(reverted_at=_now())).rowcount
                if changed:
                    _bump(connection)
                elif connection.execute(sa.select(table.c.id).where(table.c.id == row_id)).first() is None:
                    raise KeyError(f"no {what} {row_id}")
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"cannot revert {what} {row_id}: {_reason(error)}") from None

    def merge_measures(self, from_key: str, to_key: str, author: str = "") -> int:
        """Compare the figures of measure ``from_key`` in ``to_key`` from now on, and let a link
        to ``from_key`` open ``to_key``; kept with who and when, undone by :meth:`revert_merge`.

        Raises
        ------
        ValueError
            If either is not a measure key, or they are the same.
        """
        source, target = _measure_key(from_key), _measure_key(to_key)
        if source == target:
            raise ValueError(f"{source} cannot be merged into itself")
        try:
            with self._writing() as connection:
                key = connection.execute(measure_merges.insert().values(
                    from_key=source, to_key=target, author=str(author or ""), created_at=_now())
                ).inserted_primary_key[0]
                _bump(connection)
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"cannot store the merge: {_reason(error)}") from None
        return int(key)

    def revert_merge(self, merge_id: int) -> None:
        """Undo a merge (it stays stored, marked reverted); KeyError if there is none."""
        self._revert(measure_merges, int(merge_id), "merge")

    @_read_retried("the merges")
    def measure_merges(self) -> pd.DataFrame:
        """Every merge of measures, reverted ones too, oldest first: ``id, from_key, to_key,
        author, created_at, reverted_at`` (NaT while it applies)."""
        names = ("id", "from_key", "to_key", "author", "created_at", "reverted_at")
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(*(measure_merges.c[name] for name in names))
                                      .order_by(measure_merges.c.id)).all()
        data = dict(zip(names, _columns(rows, len(names))))
        frame = pd.DataFrame({"id": np.array(data["id"], dtype="int64")})
        for name in ("from_key", "to_key", "author"):
            frame[name] = pd.array(data[name], dtype=_STRING)
        for name in ("created_at", "reverted_at"):
            frame[name] = _utc(data[name])
        return frame

    def measure_aliases(self) -> dict[str, str]:
        """The merges that apply, ``from_key -> to_key`` (the newest of each ``from_key``)."""
        merges = self.measure_merges()
        active = merges[merges["reverted_at"].isna()]
        return dict(zip(active["from_key"].astype(str), active["to_key"].astype(str)))

    # -- reading ---------------------------------------------------------------------------

    @_read_retried("the version")
    def version(self) -> int:
        """A number that changes whenever anything is written (by any process), for caches."""
        with self.engine.connect() as connection:
            return _read_version(connection)

    @_read_retried("the documents")
    def document_count(self) -> int:
        """How many documents are stored (cheap: one COUNT, no rows read)."""
        with self.engine.connect() as connection:
            return int(connection.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one())

    @_read_retried("the documents")
    def stale_documents(self, current: int = EXTRACTOR_VERSION) -> int:
        """How many documents have figures found by an extractor older than ``current`` (or by
        one from before the stamp): ``python -m tracker reextract`` brings them up to date."""
        stamp = documents.c.extractor_version
        with self.engine.connect() as connection:
            return int(connection.execute(
                sa.select(sa.func.count()).select_from(documents)
                .where(stamp.is_(None) | (stamp < current))).scalar_one())

    @_read_retried("the documents")
    def documents(self) -> pd.DataFrame:
        """Every stored document, oldest first, without its text.

        Returns
        -------
        pandas.DataFrame
            Columns ``doc_id, content_hash, source, published, title, url`` (string),
            ``added_at`` (datetime, UTC), ``n_figures`` and ``text_length`` (characters; int64).
        """
        counts = (sa.select(figures.c.document_id, sa.func.count().label("n"))
                  .group_by(figures.c.document_id).subquery())
        query = (sa.select(documents.c.doc_id, documents.c.content_hash, documents.c.source,
                           documents.c.published, documents.c.title, documents.c.url,
                           documents.c.added_at,
                           sa.func.coalesce(counts.c.n, 0).label("n_figures"),
                           sa.func.length(documents.c.text).label("text_length"))
                 .outerjoin(counts, counts.c.document_id == documents.c.id)
                 .order_by(documents.c.id))
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        names = ["doc_id", "content_hash", "source", "published", "title", "url"]
        data = _columns(rows, 9)
        frame = pd.DataFrame({name: pd.array(data[i], dtype=_STRING) for i, name in enumerate(names)})
        frame["added_at"] = _utc(data[6])
        frame["n_figures"] = np.array(data[7], dtype="int64")
        frame["text_length"] = np.array(data[8], dtype="int64")
        return frame

    @_read_retried("the document")
    def document_text(self, doc_id: str) -> str:
        """The stored text of one document.

        Raises
        ------
        KeyError
            If ``doc_id`` is not stored.
        """
        with self.engine.connect() as connection:
            text = connection.execute(
                sa.select(documents.c.text).where(documents.c.doc_id == doc_id)).scalar()
        if text is None:
            raise KeyError(f"no document {doc_id!r}")
        return text

    @_read_retried("the figures")
    def figures(self) -> pd.DataFrame:
        """Every stored figure with the corrections applied, in the order they were stored.

        One query for the figures and one for the corrections, applied column-wise. The
        frame is kept until the next write (:meth:`version`), so asking again is cheap;
        each call returns its own frame (copy-on-write), so changing it changes no other.

        Returns
        -------
        pandas.DataFrame
            The columns of :data:`tracker.schema.COLUMNS` with their dtypes, then
            ``content_hash`` (string), ``corrected`` (bool: a correction applies) and
            ``not_a_figure`` (bool). Figures marked "not a figure" are kept, flagged.
        """
        with self.engine.connect() as connection, _collector_paused():
            version = _read_version(connection)
            cached = self._figures_cache
            if cached is not None and cached[0] == version:
                return cached[1].copy(deep=False)
            # The driver's rows as they are (no per-value processing by SQLAlchemy): the
            # query has no parameters, and _typed() gives each column its dtype.
            result = connection.exec_driver_sql(self._figures_sql)
            rows = result.cursor.fetchall()
            result.close()
            active = connection.execute(
                sa.select(corrections.c.content_hash, corrections.c.start, corrections.c.end,
                          corrections.c.field, corrections.c.new_value)
                .where(corrections.c.reverted_at.is_(None)).order_by(corrections.c.id)).all()
            data = _columns(rows, len(COLUMNS) + 1)
            del rows
            frame = pd.DataFrame({name: _typed(data[i], dtype)
                                  for i, (name, dtype) in enumerate(COLUMNS.items())})
            frame["content_hash"] = pd.array(data[-1], dtype=_STRING)
            del data
        frame = _apply_corrections(frame, [tuple(row) for row in active])
        self._figures_cache = (version, frame)
        return frame.copy(deep=False)

    @_read_retried("the corrections")
    def corrections(self) -> pd.DataFrame:
        """Every correction, reverted ones too, oldest first.

        Returns
        -------
        pandas.DataFrame
            Columns ``id, content_hash, start, end, field, old_value, new_value, author,
            created_at, reverted_at, original_start, original_end, orphaned_at``
            (``reverted_at`` is NaT while the correction applies; ``start``, ``end`` is the
            span it applies to now, ``original_start``, ``original_end`` the one it was made
            on; ``orphaned_at`` is when re-extraction left it without a figure, NaT while it
            has one). Values are text: numbers as Python writes floats, flags as
            ``"true"``/``"false"``.
        """
        names = ("id", "content_hash", "start", "end", "field", "old_value", "new_value", "author",
                 "created_at", "reverted_at", "original_start", "original_end", "orphaned_at")
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(*(corrections.c[name] for name in names))
                                      .order_by(corrections.c.id)).all()
        data = dict(zip(names, _columns(rows, len(names))))
        frame = pd.DataFrame({"id": np.array(data["id"], dtype="int64")})
        frame["content_hash"] = pd.array(data["content_hash"], dtype=_STRING)
        frame["start"] = np.array(data["start"], dtype="int64")
        frame["end"] = np.array(data["end"], dtype="int64")
        for name in ("field", "old_value", "new_value", "author"):
            frame[name] = pd.array(data[name], dtype=_STRING)
        for name in ("created_at", "reverted_at"):
            frame[name] = _utc(data[name])
        for name in ("original_start", "original_end"):
            frame[name] = pd.array(data[name], dtype="Int64")
        frame["orphaned_at"] = _utc(data["orphaned_at"])
        return frame

    # -- helpers ---------------------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[sa.Connection]:
        """A connection in a write transaction, committed at the end or rolled back on error."""
        with self._transaction(write=True) as connection:
            yield connection

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[sa.Connection]:
        """A connection in a transaction: a write transaction when ``write``, else a read one."""
        with self.engine.connect() as connection:
            if write:
                connection.execution_options(tracker_write=True)
            with connection.begin():
                yield connection

    def _has_doc_id(self, doc_id: str) -> bool:
        with self.engine.connect() as connection:
            return connection.execute(
                sa.select(documents.c.id).where(documents.c.doc_id == doc_id)).first() is not None

    def find_document(self, content_hash: str) -> AddResult | None:
        """The stored document with this content hash, as a ``duplicate`` result; else None."""
        return self._find_hash(content_hash)

    def _find_hash(self, content_hash: str) -> AddResult | None:
        counts = (sa.select(sa.func.count()).where(figures.c.document_id == documents.c.id)
                  .scalar_subquery())
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(documents.c.doc_id, counts)
                                     .where(documents.c.content_hash == content_hash)).first()
        return None if row is None else AddResult("duplicate", row[0], content_hash, int(row[1]))


# -- writing helpers -------------------------------------------------------------------------

_MIGRATION_LOCK = threading.Lock()
_MIGRATION_LOCK_KEY = 0x7472616B  # "trak": the Postgres advisory lock taken while migrating


def _upgrade(connection: sa.Connection) -> None:
    """Run the migrations up to head on ``connection`` (inside its transaction)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    config.attributes["connection"] = connection
    if connection.dialect.name == "postgresql":  # one migrating process at a time, until commit
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK_KEY})")
    with _MIGRATION_LOCK:  # Alembic keeps its migration context in a module global
        command.upgrade(config, "head")


def _must_exist(engine: sa.Engine, shown_url: str) -> None:
    """StoreError unless a SQLite file database exists (other databases are checked on connect)."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:") \
            or url.query.get("mode") == "memory" or url.database.startswith("file:"):
        return
    if not Path(url.database).is_file():
        engine.dispose()
        raise StoreError(f"cannot open database {shown_url}: there is no such file "
                         f"({Path(url.database).resolve()})")


def _free_doc_id(connection: sa.Connection, wanted: str) -> str:
    """``wanted``, or ``wanted:2``, ``wanted:3``, ... whichever is not taken."""
    taken = set(connection.execute(
        sa.select(documents.c.doc_id).where(
            (documents.c.doc_id == wanted)
            | documents.c.doc_id.startswith(wanted + ":", autoescape=True))).scalars())
    doc_id, n = wanted, 1
    while doc_id in taken:
        n += 1
        doc_id = f"{wanted}:{n}"
    return doc_id


def _insert_figures(connection: sa.Connection, document_key: int, doc_id: str, rows: list[dict]) -> None:
    if not rows:
        return
    records = []
    for row in rows:
        row = coerce_row(row)  # floats in the number columns, text without NUL
        record = {name: row[name] for name in FIGURE_FIELDS}
        record["document_id"] = document_key
        if record["start"] is not None and record["end"] is not None:
            record["figure_id"] = figure_id(doc_id, record["start"], record["end"],
                                            bool(record["derived"]))
        records.append(record)
    connection.execute(figures_table.insert(), records)


def _update_figures(connection: sa.Connection, doc_id: str, rows: list[dict],
                    extractor_version: int | None, dry_run: bool) -> FigureUpdate:
    """:meth:`Store.update_figures` on ``connection``, inside its transaction."""
    document = connection.execute(sa.select(documents.c.id, documents.c.content_hash)
                                  .where(documents.c.doc_id == doc_id)).first()
    if document is None:
        raise KeyError(f"no document {doc_id!r}")
    key, content_hash = document
    compared = [name for name in FIGURE_FIELDS if name != "figure_id"]
    old = [dict(row._mapping) for row in connection.execute(
        sa.select(*(figures_table.c[name] for name in compared))
        .where(figures_table.c.document_id == key).order_by(figures_table.c.id))]
    new = [{name: row[name] for name in compared} for row in map(coerce_row, rows)]
    active = connection.execute(
        sa.select(corrections.c.id, corrections.c.start, corrections.c.end, corrections.c.field,
                  corrections.c.orphaned_at)
        .where(corrections.c.content_hash == content_hash, corrections.c.reverted_at.is_(None))
        .order_by(corrections.c.id)).all()
    moves = plan_moves([(row.id, row.start, row.end, row.field) for row in active], old, new)
    update = FigureUpdate(doc_id, len(old), len(new), figure_changes(old, new), moves.moved,
                          moves.orphaned)
    if dry_run:
        return update
    connection.execute(figures_table.delete().where(figures_table.c.document_id == key))
    _insert_figures(connection, key, doc_id, rows)
    connection.execute(documents.update().where(documents.c.id == key)
                       .values(extractor_version=extractor_version))
    for correction_id, (start, end) in moves.moved.items():
        connection.execute(corrections.update().where(corrections.c.id == correction_id)
                           .values(start=start, end=end, orphaned_at=None))
    was_orphaned = {row.id for row in active if row.orphaned_at is not None}
    found = [i for i in moves.kept if i in was_orphaned]
    if found:
        connection.execute(corrections.update().where(corrections.c.id.in_(found))
                           .values(orphaned_at=None))
    newly = [i for i in moves.orphaned if i not in was_orphaned]
    if newly:
        connection.execute(corrections.update().where(corrections.c.id.in_(newly))
                           .values(orphaned_at=_now()))
    _bump(connection)
    return update


def _read_version(connection: sa.Connection) -> int:
    return int(connection.execute(sa.select(store_state.c.version)).scalar_one())


def _bump(connection: sa.Connection) -> None:
    connection.execute(store_state.update().values(version=store_state.c.version + 1))


def _now() -> datetime:
    return datetime.now(UTC)


def _plain(value):
    """A value the database driver takes: None for any missing value, Python scalars for NumPy's."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else float(value)
    if isinstance(value, np.generic):
        return _plain(value.item())
    return value


# -- corrections -----------------------------------------------------------------------------

def _figure_at(connection: sa.Connection, content_hash: str, start: int, end: int):
    """The stored figure at a span (the extracted one before a derived one there), or None."""
    return connection.execute(
        sa.select(figures)
        .join(documents, figures.c.document_id == documents.c.id)
        .where(documents.c.content_hash == content_hash, figures.c.start == start, figures.c.end == end)
        .order_by(figures.c.derived, figures.c.id).limit(1)).first()


def _insert_correction(connection: sa.Connection, content_hash: str, start: int, end: int,
                       field: str, new_value: str | None, author: str) -> int:
    """One correction row, beside the extractor's value; KeyError if there is no such figure."""
    figure = _figure_at(connection, content_hash, start, end)
    if figure is None:
        raise KeyError(f"no figure at {start}-{end} in document {content_hash[:12]}")
    return int(connection.execute(corrections.insert().values(
        content_hash=content_hash, start=start, end=end, field=field,
        old_value=_old_value(field, figure._mapping), new_value=new_value, author=author, created_at=_now(),
        original_start=start, original_end=end,
    )).inserted_primary_key[0])


def _check_figures(connection: sa.Connection, encoded: list[tuple]) -> None:
    """CorrectionError when a figure the new corrections touch would no longer agree with itself
    (its other corrections still applying): see :func:`tracker.store.corrections.check_together`."""
    batches: dict[tuple[str, int, int], dict[str, str | None]] = {}
    for content_hash, start, end, field, new_value in encoded:
        batches.setdefault((content_hash, start, end), {})[field] = new_value
    for (content_hash, start, end), batch in batches.items():
        if not set(batch) & {"subtype", "category", "value", "low", "high"}:
            continue
        figure = _figure_at(connection, content_hash, start, end)
        if figure is None:
            continue  # _insert_correction says so
        earlier = connection.execute(
            sa.select(corrections.c.field, corrections.c.new_value)
            .where(corrections.c.content_hash == content_hash, corrections.c.start == start,
                   corrections.c.end == end, corrections.c.reverted_at.is_(None))
            .order_by(corrections.c.id)).all()
        fixes = {field: new_value for field, new_value in earlier}  # the newest of each field
        try:
            _check_together(_corrected(figure._mapping, fixes | batch), batch)
        except CorrectionError as error:
            raise error.at(start, end) from None


def _apply_corrections(frame: pd.DataFrame, active: list) -> pd.DataFrame:
    """``frame`` with the newest unreverted correction of each (hash, start, end, field) applied.

    Only the figures of corrected documents are looked at, and those column-wise: spans
    are matched with an index of (document, start, end), not row by row.
    """
    n = len(frame)
    frame["corrected"] = np.zeros(n, dtype=bool)
    frame["not_a_figure"] = np.zeros(n, dtype=bool)
    if not active or not n:
        return frame
    fixes = pd.DataFrame(active, columns=["content_hash", "start", "end", "field", "new_value"], dtype=object)
    fixes = fixes.drop_duplicates(["content_hash", "start", "end", "field"], keep="last")
    documents = pd.Index(fixes["content_hash"].unique(), dtype=object)
    document = documents.get_indexer(frame["content_hash"].to_numpy(object))
    rows = np.flatnonzero(document >= 0)  # figures of corrected documents
    spans = pd.MultiIndex.from_arrays([document[rows],
                                       frame["start"].to_numpy("int64", na_value=-1)[rows],
                                       frame["end"].to_numpy("int64", na_value=-1)[rows]])
    corrected = np.zeros(n, dtype=bool)
    groups = dict(list(fixes.groupby("field", sort=False)))
    for field in sorted(groups, key=lambda name: name != "value"):  # a new value first: bounds corrected apply after it
        group = groups[field]
        index = pd.MultiIndex.from_arrays([documents.get_indexer(group["content_hash"]),
                                           group["start"].to_numpy("int64"),
                                           group["end"].to_numpy("int64")])
        position = index.get_indexer(spans)
        hit = position >= 0
        target = rows[hit]
        if not len(target):
            continue
        corrected[target] = True
        new = group["new_value"].to_numpy(object)[position[hit]]
        if field == "value":
            new = new.astype("float64")
            values, low, high = (frame[name].to_numpy(copy=True) for name in ("value", "low", "high"))
            values[target] = new
            outside = target[(new < low[target]) | (new > high[target])]
            low[outside], high[outside] = np.nan, np.nan
            frame["value"], frame["low"], frame["high"] = values, low, high
        elif field in ("low", "high"):
            values = frame[field].to_numpy(copy=True)
            values[target] = np.array([np.nan if v is None else float(v) for v in new])
            frame[field] = values
        elif field == "not_a_figure":
            flags = frame["not_a_figure"].to_numpy(copy=True)
            flags[target] = new == "true"
            frame["not_a_figure"] = flags
        elif field in GROUPING_FIELDS:  # a column of its own, only where a figure was moved
            if field not in frame.columns:
                frame[field] = pd.array([None] * n, dtype=_STRING)
            column = frame[field].array.copy()
            column[target] = new
            frame[field] = column
        elif field == "approx":
            flags = frame["approx"].array.copy()
            flags[target] = new == "true"
            frame["approx"] = flags
        elif field == "as_of":  # "2022-02", "2022": the first day, and how precisely it is known
            parts = [_as_of_parts(v) for v in new]
            for name, values in (("as_of", [p[0] for p in parts]), ("as_of_precision", [p[1] for p in parts])):
                column = frame[name].array.copy()
                column[target] = values
                frame[name] = column
        else:
            values = frame[field].array.copy()
            values[target] = new
            frame[field] = values
    frame["corrected"] = corrected
    return frame


# -- reading helpers -------------------------------------------------------------------------

@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while millions of row tuples are made.

    They hold no cycles, but their number alone triggers full collections that cost a
    quarter of the read. If another thread paused it already, that thread resumes it.
    """
    paused_here = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused_here:
            gc.enable()


def _columns(rows: list, width: int) -> list[tuple]:
    """Rows as ``width`` column tuples (empty tuples when there are no rows)."""
    return list(zip(*rows)) if rows else [()] * width


def _typed(values: tuple, dtype: str):
    if dtype == "string":
        return pd.array(values, dtype=_STRING)
    if dtype == "float64":
        return np.array(values, dtype="float64")  # None becomes NaN
    return pd.array(values, dtype=dtype)


def _utc(values: tuple) -> pd.Series:
    """Datetimes as UTC (SQLite returns them naive; they were written in UTC)."""
    return pd.to_datetime(pd.Series(values, dtype=object), utc=True).astype("datetime64[us, UTC]")


# -- messages --------------------------------------------------------------------------------

def _safe_url(url: str) -> str:
    """The URL with its password replaced by ``***``, also when it cannot be parsed."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except (sa.exc.ArgumentError, ValueError, TypeError):
        return re.sub(r"(://[^/:@]*:)[^@/]*@", r"\1***@", str(url))


def _reason(error: BaseException, url: str | None = None) -> str:
    """The first line of the driver's message, without SQLAlchemy's links or the password."""
    if isinstance(error, sa.exc.NoSuchModuleError):
        reason = f"unknown database type or driver ({error})"
    elif isinstance(error, ImportError):
        reason = f"its driver is not installed ({error})"
    else:
        reason = str(getattr(error, "orig", None) or error)
    reason = re.sub(r"\s*\(Background on this error at:[^)]*\)", "", reason)
    reason = next((line.strip() for line in reason.splitlines() if line.strip()), type(error).__name__)
    if url:
        try:
            password = sa.make_url(url).password
        except (sa.exc.ArgumentError, ValueError, TypeError):
            password = None
        if password:
            reason = reason.replace(str(password), "***")
    return reason


def _is_alembic_error(error: BaseException) -> bool:
    from alembic.util import CommandError

    return isinstance(error, CommandError)
