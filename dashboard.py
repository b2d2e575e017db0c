"""Placeholder dashboard: the figures `tracker` finds in the seed articles (seeds/*.txt).

Run with `.venv/bin/streamlit run dashboard.py`. Article text and metadata are shown only
as plain text (st.text, st.dataframe), never as Markdown or HTML.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import streamlit as st

import tracker

SEEDS = Path(__file__).resolve().parent / "seeds"
META = ("source", "published", "title", "url")  # "source" is the outlet


def load_seeds(folder: Path = SEEDS) -> list[dict]:
    """Each seeds/NAME.txt with the fields of seeds/NAME.json (if present)."""
    docs = []
    for path in sorted(folder.glob("*.txt")):
        meta_path = path.with_suffix(".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        doc = {"doc_id": meta.get("doc_id") or path.stem, "text": path.read_text(encoding="utf-8")}
        doc.update({key: meta.get(key) for key in META})
        docs.append(doc)
    return docs


@st.cache_data(max_entries=4, show_spinner="Extracting figures ...")
def figures(docs: list[dict]) -> pd.DataFrame:
    return tracker.extract_corpus(docs)


st.set_page_config(page_title="Figure tracker", layout="wide")
st.title("Figures in the seed articles")
docs = load_seeds()
if not docs:
    st.warning(f"No articles in {SEEDS}.")
    st.stop()

st.dataframe(
    pd.DataFrame(docs)[["doc_id", *META]],
    hide_index=True,
    column_config={"source": "Outlet", "published": "Published", "title": "Title", "url": "URL"},
)

table = figures(docs)
st.caption(f"{len(table)} figures in {len(docs)} article(s).")
st.dataframe(
    table,
    hide_index=True,
    column_order=["doc_id", "surface", "value", "low", "high", "approx", "unit", "category",
                  "object", "actor", "attributed_to", "derived", "sentence"],
    column_config={
        "surface": st.column_config.TextColumn("As written"),
        "value": st.column_config.NumberColumn("Value", format="localized"),
        "low": st.column_config.NumberColumn("Low", format="localized"),
        "high": st.column_config.NumberColumn("High", format="localized"),
        "approx": st.column_config.CheckboxColumn("Approx."),
        "attributed_to": st.column_config.TextColumn("Says who"),
        "derived": st.column_config.CheckboxColumn("Derived"),
        "sentence": st.column_config.TextColumn("Sentence", width="large"),
    },
)

for doc in docs:
    with st.expander(f"Text of {doc['doc_id']}"):
        st.text(doc["text"])
