"""What `adr renumber` writes: the new file name and title, every link to the record in the log
(its href and a `N. Title` text), and the files it reports; and its one-line refusals. A user
who sees this break gets a broken link, a title that still says the old number, or a file lost."""

from __future__ import annotations

from tests.edit_log import log  # noqa: F401  (the fixture)


def test_the_new_name_is_padded_like_the_records_beside_it(log):
    """In a `049-x.md` log the record becomes `007-x.md`; a number wider than the padding keeps
    its digits; a record alone in its folder keeps its own width; a bold title number follows."""
    log.write(_049_a="# 49. A\n", _050_b="# **50** B\n")
    log.put("x/0051-c.md", "# 51. C\n")
    assert log.shown(log.renumber("49", 7).touched) == ["doc/adr/049-a.md", "doc/adr/007-a.md"]
    log.renumber("50", 1234)
    log.renumber("51", 3)
    assert log.files() == {"007-a.md": "# 7. A\n", "1234-b.md": "# **1234** B\n", "x/0003-c.md": "# 3. C\n"}
