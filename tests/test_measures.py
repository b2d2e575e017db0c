"""Tests for ``tracker.analysis.measures``: keys (stable, lower-case ASCII) and labels as a user
names a measure. Cases are the fields a figure of common news copy gets, and the key and label
a reader would expect of it."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.analysis.measures import is_key, measure_key, measure_label, parse_key, side_name

KEY_CASES = [
    # (category, unit, actor, recipient, subtype) -> key
    pytest.param(("personnel", "troop", "russia", None, None), "count:russia:troop:personnel:-", id="troops"),
    pytest.param(("personnel", "paratrooper", "russia", None, None), "count:russia:troop:personnel:-",
                 id="a-branch-is-troops"),
    pytest.param(("personnel", "militant", "hamas", None, None), "count:hamas:fighter:personnel:-",
                 id="militants-are-fighters"),
    pytest.param(("personnel", None, "russia", None, None), "count:russia:troop:personnel:-",
                 id="no-unit-takes-the-category-family"),
    pytest.param(("casualties", "troop", "russia", None, "killed"), "count:russia:troop:casualties:killed",
                 id="military-killed"),
    pytest.param(("casualties", "troop", "russia", None, "killed_or_wounded"),
                 "count:russia:troop:casualties:killed_or_wounded", id="killed-or-wounded-is-its-own"),
    pytest.param(("casualties", None, "ukraine", None, "killed"), "count:ukraine:person:casualties:killed",
                 id="toll-without-a-noun"),
    pytest.param(("military_unit", "battalion tactical group", "russia", None, None),
                 "count:russia:battalion_tactical_group:military_unit:-", id="spaces"),
    pytest.param(("money", "USD", "us", "ukraine", "military_aid"), "money:ukraine:military_aid", id="money"),
    pytest.param(("money", "EUR", "germany", "ukraine", "military_aid"), "money:ukraine:military_aid",
                 id="every-currency-one-family"),
    pytest.param(("money", "GBP", "uk", None, None), "money:-:-", id="money-nothing-named"),
    pytest.param(("other_count", "hostage", "israel", None, None), "count:israel:hostage:other_count:-",
                 id="other-count"),
    pytest.param(("personnel", "troop", "côte d'ivoire", None, None), "count:cote_d_ivoire:troop:personnel:-",
                 id="ascii-only"),
    pytest.param((None, "troop", "russia", None, None), None, id="no-category"),
    pytest.param(("percent", None, "russia", None, None), None, id="no-unit-no-family"),
]


@pytest.mark.parametrize("fields, key", KEY_CASES)
def test_measure_key(fields, key):
    category, unit, actor, recipient, subtype = fields
    got = measure_key(category, unit, actor, recipient=recipient, subtype=subtype)
    assert got == key
    if key is not None:
        assert is_key(got) and got == got.lower() and got.isascii()


LABEL_CASES = [
    ("count:russia:troop:personnel:-", "Russian troops"),
    ("count:us:troop:personnel:-", "US troops"),
    ("count:-:troop:personnel:-", "Troops (whose not stated)"),
    ("count:russia:troop:casualties:killed", "Russian military killed"),
    ("count:russia:person:casualties:killed_or_wounded", "Russian killed or wounded"),
    ("count:ukraine:civilian:casualties:killed", "Ukrainian civilians killed"),
    ("count:russia:troop:casualties:-", "Russian military casualties"),
    ("count:ukraine:person:displaced:-", "Ukrainian displaced people"),
    ("count:ukraine:refugee:displaced:-", "Ukrainian refugees"),
    ("count:russia:tank:equipment:destroyed", "Russian tanks destroyed"),
    ("count:russia:aircraft:equipment:-", "Russian aircraft"),
    ("count:russia:battalion_tactical_group:military_unit:-", "Russian battalion tactical groups"),
    ("count:uk:troop:personnel:-", "British troops"),
    ("count:wagner_group:fighter:personnel:-", "Wagner Group fighters"),
    ("money:ukraine:military_aid", "Military aid to Ukraine"),
    ("money:ukraine:loan", "Loans to Ukraine"),
    ("money:ukraine:-", "Money to Ukraine"),
    ("money:-:loan_guarantee", "Loan guarantees (recipient not named)"),
    ("money:-:budget", "Budgets"),
    ("money:gaza:humanitarian_aid", "Humanitarian aid to Gaza"),
]


@pytest.mark.parametrize("key, label", LABEL_CASES)
def test_measure_label(key, label):
    assert measure_label(key) == label


def test_parse_key_reads_the_parts_back():
    m = parse_key("count:russia:battalion_tactical_group:military_unit:-")
    assert (m.kind, m.actor, m.family, m.category, m.subtype) == ("count", "russia", "battalion tactical group",
                                                                  "military_unit", None)
    money = parse_key("money:ukraine:military_aid")
    assert (money.kind, money.recipient, money.subtype, money.category) == ("money", "ukraine", "military_aid", "money")
    with pytest.raises(ValueError):
        parse_key("Russian troops")


@pytest.mark.parametrize("text", ["", "count:russia", "count:Russia:troop:personnel:-", "money:a:b:c",
                                  "count:russia:troop:personnel:-\n", "money:ukraine:military aid"])
def test_not_keys(text):
    assert not is_key(text)


def test_side_names():
    assert (side_name("russia"), side_name("russia", adjective=True)) == ("Russia", "Russian")
    assert (side_name("us"), side_name("us", adjective=True)) == ("the US", "US")
    assert side_name("el salvador", adjective=True) == "El Salvador"  # not listed: its name
    assert side_name(None) == ""


names = st.one_of(st.none(), st.text(max_size=20))


@given(st.sampled_from(["personnel", "casualties", "money", "equipment", "other_count", "displaced"]),
       names, names, names, names)
def test_every_key_is_a_key_with_a_label(category, unit, actor, recipient, subtype):
    key = measure_key(category, unit, actor, recipient=recipient, subtype=subtype)
    if key is None:
        return
    assert is_key(key) and key.isascii() and key == key.lower()
    assert key == measure_key(category, unit, actor, recipient=recipient, subtype=subtype)  # stable
    assert measure_label(key).strip()
