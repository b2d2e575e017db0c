"""Shared test setup.

The project is not packaged (see pyproject.toml): it runs from the repository root. With
``python -m pytest`` the root is on ``sys.path`` already; with the ``pytest`` console script
(``.venv/bin/pytest``) it is not, so ``import tracker`` would fail at collection. Put it there.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def main_module_restored():
    """Streamlit's AppTest runs the dashboard as ``sys.modules["__main__"]`` and leaves it there.
    A process started later with spawn (Dask's workers) re-imports ``__main__``, so it would run
    the dashboard again and open the default store (``tracker.db`` in the working directory).
    Every test ends with the ``__main__`` it started with."""
    main = sys.modules.get("__main__")
    yield
    if main is not None:
        sys.modules["__main__"] = main
