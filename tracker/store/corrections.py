"""Turn what a user changed in the figures table into corrections for the store.

The dashboard shows figures in an editable table; when it is saved, :func:`diff_edits` compares
the edited table with the one shown and returns one :class:`Edit` per changed cell. Each edit is
keyed by the document's content hash and the figure's span, so it applies again after the text
is re-extracted; ``Store.add_corrections`` saves them all in one transaction, or none.
:data:`CORRECTABLE` is the one list of fields a correction may change (the store checks it,
the Corrections page offers it).

>>> import pandas as pd
>>> shown = pd.DataFrame({"content_hash": ["h"], "start": [5], "end": [19], "value": [145000.0],
...                       "unit": ["troop"], "not_a_figure": [False]})
>>> edited = shown.assign(value=[150000.0])
>>> diff_edits(shown, edited)
[Edit(content_hash='h', start=5, end=19, field='value', old='145000.0', new='150000.0')]
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from tracker.schema import SUBTYPES

#: The fields a correction may change, in the order the Corrections page shows them.
CORRECTABLE = ("value", "unit", "category", "subtype", "role", "actor", "recipient", "attributed_to",
               "attributed_kind", "attributed_country", "as_of", "not_a_figure")

#: Corrections of how a figure is grouped, made on the Compare page (not in the Corrections
#: editor): ``measure`` moves a figure into another measure (a key of tracker.analysis.measures).
GROUPING_FIELDS = ("measure",)

#: The subtypes a correction may give: those of every category, in order (the category may be
#: corrected in the same save, so a subtype is not checked against the figure's own).
SUBTYPE_CHOICES = tuple(dict.fromkeys(name for names in SUBTYPES.values() for name in names))


@dataclass(frozen=True)
class Edit:
    content_hash: str
    start: int
    end: int
    field: str
    old: str | None
    new: str | None

    @property
    def value(self):
        """The new value typed for its field: float for value, bool for not_a_figure."""
        if self.field == "value":
            return None if self.new is None else float(self.new)
        if self.field == "not_a_figure":
            return self.new == "true"
        return self.new


def diff_edits(shown: pd.DataFrame, edited: pd.DataFrame, fields=CORRECTABLE) -> list[Edit]:
    """One edit per cell of ``fields`` whose value differs between the two tables.

    Rows are matched by position (the data editor keeps rows in place; adding and deleting
    rows is not allowed there). Values are compared as text; empty and missing are the same.
    """
    if len(shown) != len(edited):
        raise ValueError("rows were added or removed; only cells can be corrected")
    edits = []
    for field in fields:
        if field not in shown.columns or field not in edited.columns:
            continue
        for i, (old, new) in enumerate(zip(shown[field].tolist(), edited[field].tolist(), strict=True)):
            old_text, new_text = _as_text(old), _as_text(new)
            if old_text != new_text:
                row = shown.iloc[i]
                edits.append(Edit(str(row["content_hash"]), int(row["start"]), int(row["end"]),
                                  field, old_text, new_text))
    return edits


def _as_text(value) -> str | None:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    try:
        import numpy as np

        if isinstance(value, np.bool_):
            return "true" if bool(value) else "false"
        if isinstance(value, np.floating):
            return None if math.isnan(float(value)) else repr(float(value))
    except ImportError:  # pragma: no cover
        pass
    text = str(value).strip()
    return text or None
