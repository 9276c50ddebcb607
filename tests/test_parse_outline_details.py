"""The block outline of a record's body, held to markdown-it's own reading of the whole text.

A record's sections, status and links come from these blocks; fast examples of what the property
tests in tests/test_outline.py and tests/test_speed_shortcuts.py explore at length. What a user
would see break: a section missing or titled differently (`## Status ##`, a setext `Status`
underline, a heading after a fence), a status read from the wrong section, or a list item's text
taken from its neighbour.
"""

from __future__ import annotations

import pytest

from adr.parse.blocks import Block, Item, block_parser, blocks, blocks_of
from adr.parse.outline import Outline


def _one_parse(body: str, first_line: int = 1) -> list[Block]:
    """markdown-it with every rule on, over the whole body: the reading everything is held to."""
    return blocks_of(block_parser().parse(body), first_line)


def _same_as_one_parse(body: str, first_line: int = 1) -> None:
    full = _one_parse(body, first_line)
    assert blocks(body, first_line) == full
    doc = Outline(body, first_line)
    assert doc.headings == [b for b in full if b.kind == "heading"]
    lines = body.count("\n") + first_line
    marks = sorted({first_line - 1, lines, *(b.line for b in full), *(b.line - 1 for b in full), *(b.end for b in full)})
    for after in marks:
        for last in marks:
            if last > after:
                wanted = [b for b in full if after < b.line <= last and b.kind != "heading"]
                assert Outline(body, first_line).between(after, last) == wanted, (after, last)
                assert doc.between(after, last) == wanted, (after, last)
    assert doc.between(first_line - 1) == [b for b in full if b.kind != "heading"]


HEADING_LINES = [
    "# Title", "#", "# ", "#\tTab", "## Closed ##", "##  spaced  #", "## a#", "## a #b", "## a \t", "## é",
    "## a\u00a0", "## \u00a0a", "## a #\u00a0", "## *a*", "## a\0b", "###### Six", "## [x](y)", "## a ##  ", "## #",
    "## a\t#\t", "## a # #",
]


@pytest.mark.parametrize("line", HEADING_LINES)
def test_a_heading_line_reads_as_markdown_it_reads_it(line):
    _same_as_one_parse(line + "\n\ntext\n", 3)
    _same_as_one_parse("intro\n\n" + line)


BODIES = [
    "",
    "just text",
    "# T\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n",
    "# T\n## A\ntext\n## B",  # headings without blank lines, no final newline
    "\n\n# T\n\n\n## S\n\n\n",
    "text\n# T\n\n- a\n- b\n\n## S\n\n1. one\n2. two\n",
    # fences, HTML blocks and headings the cuts could get wrong
    "# T\n\n```\n## not a heading\n```\n\n## Status\n\nAccepted\n",
    "# T\n\n```\n## open to the end\n",
    "# T\n\n~~~\n# x\n~~~\n\n## S\n\n<div>\n\n## in html?\n\n</div>\n",
    "# T\n\n<!--\n## in a comment\n-->\n\n## S\n\nx\n",
    "# T\n\n<!-- open\n\n## S\n\nx\n",
    "# T\n\n<pre>\n## in pre\n</pre>\n\n## S\n",
    "# T\n\n  ## indented\n\n   # three\n\n    # code\n\n## S\n",
    "# T\n\nSetext\n======\n\n## S\n\nSub\n---\n\nx\n",
    "# T\n\n> # quoted\n> more\n\n## S\n\n> q\n",
    "# T\n\ntext\r\n## S\r\n",  # a carriage return: read in one piece
    "# T\n\n## \u00a0S\n\nx\n",  # a heading markdown-it reads its own way
    "# T\n\n## a\0b\n\nx\n",
    "# T\n\n- item\n  ```\n  ## in a fenced item\n  ```\n\n## S\n",
    "# T\n\n```\nx\n```\n\n## S\n\n```\nopen at the end\n",
]


@pytest.mark.parametrize("first_line", [1, 4])
@pytest.mark.parametrize("body", BODIES)
def test_an_outline_gives_the_blocks_of_one_parse(body, first_line):
    _same_as_one_parse(body, first_line)


@pytest.mark.parametrize(
    "text",
    [
        # setext underlines and thematic breaks, wherever their line ends
        "Title\n===\n\nBody", "Title\n===", "Title\n===  ", "Title\n=== \n\nBody", "Title\n===\t\n\nBody",
        "Title\n---\n\nBody", "a\n\n***", "a\n\n*** \n\nb", "a\n\n_ _ _\t\n\nb", "a\n\n- - -\n\nb",
        "a -\nb =\n\nc", "a\r\r***\r\rb", "Title\r===\r",
    ],
)
def test_underlines_and_breaks_are_never_missed(text):
    assert blocks(text) == _one_parse(text)


def test_every_kind_of_top_level_block_with_its_lines_and_items():
    body = (
        "# Title\n\nA paragraph\nover two lines\n\n"  # 1-4
        "-\n- second item\n  continued\n- third\n  - nested\n\n"  # 6-10
        "1. one\n2. two\n\nAfter the lists.\n\n"  # 12-15
        "> quoted\n> > nested quote\n\nAfter the quote.\n\n"  # 17-20
        "<div>\nhtml\n</div>\n\n```\ncode\n```\n\n***\n\n    indented\n\nSetext\n------\n\nEnd.\n"  # 22-36
    )
    assert blocks(body, 3) == [
        Block("heading", 3, 3, "Title", 1),
        Block("paragraph", 5, 6, "A paragraph\nover two lines"),
        Block("list", 8, 13, items=[Item("", 8), Item("second item\ncontinued", 9), Item("third", 11)]),  # a list ends after its blank line
        Block("list", 14, 16, items=[Item("one", 14), Item("two", 15)]),
        Block("paragraph", 17, 17, "After the lists."),
        Block("other", 19, 20),
        Block("paragraph", 22, 22, "After the quote."),
        Block("html", 24, 26, "<div>\nhtml\n</div>\n"),
        Block("other", 28, 30, "code\n"),
        Block("other", 32, 32),
        Block("other", 34, 34, "indented\n"),
        Block("heading", 36, 37, "Setext", 2),
        Block("paragraph", 39, 39, "End."),
    ]


@pytest.mark.parametrize("ending", ["> - <!--\n> ", ">- <pre>    \n>", " > * <script>\n>"])
def test_an_html_block_in_a_quoted_list_at_the_very_end(ending):
    """markdown-it-py 4.3 raises IndexError here without a final newline; read with one."""
    assert [(b.kind, b.line, b.end) for b in blocks("# T\n\n" + ending)] == [("heading", 1, 1), ("other", 3, 4)]
