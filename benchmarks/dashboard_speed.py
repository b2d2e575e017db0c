#!/usr/bin/env python3
"""How fast the dashboard renders with 100k figures in the store, measured with AppTest.

    python benchmarks/dashboard_speed.py [--figures 100000] [--repeat 3]

Fills a fresh SQLite store (in a temp dir) with documents made from seeds/ (each text made
unique by a numbered line, so none is a duplicate) until it holds the asked number of figures,
then times with streamlit.testing.v1.AppTest, in this process:
- first render: a new session's first run of the Figures page (store opened, figures read,
  filters built, table drawn), with the caches empty;
- filter change: picking one category in the sidebar (a rerun with warm caches).
Targets (issue 4): first render < 3 s, filter change < 0.5 s; we aim for 2 s and 0.3 s.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def fill(url: str, target: int) -> tuple[int, int, float]:
    from tracker.sources.uploads import seed_documents
    from tracker.extract.figures import figure_rows
    from tracker.sources.document import Document
    from tracker.store.store import Store

    seeds = seed_documents(ROOT / "seeds")
    started = time.perf_counter()
    figures = docs = 0
    with Store(url) as store:
        n = 0
        while figures < target:
            seed = seeds[n % len(seeds)]
            text = f"{seed.text}\nCopy {n}."
            doc = Document(f"{seed.doc_id}-{n}", text, seed.source, seed.published, seed.title, seed.url)
            rows = figure_rows(text, doc_id=doc.doc_id, source=doc.source, published=doc.published,
                               url=doc.url, title=doc.title)
            store.add_document(doc, rows)
            figures += len(rows)
            docs += 1
            n += 1
    return docs, figures, time.perf_counter() - started


def time_renders(repeat: int) -> tuple[list[float], list[float]]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    first, change = [], []
    for _ in range(repeat):
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        started = time.perf_counter()
        at.run()
        first.append(time.perf_counter() - started)
        assert not at.exception, at.exception
        options = at.multiselect(key="f_categories").options
        at.multiselect(key="f_categories").set_value([options[0]])
        started = time.perf_counter()
        at.run()
        change.append(time.perf_counter() - started)
        assert not at.exception, at.exception
    return first, change


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--figures", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--db", type=Path, help="keep the filled SQLite file here and reuse it next time")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "tracker.db"
        url = f"sqlite:///{path}"
        os.environ["TRACKER_DB_URL"] = url
        if not path.exists():
            docs, figures, seconds = fill(url, args.figures)
            print(f"store: {docs:,} documents, {figures:,} figures, filled in {seconds:.0f} s")
        else:
            from tracker.store.store import Store

            with Store(url) as store:
                print(f"store: reusing {path} with {len(store.figures()):,} figures")
        first, change = time_renders(args.repeat)
    print(f"first render:  median {statistics.median(first):.2f} s  (runs: {', '.join(f'{t:.2f}' for t in first)})"
          f"  target < 3 s, aim 2 s")
    print(f"filter change: median {statistics.median(change):.2f} s  (runs: {', '.join(f'{t:.2f}' for t in change)})"
          f"  target < 0.5 s, aim 0.3 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
