"""The Compare page's "Fix the grouping" panel: merge this measure into another, move a claim's
figures into another measure, and undo either. Both are kept in the store with who and when.

Streamlit glue only: the store keeps merges (``Store.merge_measures``) and moves (corrections of
the ``measure`` field); tracker.analysis.measures says what a key is and which figures move.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.common import figures, get_store, say
from tracker.analysis.format import format_as_of, format_value
from tracker.analysis.measures import is_key, measure_label, move_edits
from tracker.analysis.text import plain
from tracker.store.store import StoreError


def _done(message: str) -> None:
    """Say what was done on the next run, with the pickers cleared (their measures may be gone)."""
    for key in ("merge_into", "move_claim", "move_into"):
        st.session_state.pop(key, None)
    st.session_state["grouping_message"] = message
    st.rerun()


def _claim_label(row) -> str:
    when = format_as_of(row.date) or "undated"
    return f"{when} · {row.speaker} · {format_value(row.value, row.unit, qualifier=row.qualifier, low=row.low, high=row.high)}"


def grouping_panel(measure: str, options: dict[str, str], table: pd.DataFrame) -> None:
    """The panel, under the chart, for the measure shown, its menu's options and its claims."""
    message = st.session_state.pop("grouping_message", None)
    with st.expander("Fix the grouping: merge measures, move a claim", expanded=message is not None):
        if message:
            st.success(message)
        store = get_store()
        author = st.text_input("Your name (kept with each change)", key="group_author")
        others = [key for key in options if key != measure]
        left, right = st.columns(2)
        with left:
            target = st.selectbox("Merge this measure into", others, index=None, format_func=options.get,
                                  key="merge_into", placeholder="Choose a measure")
            if st.button("Merge", key="merge_go", disabled=target is None):
                try:
                    store.merge_measures(measure, target, author=author)
                except (ValueError, StoreError) as error:
                    say("error", "Nothing was merged: {}", error)
                else:
                    st.query_params["measure"] = target
                    _done(f"Merged “{measure_label(measure)}” into “{measure_label(target)}”; "
                          "undo it below if that was wrong.")
        with right:
            claims = list(table.itertuples(index=False))
            picked = st.selectbox("Move this claim", range(len(claims)), index=None, key="move_claim",
                                  format_func=lambda i: _claim_label(claims[i]), placeholder="Choose a claim")
            into = st.selectbox("into", others, index=None, format_func=options.get, key="move_into",
                                accept_new_options=True, placeholder="Choose a measure or type a key")
            if st.button("Move", key="move_go", disabled=picked is None or not into):
                if not is_key(into):
                    say("error", "Nothing was moved: “{}” is not a measure key (like count:russia:troop:personnel:- "
                                 "or money:ukraine:military_aid).", into)
                else:
                    try:
                        store.add_corrections(move_edits(figures(), claims[picked].figure_ids, into), author=author)
                    except (ValueError, KeyError, StoreError) as error:
                        say("error", "Nothing was moved: {}", error)
                    else:
                        _done(f"Moved the claim ({len(claims[picked].figure_ids)} figure(s)) into "
                              f"“{measure_label(into)}”; undo it below if that was wrong.")
        _history(store)


def _history(store) -> None:
    """The merges and moves that apply, each with an undo button."""
    merges = store.measure_merges()
    merges = merges[merges["reverted_at"].isna()]
    corrections = store.corrections()
    moves = corrections[(corrections["field"] == "measure") & corrections["reverted_at"].isna()]
    if merges.empty and moves.empty:
        st.caption("No measure has been merged and no claim moved yet.")
        return
    st.markdown("**Applied**")
    for row in merges.itertuples(index=False):
        text, button = st.columns([5, 1])
        text.markdown(plain(f"Merged “{measure_label(row.from_key)}” into “{measure_label(row.to_key)}”"
                            f" ({row.author or 'no name'}, {row.created_at:%d %b %Y %H:%M})"))
        if button.button("Undo", key=f"undo_merge_{row.id}"):
            store.revert_merge(int(row.id))
            _done(f"Undid the merge of “{measure_label(row.from_key)}” into “{measure_label(row.to_key)}”.")
    for row in moves.itertuples(index=False):
        text, button = st.columns([5, 1])
        text.markdown(plain(f"Moved the figure at {row.start}–{row.end} of document {row.content_hash[:12]} into "
                            f"“{measure_label(row.new_value)}” ({row.author or 'no name'}, "
                            f"{row.created_at:%d %b %Y %H:%M})"))
        if button.button("Undo", key=f"undo_move_{row.id}"):
            store.revert_correction(int(row.id))
            _done(f"Undid the move into “{measure_label(row.new_value)}”.")
