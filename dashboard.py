"""The figure tracker's dashboard: `streamlit run dashboard.py`.

Only layout: the pages in app_pages/ call into tracker/ for every piece of work. The store is
tracker.db in the working directory unless TRACKER_DB_URL or .streamlit/secrets.toml names
another database; a new store opens on the seeds/ corpus. A page that fails unexpectedly ends
with a plain message (app_pages.common.run_page), not a traceback.

Nothing is fetched from outside the app's own server: the page icon is an emoji, drawn by the
browser (a ``:material/...:`` page icon is an image from fonts.gstatic.com), while the
``:material/...:`` icons of the navigation and buttons are glyphs of the Material Symbols font
that Streamlit serves itself (tests/test_browser.py records every request).
"""
import streamlit as st

from app_pages.common import run_page, stale_notice

st.set_page_config(page_title="Figure tracker", page_icon="📊", layout="wide")
run_page(st.navigation([
    st.Page("app_pages/figures.py", title="Figures", icon=":material/table_rows:", default=True),
    st.Page("app_pages/compare.py", title="Compare", icon=":material/show_chart:"),
    st.Page("app_pages/document.py", title="Article", icon=":material/article:"),
    st.Page("app_pages/add.py", title="Add articles", icon=":material/add_circle:"),
    st.Page("app_pages/corrections.py", title="Corrections", icon=":material/edit:"),
], position="top"), before=stale_notice)  # no sidebar: the tables keep the width
