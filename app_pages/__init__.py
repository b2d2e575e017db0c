"""The dashboard's pages (run by dashboard.py through st.navigation)."""
