"""What each format's record reads as, field by field: the values `adr list --format json` shows,
the links and assumptions the site and `adr check` follow, and the one-line errors for files that
cannot be read.

What a user would see break: a person, tag, date or link missing (or one too many), a link on the
wrong line, a status taken from the wrong line, or an unreadable file reported with the wrong
message, line or severity, or not at all.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from adr.errors import Diagnostic
from adr.model import BULLETS, MADR, NYGARD, AssumptionRef, Link
from adr.names import digest
from adr.parse import parse_record, read_record

WHERE = "/log/0007-use-x.md"


def parse(text: str, where: str = WHERE):
    return parse_record(Path(where), text)


def links(record) -> list[tuple]:
    return [(l.label, l.relation, l.target, l.text, l.line) for l in record.links]


# --- files that cannot be read ---------------------------------------------------------------


def _unreadable(record, path: Path, message: str) -> None:
    assert (record.path, record.id, record.number, record.title, record.status, record.format) == (path, path.stem, 7, path.stem, "", NYGARD)
    assert record.diagnostics == [Diagnostic(str(path), None, "unreadable", message, "error")]


def test_a_file_that_is_no_regular_file_or_cannot_be_opened_is_one_error(tmp_path):
    folder = tmp_path / "0007-a-folder.md"
    folder.mkdir()
    _unreadable(read_record(folder), folder, "not a regular file")
    dangling = tmp_path / "0007-gone.md"
    dangling.symlink_to(tmp_path / "nowhere.md")
    _unreadable(read_record(dangling), dangling, "cannot read file: No such file or directory")


def test_a_file_over_five_megabytes_is_refused_with_its_size(tmp_path):
    limit = 5 * 1024 * 1024
    at_limit = tmp_path / "0007-at-limit.md"
    at_limit.write_bytes(b"# 7. At the limit\n" + b"x" * (limit - 18))
    assert read_record(at_limit).title == "At the limit" and read_record(at_limit).diagnostics == []
    over = tmp_path / "0007-over.md"
    over.write_bytes(b"x" * (limit + 1))
    _unreadable(read_record(over), over, "file is too large to be an ADR (5 MB)")
    big = tmp_path / "0007-big.md"
    big.write_bytes(b"x" * (11 * 1024 * 1024 + 700 * 1024))
    _unreadable(read_record(big), big, "file is too large to be an ADR (11 MB)")


def test_binary_and_mis_encoded_files(tmp_path):
    binary = tmp_path / "0007-binary.md"
    binary.write_bytes(b"# 7. X\n\0\1\2")
    record = read_record(binary)
    _unreadable(record, binary, "file holds NUL bytes: binary, not Markdown")
    assert record.digest == digest(b"# 7. X\n\0\1\2")

    latin = tmp_path / "0007-latin.md"
    data = "---\nstatus: accepted\n\n---\n# 7. Caf".encode() + b"\xe9\n\n## Context\n"
    latin.write_bytes(data)
    record = read_record(latin)
    assert (record.title, record.status, record.digest) == ("Caf\ufffd", "accepted", digest(data))
    assert record.diagnostics == [Diagnostic(str(latin), 5, "unreadable", "invalid UTF-8; undecodable bytes shown as \ufffd", "error")]
    untitled = tmp_path / "0007-untitled.md"
    untitled.write_bytes(b"Caf\xe9\n")
    assert [(d.code, d.line) for d in read_record(untitled).diagnostics] == [("unreadable", 1), ("no-title", 1)]


def test_a_byte_order_mark_and_any_line_ending_read_as_plain_lines(tmp_path):
    expected = parse("# 7. Use X\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\nAmends [1. W](0001-w.md)\n\n## Context\n\nWhy.\n")
    for newline in ("\r\n", "\r"):
        path = tmp_path / "0007-use-x.md"
        text = "# 7. Use X\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\nAmends [1. W](0001-w.md)\n\n## Context\n\nWhy.\n"
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", newline).encode())
        record = read_record(path)
        assert (record.title, record.status, record.status_line, record.raw_date, record.body) == ("Use X", "accepted", 7, "2024-01-02", expected.body)
        assert links(record) == [("Amends", "amends", "0001-w.md", "1. W", 9)] and record.section("context").text == "Why."


# --- what the parser itself cannot read --------------------------------------------------------


def test_unclosed_front_matter_is_an_error_on_line_1():
    record = parse("---\nstatus: accepted\n# 7. Use X\n")
    assert record.diagnostics[0] == Diagnostic(WHERE, 1, "invalid-front-matter", "front matter opened with '---' is never closed", "error")
    assert (record.id, record.body) == ("0007-use-x", "---\nstatus: accepted\n# 7. Use X\n")


def _markdown_parser_fails(monkeypatch):
    from adr.parse import outline

    def fails(body):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(outline, "tokens", fails)


def test_a_markdown_parser_failure_is_one_error_at_the_body_start(monkeypatch):
    _markdown_parser_fails(monkeypatch)
    message = "the Markdown parser failed on this file (RecursionError: maximum recursion depth exceeded); its sections are not read"
    whole = parse("---\nstatus: accepted\n---\nUse X\n=====\n\n```\ncode\n```\n")  # read in one piece, at once
    assert whole.diagnostics == [
        Diagnostic(WHERE, 4, "unreadable", message, "error"), Diagnostic(WHERE, 1, "no-title", "no '# Title' heading; using the file name"),
    ]
    assert (whole.status, whole.title, whole.sections) == ("accepted", "0007-use-x", [])
    lazy = parse("---\ntags: [a]\n---\n# Use X\n\n## Status\n\nAccepted\n")  # sections read when asked for
    assert lazy.diagnostics == [Diagnostic(WHERE, 4, "unreadable", message, "error")]
    assert (lazy.title, [s.title for s in lazy.sections], lazy.status, lazy.tags) == ("Use X", ["Status"], "", ["a"])


# --- titles and numbers -------------------------------------------------------------------------


def test_a_record_without_a_heading_takes_its_front_matter_title():
    record = parse("---\ntitle: Use PostgreSQL\nstatus: accepted\n---\nSome text.\n")
    assert (record.title, record.title_line, record.diagnostics) == ("Use PostgreSQL", None, [])


# --- Nygard metadata lines ----------------------------------------------------------------------


def test_nygard_people_and_tag_lines_beside_the_date():
    record = parse(
        "# 7. Use X\n\nDate: 2024-01-02\n\n- a list first\n\nDECIDERS: Ana (architect), Research and Development\n"
        "Consulted: Security,  , Ops\nInformed: Sales\nTags: data, api\n\n## Status\n\nAccepted\n"
    )
    assert (record.format, record.decision_makers, record.consulted, record.informed, record.tags) == (
        NYGARD, ["Ana (architect)", "Research and Development"], ["Security", "Ops"], ["Sales"], ["data", "api"],
    )


def test_metadata_lines_are_read_from_paragraphs_only_and_not_beside_front_matter():
    listed = parse("# 7. Use X\n\n- Deciders: Ana\n- Ticket: 12\n\n## Status\n\nAccepted\n")
    assert listed.decision_makers == [] and listed.format == NYGARD
    madr = parse("---\nstatus: accepted\ndecision-makers: [Ana]\n---\n# Use X\n\nDeciders: Bob\n")
    assert madr.decision_makers == ["Ana"]


# --- MADR front matter --------------------------------------------------------------------------


def test_front_matter_people_lists_and_prompts():
    record = parse(
        "---\nstatus: accepted\ndecision-makers: Ana and Bob; Cy, Dee\nconsulted: [Sec, null, '', ' ', Ops]\n"
        "informed: '[list everyone who is kept up to date]'\ntags: Ana [lead]\n---\n# T\n"
    )
    assert (record.decision_makers, record.consulted, record.informed, record.tags) == (["Ana", "Bob", "Cy", "Dee"], ["Sec", "Ops"], [], ["Ana [lead]"])
    assert parse("---\ndeciders: '[Ana Silva](https://people/ana) [lead]'\nconsulted: '[Ana]'\n---\n# T\n").decision_makers == [
        "[Ana Silva](https://people/ana) [lead]"
    ]
    assert parse("---\nconsulted: '[Ana]'\n---\n# T\n").consulted == ["[Ana]"]
    assert parse("---\ndeciders: Research AND Development\n---\n# T\n").decision_makers == ["Research AND Development"]


def test_front_matter_review_by_and_links():
    record = parse(
        "---\nstatus: accepted\nreview-by: soon\nlinks:\n  - {target: 0002-x.md, relation: Amends}\n  - target: 0003-y.md\n"
        "  - just text\n  - {relation: Amends}\n---\n# T\n"
    )
    assert (record.raw_review_by, record.review_by) == ("soon", None)
    assert record.links == [Link("Amends", "amends", "0002-x.md", "", 2), Link("Relates to", "relates-to", "0003-y.md", "", 2)]
    for odd in ("links: 5", "links: 0002-x.md", "links: {target: 0002-x.md}"):
        assert parse(f"---\nstatus: accepted\n{odd}\n---\n# T\n").links == [], odd


def test_a_status_link_in_a_flow_mapping_is_on_the_front_matter_line():
    record = parse("---\n{status: 'superseded by [Use X](0012-use-X)', date: 2024-01-31}\n---\n# Y\n")
    assert (record.status, record.status_line, record.date) == ("superseded", None, dt.date(2024, 1, 31))
    assert links(record) == [("superseded by", "superseded-by", "0012-use-X", "Use X", 2)]
    assert links(parse("---\nstatus: accepted; supersedes ADR-0045\n---\n# X\n")) == [("supersedes", "supersedes", "ADR-0045", "", 2)]


# --- MADR 2 and log4brains bullets --------------------------------------------------------------


def test_every_bullet_a_madr2_record_may_hold():
    record = parse(
        "# Use slugs\n\n* Status: superseded by [3. Z](0003-z.md)\n* Date:2020-09-26\n* Decision-makers: Ana\n"
        "* Consulted: Sec; Ops\n* Informed: Sales and Marketing\n* Tags: api [tag] data\n* Review-by: 2025-01-01\n",
        where="/log/20200926-use-slugs.md",
    )
    assert (record.format, record.status, record.status_line, record.raw_date, record.date) == (BULLETS, "superseded", 3, "2020-09-26", dt.date(2020, 9, 26))
    assert (record.decision_makers, record.consulted, record.informed, record.tags) == (["Ana"], ["Sec", "Ops"], ["Sales", "Marketing"], ["api", "data"])
    assert (record.raw_review_by, record.review_by) == ("2025-01-01", dt.date(2025, 1, 1))
    assert links(record) == [("superseded by", "superseded-by", "0003-z.md", "3. Z", 3)]
    spaced = parse("# X\n\n- Status: accepted\n- Decision makers: Bo\n- Tags: [space separated list of tags]\n")
    assert (spaced.decision_makers, spaced.tags) == (["Bo"], [])


# --- the Status section -------------------------------------------------------------------------


def test_the_status_is_the_first_line_that_is_no_link():
    record = parse("# 7. X\n\n## Status\n\nAccepted\n\nSince the 2024 review\n\n[RFC 12](rfc-12.md) explains it\n")
    assert (record.status, record.status_line, record.links) == ("accepted", 5, [])
    record = parse("# 7. X\n\n## Status\n\n-\n- Accepted\n")
    assert (record.status, record.status_line) == ("accepted", 6)
    record = parse("# 7. X\n\n## Status\n\n[Accepted](https://wiki.example/adr-7)\n")
    assert (record.status, record.status_line) == ("accepted", 5)


def test_an_empty_status_section_reads_nothing_from_the_next():
    record = parse("# 7. X\n\n## Status\n\n## Context\n\nProposed rewrite of [2. Y](0002-y.md)\n")
    assert (record.status, record.links) == ("", [])


def test_status_and_link_lines_of_one_paragraph_keep_their_lines():
    record = parse("# 7. X\n\n## Status\n\nAccepted\nSuperseded by [9. Y](0009-y.md)\nAmends [2. W](0002-w.md)\n")
    assert (record.status, record.status_line) == ("accepted", 5)
    assert links(record) == [("Superseded by", "superseded-by", "0009-y.md", "9. Y", 6), ("Amends", "amends", "0002-w.md", "2. W", 7)]


def test_a_link_written_twice_counts_once_and_other_relations_to_it_stay():
    record = parse(
        "# Use slugs\n\n- Status: superseded by [3. Z](0003-z.md)\n- Date: 2020-01-02\n\n"
        "## Links\n\n- Superseded by [3. Z](0003-z.md)\n- Superseded by [4. V](0004-v.md)\n- Refined by [3. Z](0003-z.md)\n",
        where="/log/20200102-use-slugs.md",
    )
    assert [(l.relation, l.target, l.line) for l in record.links] == [
        ("superseded-by", "0003-z.md", 3), ("superseded-by", "0004-v.md", 9), ("refined-by", "0003-z.md", 10),
    ]


def test_a_related_decisions_section_is_a_links_section():
    record = parse("# 7. X\n\n## Status\n\nAccepted\n\n## Related decisions\n\n- [2. Y](0002-y.md)\n")
    assert links(record) == [("Relates to", "relates-to", "0002-y.md", "2. Y", 9)]


# --- assumptions --------------------------------------------------------------------------------


def test_assumptions_and_the_assumptions_of_others_they_invalidate():
    record = parse(
        "# 7. X\n\n## Assumptions\n\nWhat we took for granted:\n\n"
        "- [A1 of ADR 2](0002-x.md#a1) — no longer: see (x)\n"
        "- [A2 of ADR 3](0003-y.md#assumption-2): XML feeds stopped\n"
        "- Traffic stays under 100 rps\n- **A4**: one region\n- Latency per [the SLO](slo.md) holds\n"
        "- <https://example.com/adr/0002.md#a3> no longer\n"
    )
    assert record.invalidates == [
        AssumptionRef("0002-x.md", "A1", "no longer: see (x)", 7),
        AssumptionRef("0003-y.md", "A2", "XML feeds stopped", 8),
        AssumptionRef("https://example.com/adr/0002.md", "A3", "<https://example.com/adr/0002.md#a3> no longer", 12),
    ]
    assert [(a.key, a.text, a.line) for a in record.assumptions] == [
        ("A1", "Traffic stays under 100 rps", 9), ("A4", "one region", 10), ("A3", "Latency per the SLO holds", 11),
    ]


def test_the_record_keeps_its_body_and_id():
    text = "---\nstatus: accepted\n---\n# Use X\n\nWhy.\n"
    record = parse(text, where="/log/use-x.md")
    assert (record.id, record.number, record.body, record.format) == ("use-x", None, "# Use X\n\nWhy.\n", MADR)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_a_file_without_read_permission(tmp_path):
    path = tmp_path / "0007-locked.md"
    path.write_text("# 7. X\n")
    path.chmod(0)
    _unreadable(read_record(path), path, "cannot read file: Permission denied")


# --- where front matter, the preamble and each section begin and end ---------------------------


@pytest.mark.parametrize(
    "text, status, title_line, problems",
    [
        ("--- \nstatus: accepted\n---  \n# Use X\n", "accepted", 4, []),  # blanks after either fence
        ("---\nstatus: accepted\n...\n# Use X\n", "accepted", 4, []),  # YAML's own end marker
        ("---\n---\n# Use X\n", "", 3, []),  # empty front matter
        ("---x\n# Use X\n", "", 2, []),  # no front matter at all
        ("---\nstatus: accepted\n# Use X\n", "", 3, ["invalid-front-matter"]),  # never closed: the body is the whole file
    ],
)
def test_front_matter_fences(text, status, title_line, problems):
    record = parse(text)
    assert (record.status, record.title, record.title_line, [d.code for d in record.diagnostics]) == (status, "Use X", title_line, problems)


def test_a_numbered_or_prefixed_title():
    assert [(r.title_number, r.title) for r in (parse("# 7.\n"), parse("# 12\n"), parse("# ADR: Use X\n"), parse("# Architecture Decision Record - Use Y\n"))] == [
        (7, "0007-use-x"), (12, "0007-use-x"), (None, "Use X"), (None, "Use Y"),
    ]


def test_the_preamble_ends_at_the_first_heading_after_the_title():
    untitled = parse("Date: 2024-01-02\n\n## Status\n\nAccepted\n")
    assert (untitled.raw_date, untitled.status) == ("2024-01-02", "accepted")
    compact = parse("# 7. Use X\nDate: 2024-01-02\n## Status\nAccepted\n")
    assert (compact.raw_date, compact.status, compact.status_line) == ("2024-01-02", "accepted", 4)
    later = parse("# 7. Use X\n\n## Status\n\nAccepted\n\n## Context\n\nDate: 2020-01-01\n\nDeciders: Ana\n")
    assert (later.raw_date, later.decision_makers) == ("", [])


def test_sections_end_before_the_next_of_their_level_or_the_next_title():
    record = parse("# A\n## Status:\nfoo\n## Option X\n### Why\n## Empty\n## Last\nbar\n\n# B\n\ny\n")
    assert [(s.title, s.level, s.line, s.end, s.text) for s in record.sections] == [
        ("Status", 2, 2, 3, "foo"),
        ("Option X", 2, 4, 5, "### Why"),
        ("Why", 3, 5, 5, ""),
        ("Empty", 2, 6, 6, ""),
        ("Last", 2, 7, 9, "bar"),
    ]


def test_bullets_are_metadata_with_a_status_or_two_known_keys_in_the_first_list():
    one = parse("# T\n\nSome intro.\n\n- Status: accepted\n")
    assert (one.format, one.status, one.status_line) == (BULLETS, "accepted", 5)
    two = parse("# T\n\n- Date: 2020-01-01\n- Deciders: Ana\n")
    assert (two.format, two.raw_date, two.decision_makers) == (BULLETS, "2020-01-01", ["Ana"])
    not_metadata = parse("# T\n\n- Date: 2020-01-01\n- Plan: B\n")
    assert (not_metadata.format, not_metadata.raw_date) == (NYGARD, "2020-01-01")
