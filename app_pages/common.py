"""What every page shares: the store, the figures (cached), and the seed corpus on first use.

Streamlit-specific glue only; the work is done in tracker/.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path

import streamlit as st

from tracker.analysis import export
from tracker.analysis.labels import document_labels
from tracker.analysis.format import format_count, format_number
from tracker.load import load_documents, reextract_command
from tracker.sources.uploads import seed_documents
from tracker.analysis.text import plain, safe_link
from tracker.config import ConfigError, resolve_db_url
from tracker.store.store import Store, StoreError

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def say(kind: str, words: str, *data) -> None:
    """An ``st.error``/``warning``/``info``/``success`` (``kind``) of our own ``words``, whose
    ``{}`` places are filled with ``data`` as plain text (:func:`tracker.analysis.text.plain`): a file
    name, a URL, a title or a reader's message is never read as Markdown or auto-linked."""
    show = {"error": st.error, "warning": st.warning, "info": st.info, "success": st.success}[kind]
    show(words.format(*(plain(item) for item in data)))


def article_link(url, label: str = "Open the original article") -> None:
    """A button to the article's own page, only for an http(s) URL (never javascript: or data:)."""
    target = safe_link(url)
    if target is not None:
        st.link_button(label, target, icon=":material/open_in_new:")


#: Streamlit's own signals (st.stop, st.rerun) and the interpreter's: never caught as errors.
try:
    from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException as _Control
except ImportError:  # pragma: no cover - another Streamlit layout
    _Control = ()
NOT_ERRORS = (KeyboardInterrupt, SystemExit, GeneratorExit) + ((_Control,) if _Control else ())


def run_page(page, before=None) -> None:
    """Run ``before()`` (a notice every page shows), then the page; an error either did not
    expect (a panic from native code too) becomes a plain message saying what to do, instead of
    a traceback. The details go to the server's log."""
    import logging

    try:
        if before is not None:
            before()
        page.run()
    except BaseException as error:  # noqa: BLE001 - the page must end with a message
        if isinstance(error, NOT_ERRORS):
            raise
        logging.getLogger("tracker.dashboard").exception("page failed")
        say("error", "This page stopped on an unexpected error ({}). Nothing else was changed; "
                     "reload the page to try again, or tell whoever runs this dashboard.",
            f"{type(error).__name__}: {error}"[:300])


@st.cache_resource(show_spinner="Opening the store ...")
def _store(url: str) -> Store:
    store = Store(url)
    if store.document_count() == 0:  # a new store opens on the seed corpus
        load_documents(store, seed_documents(SEEDS))
    return store


def get_store() -> Store:
    """The store (``TRACKER_DB_URL``, ``.streamlit/secrets.toml`` or ``tracker.db``); stops the
    page with a clear message when it cannot be opened."""
    url = resolve_db_url()
    try:
        return _store(url)
    except (ConfigError, StoreError) as error:
        say("error", "The figure store cannot be opened: {}. Check TRACKER_DB_URL or "
                     "`.streamlit/secrets.toml`, or unset them to use a local `tracker.db`.", error)
        st.stop()


def store_key() -> tuple[str, int]:
    """The store's URL and version: what every cached read below is keyed by, so that it is read
    again only when the store changed."""
    store = get_store()
    return resolve_db_url(), store.version()


@st.cache_resource(max_entries=2, show_spinner="Reading figures ...")  # shared, never copied: read it, never change it
def _figures(url: str, version) -> "pd.DataFrame":  # noqa: F821 - pandas in the store
    return _store(url).figures()


@st.cache_data(max_entries=8, show_spinner=False)
def _documents(url: str, version) -> "pd.DataFrame":  # noqa: F821
    return _store(url).documents()


def figures():
    """Every stored figure with corrections applied; re-read only when the store changed. One
    frame shared by every session and rerun (a copy of 100,000 rows costs a third of a second):
    pages filter and select from it and never assign to it (tests/test_dashboard.py checks)."""
    return _figures(*store_key())


@st.cache_data(max_entries=8, show_spinner=False)
def _filter_options(url: str, version) -> dict:
    from tracker.analysis.filters import filter_options

    return filter_options(_figures(url, version))


def filter_choices() -> dict:
    """The values each of the Figures filters offers (:func:`tracker.analysis.filters.filter_options`),
    cached per version."""
    return _filter_options(*store_key())


@st.cache_data(max_entries=32, show_spinner=False)
def _figure_table(url: str, version, state, limit: int) -> "pd.DataFrame":  # noqa: F821
    from tracker.analysis.filters import filter_figures
    from tracker.analysis.tables import figure_table

    return figure_table(filter_figures(_figures(url, version), state), limit=limit)


def figure_view(state, limit: int) -> "pd.DataFrame":  # noqa: F821
    """The Figures table for a :class:`~tracker.analysis.filters.FilterState`: its first
    ``limit`` rows (:func:`tracker.analysis.tables.figure_table`), cached per version and state,
    so a rerun that changes neither (a selected row, a second visitor) sorts and formats nothing
    again."""
    return _figure_table(*store_key(), state, limit)


@st.cache_data(max_entries=8, show_spinner=False)
def _stale(url: str, version) -> tuple[int, int]:
    store = _store(url)
    return store.stale_documents(), store.document_count()


def stale_notice() -> None:
    """A notice, with the command to run, when some articles' figures were found by an older
    version of the extractor (checked again only when the store changed)."""
    store = get_store()
    stale, total = _stale(resolve_db_url(), store.version())
    if not stale:
        return
    password = " (with the database password in place of `***`)" if ":***@" in store.url else ""
    st.info(f"The figures of {format_number(stale)} of {format_count(total, 'article')} were found by an "
            "older version of the extractor. To find them again with this one, keeping every correction, "
            f"run this in the dashboard's folder{password}:", icon=":material/update:")
    st.code(reextract_command(store.url), language="bash")


@st.cache_resource(max_entries=2, show_spinner=False)  # shared, never copied: read it, never change it
def _grouped(url: str, version) -> "pd.DataFrame":  # noqa: F821
    from tracker.analysis.measures import regroup

    return regroup(_figures(url, version), _aliases(url, version))  # the merges read once per version


def grouping():
    """The measure merges that apply (``from -> to``), re-read when the store changed."""
    return _aliases(*store_key())


@st.cache_data(max_entries=4, show_spinner=False)
def _aliases(url: str, version) -> dict:
    return _store(url).measure_aliases()


@st.cache_data(max_entries=16, show_spinner="Grouping figures into claims ...")
def _measures(url: str, version, all_roles: bool, vague: str) -> "pd.DataFrame":  # noqa: F821
    from tracker.analysis.claims import measure_table

    return measure_table(_grouped(url, version), all_roles=all_roles, vague=vague)


def measures(all_roles: bool = False, vague: str = "range"):
    """The measures of the store (:func:`tracker.analysis.claims.measure_table`), cached per version."""
    return _measures(*store_key(), all_roles, vague)


@st.cache_data(max_entries=32, show_spinner=False)
def _claims(url: str, version, state) -> "pd.DataFrame":  # noqa: F821
    from tracker.analysis.compare import compare

    return compare(_grouped(url, version), state)


def claims(state):
    """The claims of a :class:`~tracker.analysis.compare.CompareState`, cached per version and state."""
    return _claims(*store_key(), state)


@st.cache_data(max_entries=32, show_spinner=False)
def _chart_spec(url: str, version, state, options: tuple) -> dict:
    from tracker.analysis.charts import estimates_chart

    return estimates_chart(_claims(url, version, state), **dict(options)).to_dict()


def chart_spec(state, **options) -> dict:
    """The Vega-Lite spec of Compare's chart (:func:`tracker.analysis.charts.estimates_chart`
    over :func:`claims` of ``state``), cached per version, state and options: building the
    Altair chart and validating its spec cost 0.1-0.3 s a rerun."""
    return _chart_spec(*store_key(), state, tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                                                         for k, v in options.items())))


@st.cache_data(max_entries=8, show_spinner=False)
def _claim_index(url: str, version) -> "pd.DataFrame":  # noqa: F821
    from tracker.analysis.claims import claim_of_figures

    return claim_of_figures(_grouped(url, version))


def claim_index():
    """Every figure's claim, its first outlet and how many outlets carried it, cached per version."""
    return _claim_index(*store_key())


def documents():
    return _documents(*store_key())


def download_buttons(frame, name: str, key: str) -> None:
    """A button per format of :data:`tracker.analysis.export.FORMATS` (CSV, Excel, Parquet,
    JSON) for a table. Each file is made only when its button is clicked (a callable), not on
    every rerun."""
    formats = list(export.FORMATS.values())
    for column, fmt in zip(st.columns(len(formats)), formats):
        column.download_button(fmt.label, data=partial(fmt.write, frame), file_name=f"{name}{fmt.suffix}",
                               mime=fmt.mime, key=f"{key}_{fmt.suffix.lstrip('.')}", on_click="ignore")


def pick_document(key: str) -> str:
    """A document chosen in a select box, preselected by the URL's ``doc`` (a shared link),
    labelled by title, outlet and date; stops the page when there is none yet."""
    docs = documents()
    if docs.empty:
        st.info("No articles yet: add some on the “Add articles” page.")
        st.stop()
    labels = document_labels(docs)
    ids = docs["doc_id"].astype(str).tolist()
    wanted = st.query_params.get("doc") or st.session_state.get("last_doc")
    if wanted and wanted not in ids:
        say("warning", "No article with the id “{}” is stored; showing another one.", wanted)
    doc_id = st.selectbox("Article", ids, index=ids.index(wanted) if wanted in ids else 0,
                          format_func=lambda d: labels.get(d, d), key=key)
    st.query_params["doc"] = doc_id
    st.session_state["last_doc"] = doc_id
    return doc_id
