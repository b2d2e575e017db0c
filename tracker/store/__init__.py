"""Keeping documents, figures and corrections in a SQL database (SQLAlchemy, Alembic).

The store writes and reads; it never extracts (``tracker.load`` hands it the rows). It may
import ``tracker.sources`` (a ``Document``), ``tracker.schema`` and ``tracker.config``.
"""
from tracker.store.store import AddResult, Store, StoreError, hash_text

__all__ = ["AddResult", "Store", "StoreError", "hash_text"]
