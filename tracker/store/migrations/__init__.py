"""Alembic migrations of the store's schema, run by :class:`tracker.store.Store` at open.

A schema change is a new file in ``versions/`` (never an edit of an applied one). To write
one, change the tables in ``tracker/store/store.py`` and let Alembic draft the difference against
a database at the current head, then read and fix the draft::

    .venv/bin/alembic -c tracker/store/migrations/alembic.ini revision --autogenerate -m "what changes"

The database is the one :func:`tracker.config.resolve_db_url` finds (``TRACKER_DB_URL`` ...).
``tests/test_store.py`` checks that the migrations build exactly the tables in ``store.py``.
"""
