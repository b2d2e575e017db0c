"""Where the database URL comes from (tracker.config): argument, environment, secrets file, default."""
from __future__ import annotations

import pytest

from tracker.config import ConfigError, resolve_db_url

# -- resolve_db_url --------------------------------------------------------------------------

SECRETS = '[connections.tracker]\nurl = "postgresql+psycopg://secret-host/tracker"\n'

#: (explicit, TRACKER_DB_URL, .streamlit/secrets.toml, expected)
RESOLVE_CASES = [
    ("sqlite:///given.db", "sqlite:///env.db", SECRETS, "sqlite:///given.db"),
    (None, "sqlite:///env.db", SECRETS, "sqlite:///env.db"),
    (None, None, SECRETS, "postgresql+psycopg://secret-host/tracker"),
    (None, "  ", SECRETS, "postgresql+psycopg://secret-host/tracker"),  # blank variable: unset
    (None, None, '[connections.other]\nurl = "sqlite:///other.db"\n', "sqlite:///tracker.db"),
    (None, None, '[connections.tracker]\nurl = ""\n', "sqlite:///tracker.db"),
    (None, None, None, "sqlite:///tracker.db"),
    ("", None, None, "sqlite:///tracker.db"),
]


@pytest.mark.parametrize("explicit, env, secrets, expected", RESOLVE_CASES)
def test_resolve_db_url(explicit, env, secrets, expected, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    if env is None:
        monkeypatch.delenv("TRACKER_DB_URL", raising=False)
    else:
        monkeypatch.setenv("TRACKER_DB_URL", env)
    if secrets is not None:
        (tmp_path / ".streamlit").mkdir()
        (tmp_path / ".streamlit" / "secrets.toml").write_text(secrets, encoding="utf-8")
    assert resolve_db_url(explicit) == expected


def test_unreadable_secrets_file_is_a_config_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRACKER_DB_URL", raising=False)
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text("[connections.tracker\nurl = 1", encoding="utf-8")
    with pytest.raises(ConfigError, match="secrets.toml"):
        resolve_db_url()
