"""`adr check`: every rule fires on a log that breaks it and stays silent on a clean one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CORPORA, SAMPLES


def madr(title: str, status: str = "accepted", date: str = "2024-01-02", extra: str = "", body: str = "") -> str:
    fm = f"status: {status}\n" if status is not None else ""
    fm += f"date: {date}\n" if date else ""
    return f"---\n{fm}{extra}---\n# {title}\n\n## Context and Problem Statement\n\nWhy.\n\n{body}"


CLEAN = {
    "0001-use-postgresql.md": madr(
        "Use PostgreSQL", "superseded by [2. Use managed PostgreSQL](0002-use-managed-postgresql.md)",
        body="## Assumptions\n\n- A1: Traffic stays under 100 requests a second.\n\n## Links\n\n- Superseded by [2. Use managed PostgreSQL](0002-use-managed-postgresql.md)\n",
    ),
    "0002-use-managed-postgresql.md": madr(
        "Use managed PostgreSQL", extra="review-by: 2030-01-01\n",
        body="## Assumptions\n\n- [A1 of 1](0001-use-postgresql.md#a1): traffic grew\n\n## Links\n\n- Supersedes [1. Use PostgreSQL](0001-use-postgresql.md)\n",
    ),
}


def write_log(root: Path, files: dict[str, str]) -> Path:
    log = root / "docs" / "decisions"
    log.mkdir(parents=True)
    for name, text in files.items():
        (log / name).write_text(text, encoding="utf-8")
    return log


def findings(adr, root: Path, *args: str) -> tuple[int, list[dict]]:
    result = adr("check", "--format", "json", *args, cwd=root)
    assert result.code in (0, 1), result
    return result.code, json.loads(result.out)["findings"]


def rules_of(found: list[dict]) -> set[str]:
    return {f["rule"] for f in found}


def test_a_clean_log_has_no_findings(adr, tmp_path):
    write_log(tmp_path, CLEAN)
    result = adr("check", cwd=tmp_path)
    assert result.code == 0, result
    assert result.out == ""
    assert "no findings" in result.err


BROKEN = [
    ("duplicate-number", {"0002-also-two.md": madr("Also two")}),
    ("title-number-mismatch", {"0003-three.md": "# 7. Three\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n"}),
    ("broken-link", {"0003-three.md": madr("Three", body="## Links\n\n- Amends [9. Gone](0009-gone.md)\n")}),
    ("missing-reverse-link", {"0003-three.md": madr("Three", body="## Links\n\n- Amends [2. Managed](0002-use-managed-postgresql.md)\n")}),
    ("superseded-without-successor", {"0003-three.md": madr("Three", "superseded")}),
    ("successor-not-marked", {"0003-three.md": madr("Three", body="## Links\n\n- Superseded by [2. Managed](0002-use-managed-postgresql.md)\n")}),
    ("superseded-too-early", {
        "0003-three.md": madr("Three", "superseded", body="## Links\n\n- Superseded by [4. Four](0004-four.md)\n"),
        "0004-four.md": madr("Four", "proposed", body="## Links\n\n- Supersedes [3. Three](0003-three.md)\n"),
    }),
    ("unknown-status", {"0003-three.md": madr("Three", "pondering")}),
    ("missing-date", {"0003-three.md": madr("Three", date="")}),
    ("invalid-date", {"0003-three.md": madr("Three", date="sometime in May")}),
    ("template-placeholder", {"0003-three.md": madr("Three", body="Chosen option: \"(option 1)\", because (justification).\n")}),
    ("review-overdue", {"0003-three.md": madr("Three", extra="review-by: 2020-01-01\n")}),
    ("broken-assumption-ref", {"0003-three.md": madr("Three", body="## Assumptions\n\n- [A7 of 1](0001-use-postgresql.md#a7): gone\n")}),
    ("invalid-front-matter", {"0003-three.md": "---\nstatus: [accepted\n---\n# Three\n"}),
    ("unreadable", {"0003-three.md": "# Three\n\n\0\0binary"}),
    ("no-title", {"0003-three.md": "Date: 2024-01-02\n\n## Status\n\nAccepted\n"}),
    # a journal adr did not seal: reported, never replayed (it would delete record 1)
    ("untrusted-write-file", {".adr-journal.json": '{"version": 1, "state": "committed", "files": [{"path": "0001-use-postgresql.md", "delete": true}]}'}),
]


@pytest.mark.parametrize("rule, extra", BROKEN, ids=[rule for rule, _ in BROKEN])
def test_each_rule_fires_on_a_log_that_breaks_it(adr, tmp_path, rule, extra):
    log = write_log(tmp_path, {**CLEAN, **extra})
    code, found = findings(adr, tmp_path)
    assert rule in rules_of(found), found
    hit = next(f for f in found if f["rule"] == rule)
    assert hit["path"].startswith("docs/decisions/") and Path(tmp_path, hit["path"]).parent == log
    assert code == (1 if any(f["severity"] == "error" for f in found) else 0)


@pytest.mark.parametrize("successor_status, reported", [("proposed", False), ("draft", False), ("rejected", False), ("accepted", True)])
def test_a_record_is_reported_unmarked_only_once_its_successor_is_in_force(adr, tmp_path, successor_status, reported):
    write_log(tmp_path, {
        "0001-use-mysql.md": madr("Use MySQL", body="## Links\n\n- Superseded by [2. Use PostgreSQL](0002-use-postgresql.md)\n"),
        "0002-use-postgresql.md": madr("Use PostgreSQL", successor_status, body="## Links\n\n- Supersedes [1. Use MySQL](0001-use-mysql.md)\n"),
    })
    code, found = findings(adr, tmp_path)
    assert code == 0
    expected = [("successor-not-marked", "superseded by 2. Use PostgreSQL but its status is still accepted")] if reported else []
    assert [(f["rule"], f["message"]) for f in found] == expected


def test_supersede_cycle_is_an_error(adr, tmp_path):
    write_log(tmp_path, {
        "0001-a.md": madr("A", "superseded by [2. B](0002-b.md)", body="## Links\n\n- Supersedes [2. B](0002-b.md)\n"),
        "0002-b.md": madr("B", "superseded by [1. A](0001-a.md)", body="## Links\n\n- Supersedes [1. A](0001-a.md)\n"),
    })
    code, found = findings(adr, tmp_path)
    cycles = [f for f in found if f["rule"] == "supersede-cycle"]
    assert code == 1 and len(cycles) == 1
    assert "1. A → 2. B → 1. A" in cycles[0]["message"] or "2. B → 1. A → 2. B" in cycles[0]["message"]


def test_text_output_names_file_line_and_rule(adr, tmp_path):
    write_log(tmp_path, {**CLEAN, "0002-also-two.md": madr("Also two"), "0003-three.md": madr("Three", date="")})
    result = adr("check", cwd=tmp_path)
    assert result.code == 1
    lines = result.out.splitlines()
    assert "docs/decisions/0002-also-two.md:5: duplicate-number number 2 is also used by 0002-use-managed-postgresql.md; renumber one with `adr renumber`" in lines
    assert "docs/decisions/0003-three.md:4: missing-date no date (warning)" in lines
    assert "2 errors, 1 warning" in result.err


def test_github_format_is_workflow_annotations(adr, tmp_path):
    write_log(tmp_path, {**CLEAN, "0003-three.md": madr("Three", "pondering, maybe")})
    result = adr("check", "--format", "github", cwd=tmp_path)
    assert result.code == 0
    assert result.out.startswith("::warning file=docs/decisions/0003-three.md,line=2,title=unknown-status::unknown status 'pondering'")


def test_warnings_pass_unless_strict(adr, tmp_path):
    write_log(tmp_path, {**CLEAN, "0003-three.md": madr("Three", date="")})
    assert adr("check", cwd=tmp_path).code == 0
    assert adr("check", "--strict", cwd=tmp_path).code == 1


def test_severities_come_from_adr_yml(adr, tmp_path):
    write_log(tmp_path, {**CLEAN, "0003-three.md": madr("Three", "pondering", date="")})
    (tmp_path / ".adr.yml").write_text("dir: docs/decisions\nrules:\n  missing-date: error\n  unknown-status: off\n")
    code, found = findings(adr, tmp_path)
    assert code == 1
    assert [(f["rule"], f["severity"]) for f in found] == [("missing-date", "error")]


def test_custom_statuses_are_known(adr, tmp_path):
    write_log(tmp_path, {**CLEAN, "0003-three.md": madr("Three", "on hold")})
    (tmp_path / ".adr.yml").write_text("dir: docs/decisions\nstatuses: [on hold]\n")
    assert findings(adr, tmp_path) == (0, [])


def test_a_misspelt_rule_in_adr_yml_is_one_line_error(adr, tmp_path):
    write_log(tmp_path, CLEAN)
    (tmp_path / ".adr.yml").write_text("dir: docs/decisions\nrules:\n  missing-dates: off\n")
    result = adr("check", cwd=tmp_path)
    assert result.code == 1
    assert result.err.startswith("adr: unknown check rule 'missing-dates' in .adr.yml rules")


def test_files_limit_the_output_not_the_rules(adr, tmp_path):
    write_log(tmp_path, {**CLEAN, "0002-also-two.md": madr("Also two")})
    code, found = findings(adr, tmp_path, "docs/decisions/0002-also-two.md")
    assert code == 1 and [f["path"] for f in found] == ["docs/decisions/0002-also-two.md"]


def test_every_real_corpus_folder_is_checked_without_crashing(adr, tmp_path):
    roots = [SAMPLES, *([CORPORA] if CORPORA.is_dir() else [])]
    folders = [folder for root in roots for folder in [root, *sorted(p for p in root.rglob("*") if p.is_dir())]]
    total = 0
    for folder in folders:
        result = adr("--dir", str(folder), "check", "--format", "json", cwd=tmp_path)
        assert result.code in (0, 1), result
        data = json.loads(result.out)
        assert result.code == (1 if data["errors"] else 0)
        total += len(data["findings"])
    assert total > 0  # real logs are never perfect


def test_rules_lists_every_id_with_its_configured_severity(adr, tmp_path):
    write_log(tmp_path, CLEAN)
    (tmp_path / ".adr.yml").write_text("dir: docs/decisions\nrules:\n  review-overdue: error\n")
    result = adr("check", "--rules", cwd=tmp_path)
    assert result.code == 0
    levels = {line.split()[0]: line.split()[1] for line in result.out.splitlines()}
    assert levels["review-overdue"] == "error" and levels["duplicate-number"] == "error" and levels["missing-date"] == "warning"
    assert set(levels) == {rule for rule, _ in BROKEN} | {"supersede-cycle"}


def test_status_findings_point_at_the_line_that_writes_the_status(adr, tmp_path):
    write_log(tmp_path, {
        "0001-front-matter.md": "---\ndate: 2024-01-02\ndecision-makers: [Ana]\nstatus: superseded\n---\n# Front matter\n\nWhy.\n",
        "0002-bullets.md": "# Bullets\n\nWe superseded nothing here.\n\n- Date: 2024-01-02\n- Status: on ice\n",
        "0003-nygard.md": "# 3. Nygard\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nx\n",
        "0004-successor.md": "# 4. Successor\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\nSupersedes [3. Nygard](0003-nygard.md)\n",
        "0005-on-ice.md": "---\ndate: 2024-01-02\nstatus: \"On Ice\"\n---\n# On Ice\n",
    })
    status_rules = {"superseded-without-successor", "successor-not-marked", "unknown-status"}
    found = {(f["path"].rsplit("/", 1)[1], f["rule"]): f["line"] for f in findings(adr, tmp_path)[1] if f["rule"] in status_rules}
    assert found == {
        ("0001-front-matter.md", "superseded-without-successor"): 4,
        ("0002-bullets.md", "unknown-status"): 6,
        ("0003-nygard.md", "successor-not-marked"): 7,
        ("0005-on-ice.md", "unknown-status"): 3,
    }


def test_a_record_superseded_by_a_successor_not_in_force_is_flagged(tmp_path, adr):
    adr("init")
    adr("new", "Use PostgreSQL")
    adr("status", "2", "accepted")
    adr("new", "-s", "2", "Use managed PostgreSQL")
    assert "superseded-too-early" not in adr("check").out  # pending: 2 is still accepted
    adr("status", "2", "superseded", "--force")  # as earlier versions of adr new -s wrote it
    early = [l for l in adr("check").out.splitlines() if "superseded-too-early" in l]
    assert early == ["doc/adr/0002-use-postgresql.md:2: superseded-too-early superseded, but 3. Use managed PostgreSQL is proposed: no decision is in force; "
                     "accept the successor, or put this one back with `adr status 2 accepted --force` (warning)"]
    adr("status", "3", "rejected")
    assert "is rejected: no decision is in force; put this one back with `adr status 2 accepted --force`" in adr("check").out
    adr("status", "2", "accepted", "--force")
    assert "superseded-too-early" not in adr("check").out


def test_date_findings_point_at_the_date_line_not_a_word_containing_date(adr, tmp_path):
    write_log(tmp_path, {
        "0001-update-the-cache.md": "# 1. Update the cache\n\nDate: sometime in May\n\n## Status\n\nAccepted\n",
        "0002-update-the-index.md": "---\nstatus: accepted\ndecision-makers: [Ana]\ndate: soon\nreview-by: 2020-01-01\n---\n# Update the index\n",
    })
    found = {(line.split(":")[0].rsplit("/", 1)[-1], line.split(":")[1], line.split()[1]) for line in adr("check", cwd=tmp_path).out.splitlines()}
    assert ("0001-update-the-cache.md", "3", "invalid-date") in found
    assert ("0002-update-the-index.md", "4", "invalid-date") in found
    assert ("0002-update-the-index.md", "5", "review-overdue") in found


@pytest.mark.parametrize("key, value", [("date", "2024-13-45"), ("review-by", "2020-02-30")])
def test_a_date_typo_in_front_matter_loses_only_that_date(adr, tmp_path, key, value):
    """PyYAML raised on an impossible date, and the whole front matter was thrown away."""
    date = value if key == "date" else "2024-01-02"
    extra = "tags: [db, infra]\ndecision-makers: [Ana]\n" + (f"review-by: {value}\n" if key == "review-by" else "")
    write_log(tmp_path, {"0001-use-x.md": madr("Use X", date=date, extra=extra)})
    _, found = findings(adr, tmp_path)
    assert "invalid-front-matter" not in rules_of(found) and "unknown-status" not in rules_of(found)
    assert "missing-date" not in rules_of(found)
    if key == "date":
        assert [(f["rule"], f["line"]) for f in found if f["rule"] == "invalid-date"] == [("invalid-date", 3)]
    [listed] = json.loads(adr("list", "--format", "json", cwd=tmp_path).out)
    assert (listed["status"], listed["tags"], listed["decision_makers"]) == ("accepted", ["db", "infra"], ["Ana"])
    assert listed["review_by"] is None


def test_placeholders_quoted_as_code_are_not_left_in(adr, copy_corpus, tmp_path):
    """MADR's own records quote its template (`Chosen option: "[option 1]"`): that is prose about it."""
    root = copy_corpus("adr__madr")
    assert "template-placeholder" not in adr("--dir", ".", "check", cwd=root).out
    fenced = "```markdown\nChosen option: \"(option 1)\", because (justification).\n```\n\nUse `{title of option 1}` and ``[option 1]``.\n"
    write_log(tmp_path, {"0001-quote.md": madr("Quote", body=fenced), "0002-left.md": madr("Left", body=fenced + "\n[option 1] wins\n")})
    assert [(f["path"].rsplit("/", 1)[1], f["line"]) for f in findings(adr, tmp_path)[1] if f["rule"] == "template-placeholder"] == [("0002-left.md", 17)]


def test_a_review_by_that_is_no_date_is_reported(adr, tmp_path):
    write_log(tmp_path, {"0001-use-x.md": "---\nstatus: accepted\ndate: 2024-01-02\nreview-by: 2020-02-30\n---\n# Use X\n"})
    found = [l for l in adr("check", cwd=tmp_path).out.splitlines() if "invalid-date" in l]
    assert len(found) == 1 and found[0].endswith(
        "0001-use-x.md:4: invalid-date review-by '2020-02-30' is not a date (write YYYY-MM-DD): no review will ever be due (warning)"), found
