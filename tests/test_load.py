"""Bringing documents in: seeds, pasted text, uploads, and the per-input load report."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from tracker.load import load_documents
from tracker.sources.uploads import MAX_UPLOAD_BYTES, pasted_document, read_upload, seed_documents
from tracker.store.corrections import Edit, diff_edits
from tracker.sources.document import Document, UnreadableDocument


def test_seed_documents_read_metadata(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Russia has 100,000 troops.", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"doc_id": "A1", "source": "Wire", "published": "2022-01-02",
                                                 "title": "T", "url": None}), encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text("No metadata here.", encoding="utf-8")
    docs = seed_documents(tmp_path)
    assert [(d.doc_id, d.source, d.published, d.url) for d in docs] == [
        ("A1", "Wire", "2022-01-02", None), ("b", None, None, None)]


def test_the_projects_seeds_load():
    from pathlib import Path

    docs = seed_documents(Path(__file__).resolve().parents[1] / "seeds")
    assert any(d.doc_id == "000_91e23c0da8ec2b98" and d.source == "The Guardian" for d in docs)


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_paste_is_refused_clearly(text):
    with pytest.raises(UnreadableDocument, match="empty"):
        pasted_document(text)


def test_paste_id_is_stable():
    assert pasted_document("Some 5 tanks.").doc_id == pasted_document("Some 5 tanks.").doc_id


def test_upload_too_large_is_one_clear_error():
    [item] = list(read_upload("big.txt", b"x" * (MAX_UPLOAD_BYTES + 1)))
    assert isinstance(item, UnreadableDocument) and "too large" in item.message and item.path == "big.txt"
    # the command that loads it where the dashboard reads, not `extract` (which loads nothing)
    assert "`python -m tracker ingest PATH --db URL`" in item.message and "extract" not in item.message


#: (pasted text, title typed, the article's title): its own first line unless a title is typed.
PASTED_TITLES = [
    pytest.param("Russia masses troops\nRussia has 100,000 troops near the border.", None, "Russia masses troops",
                 id="first-line"),
    pytest.param("\n\n   Germany pledges  €500m  \n\nBerlin said on Monday.", "", "Germany pledges €500m",
                 id="blank-lines-and-spaces"),
    pytest.param("Britain sent 300 soldiers to Estonia.", " Estonia brief ", "Estonia brief", id="typed-title-wins"),
    pytest.param("Russia has massed 120,000 troops near the border with Ukraine, the defence ministry in Kyiv said "
                 "on Monday.", None, "Russia has massed 120,000 troops near the border with Ukraine, the defence…",
                 id="long-line-cut-at-a-word"),
    pytest.param("x" * 100, None, "x" * 79 + "…", id="one-long-word-cut-inside"),
]


@pytest.mark.parametrize("text, title, expected", PASTED_TITLES)
def test_a_pasted_article_is_titled_by_its_first_line(text, title, expected):
    document = pasted_document(text, title=title)
    assert document.title == expected and len(document.title) <= 80
    assert document.doc_id == pasted_document(text).doc_id and document.doc_id.startswith("pasted-")


@pytest.mark.parametrize("name, data, message", [
    ("binary.txt", b"\x00\x01\x02 not text", "binary"),
    ("empty.txt", b"", "empty"),
    ("latin1.txt", "Caf\xe9 5 tanks".encode("latin-1"), "UTF-8"),
    ("table.csv", b"id,body\n1,x\n", "text"),
])
def test_bad_uploads_name_the_upload(name, data, message):
    items = list(read_upload(name, data))
    assert items and all(isinstance(i, UnreadableDocument) for i in items)
    assert items[0].path == name and message.lower() in items[0].message.lower()


def test_corpus_upload_gives_every_row():
    data = b'{"text": "5 tanks"}\nnot json\n{"text": "6 tanks", "id": "x"}\n'
    items = list(read_upload("rows.jsonl", data))
    assert [type(i).__name__ for i in items] == ["Document", "UnreadableDocument", "Document"]
    assert items[1].line == 2


class FakeStore:
    def __init__(self):
        self.seen = set()

    def find_document(self, content_hash):
        return None

    def add_document(self, doc, figures):
        from types import SimpleNamespace

        if doc.text == "boom":
            raise RuntimeError("disk full")
        status = "duplicate" if doc.text in self.seen else "added"
        self.seen.add(doc.text)
        return SimpleNamespace(status=status, doc_id=doc.doc_id, figures=1)


def test_load_report_covers_every_input():
    items = [Document("a", "text"), Document("b", "text"), UnreadableDocument("c.pdf", "no text layer"),
             Document("d", "boom")]
    ticks = []
    reports = load_documents(FakeStore(), items, progress=lambda done, name: ticks.append(done))
    assert [(r.name, r.status) for r in reports] == [
        ("a", "added"), ("b", "duplicate"), ("c.pdf", "failed"), ("d", "failed")]
    assert "disk full" in reports[3].message and ticks == [1, 2, 3, 4]


def _shown():
    return pd.DataFrame({"content_hash": ["h1", "h2"], "start": [0, 10], "end": [5, 20],
                         "value": [5.0, float("nan")], "unit": ["tank", None],
                         "not_a_figure": [False, False]})


@pytest.mark.parametrize("change, expected", [
    ({"value": [5.0, float("nan")]}, []),
    ({"value": [6.0, float("nan")]}, [Edit("h1", 0, 5, "value", "5.0", "6.0")]),
    ({"unit": ["tank", "drone"]}, [Edit("h2", 10, 20, "unit", None, "drone")]),
    ({"unit": ["", None]}, [Edit("h1", 0, 5, "unit", "tank", None)]),
    ({"not_a_figure": [False, True]}, [Edit("h2", 10, 20, "not_a_figure", "false", "true")]),
])
def test_diff_edits(change, expected):
    assert diff_edits(_shown(), _shown().assign(**change)) == expected


def test_edit_values_are_typed():
    assert Edit("h", 0, 1, "value", "5.0", "6.5").value == 6.5
    assert Edit("h", 0, 1, "not_a_figure", "false", "true").value is True
    assert Edit("h", 0, 1, "unit", None, "drone").value == "drone"
    assert Edit("h", 0, 1, "approx", "true", "false").value is False
    assert Edit("h", 0, 1, "approx", "true", "perhaps").value == "perhaps"  # for the store to refuse
    assert Edit("h", 0, 1, "as_of", None, "2022-02").value == "2022-02"  # a month stays a month


def test_rows_added_are_refused():
    with pytest.raises(ValueError):
        diff_edits(_shown(), pd.concat([_shown(), _shown()]))


@pytest.mark.parametrize("written, iso", [
    ("2022-02-14", "2022-02-14"), ("2022/03/02", "2022-03-02"), ("14 February 2022", "2022-02-14"),
    ("2022-02-14T21:30:00Z", "2022-02-14"), ("Feb 14, 2022", "2022-02-14"),
    ("not-a-date", None), ("", None), (None, None),
])
def test_published_dates_become_iso(written, iso):
    from tracker.sources.document import iso_date

    assert iso_date(written) == iso


def test_load_report_says_when_a_date_was_not_understood():
    store = FakeStore()
    reports = load_documents(store, [Document("a", "5 tanks", published="someday"),
                                     Document("b", "6 tanks", published="2022/03/02"),
                                     Document("c", "7 tanks")])
    assert "not understood" in reports[0].message
    assert reports[1].message == "1 figures"
    assert "no date" in reports[2].message


# -- one path into the store ------------------------------------------------------------------

def test_a_date_in_words_is_stored_as_iso_by_ingest_and_by_the_dashboard(tmp_path, monkeypatch):
    """"2 March 2022" is stored as 2022-03-02 whichever way the document comes in: ``ingest
    --db`` (batch) and the dashboard's loader both go through tracker.load's one function."""
    import json

    import tracker.load
    from tracker.cli import main
    from tracker.store.store import Store

    through = []
    one_function = tracker.load._add_prepared

    def spy(store, doc, rows):
        through.append(doc.doc_id)
        return one_function(store, doc, rows)

    monkeypatch.setattr(tracker.load, "_add_prepared", spy)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"doc_id": "batch", "text": "Russia has massed 5,000 troops.",
                                  "published": "2 March 2022"}) + "\n", encoding="utf-8")
    batch_url = f"sqlite:///{tmp_path / 'batch.db'}"
    assert main(["ingest", str(corpus), "--db", batch_url, "--workers", "1"]) == 0
    dashboard_url = f"sqlite:///{tmp_path / 'dashboard.db'}"
    with Store(dashboard_url) as store:
        reports = load_documents(store, [Document("dashboard", "Russia has massed 5,000 troops.",
                                                  published="2 March 2022")])
    assert [r.status for r in reports] == ["added"]
    assert through == ["batch", "dashboard"]
    for url in (batch_url, dashboard_url):
        with Store(url) as store:
            assert store.documents()["published"].tolist() == ["2022-03-02"]
            assert store.figures()["published"].tolist() == ["2022-03-02"]
