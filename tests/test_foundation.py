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


#: Longest function body, in lines, in tracker/ and app_pages/ (a longer one is split into named steps).
MAX_FUNCTION_LINES = 80


def long_functions(root: Path, folders: list[str], limit: int) -> list[str]:
    """``path:line name (lines)`` of every function longer than ``limit`` lines, def to last line."""
    import ast

    found = []
    for folder in folders:
        for path in sorted((root / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    lines = node.end_lineno - node.lineno + 1
                    if lines > limit:
                        found.append(f"{path.relative_to(root).as_posix()}:{node.lineno} {node.name} ({lines})")
    return found


def test_long_functions_are_found(tmp_path):
    (tmp_path / "m.py").write_text("def short():\n    return 1\n\n\ndef long():\n" + "    x = 1\n" * 5,
                                   encoding="utf-8")
    assert long_functions(tmp_path, ["."], 4) == ["m.py:5 long (6)"]


def test_no_function_is_over_80_lines():
    assert long_functions(ROOT, ["tracker", "app_pages"], MAX_FUNCTION_LINES) == []


def test_import_rules_are_checked_by_ci():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "lint-imports" in ci
    assert "[tool.importlinter]" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_readme_lists_the_columns_in_order():
    """The README's Python API section names every column of the table, in order."""
    from tracker.schema import COLUMNS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = re.search(r"when empty \(`tracker/schema.py`, `COLUMNS`\): `([^`]+)`", readme)
    assert listed and listed.group(1).split() == list(COLUMNS)
