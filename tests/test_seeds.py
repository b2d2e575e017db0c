"""The seed corpus: every article has its metadata, and the demo briefs give the compare view
estimates of Russian troops from several sources on several dates (seeds/README.md)."""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pytest

import tracker

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
DEMO = SEEDS / "demo"
KEYS = {"doc_id", "file", "title", "source", "published", "url", "note"}
ARTICLES = sorted(SEEDS.rglob("*.txt"))
BRIEFS = sorted(DEMO.glob("*.txt"))


def meta(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def figures(path: Path) -> pd.DataFrame:
    info = meta(path)
    return tracker.extract_figures(path.read_text(encoding="utf-8"), doc_id=info["doc_id"],
                                   source=info["source"], published=info["published"],
                                   title=info["title"], url=info["url"])


def test_demo_corpus_size():
    assert 12 <= len(BRIEFS) <= 16
    assert len({path.stem[:3] for path in BRIEFS}) == len(BRIEFS), "NNN prefixes are unique"


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_every_article_has_metadata(path: Path):
    assert path.with_suffix(".json").exists(), f"{path.name} has no .json"
    info = meta(path)
    assert KEYS <= info.keys(), KEYS - info.keys()
    assert info["doc_id"] == path.stem
    assert info["file"] == path.name
    assert info["title"].strip() and info["source"].strip() and info["note"].strip()
    assert dt.date.fromisoformat(info["published"]).isoformat() == info["published"]
    # The original seed article's link was not recorded (its note says so); every brief has one.
    if path.parent == DEMO or info["url"] is not None:
        assert info["url"].startswith(("http://", "https://")), info["url"]


@pytest.mark.parametrize("path", BRIEFS, ids=lambda p: p.stem)
def test_brief_is_short_and_yields_figures(path: Path):
    assert 60 <= len(path.read_text(encoding="utf-8").split()) <= 150
    assert len(figures(path)) >= 1, f"no figure found in {path.name}"


@pytest.mark.parametrize("path", BRIEFS, ids=lambda p: p.stem)
def test_readme_lists_each_brief_with_its_link(path: Path):
    readme = (SEEDS / "README.md").read_text(encoding="utf-8")
    assert path.name in readme and meta(path)["url"] in readme


def test_troop_estimates_come_from_several_sources_on_several_dates():
    frame = pd.concat([figures(path) for path in BRIEFS], ignore_index=True)
    troops = frame[(frame["category"] == "personnel") & (frame["unit"] == "troop")
                   & (frame["actor"] == "russia")]
    attributed = troops.dropna(subset=["attributed_to"])
    assert attributed["attributed_to"].nunique() >= 3, attributed["attributed_to"].unique()
    assert attributed["published"].nunique() >= 4, attributed["published"].unique()
