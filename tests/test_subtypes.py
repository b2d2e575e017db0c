"""The subtype stage: what exactly a figure counts within its category (tracker.extract.subtypes).

Each case is a sentence written for this test, the figure (by the start of its surface) and the
subtype it must get; the property test checks that any text gives a subtype of its figure's
category, or none.
"""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import extract_figures
from tracker.schema import SUBTYPES


def subtype_of(text: str, surface: str):
    rows = [r for r in extract_figures(text).to_dict("records") if r["surface"].startswith(surface)]
    assert rows, f"no figure {surface!r} in {text!r}"
    value = rows[0]["subtype"]
    return None if pd.isna(value) else value


@pytest.mark.parametrize("text, surface, expected", [
    # casualties
    ("Shelling overnight killed 14 civilians in the town.", "14", "killed"),
    ("The ministry said 62 people died in the floods.", "62", "killed"),
    ("Hospitals counted 4,300 people dead after the siege.", "4,300", "killed"),
    ("Police recorded 38 fatalities on the roads.", "38", "killed"),
    ("Rescuers said 2,150 people were injured in the quake.", "2,150", "wounded"),
    ("At least 9 soldiers were hurt in the blast.", "9", "wounded"),
    ("The brigade reported 430 soldiers killed or wounded in a week.", "430", "killed_or_wounded"),
    ("The army has taken 21,000 casualties since the spring.", "21,000", "killed_or_wounded"),
    ("About 75 people are missing after the landslide.", "75", "missing"),
    ("The regiment lost 600 men in the assault.", "600", "losses"),
    # money
    ("Washington unveiled a $325 million military aid package for Kyiv.", "$325", "military_aid"),
    ("The Pentagon announced $150m in security assistance.", "$150m", "military_aid"),
    ("The agency sent $40m in humanitarian assistance to the region.", "$40m", "humanitarian_aid"),
    ("Brussels signed off €4.5bn in macro-financial assistance.", "€4.5bn", "financial_aid"),
    ("The bank will pay $900m in budget support.", "$900m", "financial_aid"),
    ("The fund approved a loan of $2.3bn for the country.", "$2.3bn", "loan"),
    ("Tokyo offered a loan guarantee of up to $600m.", "$600m", "loan_guarantee"),
    ("The foundation awarded $12m in grants to hospitals.", "$12m", "grant"),
    ("Parliament passed a defence budget of $48bn.", "$48bn", "budget"),
    ("The budget deficit widened to $7bn.", "$7bn", None),
    ("The company earned $3bn last year.", "$3bn", None),
    # equipment
    ("Gunners destroyed 17 tanks near the river.", "17", "destroyed"),
    ("Air defences shot down 31 drones overnight.", "31", "destroyed"),
    ("Crews intercepted 8 cruise missiles over the capital.", "8", "destroyed"),
    ("Another strike damaged 6 helicopters at the airfield.", "6", "damaged"),
    ("The unit captured 9 armoured vehicles intact.", "9", "captured"),
    ("Berlin has delivered 14 howitzers so far.", "14", "delivered"),
    ("The army will receive 40 armoured vehicles next month.", "40", "delivered"),
    ("The minister pledged 60 tanks.", "60", None),
    # other categories take no subtype, whatever the words around
    ("Some 12,000 troops were killed, officials said, and 40% of them were conscripts.", "40%", None),
])
def test_subtype(text, surface, expected):
    assert subtype_of(text, surface) == expected


@pytest.mark.parametrize("text, expected", [
    ("The raid killed 5 soldiers and wounded 20 civilians.", ["killed", "wounded"]),
    ("Twelve were wounded and 3 died in hospital.", ["wounded", "killed"]),
    ("Police said 8 people were killed; 40 were injured.", ["killed", "wounded"]),
    # the figure's own predicate wins over a nearer word before it
    ("About 2,000 people were injured and 350 are still unaccounted for.", ["wounded", "missing"]),
    # a part of the killed is not wounded by the next clause
    ("The strike killed 14 civilians, including five children, and left 30 others wounded.",
     ["killed", "killed", "wounded"]),
])
def test_two_subtypes_in_one_sentence(text, expected):
    frame = extract_figures(text)
    casualties = frame[frame["category"] == "casualties"]
    assert casualties["subtype"].tolist() == expected


_WORDS = st.sampled_from(
    "killed wounded injured dead missing losses lost casualties tanks drones destroyed damaged captured "
    "delivered sent loan grant budget aid military humanitarian $5m €2bn 300 1,200 troops people "
    "of and or , ; : - the a deficit guarantee assistance support macro-financial shot down".split())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=200), st.lists(_WORDS, max_size=30).map(" ".join)))
def test_subtype_is_of_its_category_or_none(text):
    for row in extract_figures(text).to_dict("records"):
        subtype = None if pd.isna(row["subtype"]) else row["subtype"]
        category = None if pd.isna(row["category"]) else row["category"]
        assert subtype is None or subtype in SUBTYPES.get(category, ()), row
