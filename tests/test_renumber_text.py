"""What `adr renumber` writes: the new file name and title, every link to the record in the log
(its href and a `N. Title` text), and the files it reports; and its one-line refusals. A user
who sees this break gets a broken link, a title that still says the old number, or a file lost."""

from __future__ import annotations

from tests.edit_log import log  # noqa: F401  (the fixture)


def test_every_kind_of_link_to_the_record_follows_it(log):
    """Link texts `2`, `02. B`, `ADR 2: B`, `adr-2 B` take the new number; `2x` and `22. no`
    are other text; a link title, a fragment and a `%2D` in the href are kept or read; links
    from a subfolder stay relative; a web address is not the record."""
    log.write(_0001_a="# 1. A\n\n## Status\n\nAccepted\n\nAmended by [ADR 2: B](0002-b.md \"the B\")\n\n"
                      "See [2](0002-b.md), [02. B](./0002-b.md#x), [adr-2 B](0002-b.md), [22. no](0022-b.md), [2x](0002-b.md), [](0002-b.md).\n",
              _0002_b="# 002. B\n\n## Status\n\nAccepted\n\nAmends [1. A](0001-a.md)\n\nSelf [2. B](0002-b.md) and [web](http://x/0002-b.md) [top](#top)\n")
    log.put("sub/0003-c.md", "# C\n\n[B](../0002-b.md) [B2](../0002%2Db.md) [A](../0001-a.md)\n")
    (log.folder / "0004-bin.md").write_bytes(b"\xff\xfe# 4. bad [2](0002-b.md)\n")
    done = log.renumber("2", 12)
    assert log.shown([done.old, done.new]) == ["doc/adr/0002-b.md", "doc/adr/0012-b.md"]
    assert log.shown(done.touched) == ["doc/adr/0002-b.md", "doc/adr/0012-b.md", "doc/adr/0001-a.md", "doc/adr/sub/0003-c.md"]
    assert (done.record.number, done.record.title) == (2, "B")
    assert log.text("0001-a.md") == (
        "# 1. A\n\n## Status\n\nAccepted\n\nAmended by [ADR 12: B](0012-b.md \"the B\")\n\n"
        "See [12](0012-b.md), [12. B](0012-b.md#x), [adr-12 B](0012-b.md), [22. no](0022-b.md), [2x](0012-b.md), [](0012-b.md).\n"
    )
    assert log.text("0012-b.md") == "# 012. B\n\n## Status\n\nAccepted\n\nAmends [1. A](0001-a.md)\n\nSelf [12. B](0012-b.md) and [web](http://x/0002-b.md) [top](#top)\n"
    assert log.text("sub/0003-c.md") == "# C\n\n[B](../0012-b.md) [B2](../0012-b.md) [A](../0001-a.md)\n"
    assert (log.folder / "0004-bin.md").read_bytes() == b"\xff\xfe# 4. bad [2](0002-b.md)\n"  # never rewritten
    assert not (log.folder / "0002-b.md").exists()


def test_the_new_name_is_padded_like_the_records_beside_it(log):
    """In a `049-x.md` log the record becomes `007-x.md`; a number wider than the padding keeps
    its digits; a record alone in its folder keeps its own width; a bold title number follows."""
    log.write(_049_a="# 49. A\n", _050_b="# **50** B\n")
    log.put("x/0051-c.md", "# 51. C\n")
    assert log.shown(log.renumber("49", 7).touched) == ["doc/adr/049-a.md", "doc/adr/007-a.md"]
    log.renumber("50", 1234)
    log.renumber("51", 3)
    assert log.files() == {"007-a.md": "# 7. A\n", "1234-b.md": "# **1234** B\n", "x/0003-c.md": "# 3. C\n"}


def test_a_name_with_a_space_and_a_record_in_a_subfolder(log):
    """Links to `0002-use x.md` become `0012-use%20x.md`; a record in a subfolder of the log
    moves there, and the links to it from the main folder follow."""
    log.put("0002-use x.md", "# 2. Use X\n")
    log.put("sub/0005-s.md", "# 5. S\n")
    log.write(_0001_a="# 1. A\n\n## Status\n\nAccepted\n\nAmends [2. Use X](0002-use%20x.md)\n", _0003_c="# 3. C\n\n[S](sub/0005-s.md)\n")
    log.renumber("2", 12)
    assert log.shown(log.renumber("5", 6).touched) == ["doc/adr/sub/0005-s.md", "doc/adr/sub/0006-s.md", "doc/adr/0003-c.md"]
    assert log.files() == {
        "0001-a.md": "# 1. A\n\n## Status\n\nAccepted\n\nAmends [12. Use X](0012-use%20x.md)\n",
        "0003-c.md": "# 3. C\n\n[S](sub/0006-s.md)\n",
        "0012-use x.md": "# 12. Use X\n",
        "sub/0006-s.md": "# 6. S\n",
    }


def test_the_latest_records_beside_it_decide_the_padding(log):
    """Nine records `001`–`009` then ten `0010`…: the latest ones are four digits wide."""
    for n in range(1, 10):
        log.put(f"{n:03d}-r{n}.md", f"# {n}. R{n}\n")
    for n in range(10, 20):
        log.put(f"{n:04d}-r{n}.md", f"# {n}. R{n}\n")
    log.renumber("1", 30)
    assert (log.folder / "0030-r1.md").read_text() == "# 30. R1\n"


def test_a_title_without_its_number_is_left_as_it_is(log):
    log.write(_0001_a="# A\n\n## Status\n\nAccepted\n", _0002_b="# 2. B\n\n## Status\n\nAccepted\n\nAmends [A](0001-a.md)\n")
    log.renumber("1", 5)
    assert log.files() == {"0002-b.md": "# 2. B\n\n## Status\n\nAccepted\n\nAmends [A](0005-a.md)\n", "0005-a.md": "# A\n\n## Status\n\nAccepted\n"}


def test_renumbering_refuses_with_one_line_and_changes_nothing(log):
    log.write(_0001_a="# 1. A\n", _0003_c="# 3. C\n", use_x="# Use X\n")
    log.put("other/0002-b.md", "# 2. B\n")
    assert log.refused("renumber", "1", 1) == "doc/adr/0001-a.md: already number 1"
    assert log.refused("renumber", "1", 3) == "doc/adr/0001-a.md: number 3 is taken by 0003-c.md; pick a free one"
    assert log.refused("renumber", "1", 10**9) == "a record number has 1 to 9 digits, not 1000000000"
    assert log.refused("renumber", "1", -1) == "a record number has 1 to 9 digits, not -1"
    assert log.refused("renumber", "use-x", 4) == "doc/adr/use-x.md: this record has no number in its file name to change"
    assert log.refused("renumber", "1", 20240101) == (
        "doc/adr/0001-a.md: 20240101-a.md would read as a log4brains date, not as number 20240101; pick another number"
    )
    (log.folder / "0007-bin.md").write_bytes(b"# 7. X\n\xff\n")
    assert log.refused("renumber", "7", 8) == "doc/adr/0007-bin.md:2: not changing this file: invalid UTF-8; undecodable bytes shown as \ufffd"
    log.put("0004-a.md", "not a record of this log? it is one: the same name")
    assert log.refused("renumber", "1", 4).startswith("doc/adr/0001-a.md: number 4 is taken by 0004-a.md")
    (log.folder / "0004-a.md").unlink()
    (log.folder / "0005-a.md").mkdir()
    assert log.refused("renumber", "1", 5) == "doc/adr/0005-a.md: file already exists; not overwriting it"
    assert log.renumber("1", 2).new == log.folder / "0002-a.md"  # 2 is taken in another folder only
    assert log.renumber("0002-a", 999999999).new == log.folder / "999999999-a.md"
    assert log.renumber("999999999", 0).new == log.folder / "0000-a.md"


def test_a_record_of_another_folder_of_the_log_is_renumbered_in_its_own(log, tmp_path):
    """A record of a log4brains package (another folder of the log) moves within that folder,
    and the links of its neighbours there follow."""
    (tmp_path / ".log4brains.yml").write_text("project:\n  adrFolder: ./doc/adr\n  packages:\n    - name: api\n      path: ./api\n      adrFolder: ./api/adr\n")
    log.write(_20200110_a="# A\n\n- Status: accepted\n")
    (tmp_path / "api/adr").mkdir(parents=True)
    (tmp_path / "api/adr/0001-b.md").write_text("# 1. B\n\n- Status: accepted\n")
    (tmp_path / "api/adr/0003-c.md").write_text("# 3. C\n\n- Status: accepted\n\n## Links\n\n- Relates to [1. B](0001-b.md)\n")
    done = log.renumber("0001-b", 2)
    assert log.shown(done.touched) == ["api/adr/0001-b.md", "api/adr/0002-b.md", "api/adr/0003-c.md"]
    assert (tmp_path / "api/adr/0002-b.md").read_text() == "# 2. B\n\n- Status: accepted\n"
    assert (tmp_path / "api/adr/0003-c.md").read_text() == "# 3. C\n\n- Status: accepted\n\n## Links\n\n- Relates to [2. B](0002-b.md)\n"
    assert sorted(p.name for p in (tmp_path / "api/adr").iterdir()) == ["0002-b.md", "0003-c.md"]
