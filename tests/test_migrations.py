"""The store's schema migrations on a database made by an older tracker: on a SQLite file and,
when ``TRACKER_TEST_PG_URL`` is set, on a fresh Postgres database (the ``url`` fixture of
``test_store``).

A database is brought to revision 0001 with Alembic's command API (on one connection in one
transaction, as :class:`tracker.store.Store` runs them), filled the way the tracker of that
revision filled it (documents, their figures as the extractor gave them, a correction), and
then opened with the current code, which upgrades it in place. The texts are those of
``test_store`` (early-2022 troop and aid reports).
"""
from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest
import sqlalchemy as sa

import tracker.store.store as store_module
from test_store import MASSED, MONEY, TROOPS, url  # noqa: F401 - url: SQLite file, Postgres
from tracker.extract.figures import figure_rows
from tracker.schema import COLUMNS, STRING_DTYPE, figure_id, to_frame
from tracker.sources.document import Document
from tracker.store.store import Store

#: What revisions 0002 and 0003 add to ``figures``, in the order of COLUMNS.
ADDED_0002 = ["recipient", "attributed_kind", "attributed_country", "attribution_text"]
ADDED_0003 = ["subtype", "role", "as_of", "as_of_precision", "as_of_text"]
NEW_COLUMNS = ADDED_0002 + ADDED_0003
HEAD = "0005"
OLD_DOCUMENTS = [TROOPS, MONEY, MASSED]


def migrate(url: str, action: str, revision: str) -> None:  # noqa: F811
    """``alembic upgrade|downgrade revision`` on ``url``, as the store runs its migrations."""
    from alembic import command
    from alembic.config import Config

    engine = store_module.open_engine(url)
    try:
        with engine.begin() as connection:
            config = Config()
            config.set_main_option("script_location", str(store_module.MIGRATIONS))
            config.set_main_option("path_separator", "os")
            config.attributes["connection"] = connection
            getattr(command, action)(config, revision)
    finally:
        engine.dispose()


def figure_columns(url: str) -> list[str]:  # noqa: F811
    engine = store_module.open_engine(url)
    try:
        with engine.connect() as connection:
            return [column["name"] for column in sa.inspect(connection).get_columns("figures")]
    finally:
        engine.dispose()


def fill_as_revision_0001(url: str) -> None:  # noqa: F811
    """Documents, figures and one correction (a unit) written into the tables of revision 0001."""
    engine = store_module.open_engine(url)
    try:
        with engine.begin() as connection:
            tables = sa.MetaData()
            tables.reflect(connection)
            documents, figures = tables.tables["documents"], tables.tables["figures"]
            kept = [c.name for c in figures.columns if c.name not in ("id", "document_id")]
            for doc in OLD_DOCUMENTS:
                key = connection.execute(documents.insert().values(
                    doc_id=doc.doc_id, content_hash=doc.content_hash, source=doc.source,
                    published=doc.published, title=doc.title, url=doc.url, text=doc.text,
                    added_at=datetime.now(UTC))).inserted_primary_key[0]
                rows = [{**{name: row.get(name) for name in kept}, "document_id": key,
                         "figure_id": figure_id(doc.doc_id, row["start"], row["end"], row["derived"])}
                        for row in figure_rows(doc.text, doc_id=doc.doc_id)]
                connection.execute(figures.insert(), rows)
            connection.execute(tables.tables["corrections"].insert().values(
                content_hash=MASSED.content_hash, start=18, end=32, field="unit", old_value="troop",
                new_value="soldier", author="ed", created_at=datetime.now(UTC)))
            connection.execute(tables.tables["store_state"].update().values(version=7))
    finally:
        engine.dispose()


def expected_figures() -> pd.DataFrame:
    """The figures of OLD_DOCUMENTS as revision 0001 held them: nothing in the new columns."""
    frame = pd.concat([to_frame(figure_rows(doc.text, doc_id=doc.doc_id, source=doc.source,
                                            published=doc.published, url=doc.url, title=doc.title))
                       for doc in OLD_DOCUMENTS], ignore_index=True)
    for name in NEW_COLUMNS:
        frame[name] = pd.array([None] * len(frame), dtype=STRING_DTYPE)
    frame.loc[frame["surface"] == "100,000 troops", "unit"] = "soldier"  # the correction
    return frame


@pytest.fixture
def old_database(url):  # noqa: F811
    """A database at revision 0001 with documents, figures and a correction in it."""
    migrate(url, "upgrade", "0001")
    assert not set(NEW_COLUMNS) & set(figure_columns(url))
    fill_as_revision_0001(url)
    return url


def test_opening_a_revision_0001_database_upgrades_it_in_place_and_keeps_everything(old_database):
    with Store(old_database) as store:
        with store.engine.connect() as connection:
            stamped = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one()
            filled = connection.execute(sa.select(sa.func.count()).select_from(store_module.figures).where(
                sa.or_(*(store_module.figures.c[name].is_not(None) for name in NEW_COLUMNS)))).scalar_one()
        assert stamped == HEAD
        assert store.version() == 7  # migrating is not a write of figures: caches stay valid
        assert store.documents()["doc_id"].tolist() == [doc.doc_id for doc in OLD_DOCUMENTS]
        assert [store.document_text(doc.doc_id) for doc in OLD_DOCUMENTS] == [d.text for d in OLD_DOCUMENTS]
        stored = store.figures()
        pd.testing.assert_frame_equal(stored[list(COLUMNS)], expected_figures())
        assert filled == 0
        assert stored["corrected"].sum() == 1
        log = store.corrections()
        assert log[["field", "old_value", "new_value", "author"]].values.tolist() == [
            ["unit", "troop", "soldier", "ed"]]
    assert set(NEW_COLUMNS) <= set(figure_columns(old_database))


def test_an_upgraded_database_takes_the_new_columns(old_database):
    with Store(old_database) as store:
        old = store.figures().set_index("surface").loc["100,000 troops"]
        store.add_correction(old["content_hash"], old["start"], old["end"], "attributed_kind", "body")
        rows = [{**row, "recipient": "ukraine", "attributed_to": "germany", "attributed_kind": "country",
                 "attributed_country": "germany", "attribution_text": "Germany"}
                for row in figure_rows("Germany pledged €500m in aid to Ukraine.")]
        store.add_document(Document("aid-500m", "Germany pledged €500m in aid to Ukraine."), rows)
        frame = store.figures().set_index("surface")
        assert frame.loc["100,000 troops", "attributed_kind"] == "body"  # corrected: a null that was stored
        assert frame.loc["€500m", ADDED_0002].tolist() == ["ukraine", "country", "germany", "Germany"]
        assert frame.loc["€500m", "role"] == "total"  # what the extractor gives where the text says nothing


def test_downgrading_to_0001_drops_only_the_new_columns(url):  # noqa: F811
    with Store(url) as store:
        store.add_document(MASSED, [{**row, "recipient": "ukraine"} for row in figure_rows(MASSED.text)])
        count = len(store.figures())
    migrate(url, "downgrade", "0001")
    assert not set(NEW_COLUMNS) & set(figure_columns(url))
    with Store(url) as store:  # upgraded again: the figures are there, the new columns empty
        frame = store.figures()
        assert len(frame) == count and frame["recipient"].isna().all()
        assert frame["surface"].tolist() == ["100,000 troops"]
