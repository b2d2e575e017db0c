"""Tests for ``tracker.analysis.compare``: the compare view's URL state, its menu, its claims of a
measure and the per-source summary (on the rows of ``troop_estimates``, whose docstring says where
they come from)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker import extract_figures
from tracker.analysis.claims import CLAIM_COLUMNS, measure_table
from tracker.analysis.compare import (
    COMPARE_QUERY_KEYS, SUMMARY_COLUMNS, CompareState, compare, compare_summary, for_download,
    measure_options, shown_values,
)
from troop_estimates import figures

TROOPS = "count:russia:troop:personnel:-"


def first_ids(table: pd.DataFrame) -> list[str]:
    return [ids[0] for ids in table["figure_ids"]]


# --------------------------------------------------------------------------- compare

COMPARE_CASES = [
    pytest.param(CompareState(TROOPS), ["ua-92k", "us-70k", "us-175k", "derived", "gu-145k", "us-150k", "osce",
                                        "undated"], id="by-date-undated-last"),
    pytest.param(CompareState(TROOPS, word="russian"), ["ua-92k", "undated"], id="word"),
    pytest.param(CompareState(TROOPS, word="RUSSIAN TROOPS"), ["ua-92k", "undated"], id="phrase-any-case"),
    pytest.param(CompareState(TROOPS, word="personnel"), ["osce"], id="other-word"),
    pytest.param(CompareState(TROOPS, word="rus"), [], id="whole-words-only"),
    pytest.param(CompareState(TROOPS, word="("), [], id="regex-character"),
    pytest.param(CompareState(TROOPS, word="  "), ["ua-92k", "us-70k", "us-175k", "derived", "gu-145k", "us-150k",
                                                   "osce", "undated"], id="blank-word-ignored"),
    pytest.param(CompareState("money:ukraine:-"), ["loan"], id="money-by-recipient"),
    pytest.param(CompareState("count:russia:battalion:military_unit:-"), ["bn-14"], id="battalions"),
    pytest.param(CompareState("count:-:minute:duration:-"), [], id="not-a-figure-never-compared"),
    pytest.param(CompareState("count:ukraine:troop:personnel:-"), [], id="no-such-actor"),
    pytest.param(CompareState(None), [], id="no-measure"),
    pytest.param(CompareState("Russian troops"), [], id="not-a-key"),
]


@pytest.mark.parametrize("state, expected", COMPARE_CASES)
def test_compare(state, expected):
    assert first_ids(compare(figures(), state)) == expected


def test_compare_columns_and_speakers():
    table = compare(figures(), CompareState(TROOPS))
    assert list(table.columns) == list(CLAIM_COLUMNS)
    speaker = dict(zip(first_ids(table), table["speaker"]))
    assert speaker["gu-145k"] == "The Guardian"  # the outlet says it itself
    assert speaker["us-150k"] == "Joe Biden"
    osce = table.iloc[first_ids(table).index("osce")]
    assert (osce["low"], osce["high"], osce["first_source"]) == (169000.0, 190000.0, "Reuters")
    assert table["derived"].tolist()[first_ids(table).index("derived")] == True  # noqa: E712
    assert table["currency"].isna().all() and table["rate"].isna().all()  # counts are not converted


def test_money_is_converted_and_shown_converted():
    table = compare(figures(), CompareState("money:ukraine:-", currency="EUR"))
    [claim] = table.to_dict("records")
    assert (claim["unit"], claim["currency"], claim["value"]) == ("USD", "EUR", 1e9)
    # ECB, 14 February 2022: 1 EUR = 1.1316 USD
    assert claim["rate"] == pytest.approx(1 / 1.1316) and claim["rate_date"] == "2022-02-14"
    assert shown_values(table)["value"].iloc[0] == pytest.approx(1e9 / 1.1316)
    assert shown_values(table)["high"].iloc[0] == pytest.approx(1e9 / 1.1316)


def test_the_seed_article_measures_hold_their_claims():
    text = open("seeds/000_91e23c0da8ec2b98.txt", encoding="utf-8").read()
    frame = extract_figures(text, doc_id="seed", source="The Guardian", published="2022-02-14")
    table = measure_table(frame)
    assert TROOPS in set(table["measure"])
    for row in table.to_dict("records"):
        got = compare(frame, CompareState(row["measure"]))
        assert len(got) == row["claims"], row
        assert got["speaker"].nunique() == row["sources"], row


# --------------------------------------------------------------------------- the summary

def test_compare_summary():
    summary = compare_summary(compare(figures(), CompareState(TROOPS)))
    assert {c: str(t) for c, t in summary.dtypes.items()} == SUMMARY_COLUMNS
    got = {r["speaker"]: r for r in summary.to_dict("records")}
    assert list(got) == ["British officials", "Joe Biden", "The Guardian", "Ukraine's defence intelligence",
                         "US ambassador to the OSCE", "US intelligence", "Київ Post"]
    us = got["US intelligence"]
    assert (us["claims"], us["min"], us["max"], us["median"]) == (2, 70000.0, 175000.0, 122500.0)
    assert (us["first"], us["last"]) == ("2021-12-03", "2021-12-03")
    assert us["latest"] == 175000.0  # two on that day: the last listed
    assert got["The Guardian"]["first"] == "2022-02-14T21:30"
    undated = got["Київ Post"]
    assert undated["claims"] == 1 and pd.isna(undated["first"]) and np.isnan(undated["latest"])


def test_latest_follows_dates_not_rows():
    table = pd.DataFrame({"speaker": ["A", "A", "A"], "date": ["2022-02-01", "2021-12-01", None],
                          "value": [3.0, 1.0, 9.0], "unit": ["troop"] * 3})
    got = compare_summary(table).iloc[0]
    assert (got["first"], got["last"], got["latest"], got["claims"]) == ("2021-12-01", "2022-02-01", 3.0, 3)


def test_compare_summary_empty():
    empty = compare_summary(compare(figures(), CompareState("count:no:such:thing:-")))
    assert list(empty.columns) == list(SUMMARY_COLUMNS) and len(empty) == 0


def test_for_download_joins_lists_and_keeps_the_rest():
    table = compare(figures(), CompareState(TROOPS))
    flat = for_download(table)
    wapo = flat.iloc[first_ids(table).index("us-70k")]
    assert wapo["outlets"] == "The Washington Post" and wapo["figure_ids"] == "us-70k"
    assert flat["value"].tolist() == table["value"].tolist()


# --------------------------------------------------------------------------- the compare view's URL state

STATE_CASES = [
    # (state, query params)
    (CompareState(), {}),
    (CompareState(TROOPS), {"measure": TROOPS}),
    (CompareState(TROOPS, word="battalion"), {"measure": TROOPS, "word": "battalion"}),
    (CompareState("money:ukraine:military_aid", currency="gbp", all_roles=True, vague="acled"),
     {"measure": "money:ukraine:military_aid", "currency": "GBP", "roles": "all", "vague": "acled"}),
    (CompareState("", "", False, "", "", ""), {}),  # "" is none, or the default
    (CompareState(TROOPS, series="country"), {"measure": TROOPS, "series": "country"}),
]


@pytest.mark.parametrize("state, params", STATE_CASES)
def test_compare_state_query_params(state, params):
    assert state.to_query_params() == params
    assert CompareState.from_query_params(params) == state
    assert set(params) <= set(COMPARE_QUERY_KEYS)


def test_compare_state_reads_the_last_value_and_older_links():
    state = CompareState.from_query_params({"measure": ["money:-:-", TROOPS], "roles": ["all", "totals"],
                                            "units": "tank"})
    assert state == CompareState(TROOPS)
    older = CompareState.from_query_params({"category": "money", "unit": "USD", "actor": "us"})
    assert older.measure == "money:-:-"
    assert CompareState(TROOPS).with_measure("money:-:-") == CompareState("money:-:-")


@given(st.builds(CompareState, st.one_of(st.none(), st.text()), st.sampled_from(["USD", "EUR", "gbp"]),
                 st.booleans(), st.sampled_from(["range", "acled", "other"]), st.text(),
                 st.sampled_from(["speaker", "country", "actor", "nonsense"])))
def test_compare_state_round_trips_any_state(state):
    assert CompareState.from_query_params(state.to_query_params()) == state


def test_measure_options_follow_the_measure_table_and_name_them():
    table = measure_table(figures())
    options = measure_options(table)
    assert list(options) == table["measure"].tolist()
    assert options[TROOPS].startswith("Russian troops — ")
    assert options[TROOPS].endswith("claims from 7 sources")
    for key in options:  # each option compares its claims
        assert len(compare(figures(), CompareState(key))) == int(table.set_index("measure").loc[key, "claims"])
