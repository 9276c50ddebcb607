"""Inline Markdown as the user reads it back: titles, statuses and names as plain text, and the
links a status or Links line holds, each with its label, target, text and line.

What a user would see break: a title that keeps `[`, `](x.md)` or `<!-- -->` (or loses a letter
next to them), a status read from a line that only points somewhere, or a link with the wrong
label, text or target in `adr list --format json`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from adr.parse import parse_record
from adr.parse.inline import InlineLink, links, plain, split_href, text_of


@pytest.mark.parametrize(
    "source, shown",
    [
        ("[a](b)", "a"),  # a link at the very start
        ("x [a](b) y [c](d) z", "x a y c z"),  # several, with text around and between
        ("[a](b)c[d](e)", "acd"),
        ("] [a](b)", "] a"),  # a `]` before the first link
        ("x][a](b)", "x]a"),
        ("see [](x.md) here", "see  here"),  # empty link text
        ("[Use X (2)](0002-x.md)", "Use X (2)"),  # a `)` inside the link text
        ("[a]() b", "a b"),  # empty target
        ("[Go](x.md)!", "Go!"),  # a `!` after a link is text
        ("see ![diagram](d.png) here", "see diagram here"),  # an image shows its alt text
        ("![a](b)", "a"),
        ("a![b](c)", "ab"),
        ("see [draft", "see [draft"),  # not links: kept as written
        ("[a](b", "[a](b"),
        ("[a] (b)", "[a] (b)"),
        ("a [b] c [d](e)", "a [b] c d"),
        ("(x) [a](b)", "(x) a"),
        ("[[a](b)", "[a"),
        ("[a](b)[](c)", "a"),  # a link right after a link, with empty text
        # comments go, wherever they are; an unclosed one stays
        ("a <!-- x --> b", "a  b"),
        ("<!-- x -->b", "b"),
        ("a <!-- x --> b <!-- y --> c", "a  b  c"),
        ("a<!---->b", "ab"),
        ("a <!-- x", "a <!-- x"),
        ("a --> b <!-- c --> d", "a --> b  d"),
        ("<!-- a -->-->b", "-->b"),
        # emphasis markers go, except inside code spans
        ("**Use** __it__ `*as is*`", "Use it `*as is*`"),
        ("  padded  ", "padded"),
    ],
)
def test_plain_text_of_inline_markdown(source, shown):
    assert plain(source) == shown


def test_escapes_and_entities_read_as_the_characters_they_stand_for():
    """`adr new` escapes what Markdown would read (`\\*`, `&lt;`); a title reads back as typed."""
    assert text_of("Use \\*stars\\* \\[not a link\\](x) &lt;b&gt; &amp; &#35;1 &bogus; \\a") == "Use *stars* [not a link](x) <b> & #1 &bogus; \\a"
    assert text_of("no escapes [here](x.md)") == "no escapes here"


def test_each_link_of_a_line_comes_with_the_text_in_front_of_it():
    assert links("Amends [a](x.md) and [b](y.md)") == [InlineLink("Amends ", "a", "x.md"), InlineLink(" and ", "b", "y.md")]
    assert links("no links here") == []


def test_a_link_target_splits_at_its_fragment():
    assert split_href("0002-x.md#a1") == ("0002-x.md", "a1")
    assert split_href("0002-x.md") == ("0002-x.md", "")


def _links(text: str):
    record = parse_record(Path("/log/0009-x.md"), text)
    return record.status, [(l.label, l.relation, l.target, l.text, l.line) for l in record.links]


def test_status_links_keep_label_target_text_and_line():
    status, links = _links(
        "# 9. X\n\n## Status\n\nAccepted\n\n"
        "Amends [Use `pg` *now*](0002-pg.md) and [3. Y](0003-y.md), see [web](https://x.org) [top](#top) [mail](mailto:a@b)\n"
    )
    assert status == "accepted"
    assert links == [("Amends", "amends", "0002-pg.md", "Use pg now", 7), ("Amends", "amends", "0003-y.md", "3. Y", 7)]


def test_a_status_line_that_only_points_somewhere_is_no_status():
    """An autolink, or a link without a target, still makes its line a link line, not the status."""
    assert _links("# 9. X\n\n## Status\n\nSee <https://wiki.example/adr-9>\n\nAccepted\n") == ("accepted", [])
    assert _links("# 9. X\n\n## Status\n\nAmends [nothing]()\n\nAccepted\n") == ("accepted", [])


def test_links_section_items_over_several_lines():
    status, links = _links(
        "# 9. X\n\n## Links\n\n"
        "- Amends\n  [Use\n  pg](0002-pg.md)\n"  # label on its own line, link text broken over two
        "- Refined by [a  \nb](0004-b.md) [c\\\nd](0005-c.md)\n"  # hard breaks inside the text
        "- Amended\n  and more [x](0006-x.md)\n"  # a label cut by a line break is no label
        "- [bare](0007-b.md) and [web](https://x.org)\n"
    )
    assert links == [
        ("Amends", "amends", "0002-pg.md", "Use\npg", 5),
        ("Refined by", "refined-by", "0004-b.md", "a\nb", 8),
        ("Refined by", "refined-by", "0005-c.md", "c\nd", 8),
        ("Relates to", "relates-to", "0006-x.md", "x", 11),
        ("Relates to", "relates-to", "0007-b.md", "bare", 13),
    ]
