"""Looking at figures: filters and their URL state, comparisons, highlighting, charts, exports.

Functions of DataFrames with the columns of ``tracker.schema``. No ``streamlit`` and no store:
the dashboard reads the store and hands frames in. It may import ``tracker.io``,
``tracker.schema`` and ``tracker.config``.
"""
