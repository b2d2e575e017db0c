"""One article, whole, with every figure highlighted."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.common import documents, figures, get_store
from tracker.views import highlight

docs = documents()
if docs.empty:
    st.info("No articles yet: add some on the “Add articles” page.")
    st.stop()

ids = docs["doc_id"].astype(str).tolist()
wanted = st.query_params.get("doc")
def label_text(value, default: str = "") -> str:
    return default if pd.isna(value) or value == "" else str(value)


labels = {row.doc_id: f"{label_text(row.title, row.doc_id)} — {label_text(row.source, 'unknown outlet')}, "
                      f"{label_text(row.published, 'no date')}" for row in docs.itertuples()}
doc_id = st.selectbox("Article", ids, index=ids.index(wanted) if wanted in ids else 0,
                      format_func=lambda d: labels.get(d, d), key="doc_select")
st.query_params["doc"] = doc_id

meta = docs[docs["doc_id"] == doc_id].iloc[0]
text = get_store().document_text(doc_id)
rows = figures()
keep = (rows["doc_id"] == doc_id) & ~rows["derived"].astype(bool)
if "not_a_figure" in rows.columns:
    keep &= ~rows["not_a_figure"].astype(bool)
rows = rows[keep]

st.title(label_text(meta["title"], doc_id))
st.caption(" · ".join(label_text(v) for v in (meta["source"], meta["published"], meta["url"]) if label_text(v)))
st.markdown(f"{len(rows)} figures highlighted.")
# highlight() escapes the text; only its <mark> tags are markup.
st.markdown(highlight(text, list(zip(rows["start"].astype(int), rows["end"].astype(int)))),
            unsafe_allow_html=True)
with st.expander("Figures in this article"):
    st.dataframe(rows[["surface", "value", "unit", "category", "actor", "attributed_to", "sentence"]],
                 hide_index=True)
