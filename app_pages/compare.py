"""Compare: one quantity (e.g. Russian troops near Ukraine) as estimated by each source over time."""
from __future__ import annotations

from functools import partial

import streamlit as st

from app_pages.common import download_buttons, figures
from tracker.analysis.charts import chart_png, chart_svg, estimates_chart
from tracker.analysis.compare import CompareState, compare, compare_summary, measure_options, measures

st.title("Compare estimates")
frame = figures()
options = measure_options(measures(frame))  # figures marked "not a figure" are never compared
if not options:
    st.info("No figures to compare yet.")
    st.stop()

state = CompareState.from_query_params(st.query_params)
keys = list(options)
measure = st.selectbox("What is measured", keys, index=keys.index(state.measure) if state.measure in keys else 0,
                       format_func=options.get, key="measure")
word = st.text_input("Narrow by a word of the object (e.g. “battalion”, “loan”)", value=state.word, key="word")
state = CompareState(*measure, word=word)
st.query_params.from_dict(state.to_query_params())  # a copied link reopens this view

estimates = compare(frame, state.category, state.unit, state.actor, state.word or None)
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
