"""What `adr status` writes into a record of each format, line for line, and what it refuses.

The status is changed where the record keeps it (front matter, a `- Status:` item, the Nygard
`## Status` paragraph) and nothing else is touched; a user who sees this break finds their
record's layout rewritten, a link lost, or a status the parser no longer reads."""

from __future__ import annotations

from tests.edit_log import log  # noqa: F401  (the fixture)


def test_front_matter_status_is_replaced_in_place_with_its_continuation_lines(log):
    """A folded `Status : >` value on later lines becomes one `status:` line; the keys around stay."""
    log.write(_0001_a="---\ndate: 2024-01-01\nStatus : >\n  proposed\n  for now\nother: x\n---\n# A\n")
    assert log.status("1", "accepted") == ["doc/adr/0001-a.md"]
    assert log.text("0001-a.md") == "---\ndate: 2024-01-01\nstatus: accepted\nother: x\n---\n# A\n"


def test_a_continued_status_value_at_the_end_of_the_front_matter(log):
    log.write(_0001_a="---\nstatus:\n  proposed\n---\n# A\n\n  indented body\n")
    log.status("1", "accepted")
    assert log.text("0001-a.md") == "---\nstatus: accepted\n---\n# A\n\n  indented body\n"


def test_front_matter_without_a_status_gets_one_first(log):
    log.write(_0001_a="---\ndate: 2024-01-01\n---\n# A\n")
    log.status("1", "accepted")
    assert log.text("0001-a.md") == "---\nstatus: accepted\ndate: 2024-01-01\n---\n# A\n"


def test_a_long_custom_status_is_written_on_one_line(log):
    """A custom status of many words from `.adr.yml` is not folded onto a second line."""
    long = "waiting for the architecture board to decide on the budget of the next financial year"
    (log.root / ".adr.yml").write_text(f"statuses: ['{long}']\n")
    log.write(_0001_a="---\ndate: 2024-01-01\n---\n# A\n")
    log.status("1", long)
    assert log.text("0001-a.md") == f"---\nstatus: {long}\ndate: 2024-01-01\n---\n# A\n"


def test_a_status_key_after_the_front_matter_is_not_the_status(log):
    """`status:` in the body, after the closing `...`, is text: the front matter gets its own, or
    keeps its own changed."""
    log.write(_0001_a="---\ndate: 2024-01-01\n...\nstatus: draft\n# A\n", _0002_b="---\nstatus: proposed\n...\nstatus: draft\n# B\n",
              _0003_c="---\nstatus: proposed\n--- \n# C\n")
    log.status("1", "accepted")
    log.status("2", "accepted")
    log.status("3", "accepted")
    assert log.text("0001-a.md") == "---\nstatus: accepted\ndate: 2024-01-01\n...\nstatus: draft\n# A\n"
    assert log.text("0002-b.md") == "---\nstatus: accepted\n...\nstatus: draft\n# B\n"
    assert log.text("0003-c.md") == "---\nstatus: accepted\n--- \n# C\n"  # closed by `--- `, a trailing space


def test_a_relation_in_a_status_value_is_kept_and_long_values_stay_on_one_line(log):
    """`accepted; supersedes ADR-0045` -> `deprecated; supersedes ADR-0045`; a custom status with
    an umlaut is written as typed, not escaped."""
    long = "amends [the rate limit of every partner on the public API](0009-rate-limit-every-partner-on-the-public-api.md)"
    log.write(_0001_a="---\nstatus: accepted; supersedes ADR-0045\n---\n# A\n", _0002_b=f"---\nstatus: accepted, {long}\n---\n# B\n",
              _0003_c="---\nstatus: superseded by ADR-0009\n---\n# C\n")
    (log.root / ".adr.yml").write_text("statuses: [geprüft]\n")
    log.status("1", "deprecated")
    log.status("2", "geprüft")
    log.status("3", "accepted", force=True)
    assert log.text("0001-a.md") == "---\nstatus: deprecated; supersedes ADR-0045\n---\n# A\n"
    assert log.text("0002-b.md") == f"---\nstatus: geprüft; {long}\n---\n# B\n"
    assert log.text("0003-c.md") == "---\nstatus: accepted\n---\n# C\n"


def test_a_bullet_status_keeps_its_marker_and_spacing(log):
    log.write(_0001_a="# A\n\n* status : proposed\n* Date: 2024-01-01\n\n## Context\n\nx\n",
              _0002_b="# B\n\n- Deciders: Ana\n-   Status:proposed\n")
    log.status("1", "accepted")
    log.status("2", "accepted")
    assert log.text("0001-a.md") == "# A\n\n* status : accepted\n* Date: 2024-01-01\n\n## Context\n\nx\n"
    assert log.text("0002-b.md") == "# B\n\n- Deciders: Ana\n-   Status:accepted\n"


def test_a_nygard_status_paragraph_is_replaced_and_its_links_kept(log):
    """A status written over two lines becomes one; the `Amends` link paragraph under it stays."""
    log.write(_0001_a="# 1. A\n\nDate: 2024-01-01\n\n## Status\n\nProposed\nsince May\n\nAmends [2. B](0002-b.md)\n\n## Context\n\nx\n",
              _0002_b="# 2. B\n\n## Status\n\nAccepted\n")
    log.status("1", "accepted")
    assert log.text("0001-a.md") == "# 1. A\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\nAmends [2. B](0002-b.md)\n\n## Context\n\nx\n"


def test_a_nygard_status_followed_directly_by_its_link(log):
    log.write(_0001_a="# 1. A\n\n## Status\n\nProposed\nAmends [2. B](0002-b.md)\n", _0002_b="# 2. B\n\n## Status\n\nAccepted\n")
    log.status("1", "accepted")
    assert log.text("0001-a.md") == "# 1. A\n\n## Status\n\nAccepted\nAmends [2. B](0002-b.md)\n"


def test_a_status_section_holding_only_links_gets_the_status_first(log):
    log.write(_0001_a="# 1. A\n\n## Status\n\nAmended by [2. B](0002-b.md)\n\n## Context\n\nx\n", _0002_b="# 2. B\n\n## Status\n\nAccepted\n")
    log.status("1", "accepted")
    assert log.text("0001-a.md") == "# 1. A\n\n## Status\n\nAccepted\n\nAmended by [2. B](0002-b.md)\n\n## Context\n\nx\n"


def test_an_empty_status_section_at_the_end_gets_the_status(log):
    log.write(_0001_a="# 1. A\n\n## Status\n")
    log.status("1", "accepted")
    assert log.text("0001-a.md") == "# 1. A\n\n## Status\n\nAccepted\n"


def test_a_record_without_a_status_section_gets_one_after_its_date(log):
    """After the title, or after a `Date:` line among the next six lines; a later one is body text."""
    log.write(_0001_a="# 1. A\n\nSome intro\nDate 2024-01-01\n\n## Context\n\nx\n",
              _0002_b="# 2. B\n\n## Context\n\nx\n",
              _0003_c="Intro line\n\n## Context\n\nx\n",
              _0004_d="# 4. D\n1\n2\n3\n4\n5\ndate: 2024-01-01\nDate: 2024-01-02\n",
              _0005_e="# 5. E\n1\n2\n3\n4\n5\n6\nDate: 2024-01-01\n")
    for n in "12345":
        log.status(n, "accepted")
    assert log.text("0001-a.md") == "# 1. A\n\nSome intro\nDate 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n"
    assert log.text("0002-b.md") == "# 2. B\n\n## Status\n\nAccepted\n\n## Context\n\nx\n"
    assert log.text("0003-c.md") == "Intro line\n\n## Status\n\nAccepted\n\n## Context\n\nx\n"
    assert log.text("0004-d.md") == "# 4. D\n1\n2\n3\n4\n5\ndate: 2024-01-01\n\n## Status\n\nAccepted\nDate: 2024-01-02\n"
    assert log.text("0005-e.md") == "# 5. E\n\n## Status\n\nAccepted\n1\n2\n3\n4\n5\n6\nDate: 2024-01-01\n"


def test_a_record_after_front_matter_without_a_title_gets_the_status_after_it(log):
    log.write(_0001_a="# 1. A\n\n## Status\n\nAccepted\n")  # the log stays Nygard
    log.put("0002-b.md", "---\n---\nText.\n")
    log.status("2", "accepted", force=True)
    assert log.text("0002-b.md") == "---\nstatus: accepted\n---\nText.\n"


def test_the_lifecycle_refuses_with_the_line_of_the_status(log):
    """A forbidden change names the file and the status line (the title line when there is none),
    and says how to force it; nothing is written."""
    log.write(_0001_a="# 1. A\n\n## Status\n\nRejected\n\n## Context\n\nx\n", _0002_b="---\nstatus: rejected\n---\n# B\n",
              _0003_c="\n# 3. C\n\n## Context\n\nx\n")
    assert log.refused("status", "1", "accepted") == "doc/adr/0001-a.md:5: cannot go from 'rejected' to 'accepted'; use --force to change it anyway"
    assert log.refused("status", "2", "Accepted") == "doc/adr/0002-b.md:2: cannot go from 'rejected' to 'accepted'; use --force to change it anyway"
    assert log.refused("status", "3", "superseded") == (
        "doc/adr/0003-c.md:2: superseded by which record? Write that one with `adr new -s 3 TITLE`, "
        "or link it with `adr link NEW supersedes 3`; use --force to change it anyway"
    )
    assert log.status("1", "accepted", force=True) == ["doc/adr/0001-a.md"]
    assert log.text("0001-a.md") == "# 1. A\n\n## Status\n\nAccepted\n\n## Context\n\nx\n"


def test_superseded_is_allowed_when_a_link_names_the_successor(log):
    log.write(_0001_a="# 1. A\n\n## Status\n\nAccepted\n\nSuperseded by [2. B](0002-b.md)\n", _0002_b="# 2. B\n\n## Status\n\nAccepted\n")
    assert log.status("1", "superseded") == ["doc/adr/0001-a.md"]
    assert log.text("0001-a.md") == "# 1. A\n\n## Status\n\nSuperseded\n\nSuperseded by [2. B](0002-b.md)\n"


def test_the_same_status_again_writes_nothing(log):
    log.write(_0001_a="# 1. A\n\n## Status\n\naccepted\n")
    assert log.status("1", "Accepted") == []
    assert log.text("0001-a.md") == "# 1. A\n\n## Status\n\naccepted\n"
