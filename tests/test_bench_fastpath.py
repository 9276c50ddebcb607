"""The block-pass fast path (a performance change) must give exactly markdown-it's blocks."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings, strategies as st

from adr.parse import frontmatter
from adr.parse.blocks import blocks, markdown_blocks
from adr.parse.fastblocks import simple_blocks
from adr.write import render, templates

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

LINES = [
    "", " ", "  ", "# Title", "## Section", "### Sub: (option 1)", "###### Six", "####### seven", "#hashtag",
    "# closed #", "#", "##  spaced  ", "Plain text, with a [link](0002-x.md).", "Date: 2020-01-02",
    "Superseded by [3. Use X](0003-use-x.md)", "  indented two", "   three", "    code four", "      six",
    "- item", "- [A1 of ADR 3](0003-x.md#a1): no longer true", "- A1: an assumption", "* star item",
    "+ plus item", "-", "- ", "-  two spaces", "  - nested", "  continued", "1. one", "2) two",
    "2016. a year", "> quote", "```", "~~~", "<div>", "<!-- note -->", "---", "***", "___", "===",
    "- - -", "* * *", "[ref]: http://example.com", "[A1](x.md)", '"quoted"', "(paren)", "**bold** text",
    "__under__ text", "**", "\ttab", "Ünïcode é", "trailing\u00a0", "text  ", "| a | b |", "- **Good**, because x",
    "- (option 1)", "Chosen option: \"(x)\", because y.", "12 monkeys", "x\\", "&amp; entity",
]


def same(body: str, first_line: int = 1) -> bool:
    fast = simple_blocks(body, first_line)
    return fast is None or fast == markdown_blocks(body, first_line)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=14), st.booleans())
def test_random_documents_give_markdown_it_blocks(lines, final_newline):
    body = "\n".join(lines) + ("\n" if final_newline else "")
    assert same(body, 3)


SIMPLE = ["", " ", "# T", "## S", "### (o)", "Text [l](x.md).", "  two", "   three", "    four", "      six", "- item",
          "- A1: x", "* star", "+ plus", "  cont", "(p)", "**b** x", '"q"', "[A1](x.md) y", "Ü", "x  ", "- **G**, b"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(SIMPLE), max_size=16), st.booleans())
def test_simple_documents_take_the_fast_path_and_agree(lines, final_newline):
    """Documents of mostly simple lines, so that the fast path itself is exercised."""
    body = "\n".join(lines) + ("\n" if final_newline else "")
    assert same(body, 1)


def test_templates_take_the_fast_path_and_agree():
    data = render.NewRecord(7, "Use PostgreSQL", "2024-01-02", "proposed", ["data"], ["Ana"], [], [], ["Orders fit on one machine"])
    for text in (render.madr(data), render.nygard(data), templates.NYGARD_FIRST, render.madr(data, first=False)):
        _, body, first, _ = frontmatter.split(text)
        fast = simple_blocks(body, first)
        assert fast is not None, text
        assert fast == markdown_blocks(body, first)
        assert [b.text for b in fast if b.kind == "heading"][:2] in (["Use PostgreSQL", "Context and Problem Statement"], ["7. Use PostgreSQL", "Status"], ["NUMBER. Record architecture decisions", "Status"])


def test_generated_and_real_records_agree(tmp_path):
    import generate

    folder = generate.generate(tmp_path / "log", 60, "madr", history=False)
    files = [*folder.glob("*.md"), *generate.generate(tmp_path / "ny", 40, "nygard", history=False).glob("*.md")]
    files += [*ROOT.parent.joinpath("shared", "corpora").rglob("*.md"), *(ROOT / "decisions").glob("*.md")]
    taken = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
        _, body, first, _ = frontmatter.split(text)
        taken += simple_blocks(body, first) is not None
        assert same(body, first), path
        assert blocks(body, first) == markdown_blocks(body, first), path
    assert taken >= 100  # the generated records all take the fast path


PIECES = [
    "Superseded by ", "[3. Use X](0003-use-x.md)", "[A1 of ADR 3](0003-x.md#a1)", ": no longer true.", " ", "  ",
    "Amends [Y (v2)](../y.md)", "[](x.md)", "[a](https://example.com/x)", "[a](x.md \"title\")", "[a]( x.md )",
    "*em*", "**strong**", "_u_", "`code`", "\\[", "&amp;", "<x.md>", "![img](i.png)", "[a][ref]", "[nested [x]](y.md)",
    "(paren)", "é ü", "\t", "\u00a0", "[a](%20x.md)", "[a](é.md)", "[a](x.md#A2)", "text", ")", "(", "]", "[", "](",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8))
def test_inline_links_fast_path_agrees_with_markdown_it(pieces):
    from adr.parse.inline import links, markdown_links

    source = "".join(pieces)
    if "](" in source or "<" in source:
        assert links(source) == markdown_links(source)


FRONT = [
    "status: accepted", "status: proposed", "Status: Superseded", "date: 2024-01-02", "date: 2024-02-30",
    "date: 2024-1-2", "decision-makers: [Platform team, Ana (architect)]", "consulted: []", "informed: [ ]",
    "tags: [data, api]", "tags: [yes, no]", "tags: [a,b]", "tags: [a, , b]", "tags: [a, b,]", "tags: ['x']",
    "review-by: 2025-06-01", "deciders: Ana and Bo", "title: Use X: now", "title: a # comment", "title: O'Brien",
    "on: off", "yes: 1", "count: 12", "ratio: 1.5", "empty:", "empty: ", "  indented: x", "- item", "key:value",
    "title: é", "title: null", "title: ~", "", "title: a  b", "title: [x] y", "title: .inf", "status: Accepted ",
    "tags: [security, data]", "nested:", "  - a", "title: foo/bar-baz.md", "Date: 2024-05-06", "---",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(FRONT), max_size=8))
def test_front_matter_fast_path_agrees_with_pyyaml(lines):
    source = "\n".join(lines)
    fast = frontmatter.simple_mapping(source)
    if fast is not None:
        assert (fast, []) == frontmatter.load_with_pyyaml(source)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, "<!-- c -->", "x_y", "a*b", " pad "]), max_size=6))
def test_plain_text_shortcut_changes_nothing(pieces):
    import re

    from adr.parse.inline import plain

    source = "".join(pieces)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", source)
    text = re.sub(r"(\*\*|__|(?<!\w)[*_](?!\s))", "", text)
    assert plain(source) == re.sub(r"<!--.*?-->", "", text, flags=re.S).strip()


def test_fast_path_trims_what_markdown_it_trims_and_needs_no_markdown_it():
    import subprocess

    from markdown_it.common.utils import MD_TRIM_CHARS

    from adr.parse.fastblocks import _TRIM

    assert set(_TRIM) == set(MD_TRIM_CHARS)
    code = "import sys; from adr.parse import parse_record; from pathlib import Path; " \
           "r = parse_record(Path('0001-x.md'), '# 1. X\\n\\n## Status\\n\\nAccepted\\n'); " \
           "print(r.status, 'markdown_it' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["accepted", "False"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from([
    "(option 1)", "(Option 1)", "  what problem are we solving, and why now?", "What is the situation that calls for a decision?",
    "{short title", "[describe the context and problem statement", "{Justification", "[driver 3", "\n", "\n  ", "\t", " x ",
    "The issue motivating this decision, and any context", "option 1", "(a benefit)", "{title of option 2}", "\r\n", "\u00a0",
]), max_size=8))
def test_placeholder_prefilter_never_misses_what_the_line_rule_finds(pieces):
    from adr.checks.rules import _PLACEHOLDER, _PLACEHOLDER_ANYWHERE

    text = "".join(pieces)
    if any(_PLACEHOLDER.search(line.strip()) for line in text.split("\n")):
        assert _PLACEHOLDER_ANYWHERE.search(text)
