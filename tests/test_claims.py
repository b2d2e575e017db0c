"""Tests for ``tracker.analysis.claims``: mentions merged into claims by the rules of its docstring.

Each case is a few figure rows (written for these tests: one troop estimate or pledge carried by
several outlets) and the claims expected, as (first figure_id, count) in the order of the table.
"""
from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.analysis.claims import (
    CLAIM_COLUMNS, MEASURE_COLUMNS, acled_point, claim_of_figures, claims, measure_table, provenance,
)
from tracker.schema import to_frame

TROOPS = "count:russia:troop:personnel:-"
AID = "money:ukraine:military_aid"


def m(figure_id, published, source, value, *, said_by="pentagon", as_of=None, low=None, high=None, role=None,
      category="personnel", unit="troop", actor="russia", recipient=None, subtype=None, qualifier=None,
      surface=None, not_a_figure=False, doc_id=None):
    return {"figure_id": figure_id, "doc_id": doc_id or figure_id, "start": 0, "end": 5, "published": published,
            "source": source, "value": value, "low": low, "high": high, "role": role, "category": category,
            "unit": unit, "actor": actor, "recipient": recipient, "subtype": subtype, "attributed_to": said_by,
            "as_of": as_of, "qualifier": qualifier, "surface": surface or f"{value:,.0f}",
            "sentence": f"... {value:,.0f} ...", "not_a_figure": not_a_figure}


def aid(figure_id, published, source, value, donor="us", currency="USD", **kw):
    return m(figure_id, published, source, value, category="money", unit=currency, actor=donor, recipient="ukraine",
             subtype="military_aid", **kw)


def frame(rows):
    out = to_frame(rows)
    out["not_a_figure"] = pd.array([r["not_a_figure"] for r in rows], dtype="boolean")
    return out


def got(rows, measure=TROOPS, **kw):
    table = claims(frame(rows), measure, **kw)
    return [(ids[0], n) for ids, n in zip(table["figure_ids"], table["count"])]


CASES = [
    pytest.param([m("a", "2022-02-14", "Reuters", 150000.0), m("b", "2022-02-15", "AP", 150000.0),
                  m("c", "2022-02-16", "BBC", 150000.0)], {}, [("a", 3)], id="repeats-across-outlets"),
    pytest.param([m("b", "2022-02-15", "AP", 150000.0), m("a", "2022-02-14", "Reuters", 150000.0)], {},
                 [("a", 2)], id="first-appearance-is-earliest-published"),
    pytest.param([m("a", "2022-02-14", "Reuters", 150000.0), m("b", "2022-03-07", "AP", 150000.0)], {},
                 [("a", 1), ("b", 1)], id="equal-weeks-apart-are-two"),
    pytest.param([m("a", "2022-02-14", "Reuters", 150000.0), m("b", "2022-02-21", "AP", 150000.0)], {},
                 [("a", 2)], id="seven-days-is-within"),
    pytest.param([m("a", "2022-02-14", "Reuters", 150000.0), m("b", "2022-02-22", "AP", 150000.0)], {},
                 [("a", 1), ("b", 1)], id="eight-days-is-not"),
    pytest.param([m("a", "2022-02-14", "Reuters", 150000.0), m("b", "2022-02-19", "AP", 150000.0),
                  m("c", "2022-02-24", "BBC", 150000.0)], {}, [("a", 2), ("c", 1)],
                 id="window-counts-from-the-first-not-a-chain"),
    pytest.param([m("a", "2022-02-14", "Reuters", 150000.0), m("b", "2022-02-14", "AP", 150700.0)], {},
                 [("a", 2)], id="within-half-a-percent"),
    pytest.param([m("a", "2022-02-14", "Reuters", 150000.0), m("b", "2022-02-14", "AP", 151500.0)], {},
                 [("a", 1), ("b", 1)], id="one-percent-apart"),
    pytest.param([m("a", "2022-02-14", "Reuters", 150000.0), m("b", "2022-02-14", "AP", 150000.0, said_by="kremlin")],
                 {}, [("b", 1), ("a", 1)], id="another-speaker"),  # same day: by speaker
    pytest.param([m("a", "2022-02-14", "Reuters", 150000.0, said_by=None),
                  m("b", "2022-02-14", "AP", 150000.0, said_by=None)], {}, [("b", 1), ("a", 1)],
                 id="each-outlet-speaking-itself-is-its-own-speaker"),
    pytest.param([m("a", "2022-02-14", "Reuters", 150000.0, low=150000.0, qualifier="more than"),
                  m("b", "2022-02-14", "AP", 150000.0)], {}, [("a", 1), ("b", 1)], id="other-bounds"),
    pytest.param([m("a", "2022-03-01", "Reuters", 5000.0, as_of="2022-02-20"),
                  m("b", "2022-03-10", "AP", 5000.0, as_of="2022-02-20")], {}, [("a", 2)],
                 id="same-as-of-published-days-apart"),
    pytest.param([m("a", "2022-02-20", "Reuters", 5000.0), m("b", "2022-03-10", "AP", 5000.0, as_of="2022-02-21")], {},
                 [("a", 2)], id="as-of-meets-first-appearance"),
    pytest.param([m("a", None, "Reuters", 5000.0), m("b", None, "AP", 5000.0), m("c", "2022-01-01", "BBC", 5000.0)],
                 {}, [("c", 1), ("a", 2)], id="undated-join-undated-only-and-come-last"),
    pytest.param([m("a", "2022-02-14", "Reuters", 126000.0, role="part"), m("b", "2022-02-14", "AP", 150000.0)], {},
                 [("b", 1)], id="parts-left-out"),
    pytest.param([m("a", "2022-02-14", "Reuters", 126000.0, role="part"), m("b", "2022-02-14", "AP", 150000.0)],
                 {"all_roles": True}, [("a", 1), ("b", 1)], id="parts-when-asked"),
    pytest.param([m("a", "2022-02-14", "Reuters", 800.0, role="per_unit"), m("b", "2022-02-14", "AP", 800.0)],
                 {"all_roles": True}, [("a", 1), ("b", 1)], id="per-unit-is-not-the-total"),
    pytest.param([m("a", "2022-02-14", "Reuters", 5000.0, role="cumulative"), m("b", "2022-02-15", "AP", 5000.0)],
                 {}, [("a", 2)], id="total-and-cumulative-are-one"),
    pytest.param([m("a", "2022-02-14", "Reuters", 5000.0, not_a_figure=True), m("b", "2022-02-15", "AP", 5000.0)],
                 {}, [("b", 1)], id="not-a-figure-left-out"),
    pytest.param([m("a", "2022-02-14", "Reuters", 150000.0, doc_id="d"), m("b", "2022-02-14", "Reuters", 150000.0,
                                                                            doc_id="d")],
                 {}, [("a", 1)], id="twice-in-one-article-counts-one-article"),
]


@pytest.mark.parametrize("rows, options, expected", CASES)
def test_claims(rows, options, expected):
    assert got(rows, **options) == expected


MONEY_CASES = [
    pytest.param([aid("a", "2023-05-01", "Reuters", 1e9, said_by=None), aid("b", "2023-05-01", "Reuters", 1e9,
                                                                          donor="germany", said_by=None)],
                 [("b", 1), ("a", 1)], id="another-donor"),  # same day and speaker: by donor
    pytest.param([aid("a", "2023-05-01", "Reuters", 1e9), aid("b", "2023-05-01", "AP", 1e9, currency="EUR")],
                 [("a", 1), ("b", 1)], id="another-currency"),
    pytest.param([aid("a", "2023-05-01", "Reuters", 1e9), aid("b", "2023-05-02", "AP", 1e9)], [("a", 2)],
                 id="repeated-pledge"),
    pytest.param([aid("a", "2023-05-01", "Reuters", 1e9), aid("b", "2023-06-12", "AP", 1e9)], [("a", 1), ("b", 1)],
                 id="equal-pledges-weeks-apart"),
]


@pytest.mark.parametrize("rows, expected", MONEY_CASES)
def test_money_claims(rows, expected):
    assert got(rows, AID) == expected


def test_a_claim_in_full():
    rows = [m("b", "2022-02-16", "AP", 5000.0, as_of="2022-02-12", doc_id="ap"),
            m("a", "2022-02-14", "Reuters", 5000.0, as_of="2022-02-13", doc_id="reuters"),
            m("c", "2022-02-15", "AP", 5000.0, doc_id="ap2")]
    [claim] = claims(frame(rows), TROOPS).to_dict("records")
    assert (claim["date"], claim["as_of"], claim["published"]) == ("2022-02-12", "2022-02-12", "2022-02-14")
    assert claim["outlets"] == ["Reuters", "AP"] and claim["doc_ids"] == ["reuters", "ap2", "ap"]
    assert claim["figure_ids"] == ["a", "c", "b"] and claim["count"] == 3
    assert (claim["first_source"], claim["speaker"], claim["attributed_to"]) == ("Reuters", "pentagon", "pentagon")
    assert pd.isna(claim["currency"]) and pd.isna(claim["rate"])


def test_money_claim_converted_at_its_date():
    # ECB reference rates of Friday 11 February 2022: 1 EUR = 1.1417 USD = 0.83958 GBP; the claim
    # is dated Sunday 13 February, so Friday's rate is used.
    [claim] = claims(frame([aid("a", "2022-02-13", "Reuters", 100e6, currency="GBP")]), AID).to_dict("records")
    assert claim["rate_date"] == "2022-02-11" and claim["currency"] == "USD"
    assert claim["rate"] == pytest.approx(1.1417 / 0.83958)
    assert claim["value_converted"] == pytest.approx(100e6 * claim["rate"])
    assert (claim["value"], claim["unit"]) == (100e6, "GBP")


def test_money_without_a_rate_stays_unconverted():
    [claim] = claims(frame([aid("a", "2023-05-01", "Reuters", 5e9, currency="UAH")]), AID).to_dict("records")
    assert pd.isna(claim["value_converted"]) and pd.isna(claim["rate"]) and claim["currency"] == "USD"
    [undated] = claims(frame([aid("a", None, "Reuters", 5e9, currency="EUR")]), AID).to_dict("records")
    assert pd.isna(undated["value_converted"])


def test_vague_amounts_by_rule():
    rows = [m("a", "2022-02-14", "Reuters", 66.0, low=24.0, high=108.0, qualifier="vague",
              surface="dozens of soldiers", category="casualties", subtype="killed")]
    key = "count:russia:troop:casualties:killed"
    ranged = claims(frame(rows), key).iloc[0]
    acled = claims(frame(rows), key, vague="acled").iloc[0]
    assert (ranged["value"], ranged["low"], ranged["high"]) == (66.0, 24.0, 108.0)
    assert acled["value"] == 12.0 and pd.isna(acled["low"]) and pd.isna(acled["high"])


@pytest.mark.parametrize("surface, point", [("Dozens of civilians", 12.0), ("hundreds of troops", 100.0),
                                            ("Tens of  thousands of people", 10000.0), ("thousands", 1000.0),
                                            ("dozen", None), ("5,000 troops", None), (None, None)])
def test_acled_point(surface, point):
    assert acled_point(surface) == point


def test_empty_and_columns():
    empty = claims(frame([m("a", "2022-02-14", "Reuters", 1.0)]).iloc[:0], TROOPS)
    assert list(empty.columns) == list(CLAIM_COLUMNS) and empty.empty
    table = claims(frame([m("a", "2022-02-14", "Reuters", 1.0)]), TROOPS)
    assert {c: str(t) for c, t in table.dtypes.items() if CLAIM_COLUMNS[c] != "object"} == \
        {c: t for c, t in CLAIM_COLUMNS.items() if t != "object"}


def test_measure_table_counts_claims_and_speakers():
    rows = [m("a", "2022-02-14", "Reuters", 150000.0), m("b", "2022-02-15", "AP", 150000.0),
            m("c", "2022-02-15", "AP", 100000.0, said_by=None), m("d", "2022-02-15", "AP", 800.0, role="per_unit"),
            aid("e", "2023-05-01", "Reuters", 1e9)]
    table = measure_table(frame(rows))
    assert list(table.columns) == list(MEASURE_COLUMNS)
    assert table.to_dict("records") == [
        {"measure": TROOPS, "label": "Russian troops", "claims": 2, "sources": 2, "figures": 3},
        {"measure": AID, "label": "Military aid to Ukraine", "claims": 1, "sources": 1, "figures": 1}]
    assert measure_table(frame(rows), all_roles=True)["claims"].tolist() == [3, 1]
    assert measure_table(frame(rows).iloc[:0]).empty


def test_each_figure_knows_its_first_appearance():
    rows = [m("a", "2022-02-14", "Reuters", 150000.0), m("b", "2022-02-15", "AP", 150000.0),
            m("c", "2022-02-16", "AP", 800.0, role="per_unit")]
    index = claim_of_figures(frame(rows)).set_index("figure_id")
    assert index.loc["b", "first_source"] == "Reuters" and index.loc["b", "outlets"] == 2
    assert index.loc["c", "outlets"] == 1  # every role has its claim
    assert provenance("Reuters", "2022-02-14", 2) == "first reported by Reuters on 14 Feb 2022; repeated by 1 other outlet"


day = st.integers(min_value=0, max_value=60)
mention = st.tuples(st.sampled_from(["Reuters", "AP", "BBC"]), st.sampled_from(["pentagon", None, "kremlin"]),
                    st.sampled_from([1000.0, 1003.0, 1010.0, 2000.0]), st.one_of(st.none(), day), st.one_of(st.none(), day))


@settings(max_examples=150, deadline=None)
@given(st.lists(mention, min_size=1, max_size=25))
def test_claims_partition_their_mentions(mentions):
    rows = [m(f"f{i}", None if p is None else str(pd.Timestamp("2022-01-01") + pd.Timedelta(days=p))[:10], source,
              value, said_by=said, as_of=None if a is None else str(pd.Timestamp("2022-01-01") + pd.Timedelta(days=a))[:10])
            for i, (source, said, value, p, a) in enumerate(mentions)]
    table = claims(frame(rows), TROOPS)
    ids = [f for claim in table["figure_ids"] for f in claim]
    assert sorted(ids) == sorted(r["figure_id"] for r in rows)  # every mention in one claim
    by_id = {r["figure_id"]: r for r in rows}
    for claim in table.to_dict("records"):
        members = [by_id[f] for f in claim["figure_ids"]]
        assert len({(r["attributed_to"] or r["source"]) for r in members}) == 1
        assert all(abs(r["value"] - claim["value"]) <= 0.005 * max(r["value"], claim["value"]) for r in members)
        dates = [r["as_of"] or r["published"] for r in members]
        if pd.isna(claim["date"]):
            assert all(d is None for d in dates)
        else:
            assert all(d is not None and 0 <= (pd.Timestamp(d) - pd.Timestamp(min(dates))).days <= 7 for d in dates)
