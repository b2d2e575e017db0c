"""Correct figures: edit a cell or mark "not a figure"; every change is kept and can be undone."""
from __future__ import annotations

import streamlit as st

from app_pages.common import download_buttons, figures, get_store, pick_document
from tracker.store.corrections import EDITABLE, diff_edits

st.title("Corrections")
store = get_store()
doc_id = pick_document("fix_doc")
frame = figures()
rows = frame[(frame["doc_id"] == doc_id) & ~frame["derived"].astype(bool)].reset_index(drop=True)
shown = rows[["content_hash", "start", "end", "surface", *EDITABLE, "corrected", "sentence"]]

st.caption("Edit value, unit, category, actor or who says it, or tick “not a figure”; then save.")
edited = st.data_editor(
    shown, hide_index=True, num_rows="fixed", key=f"editor_{doc_id}",
    disabled=["content_hash", "start", "end", "surface", "corrected", "sentence"],
    column_order=["surface", *EDITABLE, "corrected", "sentence"],
    column_config={"not_a_figure": st.column_config.CheckboxColumn("Not a figure"),
                   "corrected": st.column_config.CheckboxColumn("Corrected"),
                   "sentence": st.column_config.TextColumn("Sentence", width="large")},
)
author = st.text_input("Your name (kept with each correction)", key="fix_author")
if st.button("Save corrections", key="fix_save"):
    edits = diff_edits(shown, edited)
    for edit in edits:
        store.add_correction(edit.content_hash, edit.start, edit.end, edit.field, edit.value, author=author)
    if edits:
        st.session_state["saved_message"] = f"{len(edits)} correction(s) saved."
        st.rerun()
    st.info("Nothing changed.")
if st.session_state.get("saved_message"):
    st.success(st.session_state.pop("saved_message"))

st.subheader("All corrections")
history = store.corrections()
spans = frame[["content_hash", "start", "end", "doc_id", "surface"]].drop_duplicates(["content_hash", "start", "end"])
history = history.merge(spans, on=["content_hash", "start", "end"], how="left")
st.dataframe(history, hide_index=True,
             column_order=["id", "doc_id", "surface", "field", "old_value", "new_value", "author", "created_at",
                           "reverted_at"])
download_buttons(history, "corrections", "hist")
active = history[history["reverted_at"].isna()] if not history.empty else history
if not active.empty:
    described = active.set_index("id")
    choice = st.selectbox("Undo a correction", active["id"].tolist(), key="undo_id",
                          format_func=lambda i: "#{} “{}” in {}: {} {} → {}".format(
                              i, *described.loc[i, ["surface", "doc_id", "field", "old_value", "new_value"]]))
    if st.button("Undo", key="undo_go"):
        store.revert_correction(int(choice))
        st.rerun()
