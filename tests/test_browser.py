"""The built site in a real headless Chromium: search by a stakeholder, the graph, the log filters."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from tests.test_site import MADR, NYGARD
from tests.test_site_project import build_site, write

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (make test installs it)")


@pytest.fixture
def served(tmp_path):
    """The site built for MADR and Nygard records, served under a sub-path from 127.0.0.1."""
    write(tmp_path / "project" / "decisions", {**MADR, **{"0005" + k[4:]: v for k, v in NYGARD.items() if k.startswith("0002")}})
    site = build_site(tmp_path / "project", "decisions")
    root = tmp_path / "www"
    shutil.copytree(site, root / "sub" / "path")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sub/path/"
    server.shutdown()


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test extra: pip install -e '.[test]'")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def open_page(browser, url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    page.goto(url)
    return page, outside


def test_search_finds_a_decision_by_a_stakeholder_name(browser, served):
    page, outside = open_page(browser, served)
    page.click("label.md-search__icon, .md-search__input")
    page.wait_for_timeout(500)
    page.locator("input.md-search__input").press_sequentially("Bob Consultant", delay=30)
    result = page.locator('.md-search-result__item a[href$="/decisions/0001-use-postgresql/"]').first
    result.wait_for(timeout=15000)
    assert "Use PostgreSQL" in result.inner_text()
    result.click()
    page.wait_for_url(lambda url: url.endswith("/sub/path/decisions/0001-use-postgresql/"))
    assert "Bob Consultant" in page.inner_text("article")
    assert outside == []


def test_graph_renders_clickable_nodes_offline(browser, served, tmp_path):
    page, outside = open_page(browser, served + "decisions/graph/")
    nodes = page.locator(".adr-graph__svg svg g.node")
    nodes.first.wait_for(timeout=15000)
    assert nodes.count() == 3  # records 1, 2 and 3 are related; 4 and 5 stand alone
    assert all(nodes.nth(i).is_visible() for i in range(nodes.count()))
    assert "Use managed PostgreSQL" in page.inner_text(".adr-graph__svg")
    page.screenshot(path=str(tmp_path / "graph.png"), full_page=True)
    page.locator(".adr-graph__svg svg a").filter(has_text="Add read replicas").first.click()
    page.wait_for_url(lambda url: url.endswith("/sub/path/decisions/0003-add-read-replicas/"))
    assert "At risk." in page.inner_text("article")
    assert outside == [], outside
    assert (tmp_path / "graph.png").stat().st_size > 10_000


def test_status_filter_on_the_log(browser, served, tmp_path):
    page, _ = open_page(browser, served + "decisions/")
    rows = page.locator("table.adr-log tbody tr")
    assert rows.count() == 5
    page.select_option('select[data-adr-filter="status"]', "superseded")
    visible = page.locator("table.adr-log tbody tr:visible")
    assert visible.count() == 2
    assert {visible.nth(i).get_attribute("data-status") for i in range(2)} == {"superseded"}
    assert page.inner_text(".adr-shown") == "2 of 5 shown"
    page.select_option('select[data-adr-filter="status"]', "")
    page.check('input[data-adr-filter="risk"]')
    assert sorted(page.locator("table.adr-log tbody tr:visible .adr-title").all_inner_texts()) == ["Add read replicas", "Expose a <script>alert('x')</script> API"]
    page.uncheck('input[data-adr-filter="risk"]')
    page.select_option('select[data-adr-filter="person"]', "Platform team")
    assert page.locator("table.adr-log tbody tr:visible").count() == 2
    page.select_option('select[data-adr-filter="person"]', "")
    page.click("table.adr-log th:has-text('Date')")
    dates = page.locator("table.adr-log tbody tr .adr-date").all_inner_texts()
    assert dates == sorted(dates)
    page.screenshot(path=str(tmp_path / "log.png"), full_page=True)
    assert (tmp_path / "log.png").stat().st_size > 10_000
