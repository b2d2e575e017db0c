"""``python -m tracker compare``: the measures of a store, the claims of one, and its refusals.

The store is filled through the real extractor with short briefs written for these tests (a troop
estimate carried by two outlets a day apart, and the same estimate a month later; a pledge in
euros), so the command is tested on what ``ingest`` would store.
"""
from __future__ import annotations

import csv
import io
import json

import pytest

from tracker.cli import main
from tracker.load import add_document
from tracker.sources.document import Document
from tracker.store.store import Store

BRIEFS = [
    ("reuters-1", "Reuters", "2022-02-14", "Russia has massed 150,000 troops near the border with Ukraine, "
                                           "the Pentagon said."),
    ("ap-1", "AP", "2022-02-15", "The Pentagon said Russia now had 150,000 troops near Ukraine's border."),
    ("bbc-1", "BBC", "2022-03-20", "The Pentagon said Russia had 150,000 troops near Ukraine's border."),
    ("dw-1", "DW", "2023-05-10", "Germany will send €500 million in military aid to Ukraine, Berlin said."),
]
TROOPS = "count:russia:troop:personnel:-"
AID = "money:ukraine:military_aid"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("compare") / "store.db"
    url = f"sqlite:///{path}"
    with Store(url) as store:
        for doc_id, source, published, text in BRIEFS:
            add_document(store, Document(doc_id, text, source, published, doc_id, None))
    return url


def run(args, capsys):
    status = main(["compare", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


def lines(text):
    return [json.loads(line) for line in text.splitlines()]


def test_measures_one_object_a_line_most_claims_first(db, capsys):
    status, out, err = run(["--db", db], capsys)
    assert (status, err) == (0, "")
    got = lines(out)
    assert got[0] == {"measure": TROOPS, "label": "Russian troops", "claims": 2, "sources": 1}
    assert {"measure": AID, "label": "Military aid to Ukraine", "claims": 1, "sources": 1} in got
    assert all(set(row) == {"measure", "label", "claims", "sources"} for row in got)


def test_claims_of_a_measure(db, capsys):
    status, out, _ = run(["--db", db, "--measure", TROOPS], capsys)
    assert status == 0
    first, later = lines(out)
    assert (first["date"], first["published"], first["count"]) == ("2022-02-14", "2022-02-14", 2)
    assert first["outlets"] == ["Reuters", "AP"] and first["doc_ids"] == ["reuters-1", "ap-1"]
    assert len(first["figure_ids"]) == 2 and first["attributed_to"] == "pentagon"
    assert later["date"] == "2022-03-20" and later["outlets"] == ["BBC"]  # a month later: another claim
    for name in ("value_converted", "low_converted", "high_converted", "currency", "rate"):
        assert first[name] is None  # counts are not converted


def test_figure_ids_are_those_extract_gives(db, capsys, tmp_path):
    (tmp_path / "reuters-1.txt").write_text(BRIEFS[0][3], encoding="utf-8")
    main(["extract", str(tmp_path / "reuters-1.txt")])
    extracted = {row["figure_id"] for row in lines(capsys.readouterr().out) if row["value"] == 150000.0}
    _, out, _ = run(["--db", db, "--measure", TROOPS], capsys)
    assert len(extracted) == 1 and extracted <= set(lines(out)[0]["figure_ids"])


def test_money_converted_with_its_rate(db, capsys):
    status, out, _ = run(["--db", db, "--measure", AID, "--currency", "gbp"], capsys)
    [claim] = lines(out)
    assert status == 0 and (claim["unit"], claim["value"], claim["currency"]) == ("EUR", 5e8, "GBP")
    # ECB reference rate of Wednesday 10 May 2023: 1 EUR = 0.86813 GBP
    assert claim["rate"] == pytest.approx(0.86813) and claim["rate_date"] == "2023-05-10"
    assert claim["value_converted"] == pytest.approx(5e8 * claim["rate"])


def test_csv_joins_lists(db, capsys, tmp_path):
    out_file = tmp_path / "claims.csv"
    status, out, _ = run(["--db", db, "--measure", TROOPS, "--out", out_file], capsys)
    assert status == 0 and out == ""
    rows = list(csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8"))))
    assert rows[0]["outlets"] == "Reuters; AP" and rows[0]["measure"] == TROOPS


@pytest.mark.parametrize("args, message", [
    (["--measure", "Russian troops"], "unknown measure"),
    (["--measure", "count:nobody:tank:equipment:-"], "unknown measure"),
    (["--currency", "XYZ"], "unknown currency"),
])
def test_unknown_key_or_currency_exit_2_with_one_line(db, capsys, args, message):
    status, out, err = run(["--db", db, *args], capsys)
    assert (status, out) == (2, "") and message in err and len(err.strip().splitlines()) == 1


def test_empty_store_prints_nothing(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    Store(url).close()
    status, out, err = run(["--db", url], capsys)
    assert (status, out) == (0, "") and "no figures" in err


def test_missing_database_is_never_created(tmp_path, capsys):
    path = tmp_path / "nowhere.db"
    status, out, err = run(["--db", f"sqlite:///{path}"], capsys)
    assert status == 1 and out == "" and err and not path.exists()
