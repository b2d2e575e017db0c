"""Fixing the grouping: a user merges two measures or moves a claim into another measure; both
are kept with history and undo, and an old measure key keeps resolving to its merged measure.
Through the store, the command line and the Compare page (AppTest), on the seed corpus, whose
Russian "fighters" (one claim) a user would count with Russian troops."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tracker.analysis.claims import measure_table
from tracker.analysis.measures import regroup
from tracker.cli import main
from tracker.load import load_documents
from tracker.sources.uploads import seed_documents
from tracker.store.store import Store

ROOT = Path(__file__).resolve().parents[1]
TROOPS = "count:russia:troop:personnel:-"
FIGHTERS = "count:russia:fighter:personnel:-"


@pytest.fixture
def db_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    with Store(url) as store:
        load_documents(store, seed_documents(ROOT / "seeds"))
    monkeypatch.setenv("TRACKER_DB_URL", url)
    return url


def claims_of(store: Store) -> dict[str, int]:
    table = measure_table(regroup(store.figures(), store.measure_aliases()))
    return dict(zip(table["measure"], table["claims"]))


def test_a_merge_groups_the_figures_and_its_undo_ungroups_them(db_url):
    with Store(db_url) as store:
        before = claims_of(store)
        assert before[FIGHTERS] == 1
        merge = store.merge_measures(FIGHTERS, TROOPS, author="analyst")
        after = claims_of(store)
        assert FIGHTERS not in after and after[TROOPS] == before[TROOPS] + 1
        history = store.measure_merges()
        assert history[["from_key", "to_key", "author"]].values.tolist() == [[FIGHTERS, TROOPS, "analyst"]]
        store.revert_merge(merge)
        assert claims_of(store) == before
        assert store.measure_merges()["reverted_at"].notna().all()  # kept, marked undone


@pytest.mark.parametrize("from_key, to_key, message", [
    (FIGHTERS, FIGHTERS, "into itself"),
    ("Russian fighters", TROOPS, "not a measure key"),
    (FIGHTERS, "count:russia:troop", "not a measure key"),
])
def test_a_bad_merge_is_refused(db_url, from_key, to_key, message):
    with Store(db_url) as store:
        with pytest.raises(ValueError, match=message):
            store.merge_measures(from_key, to_key)
        assert store.measure_merges().empty


def test_a_move_is_a_correction_with_undo(db_url):
    with Store(db_url) as store:
        frame = regroup(store.figures(), {})
        fighter = frame[frame["measure"] == FIGHTERS].iloc[0]
        [correction] = store.add_corrections([(fighter["content_hash"], int(fighter["start"]), int(fighter["end"]),
                                               "measure", TROOPS)])
        moved = regroup(store.figures(), {})
        assert moved.set_index("figure_id").loc[fighter["figure_id"], "measure"] == TROOPS
        assert FIGHTERS not in claims_of(store)
        store.revert_correction(correction)
        assert claims_of(store)[FIGHTERS] == 1
        with pytest.raises(ValueError, match="not a measure key"):
            store.add_correction(fighter["content_hash"], int(fighter["start"]), int(fighter["end"]), "measure",
                                 "Russian troops")


def test_an_old_key_resolves_to_its_merged_measure_on_the_command_line(db_url, capsys):
    with Store(db_url) as store:
        store.merge_measures(FIGHTERS, TROOPS)
    assert main(["compare", "--db", db_url, "--measure", FIGHTERS]) == 0
    old = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert main(["compare", "--db", db_url, "--measure", TROOPS]) == 0
    new = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert old == new and {row["measure"] for row in new} == {TROOPS}
    assert main(["compare", "--db", db_url]) == 0
    listed = [json.loads(line)["measure"] for line in capsys.readouterr().out.splitlines()]
    assert FIGHTERS not in listed and TROOPS in listed


def compare_page(query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page("app_pages/compare.py")
    return at.run()


def test_merge_and_undo_on_the_compare_page(db_url):
    at = compare_page({"measure": FIGHTERS})
    assert not at.exception and at.selectbox(key="measure").value == FIGHTERS
    at.text_input(key="group_author").set_value("analyst")
    at.selectbox(key="merge_into").set_value(TROOPS).run()
    at.button(key="merge_go").click().run()
    assert not at.exception
    assert any("Merged" in s.value for s in at.success)
    assert at.selectbox(key="measure").value == TROOPS
    with Store(db_url) as store:
        [merge] = store.measure_merges().to_dict("records")
        assert (merge["from_key"], merge["to_key"], merge["author"]) == (FIGHTERS, TROOPS, "analyst")
    again = compare_page({"measure": FIGHTERS})  # an old link opens the merged measure
    assert again.selectbox(key="measure").value == TROOPS
    at.button(key=f"undo_merge_{merge['id']}").click().run()
    assert not at.exception and any("Undid" in s.value for s in at.success)
    with Store(db_url) as store:
        assert store.measure_aliases() == {}


def test_move_a_claim_and_undo_on_the_compare_page(db_url):
    at = compare_page({"measure": FIGHTERS})
    at.selectbox(key="move_claim").set_value(0)
    at.selectbox(key="move_into").set_value(TROOPS).run()
    at.button(key="move_go").click().run()
    assert not at.exception and any("Moved the claim" in s.value for s in at.success)
    with Store(db_url) as store:
        assert FIGHTERS not in claims_of(store)
        [move] = store.corrections().query("field == 'measure'").to_dict("records")
        assert move["new_value"] == TROOPS
    at.button(key=f"undo_move_{move['id']}").click().run()
    assert not at.exception
    with Store(db_url) as store:
        assert claims_of(store)[FIGHTERS] == 1
