"""Shortcuts taken for speed must change no result: each is held to the slow, obvious version."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

PIECES = [
    "Superseded by ", "[3. Use X](0003-use-x.md)", "[A1 of ADR 3](0003-x.md#a1)", ": no longer true.", " ", "  ",
    "*em*", "**strong**", "_u_", "`code`", "\\[", "&amp;", "<x.md>", "![img](i.png)", "(paren)", "é ü", "\t",
    "text", ")", "(", "]", "[", "](", "<!-- c -->", "x_y", "a*b", " pad ",
]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=6))
def test_plain_text_shortcut_changes_nothing(pieces):
    from adr.parse.inline import plain

    source = "".join(pieces)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", source)
    text = "".join(part if part.startswith("`") else re.sub(r"(\*\*|__|(?<!\w)[*_](?!\s))", "", part) for part in re.split(r"(`[^`\n]*`)", text))
    assert plain(source) == re.sub(r"<!--.*?-->", "", text, flags=re.S).strip()


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from([
    "(option 1)", "(Option 1)", "  what problem are we solving, and why now?", "What is the situation that calls for a decision?",
    "{short title", "[describe the context and problem statement", "{Justification", "[driver 3", "\n", "\n  ", "\t", " x ",
    "The issue motivating this decision, and any context", "option 1", "(a benefit)", "{title of option 2}", "\r\n", "\u00a0",
]), max_size=8))
def test_placeholder_prefilter_never_misses_what_the_line_rule_finds(pieces):
    from adr.parse.placeholders import _PLACEHOLDER, _maybe_placeholder

    text = "".join(pieces)
    if any(_PLACEHOLDER.search(line.strip()) for line in text.split("\n")):
        assert _maybe_placeholder(text)


# Lines that start, end or interrupt every block rule, in and out of lists and quotes.
BLOCK_LINES = [
    "", "text", "more text", "# Heading", "## Sub", "===", "---", "--- ", "- - -", "***", "* * *", "_ _ _", "__ __",
    "- item", "* item", "+ item", "1. one", "2) two", "  - nested", "    - deep", "   continued", "    code", "\tcode",
    "  \tmixed", "> quote", ">quote", "> - quoted item", ">     quoted code", "```", "```python", "~~~", "  ```",
    "<div>", "</div>", "<!-- comment -->", "<!--", "-->", "[ref]: /url", "[ref]:", "  /url \"title\"", "[a\n", "b]: /u",
    "- ---", "-", "text ---", "a | b", "|---|", "- [x] done", "1.     code in item", "> ---", "  ===  ", "\u00a0---",
    "nul \0 here", "cr\rin line",
]


def _tokens(parser, text: str) -> list[tuple]:
    return [
        (t.type, t.tag, t.map, t.content, t.markup, t.info, t.level, t.nesting, t.hidden)
        for t in parser.parse(text)
    ]


def _same_tokens_without_unused_rules(text: str) -> None:
    from adr.parse.blocks import block_parser, unused_rules

    assert _tokens(block_parser(unused_rules(text)), text) == _tokens(block_parser(), text)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(BLOCK_LINES), max_size=12), st.sampled_from(["\n", "\r\n"]))
def test_leaving_out_rules_whose_mark_is_absent_changes_no_token(lines, newline):
    _same_tokens_without_unused_rules(newline.join(lines))


def test_leaving_out_unused_rules_changes_no_token_of_a_real_record():
    from tests.conftest import minimum_real_files, real_markdown_files

    files = real_markdown_files()
    assert len(files) > minimum_real_files()
    for path in files:
        _same_tokens_without_unused_rules(path.read_text(encoding="utf-8", errors="replace"))


def test_a_plain_record_is_parsed_by_three_rules_only():
    from adr.parse.blocks import block_parser, unused_rules

    body = "# Title\n\n## Context\n\nSome text.\n\n- Good, because it is fast\n- Bad, because\n  it is new\n"
    parser = block_parser(unused_rules(body))
    assert parser.block.ruler.get_active_rules() == ["list", "heading", "paragraph"]
    assert parser.core.ruler.get_active_rules() == ["block"]


def _slow_fit(text: str, width: int) -> str:
    from wcwidth import wcswidth, wcwidth

    def shown(s: str) -> int:
        return wcswidth(s) if wcswidth(s) >= 0 else len(s)

    if shown(text) > width:
        kept, used = [], 0
        for char in text:
            if used + max(wcwidth(char), 0) > width - 1:
                break
            kept.append(char)
            used += max(wcwidth(char), 0)
        text = "".join(kept) + "…"
    return text + " " * (width - shown(text))


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "Z", " ", "-", "~", "\t", "\x1b", "\x7f", "é", "東", "🙂", "\u0301"]), max_size=30), st.integers(1, 25))
def test_table_cells_of_plain_ascii_take_the_short_way_to_the_same_text(text, width):
    from wcwidth import wcswidth

    from adr.report.table import fit, shown_width

    assert shown_width(text) == (wcswidth(text) if wcswidth(text) >= 0 else len(text))
    assert fit(text, width) == _slow_fit(text, width)


def _slow_section_ends(headings, line_count: int) -> list[int]:
    """Each section's last line, the obvious way: the next section of its level or above, else
    the next title, else the end."""
    ends = []
    sections = [h for h in headings if h.level >= 2]
    for n, block in enumerate(sections):
        end = line_count
        for later in sections[n + 1 :]:
            if later.level <= block.level:
                end = later.line - 1
                break
        else:
            for later in headings:
                if later.line > block.line and later.level == 1:
                    end = later.line - 1
                    break
        ends.append(end)
    return ends


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.integers(1, 4), max_size=12))
def test_section_ends_are_found_in_one_pass_as_by_looking_ahead_from_each(levels):
    from adr.parse.blocks import blocks
    from adr.parse.record import _sections

    body = "".join("#" * level + f" H{n}\n\ntext\n\n" for n, level in enumerate(levels))
    headings = [h for h in blocks(body) if h.kind == "heading"]
    found = _sections(headings, body, 1, body.count("\n") + 1)
    assert [s.end for s in found] == _slow_section_ends(headings, body.count("\n") + 1)
    assert [s.title for s in found] == [h.text for h in headings if h.level >= 2]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "-", "=", "*", " ", "\t", "\n", "_"]), max_size=20), st.sampled_from(["-*_", "=-"]))
def test_a_line_ending_in_a_mark_is_found_by_substring_searches(text, marks):
    from adr.parse.blocks import _a_line_ends_with

    assert _a_line_ends_with(text, marks) == any(line.rstrip(" \t")[-1:] in marks and line.strip(" \t") for line in text.split("\n"))
