#!/usr/bin/env python3
"""Speed and memory of `tracker` against quantulum3, in one run.

1. Start-up, each in a fresh process: import (quantulum3.parser / tracker) and the first call
   (parser.parse / tracker.extract_figures, which loads lexicons and models), reported apart.
2. Throughput on the same in-memory corpus (default >= 1 MiB): quantulum3 `parser.parse(text)` and
   `tracker.extract_figures(text)` over every document, KB/s of UTF-8 text (KB = 1024 bytes, MB = 1024 KB),
   and the ratio ours / quantulum3; also `tracker.extract_corpus` on all documents in one call, in
   this process and with ``workers=`` the CPUs this process may use (its default). The corpus repeats, until large enough, these pieces:
   the seed article(s) in seeds/*.txt, our own paragraphs in benchmarks/texts/*.txt, and the
   NewsQuant sentences, read from
   ../shared/eval/newsquant/newsquant.jsonl and skipped with a note if absent (never copied into
   the repository). Paragraphs and sentences are joined into documents of about 3 KB, the size
   of a news article (`--article-kb`; 0 = one document per sentence, where the cost of a call
   and of building its DataFrame outweighs the text's).
3. The command line on the throughput corpus as JSONL: `python -m tracker extract CORPUS
   --workers N` for N = 1 and the CPUs this process may use (`--cli-workers`), `--repeat` runs each, the
   fastest kept: whole-command KB/s (start-up included) and the ratio to quantulum3's KB/s; and the
   same after start-up, reported apart: the wall time of the command on the first document alone
   taken off.
4. A profile: cProfile of extract_figures over the corpus's first 256 KB, its top functions by
   their own time (`--profile-top`).
5. Memory: JSONL corpora of 10 and 100 MB (doc_id, text, source, published) written to a temp dir,
   each run through `python -m tracker extract FILE --format jsonl --out TMP --workers 1` in a child process;
   wall time and the child's peak RSS (from os.wait4, so per child) are reported.

Usage: python benchmarks/extract_speed.py [--size-mb 1] [--repeat 1] [--quick] [--skip-memory]
       [--memory-sizes 10,100] [--cli-workers 1,2] [--profile-top 15] [--json RESULTS.json]
       [--article-kb 3]   (0: a corpus of one-sentence documents)
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXTS = Path(__file__).resolve().parent / "texts"
NEWSQUANT = ROOT.parent / "shared" / "eval" / "newsquant" / "newsquant.jsonl"
KB = 1024
MB = 1024 * 1024
FIRST_TEXT = "Russia has massed an estimated 145,000 troops near the border, British officials said."

# Run in a fresh interpreter: import, then one call, each timed; prints one JSON line.
STARTUP_CODE = {
    "quantulum3": (
        "import json, sys, time, warnings; warnings.simplefilter('ignore'); t0 = time.perf_counter()\n"
        "from quantulum3 import parser\n"
        "t1 = time.perf_counter(); parser.parse(sys.argv[1]); t2 = time.perf_counter()\n"
        "print(json.dumps({'import_s': t1 - t0, 'first_call_s': t2 - t1}))"
    ),
    "tracker": (
        "import json, sys, time, warnings; warnings.simplefilter('ignore'); t0 = time.perf_counter()\n"
        "import tracker\n"
        "t1 = time.perf_counter(); tracker.extract_figures(sys.argv[1], doc_id='d0'); t2 = time.perf_counter()\n"
        "print(json.dumps({'import_s': t1 - t0, 'first_call_s': t2 - t1}))"
    ),
}


def load_pieces(newsquant: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """(source label, text) pieces the corpus repeats, and notes on what was left out."""
    pieces, notes = [], []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        pieces.append(("seed", path.read_text(encoding="utf-8")))
    for path in sorted(TEXTS.glob("*.txt")):
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n")]
        pieces += [("own", p) for p in paragraphs if p]
    if newsquant.is_file():
        with newsquant.open(encoding="utf-8") as lines:
            pieces += [("newsquant", json.loads(line)["text"]) for line in lines if line.strip()]
    else:
        notes.append(f"NewsQuant sentences not found at {newsquant}: corpus built without them")
    return pieces, notes


def as_articles(pieces: list[tuple[str, str]], article_bytes: int) -> list[tuple[str, str]]:
    """Join consecutive pieces of the same source into documents of about article_bytes, the
    size of a news article (the seed is 3.9 KB), one paragraph per piece; 0 keeps one
    document per piece (one sentence each for NewsQuant)."""
    if article_bytes <= 0:
        return pieces
    docs: list[tuple[str, str]] = []
    for label, group in itertools.groupby(pieces, key=lambda piece: piece[0]):
        current: list[str] = []
        for _, text in group:
            current.append(text)
            if sum(len(t.encode("utf-8")) for t in current) >= article_bytes:
                docs.append((label, "\n".join(current)))
                current = []
        if current:
            docs.append((label, "\n".join(current)))
    return docs


def build_corpus(pieces: list[tuple[str, str]], size_bytes: int) -> list[tuple[str, str]]:
    """Repeat the pieces, in order, until their UTF-8 size reaches size_bytes."""
    docs, total = [], 0
    for piece in itertools.cycle(pieces):
        if total >= size_bytes:
            break
        docs.append(piece)
        total += len(piece[1].encode("utf-8"))
    return docs


def run_startup(name: str) -> dict:
    """Import and first call in a fresh interpreter, as a user's second run sees them: Python may
    write bytecode (PYTHONDONTWRITEBYTECODE, set on some machines here, is dropped), and one
    unreported run before writes it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    argv = [sys.executable, "-c", STARTUP_CODE[name], FIRST_TEXT]
    subprocess.run(argv, cwd=ROOT, capture_output=True, stdin=subprocess.DEVNULL, env=env)
    started = time.perf_counter()
    out = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env)
    process_s = time.perf_counter() - started
    if out.returncode != 0:
        return {"error": (out.stderr.strip().splitlines() or ["exit %d" % out.returncode])[-1]}
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["process_s"] = process_s  # interpreter start + import + first call + exit
    return result


def time_over_corpus(call, docs: list[tuple[str, str]]) -> dict:
    """Run call(text, i) over every doc; seconds and bytes per source label, rows, errors."""
    seconds: dict[str, float] = {}
    nbytes: dict[str, int] = {}
    rows = errors = 0
    first_error = None
    clock = time.perf_counter
    for i, (label, text) in enumerate(docs):
        t0 = clock()
        try:
            rows += len(call(text, i))
        except Exception as exc:  # a crash is counted and reported, not hidden
            errors += 1
            first_error = first_error or f"{type(exc).__name__}: {exc}"
        seconds[label] = seconds.get(label, 0.0) + clock() - t0
        nbytes[label] = nbytes.get(label, 0) + len(text.encode("utf-8"))
    total_s = sum(seconds.values())
    return {"seconds": total_s, "kb_per_s": sum(nbytes.values()) / KB / total_s if total_s else 0.0,
            "by_source_kb_per_s": {k: nbytes[k] / KB / seconds[k] for k in seconds if seconds[k]},
            "rows": rows, "errors": errors, "first_error": first_error}


def run_throughput(docs: list[tuple[str, str]], repeat: int) -> dict:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import parser
    sys.path.insert(0, str(ROOT))
    import tracker

    calls = {
        "quantulum3": lambda text, i: parser.parse(text),
        "tracker": lambda text, i: tracker.extract_figures(text, doc_id=f"doc{i}"),
    }
    # Warm up on the first documents too: what each loads on first use (quantulum3's unit
    # tables, our lexicons and word lists) is start-up, measured apart, not throughput.
    for call in calls.values():
        for i, (_, text) in enumerate([("", FIRST_TEXT), *docs[:20]]):
            call(text, -1 - i)
    corpus = [{"doc_id": f"doc{i}", "text": text} for i, (_, text) in enumerate(docs)]
    from tracker.extract.parallel import usable_cpus

    cpus = usable_cpus()  # what extract_corpus uses by default
    parallel = f"tracker_corpus_w{cpus}"
    if len(docs) <= 64:  # extract_corpus keeps a corpus of one chunk in this process: nothing to time
        cpus = 1
    runs: dict[str, list[dict]] = {name: [] for name in [*calls, "tracker_corpus", *([parallel] if cpus > 1 else [])]}
    for r in range(repeat):
        order = list(calls) if r % 2 == 0 else list(calls)[::-1]
        for name in order:
            runs[name].append(time_over_corpus(calls[name], docs))
        # The bulk API: one call, one frame for the whole corpus.
        runs["tracker_corpus"].append(time_over_corpus(lambda _, i: tracker.extract_corpus(corpus, workers=1),
                                                       [("all", "".join(text for _, text in docs))]))
        if cpus > 1:  # the same, its documents shared among worker processes (the default)
            runs[parallel].append(time_over_corpus(lambda _, i: tracker.extract_corpus(corpus, workers=cpus),
                                                   [("all", "".join(text for _, text in docs))]))
    # The best of the repeats (least disturbed by the rest of the machine), with the median too.
    result = {}
    for name, measured in runs.items():
        best = max(measured, key=lambda m: m["kb_per_s"])
        best["median_kb_per_s"] = statistics.median(m["kb_per_s"] for m in measured)
        result[name] = best
    return result


def write_jsonl_corpus(path: Path, pieces: list[tuple[str, str]], size_bytes: int) -> int:
    """A JSONL corpus of about size_bytes (doc_id, text, source, published); returns the doc count."""
    outlets = ["Bench Wire", "The Example Times", "Daily Sample"]
    written = n = 0
    with path.open("w", encoding="utf-8") as out:
        for n, (label, text) in enumerate(itertools.cycle(pieces)):
            if written >= size_bytes:
                break
            line = json.dumps({"doc_id": f"bench-{n:07d}-{label}", "text": text,
                               "source": outlets[n % len(outlets)], "published": "2022-02-14"},
                              ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
    return n


def run_child(argv: list[str], stderr_path: Path, timeout: float | None) -> dict:
    """Run argv; wall time and this child's own peak RSS (os.wait4 gives per-child rusage)."""
    with stderr_path.open("w") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=err)
        deadline = None if timeout is None else started + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG if deadline else 0)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keep Popen consistent
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    return {"wall_s": wall, "peak_rss_mb": peak / MB, "rc": proc.returncode}


def run_memory(pieces: list[tuple[str, str]], sizes_mb: list[float], timeout: float | None) -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmp:
        for size in sizes_mb:
            corpus = Path(tmp) / f"corpus-{size:g}mb.jsonl"
            docs = write_jsonl_corpus(corpus, pieces, int(size * MB))
            out, err = Path(tmp) / "out.jsonl", Path(tmp) / "stderr.txt"
            argv = [sys.executable, "-m", "tracker", "extract", str(corpus), "--format", "jsonl",
                    "--out", str(out), "--workers", "1"]  # one process: its own peak is the run's
            print(f"  {' '.join(argv[1:4])} {corpus.name} ({corpus.stat().st_size / MB:.1f} MB, {docs} docs) ...",
                  flush=True)
            result = run_child(argv, err, timeout)
            result.update(size_mb=corpus.stat().st_size / MB, docs=docs)
            result["rows"] = sum(1 for _ in out.open("rb")) if out.exists() else 0
            if result["rc"] != 0:
                result["stderr_tail"] = err.read_text(errors="replace").strip().splitlines()[-3:]
                if result["rc"] == -9 and timeout is not None and result["wall_s"] >= timeout:
                    result["stderr_tail"].append(f"killed after --memory-timeout {timeout:g} s")
            out.unlink(missing_ok=True)
            corpus.unlink()
            results.append(result)
    return results


def run_cli_throughput(docs: list[tuple[str, str]], workers: list[int], repeat: int = 1) -> list[dict]:
    """`python -m tracker extract CORPUS.jsonl` on the throughput corpus, ``repeat`` times per
    --workers count, the counts interleaved, the fastest run kept (``wall_runs_s`` has all):
    wall time of the whole command (start-up included) and KB/s; and KB/s after start-up, the
    wall time of the same command on the corpus's first document (start-up, the first call,
    opening the output; the fastest of ``repeat + 1``) taken off."""
    results = []
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmp:
        corpus, out, err = Path(tmp) / "corpus.jsonl", Path(tmp) / "out.jsonl", Path(tmp) / "stderr.txt"
        one = Path(tmp) / "one.jsonl"
        for path, chosen in ((corpus, docs), (one, docs[:1])):
            with path.open("w", encoding="utf-8") as lines:
                for i, (_, text) in enumerate(chosen):
                    lines.write(json.dumps({"doc_id": f"doc{i}", "text": text}, ensure_ascii=False) + "\n")
        nbytes = sum(len(text.encode("utf-8")) for _, text in docs)

        def run(path: Path, n: int) -> dict:
            return run_child([sys.executable, "-m", "tracker", "extract", str(path), "--format", "jsonl",
                              "--out", str(out), "--workers", str(n)], err, None)

        fixed = min(run(one, 1)["wall_s"] for _ in range(repeat + 1))
        runs: dict[int, list[dict]] = {n: [] for n in workers}
        for _ in range(repeat):
            for n in workers:
                runs[n].append(run(corpus, n))
        for n in workers:
            result = min(runs[n], key=lambda r: (r["rc"] != 0, r["wall_s"]))
            after = result["wall_s"] - fixed
            result.update(workers=n, kb_per_s=nbytes / KB / result["wall_s"], startup_s=fixed,
                          wall_runs_s=[r["wall_s"] for r in runs[n]],
                          rc=max((r["rc"] for r in runs[n]), key=abs),
                          kb_per_s_after_startup=nbytes / KB / after if after > 0 else float("nan"))
            results.append(result)
    return results


def run_profile(docs: list[tuple[str, str]], top: int) -> list[tuple[str, float, float, int]]:
    """cProfile of extract_figures over the corpus's first 256 KB: the functions with the most
    time of their own (name, own seconds, cumulative seconds, calls), most first."""
    import cProfile
    import pstats

    import tracker

    sample, size = [], 0
    for _, text in docs:
        if size >= 256 * KB:
            break
        sample.append(text)
        size += len(text.encode("utf-8"))
    profile = cProfile.Profile()
    profile.enable()
    for i, text in enumerate(sample):
        tracker.extract_figures(text, doc_id=f"doc{i}")
    profile.disable()
    stats = pstats.Stats(profile).stats
    rows = []
    for (filename, line, function), (_, calls, own, cumulative, _) in stats.items():
        where = Path(filename).name if filename.startswith(("/", "<")) else filename
        rows.append((f"{function} ({where}:{line})" if line else function, own, cumulative, calls))
    return sorted(rows, key=lambda row: -row[1])[:top]


def fmt(value, spec=",.1f", missing="-"):
    return missing if value is None else format(value, spec)


def report(results: dict) -> None:
    print("\n== Start-up, fresh process each (seconds) ==")
    print(f"{'':14} {'import':>8} {'first call':>11} {'import+first':>13} {'whole process':>14}")
    for name, s in results["startup"].items():
        if "error" in s:
            print(f"{name:14} error: {s['error']}")
            continue
        print(f"{name:14} {s['import_s']:8.2f} {s['first_call_s']:11.2f} "
              f"{s['import_s'] + s['first_call_s']:13.2f} {s['process_s']:14.2f}")

    c = results["corpus"]
    print(f"\n== Throughput: {c['docs']:,} docs, {c['mb']:.2f} MB "
          f"(pieces: {', '.join(f'{k} {v}' for k, v in c['pieces'].items())}), best of {c['repeat']} ==")
    t = results["throughput"]
    q_kb = t["quantulum3"]["kb_per_s"] or float("nan")
    labels = sorted({label for m in t.values() for label in m["by_source_kb_per_s"]} - {"all"})
    print(f"{'':17} {'KB/s':>9} {'median':>9} {'seconds':>8} {'rows':>8} {'errors':>6}   "
          + "  ".join(f"{label} KB/s" for label in labels))
    for name, m in t.items():
        print(f"{name:17} {m['kb_per_s']:9,.1f} {m['median_kb_per_s']:9,.1f} {m['seconds']:8.2f} "
              f"{m['rows']:8,} {m['errors']:6}   "
              + "  ".join(f"{fmt(m['by_source_kb_per_s'].get(label)):>{len(label) + 5}}" for label in labels))
        if m["first_error"]:
            print(f"{'':17} first error: {m['first_error']}")
    print(f"ratio tracker / quantulum3: {results['ratio']:.1f}x (extract_figures per document); "
          f"{results['ratio_corpus']:.1f}x (tracker_corpus: extract_corpus, one call for all documents)")
    for name, m in t.items():
        if name.startswith("tracker_corpus_w"):
            print(f"ratio {name} / quantulum3: {m['kb_per_s'] / q_kb:.1f}x "
                  f"(extract_corpus(workers={name.rsplit('w', 1)[1]}))")

    if results.get("cli"):
        print("\n== Command line: python -m tracker extract CORPUS.jsonl --workers N ==")
        print(f"start-up (the command on the first document alone): {results['cli'][0]['startup_s']:.2f} s")
        for m in results["cli"]:
            print(f"--workers {m['workers']}: {m['wall_s']:6.2f} s  {m['kb_per_s']:8,.1f} KB/s  "
                  f"{m['kb_per_s'] / q_kb:5.1f}x quantulum3 (start-up included); after start-up "
                  f"{m['kb_per_s_after_startup']:8,.1f} KB/s  {m['kb_per_s_after_startup'] / q_kb:5.1f}x  rc {m['rc']}"
                  f"  (runs: {', '.join(f'{w:.2f}' for w in m['wall_runs_s'])} s)")
    if results.get("profile"):
        print("\n== Profile: extract_figures over the first 256 KB (cProfile; own time, most first) ==")
        print(f"{'own s':>7} {'cum s':>7} {'calls':>9}  function")
        for name, own, cumulative, calls in results["profile"]:
            print(f"{own:7.3f} {cumulative:7.3f} {calls:9,}  {name}")

    if results.get("memory"):
        print("\n== Memory: python -m tracker extract FILE --format jsonl --out TMP --workers 1 ==")
        print(f"{'input MB':>9} {'docs':>9} {'wall s':>8} {'MB/s':>6} {'peak RSS MB':>12} {'rows out':>10} {'rc':>3}")
        for m in results["memory"]:
            print(f"{m['size_mb']:9.2f} {m['docs']:9,} {m['wall_s']:8.1f} {m['size_mb'] / m['wall_s']:6.2f} "
                  f"{m['peak_rss_mb']:12.1f} {m['rows']:10,} {m['rc']:3}")
            for line in m.get("stderr_tail", []):
                print(f"{'':9} stderr: {line}")
        ok = [m for m in results["memory"] if m["rc"] == 0]
        if len(ok) >= 2:
            print(f"peak RSS {ok[-1]['size_mb']:.3g} MB / {ok[0]['size_mb']:.3g} MB input: "
                  f"{ok[-1]['peak_rss_mb'] / ok[0]['peak_rss_mb']:.2f}x")
    for note in results["notes"]:
        print(f"note: {note}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size-mb", type=float, default=None, help="throughput corpus size (default 1)")
    ap.add_argument("--repeat", type=int, default=1, help="passes over the corpus per extractor; best is reported")
    ap.add_argument("--quick", action="store_true", help="0.1 MB corpus and 1,2 MB memory inputs")
    ap.add_argument("--skip-memory", action="store_true", help="skip the CLI peak-RSS runs")
    ap.add_argument("--memory-sizes", default=None, help="comma-separated MB for the CLI runs (default 10,100)")
    ap.add_argument("--memory-timeout", type=float, default=None, help="seconds before a CLI run is killed")
    ap.add_argument("--newsquant", type=Path, default=NEWSQUANT, help="NewsQuant JSONL (text field)")
    ap.add_argument("--json", type=Path, help="also write the results here as JSON")
    ap.add_argument("--cli-workers", default=None,
                    help="comma-separated --workers counts for the command-line run on the "
                         "throughput corpus (default: 1 and the CPUs this process may use; '' skips it)")
    ap.add_argument("--profile-top", type=int, default=15,
                    help="functions of the profile to print (0 skips the profile)")
    ap.add_argument("--article-kb", type=float, default=3.0,
                    help="join pieces into documents of about this many KB, like news articles "
                         "(default 3; 0 = one document per sentence or paragraph)")
    args = ap.parse_args(argv)
    size_mb = args.size_mb if args.size_mb is not None else (0.1 if args.quick else 1.0)
    mem_sizes = [float(s) for s in (args.memory_sizes or ("1,2" if args.quick else "10,100")).split(",")]

    pieces, notes = load_pieces(args.newsquant)
    pieces = as_articles(pieces, int(args.article_kb * 1024))
    docs = build_corpus(pieces, int(size_mb * MB))
    counts: dict[str, int] = {}
    for label, _ in pieces:
        counts[label] = counts.get(label, 0) + 1
    results: dict = {"python": sys.version.split()[0], "notes": notes, "startup": {}}

    print(f"start-up: fresh interpreters ({sys.executable}) ...", flush=True)
    for name in STARTUP_CODE:
        results["startup"][name] = run_startup(name)
    nbytes = sum(len(text.encode("utf-8")) for _, text in docs)
    results["corpus"] = {"docs": len(docs), "mb": nbytes / MB, "pieces": counts, "repeat": args.repeat}
    print(f"throughput: {len(docs):,} docs, {nbytes / MB:.2f} MB, {args.repeat} pass(es) each ...", flush=True)
    results["throughput"] = run_throughput(docs, args.repeat)
    q, ours = results["throughput"]["quantulum3"], results["throughput"]["tracker"]
    results["ratio"] = ours["kb_per_s"] / q["kb_per_s"] if q["kb_per_s"] else float("nan")
    bulk = results["throughput"]["tracker_corpus"]
    results["ratio_corpus"] = bulk["kb_per_s"] / q["kb_per_s"] if q["kb_per_s"] else float("nan")
    if args.cli_workers is None:
        sys.path.insert(0, str(ROOT))
        from tracker.extract.parallel import usable_cpus

        args.cli_workers = f"1,{usable_cpus()}"  # one process, and extract's default
    cli_workers = sorted({int(n) for n in args.cli_workers.split(",") if n.strip()})
    if cli_workers:
        print(f"command line: --workers {', '.join(map(str, cli_workers))} ...", flush=True)
        results["cli"] = run_cli_throughput(docs, cli_workers, args.repeat)
    if args.profile_top > 0:
        results["profile"] = run_profile(docs, args.profile_top)
    if not args.skip_memory:
        print(f"memory: CLI on {', '.join(f'{s:g}' for s in mem_sizes)} MB JSONL ...", flush=True)
        results["memory"] = run_memory(pieces, mem_sizes, args.memory_timeout)
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    failed = any(m["errors"] for m in results["throughput"].values()) \
        or any(m["rc"] != 0 for m in results.get("memory", []) + results.get("cli", []))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
