"""What every page shares: the store, the figures (cached), and the seed corpus on first use.

Streamlit-specific glue only; the work is done in tracker/.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path

import streamlit as st

from tracker.analysis import export
from tracker.load import load_documents, seed_documents
from tracker.analysis.views import plain
from tracker.config import ConfigError, resolve_db_url
from tracker.store import Store, StoreError

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@st.cache_resource(show_spinner="Opening the store ...")
def _store(url: str) -> Store:
    store = Store(url)
    if store.document_count() == 0:  # a new store opens on the seed corpus
        load_documents(store, seed_documents(SEEDS))
    return store


def get_store() -> Store:
    """The store (``TRACKER_DB_URL``, ``.streamlit/secrets.toml`` or ``tracker.db``); stops the
    page with a clear message when it cannot be opened."""
    url = resolve_db_url()
    try:
        return _store(url)
    except (ConfigError, StoreError) as error:
        st.error(f"The figure store cannot be opened: {error}. Check TRACKER_DB_URL or "
                 "`.streamlit/secrets.toml`, or unset them to use a local `tracker.db`.")
        st.stop()


@st.cache_data(max_entries=8, show_spinner="Reading figures ...")
def _figures(url: str, version) -> "pd.DataFrame":  # noqa: F821 - pandas in the store
    return _store(url).figures()


@st.cache_data(max_entries=8, show_spinner=False)
def _documents(url: str, version) -> "pd.DataFrame":  # noqa: F821
    return _store(url).documents()


def figures():
    """Every stored figure with corrections applied; re-read only when the store changed."""
    store = get_store()
    return _figures(resolve_db_url(), store.version())


def documents():
    store = get_store()
    return _documents(resolve_db_url(), store.version())


DOWNLOADS = [("CSV", "csv", "text/csv", export.to_csv),
             ("Excel", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              export.to_xlsx),
             ("Parquet", "parquet", "application/octet-stream", export.to_parquet),
             ("JSON", "json", "application/json", export.to_json)]


def download_buttons(frame, name: str, key: str) -> None:
    """CSV, Excel, Parquet and JSON buttons for a table. Each file is made only when its button
    is clicked (a callable), not on every rerun."""
    for column, (label, suffix, mime, write) in zip(st.columns(len(DOWNLOADS)), DOWNLOADS):
        column.download_button(label, data=partial(write, frame), file_name=f"{name}.{suffix}", mime=mime,
                               key=f"{key}_{suffix}", on_click="ignore")


def pick_document(key: str) -> str:
    """A document chosen in a select box, preselected by the URL's ``doc`` (a shared link),
    labelled by title, outlet and date; stops the page when there is none yet."""
    import pandas as pd

    docs = documents()
    if docs.empty:
        st.info("No articles yet: add some on the “Add articles” page.")
        st.stop()

    def text(value, default: str = "") -> str:
        return default if pd.isna(value) or value == "" else str(value)

    labels = {row.doc_id: f"{text(row.title, row.doc_id)} — {text(row.source, 'unknown outlet')}, "
                          f"{text(row.published, 'no date')}" for row in docs.itertuples()}
    ids = docs["doc_id"].astype(str).tolist()
    wanted = st.query_params.get("doc") or st.session_state.get("last_doc")
    if wanted and wanted not in ids:
        st.warning(f"No article with the id “{plain(wanted)}” is stored; showing another one.")
    doc_id = st.selectbox("Article", ids, index=ids.index(wanted) if wanted in ids else 0,
                          format_func=lambda d: labels.get(d, d), key=key)
    st.query_params["doc"] = doc_id
    st.session_state["last_doc"] = doc_id
    return doc_id
