"""What `adr upgrade-repository` writes: each dd/mm/yyyy record date as YYYY-MM-DD on its own
date line, in every way a record writes that line, and nothing else. A user who sees this
break finds a date in the text rewritten, a date left old, or a crash on an impossible date."""

from __future__ import annotations

from tests.edit_log import log  # noqa: F401  (the fixture)


def test_every_date_line_is_upgraded_and_nothing_else(log):
    """The same date earlier in the text stays; `- Date:`, `**Date**:`, `* date`, front matter and
    a padded value are each rewritten in place; 31/02 is no date and stays; the files are
    printed in log order, and a second run changes nothing."""
    log.write(_0001_a="# 1. A\n\nWritten 03/04/2021.\nDate: 03/04/2021\n\n## Status\n\nAccepted\n",
              _0002_b="# B\n\n- Status: accepted\n- Date: 28/02/2020\n",
              _0003_c="# 3. C\n\n**Date**: 31/12/2019\n",
              _0004_d="# 4. D\n\nDate: 31/02/2021\n",
              _0005_e="# 5. E\n\nDate: 2021-04-03\n",
              _0006_f="# 6. F\n\n  * date 01/02/2003\n",
              _0007_g="---\ndate: 01/02/2003\n---\n# G\n",
              _0008_h="# 8. H\n\nDate:  05/06/2007  \n",
              _0009_i="# 9. I\n\n## Status\n\nAccepted\n")
    assert log.upgrade() == ["doc/adr/0001-a.md", "doc/adr/0002-b.md", "doc/adr/0003-c.md", "doc/adr/0006-f.md",
                             "doc/adr/0007-g.md", "doc/adr/0008-h.md"]
    assert log.files() == {
        "0001-a.md": "# 1. A\n\nWritten 03/04/2021.\nDate: 2021-04-03\n\n## Status\n\nAccepted\n",
        "0002-b.md": "# B\n\n- Status: accepted\n- Date: 2020-02-28\n",
        "0003-c.md": "# 3. C\n\n**Date**: 2019-12-31\n",
        "0004-d.md": "# 4. D\n\nDate: 31/02/2021\n",
        "0005-e.md": "# 5. E\n\nDate: 2021-04-03\n",
        "0006-f.md": "# 6. F\n\n  * date 2003-02-01\n",
        "0007-g.md": "---\ndate: 2003-02-01\n---\n# G\n",
        "0008-h.md": "# 8. H\n\nDate:  2007-06-05  \n",
        "0009-i.md": "# 9. I\n\n## Status\n\nAccepted\n",
    }
    assert log.upgrade() == []


def test_a_log_of_several_folders_is_upgraded_in_each(log, tmp_path):
    (tmp_path / ".log4brains.yml").write_text("project:\n  adrFolder: ./doc/adr\n  packages:\n    - name: api\n      path: ./api\n      adrFolder: ./api/adr\n")
    log.write(_20200110_a="# A\n\n- Status: accepted\n- Date: 10/01/2020\n")
    (tmp_path / "api/adr").mkdir(parents=True)
    (tmp_path / "api/adr/20200111-b.md").write_text("# B\n\n- Status: accepted\n- Date: 11/01/2020\n")
    assert log.upgrade() == ["doc/adr/20200110-a.md", "api/adr/20200111-b.md"]
    assert (tmp_path / "api/adr/20200111-b.md").read_text() == "# B\n\n- Status: accepted\n- Date: 2020-01-11\n"
