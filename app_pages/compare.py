"""Compare: one measure (e.g. Russian troops) as each source claims it over time, repeats merged."""
from __future__ import annotations

import datetime as dt
from functools import partial

import streamlit as st

from app_pages.common import chart_spec, claims, download_buttons, grouping, measures
from app_pages.grouping import grouping_panel
from tracker.analysis.charts import SERIES, chart_png, chart_svg
from tracker.analysis.claims import VAGUE_RULES
from tracker.analysis.compare import CompareState, compare_summary, for_download, measure_options
from tracker.analysis.currency import RATES_NOTE, ecb_rates
from tracker.analysis.format import format_as_of, format_count, format_number, plural
from tracker.analysis.measures import measure_label, parse_key, resolve_measure
from tracker.analysis.tables import claims_table, summary_table

MAX_ROWS_SHOWN = 5_000  # a table of many thousand rows is slow to send; the downloads have every claim
VAGUE_LABELS = {"range": "as a range (dozens = 24–108)", "acled": "ACLED's point (dozens = 12, hundreds = 100)"}

st.title("Compare estimates")
state = CompareState.from_query_params(st.query_params)
state = state.with_measure(resolve_measure(state.measure, grouping()))  # a merged measure's old link
all_roles = st.toggle("Every role: also parts, increments, per-unit figures and rates", value=state.all_roles,
                      key="roles", help="By default a comparison holds totals and cumulative totals only, "
                                        "so that like is compared with like.")
options = measure_options(measures(all_roles, state.vague))  # figures marked "not a figure" are never compared
if not options:
    st.info("No figures to compare yet: add articles on the “Add articles” page.")
    st.stop()

keys = list(options)
if state.measure is not None and state.measure not in keys:
    st.warning("The measure of this link holds no claims here; showing the one with most claims.")
measure = st.selectbox("What is measured", keys, index=keys.index(state.measure) if state.measure in keys else 0,
                       format_func=options.get, key="measure")
money = measure.startswith("money:")
controls = st.columns(3 if money else 2)
middle, right = controls[-2:]
currency = state.currency
if money:
    codes = ecb_rates().currencies
    currency = controls[0].selectbox("Money shown in", codes, index=codes.index(currency) if currency in codes else
                              codes.index("USD"), key="currency", help=RATES_NOTE)
series = middle.selectbox("Series", list(SERIES), index=list(SERIES).index(state.series), key="series",
                          format_func=lambda s: SERIES[s].replace(" (for money, the donor)", "" if not money else
                                                                  " (for money, the donor)"))
vague = right.selectbox("Vague amounts (“dozens of”)", list(VAGUE_RULES), index=list(VAGUE_RULES).index(state.vague),
                        key="vague", format_func=VAGUE_LABELS.get)
word = st.text_input("Narrow by a word of the object (e.g. “battalion”, “loan”)", value=state.word, key="word")
state = CompareState(measure, currency, all_roles, vague, word, series)
st.query_params.from_dict(state.to_query_params())  # a copied link reopens this view

table = claims(state)
if table.empty:
    st.warning("No claims match this word; clear it or try another.")
    st.stop()

speakers = table["speaker"].nunique()
articles = len({d for ids in table["doc_ids"] for d in ids})


label = measure_label(measure)
summary_line = (f"{format_count(len(table), 'claim')} from {format_count(speakers, 'source')}, carried by "
                f"{format_count(articles, 'article')}.")
notes = [summary_line]
if money:
    notes.append(f"Money in {currency}: {RATES_NOTE}.")
notes.append(f"Vague amounts read {VAGUE_LABELS[vague]}. Downloaded {format_as_of(dt.date.today().isoformat())}.")
st.caption(summary_line + " A claim is one figure from one source, however many articles repeat it; each is "
           "placed on the date it refers to, else its first appearance."
           + (f" Money in {currency}: {RATES_NOTE}." if money else ""))

family = parse_key(measure).family
y_title = f"{currency} (converted at ECB reference rates)" if money else plural(family or "value")
chart = chart_spec(state, title=label, y_title=y_title, series=series, notes=notes)
st.vega_lite_chart(chart, width="stretch", height=620, theme=None)  # the colours of the downloads
png_col, svg_col = st.columns(2)
png_col.download_button("Chart as PNG", data=partial(chart_png, chart), file_name="estimates.png",
                        mime="image/png", on_click="ignore", key="png")
svg_col.download_button("Chart as SVG", data=partial(chart_svg, chart), file_name="estimates.svg",
                        mime="image/svg+xml", on_click="ignore", key="svg")

grouping_panel(measure, options, table)

columns = list(claims_table(table.head(0)).columns)
if not money:
    columns = [c for c in columns if c not in ("as_reported", "rate", "rate_date", "recipient")]
labels = {
    "date": st.column_config.TextColumn("Date", help="As of the date the text gives, else the first appearance"),
    "speaker": st.column_config.TextColumn("Says who", help="Who the article says states it; else the outlet"),
    "shown": st.column_config.TextColumn(f"Value ({currency})" if money else "Value"),
    "first_reported": st.column_config.TextColumn("First reported", width="medium"),
    "count": st.column_config.NumberColumn("Articles", help="How many articles carried this claim"),
    "as_reported": st.column_config.TextColumn("As reported", help="The amount in the currency the text gives"),
    "rate": st.column_config.NumberColumn(f"Rate ({currency} per unit)", format="%.4f",
                                          help="ECB reference rate of the claim's date, or of the business day before"),
    "unit": st.column_config.TextColumn("Currency" if money else "Unit"),
    "rate_date": st.column_config.TextColumn("Rate of", help="The ECB business day whose reference rate is used"),
    "value": st.column_config.NumberColumn(f"Number ({currency})" if money else "Number", format="localized",
                                           help="The value as a number, to sort by"),
    "role": st.column_config.TextColumn("Role"),
    "actor": st.column_config.TextColumn("Donor" if money else "Whose"),
    "recipient": st.column_config.TextColumn("To whom"),
    "carried_by": st.column_config.TextColumn("Carried by"),
    "as_of": st.column_config.TextColumn("As of"),
    "published": st.column_config.TextColumn("First appeared"),
    "sentence": st.column_config.TextColumn("Sentence (first appearance)", width="large"),
}
undated = table["date"].isna().to_numpy()
st.subheader("Every claim, with where it first appeared")
dated = table[~undated]
if len(dated) > MAX_ROWS_SHOWN:  # only the rows shown are written out and sent
    st.info(f"Showing the latest {format_number(MAX_ROWS_SHOWN)} of {format_count(len(dated), 'claim')}; the "
            "downloads below have them all.")
    dated = dated.tail(MAX_ROWS_SHOWN)
st.dataframe(claims_table(dated)[columns], hide_index=True, placeholder="", column_config=labels, key="claims_table")
if undated.any():
    st.subheader(f"Undated ({format_number(int(undated.sum()))})")
    st.caption("Neither the text nor the article gives a date for these, so they are listed here and not plotted.")
    st.dataframe(claims_table(table[undated].head(MAX_ROWS_SHOWN))[columns], hide_index=True, placeholder="",
                 column_config=labels, key="undated_table")
download_buttons(for_download(table), "claims", "claims")

st.subheader("Side by side, per source")
summary = compare_summary(table)
st.dataframe(summary_table(summary), hide_index=True, placeholder="", column_config={
    "speaker": st.column_config.TextColumn("Says who"),
    "claims": st.column_config.NumberColumn("Claims"),
    "range": st.column_config.TextColumn("Range", help="The smallest and the largest value this source gave"),
    "median": st.column_config.TextColumn("Median"),
    "latest": st.column_config.TextColumn("Latest", help="The value of its latest dated claim"),
    "first": st.column_config.TextColumn("First"),
    "last": st.column_config.TextColumn("Last"),
})
download_buttons(summary, "claims-by-source", "sum")
