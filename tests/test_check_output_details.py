"""`adr check`'s output and settings: the text, GitHub and JSON formats line for line, the
summary, severities from `.adr.yml`, ADR_DATE, and which findings fail the run.

Findings are computed and printed in-process by the calls `adr check` makes; a few command runs
hold the one-line errors and exit codes.
"""

from __future__ import annotations

import json
import os

import pytest

from adr.errors import AdrError, Diagnostic
from adr.report import checks
from adr.report.checks import formats
from adr.store.log import DecisionLog
from tests.gitrepo import GitRepo


def madr(title: str, status: str = "accepted", extra: str = "", body: str = "") -> str:
    return f"---\nstatus: {status}\ndate: 2024-01-02\n{extra}---\n# {title}\n\n{body}"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("ADR_DATE", "2024-05-06")
    log = tmp_path / "d"
    log.mkdir()
    (log / "0001-a.md").write_text(madr("A", "pondering"))
    os.mkfifo(log / "0002-fifo.md")  # unreadable, with no line to point at
    (log / "::0003-b.md").write_text(madr("B 50%, x:y", body="## Links\n\n- Amends [9](0009-x%0Ay.md)\n"))
    (log / "0004-c.md").write_text(madr("C", extra="review-by: 2020-01-01\n"))
    monkeypatch.chdir(tmp_path)
    return log


def found(folder, configured=None) -> list[Diagnostic]:
    return checks.run(checks.from_disk(DecisionLog.load([folder])), configured)


KNOWN = "(known: accepted, deprecated, draft, proposed, rejected, superseded; add custom ones under statuses: in .adr.yml)"


def test_text_is_one_line_per_finding_without_a_line_number_it_does_not_have(folder):
    assert formats.text(found(folder)).splitlines() == [
        f"d/0001-a.md:2: unknown-status unknown status 'pondering' {KNOWN} (warning)",
        "d/0002-fifo.md: unreadable not a regular file",
        "d/0004-c.md:4: review-overdue review was due on 2020-01-01 (warning)",
        "d/::0003-b.md:9: broken-link 'Amends' links to 0009-x%0Ay.md, which does not exist",
    ]


def test_a_name_a_ci_runner_would_read_as_a_command_is_quoted(folder, monkeypatch):
    monkeypatch.chdir(folder)
    (folder / "0005-##[group]x.md").write_text(madr("D", "pondering"))
    (folder / "0005-e.md").write_text(madr("E"))
    (folder / "  ::0006-f.md").write_text("# F\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Links\n\n- Amends [9](0009-x.md)\n")
    lines = formats.text(found(folder)).splitlines()
    assert [line for line in lines if "::0006" in line] == ['"  ::0006-f.md":11: broken-link \'Amends\' links to 0009-x.md, which does not exist']
    assert [line for line in lines if "::0003" in line or "0005" in line] == [
        '"0005-#\\x23[group]x.md":2: unknown-status unknown status \'pondering\' ' + KNOWN + " (warning)",
        '"0005-#\\x23[group]x.md":5: duplicate-number number 5 is also used by 0005-e.md; renumber one with `adr renumber`',
        "0005-e.md:5: duplicate-number number 5 is also used by 0005-#\\x23[group]x.md; renumber one with `adr renumber`",
        "\"::0003-b.md\":9: broken-link 'Amends' links to 0009-x%0Ay.md, which does not exist",
    ]


def test_github_annotations_escape_what_would_end_a_property_or_the_message(folder):
    assert formats.github(found(folder)).splitlines() == [
        f"::warning file=d/0001-a.md,line=2,title=unknown-status::unknown status 'pondering' {KNOWN}",
        "::error file=d/0002-fifo.md,title=unreadable::not a regular file",
        "::warning file=d/0004-c.md,line=4,title=review-overdue::review was due on 2020-01-01",
        "::error file=d/%3A%3A0003-b.md,line=9,title=broken-link::'Amends' links to 0009-x%250Ay.md, which does not exist",
    ]
    newline = Diagnostic("d/a,b.md", 3, "x", "one\r\ntwo 100%", "error")
    assert formats.github([newline]) == "::error file=d/a%2Cb.md,line=3,title=x::one two 100%25\n"  # folded to one line first


def test_github_paths_are_from_the_repository_root_wherever_the_job_runs(tmp_path, monkeypatch):
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-a.md", madr("A", "pondering"))
    monkeypatch.chdir(repo.log)  # docs/decisions
    assert formats.github(found(repo.log)).startswith("::warning file=docs/decisions/0001-a.md,line=2,title=unknown-status::")
    assert formats.text(found(repo.log)).startswith("0001-a.md:2: unknown-status")


def test_json_counts_errors_and_warnings(folder):
    data = json.loads(formats.as_json(found(folder)))
    assert (data["errors"], data["warnings"]) == (2, 2)
    assert data["findings"][1] == {"path": "d/0002-fifo.md", "line": None, "rule": "unreadable", "severity": "error", "message": "not a regular file"}
    assert formats.as_json([]) == '{\n  "findings": [],\n  "errors": 0,\n  "warnings": 0\n}\n'


@pytest.mark.parametrize("severities, summary", [
    ([], "no findings"),
    (["error"], "1 error, 0 warnings"),
    (["warning", "warning", "error", "error"], "2 errors, 2 warnings"),
    (["warning"], "0 errors, 1 warning"),
])
def test_the_summary_counts_each_severity(severities, summary):
    assert formats.summary([Diagnostic("a.md", 1, "x", "m", s) for s in severities]) == summary


@pytest.mark.parametrize("levels, strict, fails", [
    ([], False, False), (["warning"], False, False), (["warning"], True, True), (["error"], False, True), (["warning", "error"], False, True),
])
def test_errors_fail_and_warnings_fail_only_when_strict(levels, strict, fails):
    assert checks.failed([Diagnostic("a.md", 1, "x", "m", level) for level in levels], strict) is fails


def test_adr_yml_sets_each_rules_severity(folder):
    lines = formats.text(found(folder, {"unknown-status": "error", "unreadable": " WARNING ", "review-overdue": False, "broken-link": "No"}))
    assert lines.splitlines() == [
        f"d/0001-a.md:2: unknown-status unknown status 'pondering' {KNOWN}",
        "d/0002-fifo.md: unreadable not a regular file (warning)",
    ]
    assert formats.text(found(folder, {"unknown-status": "none", "unreadable": "off", "review-overdue": "false", "broken-link": "OFF"})) == ""


def test_a_severity_or_rule_adr_does_not_know_is_a_one_line_error(folder):
    with pytest.raises(AdrError) as unknown:
        found(folder, {"missing-datez": "off"})
    assert str(unknown.value) == (
        "unknown check rule 'missing-datez' in .adr.yml rules (known: broken-assumption-ref, broken-link, duplicate-number, "
        "invalid-date, invalid-front-matter, missing-date, missing-reverse-link, no-title, review-overdue, successor-not-marked, "
        "supersede-cycle, superseded-too-early, superseded-without-successor, template-placeholder, title-number-mismatch, "
        "unknown-status, unreadable, untrusted-write-file)"
    )
    with pytest.raises(AdrError) as level:
        found(folder, {"unknown-status": "Fatal"})
    assert str(level.value) == "rule 'unknown-status' in .adr.yml: severity must be error, warning or off, not 'fatal'"


def test_a_finding_without_a_line_comes_first_in_its_file(folder):
    os.mkfifo(folder / "0001-fifo.md")  # shares number 1 with 0001-a.md
    assert [line for line in formats.text(found(folder)).splitlines() if "fifo" in line.split(":")[0]] == [
        "d/0001-fifo.md: unreadable not a regular file",
        "d/0001-fifo.md:1: duplicate-number number 1 is also used by 0001-a.md; renumber one with `adr renumber`",
        "d/0002-fifo.md: unreadable not a regular file",
    ]


def test_adr_date_pins_today_and_a_malformed_one_is_refused(adr, tmp_path, monkeypatch):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "0001-a.md").write_text(madr("A", extra="review-by: 2024-05-06\n"))
    assert adr("--dir", "d", "check", cwd=tmp_path, env={"ADR_DATE": "2024-05-06"}).out == ""
    assert adr("--dir", "d", "check", cwd=tmp_path, env={"ADR_DATE": "2024-05-07"}).out == "d/0001-a.md:4: review-overdue review was due on 2024-05-06 (warning)\n"
    refused = adr("--dir", "d", "check", cwd=tmp_path, env={"ADR_DATE": "2024-13-01"})
    assert (refused.code, refused.err) == (1, "adr: ADR_DATE '2024-13-01' is not a YYYY-MM-DD date\n")
    monkeypatch.delenv("ADR_DATE", raising=False)
    import datetime as dt

    assert checks.today() == dt.date.today()


def test_a_remembered_check_is_not_given_for_other_statuses_or_severities(tmp_path, monkeypatch):
    """`adr check` keeps its findings for an unchanged log; the statuses and rule levels of
    .adr.yml are part of the question, so changing them gives the findings they make."""
    import time

    monkeypatch.setenv("ADR_DATE", "2024-05-06")
    monkeypatch.setenv("ADR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ADR_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    log = tmp_path / "d"
    log.mkdir()
    (log / "0001-a.md").write_text(madr("A", "on hold"))
    past = time.time() - 3600  # a file written this second is not trusted by the cache
    os.utime(log / "0001-a.md", (past, past))
    os.utime(log, (past, past))
    on_hold = f"d/0001-a.md:2: unknown-status unknown status 'on hold' (known: accepted, deprecated, draft, proposed, rejected, superseded; add custom ones under statuses: in .adr.yml) (warning)\n"
    assert formats.text(checks.check_log([log], [], {})) == on_hold
    assert formats.text(checks.check_log([log], [], {})) == on_hold  # remembered
    assert formats.text(checks.check_log([log], ["on hold"], {})) == ""
    assert formats.text(checks.check_log([log], [], {"unknown-status": "error"})) == on_hold.replace(" (warning)", "")


def test_a_log_outside_the_current_folder_is_named_by_its_whole_path(folder, tmp_path, monkeypatch):
    """Not `../d/0001-a.md`: in JSON, and in annotations when no repository is around."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    findings = found(folder)
    assert json.loads(formats.as_json(findings))["findings"][0]["path"] == str(folder / "0001-a.md")
    assert formats.github(findings).startswith(f"::warning file={folder / '0001-a.md'},line=2,")
