"""Untrusted pull requests (issue 24): nothing a record's author writes runs script on the
published site, and no record's text makes the build take unbounded time.

The records in tests/hostile/ hold raw HTML, links and Mermaid in every form that runs script;
the bodies Python-Markdown is slow on, and the control characters, are made here. One site is
built from all of them in a child process (so a hang fails the test instead of stalling the
suite) and read as a reader meets it: its HTML, its search index, its feed, and in Chromium.
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import real_markdown_files
from tests.test_site_project import text_of, write

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).resolve().parent / "hostile"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
HANG_GUARD = 20  # seconds: the build takes about five; before the guard it took many minutes


def madr(title: str, body: str) -> str:
    return f"---\nstatus: proposed\ndate: 2024-03-01\n---\n# {title}\n\n## Context and Problem Statement\n\n{body}\n"


# Bodies Python-Markdown takes minutes on (or recurses on until it fails); measured before the guard.
SLOW = {
    "0003-many-brackets.md": madr("Many brackets", "[a" * 50000),
    "0004-unclosed-links.md": madr("Unclosed links", "[x](" * 30000),
    "0005-code-fences.md": madr("Code fences", "```x\n" * 20000),
    "0006-nested-emphasis.md": madr("Nested emphasis", "*" * 2000 + "a" + "*" * 2000),
}
CONTROL = (
    "# 7. Ring the \x07bell\x01 and \x1b[31mpaint\x0b it \ufffe\n\nDate: 2024-04-01\nDeciders: Al\x02ice, B\x0cob\n\n"
    "## Status\n\nAccepted\x0b\n\n## Context\n\nText with \x03 in it.\n"
)
OWNER_PAGE = '# Home\n\n<iframe src="https://example.com/embed" title="owner"></iframe>\n\n<span onclick="window.owner = 1">The owner\'s own markup stays.</span>\n'
MKDOCS_YML = """site_name: Hostile
docs_dir: docs
site_dir: site
theme:
  name: material
  font: false
plugins:
  - search
  - adr:
      decisions_dir: decisions
markdown_extensions:
  - toc:
      permalink: true
  - tables
  - admonition
  - attr_list
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


def mkdocs_build(root: Path, timeout: float = 120) -> tuple[subprocess.CompletedProcess, float]:
    """`mkdocs build` of `root` in a child process, with this worktree first on the path."""
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")],
            cwd=root, capture_output=True, text=True, timeout=timeout, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"mkdocs build of {root.name} did not finish in {timeout:.0f} s")
    return done, time.perf_counter() - started


def hostile_project(root: Path, extra: dict[str, str]) -> Path:
    decisions = root / "decisions"
    shutil.copytree(HOSTILE, decisions)
    write(decisions, extra)
    (decisions / "0007-ring-the-bell.md").write_text(CONTROL, encoding="utf-8")
    write(root / "docs", {"index.md": OWNER_PAGE})
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The built site of the records holding script and control characters, with the build's
    stderr and wall time."""
    root = hostile_project(tmp_path_factory.mktemp("hostile"), {})
    done, seconds = mkdocs_build(root)
    assert done.returncode == 0, done.stderr[-3000:]
    return root / "site", done.stderr, seconds


@pytest.fixture(scope="module")
def slow(tmp_path_factory):
    """The same with the bodies Python-Markdown is slow on."""
    root = hostile_project(tmp_path_factory.mktemp("slow"), SLOW)
    done, seconds = mkdocs_build(root)
    assert done.returncode == 0, done.stderr[-3000:]
    return root / "site", done.stderr, seconds


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "background", "poster", "cite", "srcset", "content"}


def live_script(source: str) -> list[str]:
    """Everything in `source` a browser would run, or load as a page: a script holding a
    payload, an `on...` attribute, a `javascript:`/`vbscript:`/non-image `data:` URL, a frame,
    an object, a `<base>`, a refresh. Material's own scripts (no payload) are not counted."""
    found: list[str] = []

    class Parser(HTMLParser):
        in_script = False

        def handle_starttag(self, tag, attrs):
            self.in_script = tag == "script"
            for name, value in attrs:
                value = value or ""
                url = re.sub(r"[\x00-\x20]+", "", html.unescape(value)).lower()
                if name.startswith("on") or name == "srcdoc":
                    found.append(f"<{tag} {name}={value[:60]}>")
                elif name in URL_ATTRIBUTES and re.search(r"(?:^|url=)(?:javascript|vbscript):", url):
                    found.append(f"<{tag} {name}={value[:60]}>")
                elif name in URL_ATTRIBUTES and url.startswith("data:") and not (tag == "img" and name == "src" and url.startswith("data:image/")):
                    found.append(f"<{tag} {name}={value[:60]}>")
            if tag in ("iframe", "frame", "object", "embed", "base", "applet") or (tag == "meta" and dict(attrs).get("http-equiv")):
                found.append(f"<{tag}>")

        def handle_data(self, data):
            if self.in_script and re.search(r"alert\(|msgbox", data):
                found.append(f"<script>{data[:60]}")

        def handle_endtag(self, tag):
            self.in_script = False

    Parser(convert_charrefs=True).feed(source)
    return found


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in (site / "decisions").rglob("*.html")}


def record_page(site: Path, stem: str) -> str:
    return (site / "decisions" / stem / "index.html").read_text(encoding="utf-8")


def test_the_detector_sees_every_form_of_script():
    """The check the tests below rely on flags each payload of tests/hostile as written there."""
    raw = (HOSTILE / "0001-raw-html-in-every-form.md").read_text(encoding="utf-8")
    assert len(live_script(raw)) >= 25
    assert live_script('<p title="onclick=alert(1)">x</p><img src="data:image/png;base64,AA"><a href="#x">y</a>') == []


def test_no_generated_page_holds_script_a_record_wrote(hostile):
    site, _, _ = hostile
    built = pages(site)
    assert len(built) == 6 + 3, sorted(built)  # every section page and every record
    for name, source in built.items():
        assert live_script(source) == [], name
    assert "&lt;img src=x onerror=alert('maker')&gt;" in built["decisions/index.html"]  # names stay text


def test_ordinary_markup_and_the_plugins_own_survive(hostile):
    site, _, _ = hostile
    page = record_page(site, "0001-raw-html-in-every-form")
    for kept in (
        "<strong>bold</strong>", "<em>emphasis</em>", "<code>code</code>", "<kbd>Ctrl</kbd>+<kbd>C</kbd>", "H<sub>2</sub>O",
        '<a href="https://example.com/page" title="Example">a page</a>', "<details><summary>More</summary>Details stay.</details>",
        'class="headerlink"', 'href="../0002-record-consequences-as-written/"',
    ):
        assert kept in page, kept
    assert re.search(r"<div class=\"adr-graph\"[^>]*><pre class=\"adr-mermaid\">flowchart", page)
    assert re.search(r'<th style="text-align: ?left;?">Option</th>', page)
    assert re.search(r'<img alt="a dot" src="data:image/png;base64,iVBOR', page)  # an image's own picture stays
    assert '<pre class="mermaid"><code>flowchart LR' in page  # a Mermaid fence, for Material's strict Mermaid
    log_page = (site / "decisions" / "index.html").read_text(encoding="utf-8")
    for kept in ('<table class="adr-log" data-adr-log="">', 'data-adr-filter="status"', 'data-adr-filter="text" placeholder="type to filter"',
                 'type="checkbox"', 'class="adr-empty" hidden=""', 'data-status="accepted"'):
        assert kept in log_page, kept
    text = text_of(page)
    assert "Hover me" in text and "a javascript link" in text and "A reference link" in text  # the text stays, as text


def test_the_site_owners_own_pages_are_left_alone(hostile):
    site, _, _ = hostile
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<iframe src="https://example.com/embed"' in home and 'onclick="window.owner = 1"' in home


def test_the_search_index_holds_no_markup_that_runs(hostile):
    """Material shows search results as HTML: titles and text must be inert there too."""
    site, _, _ = hostile
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    ours = [d for d in docs if d["location"].startswith("decisions/")]
    assert any("Hover me" in d["text"] for d in ours)
    for doc in ours:
        assert live_script(doc["title"]) == [] and live_script(doc["text"]) == [], doc["location"]
        assert not re.search(r"<(?!/?(?:p|code|pre|li|ol|ul|sub|sup)>)[a-z]", doc["title"] + doc["text"]), doc["location"]


def test_the_feed_stays_well_formed_whatever_the_fields_hold(hostile):
    site, _, _ = hostile
    feed = ET.parse(site / "decisions" / "feed.xml").getroot()  # raises on one stray control character
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [e.findtext(f"{atom}title") for e in feed.iter(f"{atom}entry")]
    assert "Accepted: 7. Ring the bell and [31mpaint it " in titles, titles
    assert any("<img src=x onerror=alert('title')>" in t for t in titles)  # text in the feed, escaped in its XML
    authors = [e.findtext(f"{atom}author/{atom}name") for e in feed.iter(f"{atom}entry")]
    assert "Alice, Bob" in authors


def test_hostile_bodies_build_in_seconds_shown_as_written_with_a_warning(slow):
    site, stderr, seconds = slow
    assert seconds < HANG_GUARD, f"{seconds:.1f} s"
    for name in SLOW:
        assert re.search(rf"WARNING.*adr: .*{re.escape(name)}: shown as written, not rendered", stderr), (name, stderr[-2000:])
        page = record_page(site, name[:-3])
        assert "Shown as written" in page and 'class="admonition warning"' in page
        assert "[a[a[a" in page or "[x]([x](" in page or "```x" in page or "*****a****" in page  # the text, verbatim
    assert stderr.count("shown as written") == len(SLOW)  # the other records render


def test_the_guard_renders_every_real_record():
    """The limits sit far above anything real: no record of the samples, this project's log or
    the corpora (when beside the checkout) is shown as text."""
    from adr.site.guard import why_not_rendered

    files = real_markdown_files()
    assert len(files) >= 50
    assert [(f.name, why) for f in files if (why := why_not_rendered(f.read_text(encoding="utf-8", errors="replace")))] == []


def test_a_record_with_5000_relations_draws_a_bounded_graph(tmp_path):
    from adr.site import build_site
    from adr.site.graph import MAX_NEIGHBOURS, MAX_NODES
    from adr.store.log import DecisionLog

    links = "".join(f"- Relates to [{i}](%04d-leaf.md)\n" % i for i in range(2, 5002))
    files = {"0001-hub.md": madr("Hub", "A decision related to 5,000 others.\n\n## Links\n\n" + links)}
    files.update({"%04d-leaf.md" % i: madr(f"Leaf {i}", "A leaf.") for i in range(2, 5002)})
    write(tmp_path / "decisions", files)
    started = time.perf_counter()
    site = build_site(DecisionLog.load([tmp_path / "decisions"]))
    assert time.perf_counter() - started < 60
    by_src = {p.src_uri: p.content for p in site.pages}
    hub, graph = by_src["decisions/0001-hub.md"], by_src["decisions/graph.md"]
    assert hub.count("  click n") == MAX_NEIGHBOURS + 1
    assert "4,960 more related decisions, listed above, are not drawn." in hub
    assert hub.count('<li><span class="adr-relation">') == 5000  # the list names every one
    assert graph.count("  click n") == MAX_NODES
    assert "5,001 decisions are linked here; the 150 nearest the most linked one are drawn, 4,851 others left out" in graph
    assert site.context.shown_as_text == {}  # a long list of links renders


def test_a_site_owner_widens_the_allow_list(tmp_path):
    write(tmp_path / "decisions", {"0001-svg.md": madr("Draw", '<svg viewBox="0 0 4 4" onload="alert(1)"><circle r="2"></circle></svg> <mark>marked</mark>')})
    write(tmp_path / "docs", {"index.md": "# Home\n"})
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML.replace("decisions_dir: decisions", "decisions_dir: decisions\n      allow_html: {tags: [svg, circle], attributes: {svg: [viewBox], circle: [r]}}"))
    done, _ = mkdocs_build(tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    page = record_page(tmp_path / "site", "0001-svg")
    assert '<svg viewBox="0 0 4 4"><circle r="2"></circle></svg> <mark>marked</mark>' in page and "onload" not in page


@pytest.mark.parametrize("option, message", [
    ("{tags: [script]}", "adr: allow_html: script cannot be allowed"),
    ("{attributes: {a: [onclick]}}", "adr: allow_html: event attributes (onclick) run script"),
    ("{colours: [red]}", "adr: allow_html: unknown key colours"),
])
def test_an_allow_list_that_would_run_script_is_one_line_error(tmp_path, option, message):
    write(tmp_path / "decisions", {"0001-x.md": madr("X", "x")})
    write(tmp_path / "docs", {"index.md": "# Home\n"})
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML.replace("decisions_dir: decisions", f"decisions_dir: decisions\n      allow_html: {option}"))
    done, _ = mkdocs_build(tmp_path)
    assert done.returncode != 0 and message in done.stderr, done.stderr[-2000:]
    assert "Traceback" not in done.stderr


def test_clean_html_keeps_markdown_and_drops_every_way_to_run_script():
    """The core's pure function, on the payloads alone (no MkDocs)."""
    from adr.site.sanitize import clean_html

    raw = (HOSTILE / "0001-raw-html-in-every-form.md").read_text(encoding="utf-8")
    assert live_script(clean_html(raw)) == []
    kept = '<p class="adr-x" data-adr-filter="tag" hidden=""><a href="../x/#a" title="t">x</a> <img alt="a" src="p.png"></p>'
    assert clean_html(kept) == kept


# ---------------------------------------------------------------- in a browser

def serve(site: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def served(hostile):
    server, base = serve(hostile[0])
    yield base
    server.shutdown()


@pytest.fixture(scope="module")
def served_slow(slow):
    server, base = serve(slow[0])
    yield base
    server.shutdown()


@pytest.fixture
def browser_page(served):
    """A Chromium tab that records dialogs and page errors; Material's Mermaid (fetched from a
    CDN) is served the copy the plugin ships, so record-body Mermaid runs as it would online."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test extra: pip install -e '.[test]'")
    mermaid = ROOT / "site_plugins" / "assets" / "mermaid.min.js"
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        events: list[str] = []
        page.on("dialog", lambda d: (events.append(f"dialog: {d.message}"), d.dismiss()))
        page.on("pageerror", lambda e: events.append(f"page error: {e}"))
        page.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.fulfill(path=str(mermaid), content_type="application/javascript")
                   if "mermaid" in route.request.url else route.abort())
        yield page, served, events
        chromium.close()


def _poke(page) -> None:
    """What a curious reader does: hover and click everything the record's author wrote."""
    for text in ("Hover me", "Toggle me", "a javascript link", "an entity link", "a tab link", "a vbscript link", "a data link",
                 "A reference link", "another", "a collapsed one", "Go", "a div"):
        for target in page.get_by_text(text, exact=True).all()[:2]:
            if target.is_visible():
                target.hover(timeout=2000)
                target.click(timeout=2000, no_wait_after=True, modifiers=["Alt"])  # Alt: no navigation away
    page.wait_for_timeout(300)


def test_no_dialog_or_error_on_the_record_page_and_its_mermaid(browser_page):
    page, base, events = browser_page
    page.goto(base + "decisions/0001-raw-html-in-every-form/")
    rendered = page.locator(".adr-graph__svg svg")
    rendered.first.wait_for(timeout=15000)
    page.wait_for_function("document.querySelectorAll('pre.mermaid, pre.adr-mermaid').length == 0 || "
                           "document.querySelectorAll('.adr-mermaid--failed').length > 0", timeout=15000)
    _poke(page)
    for node in ("C node", "D node", "E node", "F node"):  # the record's own Mermaid: strict, so no click runs
        for target in page.locator("svg g.node").filter(has_text=node).all():
            target.click(timeout=2000, no_wait_after=True)
    page.wait_for_timeout(500)
    hrefs = page.eval_on_selector_all("svg a", "els => els.map(a => a.getAttribute('href') || a.getAttribute('xlink:href') || '')")
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "vbscript:", "data:"))], hrefs
    assert events == []
    # the plugin's own neighbour graph still links to the related decision
    page.locator(".adr-graph .adr-graph__svg svg a").filter(has_text="Record consequences").first.click()
    page.wait_for_url(lambda url: url.endswith("/decisions/0002-record-consequences-as-written/"))
    assert events == []


@pytest.mark.parametrize("url", ["decisions/", "decisions/graph/", "decisions/compromises/", "decisions/assumptions/",
                                 "decisions/stakeholders/", "decisions/timeline/", "decisions/0002-record-consequences-as-written/"])
def test_no_dialog_or_error_on_the_other_pages(browser_page, url):
    page, base, events = browser_page
    page.goto(base + url)
    page.wait_for_timeout(1200)
    _poke(page)
    assert events == []


def test_no_dialog_or_error_after_typing_into_search(browser_page):
    """Material shows each result's title and text as HTML."""
    page, base, events = browser_page
    page.goto(base + "decisions/")
    page.click("label.md-search__icon, .md-search__input")
    page.wait_for_timeout(500)
    box = page.locator("input.md-search__input")
    for query in ("alert", "img onerror", "Hover"):
        box.fill("")
        box.press_sequentially(query, delay=20)
        page.wait_for_function("(document.querySelector('.md-search-result__meta') || {}).textContent.includes('matching')", timeout=15000)
        results = page.locator(".md-search-result__item")
        assert results.count() > 0, query
        for result in results.all()[:5]:
            result.hover(timeout=2000)
        page.wait_for_timeout(300)
    assert "Hover me" in page.inner_text(".md-search-result")
    assert events == []


def test_the_slow_bodies_show_as_text_without_error_in_a_browser(browser_page, served_slow):
    page, _, events = browser_page
    for name in SLOW:
        page.goto(served_slow + f"decisions/{name[:-3]}/")
        page.wait_for_timeout(300)
        assert "Shown as written" in page.inner_text("article")
    page.goto(served_slow + "decisions/")
    page.wait_for_timeout(500)
    assert events == []
