"""One article, whole, with every figure highlighted."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.common import article_link, claim_index, documents, figures, get_store, pick_document
from tracker.analysis.claims import provenance
from tracker.analysis.filters import document_figures
from tracker.analysis.format import format_count, format_number
from tracker.analysis.highlight import highlight
from tracker.analysis.text import plain

doc_id = pick_document("doc_select")
docs = documents()
meta = docs[docs["doc_id"] == doc_id].iloc[0]
text = get_store().document_text(doc_id)
rows = document_figures(figures(), doc_id)

st.title(plain(meta["title"]) or plain(doc_id), anchor=False)  # no "#slug" link made of data
st.caption(" · ".join(plain(v) for v in (meta["source"], meta["published"], meta["url"]) if plain(v)))
article_link(meta["url"])
st.markdown(f"{format_count(len(rows), 'figure')} highlighted.")
# highlight() escapes the text; only its <mark> tags are markup.
st.markdown(highlight(text, list(zip(rows["start"].astype(int), rows["end"].astype(int)))),
            unsafe_allow_html=True)
# where each figure's claim first appeared, and how many outlets repeated it
index = claim_index().set_index("figure_id")
found = index.reindex(rows["figure_id"].astype(str))
rows = rows.assign(first_reported=[
    "" if pd.isna(first) else provenance(first, published, outlets)
    for first, published, outlets in zip(found["first_source"], found["first_published"], found["outlets"])])
repeated = int((found["outlets"].fillna(0) > 1).sum())
if repeated:
    st.markdown(f"{format_number(repeated)} of these figures {'was' if repeated == 1 else 'were'} carried by other "
                "outlets too: see “First reported” below.")
with st.expander("Figures in this article", expanded=bool(repeated)):
    st.dataframe(rows[["surface", "value", "unit", "category", "actor", "recipient", "attributed_to",
                       "first_reported", "sentence"]], hide_index=True, placeholder="",
                 column_config={"first_reported": st.column_config.TextColumn("First reported", width="medium")})
