"""Links and plain text inside one paragraph or list item."""

from __future__ import annotations

import re
from dataclasses import dataclass

from adr.parse.blocks import inline_parser


@dataclass
class InlineLink:
    before: str  # plain text between the previous link (or start) and this one
    text: str
    href: str


# Plain `[text](file.md)` links amid text without Markdown punctuation are read by one regex;
# anything else (emphasis, code, escapes, entities, HTML, URLs, titles) goes to markdown-it.
_PLAIN_RUN = r"[^\[\]\\`<>&*_!\n]*"
_SIMPLE_LINKS = re.compile(rf"(?:{_PLAIN_RUN}\[{_PLAIN_RUN}\]\([A-Za-z0-9._/#-]+\))*{_PLAIN_RUN}")
_SIMPLE_LINK = re.compile(rf"({_PLAIN_RUN})\[({_PLAIN_RUN})\]\(([A-Za-z0-9._/#-]+)\)")


def links(source: str) -> list[InlineLink]:
    """The links of an inline Markdown string, each with the plain text in front of it."""
    if "](" not in source and "<" not in source:
        return []
    if _SIMPLE_LINKS.fullmatch(source):
        return [InlineLink(m.group(1), m.group(2), m.group(3)) for m in _SIMPLE_LINK.finditer(source)]
    return markdown_links(source)


def markdown_links(source: str) -> list[InlineLink]:
    """`links` by markdown-it's inline parser: any Markdown."""
    out: list[InlineLink] = []
    tokens = inline_parser().parseInline(source)
    children = tokens[0].children or [] if tokens else []
    before: list[str] = []
    current: InlineLink | None = None
    text: list[str] = []
    for tok in children:
        if tok.type == "link_open":
            current = InlineLink("".join(before), "", str(tok.attrGet("href") or ""))
            text = []
        elif tok.type == "link_close" and current is not None:
            current.text = "".join(text)
            out.append(current)
            current = None
            before = []
        elif tok.type in ("text", "code_inline"):
            (text if current is not None else before).append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            (text if current is not None else before).append("\n")
    return out


def plain(source: str) -> str:
    """Inline Markdown as plain text: links become their text, emphasis markers go."""
    if not _MARKUP_CHARS.search(source):
        return source.strip()  # nothing for the three patterns below to remove
    text = _LINK_MARKUP.sub(r"\1", source)
    text = _EMPHASIS.sub("", text)
    return _COMMENT.sub("", text).strip()


_MARKUP_CHARS = re.compile(r"[\[*_<]")
_LINK_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_](?!\s))")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def split_href(href: str) -> tuple[str, str]:
    """`0002-x.md#a1` -> (`0002-x.md`, `a1`)."""
    path, _, fragment = href.partition("#")
    return path, fragment
