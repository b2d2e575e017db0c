"""The dashboard in a real browser: Playwright drives Debian's Chromium against
`streamlit run dashboard.py`, started here on a free port with its own SQLite store.

A user pastes an article, sees its figures, downloads the table as CSV, and an article's
`<script>` shows as text and never runs. Every request a page makes goes to the app's own host
and port (nothing from fonts.gstatic.com or any other host), and the console shows no error. Screenshots of each view go to a temporary folder, or
to $TRACKER_SCREENSHOTS (docs/screenshots to refresh the README's).
Skips (with the reason) where Chromium or Playwright is missing; .ci/run installs both.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest

from tracker.sources.uploads import pasted_document

ROOT = Path(__file__).resolve().parents[1]
# Screenshots go to a temporary folder; to refresh the ones in docs/, run
#   TRACKER_SCREENSHOTS=docs/screenshots .venv/bin/python -m pytest tests/test_browser.py
SHOTS_ENV = "TRACKER_SCREENSHOTS"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (apt-get install chromium)")

ARTICLE = ("Kyiv says Russia has massed 120,000 troops near the border. "
           "<script>window.__owned = true; alert('owned')</script> "
           "The EU pledged €1.2bn in emergency aid, officials said.")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    port = free_port()
    env = {**os.environ, "TRACKER_DB_URL": f"sqlite:///{folder / 'tracker.db'}"}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("streamlit did not start: " + process.stdout.read().decode(errors="replace")[-2000:])
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()


#: Streamlit's frontend, opened at a page's own address (``/compare``), first asks for
#: ``/compare/_stcore/health`` and ``/compare/_stcore/host-config``, is answered 404 by the app's
#: own server and then asks for ``/_stcore/...`` (streamlit/streamlit#7074, open). The console
#: logs those two 404s as errors; they are Streamlit's, not the app's.
STREAMLIT_PROBE = re.compile(r"/[^/]+/_stcore/(health|host-config)")


class Traffic:
    """Every request (and web socket) a page opens, and what its console says, from the start."""

    def __init__(self, page, app_url: str):
        self.host = urlsplit(app_url).netloc
        self.urls: list[str] = []
        self.errors: list[str] = []
        self.warnings: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))
        page.on("websocket", lambda socket: self.urls.append(socket.url))
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))

    def _console(self, message) -> None:
        if message.type == "warning":
            self.warnings.append(message.text)
        elif message.type == "error":
            where = urlsplit((message.location or {}).get("url") or "")
            if not (where.netloc == self.host and STREAMLIT_PROBE.fullmatch(where.path)
                    and message.text.startswith("Failed to load resource")):
                self.errors.append(f"{message.text} ({where.geturl()})")

    def outside(self) -> list[str]:
        """The requests to any host but the app's (data: and blob: URLs are the page's own)."""
        return sorted({url for url in self.urls
                       if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != self.host})

    def check(self) -> None:
        """Nothing went outside, and no error was logged. Warnings (Vega's, from the Compare
        chart) are shown in pytest's summary, not failed on."""
        assert self.urls, "no request was recorded"
        assert self.outside() == [], self.outside()
        assert self.errors == [], self.errors
        for text in sorted(set(self.warnings)):
            warnings.warn(f"browser console: {text}", stacklevel=2)


def open_page(browser, url: str, viewport=(1400, 1000)):
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]}, accept_downloads=True)
    traffic = Traffic(page, url)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url, wait_until="networkidle")
    page.get_by_text("Figures", exact=False).first.wait_for(timeout=60_000)
    return page, dialogs, traffic


def wait_idle(page) -> None:
    page.wait_for_timeout(500)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def open_filters(page) -> None:
    """Open the Figures page's filter panel (an expander, closed while nothing is filtered)."""
    if not page.get_by_label("Category").first.is_visible():
        page.get_by_text("Filter", exact=True).first.click()
    page.get_by_label("Category").first.wait_for(timeout=60_000)


def test_paste_see_figures_download_and_script_stays_text(server, browser, tmp_path):
    SHOTS = Path(os.environ.get(SHOTS_ENV) or tmp_path)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, dialogs, traffic = open_page(browser, server)
    wait_idle(page)
    page.locator("[data-testid='stDataFrame'] canvas").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # let the table finish drawing
    page.screenshot(path=str(SHOTS / "figures.png"), full_page=False)

    page.get_by_role("link", name="Add articles", exact=True).click()
    wait_idle(page)
    page.get_by_label("Article text", exact=False).fill(ARTICLE)
    page.get_by_label("Outlet (source)").fill("Browser Test Wire")
    page.get_by_role("button", name="Add this article").click()
    page.get_by_text("1 added").wait_for(timeout=60_000)
    page.screenshot(path=str(SHOTS / "add.png"))

    page.get_by_role("link", name="Figures", exact=True).click()
    wait_idle(page)
    open_filters(page)
    page.get_by_label("Words in the figure or its sentence").fill("120,000")
    page.keyboard.press("Enter")
    wait_idle(page)
    page.get_by_text("1 of").first.wait_for(timeout=30_000)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="CSV", exact=True).click()
    frame = pd.read_csv(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert list(frame["value"]) == [120000.0]
    assert list(frame["unit"]) == ["troop"] and list(frame["source"]) == ["Browser Test Wire"]

    doc_id = pasted_document(ARTICLE).doc_id
    page.goto(f"{server}/document?doc={doc_id}", wait_until="networkidle")  # a shared link to the article
    wait_idle(page)
    page.get_by_text("<script>window.__owned", exact=False).first.wait_for(timeout=30_000)
    page.screenshot(path=str(SHOTS / "article.png"))
    assert page.evaluate("() => window.__owned === undefined"), "the article's script ran"
    assert dialogs == [], "the article's script opened a dialog"

    page.get_by_role("link", name="Compare", exact=True).click()
    wait_idle(page)
    page.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg").first.wait_for(
        timeout=60_000)
    page.wait_for_timeout(1000)  # let the chart finish drawing
    page.screenshot(path=str(SHOTS / "compare.png"))

    page.get_by_role("link", name="Corrections", exact=True).click()
    wait_idle(page)
    page.locator("[data-testid='stDataFrame'] canvas, [data-testid='stDataFrameResizable'] canvas").first.wait_for(
        timeout=60_000)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SHOTS / "corrections.png"))
    traffic.check()


PAYLOAD = "[click](https://evil.example/login) ![](https://evil.example/pixel.png) www.evil.example ops@evil.example"


def no_evil_markup(page) -> None:
    """Nothing on the page links to evil.example or loads anything from it, and its text is shown."""
    found = page.locator("a[href*='evil'], img[src*='evil'], [href*='mailto']")
    assert found.count() == 0, [found.nth(i).evaluate("e => e.outerHTML") for i in range(found.count())]
    page.get_by_text("evil.example", exact=False).first.wait_for(timeout=30_000)


def test_data_is_never_rendered_as_markdown_or_links(server, browser):
    """Issue 8: a link's bad date, an article's title and outlet reach Markdown elements (a
    warning, the title, the caption) and still show as text: no link, no image, no auto-link."""
    from urllib.parse import quote

    page, _, traffic = open_page(browser, f"{server}/?date_to={quote(PAYLOAD)}")
    wait_idle(page)
    page.get_by_text("it is ignored", exact=False).first.wait_for(timeout=30_000)
    no_evil_markup(page)

    page.get_by_role("link", name="Add articles", exact=True).click()
    wait_idle(page)
    text = "Britain sent 300 soldiers to Estonia, the ministry said."
    page.get_by_label("Article text", exact=False).fill(text)
    page.get_by_label("Outlet (source)").fill("www.evil.example ops@evil.example")
    page.get_by_label("Title").fill(PAYLOAD)
    page.get_by_role("button", name="Add this article").click()
    page.get_by_text("1 added").wait_for(timeout=60_000)
    page.goto(f"{server}/document?doc={pasted_document(text).doc_id}", wait_until="networkidle")
    wait_idle(page)
    page.get_by_text("[click](https", exact=False).first.wait_for(timeout=30_000)
    no_evil_markup(page)
    traffic.check()


@pytest.mark.parametrize("viewport", [(1024, 768), (1400, 900)], ids=["1024", "1400"])
def test_nothing_is_fetched_from_outside(server, browser, viewport):
    """Every page, reached by the navigation and by its own address (a shared link), with a
    figure selected and each tab of "Add articles" open: no request leaves the app's server
    (the page icon, the navigation's and buttons' icons, fonts, charts), no console error."""
    page, _, traffic = open_page(browser, server, viewport)
    wait_idle(page)
    grid = page.locator("[data-testid='stDataFrame'] canvas").first
    grid.wait_for(timeout=60_000)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 14, box["y"] + 52)  # the first row's selection box
    wait_idle(page)
    page.get_by_text("Open the whole article").first.wait_for(timeout=30_000)  # the detail pane, with its icon
    for title in ["Compare", "Article", "Add articles", "Corrections", "Figures"]:
        link = page.get_by_role("link", name=title, exact=True)
        if not link.is_visible():  # at 1024 px the sidebar may be collapsed
            page.locator("[data-testid='stExpandSidebarButton'], [data-testid='collapsedControl']").first.click()
        link.click()
        wait_idle(page)
        page.wait_for_timeout(1000)  # let charts and tables draw
        if title == "Add articles":
            for tab in ["Upload files", "Fetch a web page"]:
                page.get_by_role("tab", name=tab).click()
                wait_idle(page)
    for path in ["compare", "document", "add", "corrections"]:
        page.goto(f"{server}/{path}", wait_until="networkidle")
        wait_idle(page)
        page.wait_for_timeout(1000)
    assert any(urlsplit(url).path.endswith(".woff2") for url in traffic.urls), "the fonts were not recorded"
    traffic.check()


#: The Corrections editor's columns that must be in view without scrolling, at each width: whether it
#: is a figure at all first, then the columns a user decides by.
EDITOR_IN_VIEW = {1024: ["As written", "Not a figure", "Value", "Unit", "Whose", "Says who", "As of"],
                  1400: ["As written", "Not a figure", "Value", "Unit", "Whose", "Says who", "As of"]}
#: The Figures table's columns a user decides by, in view at both widths.
FIGURES_IN_VIEW = ["Date", "As written", "Value", "Number", "Unit", "Whose", "Says who"]


@pytest.mark.parametrize("width, height", [(1024, 768), (1400, 900)], ids=["1024", "1400"])
def test_the_figures_table_shows_the_key_columns(server, browser, width, height):
    """As for the editor below: the columns the grid lists are the ones it draws, in view."""
    page, _, traffic = open_page(browser, server, (width, height))
    wait_idle(page)
    table = page.locator("[data-testid='stDataFrame']").first
    table.locator("canvas").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    drawn = [header.text_content().strip() for header in table.locator("[role='columnheader']").all()]
    assert [name for name in drawn if name][:len(FIGURES_IN_VIEW)] == FIGURES_IN_VIEW, drawn
    traffic.check()


@pytest.mark.parametrize("width, height", [(1024, 768), (1400, 900)], ids=["1024", "1400"])
def test_the_corrections_editor_shows_not_a_figure_and_the_key_columns(server, browser, width, height):
    """The grid draws on a canvas and lists only the columns it draws in its accessible table
    (``role="columnheader"``, which has no boxes of its own): those are the ones in view."""
    page, _, traffic = open_page(browser, f"{server}/corrections?doc=000_91e23c0da8ec2b98", (width, height))
    wait_idle(page)
    editor = page.locator("[data-testid='stDataFrame']").first
    editor.locator("canvas").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    drawn = [header.text_content().strip() for header in editor.locator("[role='columnheader']").all()]
    assert drawn[:len(EDITOR_IN_VIEW[width])] == EDITOR_IN_VIEW[width], drawn
    traffic.check()
