"""Corrections: ``tracker.store.corrections`` (edits from the editable table, the fields that may
be corrected) and ``Store.add_corrections`` (several at once, all or none), on SQLite and, when
``TRACKER_TEST_PG_URL`` is set, Postgres (the ``store`` fixture of ``test_store``)."""
from __future__ import annotations

import pandas as pd
import pytest

from test_store import store  # noqa: F401 - the fixture: an open, empty store on each database
from tracker.load import add_document
from tracker.sources.document import Document
from tracker.store import store as store_module
from tracker.store.corrections import CORRECTABLE, Edit, diff_edits

TEXT = "Russia has massed 100,000 troops and 40 tanks."


def loaded(store):  # noqa: F811
    result = add_document(store, Document("brief", TEXT))
    return result.content_hash


def test_the_store_checks_the_one_list_of_correctable_fields():
    assert store_module.CORRECTABLE is CORRECTABLE


def test_edits_are_saved_together(store):  # noqa: F811
    h = loaded(store)
    before = store.version()
    ids = store.add_corrections([Edit(h, 18, 32, "value", "100000.0", "110000.0"),
                                 (h, 37, 45, "not_a_figure", True)], author="ed")
    assert len(ids) == 2 and ids == sorted(ids)
    saved = store.corrections()
    assert saved["field"].tolist() == ["value", "not_a_figure"] and set(saved["author"]) == {"ed"}
    assert store.version() == before + 1  # one transaction
    fixed = store.figures().set_index("surface")
    assert fixed.loc["100,000 troops", "value"] == 110000.0 and bool(fixed.loc["40 tanks", "not_a_figure"])


INVALID = [
    # (a bad edit among good ones, the error, words of its message)
    pytest.param(("category", "not-a-category"), ValueError, "unknown category", id="category"),
    pytest.param(("value", None), ValueError, "must be a number", id="value-cleared"),
    pytest.param(("value", "many"), ValueError, "must be a number", id="value-text"),
    pytest.param(("colour", "red"), ValueError, "cannot correct", id="field"),
    pytest.param(("not_a_figure", "maybe"), ValueError, "true or false", id="flag"),
    pytest.param(("attributed_kind", "ministry"), ValueError, "unknown kind of source", id="kind"),
]


@pytest.mark.parametrize("bad, error, words", INVALID)
def test_one_invalid_edit_saves_nothing(store, bad, error, words):  # noqa: F811
    h = loaded(store)
    before = store.version()
    with pytest.raises(error, match=words):
        store.add_corrections([(h, 18, 32, "value", 1.0), (h, 37, 45, *bad), (h, 37, 45, "unit", "x")])
    assert store.corrections().empty and store.version() == before


def test_an_edit_of_no_figure_rolls_back_those_before_it(store):  # noqa: F811
    h = loaded(store)
    with pytest.raises(KeyError, match="no figure at 0-6"):
        store.add_corrections([(h, 18, 32, "value", 1.0), (h, 0, 6, "value", 2.0)])
    assert store.corrections().empty


def test_no_edits_write_nothing(store):  # noqa: F811
    loaded(store)
    before = store.version()
    assert store.add_corrections([]) == []
    assert store.version() == before


def test_the_fields_users_correct():
    assert CORRECTABLE == ("value", "unit", "category", "subtype", "role", "actor", "recipient",
                           "attributed_to", "attributed_kind", "attributed_country", "as_of", "not_a_figure")


#: (row of TEXT's figures, field, what is typed in the table, what is stored and shown)
TABLE_EDITS = [
    (0, "value", 99000.0, 99000.0),
    (1, "actor", "ukraine", "ukraine"),
    (0, "recipient", "ukraine", "ukraine"),
    (0, "attributed_to", "ministry of defence", "ministry of defence"),
    (0, "attributed_kind", "body", "body"),
    (1, "attributed_country", "UK", "uk"),
]


def test_the_edited_table_round_trips_through_the_store(store):  # noqa: F811
    loaded(store)
    shown = store.figures()[["content_hash", "start", "end", "surface", *CORRECTABLE]]
    edited = shown.copy()
    for row, field, typed, _ in TABLE_EDITS:
        edited.loc[row, field] = typed
    edits = diff_edits(shown, edited)
    assert [(e.start, e.field) for e in edits] == [
        (shown.loc[row, "start"], field) for row, field, _, _ in sorted(
            TABLE_EDITS, key=lambda edit: CORRECTABLE.index(edit[1]))]
    store.add_corrections(edits, author="ed")
    after = store.figures()
    assert [after.loc[row, field] for row, field, _, _ in TABLE_EDITS] == [shown for *_, shown in TABLE_EDITS]
    assert after["corrected"].all()
