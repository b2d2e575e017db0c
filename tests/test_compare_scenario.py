"""The comparison scenario, end to end: sixteen briefs about three measures loaded through
``python -m tracker ingest --db`` and read back through ``python -m tracker compare`` and the
Compare page (Streamlit's AppTest).

The briefs (tests/data/compare_scenario.jsonl, see tests/data/README.md) were written for this
project in our own words, in the style of wire copy; their figures and dates are invented. Every
expected value below is read off the briefs, never off the extractor's or the comparison's output:

- Russian troops near Ukraine's northern border: about 120,000 (Ukraine's defence ministry, carried
  by Reuters, AP and AFP on 6, 7 and 8 March 2023), of them 40,000 paratroopers and marines (a
  part), 100,000 to 110,000 (the Pentagon, 9 March), a further 10,000 (an increment), 14 battalion
  tactical groups of about 800 troops each (a per-unit figure; 14 x 800 = 11,200 derived), 135,000
  (Britain's defence ministry, in a sentence that also dates Crimea's seizure to 2014);
- Ukrainian civilians killed (the UN human rights office): 8,231 as of 12 March, carried by Reuters
  on 14 March and AP on 15 March, 8,490 as of 9 April; 516 children among the first (a part);
- military aid to Ukraine: $400 million (Antony Blinken, Reuters on 3 March, AP on 4 March),
  £250 million (Ben Wallace) on 2 March and a new £250 million on 27 March, €500 million (the German
  defence ministry, 16 March); and £100 million of humanitarian aid that The Independent reports
  in its own voice after a figure of Ukraine's defence ministry.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from currency_converter import CurrencyConverter
from streamlit.testing.v1 import AppTest

from tracker.cli import main

ROOT = Path(__file__).resolve().parents[1]
BRIEFS = ROOT / "tests" / "data" / "compare_scenario.jsonl"

TROOPS = "count:russia:troop:personnel:-"
GROUPS = "count:russia:battalion_tactical_group:military_unit:-"
CIVILIANS = "count:ukraine:civilian:casualties:killed"
CHILDREN = "count:ukraine:child:casualties:killed"
RUSSIAN_DEAD = "count:russia:troop:casualties:killed"
AID = "money:ukraine:military_aid"
HUMANITARIAN = "money:ukraine:humanitarian_aid"

#: Which briefs each measure's figures come from (every role).
DOCS = {
    TROOPS: {"troops-reuters", "troops-ap", "troops-afp", "troops-bbc", "troops-guardian",
             "troops-kyivindependent", "troops-sky"},
    GROUPS: {"troops-kyivindependent"},
    CIVILIANS: {"toll-reuters", "toll-ap", "toll-dw"},
    CHILDREN: {"toll-ap"},
    RUSSIAN_DEAD: {"bakhmut-independent"},
    AID: {"aid-us-reuters", "aid-us-ap", "aid-uk-guardian", "aid-uk-telegraph", "aid-de-dw"},
    HUMANITARIAN: {"bakhmut-independent"},
}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('scenario') / 'scenario.db'}"
    assert main(["ingest", str(BRIEFS), "--db", url, "--workers", "1"]) == 0
    return url


@pytest.fixture(scope="module")
def out_file(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("compare") / "out.jsonl"


def compare(store: str, out_file: Path, *args) -> list[dict]:
    """What ``python -m tracker compare --db STORE ARGS`` writes, one dict a line."""
    assert main(["compare", "--db", store, *args, "--out", str(out_file)]) == 0
    return [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]


def claim_of(claims: list[dict], **fields) -> dict:
    found = [c for c in claims if all(c[k] == v for k, v in fields.items())]
    assert len(found) == 1, (fields, [(c["speaker"], c["value"], c["date"]) for c in claims])
    return found[0]


# ---------------------------------------------------------------------------------------------
# python -m tracker compare


def test_the_measures_and_their_claims(store, out_file):
    listed = {row["measure"]: (row["claims"], row["sources"]) for row in compare(store, out_file)}
    assert listed == {
        TROOPS: (4, 4),  # 120,000; 100,000-110,000; 11,200 derived; 135,000 (no part, increment, per unit)
        GROUPS: (1, 1),
        CIVILIANS: (2, 1),  # 8,231 (twice), 8,490
        RUSSIAN_DEAD: (1, 1),
        AID: (4, 3),  # Blinken once (twice carried), Wallace twice, Berlin once
        HUMANITARIAN: (1, 1),
    }
    every_role = {row["measure"]: row["claims"] for row in compare(store, out_file, "--all-roles")}
    assert every_role == {TROOPS: 7, GROUPS: 1, CIVILIANS: 2, CHILDREN: 1, RUSSIAN_DEAD: 1, AID: 4,
                          HUMANITARIAN: 1}


def test_each_measure_holds_its_own_claims_only(store, out_file):
    seen: dict[str, str] = {}
    for measure, docs in DOCS.items():
        claims = compare(store, out_file, "--measure", measure, "--all-roles")
        assert claims and {c["measure"] for c in claims} == {measure}
        assert {d for c in claims for d in c["doc_ids"]} == docs, measure
        for c in claims:
            for figure in c["figure_ids"]:
                assert seen.setdefault(figure, measure) == measure, f"{figure} in {seen[figure]} and {measure}"


def test_a_repeated_estimate_is_one_claim_first_seen_where_it_first_appeared(store, out_file):
    troops = compare(store, out_file, "--measure", TROOPS)
    ministry = claim_of(troops, value=120000.0)
    assert ministry["attributed_to"] == "ukraine defence ministry" and ministry["actor"] == "russia"
    assert (ministry["count"], ministry["outlets"]) == (3, ["Reuters", "AP", "AFP"])
    assert ministry["doc_ids"] == ["troops-reuters", "troops-ap", "troops-afp"]
    assert len(ministry["figure_ids"]) == 3
    # first appearance: Reuters on Monday 6 March, which dates it "on Monday"
    assert (ministry["published"], ministry["as_of"], ministry["date"]) == ("2023-03-06", "2023-03-06", "2023-03-06")
    pentagon = claim_of(troops, attributed_to="pentagon")
    assert (pentagon["low"], pentagon["high"], pentagon["outlets"], pentagon["date"]) == \
        (100000.0, 110000.0, ["BBC"], "2023-03-09")
    assert {c["speaker"] for c in troops} == {"ukraine defence ministry", "pentagon", "ukraine military intelligence",
                                             "uk ministry of defence"}


def test_a_repeated_toll_keeps_its_as_of_date(store, out_file):
    civilians = compare(store, out_file, "--measure", CIVILIANS)
    assert [(c["value"], c["as_of"], c["date"], c["outlets"]) for c in civilians] == [
        (8231.0, "2023-03-12", "2023-03-12", ["Reuters", "AP"]),
        (8490.0, "2023-04-09", "2023-04-09", ["DW"]),
    ]
    assert civilians[0]["published"] == "2023-03-14"  # the first appearance, two days after the date
    assert {c["attributed_to"] for c in civilians} == {"ohchr"}


def test_an_aside_about_crimea_does_not_date_the_estimate(store, out_file):
    british = claim_of(compare(store, out_file, "--measure", TROOPS), attributed_to="uk ministry of defence")
    assert british["value"] == 135000.0
    # "seized from Ukraine in 2014" dates Crimea, not the estimate: the claim is dated by Sky's article
    assert (british["as_of"], british["date"], british["outlets"]) == (None, "2023-03-14", ["Sky News"])


def test_two_equal_pledges_weeks_apart_stay_two_and_a_repeat_is_one(store, out_file):
    aid = compare(store, out_file, "--measure", AID)
    assert {c["recipient"] for c in aid} == {"ukraine"}
    wallace = [c for c in aid if c["attributed_to"] == "ben wallace"]
    assert [(c["value"], c["unit"], c["date"], c["count"]) for c in wallace] == [
        (2.5e8, "GBP", "2023-03-02", 1), (2.5e8, "GBP", "2023-03-27", 1)]
    assert {c["actor"] for c in wallace} == {"uk"}
    blinken = claim_of(aid, attributed_to="antony blinken")
    assert (blinken["actor"], blinken["value"], blinken["count"], blinken["outlets"], blinken["date"]) == \
        ("us", 4e8, 2, ["Reuters", "AP"], "2023-03-03")


def test_parts_increments_and_per_unit_figures_only_when_asked_for(store, out_file):
    default = compare(store, out_file, "--measure", TROOPS)
    assert {c["role"] for c in default} <= {"total", "cumulative"}
    assert not {40000.0, 10000.0, 800.0} & {c["value"] for c in default}
    derived = claim_of(default, value=11200.0)  # 14 groups of about 800
    assert derived["attributed_to"] == "ukraine military intelligence"
    every = compare(store, out_file, "--measure", TROOPS, "--all-roles")
    roles = {c["value"]: c["role"] for c in every}
    assert (roles[40000.0], roles[10000.0], roles[800.0]) == ("part", "increment", "per_unit")
    assert compare(store, out_file, "--measure", CHILDREN) == []
    [children] = compare(store, out_file, "--measure", CHILDREN, "--all-roles")
    assert (children["value"], children["role"], children["as_of"]) == (516.0, "part", "2023-03-12")


def _ecb(amount: float, source: str, target: str, day: str) -> float:
    """The amount at the ECB reference rate of ``day``, read by the CurrencyConverter package's
    own converter (a business day of the ECB each time here)."""
    return CurrencyConverter().convert(amount, source, target, date=dt.date.fromisoformat(day))


def test_money_is_converted_at_the_rate_of_its_date(store, out_file):
    aid = compare(store, out_file, "--measure", AID)  # in US dollars by default
    for claim in aid:
        assert claim["currency"] == "USD"
        assert claim["value_converted"] == pytest.approx(_ecb(claim["value"], claim["unit"], "USD", claim["date"]))
        assert claim["rate"] == pytest.approx(_ecb(1, claim["unit"], "USD", claim["date"]))
    german = claim_of(aid, unit="EUR")
    assert (german["value"], german["rate_date"]) == (5e8, "2023-03-16")
    dollars = claim_of(aid, unit="USD")
    assert (dollars["rate"], dollars["rate_date"]) == (1.0, None)
    in_euros = compare(store, out_file, "--measure", AID, "--currency", "EUR")
    american = claim_of(in_euros, unit="USD")
    assert american["value_converted"] == pytest.approx(_ecb(4e8, "USD", "EUR", "2023-03-03"))
    assert american["rate_date"] == "2023-03-03"
    march, later = [c for c in in_euros if c["unit"] == "GBP"]
    assert march["rate"] != later["rate"]  # each pledge at its own day's rate
    assert later["value_converted"] == pytest.approx(_ecb(2.5e8, "GBP", "EUR", "2023-03-27"))


def test_a_donor_in_the_next_sentence_is_not_the_previous_source(store, out_file):
    [dead] = compare(store, out_file, "--measure", RUSSIAN_DEAD)
    assert (dead["attributed_to"], dead["low"], dead["as_of"]) == ("ukraine defence ministry", 5000.0, "2023-03-01")
    [pledge] = compare(store, out_file, "--measure", HUMANITARIAN)
    assert (pledge["attributed_to"], pledge["speaker"], pledge["actor"]) == (None, "The Independent", "uk")
    assert (pledge["value"], pledge["unit"]) == (1e8, "GBP")


# ---------------------------------------------------------------------------------------------
# The Compare page


@pytest.fixture(scope="module")
def page(store):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRACKER_DB_URL", store)
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        at.switch_page("app_pages/compare.py")
        yield at.run()


def _ok(at: AppTest) -> None:
    assert not at.exception, at.exception
    assert not [e.value for e in at.error if "unexpected error" in e.value]


def test_the_page_shows_the_troop_claims_merged(page):
    page.toggle(key="roles").set_value(False).run()
    page.selectbox(key="measure").set_value(TROOPS).run()
    _ok(page)
    table = page.dataframe[0].value
    assert sorted(table["value"]) == [11200.0, 105000.0, 120000.0, 135000.0]
    ministry = table[table["value"] == 120000.0].iloc[0]
    assert (ministry["speaker"], ministry["count"], ministry["carried_by"]) == \
        ("ukraine defence ministry", 3, "Reuters; AP; AFP")
    assert ministry["first_reported"] == "first reported by Reuters on 6 Mar 2023; repeated by 2 other outlets"
    assert set(table["role"]) <= {"total", "cumulative"}
    page.toggle(key="roles").set_value(True).run()
    _ok(page)
    roles = dict(zip(page.dataframe[0].value["value"], page.dataframe[0].value["role"]))
    assert (roles[40000.0], roles[10000.0], roles[800.0]) == ("part", "increment", "per_unit")
    assert page.query_params["roles"] in ("all", ["all"])


def test_the_page_shows_money_converted_with_its_rate(page):
    page.toggle(key="roles").set_value(False).run()
    page.selectbox(key="measure").set_value(AID).run()
    page.selectbox(key="currency").set_value("USD").run()
    _ok(page)
    assert any("Money in USD" in c.value for c in page.caption)
    table = page.dataframe[0].value
    pounds = table[table["unit"] == "GBP"].sort_values("date")
    assert list(pounds["date"]) == ["2023-03-02", "2023-03-27"] and list(pounds["as_reported"]) == ["£250m", "£250m"]
    for row in pounds.itertuples():
        assert row.value == pytest.approx(_ecb(2.5e8, "GBP", "USD", row.date))
        assert row.rate == pytest.approx(_ecb(1, "GBP", "USD", row.date)) and row.rate_date == row.date
    american = table[table["unit"] == "USD"].iloc[0]
    assert (american["count"], american["carried_by"], american["rate"]) == (2, "Reuters; AP", 1.0)
    page.selectbox(key="currency").set_value("EUR").run()
    _ok(page)
    table = page.dataframe[0].value
    german = table[table["unit"] == "EUR"].iloc[0]
    assert (german["value"], german["rate"], german["as_reported"]) == (5e8, 1.0, "€500m")
