"""Reading only the sections a record's reader needs (ADR 29) must change no result: the outline
is held to one parse of the whole body, block by block and record by record."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from adr.parse import outline as outline_module, record as record_module
from adr.parse.blocks import blocks
from adr.parse.outline import Outline

# Lines that cut a body, hide a cut (fences, HTML blocks, indented or setext headings) or end
# and continue every container around one.
LINES = [
    "", "", "text", "# Title", "## Status", "## Links", "## Assumptions", "### Sub", "#", "# ", "#\tTab", "###### Six",
    "####### seven", "#no", "## Closed ##", "##  spaced  #", "  ## indented", "   # three", "    # code", "\t# tab code",
    "Setext", "===", "---", "- item", "- [x](0002-x.md)", "Superseded by [2. X](0002-x.md)", "accepted", "  continued",
    "    code", "> quote", "> # quoted", "```", "~~~", "```md", "<div>", "</div>", "<!-- c -->", "<!--", "-->", "<pre>",
    "</pre>", "<?php", "?>", "<![CDATA[", "]]>", "<!DOCTYPE x>", "[ref]: /url", "[ref]:", "  \"title", "- A1: holds",
    "1. one", "* * *", "- - -", "nul \0", "é ü 東",
]


def _whole(body: str, first_line: int = 1) -> list:
    return blocks(body, first_line)


def _same_as_one_parse(body: str, first_line: int = 1) -> None:
    full = _whole(body, first_line)
    doc = Outline(body, first_line)
    assert doc.headings == [b for b in full if b.kind == "heading"]
    lines = body.count("\n") + first_line
    marks = sorted({first_line - 1, lines, *(h.line for h in full), *(h.line - 1 for h in full), *(h.end for h in full)})
    for after in marks:
        for last in marks:
            if last > after:
                wanted = [b for b in full if after < b.line <= last and b.kind != "heading"]
                assert Outline(body, first_line).between(after, last) == wanted, (after, last)
                assert doc.between(after, last) == wanted, (after, last)  # again, now partly parsed


@settings(max_examples=2500, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=14), st.booleans(), st.integers(1, 9))
def test_an_outline_gives_the_blocks_one_parse_of_the_whole_body_gives(lines, final_newline, first_line):
    _same_as_one_parse("\n".join(lines) + ("\n" if final_newline else ""), first_line)


class _WholeOutline(Outline):
    """The outline as one parse of the whole body: what the shortcut is held to."""

    def _cut(self, body: str, first_line: int) -> bool:
        return False


def _same_record(monkeypatch, path: Path, text: str) -> None:
    quick = record_module.parse_record(path, text)
    with monkeypatch.context() as patch:
        patch.setattr(record_module, "Outline", _WholeOutline)
        slow = record_module.parse_record(path, text)
    assert quick == slow, path


def test_every_real_record_reads_the_same_as_from_one_parse(monkeypatch):
    from tests.conftest import ROOT, minimum_real_files, real_markdown_files

    files = [*real_markdown_files(), *(ROOT / "tests" / "fuzz").rglob("*.md")]
    assert len(files) > minimum_real_files()
    for path in files:
        _same_record(monkeypatch, path, path.read_text(encoding="utf-8", errors="replace"))


RECORD_LINES = [
    "", "# 3. Use X", "Date: 2024-01-02", "Deciders: Ana, Bob", "## Status", "Accepted", "Superseded by [4. Y](0004-y.md)",
    "## Links", "- Amends [2. X](0002-x.md)", "## Assumptions", "- A1: a hundred partners", "- [A1 of ADR 2](0002-x.md#a1): no longer",
    "## Context", "Why.", "### Sub", "- Status: accepted", "- Deciders: Ana", "Status", "------", "<!-- note -->", "```", "<div>",
    "  ## Status", "# Second title", "---", "status: draft", "date: 2024-02-30",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(RECORD_LINES), max_size=16))
def test_a_record_reads_the_same_as_from_one_parse(lines):
    from pytest import MonkeyPatch

    with MonkeyPatch.context() as monkeypatch:
        _same_record(monkeypatch, Path("0003-use-x.md"), "\n".join(lines) + "\n")


def test_a_record_parses_only_the_sections_its_reader_needs(monkeypatch):
    parsed = []
    whole_tokens = outline_module.tokens

    def counting(text):
        parsed.append(text)
        return whole_tokens(text)

    monkeypatch.setattr(outline_module, "tokens", counting)
    text = (
        "# 3. Use X\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\n- a long list\n- of reasons\n\n"
        "## Decision\n\nWe use X.\n\n## Consequences\n\n- Good, because fast\n"
    )
    record = record_module.parse_record(Path("0003-use-x.md"), text)
    assert (record.title, record.status, record.raw_date) == ("Use X", "accepted", "2024-01-02")
    assert [s.title for s in record.sections] == ["Status", "Context", "Decision", "Consequences"]
    assert parsed == ["\nDate: 2024-01-02\n\n", "\nAccepted\n\n"]


def test_a_fence_open_across_a_heading_line_is_read_from_one_parse():
    body = "# T\n\n```\n## not a heading\n```\n\n## Status\n\nAccepted\n"
    doc = Outline(body)
    assert [(h.text, h.line) for h in doc.headings] == [("T", 1), ("Status", 7)]
    assert [(b.kind, b.line) for b in doc.between(1, 6)] == [("other", 3)]


@settings(max_examples=3000, deadline=None)
@given(
    st.integers(1, 6),
    st.text(alphabet=st.sampled_from(["#", " ", "\t", "a", "é", "\u00a0", "\u2003", "\ufeff", "\x1c", "\x85", "\0", "\v", "\f", "*"]), max_size=12),
)
def test_a_heading_line_is_read_as_markdown_it_reads_it(level, rest):
    from adr.parse.outline import _heading, _headings

    source = "#" * level + (" " if rest[:1] not in ("", " ", "\t") else "") + rest
    full = [b for b in blocks(source, 5) if b.kind == "heading"]
    assert _headings([(5, source)]) == full
    quick = _heading(5, source)
    assert quick is None or [quick] == full
