"""What the dashboard's menus and details say: an article, a stored correction, and who a
figure is of, for and from, in words.

Functions of the store's frames (``Store.documents()``, ``Store.corrections()`` joined to the
figures' ``doc_id`` and ``surface``, a row of ``Store.figures()``); the menus show the result
through ``format_func``. What they return holds data: show it as plain text
(:func:`tracker.analysis.text.plain`).

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

__all__ = ["document_labels", "correction_label", "figure_parties"]


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


def figure_parties(row: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Whose a figure is, who receives it and who says so, as ``(label, text)`` pairs for its
    detail view; a pair without text is left out.

    *Says who* is the canonical name with the source's kind and country; with no source
    named, the outlet says it itself. *As the article names the source* keeps its own words.

    >>> for label, text in figure_parties({
    ...         "actor": "us", "recipient": "ukraine", "attributed_to": "pentagon", "attributed_kind": "body",
    ...         "attributed_country": "us", "attribution_text": "the Pentagon", "source": "Reuters"}):
    ...     print(f"{label}: {text}")
    Whose: us
    To whom: ukraine
    Says who: pentagon (body, us)
    As the article names the source: the Pentagon
    >>> figure_parties({"actor": "russia", "attributed_to": None, "source": "The Guardian"})
    [('Whose', 'russia'), ('Says who', 'the outlet, The Guardian')]
    """
    name = _text(row.get("attributed_to"))
    said_as = _text(row.get("attribution_text"))
    details = ", ".join(v for v in (_text(row.get("attributed_kind")), _text(row.get("attributed_country"))) if v)
    if name:
        says = f"{name} ({details})" if details else name
    elif details:
        says = f"not named ({details})"
    elif not said_as:
        outlet = _text(row.get("source"))
        says = f"the outlet, {outlet}" if outlet else "the outlet"
    else:
        says = ""
    pairs = [("Whose", _text(row.get("actor"))), ("To whom", _text(row.get("recipient"))),
             ("Says who", says), ("As the article names the source", said_as)]
    return [(label, text) for label, text in pairs if text]
