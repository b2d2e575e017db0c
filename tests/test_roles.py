"""The role stage: how a figure relates to the others (tracker.extract.roles).

Each case is a sentence written for this test, the figure (by the start of its surface) and the
role it must get; the property test checks that any text gives every figure a role of ROLES.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import extract_figures
from tracker.extract.roles import PRECEDENCE
from tracker.schema import ROLES


def role_of(text: str, surface: str) -> str:
    rows = [r for r in extract_figures(text).to_dict("records")
            if r["surface"].startswith(surface) and not r["derived"]]
    assert rows, f"no figure {surface!r} in {text!r}"
    return rows[0]["role"]


@pytest.mark.parametrize("text, surface, expected", [
    # total: nothing said
    ("The garrison numbers 3,500 troops.", "3,500", "total"),
    ("Moscow moved 60 tanks to the border.", "60", "total"),
    # part
    ("The corps has 90,000 soldiers, and 52,000 of them are infantry.", "52,000", "part"),
    ("Of these, 140 were destroyed in the first month.", "140", "part"),
    ("The strikes killed 210 people, including 45 children.", "45", "part"),
    ("The strikes killed 210 people, including 45 children and 30 women.", "30", "part"),
    ("Some 2,000 people fled, among them 600 students.", "600", "part"),
    ("Police detained 80 people, 25 of whom were minors.", "25", "part"),
    ("Of the 300 towns hit, 120 were flooded.", "120", "part"),
    ("Of the 300 towns hit, 120 were flooded.", "300", "total"),
    ("The war has displaced 3 million people; of these, 1 million have left the country.", "1 million", "part"),
    ("Of these, 140 were destroyed and 65 damaged.", "65", "part"),
    ('Officers said "30%" of them had deserted.', "30%", "part"),
    ("The strikes killed 210 people, including 45 children.", "210", "total"),
    ("The UN confirmed 1,179 deaths. Among them were 104 children.", "104", "part"),
    # increment: a further amount of a stock
    ("Moscow sent a further 11 battalions to the front.", "11", "increment"),
    ("The general asked for 5,000 more troops.", "5,000", "increment"),
    ("Another 3,200 soldiers arrived on Monday.", "3,200", "increment"),
    ("The alliance will station an additional 1,500 troops there.", "1,500", "increment"),
    # money: a further package is a new pledge, a total of its own
    ("The White House approved another $275 million package.", "$275", "total"),
    ("London pledged a further £250m in military support.", "£250m", "total"),
    # cumulative
    ("The new tranche brings the total to $61bn.", "$61bn", "cumulative"),
    ("The package was worth $2bn, bringing total US military aid to $44bn.", "$44bn", "cumulative"),
    # "so far" after a superlative ranks the figure: no running total
    ("Berlin announced a package worth €2.7 billion, its largest so far.", "€2.7 billion", "total"),
    ("The deadliest strike to date killed 40 people.", "40", "total"),
    # a cumulative word after "bringing" is the brought total's, not the amount before it
    ("Washington announced an additional $800 million, bringing the total to $2 billion since March.",
     "$800 million", "total"),
    ("Washington announced an additional $800 million, bringing the total to $2 billion since March.",
     "$2 billion", "cumulative"),
    ("About 9,000 civilians have been killed since February 2022.", "9,000", "cumulative"),
    ("The army has lost 2,400 tanks so far.", "2,400", "cumulative"),
    ("Donors have pledged $18bn to date.", "$18bn", "cumulative"),
    ("Since the start of the invasion, 6 million people have fled.", "6 million", "cumulative"),
    ("Rescuers pulled 70 people out in total.", "70", "cumulative"),
    # per_unit
    ("The division has 9 battalions, each numbering about 700 troops.", "700", "per_unit"),
    ("The division has 9 battalions, each numbering about 700 troops.", "9", "total"),
    ("The units of up to 900 troops each moved north.", "900", "per_unit"),
    ("The crews received 4 missiles apiece.", "4", "per_unit"),
    ("Oil traded at $82 a barrel.", "$82", "per_unit"),
    # rate
    ("The army is losing 900 soldiers a day.", "900", "rate"),
    ("The ministry spends $120 million per day on the war.", "$120", "rate"),
    ("Some 40,000 migrants arrive every month.", "40,000", "rate"),
    ("The country exports 2 million tonnes annually.", "2 million", "rate"),
    ("Every day, 300 shells hit the city.", "300", "rate"),
    ("The army lost 500 troops a year ago.", "500", "total"),
    # precedence: a rate over a cumulative, a part over an increment
    ("Since May the army has lost 700 troops a day.", "700", "rate"),
    ("The convoy brought 400 more vehicles, including 90 more tanks.", "90", "part"),
])
def test_role(text, surface, expected):
    assert role_of(text, surface) == expected


def test_precedence_names_every_role_once():
    assert PRECEDENCE == ("rate", "per_unit", "part", "cumulative", "increment")
    assert set(PRECEDENCE) | {"total"} == set(ROLES)


def test_derived_figures_keep_total():
    frame = extract_figures("Russia has 12 battalions, each numbering about 800 troops.")
    assert frame[frame["derived"]]["role"].tolist() == ["total"]


_WORDS = st.sampled_from(
    "a further another more additional each apiece per day a year daily of them whom including among "
    "since so far to date bringing the total to in total 300 1,200 $5m troops tanks battalions , ; ( ) "
    "numbering about up to killed wounded".split())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=200), st.lists(_WORDS, max_size=30).map(" ".join)))
def test_role_is_always_one_of_roles(text):
    for row in extract_figures(text).to_dict("records"):
        assert row["role"] in ROLES, row


def test_a_product_is_dated_stated_and_counted_as_the_count_it_multiplies():
    """Derived figures take their date, source and (increment, part, cumulative) role from the
    count they multiply, not from the sentence's first figure."""
    from tracker import extract_figures

    text = ("On Monday, officials said, 3 battalions arrived; on Tuesday Russia sent a further "
            "14 battalions, each of about 800 troops, the ministry said.")
    frame = extract_figures(text, published="2024-03-15")
    product = frame[frame["derived"]].iloc[0]
    assert product["value"] == 14 * 800
    assert (product["as_of"], product["attributed_to"], product["role"]) == ("2024-03-12", "ministry", "increment")
