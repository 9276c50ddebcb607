"""A body's headings at once, and the blocks under a heading only when they are asked for.

A record's reader needs every heading, for its sections, but the blocks of a few sections only:
the preamble, Status, Links and Assumptions. The other sections, most of a MADR record's lists,
need not go through markdown-it's block pass (ADR 29).

A line that starts with one to six `#` and a blank is an ATX heading. At column 0 it is a
top-level heading unless a fence or an HTML block is still open above it: every other block
ends at such a line. So the body is cut at those lines, and the text between two cuts is parsed
on its own, as markdown-it parses it inside the whole. The text between two cuts that could
hold a fence, an HTML block or a heading of its own is parsed at once; where a fence or an HTML
block runs to its end, a cut may be wrong, and the whole body is parsed in one piece instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from adr.parse.blocks import Block, block_parser, blocks_of, can_match, tokens

_ATX = re.compile(r"^#{1,6}(?:[ \t]|$)", re.M)
_INDENTED_ATX = re.compile(r"^ {1,3}#{1,6}(?:[ \t]|$)", re.M)
_ONLY_HEADINGS = frozenset({"code", "fence", "blockquote", "hr", "list", "reference", "html_block", "lheading"})


@dataclass
class _Part:
    """The lines between two cuts: file lines `first` to `last`, `body[start:stop]`."""

    first: int
    last: int
    start: int
    stop: int
    parsed: list[Block] | None = None


class Outline:
    """The top-level blocks of a body: `headings` at once, the others by line range."""

    def __init__(self, body: str, first_line: int = 1) -> None:
        self.failure: Exception | None = None  # a Markdown parser bug met while parsing lazily
        self.headings: list[Block] = []
        self._body = body
        self._parts: list[_Part] = []
        if body and not self._cut(body, first_line):
            whole = _Part(first_line, _END, 0, len(body), blocks_of(tokens(body), first_line))
            self._parts = [whole]
            self.headings = [b for b in whole.parsed or [] if b.kind == "heading"]

    def _cut(self, body: str, first_line: int) -> bool:
        """Cut at each column-0 heading; False when a cut may be wrong (or there is none)."""
        if "\r" in body:  # markdown-it ends lines at \r too; parse_record has turned them into \n
            return False
        starts = [start for start in _line_starts(body, "#") if _ATX.match(body, start)]
        if not starts:
            return False
        heading_lines, line, previous = [], first_line, 0
        parts = [_Part(first_line, 0, 0, starts[0])]
        for start in starts:
            line += body.count("\n", previous, start)
            parts[-1].last = line - 1
            end = body.find("\n", start)
            after = end + 1 if end != -1 else len(body)
            heading_lines.append((line, body[start:after].rstrip("\n")))
            parts.append(_Part(line + 1, _END, after, len(body)))
            parts[-2].stop = start
            previous = start
        headings = _headings(heading_lines)
        if headings is None:
            return False
        self._parts = parts
        if _may_hold_more_than_its_lines_say(body):  # most bodies hold none of the marks
            found = []
            for part in parts:
                text = body[part.start : part.stop]
                if text and _may_hold_more_than_its_lines_say(text):
                    part.parsed, open_at_end = _parse(text, part)
                    if open_at_end and part is not parts[-1]:
                        return False
                    found.extend(b for b in part.parsed if b.kind == "heading")
            headings = sorted([*headings, *found], key=lambda b: b.line)
        self.headings = headings
        return True

    def between(self, after: int, last: int | None = None) -> list[Block]:
        """The blocks other than headings that start after file line `after`, up to `last`."""
        last = _END if last is None else last
        out: list[Block] = []
        for part in self._parts:
            if part.first > last or part.last <= after or part.start == part.stop:
                continue
            if part.parsed is None:
                text = self._body[part.start : part.stop]
                try:
                    part.parsed = _parse(text, part)[0] if text.strip(" \t\n") else []
                except Exception as exc:  # a parser bug: the blocks of this part are not read
                    self.failure, part.parsed = exc, []
            out.extend(b for b in part.parsed if after < b.line <= last and b.kind != "heading")
        return out


_END = 2**31  # past any file line


def _may_hold_more_than_its_lines_say(text: str) -> bool:
    """Whether the text may hold a fence, an HTML block or a heading: it is then parsed at once."""
    return (
        can_match("fence", text) or can_match("html_block", text) or can_match("lheading", text)
        or (" #" in text and _INDENTED_ATX.search(text) is not None)
    )


def _line_starts(text: str, char: str) -> list[int]:
    """Where the lines that start with `char` start: a substring search, where a multi-line
    regex tries every position of the text."""
    found = [0] if text.startswith(char) else []
    at = text.find("\n" + char)
    while at != -1:
        found.append(at + 1)
        at = text.find("\n" + char, at + 1)
    return found


def _parse(text: str, part: _Part) -> tuple[list[Block], bool]:
    """The part's blocks, and whether a fence or an HTML block runs to its last line."""
    found = tokens(text)
    line_count = part.last - part.first + 1
    open_at_end = any(
        t.level == 0 and t.type in ("fence", "html_block") and t.map is not None and t.map[1] >= line_count
        for t in found
    )
    return blocks_of(found, part.first), open_at_end


def _headings(lines: list[tuple[int, str]]) -> list[Block] | None:
    """The heading lines as markdown-it reads them; None when one of them is not a heading."""
    quick = [_heading(line, source) for line, source in lines]
    if None not in quick:
        return quick  # type: ignore[return-value]
    found = blocks_of(block_parser(_ONLY_HEADINGS).parse("\n".join(source for _, source in lines)), 0)
    if len(found) != len(lines) or any(b.kind != "heading" for b in found):
        return None
    return [Block("heading", lines[b.line][0], lines[b.line][0], b.text, b.level) for b in found]


def _heading(line: int, source: str) -> Block | None:
    """An ATX heading line read as markdown-it's heading rule reads it: the closing `#`s and the
    blanks around the text go. None when the text ends in a character whose trimming differs
    between markdown-it versions (Unicode spaces, controls) or holds NUL: markdown-it reads those."""
    level = len(source) - len(source.lstrip("#"))
    content = source[level:].rstrip(" \t")
    unclosed = content.rstrip("#")
    if len(unclosed) < len(content) and unclosed[-1:] in (" ", "\t"):
        content = unclosed
    text = content.strip(" \t")
    if "\0" in text or (text and not (_plain_end(text[0]) and _plain_end(text[-1]))):
        return None
    return Block("heading", line, line, text, level)


def _plain_end(char: str) -> bool:
    return "!" <= char <= "~" or char.isalnum()
