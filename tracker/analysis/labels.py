"""What the dashboard's menus say: an article and a stored correction in words.

Functions of the store's frames (``Store.documents()``, ``Store.corrections()`` joined to the
figures' ``doc_id`` and ``surface``); the menus show the result through ``format_func``.

>>> import pandas as pd
>>> docs = pd.DataFrame({"doc_id": ["d1", "d2"], "title": ["Troops massed", None],
...                      "source": ["Reuters", None], "published": ["2022-02-14", None]})
>>> document_labels(docs)
{'d1': 'Troops massed — Reuters, 2022-02-14', 'd2': 'd2 — unknown outlet, no date'}
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

__all__ = ["document_labels", "correction_label"]


def _text(value: Any, default: str = "") -> str:
    return default if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "" \
        else str(value)


def document_labels(docs: pd.DataFrame) -> dict[str, str]:
    """``doc_id -> "title — outlet, date"`` for each document (the id when it has no title)."""
    return {str(row.doc_id): f"{_text(row.title, str(row.doc_id))} — {_text(row.source, 'unknown outlet')}, "
                             f"{_text(row.published, 'no date')}" for row in docs.itertuples()}


def correction_label(correction_id: Any, row: Mapping[str, Any]) -> str:
    """A stored correction in words: ``#id “surface” in doc_id: field old → new``.

    >>> correction_label(3, {"surface": "145,000 troops", "doc_id": "d1", "field": "value",
    ...                      "old_value": "145000.0", "new_value": "150000.0"})
    '#3 “145,000 troops” in d1: value 145000.0 → 150000.0'
    """
    surface, doc_id, field, old, new = (row[k] for k in ("surface", "doc_id", "field", "old_value", "new_value"))
    return f"#{correction_id} “{surface}” in {doc_id}: {field} {old} → {new}"
