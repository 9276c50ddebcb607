"""`adr review` and `adr check` on a pull request whose author chose every name and every word.

Issue 24: the comment must say what the change is, whatever the file names and the record text.
Each test builds a real repository whose branch holds attack inputs (new lines, `|`, `<!--`,
backticks, `@team`, `#12`, links, images, emphasis, entities, `::` and `##[` for the CI runner)
and reads the output the way GitHub would: the Markdown parsed by markdown-it-py (CommonMark with
GFM's tables and strikethrough), the annotations line by line as the runner splits them.
"""

from __future__ import annotations

import json
import re

from tests.gitrepo import GitRepo, madr


def test_check_findings_stay_one_line_each_in_text_and_annotations(tmp_path, adr):
    repo = GitRepo(tmp_path / "repo")
    names = ["0001-a\n::error file=forged.md,line=1::x.md", "0002-b%0A::warning::y.md", "0003-c\r##[error]z.md", "::error::d.md"]
    for name in names:
        repo.write(name, madr("Dated badly", date='"##[error]e %0A ::warning::f"'))
    repo.commit("Dates")
    findings = json.loads(adr("check", "--format", "json", cwd=repo.log).out)["findings"]
    assert [(f["path"], f["line"], f["rule"]) for f in findings] == [(n, 3, "invalid-date") for n in sorted(names)]
    assert findings[0]["message"] == "date '##[error]e %0A ::warning::f' is not a date (write YYYY-MM-DD)"

    github = adr("check", "--format", "github", cwd=repo.log).out
    lines = re.split(r"\r\n|\r|\n", github.rstrip("\n"))  # the runner splits on CR too
    assert len(lines) == len(findings)
    for line, finding in zip(lines, findings):
        found = re.fullmatch(r"::warning file=([^,:]*),line=(\d+),title=invalid-date::(.*)", line)
        assert found, line
        file = found[1].replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")
        assert (file, int(found[2])) == ("docs/decisions/" + finding["path"], 3)
        assert found[3] == "date '##[error]e %250A ::warning::f' is not a date (write YYYY-MM-DD)"

    text = adr("check", cwd=repo.log).out  # in the log's folder: a name is the whole path shown
    lines = re.split(r"\r\n|\r|\n", text.rstrip("\n"))
    assert lines == [
        '"0001-a\\n::error file=forged.md,line=1::x.md":3: invalid-date date \'#\\x23[error]e %0A ::warning::f\' is not a date (write YYYY-MM-DD) (warning)',
        "0002-b%0A::warning::y.md:3: invalid-date date '#\\x23[error]e %0A ::warning::f' is not a date (write YYYY-MM-DD) (warning)",
        '"0003-c\\r#\\x23[error]z.md":3: invalid-date date \'#\\x23[error]e %0A ::warning::f\' is not a date (write YYYY-MM-DD) (warning)',
        '"::error::d.md":3: invalid-date date \'#\\x23[error]e %0A ::warning::f\' is not a date (write YYYY-MM-DD) (warning)',
    ]
    assert not [line for line in lines if line.lstrip().startswith("::") or "##[" in line]