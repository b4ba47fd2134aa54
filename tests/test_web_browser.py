"""The dashboard in headless Chromium (Debian's, driven by Playwright) against a real database.

The database holds the hand-made results of test_web_api plus articles ingested through the real
pipeline: the bundled samples/ when present and an article of our own with a <script> in its text.
Screenshots go to benchmarks/results/screenshots/ (or $EVENTWIRE_ARTIFACTS).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian chromium at /usr/bin/chromium (`make browser`)"),
]
ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path(os.environ.get("EVENTWIRE_ARTIFACTS", ROOT / "benchmarks" / "results" / "screenshots"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
HOSTILE = """Protest ends in arrests in Abuja
Wire D, March 8, 2024
ABUJA - Nigerian police arrested 12 protesters outside parliament on Friday. <script>window.pwned = true; alert("pwned")</script>
<img src=x onerror="window.pwned = true">
The government defended the arrests.
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    from test_web_api import build_db

    from eventwire.store.ingest import ingest_paths

    folder = tmp_path_factory.mktemp("browser")
    path = build_db(str(folder / "events.db"))
    inputs = folder / "inputs"
    inputs.mkdir()
    (inputs / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    paths = [str(inputs)] + ([str(ROOT / "samples")] if (ROOT / "samples").is_dir() else [])
    summary = ingest_paths(paths, path, workers=1, progress=False)
    assert summary.articles >= 1, summary.line()
    return path


@pytest.fixture(scope="module")
def base_url(db):
    import uvicorn

    from eventwire.web import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


class Watch:
    """Records console errors, page errors, dialogs and any request that would leave 127.0.0.1."""

    def __init__(self, page, base_url: str):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.route("**/*", lambda route: self._route(route, base_url))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route, base_url: str) -> None:
        if route.request.url.startswith(base_url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def clean(self) -> None:
        assert not self.errors, self.errors
        assert not self.dialogs, self.dialogs
        assert not self.outside, self.outside


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.watch = Watch(page, base_url)
    yield page
    context.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("url, ready, name", [
    ("/events", "#events-table tbody tr", "events"),
    ("/events", "#facets a[data-facet]", "events-facets"),
    ("/timeline?interval=day", "#chart svg rect.bar", "timeline"),
    ("/network", "#chart svg circle.node", "network"),
    ("/map", "#chart svg path.land", "map"),
    ("/articles", "#articles-table tbody tr", "articles"),
    ("/articles/a-shell", "#article-text mark.evidence", "article"),
])
def test_page_loads_offline_without_errors(page, base_url, url, ready, name):
    page.goto(base_url + url)
    page.wait_for_selector(ready, timeout=15000)
    shot(page, name)
    page.watch.clean()


def test_chart_contents(page, base_url):
    page.goto(base_url + "/map")
    page.wait_for_selector("#chart svg circle.dot")
    assert page.locator("#chart svg path.land").count() > 150  # countries of the world outline
    assert page.locator("#chart svg circle.dot").count() >= 3  # Paris, Kharkiv, Lagos at least
    page.goto(base_url + "/network?country=UKR")
    page.wait_for_selector("#chart svg line.edge", state="attached")
    labels = page.locator("#chart svg text.node-label").all_text_contents()
    assert {"RUSMIL", "UKR", "UKRGOV", "RUS"} <= set(labels)
    page.goto(base_url + "/timeline?interval=day&quad_class=4")
    page.wait_for_selector("#chart svg rect.bar")
    assert set(page.locator("#chart svg rect.bar").evaluate_all("els => els.map(e => e.dataset.quad)")) == {"4"}
    page.watch.clean()


def test_filter_then_open_event_shows_highlighted_evidence(page, base_url):
    page.goto(base_url + "/events")
    page.select_option("select[name=plover]", "ASSAULT")
    page.fill("input[name=country]", "UKR")
    page.click("form#filters button[type=submit]")
    page.wait_for_url("**/events?*plover=ASSAULT*")
    rows = page.locator("#events-table tbody tr")
    assert rows.count() >= 1
    assert all("ASSAULT" in text for text in rows.all_inner_texts())
    shot(page, "events-filtered")
    rows.first.locator("a").first.click()
    page.wait_for_url("**/events/*")
    mark = page.locator("mark.evidence").first
    assert mark.is_visible()
    assert "shelled Kharkiv" in mark.inner_text()
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert "Use conventional military force, other" in page.inner_text("dl.facts")
    shot(page, "event")
    page.watch.clean()


def test_facet_link_narrows_the_filter(page, base_url):
    page.goto(base_url + "/events")
    link = page.locator('#facets a[data-facet="quad_class"]', has_text="Material conflict")
    link.click()
    page.wait_for_url("**/events?quad_class=4")
    assert page.locator("select[name=quad_class]").input_value() == "4"
    assert page.locator("#events-table tbody tr.q4").count() == page.locator("#events-table tbody tr").count() > 0
    page.watch.clean()


def test_script_in_ingested_article_does_not_run(page, base_url):
    page.goto(base_url + "/articles?q=Abuja")
    page.click("#articles-table a")
    page.wait_for_selector("#article-text")
    text = page.inner_text("#article-text")
    assert '<script>window.pwned = true; alert("pwned")</script>' in text  # shown as text
    assert '<img src=x onerror="window.pwned = true">' in text
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("#article-text script, #article-text img").count() == 0
    page.goto(base_url + "/events?country=NGA")
    assert page.evaluate("typeof window.pwned") == "undefined"
    shot(page, "hostile-article")
    page.watch.clean()


def test_csv_download_follows_filter(page, base_url):
    page.goto(base_url + "/events?root=19")
    with page.expect_download() as info:
        page.click("a.download")
    lines = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,date,") and len(lines) >= 2
    assert all(",19," in line for line in lines[1:])
