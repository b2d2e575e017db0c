"""What a start loads: extraction, and `python -m tracker extract`, leave out what they do not
use (the store's SQLAlchemy), and give lemminflect tables that are read a word at a time. Each
check runs in a fresh interpreter, where nothing an earlier test imported is loaded yet."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize("imports", [
    "import tracker",
    "import tracker.cli, tracker.batch.engines",  # what `python -m tracker extract` loads
])
def test_extraction_does_not_load_the_store(imports):
    out = _run(f"{imports}\nimport sys, tracker\n"
               "tracker.extract_figures('Officials said 300 troops had arrived.')\n"
               "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))")
    assert out == "[]"


def test_lemminflect_tables_are_read_a_word_at_a_time():
    out = _run("import tracker, lemminflect\n"
               "from lemminflect.core.Lemmatizer import Lemmatizer\n"
               "from lemminflect.core.Inflections import Inflections\n"
               "rows = tracker.extract_figures('Officials said 300 troops had seized the town.')\n"
               "print(type(Lemmatizer().lemma_dict).__name__, type(Inflections().infl_dict).__name__, len(rows))")
    assert out == "LookupTable LookupTable 1"
