"""Compare: one measure (e.g. Russian troops) as each source claims it over time, repeats merged."""
from __future__ import annotations

from functools import partial

import streamlit as st

from app_pages.common import claims, download_buttons, measures
from tracker.analysis.charts import chart_png, chart_svg, estimates_chart
from tracker.analysis.claims import provenance
from tracker.analysis.compare import CompareState, compare_summary, for_download, measure_options, shown_values
from tracker.analysis.currency import RATES_NOTE, ecb_rates
from tracker.analysis.format import format_number

st.title("Compare estimates")
state = CompareState.from_query_params(st.query_params)
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
currency = state.currency
if measure.startswith("money:"):
    codes = ecb_rates().currencies
    currency = st.selectbox("Money shown in", codes, index=codes.index(currency) if currency in codes else
                            codes.index("USD"), key="currency", help=RATES_NOTE)
word = st.text_input("Narrow by a word of the object (e.g. “battalion”, “loan”)", value=state.word, key="word")
state = CompareState(measure, currency, all_roles, state.vague, word)
st.query_params.from_dict(state.to_query_params())  # a copied link reopens this view

table = claims(state)
if table.empty:
    st.warning("No claims match; try another word.")
    st.stop()

speakers = table["speaker"].nunique()
articles = len({d for ids in table["doc_ids"] for d in ids})
claims_word = "claim" if len(table) == 1 else "claims"
st.caption(f"{format_number(len(table))} {claims_word} from {format_number(speakers)} "
           f"source{'s' if speakers != 1 else ''}, carried by {format_number(articles)} "
           f"article{'s' if articles != 1 else ''}. A claim is one figure from one source, however many "
           "articles repeat it; each is placed on the date it refers to, else its first appearance."
           + (f" Money in {currency}: {RATES_NOTE}." if measure.startswith("money:") else ""))

chart = estimates_chart(table)
st.altair_chart(chart, width="stretch", height=620, theme=None)  # the colours of the downloads
left, right = st.columns(2)
left.download_button("Chart as PNG", data=partial(chart_png, chart), file_name="estimates.png",
                     mime="image/png", on_click="ignore", key="png")
right.download_button("Chart as SVG", data=partial(chart_svg, chart), file_name="estimates.svg",
                      mime="image/svg+xml", on_click="ignore", key="svg")

undated = table[table["date"].isna()]
if len(undated):
    st.markdown(f"**Undated** ({format_number(len(undated))}): neither the text nor the article gives a date, "
                "so these are listed here and not plotted.")

shown = shown_values(table)
view = table.assign(value_shown=shown["value"], low_shown=shown["low"], high_shown=shown["high"],
                    first_reported=[provenance(r.first_source, r.published, len(r.outlets))
                                    for r in table.itertuples(index=False)],
                    carried_by=["; ".join(o) for o in table["outlets"]])
columns = ["date", "speaker", "value_shown", "qualifier", "low_shown", "high_shown", "first_reported", "count",
           "carried_by", "as_of", "published", "role", "actor", "recipient", "value", "unit", "rate", "rate_date",
           "surface", "sentence"]
if not measure.startswith("money:"):
    columns = [c for c in columns if c not in ("value", "unit", "rate", "rate_date")] + ["unit"]
labels = {
    "date": st.column_config.TextColumn("Date", help="As of the date the text gives, else the first appearance"),
    "speaker": st.column_config.TextColumn("Says who"),
    "value_shown": st.column_config.NumberColumn(f"Value ({currency})" if measure.startswith("money:") else "Value",
                                                 format="localized"),
    "low_shown": st.column_config.NumberColumn("Low", format="localized"),
    "high_shown": st.column_config.NumberColumn("High", format="localized"),
    "first_reported": st.column_config.TextColumn("First reported", width="medium"),
    "count": st.column_config.NumberColumn("Articles", help="How many articles carried this claim"),
    "carried_by": st.column_config.TextColumn("Carried by"),
    "as_of": st.column_config.TextColumn("As of"),
    "published": st.column_config.TextColumn("First appeared"),
    "value": st.column_config.NumberColumn("Amount as reported", format="localized"),
    "unit": st.column_config.TextColumn("Unit" if not measure.startswith("money:") else "Currency"),
    "rate": st.column_config.NumberColumn(f"Rate ({currency} per unit)", format="%.4f"),
    "rate_date": st.column_config.TextColumn("Rate of"),
    "sentence": st.column_config.TextColumn("Sentence (first appearance)", width="large"),
}
dated = view[view["date"].notna()]
st.subheader("Every claim, with where it first appeared")
st.dataframe(dated[columns], hide_index=True, column_config=labels, key="claims_table")
if len(undated):
    st.subheader("Undated claims")
    st.dataframe(view[view["date"].isna()][columns], hide_index=True, column_config=labels, key="undated_table")
download_buttons(for_download(table), "claims", "claims")

st.subheader("Side by side, per source")
summary = compare_summary(table)
st.dataframe(summary, hide_index=True, column_config={"speaker": st.column_config.TextColumn("Says who")})
download_buttons(summary, "claims-by-source", "sum")
