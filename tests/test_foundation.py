"""The project's foundation: README's first commands, .ci/run, and the dashboard starts."""
from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def readme_first_commands() -> list[str]:
    """The command lines of the README's first code block (which must come right after the title)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.match(r"# [^\n]+\n+```[a-z]*\n(.*?)\n```", text, re.S)
    assert match, "README.md must start with a one-line title and then a code block of commands"
    return [line.strip() for line in match.group(1).splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def test_readme_starts_with_install_and_test_commands():
    setup, test = readme_first_commands()
    assert "requirements.txt" in setup and "streamlit run dashboard.py" in setup
    assert "pytest" in test


def test_ci_runs_the_readme_test_command():
    test_command = readme_first_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_lines = [line.strip() for line in ci.splitlines() if not line.lstrip().startswith("#")]
    assert test_command in ci_lines
    assert "pip install" in ci and "requirements.txt" in ci


def test_requirements_are_pinned():
    lines = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    pins = [line for line in lines if line]
    assert pins and all(re.fullmatch(r"[A-Za-z0-9_.\-]+(\[[a-z,]+\])?==[\w.]+", pin) for pin in pins), pins


def test_dashboard_runs_without_exception(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_DB_URL", f"sqlite:///{tmp_path / 'tracker.db'}")  # not the repo's tracker.db
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    assert not app.exception, app.exception
    assert app.dataframe, "the dashboard shows the figures in a table"
