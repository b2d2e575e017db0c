"""Alembic environment: upgrade the store's database on the connection it is given.

:class:`tracker.store.Store` passes its open connection in ``config.attributes["connection"]``
and runs ``upgrade head`` inside its own transaction. From the ``alembic`` command line
(``-c tracker/store/migrations/alembic.ini``) there is no connection, and the database is the one
:func:`tracker.config.resolve_db_url` names.
"""
from __future__ import annotations

from alembic import context

from tracker.config import resolve_db_url
from tracker.store.store import metadata, open_engine


def run_migrations(config) -> None:
    """Run the pending migrations in one transaction."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = open_engine(resolve_db_url(config.get_main_option("sqlalchemy.url")))
    try:
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


# Outside a migration run (e.g. pytest's doctest collection imports this file) there is no
# config, and nothing to run.
_config = getattr(context, "config", None)
if _config is not None:
    run_migrations(_config)
