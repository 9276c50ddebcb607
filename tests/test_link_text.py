"""What `adr link` and `adr new -l` write into both records, line for line, in each format, and
the one-line errors they refuse with. A user who sees this break gets a link in the wrong
place, a doubled or missing blank line, a link the parser does not read back, or a half-done
change."""

from __future__ import annotations

from tests.edit_log import log  # noqa: F401  (the fixture)


def test_a_bullet_record_gets_its_links_section_after_the_metadata_items(log):
    """log4brains and MADR 2: `## Links` goes after the `- Status:` items with one blank line
    around it, before the next heading, and a file ending with the items keeps its final new line."""
    log.write(_0001_a="# A\n\n- Status: accepted\n", _0002_b="# B\n\n- Status: accepted\n- Date: 2024-01-01\n\n## Context\n\nx\n",
              _0003_c="# C\n\n- Status: accepted\n\n- Date: 2024-01-01\n# Next\n")
    assert log.link("2", "Extends", "1") == ["doc/adr/0002-b.md", "doc/adr/0001-a.md"]
    assert log.link("3", "Relates to", "2") == ["doc/adr/0003-c.md", "doc/adr/0002-b.md"]
    assert log.text("0001-a.md") == "# A\n\n- Status: accepted\n\n## Links\n\n- Extended by [2. B](0002-b.md)\n"
    assert log.text("0002-b.md") == (
        "# B\n\n- Status: accepted\n- Date: 2024-01-01\n\n## Links\n\n- Extends [1. A](0001-a.md)\n- Relates to [3. C](0003-c.md)\n\n## Context\n\nx\n"
    )
    assert log.text("0003-c.md") == "# C\n\n- Status: accepted\n\n- Date: 2024-01-01\n\n## Links\n\n- Relates to [2. B](0002-b.md)\n\n# Next\n"

