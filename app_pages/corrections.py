"""Correct figures: edit a cell or mark "not a figure"; every change is kept and can be undone."""
from __future__ import annotations

import streamlit as st

from app_pages.common import documents, download_buttons, figures, get_store, pick_document, say
from tracker.analysis.filters import document_figures
from tracker.analysis.format import format_number
from tracker.analysis.labels import correction_label
from tracker.schema import ATTRIBUTED_KINDS, CATEGORIES, ROLES
from tracker.store.corrections import CORRECTABLE, SUBTYPE_CHOICES, diff_edits
from tracker.store.store import StoreError

st.title("Corrections")
store = get_store()
doc_id = pick_document("fix_doc")
frame = figures()
rows = document_figures(frame, doc_id, show_not_figures=True).reset_index(drop=True)
READ_ONLY = ["corrected", "attribution_text", "sentence"]  # shown beside the cells to correct
shown = rows[["content_hash", "start", "end", "surface", *CORRECTABLE, *READ_ONLY]]

st.caption("Edit value, unit, category, what exactly it counts, its role, whose it is, to whom, who says it (and "
           "what kind of source, of which country), the date it is as of (YYYY-MM-DD), or tick “not a figure”; "
           "then save. “Source as written” is what the article says.")
edited = st.data_editor(
    shown, hide_index=True, num_rows="fixed", key=f"editor_{doc_id}",
    disabled=["content_hash", "start", "end", "surface", *READ_ONLY],
    column_order=["surface", *CORRECTABLE, *READ_ONLY],
    column_config={"value": "Value", "unit": "Unit",
                   "category": st.column_config.SelectboxColumn("Category", options=list(CATEGORIES)),
                   "subtype": st.column_config.SelectboxColumn("What exactly", options=list(SUBTYPE_CHOICES)),
                   "role": st.column_config.SelectboxColumn("Role", options=list(ROLES)),
                   "as_of": st.column_config.TextColumn("As of", help="The date the figure is of: YYYY-MM-DD"),
                   "actor": st.column_config.TextColumn("Whose"),
                   "recipient": st.column_config.TextColumn("To whom"),
                   "attributed_to": st.column_config.TextColumn("Says who"),
                   "attributed_kind": st.column_config.SelectboxColumn("Kind of source",
                                                                       options=list(ATTRIBUTED_KINDS)),
                   "attributed_country": st.column_config.TextColumn("Source's country"),
                   "not_a_figure": st.column_config.CheckboxColumn("Not a figure"),
                   "corrected": st.column_config.CheckboxColumn("Corrected"),
                   "attribution_text": st.column_config.TextColumn("Source as written"),
                   "sentence": st.column_config.TextColumn("Sentence", width="large")},
)
author = st.text_input("Your name (kept with each correction)", key="fix_author")
if st.button("Save corrections", key="fix_save"):
    edits = diff_edits(shown, edited)
    try:
        store.add_corrections(edits, author=author)  # all of them or none
    except (ValueError, KeyError) as error:
        say("error", "Nothing was saved: {}. Fix that cell (or reload the page to start again), then save.",
            error.args[0] if error.args else error)
    except StoreError as error:
        say("error", "Nothing was saved: {}. Try again in a moment.", error)
    else:
        if edits:
            st.session_state["saved_message"] = f"{format_number(len(edits))} correction(s) saved."
            st.rerun()
        st.info("Nothing changed.")
if st.session_state.get("saved_message"):
    st.success(st.session_state.pop("saved_message"))

st.subheader("All corrections")
history = store.corrections()
spans = frame[["content_hash", "start", "end", "surface"]].drop_duplicates(["content_hash", "start", "end"])
history = (history.merge(documents()[["content_hash", "doc_id"]], on="content_hash", how="left")
           .merge(spans, on=["content_hash", "start", "end"], how="left"))
history["surface"] = history["surface"].fillna("(no figure there now)")
orphans = int((history["orphaned_at"].notna() & history["reverted_at"].isna()).sum()) if not history.empty else 0
if orphans:
    st.warning(f"{format_number(orphans)} correction(s) lost their figure when the articles were extracted again: "
               "the new extraction found nothing at their place. They are kept (see “Left without a figure”), "
               "apply to nothing, and apply again if a later extraction finds a figure there.")
st.dataframe(history, hide_index=True,
             column_order=["id", "doc_id", "surface", "field", "old_value", "new_value", "author", "created_at",
                           "reverted_at", "orphaned_at"],
             column_config={"orphaned_at": st.column_config.DatetimeColumn("Left without a figure")})
download_buttons(history, "corrections", "hist")
active = history[history["reverted_at"].isna()] if not history.empty else history
if not active.empty:
    described = active.set_index("id")
    choice = st.selectbox("Undo a correction", active["id"].tolist(), key="undo_id",
                          format_func=lambda i: correction_label(i, described.loc[i]))
    if st.button("Undo", key="undo_go"):
        store.revert_correction(int(choice))
        st.rerun()
