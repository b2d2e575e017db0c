"""What a figure counts, read from its context (tracker.extract.counted): tables of cases in our
own words, text in and (surface or value, unit, category) out, and properties of the stage."""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker import extract_figures
from tracker.extract.counted import counted
from tracker.extract.document import DocumentContext
from tracker.extract.figures import figures_in_sentence
from tracker.extract.lexicon import load_lexicon
from tracker.extract.sentences import split_sentences


def read(text: str) -> dict[float, tuple]:
    """value -> (unit, category) of every figure of ``text`` that is not derived."""
    frame = extract_figures(text)
    frame = frame[~frame["derived"]]
    return {row.value: (None if pd.isna(row.unit) else row.unit, None if pd.isna(row.category) else row.category)
            for row in frame.itertuples()}


#: (id, text, {value: (unit, category)}) for the figures the case is about.
BARE_NUMBERS = [
    ("of-these-after-a-sentence-about-tanks",
     "Russia has lost 3,700 tanks since the invasion. Of these, 2,600 were destroyed and 500 were captured.",
     {2600: ("tank", "equipment"), 500: ("tank", "equipment")}),
    ("death-toll-rose-to",
     "The death toll from the floods in the south has risen to 147.",
     {147: ("death", "casualties")}),
    ("injuries-rose-to",
     "The deaths included 900 children, while the injuries rose to 2,500.",
     {2500: ("injury", "casualties")}),
    ("partitive-of-the-figure-after",
     "The group freed 20 of the 200 hostages on Sunday.",
     {20: ("hostage", "other_count"), 200: ("hostage", "other_count")}),
    ("of-them-takes-the-figure-before",
     "The commander had 25,000 soldiers in all, and around 5,000 of them were in the city.",
     {5000: ("troop", "personnel")}),
    ("compared-with-the-figure-before",
     "Moscow has moved 125 battalions to the border, compared with the 60 kept there in normal times.",
     {60: ("battalion", "military_unit")}),
    ("another-after-a-crowd",
     "Some 200,000 people rallied in the capital. Another 30,000 gathered in the port and 8,000 in the north.",
     {30000: ("person", "other_count"), 8000: ("person", "other_count")}),
    ("a-total-of-after-coordinated-nouns",
     "The brigade will grow to 1,800 men and women next year and to a total of 2,000 later.",
     {2000: ("troop", "personnel")}),
    ("a-small-part-after-of-these",
     "At least 23 people were killed in the city. Of these, 5 were children.",
     {5: ("person", "casualties")}),
    ("a-small-part-of-them",
     "At least 23 people were killed, 5 of them children.",
     {5: ("person", "casualties")}),
    ("others-in-a-list",
     "Russia lost 3 tanks and 2 others near the river.",
     {3: ("tank", "equipment"), 2: ("tank", "equipment")}),
    ("others-wounded-are-people",
     "The strike killed 14 civilians and left 30 others wounded.",
     {30: ("person", "casualties")}),
    ("number-of-wounded",
     "The number of wounded reached 3,000 by the evening.",
     {3000: ("person", "casualties")}),
]

CONTEXT_UNITS = [
    ("units-of-equipment-then-units",
     "The army has lost 20,000 units of equipment. Some 15,000 units were destroyed outright.",
     {20000: ("equipment unit", "equipment"), 15000: ("equipment unit", "equipment")}),
    ("units-of-weapons",
     "More than 16 thousand units of modern weapons will be supplied to the district.",
     {16000: ("equipment unit", "equipment")}),
    ("men-in-a-convoy-of-fighters",
     "A convoy of rebel fighters carrying about 5,000 men neared the capital.",
     {5000: ("troop", "personnel")}),
    ("fighters-of-a-mercenary-group",
     "The mercenary group has about 50,000 fighters in the country.",
     {50000: ("fighter", "personnel")}),
    ("men-killed-are-no-troops",
     "Gunmen attacked the village, and 13 men and one woman were found dead.",
     {13: ("man", "casualties"), 1: ("woman", "casualties")}),
    ("jets-planes-and-warplanes-are-aircraft",
     "The air force lost 12 fighter jets, 4 planes and 3 warplanes in the battle.",
     {12: ("aircraft", "equipment"), 4: ("aircraft", "equipment"), 3: ("aircraft", "equipment")}),
    ("missile-kinds-are-missiles",
     "It fired 30 cruise missiles and 120 ballistic missiles overnight.",
     {30: ("missile", "equipment"), 120: ("missile", "equipment")}),
    ("prisoners-of-war",
     "Kyiv says it now holds 600 Russian POWs and 90 prisoners of war from Belarus.",
     {600: ("prisoner of war", "other_count"), 90: ("prisoner of war", "other_count")}),
    ("compound-nouns-keep-their-kind",
     "The strikes damaged 40 healthcare facilities, and 29 major shipping companies avoided the route.",
     {40: ("healthcare facility", "other_count"), 29: ("shipping company", "other_count")}),
    ("demonyms-count-people",
     "More than 300 Canadians and 40 Brazilians were evacuated from the city.",
     {300: ("person", "displaced"), 40: ("person", "displaced")}),
]

EVENTS = [
    ("deaths-included-a-list",
     "The ministry said the deaths included 4,000 children and 2,600 women.",
     {4000: ("child", "casualties"), 2600: ("woman", "casualties")}),
    ("among-the-casualties-after-a-list",
     "Over 600 Egyptians, 90 Indians and 30 Jordanians were among the dead.",
     {600: ("person", "casualties"), 90: ("person", "casualties"), 30: ("person", "casualties")}),
    ("own-clause-wins-over-a-nearer-word",
     "While 100 detainees were released, 14 people were later found dead.",
     {14: ("person", "casualties")}),
    ("displaced-and-injured-in-one-sentence",
     "About 600,000 people were displaced this year and 1,200 were injured, including 300 women.",
     {600000: ("person", "displaced"), 1200: ("person", "casualties"), 300: ("woman", "casualties")}),
    ("pilgrims-died",
     "At least 1,000 pilgrims from ten countries have died in the heat.",
     {1000: ("pilgrim", "casualties")}),
    ("captured-troops-are-captives",
     "Ukrainian forces captured 130 Russian soldiers near the river.",
     {130: ("troop", "other_count")}),
    ("hostages-are-no-casualties",
     "The attackers killed 1,200 people and took 250 hostages.",
     {1200: ("person", "casualties"), 250: ("hostage", "other_count")}),
    ("forced-to-move",
     "Six million people were forced to move within a year.",
     {6e6: ("person", "displaced")}),
]

LISTS = [
    ("losses-by-direction",
     "Kyiv lost 1,500 soldiers in the east, 900 soldiers in the south and up to 350 soldiers near the coast.",
     {1500: ("troop", "casualties"), 900: ("troop", "casualties"), 350: ("troop", "casualties")}),
    ("a-new-verb-ends-the-list",
     "Russia lost 300 soldiers, while Ukraine deployed 2,000 soldiers to the front.",
     {300: ("troop", "casualties"), 2000: ("troop", "personnel")}),
]

NOT_LENT = [
    ("money-lends-no-count",
     "The fund lent $5bn last year. Another 300 arrived on Monday.",
     {300: (None, None)}),
    ("nothing-to-take-from",
     "He counted 14 in all.",
     {14: (None, None)}),
    ("a-deployment-is-no-loss",
     "Russia has 150,000 troops near the border.",
     {150000: ("troop", "personnel")}),
]


@pytest.mark.parametrize("text, expected", [pytest.param(t, e, id=i) for i, t, e in
                                            BARE_NUMBERS + CONTEXT_UNITS + EVENTS + LISTS + NOT_LENT])
def test_unit_and_category_from_context(text, expected):
    got = read(text)
    assert {value: got.get(value) for value in expected} == expected


FRAGMENTS = [
    "Of these,", "Another", "12,000", "were killed", "troops", "units of equipment", "and", "3.5 million",
    "people fled", "the death toll rose to", "hostages", "$4bn", "percent", "5%", ".", ",", "of them",
    "men", "fighters", "while", "injured", "including", "children", "tanks", "; ", "destroyed",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=25))
def test_the_stage_only_fills_in_counts(words):
    """On any text: it never raises, runs twice to the same result, and never touches money,
    percentages, spans or values."""
    text = " ".join(words)
    lex = load_lexicon()
    sentences = [(start, s, figures_in_sentence(s, lex)) for start, s in split_sentences(text)]
    before = [[(m.start, m.end, m.value, m.unit, m.category) for m in figs] for _, _, figs in sentences]
    doc = DocumentContext(text, lex, sentences)
    counted(doc)
    once = [[(m.start, m.end, m.value, m.unit, m.category) for m in figs] for _, _, figs in sentences]
    counted(doc)
    twice = [[(m.start, m.end, m.value, m.unit, m.category) for m in figs] for _, _, figs in sentences]
    assert once == twice
    for old, new in zip(before, once):
        for (s0, e0, v0, u0, c0), (s1, e1, v1, u1, c1) in zip(old, new, strict=True):
            assert (s0, e0, v0) == (s1, e1, v1)
            if c0 in ("money", "percent"):
                assert (u0, c0) == (u1, c1)
            assert c1 is None or c1 in lex.categories


def test_men_taken_hostage_stay_men():
    assert read("Rebel fighters seized the town and took 300 men hostage.")[300] == ("man", "other_count")


def test_the_property_case_that_found_men_turned_troops_then_captives():
    """Running the stage twice gave troops, then captives: the two rules now read the same word."""
    test_the_stage_only_fills_in_counts.hypothesis.inner_test(
        ["12,000", "men", "Of these,", "Another", "fighters", "hostages"])
