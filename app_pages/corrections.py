"""Correct figures: edit a cell or mark "not a figure"; every change is kept and can be undone.

Each save and each undo is confirmed beside its button. The message stays there (kept in the
session) until the next save or undo, through the reruns that follow: the one that reads the
figures again, and the one the editor asks for when its data has changed.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.common import documents, download_buttons, figures, get_store, pick_document, say
from tracker.analysis.filters import document_figures
from tracker.analysis.format import format_count
from tracker.analysis.labels import FIELD_LABELS, correction_change, correction_label
from tracker.schema import ATTRIBUTED_KINDS, CATEGORIES, ROLES, SUBTYPES
from tracker.store.corrections import CORRECTABLE, SUBTYPE_CHOICES, CorrectionError, as_of_written, diff_edits
from tracker.store.store import StoreError

st.title("Corrections")
store = get_store()
doc_id = pick_document("fix_doc")
frame = figures()
rows = document_figures(frame, doc_id, show_not_figures=True).reset_index(drop=True)
READ_ONLY = ["corrected", "attribution_text", "sentence"]  # shown beside the cells to correct
shown = rows[["content_hash", "start", "end", "surface", *CORRECTABLE, *READ_ONLY]].copy()
# A date as precisely as it is known ("2021-11" for a month), as a correction writes it.
shown["as_of"] = pd.array([as_of_written(day, precision) for day, precision
                           in zip(rows["as_of"], rows["as_of_precision"])], dtype=rows["as_of"].dtype)

SUBTYPES_HELP = "; ".join(f"{category}: {', '.join(names)}" for category, names in SUBTYPES.items())
config = {
    "surface": st.column_config.TextColumn("As written", pinned=True, width=140),
    "not_a_figure": st.column_config.CheckboxColumn("Not a figure", width=110,
                                                    help="Tick it when this is no figure at all"),
    "value": st.column_config.NumberColumn("Value", format="localized", width=115),  # 1,000,000,000 whole
    "as_of": st.column_config.TextColumn(
        "As of", help="The date the figure is of: YYYY-MM-DD, or YYYY-MM for a month, YYYY for a year"),
    "low": st.column_config.NumberColumn(
        "Low", format="localized", width=115, help="The least it can be (“more than 500”: 500); empty for none"),
    "high": st.column_config.NumberColumn(
        "High", format="localized", width=115, help="The most it can be (“up to 1,000”: 1,000); empty for none"),
    "approx": st.column_config.CheckboxColumn("Approximate", help="The text gives it as an estimate (“about”, "
                                                                  "“nearly”)"),
    "qualifier": st.column_config.TextColumn(
        "Qualifier", help="The words that bound it, as the text says them: “about”, “up to”, “more than”, "
                          "“approaching” ...; empty for none"),
    "category": st.column_config.SelectboxColumn("Category", options=list(CATEGORIES)),
    "subtype": st.column_config.SelectboxColumn(
        "What exactly", options=list(SUBTYPE_CHOICES),
        help=f"One of its category's ({SUBTYPES_HELP}); empty for none or for any other category"),
    "role": st.column_config.SelectboxColumn("Role", options=list(ROLES)),
    "attributed_kind": st.column_config.SelectboxColumn("Kind of source", options=list(ATTRIBUTED_KINDS)),
    "corrected": st.column_config.CheckboxColumn("Corrected"),
    "attribution_text": st.column_config.TextColumn("Source as written"),
    "sentence": st.column_config.TextColumn("Sentence", width="large"),
}
config = {name: FIELD_LABELS[name] for name in CORRECTABLE} | config  # the rest: text, labelled

st.caption("Edit a cell (whether it is a figure at all, its value, unit, whose it is, who says it, the date it "
           "is of, its bounds and qualifier, what exactly it counts, its role, to whom it goes, the kind and "
           "country of its source) and save; “Source as written” is what the article says.")
edited = st.data_editor(
    shown, hide_index=True, placeholder="", num_rows="fixed", key=f"editor_{doc_id}",
    disabled=["content_hash", "start", "end", "surface", *READ_ONLY],
    column_order=["surface", *CORRECTABLE, *READ_ONLY], column_config=config,
)
author = st.text_input("Your name (kept with each correction)", key="fix_author")
save, saved_here = st.columns([1, 3], vertical_alignment="center")
if save.button("Save corrections", key="fix_save"):
    st.session_state.pop("fix_message", None)
    st.session_state.pop("undo_message", None)
    try:
        edits = diff_edits(shown, edited)
        store.add_corrections(edits, author=author)  # all of them or none
    except CorrectionError as error:
        at = rows[(rows["start"] == error.start) & (rows["end"] == error.end)]["surface"]
        with saved_here:
            say("error", "Nothing was saved: “{}”, {}: {}. Fix that cell, then save again.",
                at.iloc[0] if len(at) else "a figure", FIELD_LABELS.get(error.field, error.field), error.reason)
    except KeyError as error:
        with saved_here:
            say("error", "Nothing was saved: {}; reload the page to see the article's figures as they are now.",
                error.args[0] if error.args else error)
    except ValueError as error:
        with saved_here:
            say("error", "Nothing was saved: {}; reload the page to start again.", error)
    except StoreError as error:
        with saved_here:
            say("error", "Nothing was saved: {}. Try again in a moment.", error)
    else:
        if edits:
            st.session_state["fix_message"] = (doc_id, f"{format_count(len(edits), 'correction')} saved: " + (
                "it applies everywhere now and can be undone below." if len(edits) == 1 else
                "they apply everywhere now, and each can be undone below."))
            st.rerun()  # read the figures again
        saved_here.info("Nothing changed: edit a cell above, then save.")
saved_doc, saved_words = st.session_state.get("fix_message") or (None, None)
if saved_doc == doc_id:  # said of this article's editor only
    saved_here.success(saved_words)

st.subheader("All corrections")
history = store.corrections()
spans = frame[["content_hash", "start", "end", "surface"]].drop_duplicates(["content_hash", "start", "end"])
history = (history.merge(documents()[["content_hash", "doc_id"]], on="content_hash", how="left")
           .merge(spans, on=["content_hash", "start", "end"], how="left"))
history["surface"] = history["surface"].fillna("(no figure there now)")
history["change"] = [correction_change(row) for row in history.to_dict("records")]
orphans = int((history["orphaned_at"].notna() & history["reverted_at"].isna()).sum()) if not history.empty else 0
if orphans:
    lost = format_count(orphans, "correction")
    st.warning(f"{lost} lost {'its' if orphans == 1 else 'their'} figure when the articles were extracted again: "
               "the new extraction found nothing at that place. They are kept (see “Left without a figure”), "
               "apply to nothing, and apply again if a later extraction finds a figure there.")
st.dataframe(history, hide_index=True, placeholder="",
             column_order=["id", "doc_id", "surface", "change", "author", "created_at", "reverted_at",
                           "orphaned_at"],
             column_config={"id": st.column_config.NumberColumn("#", width=50), "doc_id": "Article",
                            "surface": "As written", "change": st.column_config.TextColumn("Change", width="medium"),
                            "author": "By", "created_at": st.column_config.DatetimeColumn("Made"),
                            "reverted_at": st.column_config.DatetimeColumn("Undone"),
                            "orphaned_at": st.column_config.DatetimeColumn("Left without a figure")})
download_buttons(history, "corrections", "hist")
active = history[history["reverted_at"].isna()] if not history.empty else history
if not active.empty:
    described = active.set_index("id")
    choice = st.selectbox("Undo a correction", active["id"].tolist(), key="undo_id",
                          format_func=lambda i: correction_label(i, described.loc[i]))
undo, undone_here = st.columns([1, 3], vertical_alignment="center")
if undo.button("Undo", key="undo_go", disabled=active.empty):  # kept in place, for the message beside it
    st.session_state.pop("fix_message", None)
    st.session_state.pop("undo_message", None)
    try:
        store.revert_correction(int(choice))
    except (KeyError, StoreError) as error:
        with undone_here:
            say("error", "Nothing was undone: {}. Reload the page, then try again.",
                error.args[0] if error.args else error)
    else:
        st.session_state["undo_message"] = correction_label(choice, described.loc[choice])
        st.rerun()  # read the figures again
if st.session_state.get("undo_message"):
    with undone_here:
        say("success", "Undone: {}; the figure shows its earlier value again.", st.session_state["undo_message"])
