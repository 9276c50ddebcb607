"""`adr review`: what counts as news in a pull request (an assumption said again is not), which
supersessions it makes, what the check runs on (the head's tree, the log's settings), and which
numbers collide with the base branch's.
"""

from __future__ import annotations

import json

import pytest

from adr.review.changes import review
from adr.review.comment import as_json, markdown
from tests.gitrepo import GitRepo, madr


def assumptions(*items: str) -> str:
    return "## Assumptions\n\n" + "".join(f"- {item}\n" for item in items) + "\n"


@pytest.fixture(autouse=True)
def _fixed_day(monkeypatch, tmp_path):
    monkeypatch.setenv("ADR_DATE", "2024-05-06")
    monkeypatch.setenv("ADR_CACHE_DIR", str(tmp_path / "cache"))


def _sections(comment: str) -> dict[str, list[str]]:
    sections = {}
    for block in comment.split("\n### ")[1:]:
        title, _, body = block.partition("\n\n")
        sections[title] = body.rstrip("\n").split("\n")
    return sections


def link(number: int, title: str, name: str) -> str:
    return f"[{number}. {title}](docs/decisions/{name})"


def test_only_what_the_branch_newly_says_is_news_and_the_check_reads_the_heads_tree(tmp_path):
    """2 said in main that A1 of 1 no longer holds: only its new A2 is news. 4 is now superseded
    by 3, which the branch did not touch. An invalidation of a record that does not exist puts
    nothing at risk; a file on disk that the head does not hold is no link target; the log's
    custom statuses and rule settings apply."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", madr("Use PostgreSQL", "accepted", body=assumptions("A1: Traffic stays low.", "A2: One region.")))
    repo.write("0002-go-big.md", madr("Go big", "proposed", body=assumptions("[A1 of 1](0001-use-postgresql.md#a1): traffic grew")))
    repo.write("0003-use-rest.md", madr("Use REST", "accepted"))
    repo.write("0004-use-soap.md", madr("Use SOAP", "accepted"))
    repo.write("0005-notes.md", madr("Notes", "accepted"))
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("0002-go-big.md", madr("Go big", "proposed", body=assumptions(
        "[A1 of 1](0001-use-postgresql.md#a1): traffic grew", "[A2 of 1](0001-use-postgresql.md#a2): two regions") + "More.\n"))
    repo.write("0004-use-soap.md", madr("Use SOAP", "superseded by [3](0003-use-rest.md)"))
    repo.write("0006-go-far.md", madr("Go far", "proposed", body=assumptions("[A1 of 99](0099-none.md#a1): no")))
    repo.write("0007-clients.md", madr("Clients", "proposed", body="## Links\n\n- Relates to [untracked](0008-untracked.md)\n"))
    (repo.log / "0005-notes.md").unlink()
    repo.write("0009-hold.md", madr("Hold", "on hold"))
    repo.commit("Change")
    repo.write("0008-untracked.md", madr("Untracked", "proposed"))  # on disk, not in the head under review
    result = review(repo.log, "main", None, ["on hold"], {"missing-reverse-link": "off"})
    sections = _sections(markdown(result))
    assert list(sections) == [
        "Decisions added", "Status changes", "Supersessions", "⚠️ Assumptions that no longer hold", "⚠️ Decisions deleted",
        "`adr check` on the changed files: 2 errors, 0 warnings",
    ]
    assert sections["Decisions added"][2:] == [
        f"| {link(6, 'Go far', '0006-go-far.md')} | proposed | — |", f"| {link(7, 'Clients', '0007-clients.md')} | proposed | — |",
        f"| {link(9, 'Hold', '0009-hold.md')} | on hold | — |",
    ]
    assert sections["Status changes"] == [f"- {link(4, 'Use SOAP', '0004-use-soap.md')}: accepted → **superseded**"]
    assert sections["Supersessions"] == [f"- {link(3, 'Use REST', '0003-use-rest.md')} supersedes {link(4, 'Use SOAP', '0004-use-soap.md')}"]
    assert sections["⚠️ Assumptions that no longer hold"] == [
        f"{link(1, 'Use PostgreSQL', '0001-use-postgresql.md')} assumed:", "",
        f"- A2 “One region.” no longer holds, says {link(2, 'Go big', '0002-go-big.md')}. Why: two regions.", "",
        f"Decisions now at risk: {link(1, 'Use PostgreSQL', '0001-use-postgresql.md')} (accepted).",
    ]
    assert sections["⚠️ Decisions deleted"] == [
        "- `docs/decisions/0005-notes.md` (accepted) was deleted: supersede or deprecate a decision instead, so its history stays readable.",
    ]
    assert sections["`adr check` on the changed files: 2 errors, 0 warnings"] == [
        "- **error** `docs/decisions/0006-go-far.md:13` `broken-assumption-ref` assumption link to 0099-none.md\\#a1: no such record",
        "- **error** `docs/decisions/0007-clients.md:13` `broken-link` 'Relates to' links to 0008-untracked.md, which does not exist",
    ]
    data = json.loads(as_json(result))
    assert data["failed"] is True
    assert data["deleted"] == [{"path": "docs/decisions/0005-notes.md", "number": 5, "title": "Notes", "status": "accepted"}]
    assert [(i["by"]["number"], i["record"]["number"], i["key"], i["note"]) for i in data["invalidated_assumptions"]] == [(2, 1, "A2", "two regions")]
    assert data["other_changes"] == []  # 2 is named with what it says


def _collisions(tmp_path, main_adds: dict[str, str], branch_adds: dict[str, str]) -> list[tuple[str, str, int]]:
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", madr("Use PostgreSQL", "accepted"))
    (repo.log / "backend").mkdir()
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    for name, title in branch_adds.items():
        repo.write(name, madr(title))
    repo.commit("Branch")
    repo.git("checkout", "-q", "main")
    for name, title in main_adds.items():
        repo.write(name, madr(title))
    repo.commit("Main")
    repo.git("checkout", "-q", "feature")
    result = review(repo.log, "main")
    assert result.failed is bool(result.collisions)
    return [(c.record.path.name, c.taken_by.rsplit("/", 1)[-1], c.suggested) for c in result.collisions]


def test_each_number_the_base_gave_to_another_file_is_a_collision_with_the_next_free_number(tmp_path):
    found = _collisions(
        tmp_path,
        {"0002-use-kafka.md": "Use Kafka", "0003-use-avro.md": "Use Avro", "backend/0004-use-go.md": "Use Go", "0005-same.md": "Same"},
        {"0002-use-redis.md": "Use Redis", "0003-use-json.md": "Use JSON", "0004-use-rust.md": "Use Rust",
         "0005-same.md": "Same", "use-s3.md": "Use S3"},
    )
    # 4 is taken in backend/ only, 5 by the very same file; the next free number is above main's and the branch's
    assert found == [("0002-use-redis.md", "0002-use-kafka.md", 6), ("0003-use-json.md", "0003-use-avro.md", 7)]


def test_no_collision_when_the_base_took_no_number_of_the_branchs(tmp_path):
    assert _collisions(tmp_path, {"0003-use-avro.md": "Use Avro"}, {"0002-use-redis.md": "Use Redis"}) == []


def test_findings_point_at_their_line_in_the_head_and_a_record_may_break_its_own_assumption(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", madr("Use PostgreSQL", "accepted"))
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    text = "---\nstatus: accepted\ndate: soon\nreview-by: 2020-01-01\n---\n# Go big\n\n" + assumptions("A1: Small team.", "[A1](#a1): the team grew")
    repo.write("0002-go-big.md", text)
    repo.commit("Go big")
    repo.write("0002-go-big.md", text.replace("date: soon", "date: 2024-01-01"))  # the working tree is not what is reviewed
    result = review(repo.log, "main")
    assert [(d.code, d.line) for d in result.findings] == [("invalid-date", 3), ("review-overdue", 4)]
    assert _sections(markdown(result))["⚠️ Assumptions that no longer hold"] == [
        f"{link(2, 'Go big', '0002-go-big.md')} assumed:", "",
        f"- A1 “Small team.” no longer holds, says {link(2, 'Go big', '0002-go-big.md')}. Why: the team grew.", "",
        f"Decisions now at risk: {link(2, 'Go big', '0002-go-big.md')} (accepted).",
    ]


def test_a_decision_resting_on_the_broken_one_twice_is_at_risk_once(tmp_path):
    """4 rests on 1 through 2 and through 3: it is named once, with the first chain. A draft
    changed beside the record that says so does not hide what that one says."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", madr("Use PostgreSQL", "accepted", body=assumptions("A1: Traffic stays low.")))
    repo.write("0002-replicas.md", madr("Replicas", "accepted", body="## Links\n\n- Amends [1](0001-use-postgresql.md)\n"))
    repo.write("0003-backups.md", madr("Backups", "accepted", body="## Links\n\n- Amends [1](0001-use-postgresql.md)\n"))
    repo.write("0004-reports.md", madr("Reports", "accepted", body="## Links\n\n- Depends on [2](0002-replicas.md)\n- Depends on [3](0003-backups.md)\n"))
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("0005-idea.md", madr("Idea", "draft", body=assumptions("[A1 of 1](0001-use-postgresql.md#a1): maybe")))
    repo.write("0006-go-big.md", madr("Go big", "proposed", body=assumptions("[A1 of 1](0001-use-postgresql.md#a1): traffic grew")
                                       + "## Links\n\n- Amends [the spec](../../spec.md)\n"))
    repo.commit("Go big")
    (repo.path / "spec.md").write_text("# Spec\n")
    result = review(repo.log, "main")
    data = json.loads(as_json(result))
    [said] = data["invalidated_assumptions"]
    assert (said["by"]["number"], [(r["number"], r["rests_on"]) for r in said["at_risk"]]) == (6, [
        (1, []), (2, ["docs/decisions/0001-use-postgresql.md"]), (3, ["docs/decisions/0001-use-postgresql.md"]),
        (4, ["docs/decisions/0002-replicas.md", "docs/decisions/0001-use-postgresql.md"]),
    ])
    assert [f["message"] for f in data["findings"] if f["rule"] == "broken-link"] == [
        "'Amends' links to ../../spec.md, which is outside the decision log",
    ]
