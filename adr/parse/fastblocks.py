"""A fast path for the block pass: plain records are split into blocks by a line scanner.

Most records use only ATX headings, paragraphs and flat `-`, `*` or `+` lists. For those, scanning the
lines gives exactly the blocks markdown-it would, about ten times faster; anything else (code,
quotes, HTML, tables, nested or ordered lists, setext headings, tabs, indentation) returns
None and the caller runs markdown-it. tests/test_bench_fastpath.py holds the two to the same
output on generated, corpus and random documents.
"""

from __future__ import annotations

import re

from adr.parse.blocks import Block, Item

# markdown-it's trim set (`markdown_it.common.utils.MD_TRIM_CHARS`, which a test compares with),
# copied so that the fast path runs without importing markdown-it at all.
_TRIM = "\t\n\x0b\x0c\r \xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"


def mdTrim(text: str) -> str:  # noqa: N802 - markdown-it's name
    return text.strip(_TRIM)

_HEADING = re.compile(r"(#{1,6})(?: (.*))?\Z")
_ORDERED = re.compile(r"\d{1,9}[.)](?: |\Z)")
_BREAK = re.compile(r" {0,3}([-*_])(?: *\1){2,} *\Z")
_SAFE_FIRST = set("([\"'")
_BULLETS = ("- ", "* ", "+ ")
_INTERRUPTS = (*_BULLETS, "#")


class _Unsure(Exception):
    """The text holds something the scanner does not model: use markdown-it."""


def _safe(text: str) -> bool:
    """Whether `text` (a line without its indentation) can only be paragraph text."""
    if not text:
        return False
    first = text[0]
    if first.isalnum():
        return not (first.isdigit() and _ORDERED.match(text))
    if first == "[":
        return "]:" not in text  # a link reference definition is a block of its own
    if first in _SAFE_FIRST:
        return True
    return text.startswith(("**", "__")) and not _BREAK.match(text)


def simple_blocks(body: str, first_line: int = 1) -> list[Block] | None:
    """The same blocks as `blocks.blocks` for simple Markdown, else None."""
    if "\t" in body or "\0" in body or "\r" in body:
        return None
    lines = body.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    elif lines and not lines[-1].strip(" "):
        return None  # markdown-it ends blocks differently before a last line of bare spaces
    try:
        return _scan(lines, first_line)
    except _Unsure:
        return None


def _scan(lines: list[str], offset: int) -> list[Block]:
    out: list[Block] = []
    count = len(lines)
    i = 0
    while i < count:
        line = lines[i]
        if not line.strip(" "):
            i += 1
            continue
        if line[0] == " ":
            raise _Unsure
        if line[0] == "#":
            found = _HEADING.match(line)
            if not found or line.rstrip(" ").endswith("#"):
                raise _Unsure
            out.append(Block("heading", i + offset, i + offset, mdTrim(found.group(2) or ""), len(found.group(1))))
            i += 1
            continue
        if line.startswith(_BULLETS):
            i = _list(lines, i, offset, out)
            continue
        if not _safe(line):
            raise _Unsure
        end = _paragraph_end(lines, i, 0)
        out.append(Block("paragraph", i + offset, end - 1 + offset, mdTrim("\n".join(lines[i:end]))))
        i = end
    return out


def _paragraph_end(lines: list[str], start: int, indent: int) -> int:
    """The index after the last line of the paragraph starting at `start`."""
    i = start + 1
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip(" ")
        if not stripped:
            return i
        if line[0] != " " and line.startswith(_INTERRUPTS):
            return i  # a list item or a heading interrupts the paragraph
        if not _safe(stripped):
            raise _Unsure
        i += 1
    return i


def _item_text(lines: list[str], start: int, end: int) -> str:
    """The first paragraph of an item: its marker line plus continuation lines (indent cut to 2)."""
    parts = [lines[start][2:]]
    for line in lines[start + 1 : end]:
        indent = len(line) - len(line.lstrip(" "))
        parts.append(line[min(indent, 2) :])
    return mdTrim("\n".join(parts))


def _list(lines: list[str], start: int, offset: int, out: list[Block]) -> int:
    """A flat bullet list from `start`; returns the index of the first line after it."""
    marker = lines[start][:2]
    block = Block("list", start + offset, start + offset)
    count = len(lines)
    i = start
    while True:  # one item per turn; `i` is at its `- ` line
        if not _safe(lines[i][2:]) or _BREAK.match(lines[i]):
            raise _Unsure
        end = _paragraph_end(lines, i, 2)
        block.items.append(Item(_item_text(lines, i, end), i + offset))
        i = end
        while True:  # blank lines, then more paragraphs of the same item (indented 2)
            while i < count and not lines[i].strip(" "):
                i += 1
            if i < count and lines[i].startswith("  ") and not lines[i].startswith("   "):
                if not _safe(lines[i][2:]):
                    raise _Unsure
                i = _paragraph_end(lines, i, 2)
                continue
            break
        if i < count and lines[i].startswith(marker):
            continue  # another item; a different bullet starts a new list
        if i < count and lines[i].startswith(" "):
            raise _Unsure
        break
    block.end = i - 1 + offset
    out.append(block)
    return i
