"""What `adr unlink` leaves in both records, line for line, which records it says are no longer
superseded (and the command to fix each), and its one-line refusals with nothing written. A
user who sees this break finds a blank line doubled, another link lost, or a status to fix
that nobody mentions."""

from __future__ import annotations

from adr.edit.unlink import status_command
from tests.edit_log import log  # noqa: F401  (the fixture)


def test_unlinking_nygard_records_removes_each_link_paragraph_and_one_blank_line(log):
    log.write(_0001_a="# 1. A\n\n## Status\n\nAccepted\n\nSuperseded by [2. B](0002-b.md)\n\nAmends [3. C](0003-c.md)\n\n## Context\n\nx\n",
              _0002_b="# 2. B\n\n## Status\n\nAccepted\n\nSupersedes [1. A](0001-a.md)\n\n## Context\n\nx\n",
              _0003_c="# 3. C\n\n## Status\n\nAccepted\n\nAmended by [1. A](0001-a.md)\n")
    done = log.unlink("1", "2")
    assert (log.shown(done.paths), done.still_superseded) == (["doc/adr/0001-a.md", "doc/adr/0002-b.md"], [])
    assert log.unlink("3", "1").paths == [log.folder / "0003-c.md", log.folder / "0001-a.md"]
    assert log.files() == {
        "0001-a.md": "# 1. A\n\n## Status\n\nAccepted\n\n## Context\n\nx\n",
        "0002-b.md": "# 2. B\n\n## Status\n\nAccepted\n\n## Context\n\nx\n",
        "0003-c.md": "# 3. C\n\n## Status\n\nAccepted\n",
    }


def test_unlinking_list_items_of_every_kind_and_a_section_left_with_text(log):
    """`1.`, `2)`, `+` items and an item continued on two indented lines go; the `## Links`
    section stays while it holds text, and goes (with its blank line) once empty; a file that
    ended with a new line still does."""
    log.write(_0001_a="---\nstatus: accepted\n---\n# A\n\n## Links\n\n1. Relates to [2. B](0002-b.md)\n2) Relates to [2. B](0002-b.md)\n"
                      "+ Relates to\n  [2. B](0002-b.md)\n  as said\n- Relates to [3. C](0003-c.md)\n\nText\n",
              _0002_b="---\nstatus: accepted\n---\n# B\n\n## Links\n\n- Relates to [1. A](0001-a.md)\n",
              _0003_c="---\nstatus: accepted\n---\n# C\n\n## Links\n\n- Relates to [1. A](0001-a.md)\n\n## More\n\ny\n")
    assert log.shown(log.unlink("1", "2").paths) == ["doc/adr/0001-a.md", "doc/adr/0002-b.md"]
    assert log.text("0001-a.md") == "---\nstatus: accepted\n---\n# A\n\n## Links\n\n- Relates to [3. C](0003-c.md)\n\nText\n"
    assert log.text("0002-b.md") == "---\nstatus: accepted\n---\n# B\n"
    log.unlink("3", "1")
    assert log.text("0003-c.md") == "---\nstatus: accepted\n---\n# C\n\n## More\n\ny\n"
    assert log.text("0001-a.md") == "---\nstatus: accepted\n---\n# A\n\n## Links\n\nText\n"


def test_a_links_section_with_a_subsection_stays(log):
    log.write(_0001_a="---\nstatus: accepted\n---\n# A\n\n## Links\n\n- Relates to [2. B](0002-b.md)\n\n### Notes\n\nn\n",
              _0002_b="---\nstatus: accepted\n---\n# B\n\n## Links\n\n- Relates to [1. A](0001-a.md)")
    log.unlink("2", "1")
    assert log.files() == {"0001-a.md": "---\nstatus: accepted\n---\n# A\n\n## Links\n\n### Notes\n\nn\n", "0002-b.md": "---\nstatus: accepted\n---\n# B\n"}


def test_undoing_a_supersede_names_each_record_left_superseded_by_nothing(log):
    """A Nygard record whose status was only the `Superseded by` link is left empty; one that
    says `Superseded` still does; a draft or a rejected one is not reported."""
    log.write(_0003_c="# 3. C\n\n## Status\n\nSuperseded by [4. D](0004-d.md)\n",
              _0004_d="# 4. D\n\n## Status\n\nAccepted\n\nSupersedes [3. C](0003-c.md)\n\nSupersedes [Use X](use%20x.md)\n",
              _0005_e="# 5. E\n\n## Status\n\nRejected\n\nSuperseded by [4. D](0004-d.md)\n",
              _0007_g="# 7. G\n\n## Status\n\nDraft\n\nSuperseded by [4. D](0004-d.md)\n")
    log.put("use x.md", "# Use X\n\n## Status\n\nSuperseded\n\nSuperseded by [4. D](0004-d.md)\n")
    done = log.unlink("4", "3")
    assert log.shown(done.paths) == ["doc/adr/0004-d.md", "doc/adr/0003-c.md"]
    assert [(r.path.name, r.status, status_command(r)) for r in done.still_superseded] == [("0003-c.md", "", "adr status 3 accepted")]
    assert log.text("0003-c.md") == "# 3. C\n\n## Status\n"
    done = log.unlink("use x", "4")
    assert [(r.path.name, r.raw_status, status_command(r)) for r in done.still_superseded] == [
        ("use x.md", "Superseded", "adr status 'use x.md' accepted --force")
    ]
    assert log.text("use x.md") == "# Use X\n\n## Status\n\nSuperseded\n"
    assert log.text("0004-d.md") == "# 4. D\n\n## Status\n\nAccepted\n"
    assert log.unlink("5", "4").still_superseded == []
    assert log.unlink("7", "4").still_superseded == []
    assert log.text("0007-g.md") == "# 7. G\n\n## Status\n\nDraft\n"


def test_a_supersede_undone_from_the_side_of_the_successor_names_the_old_record_once(log):
    log.write(_0001_a="---\nstatus: superseded\n---\n# A\n\n## Links\n\n- Superseded by [2. B](0002-b.md)\n",
              _0002_b="---\nstatus: accepted\n---\n# B\n\n## Links\n\n- Supersedes [1. A](0001-a.md)\n")
    done = log.unlink("2", "1")
    assert [r.path.name for r in done.still_superseded] == ["0001-a.md"]
    assert log.files() == {"0001-a.md": "---\nstatus: superseded\n---\n# A\n", "0002-b.md": "---\nstatus: accepted\n---\n# B\n"}


def test_unlink_refuses_what_it_cannot_remove_and_writes_nothing(log):
    log.write(_0001_a="---\nstatus: accepted\nlinks:\n  - relation: Supersedes\n    target: 0002-b.md\n---\n# A\n",
              _0002_b="---\nstatus: superseded by [1. A](0001-a.md)\n---\n# B\n",
              _0005_e="# E\n\n- Status: superseded by [6. F](0006-f.md)\n",
              _0006_f="# F\n\n- Status: accepted\n\n## Links\n\n- Supersedes [E](0005-e.md)\n- Relates to [A](0001-a.md), [B](0002-b.md)\n")
    assert log.refused("unlink", "1", "2") == "doc/adr/0001-a.md:2: this link to ADR 2 is in the front matter; remove it there by hand"
    assert log.refused("unlink", "2", "1") == "doc/adr/0002-b.md:2: this link to ADR 1 is in the front matter; remove it there by hand"
    assert log.refused("unlink", "6", "5") == (
        "doc/adr/0005-e.md:3: this link to ADR 6 is part of the status; change the status first (adr status 5 accepted --force), then unlink"
    )
    assert log.refused("unlink", "6", "1") == "doc/adr/0006-f.md:8: this line also links to 0002-b.md; remove the link to ADR 1 by hand"
    assert log.refused("unlink", "5", "5") == "doc/adr/0005-e.md: a record cannot be unlinked from itself"
    assert log.refused("unlink", "5", "1") == "ADR 5 and ADR 1 do not link to each other"
