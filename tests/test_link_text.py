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


NYGARD = "# {n}. {t}\n\nDate: 2024-01-01\n\n## Status\n\n{s}\n\n## Context\n\nx\n"


def test_nygard_links_go_under_the_status_one_paragraph_each_with_the_reverse_link_back(log):
    """`adr link 2 amends 1`: `Amends` in 2 and `Amended by` in 1, as adr-tools spells them;
    a custom label with its reverse; a record without a status section gets one first; the
    same link again writes nothing."""
    log.write(_0001_a=NYGARD.format(n=1, t="A", s="Accepted"), _0002_b=NYGARD.format(n=2, t="B", s="Accepted"),
              _0003_c="# 3. C\n\n## Status\n\nAccepted\n", _0004_d="# 4. D\n\n## Context\n\nx\n")
    assert log.link("2", "amends", "1") == ["doc/adr/0002-b.md", "doc/adr/0001-a.md"]
    assert log.link("3", "Is  costed by ", "1", "Costs") == ["doc/adr/0003-c.md", "doc/adr/0001-a.md"]
    assert log.link("4", "extends", "3") == ["doc/adr/0004-d.md", "doc/adr/0003-c.md"]
    assert log.link("2", "Amends", "1") == []
    assert log.files() == {
        "0001-a.md": "# 1. A\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\nAmended by [2. B](0002-b.md)\n\nCosts [3. C](0003-c.md)\n\n## Context\n\nx\n",
        "0002-b.md": "# 2. B\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\nAmends [1. A](0001-a.md)\n\n## Context\n\nx\n",
        "0003-c.md": "# 3. C\n\n## Status\n\nAccepted\n\nIs costed by [1. A](0001-a.md)\n\nExtended by [4. D](0004-d.md)\n",
        "0004-d.md": "# 4. D\n\n## Status\n\nAccepted\n\nExtends [3. C](0003-c.md)\n\n## Context\n\nx\n",
    }


def test_madr_links_go_in_a_links_section_made_after_the_title(log):
    """Front matter records: `## Links` after the title, one item per link, appended at the end of
    an existing section (before its blank lines), one blank line before what follows."""
    log.write(_0001_a="---\nstatus: accepted\n---\n# A\n\n## Context\n\nx\n", _0002_b="---\nstatus: accepted\n---\n# B\n",
              _0003_c="---\nstatus: accepted\n---\n# C\n\n## Links\n\n- Relates to [9. Z](0009-z.md)\n\n\n## More\n\ny\n",
              _0004_d="---\nstatus: accepted\n---\n# D\nText right after.\n")
    assert log.link("2", "relates to", "1") == ["doc/adr/0002-b.md", "doc/adr/0001-a.md"]
    assert log.link("3", "clarifies", "2") == ["doc/adr/0003-c.md", "doc/adr/0002-b.md"]
    assert log.link("4", "depends on", "3") == ["doc/adr/0004-d.md", "doc/adr/0003-c.md"]
    assert log.files() == {
        "0001-a.md": "---\nstatus: accepted\n---\n# A\n\n## Links\n\n- Relates to [2. B](0002-b.md)\n\n## Context\n\nx\n",
        "0002-b.md": "---\nstatus: accepted\n---\n# B\n\n## Links\n\n- Relates to [1. A](0001-a.md)\n- Clarified by [3. C](0003-c.md)\n",
        "0003-c.md": "---\nstatus: accepted\n---\n# C\n\n## Links\n\n- Relates to [9. Z](0009-z.md)\n- Clarifies [2. B](0002-b.md)\n- Required by [4. D](0004-d.md)\n\n\n## More\n\ny\n",
        "0004-d.md": "---\nstatus: accepted\n---\n# D\n\n## Links\n\n- Depends on [3. C](0003-c.md)\n\nText right after.\n",
    }


def test_a_record_without_a_title_gets_its_links_after_its_front_matter(log):
    """Never inside the front matter (which would no longer parse): after its first line of text."""
    log.write(_0001_a="---\nstatus: accepted\n---\n# A\n", _0003_c="---\nstatus: accepted\nlayout: adr\n---\nText.\n")
    log.link("3", "relates to", "1")
    assert log.text("0003-c.md") == "---\nstatus: accepted\nlayout: adr\n---\nText.\n\n## Links\n\n- Relates to [1. A](0001-a.md)\n"


def test_a_link_names_the_record_by_its_relative_path_and_markdown_safe_title(log):
    """Across folders the link is relative (`../b/…`), a space in a name is `%20`, and a title's
    Markdown characters are escaped in the link text, its runs of spaces made one."""
    (log.root / ".adr.yml").write_text("format: madr\n")
    log.put("0001-use-x-b.md", "---\nstatus: accepted\n---\n# Use  [x] <b>\n")
    log.put("0002-b c.md", "---\nstatus: accepted\n---\n# B\n")
    assert log.link("2", "Relates to", "1") == ["doc/adr/0002-b c.md", "doc/adr/0001-use-x-b.md"]
    assert log.text("0002-b c.md") == "---\nstatus: accepted\n---\n# B\n\n## Links\n\n- Relates to [1. Use \\[x\\] &lt;b>](0001-use-x-b.md)\n"
    assert log.text("0001-use-x-b.md") == "---\nstatus: accepted\n---\n# Use  [x] <b>\n\n## Links\n\n- Relates to [2. B](0002-b%20c.md)\n"


def test_adr_new_with_links_writes_both_records(log):
    """`adr new -l 1:Amends -l "2:Is costed by:Costs"`: each link and its reverse."""
    log.write(_0001_a=NYGARD.format(n=1, t="A", s="Accepted"), _0002_b=NYGARD.format(n=2, t="B", s="Accepted"))
    log.put("templates/template.md", "# NUMBER. TITLE\n\n## Status\n\nSTATUS\n\n## Context\n\nWhy.\n")
    assert log.new("Use C", links=["1:Amends", "2:Is costed by:Costs"]) == "doc/adr/0003-use-c.md"
    assert log.text("0003-use-c.md") == (
        "# 3. Use C\n\n## Status\n\nAccepted\n\nAmends [1. A](0001-a.md)\n\nIs costed by [2. B](0002-b.md)\n\n## Context\n\nWhy.\n"
    )
    assert log.text("0001-a.md") == NYGARD.format(n=1, t="A", s="Accepted\n\nAmended by [3. Use C](0003-use-c.md)")
    assert log.text("0002-b.md") == NYGARD.format(n=2, t="B", s="Accepted\n\nCosts [3. Use C](0003-use-c.md)")


def test_supersede_in_each_format_marks_the_old_record_as_it_records_it(log):
    """An accepted successor: Nygard drops the `Accepted` paragraph for `Superseded by` (as
    adr-tools does), or writes `Superseded` when the status was another; front matter sets
    `status: superseded` and links under `## Links`; a `- Status:` item names the successor."""
    log.write(_0001_a="# 1. A\n\n## Status\n\nAccepted\n\n## Context\n\nx\n", _0002_b="---\nstatus: accepted\n---\n# B\n\n## Context\n\nx\n",
              _0003_c="# C\n\n- Status: accepted\n- Date: 2024-01-01\n\n## Context\n\nx\n", _0004_d="# 4. D\n\n## Status\n\naccepted\n",
              _0005_e="# 5. E\n\n## Status\n\nDeprecated\n")
    log.put("templates/template.md", "# NUMBER. TITLE\n\n## Status\n\nSTATUS\n")
    assert log.new("N1", supersedes=["1"], status="accepted") == "doc/adr/0006-n1.md"
    log.new("N2", supersedes=["2", "3"], status="accepted")
    log.new("N3", supersedes=["4", "5"], status="accepted")
    assert log.files() == {
        "0001-a.md": "# 1. A\n\n## Status\n\nSuperseded by [6. N1](0006-n1.md)\n\n## Context\n\nx\n",
        "0002-b.md": "---\nstatus: superseded\n---\n# B\n\n## Links\n\n- Superseded by [7. N2](0007-n2.md)\n\n## Context\n\nx\n",
        "0003-c.md": "# C\n\n- Status: superseded by [7. N2](0007-n2.md)\n- Date: 2024-01-01\n\n## Context\n\nx\n",
        "0004-d.md": "# 4. D\n\n## Status\n\nSuperseded by [8. N3](0008-n3.md)\n",
        "0005-e.md": "# 5. E\n\n## Status\n\nSuperseded\n\nSuperseded by [8. N3](0008-n3.md)\n",
        "0006-n1.md": "# 6. N1\n\n## Status\n\nAccepted\n\nSupersedes [1. A](0001-a.md)\n",
        "0007-n2.md": "# 7. N2\n\n## Status\n\nAccepted\n\nSupersedes [2. B](0002-b.md)\n\nSupersedes [3. C](0003-c.md)\n",
        "0008-n3.md": "# 8. N3\n\n## Status\n\nAccepted\n\nSupersedes [4. D](0004-d.md)\n\nSupersedes [5. E](0005-e.md)\n",
        "templates/template.md": "# NUMBER. TITLE\n\n## Status\n\nSTATUS\n",
    }


def test_a_nygard_supersede_keeps_the_links_under_the_old_status(log):
    log.write(_0001_a="# 1. A\n\n## Status\n\nAccepted\n\nAmends [2. B](0002-b.md)\n\n## Context\n\nx\n",
              _0002_b="# 2. B\n\n## Status\n\nAccepted\n\nAmended by [1. A](0001-a.md)\n", _0003_c="# 3. C\n\n## Status\n\nAccepted\n")
    assert log.link("3", "Supersedes", "1") == ["doc/adr/0003-c.md", "doc/adr/0001-a.md"]
    assert log.text("0001-a.md") == "# 1. A\n\n## Status\n\nAmends [2. B](0002-b.md)\n\nSuperseded by [3. C](0003-c.md)\n\n## Context\n\nx\n"
    assert log.text("0003-c.md") == "# 3. C\n\n## Status\n\nAccepted\n\nSupersedes [1. A](0001-a.md)\n"


def test_a_nygard_supersede_keeps_a_link_written_right_under_the_status(log):
    """`Accepted` followed on the next line by a link, and a file without a final new line."""
    log.write(_0001_a="# 1. A\n\n## Status\n\nAccepted\nAmends [2. B](0002-b.md)\n", _0002_b="# 2. B\n\n## Status\n\nAccepted",
              _0003_c="# 3. C\n\n## Status\n\nAccepted\n")
    log.link("3", "supersedes", "1")
    log.link("3", "supersedes", "2")
    assert log.text("0001-a.md") == "# 1. A\n\n## Status\n\nAmends [2. B](0002-b.md)\n\nSuperseded by [3. C](0003-c.md)\n"
    assert log.text("0002-b.md") == "# 2. B\n\n## Status\n\nSuperseded by [3. C](0003-c.md)\n"


def test_a_proposed_successor_links_both_and_leaves_the_old_status(log):
    """`adr link 2 superseded-by 3` reads as `3 supersedes 2`; while 3 is proposed, 2 keeps its status."""
    log.write(_0001_a="# 1. A\n\n## Status\n\nAccepted\n", _0002_b="# 2. B\n\n## Status\n\nAccepted\n", _0003_c="# 3. C\n\n## Status\n\nProposed\n")
    assert sorted(log.link("2", "Superseded by", "3")) == ["doc/adr/0002-b.md", "doc/adr/0003-c.md"]
    assert log.text("0002-b.md") == "# 2. B\n\n## Status\n\nAccepted\n\nSuperseded by [3. C](0003-c.md)\n"
    assert log.text("0003-c.md") == "# 3. C\n\n## Status\n\nProposed\n\nSupersedes [2. B](0002-b.md)\n"
    assert log.status("3", "accepted") == ["doc/adr/0003-c.md", "doc/adr/0002-b.md"]
    assert log.text("0002-b.md") == "# 2. B\n\n## Status\n\nSuperseded by [3. C](0003-c.md)\n"
    assert log.text("0003-c.md") == "# 3. C\n\n## Status\n\nAccepted\n\nSupersedes [2. B](0002-b.md)\n"
    assert log.status("3", "accepted") == []


def test_accepting_a_madr_successor_completes_every_pending_supersede(log):
    """`adr status 3 accepted` marks 1 and 2 superseded, prints 3 first, and leaves the record
    named in some other way than by a file (`ADR-9`) alone."""
    log.write(_0001_a="---\nstatus: accepted\n---\n# A\n", _0002_b="---\nstatus: accepted\n---\n# B\n",
              _0003_c="---\nstatus: proposed\n---\n# C\n")
    log.link("3", "supersedes", "1")
    log.link("3", "supersedes", "2")
    assert log.text("0001-a.md") == "---\nstatus: accepted\n---\n# A\n\n## Links\n\n- Superseded by [3. C](0003-c.md)\n"
    assert log.status("3", "accepted") == ["doc/adr/0003-c.md", "doc/adr/0001-a.md", "doc/adr/0002-b.md"]
    assert log.files() == {
        "0001-a.md": "---\nstatus: superseded\n---\n# A\n\n## Links\n\n- Superseded by [3. C](0003-c.md)\n",
        "0002-b.md": "---\nstatus: superseded\n---\n# B\n\n## Links\n\n- Superseded by [3. C](0003-c.md)\n",
        "0003-c.md": "---\nstatus: accepted\n---\n# C\n\n## Links\n\n- Supersedes [1. A](0001-a.md)\n- Supersedes [2. B](0002-b.md)\n",
    }


def test_a_pending_supersede_written_by_hand_with_another_kind_of_reference_completes_too(log):
    """`- Supersedes [ADR 1](0001-a)` (no `.md`) and `[the old one](old/0002-b.md)` in another
    folder are found; a link to a web page or a heading is not a record."""
    log.write(_0001_a="---\nstatus: accepted\n---\n# A\n")
    log.put("old/0002-b.md", "---\nstatus: accepted\n---\n# B\n")
    log.write(_0003_c="---\nstatus: proposed\n---\n# C\n\n## Links\n\n- Supersedes [ADR 1](0001-a)\n- Supersedes [the old one](old/0002-b.md)\n"
                      "- Supersedes [web](https://example.com/0009-z.md)\n- Supersedes [here](#top)\n")
    assert log.status("3", "accepted") == ["doc/adr/0003-c.md", "doc/adr/0001-a.md", "doc/adr/old/0002-b.md"]
    assert log.text("0001-a.md") == "---\nstatus: superseded\n---\n# A\n\n## Links\n\n- Superseded by [3. C](0003-c.md)\n"
    assert log.text("old/0002-b.md") == "---\nstatus: superseded\n---\n# B\n\n## Links\n\n- Superseded by [3. C](../0003-c.md)\n"


def test_a_pending_supersede_naming_a_record_by_its_id_completes_through_the_whole_log(log):
    log.write(_0001_a="---\nstatus: accepted\n---\n# A\n", _0002_b="---\nstatus: proposed\n---\n# B\n\n## Links\n\n- Supersedes [A](ADR-0001)\n")
    assert log.status("2", "accepted") == ["doc/adr/0002-b.md", "doc/adr/0001-a.md"]
    assert log.text("0001-a.md") == "---\nstatus: superseded\n---\n# A\n\n## Links\n\n- Superseded by [2. B](0002-b.md)\n"


def test_the_links_refused_and_nothing_written(log):
    """A link to itself, a label the parser could not read back, an unknown relation without
    its link back, and a supersede that closes a circle: one line each, no file changed."""
    log.write(_0001_a=NYGARD.format(n=1, t="A", s="Accepted"), _0002_b=NYGARD.format(n=2, t="B", s="Accepted"),
              _0003_c=NYGARD.format(n=3, t="C", s="Accepted"))
    log.link("2", "supersedes", "1")
    assert log.refused("link", "3", "amends", "3") == "doc/adr/0003-c.md: a record cannot link to itself"
    bad = "must start with a letter and hold only letters, digits, spaces and '-' (at most 41)"
    assert log.refused("link", "3", "1bad", "1") == f"link label '1bad' {bad}"
    assert log.refused("link", "3", "bad-", "1") == f"link label 'bad-' {bad}"
    assert log.refused("link", "3", "x" * 42, "1") == f"link label '{'x' * 42}' {bad}"
    assert log.link("3", "y" * 41, "1", "Back") == ["doc/adr/0003-c.md", "doc/adr/0001-a.md"]
    assert log.refused("link", "3", "Costs", "2", "b@d") == f"link label 'b@d' {bad}"
    unknown = ("'Is costed by' is not a relation adr knows (Supersedes, Amends, Extends, Relates to, Clarifies, Depends on, "
               "and their reverses); name the link back too, e.g. `adr link 9 \"Is costed by\" 4 Costs` or `-l 4:\"Is costed by\":Costs`")
    assert log.refused("link", "3", "Is costed by", "1") == unknown
    assert log.refused("new", "Use D", links=["1:Is costed by"]) == unknown
    assert log.refused("link", "3", "Is\x1bcosted\tby", "1") == unknown  # a control character reads as a space
    assert log.refused("link", "1", "supersedes", "2") == (
        "doc/adr/0002-b.md: '2. B' already supersedes '1. A' (directly or through later records), and records that supersede each other leave none in force"
    )
    log.link("3", "supersedes", "2")
    assert log.refused("link", "1", "supersedes", "3") == (
        "doc/adr/0003-c.md: '3. C' already supersedes '1. A' (directly or through later records), and records that supersede each other leave none in force"
    )
    assert log.refused("new", "Use D", supersedes=["9"]) == "no decision record matches '9'"


def test_invalidating_an_assumption_writes_which_one_and_its_text(log):
    """`adr new --invalidates 1#a2`: an item `No longer holds: [1. A, A2](0001-a.md#a2): text`
    in the new record's Assumptions, replacing the template's prompt or after the given ones; no
    key means A1."""
    log.write(_0001_a="---\nstatus: accepted\n---\n# A\n\n## Assumptions\n\n- A1: Few  users\n- A2: One region\n- A3: (an assumption, e.g. x)\n",
              _0002_b="---\nstatus: accepted\n---\n# B\n")
    log.new("Use C", invalidates=["1"])
    assert "\n## Assumptions\n\nWhat we believe to be true today and what this decision rests on. A later decision can\n" \
           "mark one of these as no longer true; every decision resting on it is then shown as at risk.\n\n" \
           "- No longer holds: [1. A, A1](0001-a.md#a1): Few users\n\n## Decision Drivers\n" in log.text("0003-use-c.md")
    log.new("Use D", invalidates=["1#a2", "1#A1"], assumptions=["Many users"])
    assert "\n- A1: Many users\n- No longer holds: [1. A, A2](0001-a.md#a2): One region\n" \
           "- No longer holds: [1. A, A1](0001-a.md#a1): Few users\n\n## Decision Drivers\n" in log.text("0004-use-d.md")
    assert log.refused("new", "Use E", invalidates=["1#A9"]) == "doc/adr/0001-a.md: 0001-a has no assumption A9 (it has: A1, A2, A3)"
    assert log.refused("new", "Use E", invalidates=["2#A1"]) == "doc/adr/0002-b.md: 0002-b has no assumption A1 (it has: none)"
    assert log.refused("new", "Use E", invalidates=["1#A3"]) == (
        "doc/adr/0001-a.md:10: A3 is still the template's placeholder, not an assumption; write it first"
    )


def test_invalidating_from_a_nygard_record_adds_an_assumptions_section(log):
    log.write(_0001_a="# 1. A\n\n## Status\n\nAccepted\n\n## Assumptions\n\n- A1: Few users\n")
    log.put("templates/template.md", "# NUMBER. TITLE\n\n## Status\n\nSTATUS\n\n\n")
    log.new("Use C", invalidates=["1#A1"])
    assert log.text("0002-use-c.md") == (
        "# 2. Use C\n\n## Status\n\nAccepted\n\n## Assumptions\n\n- No longer holds: [1. A, A1](0001-a.md#a1): Few users\n"
    )
    log.new("Use D", invalidates=["1#A1"], assumptions=["Many"])
    assert log.text("0003-use-d.md") == (
        "# 3. Use D\n\n## Status\n\nAccepted\n\n## Assumptions\n\n- A1: Many\n- No longer holds: [1. A, A1](0001-a.md#a1): Few users\n"
    )


def test_an_invalidation_of_a_record_whose_title_holds_brackets_links_to_it(log):
    """A title like `Use a](b)` is link text like any other: the item still links to the record's
    assumption, and the log reads it back as that invalidation."""
    from adr.parse import read_record

    log.write(_0001_a="---\nstatus: accepted\n---\n# Use a\\](b)\n\n## Assumptions\n\n- A1: Few users\n")
    log.new("Use C", invalidates=["1"])
    assert "\n- No longer holds: [1. Use a\\](b), A1](0001-a.md#a1): Few users\n" in log.text("0002-use-c.md")
    assert [(i.target, i.key) for i in read_record(log.folder / "0002-use-c.md").invalidates] == [("0001-a.md", "A1")]


def test_a_nygard_link_gets_one_blank_line_before_the_next_heading(log):
    """A status section written without blank lines gets them around the new link paragraph."""
    log.write(_0001_a="# 1. A\n## Status\nAccepted\n## Context\nx\n", _0002_b="# 2. B\n\n## Status\n\nAccepted\n")
    log.link("1", "relates to", "2")
    assert log.text("0001-a.md") == "# 1. A\n## Status\nAccepted\n\nRelates to [2. B](0002-b.md)\n\n## Context\nx\n"


def test_a_supersede_next_to_records_that_supersede_each_other_by_hand_still_ends(log):
    """3 and 4 name each other as successor (written by hand): following them to look for a
    circle through 1 stops once both are seen, and the supersede is written."""
    log.write(_0001_a="# 1. A\n\n## Status\n\nAccepted\n",
              _0003_c="# 3. C\n\n## Status\n\nAccepted\n\nSuperseded by [4. D](0004-d.md)\n",
              _0004_d="# 4. D\n\n## Status\n\nAccepted\n\nSuperseded by [3. C](0003-c.md)\n")
    assert log.link("3", "supersedes", "1") == ["doc/adr/0003-c.md", "doc/adr/0001-a.md"]
    assert log.text("0003-c.md") == "# 3. C\n\n## Status\n\nAccepted\n\nSuperseded by [4. D](0004-d.md)\n\nSupersedes [1. A](0001-a.md)\n"
