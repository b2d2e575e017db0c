"""Corrections: ``tracker.store.corrections`` (edits from the editable table, the fields that may
be corrected) and ``Store.add_corrections`` (several at once, all or none), on SQLite and, when
``TRACKER_TEST_PG_URL`` is set, Postgres (the ``store`` fixture of ``test_store``)."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from test_store import store  # noqa: F401 - the fixture: an open, empty store on each database
from tracker.load import add_document
from tracker.sources.document import Document
from tracker.store import store as store_module
from tracker.store.corrections import CORRECTABLE, CorrectionError, Edit, corrected, diff_edits

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
    assert CORRECTABLE == ("not_a_figure", "value", "unit", "actor", "attributed_to", "as_of", "low", "high",
                           "approx", "qualifier", "category", "subtype", "role", "recipient", "attributed_kind",
                           "attributed_country")


RANGE = "Officials said Russia had between 10,000 and 15,000 troops and about 40 tanks there."

#: Fields that must agree: (text, [(surface, field, value) saved first], [(surface, field, value) saved
#: together], words of the refusal, or None when they are saved). 10,000-15,000 is a range with
#: value 12,500; "100,000 troops" has no bounds.
TOGETHER = [
    pytest.param(RANGE, [], [("10,000 and 15,000 troops", "low", 16000)], "low (16,000) is above high (15,000)",
                 id="low-above-high"),
    pytest.param(RANGE, [], [("10,000 and 15,000 troops", "high", 12000)], "value (12,500) is above high (12,000)",
                 id="high-below-value"),
    pytest.param(RANGE, [], [("10,000 and 15,000 troops", "high", 12000), ("10,000 and 15,000 troops", "value", 11000)],
                 None, id="value-and-bound-together"),
    pytest.param(RANGE, [("10,000 and 15,000 troops", "low", 12000)], [("10,000 and 15,000 troops", "value", 11000)],
                 "value (11,000) is below low (12,000)", id="value-below-an-earlier-low"),
    pytest.param(RANGE, [], [("10,000 and 15,000 troops", "value", 20000)], None,
                 id="value-alone-drops-the-extracted-bounds"),
    pytest.param(RANGE, [], [("10,000 and 15,000 troops", "low", None), ("10,000 and 15,000 troops", "high", None)],
                 None, id="bounds-cleared"),
    pytest.param(TEXT, [], [("100,000 troops", "high", 90000)], "value (100,000) is above high (90,000)",
                 id="exact-figure-high-below"),
    pytest.param(TEXT, [], [("100,000 troops", "subtype", "loan")], "'loan' is not a subtype of personnel, which has none",
                 id="subtype-of-a-category-without"),
    pytest.param(TEXT, [], [("40 tanks", "subtype", "killed")], "one of: destroyed, damaged, captured, delivered",
                 id="subtype-of-another-category"),
    pytest.param(TEXT, [], [("40 tanks", "subtype", "destroyed")], None, id="subtype-of-its-category"),
    pytest.param(TEXT, [], [("100,000 troops", "subtype", "killed"), ("100,000 troops", "category", "casualties")],
                 None, id="subtype-with-its-new-category"),
    pytest.param(TEXT, [("40 tanks", "subtype", "destroyed")], [("40 tanks", "category", "money")],
                 "'destroyed' is not a subtype of money", id="category-leaves-its-subtype-behind"),
    pytest.param(TEXT, [("40 tanks", "subtype", "destroyed")], [("40 tanks", "category", "money"),
                                                                ("40 tanks", "subtype", "")],
                 None, id="category-with-its-subtype-cleared"),
]


@pytest.mark.parametrize("text, first, edits, words", TOGETHER)
def test_fields_that_must_agree(store, text, first, edits, words):  # noqa: F811
    h = add_document(store, Document("brief", text)).content_hash
    spans = store.figures().set_index("surface")[["start", "end"]]

    def rows(changes):
        return [(h, *map(int, spans.loc[surface]), field, value) for surface, field, value in changes]

    store.add_corrections(rows(first))
    saved = len(store.corrections())
    if words is None:
        store.add_corrections(rows(edits))
        assert len(store.corrections()) == saved + len(edits)
    else:
        with pytest.raises(CorrectionError, match=re.escape(words)) as error:
            store.add_corrections(rows(edits))
        assert (error.value.start, error.value.end) == tuple(spans.loc[edits[0][0]])
        assert error.value.field in {field for _, field, _ in edits}
        assert len(store.corrections()) == saved  # nothing of the batch


#: Corrections of one figure, as stored -> what Store.figures() and corrected() both show.
APPLIED = [
    ({"value": "20000.0"}, {"value": 20000.0, "low": None, "high": None}),
    ({"value": "20000.0", "high": "30000.0"}, {"value": 20000.0, "low": None, "high": 30000.0}),
    ({"value": "11000.0"}, {"value": 11000.0, "low": 10000.0, "high": 15000.0}),
    ({"low": None, "approx": "true", "qualifier": "up to"}, {"low": None, "approx": True, "qualifier": "up to"}),
    ({"as_of": "2021-11"}, {"as_of": "2021-11-01", "as_of_precision": "month"}),
    ({"as_of": "2021-11-20"}, {"as_of": "2021-11-20", "as_of_precision": "day"}),
    ({"as_of": None}, {"as_of": None, "as_of_precision": None}),
]


@pytest.mark.parametrize("fixes, shown", APPLIED)
def test_the_store_applies_corrections_as_corrected_does(store, fixes, shown):  # noqa: F811
    h = add_document(store, Document("brief", RANGE, published="2021-11-25")).content_hash
    extracted = store.figures().iloc[0].to_dict()
    assert extracted["surface"] == "10,000 and 15,000 troops"
    store.add_corrections([(h, extracted["start"], extracted["end"], field, value) for field, value in fixes.items()])
    fixed = store.figures().iloc[0].to_dict()
    one = corrected(extracted, fixes)

    def plain(value):
        return None if pd.isna(value) else value

    assert {name: plain(fixed[name]) for name in shown} == shown == {name: plain(one[name]) for name in shown}


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
