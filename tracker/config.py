"""Where the store's database is: the one place that reads the environment and secrets file.

Nothing here opens a connection; :class:`tracker.store.Store` takes the URL this gives.
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path

#: Where the app's database is when nothing else is said (relative to the working directory).
DEFAULT_URL = "sqlite:///tracker.db"

#: The environment variable that names the database.
DB_URL_ENV = "TRACKER_DB_URL"


class ConfigError(Exception):
    """The configuration cannot be read; the message says which file and why."""


def resolve_db_url(explicit: str | None = None) -> str:
    """The database URL to use: the first one given of these.

    1. ``explicit``;
    2. the environment variable ``TRACKER_DB_URL``;
    3. ``url`` in the ``[connections.tracker]`` table of ``.streamlit/secrets.toml`` in the
       current working directory;
    4. ``sqlite:///tracker.db`` (a file in the current working directory).

    Parameters
    ----------
    explicit : str, optional
        A SQLAlchemy URL, e.g. ``postgresql+psycopg://user:password@host/dbname``.

    Returns
    -------
    str

    Raises
    ------
    ConfigError
        If ``.streamlit/secrets.toml`` is consulted and cannot be read as TOML.

    Examples
    --------
    >>> resolve_db_url("sqlite:///elsewhere.db")
    'sqlite:///elsewhere.db'
    """
    if explicit and explicit.strip():
        return explicit.strip()
    from_env = os.environ.get(DB_URL_ENV, "").strip()
    if from_env:
        return from_env
    return _secrets_url(Path(".streamlit") / "secrets.toml") or DEFAULT_URL


def _secrets_url(secrets: Path) -> str | None:
    """``[connections.tracker] url`` of a Streamlit secrets file, if it has one."""
    if not secrets.is_file():
        return None
    try:
        data = tomllib.loads(secrets.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"cannot read {secrets}: {error}") from None
    section = data.get("connections", {})
    section = section.get("tracker", {}) if isinstance(section, dict) else {}
    url = section.get("url") if isinstance(section, dict) else None
    return url.strip() if isinstance(url, str) and url.strip() else None
