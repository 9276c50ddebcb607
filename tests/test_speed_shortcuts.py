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
    from adr.parse.placeholders import _PLACEHOLDER, _PLACEHOLDER_ANYWHERE

    text = "".join(pieces)
    if any(_PLACEHOLDER.search(line.strip()) for line in text.split("\n")):
        assert _PLACEHOLDER_ANYWHERE.search(text)
