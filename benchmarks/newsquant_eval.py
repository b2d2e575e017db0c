"""Score the extractor on NewsQuant (../shared/eval/newsquant), beside quantulum3.

    python benchmarks/newsquant_eval.py [--errors N] [--out predictions.jsonl]

Runs `tracker.extract_figures` on each of the 590 sentences, maps our units to NewsQuant's unit
names by general rules only (below), writes the predictions and scores them with the
benchmark's own scorer (score.py), then scores the quantulum3 baseline predictions shipped
with the benchmark the same way.

Unit mapping (evaluation only; the extractor's units stay as they are):
- money: the ISO code's currency name in quantulum3's unit table (its first name for the
  code, e.g. USD -> "dollar"), else the name in tracker/extract/lexicons/currencies.csv;
- percent -> "percentage" (quantulum3's name for "%");
- a unit of measure -> quantulum3's name for it where quantulum3 knows the unit by that symbol
  or name ("km" -> "kilometre"), else as it is;
- a count: its object (the noun phrase counted) as NewsQuant writes counted nouns: content
  words lower-cased, adjectives in their base form, the head noun singular, participles and
  "and"/"or" left out ("two smaller tenancies" -> "small tenancy", "300 recorded songs" ->
  "song"); a one-word object is our unit as it is; "person" -> "people" (NewsQuant counts
  people as "people");
- no unit -> "-";
- a share written as a fraction or ratio ("a third of the homes", "one in five adults"; a
  percent figure written in words only, with no percent word): NewsQuant writes it as a ratio (0.333) with
  the unit "% " and the whole ("% home"; "% -" when the whole is not written after it).
Derived figures are not quantities written in the text and are left out. A vague amount
("hundreds") is scored by its value alone, without our low-high rule, since NewsQuant's ranges
are only the ranges the text writes out.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NEWSQUANT = ROOT.parent / "shared" / "eval" / "newsquant"


def load_scorer():
    spec = importlib.util.spec_from_file_location("newsquant_score", NEWSQUANT / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=None)
def currency_names() -> dict[str, str]:
    from quantulum3 import load

    from tracker.extract.lexicon import load_lexicon

    names = {code: cur.name for code, cur in load_lexicon().currency_codes.items()}
    for unit in load.units("en_US").names.values():
        code = getattr(unit, "currency_code", None)
        if unit.entity.name == "currency" and code and code not in names.get("_q", ""):
            names.setdefault(("q", code), unit.name)
    return {code: names.get(("q", code), name) for code, name in names.items() if isinstance(code, str)}


@lru_cache(maxsize=None)
def measure_name(unit: str) -> str:
    from quantulum3 import load

    units = load.units("en_US")
    if unit in units.names:
        return unit
    found = units.symbols.get(unit)
    if found:
        return sorted(found, key=lambda u: u.name)[0].name
    return unit


def newsquant_unit(unit, category, obj=None) -> str | None:
    if unit is None or unit != unit:
        return None
    if OBJECT_UNITS and category in COUNTS and isinstance(obj, str) and len(obj.split()) > 1:
        return concept(obj)
    if " per " in unit:  # rates: "USD per barrel" -> "dollar per barrel"
        head, per = unit.split(" per ", 1)
        return f"{newsquant_unit(head, category)} per {newsquant_unit(per, 'other_measure')}"
    if category == "money":
        return currency_names().get(unit, unit)
    if category == "percent":
        return "percentage" if unit == "percent" else unit
    if category in ("duration", "distance", "other_measure"):
        return measure_name(unit)
    return "people" if unit == "person" else unit


COUNTS = ("other_count", "personnel", "military_unit", "equipment", "casualties", "displaced")
# A count's unit is its object lower-cased with the last word singular ("different products" ->
# "different product"), as NewsQuant writes counted nouns; set HEAD_UNITS=1 to score by the
# counted noun alone instead.
OBJECT_UNITS = __import__("os").environ.get("HEAD_UNITS") != "1"


def concept(obj: str) -> str:
    """A counted noun phrase as NewsQuant writes it: its content words, adjectives in their base
    form and the head noun singular ("two smaller tenancies" -> "small tenancy"); participles
    ("recorded songs") and "and" / "or" ("digital and physical sales") left out."""
    import lemminflect

    from tracker.extract.words import is_verb_only, singular

    words = [w for w in re.findall(r"[\w'-]+", obj.lower())
             if w not in ("and", "or") and not (is_verb_only(w) and w.endswith(("ing", "ed")))] or [obj.lower()]
    base = [lemminflect.getLemma(w, "ADJ")[0] if "ADJ" in lemminflect.getAllLemmas(w) else w for w in words[:-1]]
    return " ".join(base + [singular(words[-1])])


PERCENT_WRITTEN = re.compile(r"\d|%|per\s?cent|percent", re.I)  # "24pc", "5 percent", "4.8"


def share_unit(obj) -> str:
    """NewsQuant's unit for a share of a whole: "% " and the whole ("% us population")."""
    return "% " + (concept(obj) if isinstance(obj, str) and obj else "-")


def newsquant_text(text: str) -> str:
    """NewsQuant's cleaning turned "£" into "PS" (its README) and "¥" into "Y="; undo that."""
    return re.sub(r"\bY=(?=\d)", "¥", re.sub(r"\bPS(?=\d)", "£", text))


def predict(sentences: list[dict]) -> tuple[list[dict], float]:
    import tracker

    out = []
    started = time.perf_counter()
    for item in sentences:
        frame = tracker.extract_figures(newsquant_text(item["text"]), doc_id=item["id"])
        quantities = []
        for row in frame[~frame["derived"].astype(bool)].to_dict("records"):
            ranged = row["qualifier"] in ("between", "range")
            share = row["category"] == "percent" and not PERCENT_WRITTEN.search(row["surface"])
            quantities.append({
                "value": float(row["value"]) / 100 if share else float(row["value"]),
                "low": float(row["low"]) if ranged else None,
                "high": float(row["high"]) if ranged else None,
                "unit": share_unit(row["object"]) if share else newsquant_unit(row["unit"], row["category"], row["object"]),
                "surface": row["surface"],
            })
        out.append({"id": item["id"], "quantities": quantities})
    return out, time.perf_counter() - started


def score_file(scorer, gold: list[dict], predictions: list[dict]) -> list[dict]:
    preds = {p["id"]: p["quantities"] for p in predictions}
    return scorer.score(gold, preds)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", type=int, default=0, help="print up to N missed gold quantities")
    ap.add_argument("--out", type=Path, help="where to write our predictions (JSONL)")
    args = ap.parse_args()
    if not (NEWSQUANT / "newsquant.jsonl").exists():
        print(f"NewsQuant not found at {NEWSQUANT}: nothing to score")
        return 0
    scorer = load_scorer()
    gold = scorer.load_jsonl(NEWSQUANT / "newsquant.jsonl")
    import tracker

    tracker.extract_figures("warm up: 5 km, 3 GB and 145,000 troops")
    predictions, seconds = predict(gold)
    out = args.out or Path(tempfile.gettempdir()) / "tracker_newsquant_predictions.jsonl"
    out.write_text("".join(json.dumps(p) + "\n" for p in predictions), encoding="utf-8")
    ours = scorer.score(gold, {p["id"]: p["quantities"] for p in predictions}, errors=args.errors)
    baseline = {p["id"]: p["quantities"] for p in scorer.load_jsonl(NEWSQUANT / "quantulum3_predictions.jsonl")}
    theirs = scorer.score(gold, baseline)
    print(f"NewsQuant: {len(gold)} sentences; ours in {seconds:.2f} s; predictions in {out}")
    print(f"{'':12} {'ours P/R/F1':>22} {'quantulum3 P/R/F1':>22}")
    for a, b in zip(ours, theirs):
        print(f"{a['type']:12} {a['P']:6.1f} {a['R']:6.1f} {a['F1']:6.1f}   {b['P']:6.1f} {b['R']:6.1f} {b['F1']:6.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
