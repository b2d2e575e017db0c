"""Compare: one quantity (e.g. Russian troops near Ukraine) as estimated by each source over time."""
from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from app_pages.common import download_buttons, figures
from tracker.analysis.charts import chart_png, chart_svg, estimates_chart
from tracker.analysis.views import compare, compare_summary, measures

st.title("Compare estimates")
frame = figures()
if "not_a_figure" in frame.columns:
    frame = frame[~frame["not_a_figure"].astype(bool)]
choices = measures(frame)
if choices.empty:
    st.info("No figures to compare yet.")
    st.stop()

keys = [f"{r.category}|{r.unit}|{'' if pd.isna(r.actor) else r.actor}" for r in choices.itertuples()]
counts = dict(zip(keys, choices["n"]))


def describe(key: str) -> str:
    category, unit, actor = key.split("|")
    return f"{unit} ({category}){' of ' + actor if actor else ''} — {counts[key]} figures"


wanted = st.query_params.get("measure")
key = st.selectbox("What is measured", keys, index=keys.index(wanted) if wanted in keys else 0,
                   format_func=describe, key="measure")
word = st.text_input("Narrow by a word of the object (e.g. “battalion”, “loan”)",
                     value=st.query_params.get("word", ""), key="word")
st.query_params["measure"] = key
if word:
    st.query_params["word"] = word
elif "word" in st.query_params:
    del st.query_params["word"]

category, unit, actor = key.split("|")
estimates = compare(frame, category, unit, actor or None, word or None)
if estimates.empty:
    st.warning("No figures match; try another word.")
    st.stop()

chart = estimates_chart(estimates)
st.altair_chart(chart, width="stretch", height=620, theme=None)  # the colours of the downloads
left, right = st.columns(2)
left.download_button("Chart as PNG", data=partial(chart_png, chart), file_name="estimates.png",
                     mime="image/png", on_click="ignore", key="png")
right.download_button("Chart as SVG", data=partial(chart_svg, chart), file_name="estimates.svg",
                      mime="image/svg+xml", on_click="ignore", key="svg")

st.subheader("Side by side, per source")
summary = compare_summary(estimates)
st.dataframe(summary, hide_index=True)
download_buttons(summary, "estimates-by-source", "sum")
st.subheader("Every estimate, with its sentence")
st.dataframe(estimates, hide_index=True, column_config={
    "sentence": st.column_config.TextColumn("Sentence", width="large")})
download_buttons(estimates, "estimates", "est")
