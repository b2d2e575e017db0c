"""Figures: every figure with its sentence, filtered; the filters live in the URL."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from app_pages.common import download_buttons, figure_view, figures, filter_choices, say
from tracker.analysis.filters import DATE_MAX, DATE_MIN, LIST_LABELS, FilterState, filter_figures
from tracker.analysis.format import format_as_of, format_count, format_number
from tracker.analysis.highlight import sentence_html
from tracker.analysis.labels import figure_parties
from tracker.analysis.text import plain

MAX_ROWS_SHOWN = 10_000  # a table of 100k rows costs seconds to send; the downloads have every row


def filter_boxes(state: FilterState, options: dict) -> FilterState:
    """The filter boxes, filled from ``state`` (the link's filters); the state they show."""
    picked = {}
    lists = st.columns(3)
    for number, (field, label) in enumerate(LIST_LABELS.items()):
        picked[field] = lists[number % 3].multiselect(label, options.get(field, []), default=getattr(state, field),
                                                      key=f"f_{field}")
    words_col, from_col, to_col, low_col, high_col = st.columns([3, 1.3, 1.3, 1.2, 1.2])
    text = words_col.text_input("Words in the figure or its sentence", value=state.text, key="f_text")
    # two boxes: a link may set either bound alone
    date_from = from_col.date_input(
        "Published from", value=dt.date.fromisoformat(state.date_from) if state.date_from else None,
        min_value=DATE_MIN, max_value=DATE_MAX, key="f_date_from")
    date_to = to_col.date_input(
        "to", value=dt.date.fromisoformat(state.date_to) if state.date_to else None,
        min_value=DATE_MIN, max_value=DATE_MAX, key="f_date_to")
    value_min = low_col.number_input("Value from", value=state.value_min, key="f_vmin", format="%g")
    value_max = high_col.number_input("to", value=state.value_max, key="f_vmax", format="%g")
    show_not = st.toggle("Show rows marked “not a figure”", value=state.show_not_figures, key="f_not")
    return FilterState(**picked, date_from=date_from, date_to=date_to,
                       value_min=value_min, value_max=value_max, text=text, show_not_figures=show_not)


frame = figures()
# Page changes drop the URL's query string: bring this page's filters back from the session.
if not st.query_params and st.session_state.get("figures_query"):
    st.query_params.from_dict(st.session_state["figures_query"])
state, link_problems = FilterState.read_query_params(st.query_params)
options = filter_choices()

st.title("Figures")
state = state.offered(options)
# Open while something is filtered, when the panel is new (a first visit, a page change) or a link
# brings other filters; afterwards as the user leaves it (it stays open when they clear a box).
if not state.is_empty() and ("figures_filters" not in st.session_state
                             or state.to_query_params() != st.session_state.get("figures_query")):
    st.session_state["figures_filters"] = True
# Lazy: the filter boxes are made only while the expander is open, so a first visit does not
# wait for the browser to fetch and draw ten widgets it does not show (the table is drawn
# 0.4-0.5 s sooner, benchmarks/browser_speed.py). Closed, the filters stay as the link has them.
filters = st.expander("Filter", key="figures_filters", on_change="rerun")
if filters.open:
    with filters:
        state = filter_boxes(state, options)
st.query_params.from_dict(state.to_query_params())  # a copied link reopens this view
st.session_state["figures_query"] = state.to_query_params()

shown = filter_figures(frame, state)
for problem in link_problems:  # a hand-edited link: say what was left out, as text
    say("warning", "The link's filter {}", problem)
st.caption(f"{format_number(len(shown))} of {format_count(len(frame), 'figure')}. "
           "Select a row to see it in its sentence, with who says it and the rest of its fields.")

table = figure_view(state, MAX_ROWS_SHOWN)  # the newest first: the rows a reader looks at first
if len(shown) > MAX_ROWS_SHOWN:
    st.info(f"Showing the newest {format_number(MAX_ROWS_SHOWN)} rows; narrow the filters to see the rest. "
            f"The downloads below have all {format_number(len(shown))}.")
st.caption("Sorted by date, newest first: the date a figure refers to where the text gives one, else the "
           "article's date. Click a column's header to sort by it.")
# A new key for each filter: a selection never points at a row of another table.
event = st.dataframe(
    table, hide_index=True, placeholder="", on_select="rerun", selection_mode="single-row",
    key=state.widget_key(),
    column_config={
        "date": st.column_config.TextColumn("Date", help="As of the date the text gives, else published"),
        "as_written": st.column_config.TextColumn("As written", help="The figure as the text writes it, with "
                                                                     "its qualifier"),
        "shown": st.column_config.TextColumn("Value", help="The value in full: range, qualifier, unit; money "
                                                            "with its currency and scale"),
        "value": st.column_config.NumberColumn("Number", format="localized", help="The value as a number, to "
                                                                                    "sort by (a range's middle)"),
        "unit": st.column_config.TextColumn("Unit"),
        "actor": st.column_config.TextColumn("Whose"),
        "attributed_to": st.column_config.TextColumn("Says who", help="Empty: the outlet says it itself"),
        "category": st.column_config.TextColumn("Category"),
        "subtype": st.column_config.TextColumn("What exactly"),
        "role": st.column_config.TextColumn("Role"),
        "qualifier": st.column_config.TextColumn("Qualifier"),
        "recipient": st.column_config.TextColumn("To whom"),
        "source": st.column_config.TextColumn("Outlet"),
        "low": st.column_config.NumberColumn("Low", format="localized"),
        "high": st.column_config.NumberColumn("High", format="localized"),
        "approx": st.column_config.CheckboxColumn("Approx."),
        "derived": st.column_config.CheckboxColumn("Derived"),
        "corrected": st.column_config.CheckboxColumn("Corrected"),
    },
)

rows = [r for r in (event.selection.rows if event and event.selection else []) if r < len(table)]
if rows:
    row = shown.loc[table.index[rows[0]]]
    st.subheader(plain(row["surface"]), anchor=False)
    # sentence_html() escapes the article text; only its own <mark> tags are HTML.
    st.markdown(sentence_html(row), unsafe_allow_html=True)
    # Our labels in bold; the data after them as plain text (never Markdown, links or HTML).
    st.markdown("  \n".join(f"**{label}:** {plain(text)}" for label, text in figure_parties(row)))
    details = [("Counts", row.get("object")), ("Category", row.get("category")), ("What exactly", row.get("subtype")),
               ("Role", row.get("role")), ("As of", format_as_of(row.get("as_of"), row.get("as_of_precision"))),
               ("Derived from", row.get("formula"))]
    st.markdown("  \n".join(f"**{label}:** {plain(text)}" for label, text in details if plain(text)))
    st.caption(" · ".join(plain(row[c]) for c in ("source", "published", "title") if plain(row.get(c))))
    st.page_link("app_pages/document.py", label="Open the whole article", icon=":material/article:",
                 query_params={"doc": str(row["doc_id"])})

st.subheader("Download this table")
download_buttons(shown, "figures", "download")
