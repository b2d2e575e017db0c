"""The dashboard, page by page, with Streamlit's AppTest (no browser): each test has its own
SQLite store in tmp_path, which opens on the seeds/ corpus."""
from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tracker.analysis import export
from tracker.store.store import Store
from tracker.analysis.filters import FilterState, filter_figures
from tracker.analysis.text import unplain

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


def assert_ok(at: AppTest) -> None:
    """No traceback, and no page that ended on app_pages.common.run_page's message either."""
    assert not at.exception, at.exception
    unexpected = [e.value for e in at.error if "unexpected error" in e.value]
    assert not unexpected, unexpected


def caption_count(at: AppTest) -> int:
    text = next(c.value for c in at.caption if " figures" in c.value)
    return int(text.split(" of ")[0].replace(",", ""))


def test_figures_page_opens_on_the_seed_corpus(db_url):
    at = app().run()
    assert_ok(at)
    assert caption_count(at) > 10
    with Store(db_url) as store:
        assert "000_91e23c0da8ec2b98" in set(store.documents()["doc_id"])


def open_filters(at):
    """Open the Figures page's filter expander, as a click on it does (it reruns the page)."""
    at.session_state["figures_filters"] = True
    return at.run()


def test_the_filter_boxes_are_made_only_while_their_expander_is_open(db_url):
    at = app().run()
    assert_ok(at)
    assert not at.multiselect and not at.text_input and not at.date_input  # closed: nothing filtered
    open_filters(at)
    assert at.multiselect(key="f_categories").value == [] and at.text_input(key="f_text").value == ""


def test_a_link_with_filters_opens_the_panel_and_closing_it_keeps_them(db_url):
    everything = caption_count(app().run())
    at = app()
    at.query_params["categories"] = "money"
    at.query_params["units"] = "zorkmid"  # no stored figure has it: dropped, as its box would
    at.run()
    assert_ok(at)
    assert at.multiselect(key="f_categories").value == ["money"]
    at.session_state["figures_filters"] = False  # the user closes the panel
    at.run()
    assert not at.multiselect
    assert 0 < caption_count(at) < everything
    assert at.query_params["categories"] in ("money", ["money"]) and "units" not in at.query_params


def test_the_filter_panel_stays_open_when_its_last_filter_is_cleared(db_url):
    at = open_filters(app())
    at.multiselect(key="f_categories").set_value(["money"]).run()
    at.multiselect(key="f_categories").set_value([]).run()
    at.run()
    assert at.multiselect(key="f_categories").value == []


def test_a_filter_narrows_the_table_and_lands_in_the_url(db_url):
    at = open_filters(app())
    everything = caption_count(at)
    at.multiselect(key="f_categories").set_value(["money"]).run()
    assert_ok(at)
    assert 0 < caption_count(at) < everything
    assert at.query_params["categories"] in ("money", ["money"])


def test_a_link_with_filters_reopens_the_same_view(db_url):
    at = app()
    at.query_params["categories"] = "personnel"
    at.query_params["text"] = "troops"
    at.run()
    assert_ok(at)
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
    assert_ok(at)
    at.selectbox(key="measure").set_value("count:russia:troop:personnel:-").run()
    assert_ok(at)
    assert at.get("vega_lite_chart"), "the compare page draws a chart"
    every_claim = at.dataframe[0].value
    assert every_claim["speaker"].nunique() >= 3, "Russian troops are estimated by several sources in the seeds"
    assert at.query_params["measure"] in ("count:russia:troop:personnel:-", ["count:russia:troop:personnel:-"])
    at.text_input(key="word").set_value("no-such-word").run()
    assert any("No claims match" in w.value for w in at.warning)


def test_a_compare_link_reopens_the_same_measure(db_url):
    at = app()
    for key, value in {"measure": "count:russia:troop:personnel:-", "word": "troops", "roles": "all"}.items():
        at.query_params[key] = value
    at.switch_page("app_pages/compare.py")
    at.run()
    assert_ok(at)
    assert at.selectbox(key="measure").value == "count:russia:troop:personnel:-"
    assert at.text_input(key="word").value == "troops"
    assert at.toggle(key="roles").value is True


def test_an_older_compare_link_opens_its_measure(db_url):
    at = app()
    for key, value in {"category": "personnel", "unit": "troop", "actor": "russia"}.items():
        at.query_params[key] = value
    at.switch_page("app_pages/compare.py")
    at.run()
    assert_ok(at)
    assert at.selectbox(key="measure").value == "count:russia:troop:personnel:-"


def test_article_page_highlights_figures_and_escapes_text(db_url):
    with Store(db_url) as store:
        from tracker.load import add_document
        from tracker.sources.uploads import pasted_document

        add_document(store, pasted_document("<script>alert(1)</script> Russia has 5,000 troops there."))
    at = app()
    at.query_params["doc"] = pasted_doc_id = [d for d in Store(db_url).documents()["doc_id"] if d.startswith("pasted")][0]
    at.switch_page("app_pages/document.py")
    at.run()
    assert_ok(at)
    html = "".join(m.value for m in at.markdown)
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "<mark" in html and pasted_doc_id
    assert "1 figure highlighted." in [m.value for m in at.markdown]  # one figure, in the singular
    assert unplain(at.title[0].value) == "<script>alert(1)</script> Russia has 5,000 troops there."  # its first line


def test_adding_pasted_text_and_an_empty_paste(db_url):
    at = page(app().run(), "add")
    at.text_area(key="paste_text").set_value("")
    at.button[0].click().run()  # the form's submit button
    assert [unplain(e.value) for e in at.error] == [
        "Nothing added: the text box is empty; paste an article's text into it, then add it."]
    at.text_area(key="paste_text").set_value("Germany pledges aid\n\nGermany pledged €500m in aid on Monday.")
    at.button[0].click().run()
    assert_ok(at)
    assert [s.value for s in at.success] == [
        "1 added, 0 already loaded, 0 could not be read; see them on “Figures” and “Article”."]
    with Store(db_url) as store:
        pasted = store.documents().query("doc_id.str.startswith('pasted-')")
    assert pasted["title"].tolist() == ["Germany pledges aid"]  # its first line, not its id


@pytest.mark.parametrize("names, label", [(["a.txt"], "Add 1 file"), (["a.txt", "b.txt"], "Add 2 files")])
def test_the_upload_button_counts_its_files(db_url, names, label):
    at = page(app().run(), "add")
    at.file_uploader(key="uploads").set_value([(name, b"Britain sent 300 soldiers.", "text/plain")
                                               for name in names]).run()
    assert at.button(key="upload_go").label == label


def test_a_correction_persists_across_a_rerun_and_can_be_undone(db_url):
    with Store(db_url) as store:
        store.documents()  # seeds load on first app run; make sure the store exists
    at = app().run()
    with Store(db_url) as store:
        row = store.figures().query("surface == '145,000 troops'").iloc[0]
        correction = store.add_correction(row["content_hash"], int(row["start"]), int(row["end"]),
                                          "value", 150000.0, author="test")
    at = page(at, "corrections")
    assert_ok(at)
    history = at.dataframe[-1].value
    assert list(history["new_value"].astype(str)) == ["150000.0"]
    at = page(at, "figures")
    table = at.dataframe[0].value
    fixed_row = table[table["as_written"].str.contains("145,000 troops", regex=False)]
    assert fixed_row["value"].tolist() == [150000.0] and bool(fixed_row["corrected"].iloc[0])
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
    assert_ok(at)
    assert any(message in e.value for e in at.error), [e.value for e in at.error]
    with Store(db_url) as store:
        assert store.version() == before
    assert at.title[0].value == "Add articles"  # the app is still there


def test_article_metadata_is_shown_as_plain_text(db_url):
    from tracker.load import add_document
    from tracker.sources.document import Document

    with Store(db_url) as store:
        add_document(store, Document("trap", "Russia has 5,000 troops there.",
                                    source="[Reuters](https://evil.example) **Wire**", title="_x_ <b>T</b>"))
    at = app()
    at.query_params["doc"] = "trap"
    at.switch_page("app_pages/document.py")
    at.run()
    assert_ok(at)
    title, caption = at.title[0].value, at.caption[0].value
    assert "](" not in caption and "**" not in caption and "evil.example" in unplain(caption)
    assert "<b>" not in title and not title.startswith("_")
    assert unplain(title) == "_x_ <b>T</b>"


def test_an_unknown_article_link_warns(db_url):
    at = app()
    at.query_params["doc"] = "no-such-article"
    at.switch_page("app_pages/document.py")
    at.run()
    assert_ok(at)
    assert any("No article" in w.value for w in at.warning)


# --------------------------------------------------------------------------- issue 8: no markup from data

PAYLOAD = "http://10.0.0.1/[click](https://evil.example/login) ![](https://evil.example/pixel.png)"


def rendered_markdown_is_inert(body: str) -> None:
    """The body an element sends to the browser holds no Markdown link, image or auto-link."""
    bare = body.replace("\\", "")
    assert "](" not in body and "![" not in body
    assert not re.search("://(?!\u2060)|@(?!\u2060)|www\\.", bare, re.IGNORECASE), body


def test_a_refusal_after_a_redirect_shows_the_markdown_payload_as_text(db_url, monkeypatch):
    """A page that redirects to an address carrying Markdown is refused, and the refusal shows
    that address as text: no link to evil.example, no image loaded from it."""
    from tracker.sources import fetch
    from tracker.sources.fetch import UrlRefused

    def refuse(url, **kwargs):
        raise UrlRefused(url, f"10.0.0.1 is a private address (redirected to {PAYLOAD})")

    monkeypatch.setattr(fetch, "fetch_document", refuse)  # the page imports it from tracker.sources.fetch on each run
    at = page(app().run(), "add")
    at.text_input(key="fetch_url").set_value("https://news.example/story").run()
    at.button(key="fetch_go").click().run()
    assert_ok(at)
    [error] = [e.value for e in at.error]
    rendered_markdown_is_inert(error)
    assert "evil" in error and "private address" in error


def test_fetch_refusal_from_the_real_guard_is_plain(db_url):
    at = page(app().run(), "add")
    at.text_input(key="fetch_url").set_value("http://127.0.0.1/[x](https://evil.example)").run()
    at.button(key="fetch_go").click().run()
    assert_ok(at)
    assert at.error and all("](" not in e.value for e in at.error)
    assert any("loopback" in e.value for e in at.error)


METADATA_CASES = [
    # (outlet, title, url): what Streamlit would otherwise link or format
    pytest.param("Reuters www.evil.example", "Mail ops@evil.example now", "https://evil.example/x", id="autolinks"),
    pytest.param("[Reuters](https://evil.example)", "![x](https://evil.example/p.png)", "javascript:alert(1)",
                 id="markdown-and-a-script-url"),
]


@pytest.mark.parametrize("source, title, url", METADATA_CASES)
def test_titles_outlets_and_urls_are_never_links(db_url, source, title, url):
    from tracker.load import add_document
    from tracker.sources.document import Document

    with Store(db_url) as store:
        add_document(store, Document("trap", "Russia has 5,000 troops there.", source=source, title=title,
                                    url=url, published="2022-02-14"))
    at = app()
    at.query_params["doc"] = "trap"
    at.switch_page("app_pages/document.py")
    at.run()
    assert_ok(at)
    for body in [at.title[0].value, at.caption[0].value]:
        rendered_markdown_is_inert(body)
    buttons = at.get("link_button")
    assert [b.proto.url for b in buttons] == ([url] if url.startswith("https://") else [])


@pytest.mark.parametrize("params, warning, date_from, date_to", [
    pytest.param({"date_to": "9999-12-31"}, "9999", None, None, id="out-of-range-ignored"),
    pytest.param({"date_from": "2022-02-30"}, "2022", None, None, id="no-such-day"),
    pytest.param({"date_to": "2022-02-14"}, None, None, dt.date(2022, 2, 14), id="lone-date_to-stays-date_to"),
    pytest.param({"date_from": "2022-02-14"}, None, dt.date(2022, 2, 14), None, id="lone-date_from"),
])
def test_date_links(db_url, params, warning, date_from, date_to):
    at = app()
    for key, value in params.items():
        at.query_params[key] = value
    open_filters(at)
    assert_ok(at)
    warnings = [w.value for w in at.warning]
    if warning:
        assert any(warning in w and "ignored" in w for w in warnings), warnings
    else:
        assert not warnings
    assert at.date_input(key="f_date_from").value == date_from
    assert at.date_input(key="f_date_to").value == date_to
    assert at.query_params.get("date_to") in (None, *([date_to.isoformat(), [date_to.isoformat()]] if date_to else []))
    everything = len(Store(db_url).figures())
    assert (caption_count(at) < everything) == bool(date_from or date_to)


def test_the_paste_box_has_a_length_limit(db_url):
    at = page(app().run(), "add")
    box = at.text_area(key="paste_text")
    assert box.proto.max_chars == 1_000_000
    assert "1,000,000 characters" in box.label


class ExtractorPanic(BaseException):
    """Stands in for a panic in native code (sentencex raised a Rust PanicException)."""


@pytest.fixture
def panicking_extractor(monkeypatch):
    """The store's extractor panics on any text with the marker, and works on the others."""
    import tracker.load as store_module  # tracker.load calls the extractor now, not the store

    real = store_module.figure_rows

    def figure_rows(text, *args, **kwargs):
        if "PANIC-MARKER" in text:
            raise ExtractorPanic("thread 'main' panicked at [here](https://evil.example)")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(store_module, "figure_rows", figure_rows)


def test_a_pasted_document_that_panics_is_a_clear_error(db_url, panicking_extractor):
    at = page(app().run(), "add")
    at.text_area(key="paste_text").set_value("PANIC-MARKER: Russia has 5,000 troops there.")
    at.button[0].click().run()
    assert_ok(at)
    assert any("could not be read" in e.value for e in at.error), [e.value for e in at.error]
    assert at.dataframe[0].value["message"].str.contains("ExtractorPanic").any()
    at.text_area(key="paste_text").set_value("Germany pledged €500m in aid on Monday.")
    at.button[0].click().run()  # the page still works
    assert any("1 added" in s.value for s in at.success)


def test_an_upload_with_one_panicking_document_loads_the_rest(db_url, panicking_extractor):
    corpus = "text,doc_id\n" + "".join(f"\"{t}\",{i}\n" for i, t in enumerate([
        "Russia has 5,000 troops there.", "PANIC-MARKER with 7 tanks.", "Germany pledged €500m in aid."]))
    at = page(app().run(), "add")
    at.file_uploader(key="uploads").set_value([("wire.csv", corpus.encode(), "text/csv"),
                                               ("../brief.txt", b"Britain sent 300 soldiers.", "text/plain"),
                                               ("PANIC.txt", b"PANIC-MARKER 9 drones", "text/plain")]).run()
    at.button(key="upload_go").click().run()
    assert_ok(at)
    report = at.dataframe[0].value
    assert report["status"].tolist().count("added") == 3, report
    assert report["status"].tolist().count("failed") == 2, report
    assert report.loc[report["status"] == "failed", "message"].str.contains("ExtractorPanic").all()
    assert any("3 added" in e.value and "2 could not be read" in e.value for e in at.error)
    with Store(db_url) as store:
        texts = [store.document_text(d) for d in store.documents()["doc_id"]]
    assert "Britain sent 300 soldiers." in texts and "Germany pledged €500m in aid." in texts


@pytest.mark.parametrize("name, status, shown", [
    # ("", ".", ".." and NUL: Streamlit's uploader refuses them itself, before the page runs)
    (".txt", "added", "upload.txt"),
    ("..txt", "added", "upload.txt"),
    ("é" * 200 + ".txt", "added", "é" * 125 + ".txt"),
    ("../../x.txt", "added", "x.txt"),
])
def test_odd_upload_names_are_read_or_refused_plainly(db_url, name, status, shown):
    at = page(app().run(), "add")
    at.file_uploader(key="uploads").set_value([(name, b"Britain sent 300 soldiers.", "text/plain")]).run()
    at.button(key="upload_go").click().run()
    assert_ok(at)
    report = at.dataframe[0].value
    assert report["status"].tolist() == [status], report
    assert report["name"].str.startswith(shown.removesuffix(".txt")).all(), report


# --------------------------------------------------------------------------- issue 9: corrections saved at once

SEED_DOC = "000_91e23c0da8ec2b98"


def corrections_page(db_url) -> AppTest:
    at = app()
    at.query_params["doc"] = SEED_DOC
    at.switch_page("app_pages/corrections.py")
    return at.run()


def edit_and_save(at: AppTest, edited_rows: dict) -> AppTest:
    """What the data editor sends when cells are edited (its editing state), then "Save"."""
    at.session_state[f"editor_{SEED_DOC}"] = {"edited_rows": edited_rows, "added_rows": [], "deleted_rows": []}
    at.text_input(key="fix_author").set_value("test")
    return at.button(key="fix_save").click().run()


def test_an_invalid_edit_among_several_saves_nothing_and_says_why(db_url):
    at = corrections_page(db_url)
    assert_ok(at)
    with Store(db_url) as store:
        before = store.version()
    at = edit_and_save(at, {0: {"value": 123456.0}, 1: {"category": "not-a-category"}})
    assert_ok(at)
    [error] = [e.value for e in at.error]
    assert "Nothing was saved" in error and "unknown category" in error and "Traceback" not in error
    with Store(db_url) as store:
        assert store.corrections().empty and store.version() == before


def test_valid_edits_are_saved_together(db_url):
    at = corrections_page(db_url)
    at = edit_and_save(at, {0: {"value": 123456.0}, 1: {"unit": "battalion", "not_a_figure": True}})
    assert_ok(at)
    assert not at.error
    assert any("3 corrections saved" in s.value for s in at.success)
    with Store(db_url) as store:
        saved = store.corrections()
    assert sorted(saved["field"]) == ["not_a_figure", "unit", "value"]
    assert set(saved["author"]) == {"test"} and set(saved["new_value"]) == {"123456.0", "battalion", "true"}


# --------------------------------------------------------------------------- recipient and attribution

AID_TEXT = "Britain will give Ukraine £88m in aid, the Foreign Office said."
#: What the extractor gives for AID_TEXT beyond its older columns; the words as written carry
#: Markdown and HTML, which must show as text.
AID_PARTIES = {"recipient": "ukraine", "attributed_kind": "body", "attributed_country": "uk",
               "attribution_text": "[the Foreign Office](https://evil.example) <b>FCDO</b>"}


def add_aid_pledge(db_url) -> None:
    from tracker.extract.figures import figure_rows
    from tracker.sources.document import Document

    with Store(db_url) as store:
        rows = [{**row, **AID_PARTIES} for row in figure_rows(AID_TEXT, doc_id="aid-88m")]
        store.add_document(Document("aid-88m", AID_TEXT, source="Example Wire", published="2022-01-20"), rows)


def test_figures_table_shows_recipient_and_who_says_it_and_filters_by_recipient(db_url):
    import json

    at = app().run()  # the seeds first
    add_aid_pledge(db_url)
    open_filters(at)
    assert "ukraine" in at.multiselect(key="f_recipients").options
    at.multiselect(key="f_recipients").set_value(["ukraine"]).run()
    assert_ok(at)
    assert at.query_params["recipients"] in ("ukraine", ["ukraine"])
    with Store(db_url) as store:
        expected = filter_figures(store.figures(), FilterState(recipients=["ukraine"]))
    assert caption_count(at) == len(expected) >= 1
    table, config = at.dataframe[0].value, json.loads(at.dataframe[0].proto.columns)
    assert set(table["recipient"]) == {"ukraine"} and "£88m" in set(table["as_written"])
    names = list(table.columns)
    # the columns a user decides by come first; the source's kind, country and wording are in the row's details
    assert names[:7] == ["date", "as_written", "shown", "value", "unit", "actor", "attributed_to"]
    assert not {"attributed_kind", "attributed_country", "attribution_text", "sentence"} & set(names)
    assert (config["recipient"]["label"], config["attributed_to"]["label"]) == ("To whom", "Says who")


def test_a_selected_figure_says_whose_to_whom_and_who_says_it_as_text(db_url):
    add_aid_pledge(db_url)
    at = app()
    at.query_params["text"] = "£88m"
    at.run()
    at.session_state[FilterState(text="£88m").widget_key()] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    assert_ok(at)
    [details] = [m.value for m in at.markdown if "Says who" in m.value]
    assert unplain(details).split("  \n") == [
        "**Whose:** uk", "**To whom:** ukraine", "**Says who:** foreign office (body, uk)",
        "**As the article names the source:** [the Foreign Office](https://evil.example) <b>FCDO</b>"]
    rendered_markdown_is_inert(details.replace("**", ""))
    assert "<b>" not in details


def test_corrections_offer_recipient_and_the_source_and_check_its_kind(db_url):
    import json

    at = corrections_page(db_url)
    assert_ok(at)
    [editor] = [e for e in at.dataframe if "attributed_kind" in e.value.columns]
    assert list(editor.proto.column_order) == [
        "surface", "not_a_figure", "value", "unit", "actor", "attributed_to", "as_of", "low", "high", "approx",
        "qualifier", "category", "subtype", "role", "recipient", "attributed_kind", "attributed_country",
        "corrected", "attribution_text", "sentence"]
    config = json.loads(editor.proto.columns)
    assert [name for name in editor.proto.column_order if config.get(name, {}).get("disabled")] == [
        "surface", "corrected", "attribution_text", "sentence"]  # the article's words are not edited
    assert config["attributed_kind"]["type_config"] == {"type": "selectbox",
                                                        "options": ["person", "body", "country", "media"]}
    assert config["category"]["type_config"]["options"][:3] == ["personnel", "military_unit", "equipment"]
    at = edit_and_save(at, {0: {"recipient": "ukraine", "attributed_kind": "government"}})
    assert_ok(at)
    [error] = [e.value for e in at.error]
    assert "Nothing was saved" in error and "unknown kind of source" in error
    # values the extractor gave no figure of the seed, so each is a change
    at = edit_and_save(at, {0: {"recipient": "moldova", "attributed_kind": "media", "attributed_country": "FR"}})
    assert_ok(at)
    assert any("3 corrections saved" in s.value for s in at.success)
    with Store(db_url) as store:
        saved = store.corrections()
    assert sorted(zip(saved["field"], saved["new_value"])) == [
        ("attributed_country", "fr"), ("attributed_kind", "media"), ("recipient", "moldova")]


# --------------------------------------------------------------------------- subtype, role, as of; re-extraction

def test_figures_table_shows_what_exactly_the_role_and_the_date_as_of(db_url):
    import json

    at = app().run()
    assert_ok(at)
    table, config = at.dataframe[0].value, json.loads(at.dataframe[0].proto.columns)
    names = list(table.columns)
    assert names[names.index("category"):names.index("qualifier") + 1] == ["category", "subtype", "role", "qualifier"]
    assert [config[name]["label"] for name in ("subtype", "role", "date", "qualifier")] == [
        "What exactly", "Role", "Date", "Qualifier"]
    dates = [d for d in table["date"] if d is not None and d == d]
    assert dates == sorted(dates, reverse=True), "newest first"


@pytest.mark.parametrize("edit, words", [
    ({"role": "share"}, "unknown role"),
    ({"subtype": "murdered"}, "unknown subtype"),
    ({"as_of": "24/02/2022"}, "YYYY-MM-DD"),
    ({"as_of": "2022-02-30"}, "no such day"),
])
def test_a_bad_subtype_role_or_date_is_refused_with_a_clear_message(db_url, edit, words):
    at = edit_and_save(corrections_page(db_url), {0: edit})
    assert_ok(at)
    [error] = [unplain(e.value) for e in at.error]
    assert "Nothing was saved" in error and words in error and "Traceback" not in error
    with Store(db_url) as store:
        assert store.corrections().empty


def test_subtype_role_and_date_as_of_are_corrected_together(db_url):
    # the seed's first figure is a duration ("40-minute"): a subtype of casualties comes with its category
    at = edit_and_save(corrections_page(db_url), {0: {"role": "part", "subtype": "killed", "category": "casualties",
                                                      "as_of": "2022-02-24"}})
    assert_ok(at)
    assert any("4 corrections saved" in s.value for s in at.success)
    with Store(db_url) as store:
        saved = store.corrections()
        first = store.figures().query("doc_id == @SEED_DOC").iloc[0]
    assert sorted(zip(saved["field"], saved["new_value"])) == [
        ("as_of", "2022-02-24"), ("category", "casualties"), ("role", "part"), ("subtype", "killed")]
    assert (first["role"], first["subtype"], first["as_of"], first["as_of_precision"]) == (
        "part", "killed", "2022-02-24", "day")


# --------------------------------------------------------------------------- every field correctable, and undone

def beside(at: AppTest, key: str) -> list[str]:
    """The messages in the column beside (right of) the button ``key``: where the user is looking."""
    columns = list(at.columns)
    [here] = [i for i, column in enumerate(columns) if any(b.key == key for b in column.button)]
    return [unplain(m.value) for m in (*columns[here + 1].success, *columns[here + 1].error)]


#: (row of the seed article's figures, field, what is typed, the column shown, what it shows then, the
#: change in words in the list to undo). Row 1 is "an estimated 145,000 troops" (no date of its own),
#: row 2 "up to $1bn" (a loan guarantee to Ukraine), row 4 "about 800 troops" (per unit).
EVERY_FIELD = [
    pytest.param(1, "low", 140000.0, "low", 140000.0, "low: (none) → 140,000", id="low"),
    pytest.param(2, "high", None, "high", None, "high: 1,000,000,000 → (none)", id="high-cleared"),
    pytest.param(1, "approx", False, "approx", False, "approximate: yes → no", id="approx"),
    pytest.param(1, "qualifier", "More than", "qualifier", "more than", "qualifier: an estimated → more than",
                 id="qualifier"),
    pytest.param(2, "subtype", "loan", "subtype", "loan", "what exactly: loan_guarantee → loan", id="subtype"),
    pytest.param(4, "role", "total", "role", "total", "role: per_unit → total", id="role"),
    pytest.param(2, "recipient", "moldova", "recipient", "moldova", "to whom: ukraine → moldova", id="recipient"),
    pytest.param(1, "attributed_kind", "media", "attributed_kind", "media", "kind of source: person → media",
                 id="attributed_kind"),
    pytest.param(1, "as_of", "2022-02", "as_of_precision", "month", "as of: (none) → Feb 2022", id="as_of-a-month"),
    pytest.param(2, "as_of", "2022-02-15", "as_of", "2022-02-15", "as of: 14 Feb 2022 → 15 Feb 2022", id="as_of-a-day"),
]


@pytest.mark.parametrize("row, field, typed, column, expected, change", EVERY_FIELD)
def test_each_field_is_corrected_confirmed_and_undone(db_url, row, field, typed, column, expected, change):
    def shown(store):
        value = store.figures().query("doc_id == @SEED_DOC and not derived").iloc[row][column]
        return None if pd.isna(value) else value

    at = corrections_page(db_url)
    with Store(db_url) as store:
        before = shown(store)
    assert before != expected
    at = edit_and_save(at, {row: {field: typed}})
    assert_ok(at)
    assert beside(at, "fix_save") == ["1 correction saved: it applies everywhere now and can be undone below."]
    with Store(db_url) as store:
        assert shown(store) == expected
    [label] = at.selectbox(key="undo_id").options
    assert label.endswith(f"— {change}"), label

    at = at.button(key="undo_go").click().run()
    assert_ok(at)
    [undone] = beside(at, "undo_go")
    assert undone.startswith("Undone: ") and change in undone
    assert not [s for s in at.selectbox if s.key == "undo_id"] and at.button(key="undo_go").disabled  # none left
    with Store(db_url) as store:
        assert shown(store) == before
        assert store.corrections()["reverted_at"].notna().all()


def test_the_saved_message_stays_beside_the_button_through_later_reruns(db_url):
    """The browser's editor asks for one more rerun once its data has changed: the message must
    outlive it, and go with the next save or on another article."""
    at = edit_and_save(corrections_page(db_url), {1: {"qualifier": "about"}, 2: {"approx": True}})
    saved = ["2 corrections saved: they apply everywhere now, and each can be undone below."]
    assert beside(at, "fix_save") == saved
    assert beside(at.run(), "fix_save") == saved and beside(at.run(), "fix_save") == saved
    with Store(db_url) as store:
        other = next(d for d in store.documents()["doc_id"] if d != SEED_DOC)
    at.selectbox(key="fix_doc").set_value(other).run()
    assert at.selectbox(key="fix_doc").value == other and beside(at, "fix_save") == []


def test_the_editor_shows_a_date_as_precisely_as_it_is_known_and_numbers_readably(db_url):
    import json

    app().run()  # the seeds loaded
    with Store(db_url) as store:  # "an estimated 145,000 troops", dated to a year
        row = store.figures().query("surface == '145,000 troops'").iloc[0]
        store.add_correction(row["content_hash"], int(row["start"]), int(row["end"]), "as_of", "2014")
    at = corrections_page(db_url)
    [editor] = [e for e in at.dataframe if "attributed_kind" in e.value.columns]
    assert editor.value["as_of"].tolist()[:3] == ["2022-02-14", "2014", "2022-02-14"]
    config = json.loads(editor.proto.columns)
    assert {name: config[name]["type_config"].get("format") for name in ("value", "low", "high")} == dict.fromkeys(
        ("value", "low", "high"), "localized")
    assert config["surface"].get("pinned") is True
    at = edit_and_save(at, {})  # nothing edited
    assert [unplain(m.value) for m in at.info if "Nothing changed" in m.value] == [
        "Nothing changed: edit a cell above, then save."]


@pytest.mark.parametrize("edit, words", [
    ({1: {"low": 150000.0}}, "“145,000 troops”, Low: the value (145,000) is below low (150,000)"),
    ({2: {"subtype": "killed"}}, "“$1bn”, What exactly: 'killed' is not a subtype of money; one of: military_aid"),
    ({1: {"high": 100.0, "low": 200.0}}, "“145,000 troops”, Low: low (200) is above high (100)"),
    ({4: {"role": "total", "high": 700.0}}, "“800 troops”, High: the value (800) is above high (700)"),
])
def test_a_correction_that_does_not_fit_its_figure_is_refused_beside_the_button(db_url, edit, words):
    at = edit_and_save(corrections_page(db_url), edit)
    assert_ok(at)
    [error] = beside(at, "fix_save")
    assert error.startswith("Nothing was saved: ") and words in error and error.endswith("Fix that cell, then save again.")
    with Store(db_url) as store:
        assert store.corrections().empty


def stamp_as_older(db_url: str) -> None:
    """The store's documents as if an extractor from before the version stamp had found their figures."""
    import tracker.store.store as store_module

    with Store(db_url) as store, store.engine.begin() as connection:
        connection.execute(store_module.documents.update().values(extractor_version=None))
        connection.execute(store_module.store_state.update().values(version=store_module.store_state.c.version + 1))


def test_a_store_from_an_older_extractor_shows_the_command_to_extract_it_again(db_url):
    from tracker.load import reextract_store

    at = app().run()
    assert_ok(at)
    assert not [i for i in at.info if "older version of the extractor" in i.value]  # seeds: this extractor
    stamp_as_older(db_url)
    at.run()
    assert_ok(at)
    [notice] = [i.value for i in at.info if "older version of the extractor" in i.value]
    with Store(db_url) as store:
        count = store.document_count()
    assert f"of {count} articles" in notice
    assert [c.value for c in at.code] == [f"python -m tracker reextract --db {db_url}"]
    at = page(at, "corrections")  # every page says it
    assert any("older version of the extractor" in i.value for i in at.info)
    with Store(db_url) as store:
        reextract_store(store)
    at.run()
    assert_ok(at)
    assert not [i for i in at.info if "older version of the extractor" in i.value] and not at.code


def test_no_page_changes_the_figure_frame_every_session_shares(db_url, monkeypatch):
    # app_pages.common.figures() hands every session one cached frame, uncopied: a page that
    # assigned to it would change what every other visitor sees.
    at = app().run()
    assert_ok(at)
    for name in ("figures", "compare", "document", "corrections"):
        assert_ok(page(at, name))
    from app_pages.common import _figures

    with Store(db_url) as store:
        version, fresh = store.version(), store.figures()

    def no_second_read(self):
        raise AssertionError("the pages' frame was not cached: this would compare a fresh read with itself")

    monkeypatch.setattr(Store, "figures", no_second_read)
    pd.testing.assert_frame_equal(_figures(db_url, version), fresh)


def test_every_table_shows_a_missing_value_as_an_empty_cell(db_url):
    """A reader sees an empty cell where a figure has no subtype, qualifier or date, never the
    word "None" (Streamlit's default): every table and editor on every page says so."""
    at = app().run()
    assert_ok(at)
    seen = 0
    for name in ("figures", "compare", "document", "corrections"):
        at = page(at, name)
        assert_ok(at)
        for table in at.dataframe:  # the editor too
            assert table.proto.HasField("placeholder") and table.proto.placeholder == "", name
            seen += 1
    assert seen >= 5
