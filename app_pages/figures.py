"""Figures: every figure with its sentence, filtered; the filters live in the URL."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from app_pages.common import download_buttons, figures, say
from tracker.analysis.filters import DATE_MAX, DATE_MIN, LIST_LABELS, FilterState, filter_figures, filter_options
from tracker.analysis.format import format_as_of, format_number
from tracker.analysis.highlight import sentence_html
from tracker.analysis.labels import figure_parties
from tracker.analysis.text import plain

TABLE_COLUMNS = ["published", "source", "surface", "value", "low", "high", "approx", "unit", "category",
                 "subtype", "role", "as_of", "object", "actor", "recipient", "attributed_to", "attributed_kind", "attributed_country",
                 "attribution_text", "derived", "corrected", "sentence"]
#: In the table but hidden until shown from its toolbar (and always in the selected row's details).
OPTIONAL_COLUMNS = {"attributed_kind": "Kind of source", "attributed_country": "Source's country",
                    "attribution_text": "Source as written"}
MAX_ROWS_SHOWN = 10_000  # a table of 100k rows costs seconds to send; the downloads have every row

frame = figures()
# Page changes drop the URL's query string: bring this page's filters back from the session.
if not st.query_params and st.session_state.get("figures_query"):
    st.query_params.from_dict(st.session_state["figures_query"])
state, link_problems = FilterState.read_query_params(st.query_params)
options = filter_options(frame)

with st.sidebar:
    st.header("Filter")
    picked = {}
    for field, label in LIST_LABELS.items():
        current = [v for v in getattr(state, field) if v in options.get(field, [])]
        picked[field] = st.multiselect(label, options.get(field, []), default=current, key=f"f_{field}")
    text = st.text_input("Words in the figure or its sentence", value=state.text, key="f_text")
    from_col, to_col = st.columns(2)  # two boxes: a link may set either bound alone
    date_from = from_col.date_input(
        "Published from", value=dt.date.fromisoformat(state.date_from) if state.date_from else None,
        min_value=DATE_MIN, max_value=DATE_MAX, key="f_date_from")
    date_to = to_col.date_input(
        "to", value=dt.date.fromisoformat(state.date_to) if state.date_to else None,
        min_value=DATE_MIN, max_value=DATE_MAX, key="f_date_to")
    low_col, high_col = st.columns(2)
    value_min = low_col.number_input("Value from", value=state.value_min, key="f_vmin", format="%g")
    value_max = high_col.number_input("to", value=state.value_max, key="f_vmax", format="%g")
    show_not = st.toggle("Show rows marked “not a figure”", value=state.show_not_figures, key="f_not")

state = FilterState(**picked, date_from=date_from, date_to=date_to,
                    value_min=value_min, value_max=value_max, text=text, show_not_figures=show_not)
st.query_params.from_dict(state.to_query_params())  # a copied link reopens this view
st.session_state["figures_query"] = state.to_query_params()

shown = filter_figures(frame, state)
st.title("Figures")
for problem in link_problems:  # a hand-edited link: say what was left out, as text
    say("warning", "The link's filter {}", problem)
st.caption(f"{format_number(len(shown))} of {format_number(len(frame))} figures. Select a row to see it in its "
           "sentence and who says it; the source's kind, country and wording can be shown from the table's toolbar.")

columns = [c for c in TABLE_COLUMNS if c in shown.columns]
table = shown.head(MAX_ROWS_SHOWN)
if "as_of" in table.columns:  # as precisely as the text gave it: "Mar 2024", not "2024-03-01"
    table = table.assign(as_of=[format_as_of(d, p) for d, p in zip(table["as_of"], table.get(
        "as_of_precision", [None] * len(table)))])
if len(shown) > MAX_ROWS_SHOWN:
    st.info(f"Showing the first {format_number(MAX_ROWS_SHOWN)} rows; narrow the filters to see the rest. "
            f"The downloads below have all {format_number(len(shown))}.")
# A new key for each filter: a selection never points at a row of another table.
event = st.dataframe(
    table[columns], hide_index=True, on_select="rerun", selection_mode="single-row",
    key=state.widget_key(),
    column_config={
        "published": st.column_config.TextColumn("Published"),
        "source": st.column_config.TextColumn("Outlet"),
        "unit": st.column_config.TextColumn("Unit"),
        "category": st.column_config.TextColumn("Category"),
        "subtype": st.column_config.TextColumn("What exactly"),
        "role": st.column_config.TextColumn("Role"),
        "as_of": st.column_config.TextColumn("As of"),
        "object": st.column_config.TextColumn("Counts"),
        "actor": st.column_config.TextColumn("Whose"),
        "recipient": st.column_config.TextColumn("To whom"),
        "surface": st.column_config.TextColumn("As written"),
        "value": st.column_config.NumberColumn("Value", format="localized"),
        "low": st.column_config.NumberColumn("Low", format="localized"),
        "high": st.column_config.NumberColumn("High", format="localized"),
        "approx": st.column_config.CheckboxColumn("Approx."),
        "attributed_to": st.column_config.TextColumn("Says who"),
        **{name: {**st.column_config.TextColumn(label), "hidden": True} for name, label in OPTIONAL_COLUMNS.items()},
        "derived": st.column_config.CheckboxColumn("Derived"),
        "corrected": st.column_config.CheckboxColumn("Corrected"),
        "sentence": st.column_config.TextColumn("Sentence", width="large"),
    },
)

rows = [r for r in (event.selection.rows if event and event.selection else []) if r < len(table)]
if rows:
    row = table.iloc[rows[0]]
    st.subheader(plain(row["surface"]), anchor=False)
    # sentence_html() escapes the article text; only its own <mark> tags are HTML.
    st.markdown(sentence_html(row), unsafe_allow_html=True)
    # Our labels in bold; the data after them as plain text (never Markdown, links or HTML).
    st.markdown("  \n".join(f"**{label}:** {plain(text)}" for label, text in figure_parties(row)))
    st.caption(" · ".join(plain(row[c]) for c in ("source", "published", "title") if plain(row.get(c))))
    st.page_link("app_pages/document.py", label="Open the whole article", icon=":material/article:",
                 query_params={"doc": str(row["doc_id"])})

st.subheader("Download this table")
download_buttons(shown, "figures", "download")
