"""Where every page lives (`decisions/<file stem>.md`) and how one page links to another.

MkDocs does not rewrite links inside raw HTML or Mermaid, so they are computed here exactly as
MkDocs places pages: relative, so they work with `use_directory_urls` on or off and under any
sub-path the site is served from.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import quote

from adr.store.log import DecisionLog
from adr.model import Record

SECTIONS = ("index", "graph", "timeline", "assumptions", "compromises", "stakeholders")
FEED = "feed.xml"


@functools.lru_cache(maxsize=65536)
def page_url(src_uri: str, directory_urls: bool) -> str:
    """The URL MkDocs gives a Markdown page, relative to the site root."""
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    parent, name = posixpath.split(stem)
    if not src_uri.endswith(".md"):
        return src_uri
    if name == "index" and directory_urls:
        return f"{parent}/" if parent else ""
    return f"{stem}/" if directory_urls else f"{stem}.html"


def _relpath(target: str, base: str) -> str:
    """posixpath.relpath for site-relative paths, without its os.getcwd() on every call."""
    to, start = [p for p in target.split("/") if p], [p for p in base.split("/") if p]
    common = 0
    while common < min(len(to), len(start)) and to[common] == start[common]:
        common += 1
    parts = [".."] * (len(start) - common) + to[common:]
    return "/".join(parts) or "."


def relative_url(from_src: str, to_src: str, directory_urls: bool) -> str:
    """A link from one page to another (or to a file) as the browser must follow it."""
    here = page_url(from_src, directory_urls)
    there = page_url(to_src, directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here)
    rel = _relpath(there, base)
    if there.endswith("/") or not there:
        rel = "./" if rel == "." else rel + "/"
    return quote(rel, safe="/.-_~")


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "log"


def folder_slugs(folders: list[Path]) -> dict[Path, str]:
    """One short, distinct URL segment per log folder (`docs/adr`, `packages/core/docs/adr`)."""
    resolved = [f.resolve() for f in folders]
    if len(resolved) == 1:
        return {folders[0]: ""}
    common = Path(os.path.commonpath([str(p) for p in resolved]))
    slugs: dict[Path, str] = {}
    for folder, real in zip(folders, resolved):
        parts = real.relative_to(common).parts or (real.name,)
        for size in range(1, len(parts) + 1):  # shortest distinct tail
            tail = parts[-size:]
            if sum(1 for other in resolved if other.relative_to(common).parts[-size:] == tail) == 1:
                break
        slugs[folder] = _slug("-".join(tail))
    return slugs


def folder_titles(folders: list[Path]) -> dict[Path, str]:
    """Each folder's path below the folders' common parent (`docs/adr`, `packages/core/docs/adr`)."""
    resolved = [f.resolve() for f in folders]
    common = Path(os.path.commonpath([str(p) for p in resolved]))
    return {folder: (real.relative_to(common).as_posix() if real != common else real.name) for folder, real in zip(folders, resolved)}


class Layout:
    """Source URIs of every generated page, and links between them."""

    def __init__(self, log: DecisionLog, prefix: str = "decisions", directory_urls: bool = True):
        self.log = log
        self.prefix = prefix.strip("/")
        self.directory_urls = directory_urls
        self.slugs = folder_slugs(log.folders) if log.folders else {}
        self._titles: dict[Path, str] | None = None
        self._src: dict[int, str] = {}
        self._folder: dict[int, Path] = {}
        taken = {self.section(name) for name in SECTIONS} | {self._join(FEED[:-4] + ".md")}
        for record in log.records:
            src = self._record_src(record)
            while src in taken:
                src = src[:-3] + "-adr.md"
            taken.add(src)
            self._src[id(record)] = src

    def _join(self, *parts: str) -> str:
        return "/".join(p for p in (self.prefix, *parts) if p)

    def section(self, name: str) -> str:
        return self._join(f"{name}.md")

    def feed(self) -> str:
        return self._join(FEED)

    def folder_title(self, record: Record) -> str:
        """The log a record belongs to, when a site publishes several: its folder as a path
        readers know (`packages/core/docs/adr`), not the URL segment made from it."""
        if len(self.log.folders) < 2:
            return ""
        folder = self._folder.get(id(record)) or self.log.folder_of(record)
        if self._titles is None:
            self._titles = folder_titles(self.log.folders)
        return self._titles.get(folder, "")

    def _record_src(self, record: Record) -> str:
        folder, rel = self._place(record)
        self._folder[id(record)] = folder
        return self._join(self.slugs.get(folder, ""), f"{rel}.md")

    def _place(self, record: Record) -> tuple[Path, str]:
        """The record's folder and its path inside it; paths as loaded first (no file system calls)."""
        for folder in self.log.folders:
            try:
                return folder, record.path.relative_to(folder).with_suffix("").as_posix()
            except ValueError:
                continue
        folder = self.log.folder_of(record)
        try:
            return folder, record.path.resolve().relative_to(folder.resolve()).with_suffix("").as_posix()
        except ValueError:
            return folder, record.path.stem

    def record(self, record: Record) -> str:
        return self._src[id(record)]

    def url(self, from_src: str, to_src: str) -> str:
        return relative_url(from_src, to_src, self.directory_urls)

    def md_link(self, from_src: str, to_src: str) -> str:
        """A Markdown link target MkDocs resolves and checks itself."""
        return quote(_relpath(to_src, posixpath.dirname(from_src)), safe="/.-_~")
