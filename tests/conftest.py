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
