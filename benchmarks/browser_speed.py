#!/usr/bin/env python3
"""How long a user waits in Chromium, with a large store: the time until the Figures table and
the Compare chart are drawn.

    python benchmarks/browser_speed.py [--figures 100000] [--repeat 3] [--keep DIR]

Fills a fresh SQLite store to the asked number of figures (as benchmarks/dashboard_speed.py
does: copies of seeds/, each made unique), starts `streamlit run dashboard.py` on a free port,
and for each repeat opens a new browser page (Playwright driving Debian's Chromium) and measures
from navigation to:
- Figures: the table's grid drawn (its canvas visible);
- Compare: the chart drawn (its SVG holds its marks).
The first repeat of each starts with the server's caches empty (the store read for the first
time); later ones find them warm, as a second user would. Each page is a new browser context,
so its scripts are fetched and compiled again, as on a first visit.

In the same run, the floor: a bare Streamlit page (``st.title`` and one ``st.dataframe`` of
1,000 rows; ``st.title`` and one Altair chart of 100 points), the least any Streamlit page with
a table or a chart waits on this machine. Prints each run, the median of the repeats, the
targets (issue 13: Compare under 3 s, Figures under 2 s) with PASS/FAIL, and each page's
median over its floor's (what our pages add to Streamlit's own start).
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

TARGETS = {"figures": 2.0, "compare": 3.0}
READY = {"figures": "[data-testid='stDataFrame'] canvas",
         "compare": "[data-testid='stVegaLiteChart'] svg .role-mark path"}
#: The bare pages each of ours is measured against, written to a temporary folder and run there.
FLOORS = {
    "figures": ("import pandas as pd\nimport streamlit as st\n\nst.title('Table')\n"
                "st.dataframe(pd.DataFrame({'n': range(1000), 'text': ['some words'] * 1000}))\n"),
    "compare": ("import altair as alt\nimport pandas as pd\nimport streamlit as st\n\nst.title('Chart')\n"
                "data = pd.DataFrame({'x': range(100), 'y': range(100)})\n"
                "st.altair_chart(alt.Chart(data).mark_point().encode(x='x', y='y'))\n"),
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(url: str, folder: Path, script: Path = ROOT / "dashboard.py") -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=folder, env={**os.environ, "TRACKER_DB_URL": url}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{address}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return process, address
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("streamlit did not start")


#: The page's clock (ms since its navigation started) once an element matching the selector has
#: a size on screen, else false. Checked on every animation frame in the page: Playwright's own
#: wait_for polls at up to 500 ms intervals, which rounded the times of a 2-second page to the
#: half second.
DRAWN = """selector => {
    const e = document.querySelector(selector);
    if (!e) return false;
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.height > 0 ? performance.now() : false;
}"""


def time_page(browser, address: str, path: str, ready: str) -> float:
    """Seconds from the start of navigation (the page's time origin) to the first animation
    frame in which ``ready`` is drawn."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{address}/{path}", wait_until="commit")
    took = page.wait_for_function(DRAWN, arg=ready, polling="raf", timeout=300_000).json_value() / 1000
    page.close()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--figures", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", metavar="DIR", help="keep (or reuse) the store in DIR")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("no chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    from dashboard_speed import fill
    from tracker.store.store import Store

    folder = Path(args.keep or tempfile.mkdtemp(prefix="browser-speed-"))
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / 'tracker.db'}"
    with Store(url) as store:
        have = len(store.figures()) if store.document_count() else 0
    if have < args.figures:
        docs, figures, seconds = fill(url, args.figures)[:3]
        print(f"store: {docs:,} documents, {figures:,} figures, filled in {seconds:.1f} s")
    else:
        print(f"store: {have:,} figures (reused from {folder})")
    runs: dict[str, list[float]] = {}
    floors: dict[str, list[float]] = {}
    with sync_playwright() as p, tempfile.TemporaryDirectory(prefix="browser-floor-") as bare:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for name, path in (("figures", ""), ("compare", "compare")):
            script = Path(bare) / f"{name}.py"
            script.write_text(FLOORS[name], encoding="utf-8")
            for times, target, page_path in ((runs, ROOT / "dashboard.py", path), (floors, script, "")):
                process, address = start_server(url, folder, target)  # caches empty for the first run of each
                try:
                    times[name] = [time_page(browser, address, page_path, READY[name]) for _ in range(args.repeat)]
                finally:
                    process.terminate()
                    process.wait(timeout=20)
        browser.close()
    for name, times in runs.items():
        median, floor = statistics.median(times), statistics.median(floors[name])
        verdict = "PASS" if median < TARGETS[name] else "FAIL"
        print(f"{name:8s} drawn: median {median:.2f} s (runs: {', '.join(f'{t:.2f}' for t in times)}; the first "
              f"with the server's caches empty)  target < {TARGETS[name]:.0f} s  {verdict}")
        print(f"{'':8s} bare Streamlit page: median {floor:.2f} s (runs: {', '.join(f'{t:.2f}' for t in floors[name])}); "
              f"ours {median / floor:.2f}x it, {median - floor:+.2f} s")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
