"""Links and plain text inside one paragraph or list item."""

from __future__ import annotations

import html
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
    if not _MARKUP_CHARS.search(source):
        return source.strip()  # nothing for the three patterns below to remove
    text = _strip_links(source)
    text = "".join(part if part.startswith("`") else _EMPHASIS.sub("", part) for part in _CODE_SPANS.split(text))
    return _strip_comments(text).strip()


_CODE_SPANS = re.compile(r"(`[^`\n]*`)")  # `*` and `_` inside code are text, not emphasis


def _strip_links(s: str) -> str:
    """`_LINK_MARKUP.sub(r"\\1", s)` in linear time: the regex is quadratic on `[[[[...`."""
    out, p, last = [], 0, 0
    bracket = paren = -1  # cached: first `]` / `)` after an earlier search start
    while True:
        i = s.find("[", p)
        if i < 0:
            break
        if bracket <= i:
            bracket = s.find("]", i + 1)
            if bracket < 0:
                break
        if s.startswith("(", bracket + 1):
            if paren < bracket + 2:
                paren = s.find(")", bracket + 2)
                if paren < 0:
                    break
            start = i - 1 if i > p and s[i - 1] == "!" else i
            out += [s[last:start], s[i + 1 : bracket]]
            last = p = paren + 1
        else:
            p = i + 1
    out.append(s[last:])
    return "".join(out)


def _strip_comments(s: str) -> str:
    """`_COMMENT.sub("", s)` in linear time: with no `-->` left, no later comment can close."""
    out, last = [], 0
    while True:
        start = s.find("<!--", last)
        end = s.find("-->", start + 4) if start >= 0 else -1
        if end < 0:
            break
        out.append(s[last:start])
        last = end + 3
    out.append(s[last:])
    return "".join(out)


def text_of(source: str) -> str:
    """`plain`, also reading what the writers escape: `\\*` is `*`, `&lt;` is `<` (titles, assumptions)."""
    if "\\" not in source and "&" not in source:
        return plain(source)
    text = _ESCAPE.sub(lambda m: chr(_SHIELD + ord(m.group(1))), source)
    text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), plain(text))
    return _SHIELDED.sub(lambda m: chr(ord(m.group(0)) - _SHIELD), text)


_MARKUP_CHARS = re.compile(r"[\[*_<]")
_LINK_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_](?!\s))")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark: a backslash escapes any ASCII punctuation
_SHIELD = 0xDB00  # escaped characters hide as lone surrogates, which decoded text never holds
_SHIELDED = re.compile("[\udb21-\udb7e]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def split_href(href: str) -> tuple[str, str]:
    """`0002-x.md#a1` -> (`0002-x.md`, `a1`)."""
    path, _, fragment = href.partition("#")
    return path, fragment
