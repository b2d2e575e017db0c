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

from tracker.analysis.format import format_as_of, format_number

__all__ = ["FIELD_LABELS", "document_labels", "correction_change", "correction_label", "correction_value",
           "figure_parties"]


def _text(value: Any, default: str = "") -> str:
    return default if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "" \
        else str(value)


def document_labels(docs: pd.DataFrame) -> dict[str, str]:
    """``doc_id -> "title — outlet, date"`` for each document (the id when it has no title)."""
    return {str(row.doc_id): f"{_text(row.title, str(row.doc_id))} — {_text(row.source, 'unknown outlet')}, "
                             f"{_text(row.published, 'no date')}" for row in docs.itertuples()}


#: What the dashboard calls each field a correction may change: the Corrections page's column
#: headers, and (lower-case) its list of corrections to undo.
FIELD_LABELS = {
    "not_a_figure": "Not a figure", "value": "Value", "unit": "Unit", "actor": "Whose",
    "attributed_to": "Says who", "as_of": "As of", "low": "Low", "high": "High", "approx": "Approximate",
    "qualifier": "Qualifier", "category": "Category", "subtype": "What exactly", "role": "Role",
    "recipient": "To whom", "attributed_kind": "Kind of source", "attributed_country": "Source's country",
}
_NUMBERS = ("value", "low", "high")
_FLAGS = ("approx", "not_a_figure")
_PRECISION = {4: "year", 7: "month"}  # a date written YYYY or YYYY-MM (else a day)


def correction_value(field: str, text: Any) -> str:
    """A stored correction's value (``old_value``/``new_value``) in words: numbers thousands
    separated, flags "yes" or "no", a date as precisely as it is written, none "(none)".

    >>> [correction_value(f, v) for f, v in [("value", "150000.0"), ("unit", None), ("approx", "true"),
    ...                                      ("as_of", "2022-02-24"), ("as_of", "2021-11"), ("role", "part")]]
    ['150,000', '(none)', 'yes', '24 Feb 2022', 'Nov 2021', 'part']
    """
    text = _text(text)
    if not text:
        return "(none)"
    if field in _NUMBERS:
        return format_number(text) or text
    if field in _FLAGS:
        return "yes" if text == "true" else "no"
    if field == "as_of":
        precision = _PRECISION.get(len(text), "day")
        return format_as_of((text + "-01-01")[:10] if precision != "day" else text, precision)
    return text


def correction_change(row: Mapping[str, Any]) -> str:
    """What a stored correction changed, in words: ``field: old → new``.

    >>> correction_change({"field": "unit", "old_value": None, "new_value": "troop"})
    'unit: (none) → troop'
    >>> correction_change({"field": "attributed_to", "old_value": "kremlin", "new_value": ""})
    'says who: kremlin → (none)'
    """
    field = str(row["field"])
    label = FIELD_LABELS.get(field, field).lower()
    return f"{label}: {correction_value(field, row['old_value'])} → {correction_value(field, row['new_value'])}"


def correction_label(correction_id: Any, row: Mapping[str, Any]) -> str:
    """A stored correction in words: ``#id “surface” in doc_id — field: old → new``.

    >>> correction_label(3, {"surface": "145,000 troops", "doc_id": "d1", "field": "value",
    ...                      "old_value": "145000.0", "new_value": "150000.0"})
    '#3 “145,000 troops” in d1 — value: 145,000 → 150,000'
    """
    return f"#{correction_id} “{_text(row['surface'])}” in {_text(row['doc_id'])} — {correction_change(row)}"


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
