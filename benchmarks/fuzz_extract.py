#!/usr/bin/env python3
"""Fuzz ``tracker.extract_figures``: it must never raise, keep its offsets and values sound,
and take time linear in the length of the text.

1. Fuzzing. ``generate(count, seed)`` yields ``count`` texts, the same for the same seed: news-like
   sentences written for this file (none is copied from an article or a benchmark; the facts
   are invented), mutated by inserting every kind of white space (no-break, thin, ideographic,
   line and paragraph separators), lone surrogates, NUL and other C0 controls, emoji, combining
   marks, right-to-left and zero-width marks, letters a case-insensitive regex takes for ASCII
   ones ("İ", "ſ", the Kelvin sign), digits of other scripts, huge digit strings ("1" and
   hundreds of zeros, "½ " and hundreds of nines), runs of vague words ("hundreds of" many
   times), and by slicing and splicing. Every text goes through ``extract_figures`` and
   ``check`` reports, per text: an exception of any kind (a ``BaseException`` but
   ``KeyboardInterrupt``, so also a Rust panic), a figure whose ``text[start:end]`` is not its
   surface or whose sentence is not at ``sentence_start``, a value or bound that is not a finite
   float, and a text that takes longer than ``--timeout`` seconds. The slowest text per KB
   is reported too.
2. Linearity. For normal news text (many sentences, and the same as one long sentence of
   clauses), for runs of vague words ("hundreds of", "tens of" repeated) and for one clause
   repeated ("At the time 5 were killed and ...") the time at length L
   and 2L is measured (CPU time, best of ``--repeat`` rounds) for L = 8, 16, 32 KB (``--sizes``); each ratio must be at most
   2.2 (twice the length, at most 2.2 times the time).

Prints the counts, examples, the ratios and PASS or FAIL; exits 1 on FAIL.

Usage: python benchmarks/fuzz_extract.py [--count 100000] [--seed 8] [--sizes 8,16,32,64]
       [--repeat 3] [--timeout 10] [--skip-linearity] [--skip-fuzz] [--examples 5]
"""
from __future__ import annotations

import argparse
import gc
import math
import random
import signal
import sys
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tracker.extract.figures import figure_rows  # noqa: E402
from tracker.schema import to_frame  # noqa: E402

KB = 1024
MAX_RATIO = 2.2

# Written for this file: how news reports figures, with invented facts.
SENTENCES = [
    "Russia has massed an estimated 130,000 troops near the border, Western officials said.",
    "The ministry said 14 battalions, each of about 750 soldiers, had moved north overnight.",
    "Between 2 and 5 battalions, each of 800 troops, were seen near the river crossing.",
    "Officials count 60 battalion tactical groups of up to 900 troops each.",
    "At least 37 civilians were killed and 112 wounded in the shelling, the regional governor said.",
    "More than 4.2 million refugees have fled the country since the war began, the UN agency said.",
    "Washington announced a further $1.7bn in military aid, including 40 armoured vehicles.",
    "The EU pledged €2.5 billion, up from €900m last year, according to a draft seen by reporters.",
    "Inflation rose to 11.4% in March, the highest rate in three decades.",
    "The convoy stretched for 64km (40 miles) and moved about 5 miles a day.",
    "Tens of thousands of people gathered in the square on Sunday, organisers said.",
    "Hundreds of drones and dozens of missiles were launched over two nights.",
    "Some 300 Marines and a dozen helicopters arrived on Monday, the Pentagon said.",
    "A spokesman told reporters that 2,500 Wagner fighters had been killed near the town.",
    "Poland said it would move 10,000 soldiers to its eastern border within 48 hours.",
    "Kyiv says it has destroyed 1,200 tanks, a figure Moscow disputes.",
    "The fund will grow by 3-5 million euros a year, the finance minister told parliament.",
    "Nearly half a million homes were without power after 90 strikes on the grid.",
    "On February 16, 2022, at 14:00 local time, the 3rd brigade left Flight 370's old base.",
    "Germany announced a new €2.7bn package of 18 howitzers and 12 air-defence systems.",
    "Several hundred troops and tens of tanks crossed, a source said; the total may be higher.",
    "Casualties reached 150,000 killed or wounded, British intelligence estimated.",
    "“We have lost 31 soldiers,” the commander said, “and 200 more are missing.”",
    "The loan of $50bn over four years is backed by frozen assets worth about $300bn.",
    "Trillions of trillions of dollars and 1e309 troops are not figures anyone reports.",
]

WHITESPACE = ["\u00a0", "\u202f", "\u2009", "\u3000", "\u2028", "\u2029", "\u0085", "\u1680", "\u2000",
              "\u2002", "\u2003", "\u200a", "\u205f", "\t", "\x0b", "\x0c", "\r", "\n", "\x1c", "\x1f"]
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "\ud83d"]
CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f", "\x80", "\x9f"]
EMOJI = ["💥", "🇺🇦", "👍🏽", "👩‍👩‍👧", "🪖", "1️⃣", "✈️", "🔥🔥"]
COMBINING = ["\u0301", "\u0308", "\u0327", "\u20dd", "\u0336", "\u0489"]
MARKS = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
         "\u2068", "\u2069", "\u061c", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\ufffd"]
LOOKALIKES = ["\u0130", "\u0131", "\u017f", "\u212a", "ﬀ", "Ⅻ", "²", "½", "⅓", "¼", "⁄", "−", "–", "—",
              "٣٠٠", "३००", "３００", "𝟗", "٫", "‰"]
NUMBERS = ["$1.5bn", "3-5 million", "between 2 and 5", "10^400", "1 × 10^999", "½", "1/2", "-5", "−7",
           "0-0 million", "0.000001", "1,000,000,000,000,000,000,000", "a few hundred", "a\tfew hundred",
           "MİLLİON", "thouſands of", "hundreds of thousands of", "forty-two", "zero", "£0", "€.5m",
           "12%", "5 percentage points", "3,000 more", "up to 83", "1.2e3", "99999999999999999999"]
VAGUE = ["hundreds of ", "tens of ", "thousands of ", "dozens of ", "millions of ", "several dozen ",
         "a few hundred "]
INSERTS = [WHITESPACE, SURROGATES, CONTROLS, EMOJI, COMBINING, MARKS, LOOKALIKES, NUMBERS]


def _huge(rng: random.Random) -> str:
    n = rng.choice([20, 300, 308, 309, 310, 400, 1000, 5000])
    kind = rng.randrange(5)
    if kind == 0:
        return "1" + "0" * n
    if kind == 1:
        return "½ " + "9" * n
    if kind == 2:
        return "9" * n
    if kind == 3:
        return ",".join(["999"] * (n // 3 + 1))
    return "1" + "0" * rng.randrange(1, 30) + " " + " ".join(["million"] * rng.randrange(1, 60))


# Clauses that make one long sentence when repeated.
CLAUSES = ["At the time 5 were killed and ", "Russia said it has 5 troops, Ukraine said it ",
           "the ministry said 40 tanks, each of 3 crew, ", "from 3 to 5 million dollars or ",
           "he added 7,000 troops; ", "between 2 and 5 battalions of 800 troops, "]


def _vague_run(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(CLAUSES) * rng.choice([2, 10, 50, 200]) + rng.choice([".", ""])
    words = rng.choice(VAGUE) * rng.choice([2, 10, 50, 200, 800])
    return rng.choice(["Russia has ", "", "Some "]) + words + rng.choice(["troops.", "", "dollars", "of"])


def _insert(rng: random.Random, text: str, piece: str) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + piece + text[at:]


def _mutate(rng: random.Random, text: str, other: str) -> str:
    op = rng.randrange(12)
    if op <= 4:  # a strange character (or a few) somewhere
        group = rng.choice(INSERTS)
        for _ in range(rng.choice([1, 1, 2, 5])):
            text = _insert(rng, text, rng.choice(group))
        return text
    if op == 5:  # a space of another kind after a lone capital and a period: sentencex's panic
        return _insert(rng, text, rng.choice("ABCXZ") + rng.choice(WHITESPACE) + ". ")
    if op == 6:
        return _insert(rng, text, " " + _huge(rng) + rng.choice([" troops", "", " dollars", "%"]) + " ")
    if op == 7 and len(text) > 2:  # a random slice
        a = rng.randrange(len(text))
        return text[a:a + rng.randrange(1, len(text) + 1)]
    if op == 8:  # splice two texts at random points
        return text[:rng.randrange(len(text) + 1)] + other[rng.randrange(len(other) + 1):]
    if op == 9 and text:  # replace a character by a random code point, any plane
        at = rng.randrange(len(text))
        return text[:at] + chr(rng.randrange(0x110000)) + text[at + 1:]
    if op == 10 and len(text) > 1:  # duplicate a span
        a = rng.randrange(len(text))
        b = min(len(text), a + rng.randrange(1, 60))
        return text[:b] + text[a:b] * rng.randrange(1, 6) + text[b:]
    return text.upper() if rng.random() < 0.5 else text.lower()


def generate(count: int, seed: int = 8) -> Iterator[str]:
    """``count`` texts for fuzzing, the same ones for the same ``seed``."""
    rng = random.Random(seed)
    for i in range(count):
        roll = rng.random()
        if roll < 0.03:
            text = _vague_run(rng)
        else:
            text = " ".join(rng.choice(SENTENCES) for _ in range(rng.choice([1, 1, 2, 3, 6])))
        other = rng.choice(SENTENCES)
        for _ in range(rng.choice([0, 1, 1, 2, 3, 6, 12])):
            text = _mutate(rng, text, other)
        yield text


def check(text: str, doc_id: str | None = "fuzz") -> list[tuple[str, str]]:
    """(kind, detail) for each problem with the figures of ``text``; [] when all is well.
    kind: "exception" | "offset" | "sentence_offset" | "non_finite" | "not_float"."""
    try:
        rows = figure_rows(text, doc_id=doc_id)
        to_frame(rows)  # what extract_figures returns
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # also a Rust PanicException
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return [("exception", f"{type(exc).__name__}: {str(exc)[:120]} at {Path(where.filename).name}:{where.lineno}")]
    problems = []
    for row in rows:
        start, end, surface = row["start"], row["end"], row["surface"]
        shown = repr(surface) if len(surface) <= 80 else repr(surface[:77]) + "..."
        if text[start:end] != surface or not 0 <= start < end <= len(text):
            problems.append(("offset", f"{start}:{end} {shown}"))
        s0, sentence = row["sentence_start"], row["sentence"]
        if text[s0:s0 + len(sentence)] != sentence or not s0 <= start < end <= s0 + len(sentence):
            problems.append(("sentence_offset", f"{s0} {sentence[:60]!r}"))
        for name in ("value", "low", "high"):
            v = row[name]
            if v is None and name != "value":
                continue
            if type(v) is not float:
                problems.append(("not_float", f"{name}={v!r} ({type(v).__name__}) {shown}"))
            elif not math.isfinite(v):
                problems.append(("non_finite", f"{name}={v!r} {shown}"))
    return problems


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


def fuzz(count: int, seed: int, timeout: float, examples: int) -> bool:
    counts: Counter = Counter()
    shown: dict[str, list[str]] = {}
    slowest_per_kb = (0.0, 0.0, "")  # (seconds per KB, seconds, text)
    slowest = (0.0, "")
    total_bytes = 0
    signal.signal(signal.SIGALRM, _alarm)
    started = time.perf_counter()
    for i, text in enumerate(generate(count, seed)):
        size = len(text.encode("utf-8", "surrogatepass"))
        total_bytes += size
        t0 = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            problems = check(text)
        except _Timeout:
            problems = [("timeout", f"> {timeout} s")]
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        took = time.perf_counter() - t0
        if took > slowest[0]:
            slowest = (took, text)
        if size >= KB and took / (size / KB) > slowest_per_kb[0]:
            slowest_per_kb = (took / (size / KB), took, text)
        for kind, detail in problems:
            counts[kind] += 1
            if len(shown.setdefault(kind, [])) < examples:
                shown[kind].append(f"{detail}\n      text[{i}] = {text[:160]!r}{'...' if len(text) > 160 else ''}")
        if (i + 1) % 10000 == 0:
            print(f"  {i + 1:,} texts, {time.perf_counter() - started:.0f} s, problems so far: {dict(counts) or 0}",
                  flush=True)
    elapsed = time.perf_counter() - started
    print(f"\n== Fuzz: {count:,} texts (seed {seed}), {total_bytes / KB / KB:.1f} MB, {elapsed:.0f} s "
          f"({count / elapsed:.0f} texts/s) ==")
    for kind in ("exception", "offset", "sentence_offset", "non_finite", "not_float", "timeout"):
        print(f"{kind:>16}: {counts[kind]}")
        for line in shown.get(kind, []):
            print(f"    - {line}")
    print(f"slowest text: {slowest[0] * 1000:.1f} ms, {len(slowest[1]):,} chars: {slowest[1][:80]!r}...")
    if slowest_per_kb[2]:
        t = slowest_per_kb[2]
        print(f"slowest per KB (texts >= 1 KB): {slowest_per_kb[0] * 1000:.1f} ms/KB "
              f"({slowest_per_kb[1] * 1000:.1f} ms, {len(t):,} chars): {t[:80]!r}...")
    return sum(counts.values()) == 0


# ---------------------------------------------------------------------------------------------
# Linearity


def linear_texts(size: int) -> dict[str, str]:
    """Texts of about ``size`` characters for each linearity case."""
    rng = random.Random(size)
    news, clauses = [], []
    while sum(map(len, news)) < size:
        news.append(rng.choice(SENTENCES))
    while sum(map(len, clauses)) < size:
        clauses.append(rng.choice(SENTENCES).rstrip(".") + ",")
    return {
        "news text (many sentences)": " ".join(news)[:size],
        "news text as one sentence": " ".join(clauses)[:size],
        '"hundreds of" repeated': ("Russia has " + "hundreds of " * (size // 12))[:size - 7] + "troops.",
        '"tens of" repeated': ("tens of " * (size // 8))[:size],
        '"5 were killed and" repeated': ("At the time 5 were killed and " * (size // 30 + 1))[:size],
        '"Of these, 5 were killed and" repeated': ("Of these, 5 were killed and " * (size // 28 + 1))[:size],
        '"As of 12 March, 5 more troops a day," repeated':
            ("As of 12 March, 5 more troops a day, " * (size // 37 + 1))[:size],
    }


def _cpu_time(text: str) -> float:
    # Each text from the same collector state: when Python's full collections fall depends on
    # how many objects the texts before left, which moved the 64 KB cases by 15%.
    gc.collect()
    t0 = time.process_time()  # CPU time of this process: a busy neighbour does not count
    figure_rows(text, published="2024-03-15")  # with a date, so the dates stage resolves what it finds
    return time.process_time() - t0


def linearity(sizes_kb: list[int], repeat: int) -> bool:
    print(f"\n== Linearity: CPU seconds, best of {repeat} (rounds over all sizes), "
          f"time at 2L / time at L must be <= {MAX_RATIO} ==")
    ok = True
    texts = {kb: linear_texts(kb * KB) for kb in sizes_kb}
    names = list(texts[sizes_kb[0]])
    best = {(name, kb): math.inf for name in names for kb in sizes_kb}
    for _ in range(repeat):  # round robin, so that a noisy moment does not fall on one size only
        for name in names:
            for kb in sizes_kb:
                best[name, kb] = min(best[name, kb], _cpu_time(texts[kb][name]))
    cases = {name: [best[name, kb] for kb in sizes_kb] for name in names}
    header = "".join(f"{kb:>7} KB" for kb in sizes_kb)
    print(f"{'case':<30}{header}   ratios")
    for name, times in cases.items():
        ratios = [b / a for a, b in zip(times, times[1:])]
        bad = [r for r in ratios if r > MAX_RATIO]
        ok = ok and not bad
        cells = "".join(f"{t:>8.3f}s" for t in times)
        print(f"{name:<30}{cells}   {' '.join(f'{r:.2f}x' for r in ratios)}{'  <- FAIL' if bad else ''}")
    return ok


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=100_000, help="texts to fuzz (default 100,000)")
    ap.add_argument("--seed", type=int, default=8, help="seed of the text generator")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds one text may take")
    ap.add_argument("--examples", type=int, default=5, help="examples shown per kind of problem")
    ap.add_argument("--sizes", default="8,16,32,64", help="linearity sizes in KB")
    ap.add_argument("--repeat", type=int, default=3, help="timings per size (the best is kept)")
    ap.add_argument("--skip-fuzz", action="store_true")
    ap.add_argument("--skip-linearity", action="store_true")
    args = ap.parse_args(argv)
    # Warm up: lexicons, compiled patterns, quantulum3's units (loaded on first use).
    figure_rows("Russia has 5 troops, tens of tanks and 3 GB of data. It said 2 rpm.")
    ok = True
    if not args.skip_fuzz:
        ok = fuzz(args.count, args.seed, args.timeout, args.examples) and ok
    if not args.skip_linearity:
        ok = linearity([int(s) for s in args.sizes.split(",")], args.repeat) and ok
    print("\nPASS" if ok else "\nFAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
