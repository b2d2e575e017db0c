#!/usr/bin/env python3
"""Batch loading at scale: `python -m tracker ingest ... --out DIR` on synthetic corpora.

Corpora: JSONL files of documents of about 1 KB (`--doc-kb`), made of our own paragraphs
(benchmarks/texts/*.txt and seeds/**/*.txt), each document starting with a numbered line
("Dispatch 123.") so that no two texts are the same (the loader skips duplicates), with
dates spread over twelve months and one document in ten undated.

Configurations, each run in a fresh child process into a fresh output folder:
every size in `--sizes` (default 1000,10000) with 1 worker, 2 workers and `--engine dask`
(a LocalCluster of 2 workers); and every size in `--big-sizes` (default 100000) with 2
workers only. For each: documents/s (documents over the seconds of the ingest call, Dask's
cluster start included), figures, and the peak RSS of the parent process, read from
VmHWM in its own /proc/self/status at the end (the workers are not counted: they are
separate processes with their own memory).

Usage: python benchmarks/batch_scale.py [--sizes 1000,10000] [--big-sizes 100000]
       [--doc-kb 1] [--json RESULTS.json]
       python benchmarks/batch_scale.py --sizes 1000 --big-sizes ""   # a quick check
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = Path(__file__).resolve().parent / "texts"
SEEDS = ROOT / "seeds"

#: Runs in the child: ingest, then report the seconds, the summary and this process's VmHWM.
CHILD = """
import json, sys, time
from tracker.batch.run import ingest
args = json.loads(sys.argv[1])
started = time.monotonic()
summary = ingest([args["corpus"]], out=args["out"], workers=args["workers"],
                 engine=args["engine"], progress=False)
seconds = time.monotonic() - started
status = open("/proc/self/status").read()
hwm = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
print(json.dumps({"seconds": seconds, "loaded": summary.loaded, "figures": summary.figures,
                  "rejected": summary.rejected, "vmhwm_kb": hwm}))
"""


def paragraphs() -> list[str]:
    """Our own paragraphs: the benchmark texts and the seed articles."""
    files = sorted(TEXTS.glob("*.txt")) + sorted(SEEDS.rglob("*.txt"))
    found = []
    for path in files:
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            piece = ""
            # a long paragraph is cut between sentences into pieces of at most ~700 bytes
            for sentence in re.split(r"(?<=[.!?])\s+", paragraph.strip()):
                if piece and len(piece) + len(sentence) > 700:
                    found.append(piece)
                    piece = ""
                piece = f"{piece} {sentence}".strip()
            if piece:
                found.append(piece)
    return found


def write_corpus(path: Path, count: int, doc_bytes: int) -> int:
    """``count`` unique documents of about ``doc_bytes`` each, as JSONL; returns the file size."""
    pieces = paragraphs()
    position = 0
    with open(path, "w", encoding="utf-8") as out:
        for number in range(count):
            text = f"Dispatch {number}."
            while len(text) < doc_bytes:
                text += "\n\n" + pieces[position % len(pieces)]
                position += 1
            published = None if number % 10 == 9 else f"2022-{number % 12 + 1:02d}-15"
            out.write(json.dumps({"doc_id": f"doc{number}", "text": text, "source": "Bench Wire",
                                  "published": published}) + "\n")
    return path.stat().st_size


def run_config(corpus: Path, out: Path, workers: int, engine: str) -> dict:
    """One ingest in a fresh child process; its own report, parsed."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    payload = json.dumps({"corpus": str(corpus), "out": str(out), "workers": workers,
                          "engine": engine})
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", CHILD, payload], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"ingest failed ({engine}, {workers} workers):\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_seconds"] = time.monotonic() - started
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000",
                        help="corpus sizes run with 1 worker, 2 workers and dask")
    parser.add_argument("--big-sizes", default="100000",
                        help="corpus sizes run with 2 workers only ('' for none)")
    parser.add_argument("--doc-kb", type=float, default=1.0, help="size of a document in KB")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    big = [int(s) for s in args.big_sizes.split(",") if s.strip()]
    plan = [(n, w, e) for n in sizes for w, e in ((1, "local"), (2, "local"), (2, "dask"))]
    plan += [(n, 2, "local") for n in big]
    results = []
    print(f"{'docs':>8} {'engine':>6} {'workers':>7} {'docs/s':>8} {'figures':>9} "
          f"{'seconds':>8} {'parent peak RSS':>16}")
    with tempfile.TemporaryDirectory(prefix="batch_scale-") as folder:
        corpora: dict[int, Path] = {}
        for count, workers, engine in plan:
            if count not in corpora:
                corpora[count] = Path(folder) / f"corpus-{count}.jsonl"
                write_corpus(corpora[count], count, int(args.doc_kb * 1024))
            out = Path(folder) / f"out-{count}-{engine}-{workers}"
            result = run_config(corpora[count], out, workers, engine)
            rate = result["loaded"] / result["seconds"]
            results.append({"documents": count, "engine": engine, "workers": workers,
                            "documents_per_s": round(rate, 1), **result})
            print(f"{count:>8} {engine:>6} {workers:>7} {rate:>8.0f} {result['figures']:>9} "
                  f"{result['seconds']:>8.1f} {result['vmhwm_kb'] / 1024:>13.0f} MB", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
