"""Tests for ``python -m tracker extract``: output formats, streaming, and bad input.

Most tests replace the extractor the command line calls (``tracker.cli.figure_rows``, the
rows of :func:`tracker.extract_figures`) with :func:`fake_extract`, which
returns one row per document echoing its metadata, so they check the command line's
own work (which documents reach the extractor, with what, and how rows are written)
whatever the extractor finds. ``test_real_extractor_finds_an_obvious_figure`` runs the
real one. Texts are short sentences written for these tests.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import tracker.cli
from tracker.cli import build_parser, main
from tracker.schema import COLUMNS

ROOT = Path(__file__).resolve().parent.parent


def fake_extract(text, *, doc_id=None, source=None, published=None, url=None, title=None):
    """One figure per document: its first word as the surface, metadata passed through."""
    surface = text.split()[0]
    return [dict(
        doc_id=doc_id, source=source, published=published, url=url, title=title,
        figure_id=f"{doc_id}:0", start=0, end=len(surface), surface=surface,
        value=float(len(text)), approx=False, derived=False, sentence=text,
    )]


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(tracker.cli, "figure_rows", fake_extract)


@pytest.fixture
def inputs(tmp_path):
    """A text file and a two-row corpus, all readable."""
    (tmp_path / "report.txt").write_text("Russia has massed 145,000 troops.", encoding="utf-8")
    (tmp_path / "wire.jsonl").write_text(
        json.dumps({"doc_id": "w1", "text": "Kyiv asked for 300 tanks.", "source": "Example Wire",
                    "published": "2022-02-14", "url": "https://wire.example/w1",
                    "title": "Tanks"}) + "\n"
        + json.dumps({"text": "Some 2,000 people fled."}) + "\n",
        encoding="utf-8",
    )
    return tmp_path


def run(args, capsys) -> tuple[int, str, str]:
    status = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return status, out, err


def jsonl_rows(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


# -- formats ---------------------------------------------------------------------------

def test_jsonl_to_stdout_one_object_per_row_with_every_column(fake, inputs, capsys):
    status, out, err = run(["extract", inputs / "report.txt", inputs / "wire.jsonl"], capsys)
    assert (status, err) == (0, "")
    rows = jsonl_rows(out)
    assert [list(row) for row in rows] == [list(COLUMNS)] * 3
    assert [row["doc_id"] for row in rows] == ["report", "w1", "wire:2"]
    assert rows[1] | {"sentence": None} == {
        **dict.fromkeys(COLUMNS), "doc_id": "w1", "source": "Example Wire",
        "published": "2022-02-14", "url": "https://wire.example/w1", "title": "Tanks",
        "figure_id": "w1:0", "start": 0, "end": 4, "surface": "Kyiv", "value": 25.0,
        "approx": False, "derived": False,
    }
    assert rows[0]["low"] is None and rows[0]["source"] is None  # NaN and NA become null


@pytest.mark.parametrize("out_name, format_option, expected", [
    ("figures.jsonl", None, "jsonl"),
    ("figures.csv", None, "csv"),
    ("figures.parquet", None, "parquet"),
    ("figures.CSV", None, "csv"),
    ("figures.txt", None, "jsonl"),
    ("figures.txt", "csv", "csv"),
    ("figures.csv", "jsonl", "jsonl"),
])
def test_format_follows_out_suffix_unless_given(fake, inputs, capsys,
                                                out_name, format_option, expected):
    out = inputs / out_name
    options = ["--format", format_option] if format_option else []
    status, stdout, _ = run(["extract", inputs / "report.txt", inputs / "wire.jsonl",
                             "--out", out, *options], capsys)
    assert (status, stdout) == (0, "")
    frame = read_back(out, expected)
    assert list(frame.columns) == list(COLUMNS)
    assert list(frame["doc_id"]) == ["report", "w1", "wire:2"]
    assert list(frame["value"]) == [33.0, 25.0, 23.0]


def read_back(path: Path, output_format: str) -> pd.DataFrame:
    if output_format == "csv":
        return pd.read_csv(path)
    if output_format == "parquet":
        return pd.read_parquet(path)
    return pd.DataFrame(jsonl_rows(path.read_text(encoding="utf-8")))


#: What the extractor gives for "Germany pledged €500m in aid to Ukraine, Olaf Scholz said."
#: beyond the fake's columns: (column, value), written and read back as they are.
WHO_CASES = [
    ("actor", "germany"),
    ("recipient", "ukraine"),
    ("attributed_to", "olaf scholz"),
    ("attributed_kind", "person"),
    ("attributed_country", "germany"),
    ("attribution_text", "Olaf Scholz"),
]


@pytest.mark.parametrize("output_format", ["jsonl", "csv", "parquet"])
def test_recipient_and_attribution_are_written_after_actor(monkeypatch, inputs, capsys, output_format):
    monkeypatch.setattr(tracker.cli, "figure_rows",
                        lambda text, **metadata: [{**row, **dict(WHO_CASES)}
                                                  for row in fake_extract(text, **metadata)])
    out = inputs / f"who.{output_format}"
    status, _, _ = run(["extract", inputs / "report.txt", "--out", out], capsys)
    frame = read_back(out, output_format)
    assert status == 0
    names = list(frame.columns)
    assert names[names.index("actor"):names.index("attribution_text") + 1] == [name for name, _ in WHO_CASES]
    assert [frame.loc[0, name] for name, _ in WHO_CASES] == [value for _, value in WHO_CASES]


@pytest.mark.parametrize("output_format", ["csv", "parquet"])
def test_no_figures_still_gives_every_column(monkeypatch, inputs, capsys, output_format):
    monkeypatch.setattr(tracker.cli, "figure_rows", lambda text, **metadata: [])
    out = inputs / f"none.{output_format}"
    status, _, _ = run(["extract", inputs / "report.txt", "--out", out], capsys)
    frame = read_back(out, output_format)
    assert status == 0 and frame.empty
    assert list(frame.columns) == list(COLUMNS)


def test_parquet_keeps_the_column_types(fake, inputs, capsys):
    out = inputs / "typed.parquet"
    run(["extract", inputs / "wire.jsonl", "--out", out], capsys)
    frame = pd.read_parquet(out).astype(COLUMNS)  # loses nothing: every type maps back
    assert frame["start"].dtype == "Int64" and frame["approx"].dtype == "boolean"
    assert frame.loc[1, "source"] is pd.NA and pd.isna(frame.loc[0, "low"])


def test_parquet_writes_a_row_group_per_batch(fake, inputs, capsys, monkeypatch):
    import pyarrow.parquet as pq

    from tracker.io.writers import ParquetWriter

    monkeypatch.setattr(ParquetWriter, "BATCH_ROWS", 2)
    out = inputs / "batches.parquet"
    run(["extract", inputs / "wire.jsonl", inputs / "report.txt", "--out", out], capsys)
    assert pq.ParquetFile(out).num_row_groups == 2  # 2 rows, then the last 1


def test_parquet_to_stdout_is_refused(inputs, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(inputs / "report.txt"), "--format", "parquet"])
    assert exit_info.value.code == 1  # a usage error; 2 means "some inputs rejected"
    assert "parquet cannot be written to stdout; give --out FILE.parquet" in capsys.readouterr().err


def test_csv_to_stdout_has_the_header_once(fake, inputs, capsys):
    status, out, _ = run(["extract", "--format", "csv", inputs / "wire.jsonl",
                          inputs / "report.txt"], capsys)
    lines = out.splitlines()
    assert status == 0 and lines[0] == ",".join(COLUMNS) and len(lines) == 4


# -- bad input -------------------------------------------------------------------------

BAD_INPUTS = [
    # (file name, bytes or None for no file, message after "error: <path>")
    ("missing.txt", None, ": no such file"),
    ("empty.txt", b"", ": empty file"),
    ("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00", ": binary file (NUL bytes), not text"),
    ("latin1.txt", b"Caf\xe9 talks", ": not UTF-8 text (bad byte at offset 3)"),
    ("notext.csv", b"id,body\n1,Troops moved.\n", ": no 'text' column (columns: id, body)"),
    ("notext.jsonl", b'{"body": "Troops moved."}\n',
     ": no 'text' field in the first record (not a corpus?)"),
    ("slides.pptx", b"PK\x03\x04", ": unsupported file type ('.pptx'; expected .txt, .md, "
                                   ".html, .htm, .pdf, .docx, .jsonl, .csv, .jsonl.gz, .csv.gz)"),
    ("broken.pdf", b"%PDF-1.4\nnothing here\n",
     ": not a readable PDF (Stream has ended unexpectedly)"),
    ("renamed.docx", b"plain words", ": not a Word .docx file (not a zip package)"),
]


@pytest.mark.parametrize("name, data, message", BAD_INPUTS)
def test_bad_input_is_reported_and_the_good_still_written(fake, inputs, capsys,
                                                          name, data, message):
    bad = inputs / name
    if data is not None:
        bad.write_bytes(data)
    status, out, err = run(["extract", inputs / "report.txt", bad, inputs / "wire.jsonl"],
                           capsys)
    assert status == 2
    assert err == f"error: {bad}{message}\n"
    assert [row["doc_id"] for row in jsonl_rows(out)] == ["report", "w1", "wire:2"]


def test_bad_corpus_rows_are_reported_with_their_lines(fake, tmp_path, capsys):
    corpus = tmp_path / "rows.jsonl"
    corpus.write_text('{"text": "Up to 40 drones."}\n{"text": \n{"text": ""}\n'
                      '{"id": "x", "text": "Over 1,000 shells a day."}\n', encoding="utf-8")
    status, out, err = run(["extract", corpus], capsys)
    assert status == 2
    assert err.splitlines() == [
        f"error: {corpus}:2: not valid JSON at column 10 (Expecting value)",
        f"error: {corpus}:3: empty text",
    ]
    assert [row["doc_id"] for row in jsonl_rows(out)] == ["rows:1", "x"]


def test_extractor_failure_is_reported_and_the_run_goes_on(monkeypatch, inputs, capsys):
    def fragile(text, **metadata):
        if "tanks" in text:
            raise ValueError("cannot parse")
        return fake_extract(text, **metadata)

    monkeypatch.setattr(tracker.cli, "figure_rows", fragile)
    status, out, err = run(["extract", inputs / "wire.jsonl"], capsys)
    assert status == 2  # the document is rejected, like an unreadable one
    assert err == f"error: {inputs / 'wire.jsonl'} (doc_id w1): extractor failed " \
                  "(ValueError: cannot parse)\n"
    assert [row["doc_id"] for row in jsonl_rows(out)] == ["wire:2"]


def test_unwritable_out_is_reported(inputs, capsys):
    out = inputs / "no-such-folder" / "figures.csv"
    status, stdout, err = run(["extract", inputs / "report.txt", "--out", out], capsys)
    assert (status, stdout) == (1, "")  # nothing could be done
    assert err == f"error: {out}: cannot write (No such file or directory)\n"


def test_module_entry_point_reports_without_traceback(inputs):
    (inputs / "scan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "extract", "report.txt", "scan.pdf", "gone.md",
         "--format", "csv"],
        cwd=inputs, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == "error: gone.md: no such file"
    assert result.stderr.splitlines()[0].startswith("error: scan.pdf: not a readable PDF")
    assert result.stdout.splitlines()[0] == ",".join(COLUMNS)


# -- help ------------------------------------------------------------------------------

def test_every_command_and_option_has_help():
    parser = build_parser()
    subcommands = next(action for action in parser._actions
                       if isinstance(action, argparse._SubParsersAction))
    helped = {choice.dest for choice in subcommands._choices_actions if choice.help}
    assert helped == set(subcommands.choices) == {"extract", "ingest", "reextract", "compare"}
    for name, command in subcommands.choices.items():
        for action in command._actions:
            assert action.help and action.help != argparse.SUPPRESS, (name, action.dest)
        assert command.format_help()


def test_help_exits_cleanly(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "--help"])
    assert exit_info.value.code == 0
    assert "--format {jsonl,csv,parquet}" in capsys.readouterr().out


# -- with the real extractor -----------------------------------------------------------

def test_real_extractor_finds_an_obvious_figure(inputs, capsys):
    status, out, err = run(["extract", inputs / "report.txt"], capsys)
    assert (status, err) == (0, "")
    assert 145000.0 in [row["value"] for row in jsonl_rows(out)]


def test_workers_write_the_same_rows_in_the_same_order(tmp_path, capsys):
    """--workers 2 finds the figures in worker processes: the same rows, in input order, and
    the same reports and status as one process, over several chunks of documents."""
    lines = [json.dumps({"id": f"d{i}", "text": f"Officials said {i + 1},000 troops and {i % 7 + 2} tanks "
                                                  f"arrived, and {i * 3} people fled."}) for i in range(150)]
    lines.insert(70, '{"text": ')  # a row that is not JSON, reported with its line
    lines.insert(0, '{"text": ""}')
    corpus = tmp_path / "many.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    gone = tmp_path / "gone.txt"
    args = ["extract", gone, corpus, gone, "--format", "csv"]
    one = run(args + ["--workers", "1"], capsys)
    two = run(args + ["--workers", "2"], capsys)
    assert one[0] == two[0] == 2
    assert one[1] == two[1] and one[1].count("\n") > 300
    assert one[2].splitlines() == two[2].splitlines() == [  # in input order
        f"error: {gone}: no such file", f"error: {corpus}:1: empty text",
        f"error: {corpus}:72: not valid JSON at column 10 (Expecting value)", f"error: {gone}: no such file"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_workers_write_rows_made_fit_once_as_one_process_does(tmp_path, capsys, fmt):
    """The workers' rows are made fit for the sink in the worker (a lone surrogate, a NUL) and
    written as they come: the same file as one process writes, which makes them fit itself."""
    lines = [json.dumps({"id": f"d{i}", "text": f"Officials\ud800 said {i + 1},000 troops\u0000 arrived "
                                                  f"on 3 March."}) for i in range(130)]
    corpus = tmp_path / "odd.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out-{workers}.{fmt}"
        assert run(["extract", corpus, "--out", out, "--workers", workers], capsys) == (0, "", "")
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    if fmt != "parquet":
        text = outs[0].decode("utf-8")  # strict: no surrogate got through
        assert "\x00" not in text and "\\u0000" not in text and text.count("\ufffd") >= 260


class _Engines:
    """Stands in for tracker.batch.engines.LocalEngine: records the worker counts asked for
    and finds the figures in this process, as the engine's workers would."""

    def __init__(self):
        self.asked = []

    def __call__(self, workers):
        from tracker.batch.engines import _payload, extract_chunk

        self.asked.append(workers)
        engine = argparse.Namespace(close=lambda: None)
        engine.map = lambda chunks: ((chunk, extract_chunk([_payload(p.document) for p in chunk])) for chunk in chunks)
        return engine


@pytest.mark.parametrize("documents, cpus, expected", [
    (64, 2, []),  # one chunk's worth: this process, no pool to start
    (65, 2, [2]),  # more: one worker per CPU
    (65, 1, []),  # one CPU: this process
    (200, 3, [3]),
])
def test_workers_default_to_one_per_cpu_for_more_than_a_chunk(tmp_path, capsys, monkeypatch, documents, cpus, expected):
    """Without --workers, a corpus of more than 64 documents is done by one worker per CPU the
    process may use; a smaller one in this process. The rows are the same either way."""
    import tracker.batch.engines
    import tracker.extract.parallel

    engines = _Engines()
    monkeypatch.setattr(tracker.batch.engines, "LocalEngine", engines)
    monkeypatch.setattr(tracker.extract.parallel, "usable_cpus", lambda: cpus)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": f"{i + 2} tanks were seen."}) + "\n"
                              for i in range(documents)), encoding="utf-8")
    status, out, err = run(["extract", corpus], capsys)
    assert (status, err, engines.asked) == (0, "", expected)
    assert [row["value"] for row in jsonl_rows(out)] == [float(i + 2) for i in range(documents)]


def test_workers_given_are_used_whatever_the_corpus(tmp_path, capsys, monkeypatch):
    import tracker.batch.engines

    engines = _Engines()
    monkeypatch.setattr(tracker.batch.engines, "LocalEngine", engines)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"text": "5 tanks were seen."}) + "\n", encoding="utf-8")
    assert run(["extract", corpus, "--workers", "3"], capsys)[0] == 0
    assert engines.asked == [3]


def test_usable_cpus_is_at_least_one_and_at_most_the_machine():
    from tracker.extract.parallel import usable_cpus

    assert 1 <= usable_cpus() <= (os.cpu_count() or 1)


def test_workers_report_inputs_that_are_all_unreadable(tmp_path, capsys):
    gone = tmp_path / "gone.txt"
    assert run(["extract", gone, "--workers", "2"], capsys) == (2, "", f"error: {gone}: no such file\n")
