"""Links inside copied Markdown, pointed at the generated pages instead of the source files.

A record's body links to `0002-x.md`; on the site that is `decisions/0002-x/`, and on the
compromises page it is a different relative path again. Links that lead nowhere on the site
(files of the repository, say) keep their text and lose the link, so a strict build stays clean.
"""

from __future__ import annotations

import re
from pathlib import Path

from adr.store.log import DecisionLog
from adr.model import Record
from adr.site.layout import Layout

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?^\1?\2[`~]*[ \t]*$", re.M | re.S)
_CODE_OR_LINK = re.compile(
    r"(?P<code>`+[^`\n]*`+)"
    r"|(?P<bang>!?)\[(?P<label>(?:[^\[\]\n]|\[[^\]\n]*\])*)\]\(\s*<?(?P<href>[^)\s>]*)>?(?P<title>\s+\"[^\"]*\")?\s*\)"
)
_UNSAFE = re.compile(r"^\s*(?:javascript|vbscript|data)\s*:", re.I)
_PICTURE = re.compile(r"^data:image/", re.I)  # an image's inline picture runs nothing
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|/)", re.I)
_IMAGE = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"}


class Retargeter:
    """Rewrites links for one page; remembers the image files the pages need published."""

    def __init__(self, log: DecisionLog, layout: Layout):
        self.log = log
        self.layout = layout
        self.assets: dict[str, Path] = {}  # src_uri on the site -> file on disk

    def __call__(self, text: str, record: Record, from_src: str) -> str:
        out, last = [], 0
        for fence in _FENCE.finditer(text):
            out.append(self._prose(text[last : fence.start()], record, from_src))
            out.append(fence.group(0))
            last = fence.end()
        out.append(self._prose(text[last:], record, from_src))
        return "".join(out)

    def _prose(self, text: str, record: Record, from_src: str) -> str:
        return _CODE_OR_LINK.sub(lambda m: self._link(m, record, from_src), text)

    def _link(self, m: re.Match, record: Record, from_src: str) -> str:
        if m.group("code"):
            return m.group(0)
        bang, label, href, title = m.group("bang"), m.group("label"), m.group("href"), m.group("title") or ""
        if _UNSAFE.match(href) and not (bang and _PICTURE.match(href)):  # a link that runs code when clicked: keep its text only
            return label
        if not href or _EXTERNAL.match(href):
            return m.group(0)
        path, _, fragment = href.partition("#")
        anchor = f"#{fragment}" if fragment else ""
        if not path:  # an anchor in the record itself
            return m.group(0) if from_src == self.layout.record(record) else label
        if path.lower().endswith((".md", ".markdown")):
            target = self.log.resolve(record, path)
            if target is not None:
                return f"{bang}[{label}]({self.layout.md_link(from_src, self.layout.record(target))}{anchor}{title})"
        elif Path(path).suffix.lower() in _IMAGE:
            asset = self._asset(record, path)
            if asset:
                return f"{bang}[{label}]({self.layout.md_link(from_src, asset)}{title})"
        return label if not bang else label or Path(path).name

    def _asset(self, record: Record, path: str) -> str | None:
        file = (record.path.parent / path).resolve()
        folder = self.log.folder_of(record).resolve()
        if not file.is_file() or folder not in file.parents:
            return None
        slug = self.layout.slugs.get(self.log.folder_of(record), "")
        src = "/".join(p for p in (self.layout.prefix, slug, file.relative_to(folder).as_posix()) if p)
        self.assets[src] = file
        return src
