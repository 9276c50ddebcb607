"""The writing commands change only the files whose text changes, and refuse a record they
cannot read back safely (binary, mis-encoded, broken front matter) with one line, writing
nothing. A user who sees this break gets files rewritten (and committed) for nothing, or a
damaged record."""

from __future__ import annotations

import os

from tests.edit_log import log  # noqa: F401  (the fixture)


def test_a_link_already_written_one_way_is_completed_in_the_other_file_only(log):
    log.write(_0001_a="# 1. A\n\n## Status\n\nAccepted\n", _0002_b="# 2. B\n\n## Status\n\nAccepted\n\nAmends [1. A](0001-a.md)\n")
    os.utime(log.folder / "0002-b.md", (1_000_000_000, 1_000_000_000))
    assert log.link("2", "amends", "1") == ["doc/adr/0001-a.md"]
    assert log.text("0001-a.md") == "# 1. A\n\n## Status\n\nAccepted\n\nAmended by [2. B](0002-b.md)\n"
    assert (log.folder / "0002-b.md").stat().st_mtime == 1_000_000_000  # not written again
    assert log.link("1", "amended by", "2", "Amends") == []


def test_records_that_cannot_be_edited_safely_are_refused_with_their_line(log):
    log.write(_0001_a="# 1. A\n\n## Status\n\nAccepted\n", _0004_fm="---\nstatus: [x\n---\n# D\n")
    (log.folder / "0003-bin.md").write_bytes(b"# 3. X\n\xff\xfe\n")
    binary = "doc/adr/0003-bin.md:2: not changing this file: invalid UTF-8; undecodable bytes shown as \ufffd"
    assert log.refused("link", "1", "relates to", "3") == binary
    assert log.refused("link", "3", "relates to", "1") == binary
    assert log.refused("status", "3", "accepted") == binary
    broken = "doc/adr/0004-fm.md:3: not changing this file: invalid YAML front matter: did not find expected ',' or ']'"
    assert log.refused("link", "1", "relates to", "4") == broken
    assert log.refused("new", "Use N", supersedes=["4"]) == broken
    assert log.refused("status", "4", "accepted") == broken


def test_a_record_that_is_one_unclosed_code_block_gets_no_link(log):
    """Nowhere to put a `## Status` section the parser would read: refused, neither file written."""
    log.write(_0001_a="# 1. A\n\n## Status\n\nAccepted\n", _0002_b="```\n# 2. B\n\nText\n")
    assert log.refused("link", "1", "relates to", "2") == (
        "doc/adr/0002-b.md: cannot add a link: no place for a '## Status' section (unclosed code block?)"
    )
