"""A poison corpus: good documents mixed with every kind of document that has broken a run.

Each run (``extract`` to JSONL, CSV and Parquet; ``ingest`` into SQLite, Postgres when
``TRACKER_TEST_PG_URL`` is set, and a Parquet dataset, with the local and the Dask engine)
must keep every good document, list each poison document that fails with its reason, print
no traceback, write valid output (JSON without ``NaN``/``Infinity``, floats in the number
columns), and finish again on a rerun with the same rejects.

The panicking document is simulated: a ``sitecustomize.py`` put on ``PYTHONPATH`` makes
``tracker.extract.figures.figure_rows`` raise a ``BaseException`` subclass (as sentencex's
``PanicException`` is) for texts holding :data:`MARKER`. Every Python process started with
that environment loads it, the worker processes of the local pool and of a Dask
LocalCluster too, so the tests do not depend on any real text still panicking once the
extractor is fixed. The real panic text ("Company A\\u00a0. ...") is in the corpus as well,
and may be loaded or rejected. So may the documents whose numbers the extractor could not
handle when these tests were written (they raised, or gave ``inf``): what is checked is
that they never break the run or the output.

Poison kinds: a simulated panic; a lone surrogate in the text and in the title; NUL in the
text and in the title; other C0 controls; "1" and 309 zeros; "½ " and 400 nines; "trillions
of trillions of dollars"; a range times each ("between 2 and 5 battalions, each of 800
troops"); a line over the size limit; and, in the CSV corpus, a malformed row.
"""
from __future__ import annotations

import csv
import gzip
import json
import math
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pyarrow.parquet as pq
import pytest

ROOT = Path(__file__).resolve().parent.parent
MARKER = "POISON-PANIC-7f3a"
PG_URL = os.environ.get("TRACKER_TEST_PG_URL", "").strip()
LIMIT_MB = "0.01"  # 10,485 bytes: the long line is over it, every other document under it

GOOD = [{"doc_id": f"good-{i}", "text": f"Report {i}: Russia has massed {1000 + i} troops near the border.",
         "source": "Example Wire", "published": f"2022-0{1 + i % 3}-10"} for i in range(6)]

#: doc_id -> record; ``REJECTED`` must be rejected, ``LOADED`` must not, the rest may be either.
POISON = {
    "p-panic": {"text": f"{MARKER} Kyiv asked for 200 tanks."},
    "p-real-panic": {"text": "Company A\u00a0. It has 300 troops."},
    "p-surrogate-text": {"text": "Kyiv \ud800 asked for 300 tanks."},
    "p-surrogate-title": {"text": "Poland sent 14 tanks.", "title": "T\ud800"},
    "p-nul-text": {"text": "Kyiv\u0000 asked for 40 drones."},
    "p-nul-title": {"text": "Latvia sent 41 drones.", "title": "N\u0000T", "source": "Out\u0000let"},
    "p-c0": {"text": "Kyiv\u0007 asked\u001b for 50 drones.", "url": "https://example.org/\u0001"},
    "p-huge": {"text": "The army has 1" + "0" * 309 + " troops."},
    "p-half-nines": {"text": "They paid ½ " + "9" * 400 + " dollars."},
    "p-trillions": {"text": "It cost trillions of trillions of dollars."},
    "p-range-each": {"text": "Russia sent between 2 and 5 battalions, each of 800 troops."},
    "p-too-long": {"text": "Troops moved. " * 1500},  # about 21 KB
}
REJECTED = {"p-panic", "p-too-long"}
LOADED = {"p-surrogate-text", "p-surrogate-title", "p-nul-text", "p-nul-title", "p-c0"}


def _records() -> list[dict]:
    poison = [{"doc_id": doc_id, **record} for doc_id, record in POISON.items()]
    mixed = []
    for i, record in enumerate(poison):  # poison between good ones
        mixed.append(record)
        if i < len(GOOD):
            mixed.append(GOOD[i])
    return mixed


@pytest.fixture(scope="module")
def hook(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hook")
    (folder / "sitecustomize.py").write_text(
        "import os\n"
        "marker = os.environ.get('TRACKER_TEST_PANIC_MARKER')\n"
        "if marker:\n"
        "    import tracker.extract.figures as _extractor\n"
        "    class SimulatedPanic(BaseException):\n"
        "        pass\n"
        "    _real = _extractor.figure_rows\n"
        "    def figure_rows(text, **metadata):\n"
        "        if marker in text:\n"
        "            raise SimulatedPanic('simulated panic')\n"
        "        return _real(text, **metadata)\n"
        "    _extractor.figure_rows = figure_rows\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("poison") / "poison.jsonl"
    # json.dumps writes a lone surrogate as the escape \ud800, as other tools do
    path.write_text("".join(json.dumps(record) + "\n" for record in _records()), encoding="utf-8")
    return path


def run(hook: Path, *args, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": f"{hook}{os.pathsep}{ROOT}",
           "TRACKER_TEST_PANIC_MARKER": MARKER, "RUST_BACKTRACE": "0"}
    env.pop("TRACKER_DB_URL", None)
    return subprocess.run([sys.executable, "-m", "tracker", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def strict_json(line: str) -> dict:
    def refuse(name):
        raise ValueError(f"not JSON: {name}")
    return json.loads(line, parse_constant=refuse)


def assert_clean_run(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr, result.stderr


def assert_numbers_are_floats(rows: list[dict]) -> None:
    for row in rows:
        for name in ("value", "low", "high"):
            value = row[name]
            assert value is None or (isinstance(value, float) and math.isfinite(value)), (name, row)


def assert_text_is_clean(rows: list[dict]) -> None:
    for row in rows:
        for value in row.values():
            if isinstance(value, str):
                value.encode("utf-8")  # no lone surrogate
                assert "\x00" not in value and "\x07" not in value, row


def rejected_ids(stderr: str) -> set[str]:
    """The doc_ids named in the rejects of ``extract`` (by doc_id or, for a refused line, line)."""
    lines = {number: record["doc_id"] for number, record in enumerate(_records(), start=1)}
    found = set()
    for line in stderr.splitlines():
        for doc_id in POISON:
            if f"(doc_id {doc_id})" in line:
                found.add(doc_id)
        for number, doc_id in lines.items():
            if f"poison.jsonl:{number}:" in line:
                found.add(doc_id)
    return found


def check_loaded(doc_ids: set[str], rejected: set[str]) -> None:
    good = {record["doc_id"] for record in GOOD}
    assert good <= doc_ids, good - doc_ids
    assert REJECTED <= rejected, REJECTED - rejected
    assert not rejected & (LOADED | good), rejected & (LOADED | good)
    # every document is loaded or rejected, none lost
    assert {"p-surrogate-text", "p-nul-text", "p-c0"} <= doc_ids


# -- extract ---------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_extract_keeps_every_good_document(hook, corpus, tmp_path, fmt):
    out = tmp_path / f"figures.{fmt}"
    results = [run(hook, "extract", corpus, "--out", out, "--max-document-mb", LIMIT_MB, cwd=tmp_path)
               for _ in range(2)]  # the rerun: same rejects
    for result in results:
        assert_clean_run(result)
    errors = [[line for line in r.stderr.splitlines() if line.startswith("error: ")] for r in results]
    assert errors[0] == errors[1]  # (a real panic also has Rust print its own message)
    assert "poison.jsonl:" in results[0].stderr and "limit of 10485 bytes" in results[0].stderr
    assert "extractor failed (SimulatedPanic: simulated panic)" in results[0].stderr
    if fmt == "jsonl":
        rows = [strict_json(line) for line in out.read_text(encoding="utf-8").splitlines()]
    elif fmt == "csv":
        with open(out, encoding="utf-8", newline="") as handle:
            rows = [{k: (float(v) if k in ("value", "low", "high") and v else v or None)
                     for k, v in row.items()} for row in csv.DictReader(handle)]
    else:
        table = pq.read_table(out)
        assert str(table.schema.field("value").type) == "double"
        rows = table.to_pylist()
    assert_numbers_are_floats(rows)
    assert_text_is_clean(rows)
    check_loaded({row["doc_id"] for row in rows}, rejected_ids(results[0].stderr))
    titles = {row["doc_id"]: row["title"] for row in rows}
    assert titles["p-surrogate-title"] == "T\ufffd" and titles["p-nul-title"] == "N\ufffdT"


def test_a_malformed_csv_row_is_rejected_and_the_rows_after_it_kept(hook, tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text(
        "doc_id,text\n"
        "c1,Russia has massed 1001 troops.\n"
        'c2,"Kyiv said "about" 300 tanks were sent.\n'  # a stray quote: would swallow c3
        "c3,Poland sent 14 tanks.\n"
        'c4,"Kyiv\x00 asked for 40 drones."\n'
        "c5,Latvia sent 41 drones.\n", encoding="utf-8")
    result = run(hook, "extract", path, cwd=tmp_path)
    assert_clean_run(result)
    assert result.stderr.startswith(f"error: {path}:3: malformed CSV record")
    rows = [strict_json(line) for line in result.stdout.splitlines()]
    assert {row["doc_id"] for row in rows} == {"c1", "c3", "c4", "c5"}


# -- ingest ----------------------------------------------------------------------------------

def _rejects(path: Path) -> set[tuple]:
    return {(Path(r["path"]).name, r["line"], r.get("doc_id"), r["reason"])
            for r in map(strict_json, path.read_text(encoding="utf-8").splitlines())}


def _rejected_ids(rejects: set[tuple]) -> set[str]:
    lines = {number: record["doc_id"] for number, record in enumerate(_records(), start=1)}
    return {doc_id or lines[line] for _, line, doc_id, _ in rejects}


def _ingest_twice(hook, corpus, tmp_path, *target, engine="local"):
    outcomes = []
    for _ in range(2):
        result = run(hook, "ingest", corpus, *target, "--workers", "2", "--engine", engine,
                     "--max-document-mb", LIMIT_MB, cwd=tmp_path)
        assert_clean_run(result)
        assert "rejected inputs, with reasons:" in result.stderr
        outcomes.append(result)
    first, second = outcomes
    assert " 0 documents loaded" in second.stderr  # all good ones were committed the first time
    return first, second


def _check_rejects(rejects_path: Path, first: str) -> set[tuple]:
    rejects = _rejects(rejects_path)
    reasons = {doc_id: reason for _, _, doc_id, reason in rejects}
    assert reasons["p-panic"] == "extractor failed (SimulatedPanic: simulated panic)"
    assert any("limit of 10485 bytes" in reason for reason in reasons.values())
    assert "extractor failed (SimulatedPanic" in first  # named on stderr too
    return rejects


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_ingest_to_parquet_keeps_every_good_document(hook, corpus, tmp_path, engine):
    if engine == "dask":
        pytest.importorskip("distributed")
    out = tmp_path / "out"
    first, second = _ingest_twice(hook, corpus, tmp_path, "--out", out, engine=engine)
    rejects = _check_rejects(out / "_rejects.jsonl", first.stderr)
    rows = pq.read_table(out, partitioning="hive").to_pylist()
    assert_numbers_are_floats(rows)
    assert_text_is_clean(rows)
    check_loaded({row["doc_id"] for row in rows}, _rejected_ids(rejects))
    second_rejects = _rejects(out / "_rejects.jsonl")
    assert second_rejects == rejects  # the rerun tried them again, with the same outcome


def _fresh_postgres() -> tuple[str, callable]:
    import sqlalchemy as sa

    server = sa.make_url(PG_URL)
    name = f"tracker_poison_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')

    def drop():
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
    return server.set(database=name).render_as_string(hide_password=False), drop


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_ingest_to_the_store_keeps_every_good_document(hook, corpus, tmp_path, backend):
    from tracker.store.store import Store

    if backend == "postgres":
        if not PG_URL:
            pytest.skip("TRACKER_TEST_PG_URL not set")
        url, drop = _fresh_postgres()
        rejects_path = tmp_path / "_rejects.jsonl"  # the current directory
    else:
        url, drop = f"sqlite:///{tmp_path / 'store.db'}", lambda: None
        rejects_path = tmp_path / "_rejects.jsonl"  # next to the file
    try:
        first, _ = _ingest_twice(hook, corpus, tmp_path, "--db", url)
        rejects = _check_rejects(rejects_path, first.stderr)
        with Store(url) as store:
            documents = store.documents()
            figures = store.figures()
            titles = dict(zip(documents["doc_id"], documents["title"]))
            text = store.document_text("p-nul-text")
        check_loaded(set(documents["doc_id"]), _rejected_ids(rejects))
        assert titles["p-surrogate-title"] == "T\ufffd" and titles["p-nul-title"] == "N\ufffdT"
        assert text == "Kyiv\ufffd asked for 40 drones."  # one for one: offsets hold
        assert str(figures["value"].dtype) == "float64"
        assert figures[["value", "low", "high"]].apply(
            lambda column: column.dropna().map(math.isfinite).all()).all()
    finally:
        drop()


# -- the dashboard's loader ------------------------------------------------------------------

def test_load_documents_keeps_the_others_when_one_fails_in_the_middle(monkeypatch):
    import tracker.load as load_module
    from tracker.load import load_documents
    from tracker.sources.uploads import pasted_document
    from tracker.sources.document import Document
    from tracker.store.store import Store

    class Panic(BaseException):
        pass

    real = load_module.figure_rows

    def fragile(text, **metadata):
        if MARKER in text:
            raise Panic("simulated panic")
        return real(text, **metadata)

    monkeypatch.setattr(load_module, "figure_rows", fragile)
    items = [Document("a", "Russia has massed 1001 troops."),
             Document("b", f"{MARKER} Kyiv asked for 200 tanks."),
             pasted_document("Kyiv \ud800 asked for 300\x00 tanks.", title="T\ud800"),
             Document("d", "Poland sent 14 tanks.")]
    with Store("sqlite://") as store:
        reports = load_documents(store, items)
        assert [r.status for r in reports] == ["added", "failed", "added", "added"]
        assert "Panic" in reports[1].message and "simulated panic" in reports[1].message
        assert len(store.documents()) == 3
