"""The dashboard, page by page, with Streamlit's AppTest (no browser): each test has its own
SQLite store in tmp_path, which opens on the seeds/ corpus."""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tracker.analysis import export
from tracker.store.store import Store
from tracker.analysis.views import FilterState, filter_figures

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120


@pytest.fixture
def db_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    monkeypatch.setenv("TRACKER_DB_URL", url)
    return url


def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)


def page(at: AppTest, name: str) -> AppTest:
    at.switch_page(f"app_pages/{name}.py")
    return at.run()


def caption_count(at: AppTest) -> int:
    text = next(c.value for c in at.caption if " figures" in c.value)
    return int(text.split(" of ")[0].replace(",", ""))


def test_figures_page_opens_on_the_seed_corpus(db_url):
    at = app().run()
    assert not at.exception, at.exception
    assert caption_count(at) > 10
    with Store(db_url) as store:
        assert "000_91e23c0da8ec2b98" in set(store.documents()["doc_id"])


def test_a_filter_narrows_the_table_and_lands_in_the_url(db_url):
    at = app().run()
    everything = caption_count(at)
    at.multiselect(key="f_categories").set_value(["money"]).run()
    assert not at.exception, at.exception
    assert 0 < caption_count(at) < everything
    assert at.query_params["categories"] in ("money", ["money"])


def test_a_link_with_filters_reopens_the_same_view(db_url):
    at = app()
    at.query_params["categories"] = "personnel"
    at.query_params["text"] = "troops"
    at.run()
    assert not at.exception, at.exception
    assert at.multiselect(key="f_categories").value == ["personnel"]
    assert at.text_input(key="f_text").value == "troops"


def test_downloads_read_back_to_the_rows_shown(db_url):
    at = app().run()
    assert {b.proto.label for b in at.get("download_button")} >= {"CSV", "Excel", "Parquet", "JSON"}
    with Store(db_url) as store:
        shown = filter_figures(store.figures(), FilterState(categories=["personnel"]))
    readers = {"csv": lambda b: pd.read_csv(io.BytesIO(b)), "xlsx": lambda b: pd.read_excel(io.BytesIO(b)),
               "parquet": lambda b: pd.read_parquet(io.BytesIO(b)), "json": lambda b: pd.read_json(io.BytesIO(b))}
    for suffix, read in readers.items():
        back = read(getattr(export, f"to_{suffix}")(shown))
        assert len(back) == len(shown), suffix
        assert list(back["figure_id"].astype(str)) == list(shown["figure_id"].astype(str)), suffix
        assert "corrected" in back.columns, suffix


def test_compare_charts_several_sources(db_url):
    at = page(app().run(), "compare")
    assert not at.exception, at.exception
    at.selectbox(key="measure").set_value("personnel|troop|russia").run()
    assert not at.exception, at.exception
    assert at.get("vega_lite_chart"), "the compare page draws a chart"
    summary = at.dataframe[0].value
    assert len(summary) >= 3, "Russian troops are estimated by several sources in the seeds"
    assert at.query_params["measure"] in ("personnel|troop|russia", ["personnel|troop|russia"])
    at.text_input(key="word").set_value("no-such-word").run()
    assert any("No figures match" in w.value for w in at.warning)


def test_article_page_highlights_figures_and_escapes_text(db_url):
    with Store(db_url) as store:
        from tracker.load import pasted_document

        store.add_document(pasted_document("<script>alert(1)</script> Russia has 5,000 troops there."))
    at = app()
    at.query_params["doc"] = pasted_doc_id = [d for d in Store(db_url).documents()["doc_id"] if d.startswith("pasted")][0]
    at.switch_page("app_pages/document.py")
    at.run()
    assert not at.exception, at.exception
    html = "".join(m.value for m in at.markdown)
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "<mark" in html and pasted_doc_id


def test_adding_pasted_text_and_an_empty_paste(db_url):
    at = page(app().run(), "add")
    at.text_area(key="paste_text").set_value("")
    at.button[0].click().run()  # the form's submit button
    assert any("empty" in e.value for e in at.error)
    at.text_area(key="paste_text").set_value("Germany pledged €500m in aid on Monday.")
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert any("1 added" in s.value for s in at.success)


def test_a_correction_persists_across_a_rerun_and_can_be_undone(db_url):
    with Store(db_url) as store:
        store.documents()  # seeds load on first app run; make sure the store exists
    at = app().run()
    with Store(db_url) as store:
        row = store.figures().query("surface == '145,000 troops'").iloc[0]
        correction = store.add_correction(row["content_hash"], int(row["start"]), int(row["end"]),
                                          "value", 150000.0, author="test")
    at = page(at, "corrections")
    assert not at.exception, at.exception
    history = at.dataframe[-1].value
    assert list(history["new_value"].astype(str)) == ["150000.0"]
    at = page(at, "figures")
    table = at.dataframe[0].value
    assert bool(table.loc[table["value"] == 150000.0, "corrected"].iloc[0])
    with Store(db_url) as store:
        fixed = store.figures().query("figure_id == @row.figure_id").iloc[0]
        assert fixed["value"] == 150000.0 and bool(fixed["corrected"])
        store.revert_correction(correction)
        back = store.figures().query("figure_id == @row.figure_id").iloc[0]
        assert back["value"] == 145000.0 and not bool(back["corrected"])


@pytest.mark.parametrize("url, message", [
    ("http://127.0.0.1:8501/", "loopback"),
    ("http://169.254.169.254/latest/meta-data/", "metadata"),
    ("ftp://example.org/file.txt", "http"),
    ("not a url", "web address"),
])
def test_a_refused_url_is_a_clear_message_and_changes_nothing(db_url, url, message):
    at = page(app().run(), "add")
    with Store(db_url) as store:
        before = store.version()
    at.text_input(key="fetch_url").set_value(url)
    at.button(key="fetch_go").click().run()
    assert not at.exception, at.exception
    assert any(message in e.value for e in at.error), [e.value for e in at.error]
    with Store(db_url) as store:
        assert store.version() == before
    assert at.title[0].value == "Add articles"  # the app is still there


def test_article_metadata_is_shown_as_plain_text(db_url):
    from tracker.sources.readers import Document

    with Store(db_url) as store:
        store.add_document(Document("trap", "Russia has 5,000 troops there.",
                                    source="[Reuters](https://evil.example) **Wire**", title="_x_ <b>T</b>"))
    at = app()
    at.query_params["doc"] = "trap"
    at.switch_page("app_pages/document.py")
    at.run()
    assert not at.exception, at.exception
    title, caption = at.title[0].value, at.caption[0].value
    assert "](" not in caption and "**" not in caption and "evil.example" in caption
    assert "<b>" not in title and not title.startswith("_")


def test_an_unknown_article_link_warns(db_url):
    at = app()
    at.query_params["doc"] = "no-such-article"
    at.switch_page("app_pages/document.py")
    at.run()
    assert not at.exception, at.exception
    assert any("No article" in w.value for w in at.warning)
