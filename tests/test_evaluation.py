"""The extractor scored on the shared gold data: the seed article and NewsQuant.

Both live in ../shared (read-only, not part of the repository); without it these tests skip
with a reason, so a fresh clone's tests pass on their own. The NewsQuant text is only read
from there, never copied into the project.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

import tracker

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
needs_shared = pytest.mark.skipif(not (SHARED / "seed_gold.json").exists(),
                                  reason="../shared/eval is not here (a fresh clone)")


def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@needs_shared
def test_seed_article_scores_perfectly():
    scorer = _module(SHARED / "score_figures.py", "score_figures")
    gold = scorer.load_gold(SHARED / "seed_gold.json")
    frames = [tracker.extract_figures(doc["text"], doc_id=doc["id"]) for doc in gold]
    pred = tracker.extract_corpus([{"text": d["text"], "doc_id": d["id"]} for d in gold])
    assert len(pred) == sum(len(f) for f in frames)
    pred["doc_id"] = pred["doc_id"].astype(str)
    result = scorer.score(gold, pred.astype(object).where(pred.notna(), None))
    assert result["errors"] == []
    for key in ("f1", "unit_accuracy", "category_accuracy", "bounds_accuracy", "actor_accuracy",
                "attribution_accuracy", "derived_recall"):
        assert result[key] == pytest.approx(1.0), key
    assert result["false_positives_on_non_figures"] == 0


@needs_shared
@pytest.mark.skipif(not (SHARED / "newsquant" / "newsquant.jsonl").exists(), reason="no NewsQuant")
def test_newsquant_value_f1_at_least_90():
    evaluation = _module(ROOT / "benchmarks" / "newsquant_eval.py", "newsquant_eval")
    scorer = evaluation.load_scorer()
    gold = scorer.load_jsonl(SHARED / "newsquant" / "newsquant.jsonl")
    predictions, _ = evaluation.predict(gold)
    scores = {row["type"]: row for row in scorer.score(gold, {p["id"]: p["quantities"] for p in predictions})}
    assert scores["value"]["F1"] >= 90.0
    assert scores["value+unit"]["F1"] >= 80.0


@pytest.mark.skipif(not (SHARED / "dev" / "gold.jsonl").exists(), reason="no ../shared/eval/dev")
def test_dev_set_claims():
    """The development set (40 real passages, read from ../shared, never copied here): whose
    each figure is and who states it, across sentences, what it counts, by the annotation rules of its README."""
    import json

    scorer = _module(SHARED / "score_figures.py", "score_figures")
    gold = scorer.load_gold(SHARED / "dev" / "gold.jsonl")
    passages = [json.loads(line) for line in (SHARED / "dev" / "passages.jsonl").read_text().splitlines()]
    pred = tracker.extract_corpus([{"text": p["text"], "doc_id": p["id"], "source": p["outlet"],
                                    "published": p["published"]} for p in passages])
    pred["doc_id"] = pred["doc_id"].astype(str)
    result = scorer.score(gold, pred.astype(object).where(pred.notna(), None))
    # What "Claims, part 2" asks (unit, category, bounds, F1), and no lower than part 1 reached
    # for actor (0.905) and attribution (0.897).
    assert result["f1"] >= 0.93
    assert result["unit_accuracy"] >= 0.92
    assert result["category_accuracy"] >= 0.92
    assert result["bounds_accuracy"] >= 0.96
    assert result["actor_accuracy"] >= 0.905
    assert result["attribution_accuracy"] >= 0.897
