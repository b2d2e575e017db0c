"""Tests for ``tracker.analysis.compare``: measures, the compare tables and the compare view's
URL state (on the rows of ``troop_estimates``, whose docstring says where they come from)."""
from __future__ import annotations


import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker import extract_figures
from tracker.schema import to_frame
from tracker.analysis.compare import (
    COMPARE_QUERY_KEYS, ESTIMATE_COLUMNS, SUMMARY_COLUMNS, CompareState, compare, compare_summary, measure_label, measure_options, measures,
)
from troop_estimates import figures, ids, row


# --------------------------------------------------------------------------- compare

TROOPS_IN_ORDER = ["ua-92k", "us-70k", "us-175k", "derived", "gu-145k", "us-150k", "osce", "undated"]

COMPARE_CASES = [
    pytest.param(("personnel", "troop", "russia", None), TROOPS_IN_ORDER, id="by-published-undated-last"),
    pytest.param(("personnel", "troop", None, None), TROOPS_IN_ORDER, id="any-actor"),
    pytest.param(("personnel", "troop", "russia", "russian"), ["ua-92k", "undated"], id="word"),
    pytest.param(("personnel", "troop", "russia", "RUSSIAN TROOPS"), ["ua-92k", "undated"], id="phrase-any-case"),
    pytest.param(("personnel", "troop", "russia", "troop"),
                 ["ua-92k", "us-70k", "us-175k", "derived", "gu-145k", "us-150k", "undated"],
                 id="singular-finds-plural"),
    pytest.param(("personnel", "troop", "russia", "personnel"), ["osce"], id="other-word"),
    pytest.param(("personnel", "troop", "russia", "rus"), [], id="whole-words-only"),
    pytest.param(("personnel", "troop", "russia", "("), [], id="regex-character"),
    pytest.param(("personnel", "troop", "russia", "  "), TROOPS_IN_ORDER, id="blank-word-ignored"),
    pytest.param(("money", "USD", "us", "loan"), ["loan"], id="money"),
    pytest.param(("money", "USD", "us", "us"), [], id="us-is-not-in-sovereign"),
    pytest.param(("military_unit", "battalion", "russia", None), ["bn-14"], id="battalions"),
    pytest.param(("duration", "minute", None, None), [], id="not-a-figure-never-compared"),
    pytest.param(("personnel", "troop", "ukraine", None), [], id="no-such-actor"),
]


@pytest.mark.parametrize("args, expected", COMPARE_CASES)
def test_compare(args, expected):
    assert ids(compare(figures(), *args)) == expected


def test_compare_columns_and_who():
    estimates = compare(figures(), "personnel", "troop", "russia")
    assert {c: str(t) for c, t in estimates.dtypes.items()} == ESTIMATE_COLUMNS
    who = dict(zip(estimates["figure_id"], estimates["who"]))
    assert who["gu-145k"] == "The Guardian"  # the outlet says it itself
    assert who["us-150k"] == "Joe Biden"
    assert who["undated"] == "Київ Post"
    osce = estimates.set_index("figure_id").loc["osce"]
    assert (osce["low"], osce["high"], osce["source"]) == (169000.0, 190000.0, "Reuters")
    assert estimates.set_index("figure_id").loc["derived", "derived"] == True  # noqa: E712


def test_compare_empty_has_columns():
    empty = compare(figures().iloc[:0], "personnel", "troop")
    assert list(empty.columns) == list(ESTIMATE_COLUMNS) and len(empty) == 0


def test_measures():
    got = measures(figures()).to_dict("records")
    assert got == [
        {"category": "personnel", "unit": "troop", "actor": "russia", "n": 8},
        {"category": "military_unit", "unit": "battalion", "actor": "russia", "n": 1},
        {"category": "money", "unit": "USD", "actor": "us", "n": 1},
    ]


def test_measures_any_actor_row():
    frame = pd.concat([figures(), to_frame([
        row("ua-own", "2022-02-20", "Kyiv Independent", 250000.0, "250,000 troops",
            "Ukraine has 250,000 troops.", actor="ukraine"),
        row("no-actor", "2022-02-21", "BBC", 5.0, "five battalions", "Five battalions moved.",
            category="military_unit", unit="battalion", actor=None)])], ignore_index=True)
    got = measures(frame).to_dict("records")
    assert got == [
        {"category": "personnel", "unit": "troop", "actor": None, "n": 9},
        {"category": "personnel", "unit": "troop", "actor": "russia", "n": 8},
        {"category": "military_unit", "unit": "battalion", "actor": None, "n": 2},
        {"category": "military_unit", "unit": "battalion", "actor": "russia", "n": 1},
        {"category": "money", "unit": "USD", "actor": "us", "n": 1},
        {"category": "personnel", "unit": "troop", "actor": "ukraine", "n": 1},
    ]
    for m in got:
        assert len(compare(frame, m["category"], m["unit"], m["actor"])) == m["n"], m


def test_measures_of_the_seed_article():
    """The extractor's own output: every measure it offers compares to its count."""
    text = open("seeds/000_91e23c0da8ec2b98.txt", encoding="utf-8").read()
    frame = extract_figures(text, doc_id="seed", source="The Guardian", published="2022-02-14")
    got = measures(frame)
    assert len(got) > 0
    troops = got[(got["unit"] == "troop") & (got["actor"] == "russia")]
    assert troops["n"].tolist() == [len(compare(frame, "personnel", "troop", "russia"))]
    for m in got.to_dict("records"):
        actor = None if pd.isna(m["actor"]) else m["actor"]
        assert len(compare(frame, m["category"], m["unit"], actor)) == m["n"]


def test_compare_summary():
    summary = compare_summary(compare(figures(), "personnel", "troop", "russia"))
    assert {c: str(t) for c, t in summary.dtypes.items()} == SUMMARY_COLUMNS
    got = {r["who"]: r for r in summary.to_dict("records")}
    assert list(got) == ["British officials", "Joe Biden", "The Guardian", "Ukraine's defence intelligence",
                         "US ambassador to the OSCE", "US intelligence", "Київ Post"]
    us = got["US intelligence"]
    assert (us["n"], us["min"], us["max"], us["median"]) == (2, 70000.0, 175000.0, 122500.0)
    assert us["spread"] == pytest.approx(2.5)
    assert (us["first"], us["last"]) == ("2021-12-03", "2021-12-03")
    assert us["latest"] == 175000.0  # two on that day: the last listed
    assert got["The Guardian"]["first"] == "2022-02-14T21:30"
    undated = got["Київ Post"]
    assert undated["n"] == 1 and pd.isna(undated["first"]) and np.isnan(undated["latest"])


SPREAD_CASES = [
    pytest.param([70000.0, 175000.0], 2.5, id="ratio"),
    pytest.param([5.0], 1.0, id="one-estimate"),
    pytest.param([0.0, 10.0], float("nan"), id="zero-min"),
    pytest.param([-3.0, 10.0], float("nan"), id="negative-min"),
]


@pytest.mark.parametrize("values, spread", SPREAD_CASES)
def test_spread(values, spread):
    estimates = pd.DataFrame({"who": ["A"] * len(values), "published": ["2022-01-01"] * len(values),
                              "value": values})
    got = compare_summary(estimates)["spread"].iloc[0]
    assert (np.isnan(got) and np.isnan(spread)) or got == pytest.approx(spread)


def test_latest_follows_dates_not_rows():
    estimates = pd.DataFrame({"who": ["A", "A", "A"], "published": ["2022-02-01", "2021-12-01", None],
                              "value": [3.0, 1.0, 9.0]})
    got = compare_summary(estimates).iloc[0]
    assert (got["first"], got["last"], got["latest"], got["n"]) == ("2021-12-01", "2022-02-01", 3.0, 3)


def test_compare_summary_empty():
    empty = compare_summary(compare(figures(), "no", "such"))
    assert list(empty.columns) == list(SUMMARY_COLUMNS) and len(empty) == 0


# --------------------------------------------------------------------------- the compare view's URL state

STATE_CASES = [
    # (state, query params)
    (CompareState(), {}),
    (CompareState("personnel", "troop"), {"category": "personnel", "unit": "troop"}),
    (CompareState("personnel", "troop", "russia", "battalion"),
     {"category": "personnel", "unit": "troop", "actor": "russia", "word": "battalion"}),
    (CompareState("money", "USD", "", ""), {"category": "money", "unit": "USD"}),  # "" is none
    (CompareState("other|x", "a b", "ü"), {"category": "other|x", "unit": "a b", "actor": "ü"}),
]


@pytest.mark.parametrize("state, params", STATE_CASES)
def test_compare_state_query_params(state, params):
    assert state.to_query_params() == params
    assert CompareState.from_query_params(params) == state
    assert set(params) <= set(COMPARE_QUERY_KEYS)


def test_compare_state_keeps_the_measure_as_fields():
    state = CompareState.from_query_params({"category": ["money", "personnel"], "unit": "troop",
                                            "actor": "russia", "measure": "x|y|z", "units": "tank"})
    assert (state.category, state.unit, state.actor, state.word) == ("personnel", "troop", "russia", "")
    assert state.measure == ("personnel", "troop", "russia")
    assert state.with_measure(("money", "USD", None)) == CompareState("money", "USD")


@given(st.builds(CompareState, st.one_of(st.none(), st.text()), st.one_of(st.none(), st.text()),
                 st.one_of(st.none(), st.text()), st.text()))
def test_compare_state_round_trips_any_state(state):
    assert CompareState.from_query_params(state.to_query_params()) == state


def test_measure_options_follow_measures_and_name_them():
    choices = measures(figures())
    options = measure_options(choices)
    assert len(options) == len(choices)
    [(key, label)] = [(k, v) for k, v in options.items() if k == ("personnel", "troop", "russia")]
    assert label == measure_label(key, int(choices.query("unit == 'troop' and actor == 'russia'")["n"].iloc[0]))
    assert label.startswith("troop (personnel) of russia — ") and label.endswith(" figures")
    for (category, unit, actor), _ in options.items():  # each option compares its n figures
        assert len(compare(figures(), category, unit, actor)) > 0
