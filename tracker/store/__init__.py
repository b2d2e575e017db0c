"""Keeping documents, figures and corrections in a SQL database (SQLAlchemy, Alembic).

``store.py`` holds the tables, the engine, the writes (a document with its figures, figures
replaced, corrections) and the reads (frames with the columns of ``tracker.schema``);
``corrections.py`` turns table edits into corrections; ``migrations/`` is Alembic's.

The store writes and reads; it never extracts (``tracker.load`` hands it the rows). It may
import ``tracker.sources`` (a ``Document``), ``tracker.io``, ``tracker.schema`` and
``tracker.config``.
"""
from tracker.store.store import AddResult, FigureUpdate, Store, StoreError

__all__ = ["AddResult", "FigureUpdate", "Store", "StoreError"]
