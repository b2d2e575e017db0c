"""Add articles: paste text, upload files (documents or corpora), or fetch a web page."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from app_pages.common import article_link, get_store, say
from tracker.analysis.format import format_count, format_number
from tracker.load import load_documents
from tracker.sources.uploads import MAX_UPLOAD_BYTES, pasted_document, read_upload
from tracker.sources.fetch import fetch_document
from tracker.sources.document import Document, UnreadableDocument
from tracker.analysis.text import plain, safe_upload_name

UPLOAD_TYPES = ["txt", "md", "html", "htm", "pdf", "docx", "csv", "jsonl", "gz"]
#: The most characters the paste box takes (about 1 MB of text: a long report, not a corpus;
#: corpora go through "Upload files", 20 MB each).
MAX_PASTE_CHARS = 1_000_000

st.title("Add articles")
store = get_store()


def show_reports(reports) -> None:
    if not reports:
        st.warning("Nothing added: the files hold no article; check that they have text (a .csv or .jsonl corpus "
                   "needs a `text` column).")
        return
    frame = pd.DataFrame([r.__dict__ for r in reports])[["name", "status", "message"]]
    added = int((frame["status"] == "added").sum())
    failed = frame[frame["status"] == "failed"]
    duplicates = int((frame["status"] == "duplicate").sum())
    (st.error if len(failed) else st.success)(
        f"{format_number(added)} added, {format_number(duplicates)} already loaded, "
        f"{format_number(len(failed))} could not be read"
        + ("; the table below says why." if len(failed) else "; see them on “Figures” and “Article”." if added
           else "."))
    st.dataframe(frame, hide_index=True, placeholder="")


def metadata_inputs(prefix: str, defaults: Document | None = None) -> dict:
    left, right = st.columns(2)
    source = left.text_input("Outlet (source)", value=(defaults.source if defaults else "") or "",
                             key=f"{prefix}_source")
    title = right.text_input("Title", value=(defaults.title if defaults else "") or "", key=f"{prefix}_title")
    published = left.date_input("Published", value=None, key=f"{prefix}_published")
    url = right.text_input("Link", value=(defaults.url if defaults else "") or "", key=f"{prefix}_url")
    return {"source": source or None, "title": title or None, "url": url or None,
            "published": published.isoformat() if published else None}


def with_defaults(item, source: str, published):
    """A document from a file, with the outlet and date typed for the batch where it has none."""
    if not isinstance(item, Document):
        return item
    return replace(item, source=item.source or source or None,
                   published=item.published or (published.isoformat() if published else None))


paste, upload, web = st.tabs(["Paste text", "Upload files", "Fetch a web page"])

with paste:
    with st.form("paste_form"):
        text = st.text_area(f"Article text (up to {format_number(MAX_PASTE_CHARS)} characters; longer texts: "
                            "“Upload files”)", height=220, max_chars=MAX_PASTE_CHARS, key="paste_text")
        meta = metadata_inputs("paste")
        submitted = st.form_submit_button("Add this article")
    if submitted:
        try:
            document = pasted_document(text, **meta)
        except UnreadableDocument as error:
            say("error", "Nothing added: {}; paste an article's text into it, then add it.", error.message)
        else:
            show_reports(load_documents(store, [document], name="pasted text"))

with upload:
    st.caption(f"Documents (.txt, .md, .html, .pdf, .docx) or corpora (.csv, .jsonl with a `text` column), "
               f"up to {format_number(MAX_UPLOAD_BYTES // (1024 * 1024), 'MB')} each.")
    files = st.file_uploader("Files", type=UPLOAD_TYPES, accept_multiple_files=True, key="uploads")
    left, right = st.columns(2)
    batch_source = left.text_input("Outlet, for files that do not say", key="upload_source")
    batch_date = right.date_input("Published, for files that do not say", value=None, key="upload_published")
    if files and st.button(f"Add {format_count(len(files), 'file')}", key="upload_go"):
        bar = st.progress(0.0, text="Reading ...")
        reports = []
        for number, file in enumerate(files, start=1):
            name = safe_upload_name(file.name)  # "", ".", "..", NUL, 300 bytes: the browser sends any
            items = (with_defaults(item, batch_source, batch_date) for item in read_upload(name, file.getvalue()))
            reports += load_documents(store, items, name=name)
            bar.progress(number / len(files), text=f"{format_number(number)} of {format_number(len(files))}: {plain(name)}")
        bar.empty()
        show_reports(reports)

with web:
    st.caption("http(s) pages only; local and private network addresses are refused.")
    url = st.text_input("Web address", key="fetch_url", placeholder="https://...")
    if st.button("Fetch", key="fetch_go") and url:
        try:
            with st.spinner("Fetching ..."):
                st.session_state["fetched"] = fetch_document(url)
        except UnreadableDocument as error:
            st.session_state.pop("fetched", None)
            say("error", "Nothing fetched: {}; check the address, or paste the article's text under “Paste text”.",
                error.message)
    fetched = st.session_state.get("fetched")
    if fetched is not None:
        st.markdown("**Fetched:**")
        st.text(fetched.text[:600] + (" ..." if len(fetched.text) > 600 else ""))
        article_link(fetched.url, "Open the page")
        with st.form("fetch_form"):
            meta = metadata_inputs("fetch", fetched)
            if fetched.published:
                st.caption(f"Published {plain(fetched.published)} (from the page).")
            add = st.form_submit_button("Add this article")
        if add:
            published = fetched.published or meta["published"]
            if not published:
                st.warning("Nothing added yet: the page gives no date; set “Published” so the article can be "
                           "charted over time, then add it.")
            else:
                document = Document(fetched.doc_id, fetched.text, meta["source"] or fetched.source, published,
                                    meta["title"] or fetched.title, fetched.url or url)
                show_reports(load_documents(store, [document], name=fetched.url or url))
                st.session_state.pop("fetched", None)
