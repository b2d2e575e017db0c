"""The store (tracker/store/store.py) on SQLite, and on Postgres when TRACKER_TEST_PG_URL is set.

Every test that takes ``url`` or ``store`` runs on a SQLite file, an in-memory SQLite
database and, if ``TRACKER_TEST_PG_URL`` names a Postgres server (``.ci/run`` starts one and
sets it), on a fresh Postgres database created for the test and dropped after it.

The texts are short restatements of figures that were published in early 2022 (troops near
Ukraine, aid pledges); what the store must keep is whatever the extractor finds in them, so
expectations are computed with ``figure_rows`` rather than written out, except where a test
is about one figure (found by its surface).
"""
from __future__ import annotations

import os
import socket
import threading
import uuid
from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest
import sqlalchemy as sa

import tracker.load as load_module
import tracker.store.store as store_module
from tracker.extract.figures import figure_rows
from tracker.load import add_document, reextract
from tracker.sources.document import Document
from tracker.schema import COLUMNS, figure_id, to_frame
from tracker.store.store import AddResult, Store, StoreError

PG_URL = os.environ.get("TRACKER_TEST_PG_URL", "").strip()

TROOPS = Document(
    "mod-btg", "Ukraine's defence ministry said Russia had deployed 14 battalion tactical groups "
    "of about 800 troops each.", source="Example Wire", published="2021-11-28", title="BTGs")
RANGE = Document(
    "border-range", "Western officials estimated that Russia had between 10,000 and 15,000 troops "
    "on the border.", source="Example Wire", published="2021-11-20")
MONEY = Document(
    "aid-de", "Germany pledged €5m in humanitarian aid to Україна.", source="Example Daily",
    published="2022-02-26", url="https://example.org/aid-de")
MASSED = Document("massed", "Russia has massed 100,000 troops near the border, the Pentagon said.")


# -- fixtures ----------------------------------------------------------------------------------

def _fresh_postgres_database():
    """A new, empty Postgres database on the test server; dropped afterwards."""
    server = sa.make_url(PG_URL)
    name = f"tracker_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield server.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


def _url(kind: str, tmp_path):
    if kind == "sqlite-file":
        yield f"sqlite:///{tmp_path / 'tracker.db'}"
    elif kind == "sqlite-memory":
        yield "sqlite://"
    else:
        if not PG_URL:
            pytest.skip("no Postgres: set TRACKER_TEST_PG_URL to a server's URL (.ci/run starts one)")
        yield from _fresh_postgres_database()


@pytest.fixture(params=["sqlite-file", "postgres"])
def url(request, tmp_path):
    """A database URL that every Store opened on it shares (so not an in-memory one)."""
    yield from _url(request.param, tmp_path)


@pytest.fixture(params=["sqlite-file", "sqlite-memory", "postgres"])
def store(request, tmp_path):
    """An open, empty store."""
    for url in _url(request.param, tmp_path):
        with Store(url) as opened:
            yield opened


def _figure(frame: pd.DataFrame, surface: str) -> pd.Series:
    rows = frame[frame["surface"] == surface]
    assert len(rows) == 1, f"expected one figure {surface!r}, found {len(rows)}"
    return rows.iloc[0]


def _expected_frame(doc: Document, doc_id: str | None = None) -> pd.DataFrame:
    return to_frame(figure_rows(doc.text, doc_id=doc_id or doc.doc_id, source=doc.source,
                                published=doc.published, url=doc.url, title=doc.title))


def test_unreadable_secrets_file_is_a_store_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRACKER_DB_URL", raising=False)
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text("[connections.tracker\nurl = 1", encoding="utf-8")
    with pytest.raises(StoreError, match="secrets.toml"):
        Store()


def test_store_without_url_opens_tracker_db_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRACKER_DB_URL", raising=False)
    with Store() as store:
        add_document(store, MASSED)
    assert (tmp_path / "tracker.db").is_file()
    with Store(f"sqlite:///{tmp_path / 'tracker.db'}") as again:
        assert list(again.documents()["doc_id"]) == ["massed"]


# -- opening: migrations and errors ------------------------------------------------------------

def test_open_runs_the_migrations_to_head(store):
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(store_module.MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    with store.engine.connect() as connection:
        stamped = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
        tables = set(sa.inspect(connection).get_table_names())
    assert head == "0005"
    assert stamped == [head]
    assert {"documents", "figures", "corrections", "store_state"} <= tables


def test_migrations_build_exactly_the_tables_in_store_py(store):
    """A change to the tables in store.py without a migration shows up here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), store_module.metadata)
    assert differences == []


def test_reopening_keeps_the_data_and_does_not_migrate_again(url):
    with Store(url) as store:
        add_document(store, TROOPS)
        version = store.version()
    with Store(url) as store:
        assert list(store.documents()["doc_id"]) == ["mod-btg"]
        assert len(store.figures()) == len(figure_rows(TROOPS.text))
        assert store.version() == version


def test_a_database_from_a_newer_tracker_is_refused(url):
    with Store(url) as store, store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match=r"cannot open database .*9999"):
        Store(url)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


#: (url, words the message must contain); every URL's password is "s3cret".
BAD_URLS = [
    ("not a url", "Could not parse"),
    ("nosuchdb://user:s3cret@host/db", "unknown database type"),
    ("postgresql+psycopg://tracker:s3cret@127.0.0.1:{port}/postgres", "refused"),
    ("postgresql+psycopg://tracker:s3cret@no-such-host.invalid/postgres", "no-such-host.invalid"),
    ("sqlite:///{tmp}/no/such/dir/tracker.db", "unable to open database file"),
    ("mysql://tracker:s3cret@127.0.0.1/db", "driver is not installed"),
]


@pytest.mark.parametrize("template, words", BAD_URLS)
def test_bad_or_unreachable_database_is_one_readable_error(template, words, tmp_path):
    url = template.format(port=_closed_port(), tmp=tmp_path)
    with pytest.raises(StoreError) as caught:
        Store(url)
    message = str(caught.value)
    assert message.startswith("cannot open database ")
    assert words in message
    assert "s3cret" not in message
    assert "\n" not in message


# -- adding documents ----------------------------------------------------------------------

def test_add_document_stores_its_figures_once(store):
    first = add_document(store, TROOPS)
    n = len(figure_rows(TROOPS.text))
    content_hash = first.content_hash
    assert n >= 2
    assert first == AddResult("added", "mod-btg", content_hash, n)
    version = store.version()
    again = add_document(store, Document("another-name", TROOPS.text, source="Elsewhere"))
    assert again == AddResult("duplicate", "mod-btg", content_hash, n)
    assert store.version() == version
    assert len(store.documents()) == 1
    assert len(store.figures()) == n


#: Documents added in this order -> the doc_id each is stored under.
DOC_ID_CASES = [
    (Document("brief", "Russia has massed 100,000 troops."), "brief"),
    (Document("brief", "Russia has massed 120,000 troops."), "brief:2"),
    (Document("brief", "Russia has massed 130,000 troops."), "brief:3"),
    (Document("brief:2", "Russia has massed 175,000 troops."), "brief:2:2"),
    (Document("brief_", "Russia has massed 190,000 troops."), "brief_"),  # '_' is no wildcard
    (Document(None, "The UK will send 2,000 anti-tank missiles."), "doc-{hash12}"),
]


def test_doc_ids_are_made_unique(store):
    for doc, expected in DOC_ID_CASES:
        result = add_document(store, doc)
        assert result.status == "added"
        assert result.doc_id == expected.format(hash12=result.content_hash[:12])
    assert list(store.documents()["doc_id"]) == [
        expected.format(hash12=result.content_hash[:12]) for _, expected in DOC_ID_CASES]


def test_figures_given_are_stored_as_given_with_ids_of_the_stored_document(store, monkeypatch):
    add_document(store, Document("brief", "Russia has massed 90,000 troops."))
    rows = figure_rows(MASSED.text, doc_id="something-else")

    def no_extraction(*args, **kwargs):
        raise AssertionError("the store re-extracted figures it was given")

    monkeypatch.setattr(load_module, "figure_rows", no_extraction)
    result = add_document(store, Document("brief", MASSED.text), rows)
    stored = store.figures()
    stored = stored[stored["doc_id"] == "brief:2"]
    assert result.figures == len(rows) == len(stored) == 1
    assert stored["figure_id"].tolist() == [figure_id("brief:2", rows[0]["start"], rows[0]["end"])]
    assert stored["value"].tolist() == [rows[0]["value"]]


@pytest.mark.parametrize("text", ["", "   \n\t"])
def test_empty_text_is_refused(store, text):
    with pytest.raises(ValueError, match="empty text"):
        add_document(store, Document("empty", text))
    assert store.documents().empty


def _raise_in_extractor(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("extractor crashed")
    monkeypatch.setattr(load_module, "figure_rows", broken)
    return StoreError, None  # the extractor's failure is this document's: a StoreError saying so


def _figure_without_span(monkeypatch):
    rows = figure_rows(TROOPS.text, doc_id=TROOPS.doc_id)
    rows[-1] = {**rows[-1], "start": None}  # NOT NULL: refused after the document row is written
    return StoreError, rows


def _database_fails_at_commit_time(monkeypatch):
    def fail(connection):
        raise sa.exc.OperationalError("UPDATE store_state", {}, Exception("disk I/O error"))
    monkeypatch.setattr(store_module, "_bump", fail)  # the last write of the transaction
    return StoreError, None


@pytest.mark.parametrize("inject", [_raise_in_extractor, _figure_without_span,
                                    _database_fails_at_commit_time])
def test_a_failed_load_leaves_nothing_half_written(store, monkeypatch, inject):
    add_document(store, MONEY)
    before = (store.version(), store.documents()["doc_id"].tolist(), len(store.figures()))
    error, rows = inject(monkeypatch)
    with pytest.raises(error):
        add_document(store, TROOPS, rows)
    assert (store.version(), store.documents()["doc_id"].tolist(), len(store.figures())) == before
    with store.engine.connect() as connection:  # no orphan rows either
        assert connection.execute(sa.select(sa.func.count()).select_from(store_module.figures)).scalar() \
            == before[2]
    monkeypatch.undo()
    assert add_document(store, TROOPS).status == "added"


# -- reading ---------------------------------------------------------------------------------

def test_figures_read_back_exactly_as_extracted(store):
    for doc in (TROOPS, RANGE, MONEY):
        add_document(store, doc)
    stored = store.figures()
    expected = pd.concat([_expected_frame(doc) for doc in (TROOPS, RANGE, MONEY)], ignore_index=True)
    assert list(stored.columns) == [*COLUMNS, "content_hash", "corrected", "not_a_figure"]
    pd.testing.assert_frame_equal(stored[list(COLUMNS)], expected)
    assert stored["derived"].any() and stored["low"].notna().any()  # the texts cover both
    assert not stored["corrected"].any() and not stored["not_a_figure"].any()
    hashes = store.documents().set_index("doc_id")["content_hash"]
    assert (stored["content_hash"] == stored["doc_id"].map(hashes)).all()


def test_figures_of_an_empty_store_have_every_column_and_dtype(store):
    stored = store.figures()
    assert stored.empty
    assert {name: str(dtype) for name, dtype in stored.dtypes.items()} == {
        **{name: str(pd.Series(dtype=dtype).dtype) for name, dtype in COLUMNS.items()},
        "content_hash": "string", "corrected": "bool", "not_a_figure": "bool"}


def test_documents_list_metadata_counts_and_length_in_characters(store):
    before = datetime.now(UTC) - timedelta(seconds=5)
    add_document(store, MONEY)
    add_document(store, MASSED)
    docs = store.documents()
    assert list(docs.columns) == ["doc_id", "content_hash", "source", "published", "title", "url",
                                  "added_at", "n_figures", "text_length"]
    money = docs.iloc[0]
    assert (money["doc_id"], money["source"], money["published"], money["url"]) == (
        "aid-de", "Example Daily", "2022-02-26", "https://example.org/aid-de")
    assert pd.isna(money["title"])
    assert money["text_length"] == len(MONEY.text) < len(MONEY.text.encode("utf-8"))  # € and Cyrillic
    assert docs["n_figures"].tolist() == [len(figure_rows(d.text)) for d in (MONEY, MASSED)]
    assert str(docs["added_at"].dtype) == "datetime64[us, UTC]"
    assert (docs["added_at"] >= before).all()
    assert store.document_text("aid-de") == MONEY.text


def test_unknown_document_text_is_a_key_error(store):
    with pytest.raises(KeyError, match="nope"):
        store.document_text("nope")


def test_figures_frames_are_independent_and_see_other_writers(url):
    with Store(url) as reader, Store(url) as writer:
        add_document(writer, MASSED)
        first = reader.figures()
        first.loc[0, "value"] = -1.0
        assert reader.figures()["value"].tolist() == [100000.0]
        add_document(writer, RANGE)
        assert len(reader.figures()) == 2


def test_an_in_memory_store_is_one_database_for_every_thread():
    with Store("sqlite://") as store:
        add_document(store, MASSED)
        seen = []
        thread = threading.Thread(target=lambda: seen.append(len(store.figures())))
        thread.start()
        thread.join()
        assert seen == [1]


# -- corrections -----------------------------------------------------------------------------

#: (surface of a figure in MASSED, RANGE or MONEY, field, new value, column shown, expected, stored new_value)
CORRECTION_CASES = [
    ("100,000 troops", "value", 110000, "value", 110000.0, "110000.0"),
    ("100,000 troops", "value", "95000.5", "value", 95000.5, "95000.5"),
    ("100,000 troops", "unit", "soldier", "unit", "soldier", "soldier"),
    ("100,000 troops", "category", "military_unit", "category", "military_unit", "military_unit"),
    ("100,000 troops", "actor", " belarus ", "actor", "belarus", "belarus"),
    ("100,000 troops", "attributed_to", "US Department of Defense", "attributed_to",
     "US Department of Defense", "US Department of Defense"),
    ("100,000 troops", "attributed_to", "", "attributed_to", None, None),  # no one says it
    ("100,000 troops", "not_a_figure", True, "not_a_figure", True, "true"),
    ("10,000 and 15,000 troops", "not_a_figure", "yes", "not_a_figure", True, "true"),
    ("10,000 and 15,000 troops", "attributed_to", None, "attributed_to", None, None),
    ("€5m", "recipient", "ukraine", "recipient", "ukraine", "ukraine"),  # "to Україна"
    ("€5m", "recipient", "", "recipient", None, None),
    ("100,000 troops", "attributed_kind", "body", "attributed_kind", "body", "body"),  # the Pentagon
    ("100,000 troops", "attributed_kind", " Person ", "attributed_kind", "person", "person"),
    ("100,000 troops", "attributed_kind", "", "attributed_kind", None, None),
    ("100,000 troops", "attributed_country", "US", "attributed_country", "us", "us"),
    ("10,000 and 15,000 troops", "attributed_country", None, "attributed_country", None, None),
    ("€5m", "subtype", " Grant ", "subtype", "grant", "grant"),
    ("100,000 troops", "subtype", "", "subtype", None, None),
    ("100,000 troops", "role", "part", "role", "part", "part"),
    ("10,000 and 15,000 troops", "role", "Increment", "role", "increment", "increment"),
    ("100,000 troops", "as_of", "2022-02-24", "as_of", "2022-02-24", "2022-02-24"),
    ("100,000 troops", "as_of", " 2021-11-30 ", "as_of_precision", "day", "2021-11-30"),
    ("€5m", "as_of", "", "as_of", None, None),
    ("100,000 troops", "as_of", "2022-02", "as_of", "2022-02-01", "2022-02"),  # a month
    ("100,000 troops", "as_of", "2021", "as_of_precision", "year", "2021"),
    ("10,000 and 15,000 troops", "low", 11000, "low", 11000.0, "11000.0"),
    ("10,000 and 15,000 troops", "high", "", "high", None, None),  # the bound cleared
    ("100,000 troops", "high", "120,000", "high", 120000.0, "120000.0"),  # a misread "up to"
    ("100,000 troops", "approx", True, "approx", True, "true"),
    ("10,000 and 15,000 troops", "approx", "no", "approx", False, "false"),
    ("100,000 troops", "qualifier", " Approaching ", "qualifier", "approaching", "approaching"),
    ("10,000 and 15,000 troops", "qualifier", "", "qualifier", None, None),
]


@pytest.mark.parametrize("surface, field, value, column, expected, stored", CORRECTION_CASES)
def test_a_correction_applies_keeps_the_original_and_reverts(
        store, surface, field, value, column, expected, stored):
    add_document(store, MASSED)
    add_document(store, RANGE)
    add_document(store, MONEY)
    before = store.figures()
    figure = _figure(before, surface)
    key = store.add_correction(figure["content_hash"], figure["start"], figure["end"], field, value,
                               author="checker")
    after = store.figures()
    fixed = _figure(after, surface)
    assert (None if pd.isna(fixed[column]) else fixed[column]) == expected
    assert fixed["corrected"]
    others = after["surface"] != surface
    assert not after.loc[others, "corrected"].any()
    pd.testing.assert_frame_equal(after[others], before[others])
    assert len(after) == len(before)  # "not a figure" rows stay, flagged

    log = store.corrections()
    assert list(log.columns) == ["id", "content_hash", "start", "end", "field", "old_value",
                                 "new_value", "author", "created_at", "reverted_at", "original_start",
                                 "original_end", "orphaned_at"]
    row = log.iloc[0]
    assert (row["id"], row["field"], row["author"]) == (key, field, "checker")
    assert (None if pd.isna(row["new_value"]) else row["new_value"]) == stored
    extracted = _figure(before, surface)[field]
    shown_original = "false" if field == "not_a_figure" else None if pd.isna(extracted) else (
        repr(float(extracted)) if field in ("value", "low", "high") else
        ("true" if extracted else "false") if field == "approx" else extracted)
    assert (None if pd.isna(row["old_value"]) else row["old_value"]) == shown_original
    assert pd.isna(row["reverted_at"])

    store.revert_correction(key)
    pd.testing.assert_frame_equal(store.figures(), before)
    log = store.corrections()
    assert len(log) == 1 and pd.notna(log.iloc[0]["reverted_at"])  # kept, marked


#: (field, value, error, words in the message)
BAD_CORRECTIONS = [
    ("surface", "100k troops", ValueError, "cannot correct 'surface'"),
    ("value", "a lot", ValueError, "must be a number"),
    ("value", float("nan"), ValueError, "finite"),
    ("value", None, ValueError, "must be a number"),
    ("category", "weather", ValueError, "unknown category"),
    ("category", "", ValueError, "unknown category"),
    ("not_a_figure", "maybe", ValueError, "true or false"),
    ("unit", 5, ValueError, "must be text"),
    ("attributed_kind", "government", ValueError, "unknown kind of source 'government'"),
    ("attributed_kind", "people", ValueError, "one of: person, body, country, media"),
    ("attributed_country", 44, ValueError, "must be text"),
    ("attribution_text", "the Pentagon", ValueError, "cannot correct 'attribution_text'"),
    ("subtype", "murdered", ValueError, "unknown subtype 'murdered'"),
    ("role", "", ValueError, "unknown role"),
    ("role", "sum", ValueError, "one of: total, part, increment"),
    ("as_of", "2022-13-01", ValueError, "no such day"),
    ("as_of", "2022-02-29", ValueError, "no such day"),
    ("as_of", "24 February 2022", ValueError, "YYYY-MM-DD"),
    ("as_of", "2022-2", ValueError, "YYYY-MM-DD"),
    ("as_of", "2022-02-", ValueError, "YYYY-MM-DD"),
    ("as_of", "2022-00", ValueError, "no such month"),
    ("as_of", "20220224", ValueError, "YYYY-MM-DD"),
    ("as_of", 20220224, ValueError, "must be text"),
    ("as_of_precision", "day", ValueError, "cannot correct 'as_of_precision'"),
    ("low", "some", ValueError, "low must be a number"),
    ("high", float("inf"), ValueError, "finite"),
    ("approx", "perhaps", ValueError, "approx must be true or false"),
    ("qualifier", 3, ValueError, "must be text"),
]


@pytest.mark.parametrize("field, value, error, words", BAD_CORRECTIONS)
def test_bad_corrections_are_refused_and_write_nothing(store, field, value, error, words):
    add_document(store, MASSED)
    figure = store.figures().iloc[0]
    version = store.version()
    with pytest.raises(error, match=words):
        store.add_correction(figure["content_hash"], figure["start"], figure["end"], field, value)
    assert store.corrections().empty and store.version() == version


def test_a_correction_needs_a_stored_figure_and_a_revert_a_stored_correction(store):
    result = add_document(store, MASSED)
    with pytest.raises(KeyError, match="no figure at 0-6"):
        store.add_correction(result.content_hash, 0, 6, "value", 1)
    with pytest.raises(KeyError, match="no figure"):
        store.add_correction("0" * 64, 18, 32, "value", 1)
    with pytest.raises(KeyError, match="no correction 42"):
        store.revert_correction(42)
    assert store.corrections().empty


def test_the_newest_correction_wins_and_reverting_it_uncovers_the_one_before(store):
    result = add_document(store, MASSED)
    first = store.add_correction(result.content_hash, 18, 32, "value", 110000, author="a")
    second = store.add_correction(result.content_hash, 18, 32, "value", 120000, author="b")
    store.add_correction(result.content_hash, 18, 32, "unit", "soldier", author="b")
    assert store.figures()[["value", "unit"]].values.tolist() == [[120000.0, "soldier"]]
    store.revert_correction(second)
    assert store.figures()[["value", "unit"]].values.tolist() == [[110000.0, "soldier"]]
    store.revert_correction(first)
    assert store.figures()[["value", "unit", "corrected"]].values.tolist() == [[100000.0, "soldier", True]]
    assert store.corrections()["old_value"].tolist() == ["100000.0", "100000.0", "troop"]


#: A new value for the range 10,000-15,000 (midpoint 12,500) -> (low, high) shown.
RANGE_VALUE_CASES = [
    (12000, (10000.0, 15000.0)),  # inside: the bounds still hold
    (15000, (10000.0, 15000.0)),
    (20000, (None, None)),  # outside: bounds that exclude the value are dropped
    (9000, (None, None)),
]


@pytest.mark.parametrize("value, bounds", RANGE_VALUE_CASES)
def test_a_corrected_value_outside_a_range_drops_its_bounds(store, value, bounds):
    result = add_document(store, RANGE)
    figure = _figure(store.figures(), "10,000 and 15,000 troops")
    store.add_correction(result.content_hash, figure["start"], figure["end"], "value", value)
    fixed = _figure(store.figures(), "10,000 and 15,000 troops")
    shown = tuple(None if pd.isna(fixed[name]) else fixed[name] for name in ("low", "high"))
    assert (fixed["value"], shown) == (float(value), bounds)


def test_a_correction_belongs_to_one_text_not_to_a_span_in_every_text(store):
    """Two texts with the figure at the same span: correcting one leaves the other."""
    a = add_document(store, Document("a", "Russia has massed 100,000 troops near Kharkiv."))
    add_document(store, Document("b", "Russia has massed 100,000 troops near Belgorod."))
    store.add_correction(a.content_hash, 18, 32, "value", 90000)
    shown = store.figures().set_index("doc_id")
    assert shown.loc["a", "value"] == 90000.0 and shown.loc["a", "corrected"]
    assert shown.loc["b", "value"] == 100000.0 and not shown.loc["b", "corrected"]


def test_corrections_apply_again_after_reextraction(store, monkeypatch):
    result = add_document(store, TROOPS)
    figure = _figure(store.figures(), "800 troops")
    store.add_correction(result.content_hash, figure["start"], figure["end"], "not_a_figure", True)
    store.add_correction(result.content_hash, figure["start"], figure["end"], "value", 700)
    rows = figure_rows(TROOPS.text, doc_id=TROOPS.doc_id)

    def new_extractor(text, **meta):  # finds the same spans in another order, and one more
        return [{**rows[0], "start": 0, "end": 9, "surface": text[:9]}, *reversed(rows)]

    monkeypatch.setattr(load_module, "figure_rows", new_extractor)
    assert reextract(store) == len(rows) + 1
    shown = store.figures()
    assert len(shown) == len(rows) + 1
    fixed = _figure(shown, "800 troops")
    assert (fixed["value"], fixed["not_a_figure"], fixed["corrected"]) == (700.0, True, True)
    assert shown["corrected"].sum() == 1
    assert len(store.corrections()) == 2


def test_reextract_one_document(store):
    add_document(store, TROOPS)
    add_document(store, MONEY)
    assert reextract(store, "aid-de") == len(figure_rows(MONEY.text))
    pd.testing.assert_frame_equal(
        store.figures()[list(COLUMNS)],
        pd.concat([_expected_frame(TROOPS), _expected_frame(MONEY)], ignore_index=True))
    with pytest.raises(KeyError, match="nope"):
        reextract(store, "nope")


# -- version ---------------------------------------------------------------------------------

def test_version_changes_with_every_write_and_only_then(store):
    def changes(action) -> bool:
        before = store.version()
        action()
        return store.version() != before

    added = add_document(store, MASSED)
    fix = [None]
    steps = [  # (what, changes the version?)
        (lambda: add_document(store, RANGE), True),
        (lambda: add_document(store, RANGE), False),  # duplicate
        (lambda: (store.figures(), store.documents(), store.corrections()), False),
        (lambda: fix.__setitem__(0, store.add_correction(added.content_hash, 18, 32, "value", 1)), True),
        (lambda: store.revert_correction(fix[0]), True),
        (lambda: store.revert_correction(fix[0]), False),  # already reverted
        (lambda: reextract(store, "massed"), True),
    ]
    assert [changes(action) for action, _ in steps] == [expected for _, expected in steps]


# -- several writers -----------------------------------------------------------------------

def test_writers_at_the_same_time_store_each_text_once(url):
    """Four processes' worth of stores load the same texts in different orders, at once."""
    texts = [f"Russia has massed {n},000 troops near the border." for n in (90, 100, 120, 130, 175)]
    docs = [Document("brief", text) for text in texts]  # one wanted id: each race is for it too
    results, errors = [], []

    def load(order):
        try:
            with Store(url) as store:
                results.extend(add_document(store, docs[i]) for i in order)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    orders = [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 4, 1, 3], [1, 3, 0, 4, 2]]
    threads = [threading.Thread(target=load, args=(order,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    added = [r for r in results if r.status == "added"]
    assert sorted(r.content_hash for r in added) == sorted({r.content_hash for r in results})
    assert len(added) == len(texts)
    with Store(url) as store:
        assert sorted(store.documents()["doc_id"]) == ["brief", "brief:2", "brief:3", "brief:4", "brief:5"]
        assert len(store.figures()) == len(texts)


def test_document_count_counts_without_reading_rows(tmp_path):
    from tracker.sources.document import Document
    from tracker.store.store import Store

    with Store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        assert store.document_count() == 0
        add_document(store, Document("a", "Russia has 5,000 troops."))
        add_document(store, Document("b", "Russia has 5,000 troops."))  # a duplicate
        add_document(store, Document("c", "Kyiv asked for 300 tanks."))
        assert store.document_count() == 2 == len(store.documents())


# -- SQLite readers during a write -----------------------------------------------------

def test_sqlite_readers_do_not_wait_for_a_long_write(tmp_path):
    import sqlite3
    import time

    url = f"sqlite:///{tmp_path / 'busy.db'}"
    with Store(url) as store:
        add_document(store, TROOPS)
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        writer = sqlite3.connect(tmp_path / "busy.db", isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")  # another process's ingest, mid-transaction
        writer.execute("UPDATE store_state SET version = version + 1")
        started = time.monotonic()
        errors = []

        def read():
            try:
                for _ in range(20):
                    store.figures(), store.documents(), store.version(), store.document_count()
            except Exception as error:  # noqa: BLE001
                errors.append(error)
        threads = [threading.Thread(target=read) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors and time.monotonic() - started < 10
        writer.execute("COMMIT")
        writer.close()
        add_document(store, MASSED)  # and writing goes on after


def test_a_read_still_locked_after_retries_is_a_plain_store_error(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'locked.db'}"
    with Store(url) as store:
        calls = []
        real = store.engine.connect

        def locked():
            calls.append(1)
            if len(calls) < 3:  # locked twice, then free
                raise sa.exc.OperationalError("SELECT version FROM store_state", {},
                                              Exception("database is locked"))
            return real()
        monkeypatch.setattr(store_module.time, "sleep", lambda seconds: None)
        monkeypatch.setattr(store.engine, "connect", locked)
        assert store.version() >= 0 and len(calls) == 3
        calls.clear()
        monkeypatch.setattr(store.engine, "connect", lambda: (_ for _ in ()).throw(
            sa.exc.OperationalError("SELECT version FROM store_state", {}, Exception("database is locked"))))
        with pytest.raises(StoreError) as error:
            store.version()
        assert str(error.value) == f"cannot read the version from {store.url}: database is locked"
        assert "SELECT" not in str(error.value)


def test_opening_a_database_that_is_locked_a_moment_is_tried_again(tmp_path, monkeypatch):
    """SQLite may refuse a lock without waiting while other connections open the same new file:
    opening tries again instead of failing, and still fails when the lock stays."""
    import sqlite3

    import tracker.store.store as store_module

    real, calls = store_module._upgrade, []

    def locked_once(connection):
        calls.append(1)
        if len(calls) == 1:
            raise sa.exc.OperationalError("PRAGMA", {}, sqlite3.OperationalError("database is locked"))
        real(connection)

    monkeypatch.setattr(store_module, "_upgrade", locked_once)
    monkeypatch.setattr(store_module.time, "sleep", lambda s: None)
    with store_module.Store(f"sqlite:///{tmp_path / 'a.db'}") as store:
        assert store.document_count() == 0
    assert len(calls) == 2

    def always_locked(connection):
        raise sa.exc.OperationalError("PRAGMA", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(store_module, "_upgrade", always_locked)
    with pytest.raises(store_module.StoreError, match="locked"):
        store_module.Store(f"sqlite:///{tmp_path / 'b.db'}")
