"""Temporary MkDocs projects with the `adr` plugin, built for real, and helpers to read the result."""

from __future__ import annotations

import html
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def build_site(root: Path, decisions_dir, options: dict | None = None, **mkdocs: object) -> Path:
    """mkdocs.yml + docs/index.md in `root`, built with MkDocs' own API; returns the site dir."""
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    if not (docs / "index.md").exists():
        (docs / "index.md").write_text("# Home\n\nA project with decisions.\n", encoding="utf-8")
    plugin = {"decisions_dir": decisions_dir, **(options or {})}
    config = {
        "site_name": "Test site", "docs_dir": "docs", "site_dir": "site",
        "theme": {"name": "material", "font": False},
        "plugins": ["search", {"adr": plugin}],
        **mkdocs,  # may replace any of the above, `plugins` included
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    cfg = load_config(str(root / "mkdocs.yml"))
    build(cfg)
    return root / "site"


def page(site: Path, url: str, directory_urls: bool = True) -> str:
    """The HTML of the page at `url` (e.g. `decisions/graph/`)."""
    path = site / url
    if url.endswith("/") or url == "":
        path = path / "index.html"
    return path.read_text(encoding="utf-8")


def text_of(html_source: str) -> str:
    """What a reader sees: tags dropped, entities decoded, whitespace collapsed."""
    body = html_source.split('<article', 1)[-1].split(">", 1)[-1].split("</article>", 1)[0]
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>|<pre class=\"adr-mermaid\">.*?</pre>", " ", body, flags=re.S)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    return re.sub(r" ([.,:;)])", r"\1", text)


def search_index(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def graph_links(html_source: str) -> list[str]:
    """Every `click ... href "..."` target of the Mermaid graphs on a page."""
    links = []
    for block in re.findall(r'<pre class="adr-mermaid">(.*?)</pre>', html_source, re.S):
        links += re.findall(r'click \w+ href "([^"]*)"', html.unescape(block))
    return links


def hrefs(html_source: str) -> list[str]:
    article = html_source.split('<article', 1)[-1].split("</article>", 1)[0]
    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', article)]


def resolves(site: Path, page_path: str, href: str) -> bool:
    """Does a relative link on the page at site path `page_path` (a file) lead to a built file?"""
    target = unquote(href.split("#", 1)[0].split("?", 1)[0])
    if not target:
        return True
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), target))
    candidate = site / joined
    if target.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate.is_file()


def test_resolves_follows_links_like_a_browser(tmp_path):
    """The link checker the site tests rely on: directory URLs, .html pages, parents, misses."""
    write(tmp_path, {"decisions/index.html": "", "decisions/a/index.html": "", "decisions/b.html": ""})
    assert resolves(tmp_path, "decisions/graph/index.html", "../a/")
    assert resolves(tmp_path, "decisions/graph/index.html", "../")
    assert resolves(tmp_path, "decisions/graph.html", "b.html#x")
    assert not resolves(tmp_path, "decisions/graph/index.html", "a/")
