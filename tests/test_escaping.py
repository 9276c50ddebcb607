"""Escaping: HTML, `<script>`, quotes, Markdown and Mermaid syntax typed into `adr new` stay text.

Checked in what the tool writes (Markdown), in `generate` output (toc, dot, Mermaid: every line
must be one the generator emits, so nothing was injected), and in the HTML of a real MkDocs build.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

TITLE = '<script>alert("t")</script> "]; click n0 call alert(1); x["(a)|b| `c` **d** [e](javascript:alert(2)) #59; &amp; C#'
DECIDER = "<img src=x onerror=alert('decider')> \"] ; click"
CONSULTED = "[Bob](javascript:alert(3)) %%{init: {\"securityLevel\": \"loose\"}}%%"
INFORMED = "Eve\nclick n1 call alert(4)"
TAG = "<b>tag</b>\"]"
ASSUMPTION = "<script>alert('a')</script> holds; \"] --> n9 ; `x` [A1](0001-x.md#a1)"
LABEL = "click n0 call alert"  # a label must be words, but words can still spell Mermaid syntax

PAYLOADS = ["<script>alert(", "<img src=x", "<b>tag</b>", 'href="javascript:', "href='javascript:"]
LABEL_TEXT = r'(?:[^"<>\[\]();|`#]|#(?:\d+|[a-z]+);)*'  # no quote, bracket or `;` but those of Mermaid's entities


@pytest.fixture
def log(tmp_path, adr) -> Path:
    assert adr("init", "--format", "madr", "decisions").code == 0
    made = adr("new", "--decider", DECIDER, "--consulted", CONSULTED, "--informed", INFORMED, "--tag", TAG,
               "--assumption", ASSUMPTION, "-l", f"1:{LABEL}:Called by", "--", TITLE)
    assert made.code == 0, made
    second = adr("new", "-s", "2", "--", "Plain successor of " + TITLE)
    assert second.code == 0, second
    return tmp_path / "decisions"


def test_what_adr_new_writes_reads_back_as_the_same_text(adr, log):
    records = json.loads(adr("list", "--format", "json").out)
    nasty = records[1]
    assert nasty["title"] == TITLE
    assert nasty["decision_makers"] == [DECIDER] and nasty["consulted"] == [CONSULTED]
    assert nasty["informed"] == [" ".join(INFORMED.split())] and nasty["tags"] == [TAG]
    assert [a["text"] for a in nasty["assumptions"]] == [ASSUMPTION]
    assert {(l["label"], l["explicit"]) for l in nasty["links"]} >= {(LABEL, True), ("Superseded by", True)}
    text = (log / Path(nasty["path"]).name).read_text()
    body = text.split("---", 2)[2]
    for payload in PAYLOADS:  # the Markdown body holds no live HTML or link
        assert payload not in body, payload
    assert "&lt;script>" in body  # the tag cannot start; `>` alone is no markup
    assert not re.search(r"(?<!\\)\]\(javascript:", body)  # `\[e\](javascript:...)` is text, not a link


def _check_lines(output: str, allowed: list[str]) -> None:
    for line in output.splitlines():
        assert any(re.fullmatch(pattern, line) for pattern in allowed), f"unexpected line: {line!r}"


def test_generated_mermaid_holds_only_lines_the_generator_writes(adr, log):
    result = adr("generate", "graph", "--format", "mermaid")
    assert result.code == 0
    _check_lines(result.out, [
        r"flowchart LR",
        rf'  n\d+\["{LABEL_TEXT}"\]',
        rf'  n\d+ -->\|"{LABEL_TEXT}"\| n\d+',
        rf'  click n\d+ href "{LABEL_TEXT}"',
        r"  class n\d+ st-[a-z0-9-]+",
    ])
    assert len(re.findall(r"^  click ", result.out, re.M)) == 3  # one per record, none injected
    assert '-->|"Click n0 call alert"|' in result.out
    assert "#lt;script#gt;alert#40;#quot;t#quot;#41;" in result.out and "#35;59#59;" in result.out


def test_generated_dot_and_toc_keep_every_title_inside_its_quotes_or_brackets(adr, log):
    dot = adr("generate", "graph").out
    _check_lines(dot, [
        r"digraph \{", r"  node \[shape=plaintext\];", r"  subgraph \{", r"  \}", r"\}",
        r'    _\d+ \[label="(?:[^"\\]|\\.)*"; URL="[^"]*"\];',
        r'    _\d+ -> _\d+ \[style="dotted", weight=1\];',
        r'  _\d+ -> _\d+ \[label="(?:[^"\\]|\\.)*", weight=0\]',
    ])
    toc = adr("generate", "toc").out
    entries = [l for l in toc.splitlines() if l.startswith("* ")]
    assert len(entries) == 3
    for entry in entries:
        assert re.fullmatch(r"\* \[(?:[^\[\]\\<]|\\.)*\]\([^()\s]+\)", entry), entry  # `>` alone starts nothing
        assert not re.search(r"<[A-Za-z/!?]", entry), entry


def _site_html(project: Path) -> dict[str, str]:
    pytest.importorskip("mkdocs")
    from tests.test_site_project import build_site

    site = build_site(project, "decisions")
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def _live_alerts(source: str) -> list[str]:
    """`alert` anywhere the browser would run it: an element, an `on...` attribute, a script, a URL."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Parser(HTMLParser):
        script = False

        def handle_starttag(self, tag, attrs):
            self.script = tag == "script"
            found.extend(f"<{tag} {k}={v}>" for k, v in attrs if v and "alert" in v and (k.startswith("on") or v.strip().lower().startswith("javascript:")))
            found.extend(f"<{tag}>" for _ in [tag] if tag in ("img", "iframe", "object", "embed") and any("alert" in (v or "") for _, v in attrs))

        def handle_data(self, data):
            if self.script and "alert(" in data:
                found.append(data[:80])

        def handle_endtag(self, tag):
            self.script = False

    Parser().feed(source)
    return found


def test_the_built_site_shows_every_field_as_text(tmp_path, log):
    assert len(_live_alerts('<img src=x onerror="alert(1)"><a href="javascript:alert(2)">x</a><script>alert(3)</script>')) >= 3
    pages = _site_html(tmp_path)
    decision_pages = {k: v for k, v in pages.items() if k.startswith("decisions/")}
    assert decision_pages, sorted(pages)
    for name, source in pages.items():
        for payload in PAYLOADS:
            assert payload not in source, (name, payload)
        assert _live_alerts(source) == [], name
    everything = "\n".join(decision_pages.values())
    assert "&lt;script&gt;alert(" in everything  # shown, as text
    assert html.escape(DECIDER.split(" \"]")[0], quote=False) in everything or "&lt;img src=x onerror=alert(" in everything
    # Mermaid sources in the pages: only lines the site's generator writes
    for name, source in decision_pages.items():
        for block in re.findall(r'<pre class="adr-mermaid">(.*?)</pre>', source, re.S):
            _check_lines(html.unescape(block), [
                r"flowchart (?:TB|LR)",
                rf'  n\d+\["(?:{LABEL_TEXT}|<br/>)*"\]',
                rf'  n\d+ -->\|"{LABEL_TEXT}"\| n\d+',
                rf'  click n\d+ href "{LABEL_TEXT}"',
                r"  class n\d+ st-[a-z0-9-]+",
                r"  classDef st-[a-z0-9-]+ fill:#[0-9a-fA-F]{3,6},stroke:#[0-9a-fA-F]{3,6},color:#ffffff",
                r"  style n\d+ [a-z0-9:#,. -]+",
            ])


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make test installs it)")
def test_no_dialog_fires_in_a_browser_on_any_decision_page(tmp_path, log):
    sync_api = pytest.importorskip("playwright.sync_api")
    import functools
    import http.server
    import threading

    _site_html(tmp_path)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "site"))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    dialogs: list[str] = []
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            urls = ["decisions/", "decisions/graph/", "decisions/assumptions/", "decisions/stakeholders/"]
            urls += [f"decisions/{p.parent.name}/" for p in (tmp_path / "site" / "decisions").glob("0*/index.html")]
            for url in urls:
                page.goto(base + url)
                page.wait_for_timeout(400)
                for link in page.locator("a:has-text('Bob')").all()[:2]:
                    link.click(timeout=2000, no_wait_after=True) if link.is_visible() else None
            browser.close()
    finally:
        server.shutdown()
    assert dialogs == []


def test_ampersands_and_angle_brackets_are_written_as_typed_unless_they_start_markup(adr, tmp_path):
    """People read records raw and in the terminal: `R&D` stays `R&D`, only `<b` becomes `&lt;b`."""
    adr("init")
    made = adr("new", "Use", "R&D", "budget")
    assert made.code == 0, made
    assert "\n# Use R&D budget\n" in (tmp_path / made.out.strip()).read_text()
    amends = adr("new", "-l", "2:Amends:Amended by", "titles", "&", "<b>", "a < b > c", "&amp;")
    written = (tmp_path / amends.out.strip()).read_text()
    assert "\n# titles & &lt;b> a < b > c &amp;amp;\n" in written
    assert "Amended by [3. titles & &lt;b> a < b > c &amp;amp;](0003-" in (tmp_path / made.out.strip()).read_text()
    titles = [r["title"] for r in json.loads(adr("list", "--format", "json").out)]
    assert titles[1:] == ["Use R&D budget", "titles & <b> a < b > c &amp;"]
