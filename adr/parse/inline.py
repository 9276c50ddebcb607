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


def links(source: str) -> list[InlineLink]:
    """The links of an inline Markdown string, each with the plain text in front of it."""
    if "](" not in source and "<" not in source:
        return []
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
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", source)
    text = re.sub(r"(\*\*|__|(?<!\w)[*_](?!\s))", "", text)
    return re.sub(r"<!--.*?-->", "", text, flags=re.S).strip()


def split_href(href: str) -> tuple[str, str]:
    """`0002-x.md#a1` -> (`0002-x.md`, `a1`)."""
    path, _, fragment = href.partition("#")
    return path, fragment
