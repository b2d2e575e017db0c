"""Compare in a real browser (Playwright and Debian's Chromium, as tests/test_browser.py): the
marks take their legend entries' colours on the page and in the SVG download, a tooltip writes
numbers and dates for reading, one-sided bounds are drawn, and a copied link with a currency and
a vague-amount rule reopens the same view. Screenshots at 1400 and 1024 px go to a temporary
folder, or to $TRACKER_SCREENSHOTS (docs/screenshots to refresh the README's)."""
from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest

from test_browser import CHROMIUM, SHOTS_ENV, Traffic, browser, server, wait_idle  # noqa: F401 - fixtures

pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (apt-get install chromium)")

AID = "money:ukraine:-"  # the seeds: the UK's £88m and Germany's €150m to Ukraine
TROOPS = "count:russia:troop:personnel:-"  # the seeds: many "more than" estimates

#: The legend's colour of each series, and every mark's series and colours, from a chart's SVG.
READ_SVG = """(svg) => {
  const legend = {};
  for (const entry of svg.querySelectorAll('.role-legend-entry')) {
    const symbols = entry.querySelectorAll('.role-legend-symbol path');
    const labels = entry.querySelectorAll('.role-legend-label text');
    labels.forEach((label, i) => { if (symbols[i]) legend[label.textContent] = symbols[i].getAttribute('fill'); });
  }
  const marks = [...svg.querySelectorAll('[aria-label*="series_label: "]')].map(m => ({
    label: m.getAttribute('aria-label'), fill: m.getAttribute('fill'), stroke: m.getAttribute('stroke'),
    dash: m.getAttribute('stroke-dasharray')}));
  return {legend, marks};
}"""


def series_of(label: str, names) -> str:
    after = html.unescape(label).split("series_label: ", 1)[1]
    return max((n for n in names if after.startswith(n + ";") or after == n), key=len)


def open_compare(browser, server, query: str, width: int = 1400):
    page = browser.new_page(viewport={"width": width, "height": 1000}, accept_downloads=True)
    page.traffic = Traffic(page, server)
    page.goto(f"{server}/compare?{query}", wait_until="networkidle")
    wait_idle(page)
    page.locator("[data-testid='stVegaLiteChart'] svg").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1000)  # let the chart finish drawing
    return page


def assert_quiet(page) -> None:
    """Nothing fetched from outside, no console error, and no warning from Vega either."""
    page.traffic.check()
    assert page.traffic.warnings == [], page.traffic.warnings


def assert_marks_take_legend_colours(got: dict) -> int:
    legend = got["legend"]
    names = [n for n in legend if n not in ("reported (filled)", "approximate (hollow)", "derived (hollow)",
                                              "weekly (hollow)", "weekly (filled)")]
    assert names, got
    checked = 0
    for mark in got["marks"]:
        name = series_of(mark["label"], names)
        for colour in (mark["fill"], mark["stroke"]):
            if colour and colour.startswith("#"):
                assert colour == legend[name], (name, mark)
                checked += 1
    return checked


def test_marks_legend_tooltip_bounds_and_link(server, browser, tmp_path):
    shots = Path(os.environ.get(SHOTS_ENV) or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    page = open_compare(browser, server, f"measure={TROOPS}")
    svg = page.locator("[data-testid='stVegaLiteChart'] svg").first
    got = svg.evaluate(READ_SVG)
    assert assert_marks_take_legend_colours(got) >= 10
    assert any(m["dash"] for m in got["marks"]), "one-sided bounds ('more than') are drawn as dashed bars"
    page.screenshot(path=str(shots / "compare.png"))
    assert_quiet(page)

    with page.expect_download(timeout=60_000) as download:  # the SVG download agrees
        page.get_by_role("button", name="Chart as SVG").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    page.set_content(text)
    assert assert_marks_take_legend_colours(page.locator("svg").first.evaluate(READ_SVG)) >= 10
    assert "Russian troops" in text and "Downloaded" in text
    page.close()

    # a copied link with a currency and a rule for vague amounts opens the same view
    page = open_compare(browser, server, f"measure={AID}&currency=EUR&vague=acled", width=1024)
    body = page.locator("body").inner_text()
    assert "EUR" in body and "ACLED" in body and "Money to Ukraine" in body
    assert "currency=EUR" in page.url and "vague=acled" in page.url
    point = page.locator("[data-testid='stVegaLiteChart'] svg [aria-roledescription='point']").first
    point.hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=10_000)
    words = tooltip.inner_text()
    assert re.search(r"€\d+(\.\d+)?m", words), words  # money written with its currency and scale
    assert re.search(r"\b\d{1,2} [A-Z][a-z]{2} 20\d\d\b", words), words  # a date for reading
    assert "e+" not in words and "000000" not in words
    page.mouse.move(0, 0)
    page.screenshot(path=str(shots / "compare-1024.png"))
    assert_quiet(page)
    page.close()
