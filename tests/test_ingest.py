"""Tests for batch loading (``python -m tracker ingest``, :mod:`tracker.batch.run`).

The corpus is made of our own paragraphs (``benchmarks/texts/*.txt``), each with a numbered
line so every document is unique, spread over a few months and one without a date. The
real extractor runs everywhere: these tests compare its rows across ``extract``, the local
engine and the Dask engine, across an interrupted-and-resumed run and an uninterrupted one,
and between the Parquet output and the store.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tracker.cli import main
from tracker.batch.progress import Progress
from tracker.batch.run import EXIT_AFTER_ENV, ingest
from tracker.batch.sinks import published_month
from tracker.sources.corpora import read_parquet_corpus
from tracker.sources.document import Document, UnreadableDocument
from tracker.schema import COLUMNS

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted((ROOT / "benchmarks" / "texts").glob("*.txt"))
MONTHS = ["2022-01-15", "2022-02-24T06:00:00Z", "2022-03-01", None]


def paragraphs() -> list[str]:
    return [p.strip() for path in TEXTS for p in path.read_text(encoding="utf-8").split("\n\n")
            if p.strip()]


def records(count: int) -> list[dict]:
    """``count`` unique documents with ids, outlets and dates (one month in four: none)."""
    texts = paragraphs()
    return [{"doc_id": f"d{i}", "text": f"Report {i}.\n{texts[i % len(texts)]}",
             "source": f"Outlet {i % 3}", "published": MONTHS[i % len(MONTHS)]}
            for i in range(count)]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def canonical(rows) -> list[str]:
    """Rows as sorted JSON strings over COLUMNS, NaN as null (dtypes aside)."""
    def value(v, dtype):
        if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
            return None
        v = v.item() if hasattr(v, "item") else v
        return float(v) if dtype == "float64" else v
    return sorted(json.dumps({name: value(row.get(name), dtype) for name, dtype in COLUMNS.items()},
                             sort_keys=True)
                  for row in rows)


def dataset_rows(folder: Path) -> list[dict]:
    return pq.read_table(folder, partitioning="hive").drop(["published_month"]).to_pylist()


def extract_rows(path: Path, tmp_path: Path) -> list[dict]:
    out = tmp_path / "extract.jsonl"
    assert main(["extract", str(path), "--out", str(out)]) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("corpus") / "corpus.jsonl", records(40))


# -- the same figures everywhere --------------------------------------------------------------

def test_local_engine_gives_the_figures_of_extract(corpus, tmp_path):
    summary = ingest([corpus], out=tmp_path / "out", workers=2, part_docs=7, progress=False)
    assert (summary.loaded, summary.duplicates, summary.rejected) == (40, 0, 0)
    expected = extract_rows(corpus, tmp_path)
    assert summary.figures == len(expected) > 40
    assert canonical(dataset_rows(tmp_path / "out")) == canonical(expected)


def test_dask_engine_gives_the_figures_of_extract(corpus, tmp_path):
    pytest.importorskip("distributed")
    summary = ingest([corpus], out=tmp_path / "out", workers=2, engine="dask", progress=False)
    assert (summary.loaded, summary.rejected) == (40, 0)
    assert canonical(dataset_rows(tmp_path / "out")) == canonical(extract_rows(corpus, tmp_path))


def test_store_gets_the_figures_of_extract(corpus, tmp_path):
    from tracker.store.store import Store

    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    summary = ingest([corpus], db=url, workers=2, progress=False)
    assert (summary.loaded, summary.duplicates) == (40, 0)
    assert summary.rejects_path == str(tmp_path / "_rejects.jsonl")
    with Store(url) as store:
        stored = store.figures()
    assert len(stored) == summary.figures
    expected = extract_rows(corpus, tmp_path)
    keys = ["doc_id", "start", "end", "surface", "unit"]
    assert canonical(stored[keys].to_dict("records")) == canonical(
        [{k: row[k] for k in keys} for row in expected])
    again = ingest([corpus], db=url, workers=1, progress=False)
    assert (again.loaded, again.duplicates, again.figures) == (0, 40, 0)


# -- the dataset -------------------------------------------------------------------------------

def test_dataset_is_partitioned_by_month_and_readable(corpus, tmp_path):
    out = tmp_path / "out"
    ingest([corpus], out=out, workers=1, progress=False)
    months = sorted(p.name for p in out.iterdir() if p.is_dir() and not p.name.startswith("_"))
    assert months == ["published_month=2022-01", "published_month=2022-02",
                      "published_month=2022-03", "published_month=unknown"]
    frame = pd.read_parquet(out)
    assert set(frame.columns) == {*COLUMNS, "published_month"}
    assert {"recipient", "attributed_kind", "attributed_country", "attribution_text"} <= set(frame.columns)
    unknown = frame[frame["published_month"] == "unknown"]
    assert unknown["published"].isna().all() and len(unknown) > 0
    assert (frame.loc[frame["published_month"] == "2022-02", "published"]
            .str.startswith("2022-02").all())
    assert (out / "_state").is_dir() and (out / "_rejects.jsonl").exists()


def test_duckdb_reads_the_dataset(corpus, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    ingest([corpus], out=tmp_path / "out", workers=1, progress=False)
    [(count,)] = duckdb.sql(f"SELECT count(*) FROM read_parquet('{tmp_path}/out/**/*.parquet', "
                            "hive_partitioning = true)").fetchall()
    assert count == len(pd.read_parquet(tmp_path / "out"))


@pytest.mark.parametrize("published, month", [
    ("2022-02-24", "2022-02"), ("2022-02-24T05:00:00+02:00", "2022-02"), ("2022-13-01", "unknown"),
    ("24 February 2022", "unknown"), ("", "unknown"), (None, "unknown"),
])
def test_published_month(published, month):
    assert published_month(published) == month


# -- resuming ----------------------------------------------------------------------------------

def test_killed_run_resumed_gives_the_uninterrupted_result(corpus, tmp_path):
    whole, resumed = tmp_path / "whole", tmp_path / "resumed"
    ingest([corpus], out=whole, workers=2, part_docs=5, chunk_docs=2, progress=False)
    code = (f"from tracker.batch.run import ingest; "
            f"ingest([{str(corpus)!r}], out={str(resumed)!r}, workers=2, part_docs=5, chunk_docs=2, progress=False)")
    env = {**os.environ, EXIT_AFTER_ENV: "23", "PYTHONPATH": str(ROOT)}
    log = tmp_path / "killed.log"
    with open(log, "wb") as stderr:
        killed = subprocess.run([sys.executable, "-c", code], env=env, stderr=stderr, timeout=120)
    assert killed.returncode == 3, log.read_text()
    committed = len(dataset_rows(resumed))
    assert 0 < committed < len(dataset_rows(whole))  # some parts were committed, not all
    summary = ingest([corpus], out=resumed, workers=2, part_docs=5, chunk_docs=2, progress=False)
    assert summary.duplicates > 0 and summary.loaded + summary.duplicates == 40
    assert canonical(dataset_rows(resumed)) == canonical(dataset_rows(whole))
    again = ingest([corpus], out=resumed, workers=1, progress=False)
    assert (again.loaded, again.duplicates) == (0, 40)
    assert canonical(dataset_rows(resumed)) == canonical(dataset_rows(whole))


def test_uncommitted_part_files_are_removed_and_committed_ones_finished(corpus, tmp_path):
    out = tmp_path / "out"
    ingest([corpus], out=out, workers=1, progress=False)
    expected = canonical(dataset_rows(out))
    part = next(out.glob("published_month=2022-01/part-*.parquet"))
    part.rename(part.with_name(f".{part.name}.tmp"))  # killed after commit, before rename
    stray = out / "published_month=2022-01" / ".part-x-00000.parquet.tmp"
    stray.write_bytes(part.with_name(f".{part.name}.tmp").read_bytes())  # killed before commit
    summary = ingest([corpus], out=out, workers=1, progress=False)
    assert (summary.loaded, summary.duplicates) == (0, 40)
    assert part.exists() and not stray.exists()
    assert canonical(dataset_rows(out)) == expected


# -- bad inputs --------------------------------------------------------------------------------

@pytest.fixture
def messy(tmp_path) -> Path:
    """Good rows among malformed lines, wrong types, empty text, bad UTF-8 and duplicates."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    good = records(6)
    lines = [json.dumps(good[0]).encode(), b'{"text": "unterminated',
             json.dumps({"doc_id": "n", "text": 12345}).encode(),
             json.dumps({"doc_id": "e", "text": "   "}).encode(),
             b'{"text": "caf\xe9 with 3 tanks"}',
             json.dumps(good[1]).encode(), json.dumps(good[0]).encode(),  # a duplicate
             json.dumps(good[2]).encode()]
    (folder / "wire.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    with gzip.open(folder / "sub" / "more.csv.gz", "wt", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["doc_id", "text", "published"])
        writer.writeheader()
        writer.writerow({"doc_id": good[3]["doc_id"], "text": good[3]["text"],
                         "published": good[3]["published"]})
        writer.writerow({"doc_id": "blank", "text": "", "published": ""})
    pq.write_table(pa.table({"doc_id": ["p4", "p5", "p1dup"],
                             "text": [good[4]["text"], good[5]["text"], good[1]["text"]],
                             "published": ["2022-03-02", None, None]}),
                   folder / "sub" / "rows.parquet")
    pq.write_table(pa.table({"doc_id": ["x"], "text": [7]}), folder / "numbers.parquet")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.json").write_text("{}", encoding="utf-8")  # not a supported suffix: ignored
    return folder


def test_every_good_row_loaded_and_every_bad_one_rejected(messy, tmp_path, capsys):
    out = tmp_path / "out"
    status = main(["ingest", str(messy), "--out", str(out), "--workers", "2"])
    err = capsys.readouterr().err
    assert status == 2
    assert "6 documents loaded, 2 skipped as duplicates, 7 rejected" in err
    frame = pd.read_parquet(out)
    # the first copy of a text wins: rows.parquet is read before wire.jsonl
    assert set(frame["doc_id"]) == {"d0", "p1dup", "d2", "d3", "p4", "p5"}
    rejects = [json.loads(line) for line in (out / "_rejects.jsonl").read_text().splitlines()]
    reasons = {(Path(r["path"]).name, r["line"]): r["reason"] for r in rejects}
    assert reasons == {
        ("wire.jsonl", 2): "not valid JSON at column 10 (Unterminated string starting)",
        ("wire.jsonl", 3): "'text' is not a string (got int)",
        ("wire.jsonl", 4): "empty text",
        ("wire.jsonl", 5): "not UTF-8 text",
        ("more.csv.gz", 4): "empty text",  # row 1 spans lines 2-3,
        ("numbers.parquet", 1): "'text' is not a string (got int)",
        ("empty.txt", None): "empty file",
    }


def test_rejects_go_next_to_a_sqlite_store(messy, tmp_path, capsys):
    db = tmp_path / "db" / "tracker.db"
    db.parent.mkdir()
    assert main(["ingest", str(messy), "--db", f"sqlite:///{db}", "--workers", "1"]) == 2
    assert "6 documents loaded" in capsys.readouterr().err
    assert len((db.parent / "_rejects.jsonl").read_text().splitlines()) == 7


def test_parquet_corpus_is_read_in_batches(tmp_path, monkeypatch):
    import tracker.sources.corpora

    monkeypatch.setattr(tracker.sources.corpora, "PARQUET_BATCH_ROWS", 2)
    path = tmp_path / "c.parquet"
    pq.write_table(pa.table({"ID": ["a", None, "c"], "Text": ["One.", "Two.", ""]}), path)
    items = list(read_parquet_corpus(str(path)))
    assert items[:2] == [Document("a", "One."), Document("c:2", "Two.")]
    assert isinstance(items[2], UnreadableDocument) and items[2].line == 3
    (tmp_path / "bad.parquet").write_bytes(b"not parquet")
    [error] = read_parquet_corpus(str(tmp_path / "bad.parquet"))
    assert "not a readable Parquet file" in error.message


# -- command line and progress -----------------------------------------------------------------

def test_scheduler_needs_the_dask_engine(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["ingest", "x.jsonl", "--scheduler", "tcp://127.0.0.1:8786"])
    assert exit_info.value.code == 1
    assert "--scheduler needs --engine dask" in capsys.readouterr().err


def test_db_and_out_exclude_each_other(capsys):
    with pytest.raises(SystemExit):
        main(["ingest", "x.jsonl", "--db", "sqlite://", "--out", "d"])


def test_progress_line_only_when_asked(corpus):
    stream = io.StringIO()
    bar = Progress([str(corpus)], stream=stream, enabled=True)
    bar.total = 40
    bar.update(10, 50)
    bar.bar.refresh()
    bar.close()
    shown = stream.getvalue()
    assert "10/40" in shown and "25%" in shown and "documents/s" in shown and "50 figures" in shown
    assert "<" in shown  # tqdm's elapsed<remaining: the ETA
    quiet = io.StringIO()
    bar = Progress([str(corpus)], stream=quiet)  # StringIO is no terminal
    bar.update(10, 50)
    bar.close()
    assert quiet.getvalue() == ""


_BAR_IN_A_FRESH_PROCESS = """
import io, sys, threading
from tracker.batch.progress import Progress
for enabled in (True, False):
    bar = Progress([], stream=io.StringIO(), enabled=enabled, total=40)
    bar.update(40, 5)
    bar.close()
print([thread.name for thread in threading.enumerate()])
"""


def test_a_progress_bar_leaves_no_thread_running():
    """tqdm's monitor thread, started with a first bar (even a disabled one) and never ended,
    would keep extract_corpus from forking its workers for the rest of the process. In a fresh
    interpreter, where no bar of an earlier test has started one."""
    done = subprocess.run([sys.executable, "-c", _BAR_IN_A_FRESH_PROCESS], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).resolve().parents[1])
    assert (done.returncode, done.stdout.strip()) == (0, "['MainThread']"), done.stderr[-2000:]


def test_summary_is_printed(corpus, tmp_path, capsys):
    assert main(["ingest", str(corpus), "--out", str(tmp_path / "o"), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("ingest: 40 documents loaded, 0 skipped as duplicates, 0 rejected, ")
    assert "documents/s" in err


def test_benchmark_corpus_has_unique_documents_of_about_one_kb(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("batch_scale", ROOT / "benchmarks" / "batch_scale.py")
    batch_scale = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(batch_scale)
    path = tmp_path / "c.jsonl"
    batch_scale.write_corpus(path, 200, 1024)
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(set(texts)) == len(texts) == 200
    assert all(1024 <= len(text.encode("utf-8")) < 2 * 1024 for text in texts)


def test_dask_engine_runs_on_an_existing_scheduler(corpus, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        summary = ingest([corpus], out=tmp_path / "out", engine="dask",
                         scheduler=cluster.scheduler_address, progress=False)
        assert len(cluster.scheduler.workers) == 1  # the cluster given, not a new one
    assert summary.loaded == 40
    assert canonical(dataset_rows(tmp_path / "out")) == canonical(extract_rows(corpus, tmp_path))
