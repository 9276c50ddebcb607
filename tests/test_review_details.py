"""`adr review`, word for word: the whole comment and its JSON for pull requests that exercise
each part of it, over real temporary git repositories.

The review is computed in-process by the calls `adr review` makes (`review`, then `markdown` or
`as_json`), so that each case costs a few git commands, not a process per format.
"""

from __future__ import annotations

import json

import pytest

from adr.review.changes import review
from adr.review.comment import as_json, markdown
from tests.gitrepo import GitRepo, madr


def assumptions(*items: str) -> str:
    return "## Assumptions\n\n" + "".join(f"- {item}\n" for item in items)


def links(*items: str) -> str:
    return "## Links\n\n" + "".join(f"- {item}\n" for item in items)


NYGARD = "# {n}. {title}\n\nDate: 2024-03-03\n\n## Status\n\n{status}\n\n## Context\n\nWhy.\n"


@pytest.fixture(autouse=True)
def _fixed_day(monkeypatch, tmp_path):
    monkeypatch.setenv("ADR_DATE", "2024-05-06")
    monkeypatch.setenv("ADR_CACHE_DIR", str(tmp_path / "cache"))


def _sha(repo: GitRepo, ref: str) -> str:
    return repo.git("rev-parse", ref).strip()


def _sections(comment: str) -> dict[str, list[str]]:
    sections = {}
    for block in comment.split("\n### ")[1:]:
        title, _, body = block.partition("\n\n")
        sections[title] = body.rstrip("\n").split("\n")
    return sections


def _pull_request(tmp_path) -> GitRepo:
    """main: 1 (accepted, assumptions A1, A2), 2 REST, 3 a proposed queue, 4 deprecated with two
    assumptions, 5 without a status with one, 7 amends 1, 8 depends on 7, 10 deprecated with
    one assumption, 11 a Nygard record, 12 with a Related Decisions section.
    The branch adds 6 (accepted: supersedes 2, says A2 of 1, both of 4, A1 of 5 and A1 of 10 no
    longer hold) and 9 (proposed: supersedes 3); 7 now says A1 of 1 no longer holds; 3's text,
    8's links and 12's related decisions (now to docs/spec.md), 11's status section change."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", madr("Use PostgreSQL", "accepted", body=assumptions("A1: Traffic stays low.", "A2: Runs on platform X")))
    repo.write("0002-use-rest.md", madr("Use REST", "accepted", body="## Decision Outcome\n\nJSON.\n"))
    repo.write("0003-use-a-queue.md", madr("Use a queue", "proposed"))
    repo.write("0004-old-cache.md", madr("Old cache", "deprecated", body=assumptions("A1: Memory is cheap.", "A2: One node.")))
    repo.write("0005-no-status.md", "---\ndate: 2024-03-03\n---\n# No status\n\n" + assumptions("A1: Nobody reads it."))
    repo.write("0007-add-replicas.md", madr("Add replicas", "accepted", body=links("Amends [1](0001-use-postgresql.md)")))
    repo.write("0008-cache.md", madr("Cache", "accepted", body=links("Depends on [7](0007-add-replicas.md)")))
    repo.write("0010-old-queue.md", madr("Old queue", "deprecated", body=assumptions("A1: One consumer.")))
    repo.write("0011-log-decisions.md", NYGARD.format(n=11, title="Log decisions", status="Accepted"))
    repo.write("0012-use-s3.md", madr("Use S3", "accepted", body="## Related Decisions\n\n- Relates to [2](0002-use-rest.md)\n"))
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("0006-go-multi-region.md", madr("Go multi-region", "accepted", body=assumptions(
        "[A2 of 1](0001-use-postgresql.md#a2): Runs on platform X",
        "[A1 of 4](0004-old-cache.md#a1): memory grew X",
        "[A2 of 4](0004-old-cache.md#a2): two nodes.",
        "[A1 of 5](0005-no-status.md#a1): someone does",
        "[A1 of 10](0010-old-queue.md#a1): many consumers",
    ) + links("Supersedes [2. Use REST](0002-use-rest.md)")))
    repo.write("0007-add-replicas.md", madr("Add replicas", "accepted", body=assumptions("[A1 of 1](0001-use-postgresql.md#a1): traffic grew")
                                            + links("Amends [1](0001-use-postgresql.md)")))
    repo.write("0003-use-a-queue.md", madr("Use a queue", "proposed", body="More words.\n"))
    repo.write("0008-cache.md", madr("Cache", "accepted", body=links("Depends on [7](0007-add-replicas.md)", "Relates to [the spec](../spec.md)")))
    repo.write("0009-use-grpc.md", madr("Use gRPC in Zürich", "proposed", body=links("Supersedes [3](0003-use-a-queue.md)")))
    repo.write("0011-log-decisions.md", NYGARD.format(n=11, title="Log decisions", status="Accepted\n\nAccepted by the board on Monday."))
    repo.write("0012-use-s3.md", madr("Use S3", "accepted", body="## Related Decisions\n\n- Relates to [2](0002-use-rest.md)\n- Relates to [the spec](../spec.md)\n"))
    (repo.path / "docs" / "spec.md").write_text("# The spec\n")
    repo.commit("Change")
    return repo


def test_the_comment_says_what_each_change_does_and_what_it_puts_at_risk(tmp_path):
    """Each group of broken assumptions names only what all of them put at risk ("it" for one
    assumption, "them" for several); a record without a status shows no empty brackets; a
    successor in force needs no "once it is accepted"; an edit to an accepted record's status
    section or links is not a rewrite; a note that repeats the assumption is not a "Why"."""
    repo = _pull_request(tmp_path)
    comment = markdown(review(repo.log, "main"))
    head, base = _sha(repo, "HEAD")[:7], _sha(repo, "main")[:7]
    assert comment.split("\n### ")[0] == (
        f"<!-- adr-review -->\n## Decision records in this change\n\nChanges on `HEAD` ({head}) since it branched from `main` ({base}).\n"
    )
    link = {n: f"[{n}. {t}](docs/decisions/{f})" for n, t, f in [
        (1, "Use PostgreSQL", "0001-use-postgresql.md"), (2, "Use REST", "0002-use-rest.md"), (3, "Use a queue", "0003-use-a-queue.md"),
        (4, "Old cache", "0004-old-cache.md"), (5, "No status", "0005-no-status.md"), (6, "Go multi-region", "0006-go-multi-region.md"),
        (7, "Add replicas", "0007-add-replicas.md"), (8, "Cache", "0008-cache.md"), (9, "Use gRPC in Zürich", "0009-use-grpc.md"),
        (10, "Old queue", "0010-old-queue.md"), (11, "Log decisions", "0011-log-decisions.md"), (12, "Use S3", "0012-use-s3.md"),
    ]}
    sections = _sections(comment)
    assert list(sections) == [
        "Decisions added", "Supersessions", "⚠️ Assumptions that no longer hold", "⚠️ Accepted decisions rewritten",
        "Other records edited", "`adr check` on the changed files: 0 errors, 2 warnings",
    ]
    assert sections["Decisions added"] == [
        "| Decision | Status | Decision-makers |", "|---|---|---|", f"| {link[6]} | accepted | — |", f"| {link[9]} | proposed | — |",
    ]
    assert sections["Supersessions"] == [
        f"- {link[6]} supersedes {link[2]}", f"- {link[9]} supersedes {link[3]} once it is accepted (it is proposed now)",
    ]
    assert sections["⚠️ Assumptions that no longer hold"] == [
        f"{link[1]} assumed:", "",
        f"- A2 “Runs on platform X” no longer holds, says {link[6]}.",
        f"- A1 “Traffic stays low.” no longer holds, says {link[7]}. Why: traffic grew.",
        "",
        f"Decisions now at risk: {link[1]} (accepted).",  # 7 and 8 rest on 1 through 7, which says A1 no longer holds
        "",
        f"{link[4]} assumed:", "",
        f"- A1 “Memory is cheap.” no longer holds, says {link[6]}. Why: memory grew X.",
        f"- A2 “One node.” no longer holds, says {link[6]}. Why: two nodes.",
        "",
        "No decision in force rests on them.",
        "",
        f"{link[5]} assumed:", "",
        f"- A1 “Nobody reads it.” no longer holds, says {link[6]}. Why: someone does.",
        "",
        f"Decisions now at risk: {link[5]}.",
        "",
        f"{link[10]} assumed:", "",
        f"- A1 “One consumer.” no longer holds, says {link[6]}. Why: many consumers.",
        "",
        "No decision in force rests on it.",
    ]
    assert sections["⚠️ Accepted decisions rewritten"] == [
        f"- {link[7]} was accepted and its text changed: an accepted decision should be superseded (`adr new -s 7`), not rewritten.",
    ]
    assert sections["Other records edited"] == [
        f"- {link[3]} (proposed)",
        f"- {link[8]} (accepted): now **Relates to** `../spec.md`",
        f"- {link[11]} (accepted)",
        f"- {link[12]} (accepted): now **Relates to** `../spec.md`",
    ]


def test_the_json_has_every_fact_under_its_name(tmp_path):
    repo = _pull_request(tmp_path)
    text = as_json(review(repo.log, "main"))
    assert text.startswith('{\n  "base": "main",\n  "head": "HEAD",\n') and text.endswith("\n}\n")  # indented, for people too
    assert '"title": "Use gRPC in Zürich"' in text  # as written, not as \\u escapes
    data = json.loads(text)

    def rec(number: int, name: str, title: str, status: str) -> dict:
        return {"path": f"docs/decisions/{number:04d}-{name}.md", "number": number, "title": title, "status": status, "decision_makers": []}

    one, six = rec(1, "use-postgresql", "Use PostgreSQL", "accepted"), rec(6, "go-multi-region", "Go multi-region", "accepted")
    main = _sha(repo, "main")
    assert {k: data[k] for k in ("base", "head", "base_sha", "head_sha", "merge_base", "failed")} == {
        "base": "main", "head": "HEAD", "base_sha": main, "head_sha": _sha(repo, "HEAD"), "merge_base": main, "failed": False,
    }
    assert data["added"] == [six, rec(9, "use-grpc", "Use gRPC in Zürich", "proposed")]
    assert data["status_changes"] == [] and data["renumbered"] == [] and data["deleted"] == [] and data["collisions"] == []
    assert data["supersessions"][0] == {"record": six, "supersedes": rec(2, "use-rest", "Use REST", "accepted")}
    assert data["invalidated_assumptions"][0] == {
        "by": six, "record": one, "key": "A2", "text": "Runs on platform X", "note": "Runs on platform X",
        "at_risk": [
            {**one, "rests_on": []},
            {**rec(7, "add-replicas", "Add replicas", "accepted"), "rests_on": [one["path"]]},
            {**rec(8, "cache", "Cache", "accepted"), "rests_on": ["docs/decisions/0007-add-replicas.md", one["path"]]},
        ],
    }
    assert data["edited_accepted"] == [rec(7, "add-replicas", "Add replicas", "accepted")]
    assert data["other_changes"][:2] == [
        {**rec(3, "use-a-queue", "Use a queue", "proposed"), "links_changed": False, "links_added": [], "links_removed": []},
        {**rec(8, "cache", "Cache", "accepted"), "links_changed": True, "links_removed": [], "links_added": [
            {"relation": "relates-to", "label": "Relates to", "target": "../spec.md", "record": None},
        ]},
    ]
    assert data["findings"][0] == {
        "path": "docs/decisions/0003-use-a-queue.md", "line": 5, "rule": "missing-reverse-link", "severity": "warning",
        "message": "no 'Superseded by' link to 9. Use gRPC in Zürich, although 9 links here with 'Supersedes'; add it with `adr link`",
    }


def test_a_fix_for_a_name_that_spans_lines_is_a_code_block_longer_than_any_backticks_in_it(tmp_path):
    """The command must paste exactly: blank lines stay blank, a tab stays a tab, other control
    characters are written as escapes, and the fence is longer than the name's own backticks."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", madr("Use PostgreSQL", "accepted"))
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("0002-a```b\n\n\tc\x1bd.md", madr("Hostile", "proposed"))
    repo.commit("Hostile")
    repo.git("checkout", "-q", "main")
    repo.write("0002-use-kafka.md", madr("Use Kafka"))
    repo.commit("Kafka")
    repo.git("checkout", "-q", "feature")
    assert _sections(markdown(review(repo.log, "main")))["❌ Number collisions"] == [
        "- [2. Hostile](docs/decisions/0002-a%60%60%60b%0A%0A%09c%1Bd.md) takes number 2, which `main` already gives to "
        "`docs/decisions/0002-use-kafka.md`. Fix:",
        "  ````sh",
        "  adr renumber 'docs/decisions/0002-a```b",
        "",
        "  \tc\\x1bd.md' 3",
        "  ````",
    ]


def test_a_branch_that_changes_no_record_says_so_and_nothing_else(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", madr("Use PostgreSQL", "accepted"))
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    (repo.path / "code.py").write_text("print('hi')\n")
    repo.commit("Code only")
    assert markdown(review(repo.log, "main")) == (
        "<!-- adr-review -->\n## Decision records in this change\n\n"
        f"Changes on `HEAD` ({_sha(repo, 'HEAD')[:7]}) since it branched from `main` ({_sha(repo, 'main')[:7]}).\n\n"
        "No decision records changed.\n"
    )


def test_links_work_from_a_pull_request_page_and_name_a_record_without_a_number_by_its_title(tmp_path):
    """`--link-base` is put before each record's path, with its spaces and brackets escaped so
    that the Markdown link holds."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", madr("Use PostgreSQL", "accepted"))
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("use-s3.md", madr("Use S3", "accepted", deciders="Ana, Bob"))
    repo.commit("S3")
    comment = markdown(review(repo.log, "main"), "https://example.org/o/r (fork)/blob/abc/")
    assert _sections(comment)["Decisions added"][2] == (
        "| [Use S3](https://example.org/o/r%20%28fork%29/blob/abc/docs/decisions/use-s3.md) | accepted | Ana, Bob |"
    )


@pytest.mark.parametrize("log", [".", "docs/decisions", "site/_decisions"])  # only folders inside the log are skipped
def test_records_in_sub_folders_are_reviewed_and_templates_and_assets_are_not(tmp_path, log):
    repo = GitRepo(tmp_path / "repo", log=log)
    repo.write("0001-use-postgresql.md", madr("Use PostgreSQL", "accepted"))
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    for folder in ("backend", "templates", "assets", "_drafts", ".github", "backend/images"):
        (repo.log / folder).mkdir()
    repo.write("backend/0002-use-kafka.md", madr("Use Kafka"))
    repo.write("backend/images/0007-diagram.md", madr("Diagram"))
    repo.write("templates/0003-template.md", madr("Template"))
    repo.write("assets/0004-diagram.md", madr("Diagram"))
    repo.write("_drafts/0005-draft.md", madr("Draft"))
    repo.write(".github/0006-hidden.md", madr("Hidden"))
    repo.commit("Kafka")
    where = "" if log == "." else f"{log}/"
    data = json.loads(as_json(review(repo.log, "main")))
    assert [r["path"] for r in data["added"]] == [f"{where}backend/0002-use-kafka.md"]


def test_a_rewritten_record_without_a_number_is_superseded_by_its_path(tmp_path):
    """Quoted for the shell; as a code block (fenced with three backticks) when the name spans lines."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("use-s3.md", madr("Use S3", "accepted", body="## Decision Outcome\n\nBuckets.\n"))
    repo.write("use\nkafka.md", madr("Use Kafka", "accepted", body="## Decision Outcome\n\nTopics.\n"))
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("use-s3.md", madr("Use S3", "accepted", body="## Decision Outcome\n\nBuckets, versioned.\n"))
    repo.write("use\nkafka.md", madr("Use Kafka", "accepted", body="## Decision Outcome\n\nTopics, compacted.\n"))
    repo.commit("Rewrite")
    assert _sections(markdown(review(repo.log, "main")))["⚠️ Accepted decisions rewritten"] == [
        "- [Use Kafka](docs/decisions/use%0Akafka.md) was accepted and its text changed: an accepted decision should be superseded, not rewritten:",
        "  ```sh",
        "  adr new -s 'docs/decisions/use",
        "  kafka.md'",
        "  ```",
        "- [Use S3](docs/decisions/use-s3.md) was accepted and its text changed: an accepted decision should be superseded "
        "(`adr new -s docs/decisions/use-s3.md`), not rewritten.",
    ]


def test_an_edited_record_without_a_status_is_listed_without_one(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    unset = "---\ndate: 2024-03-03\n---\n# Unset\n\n{}\n"
    repo.write("0002-unset.md", unset.format("Why."))
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("0002-unset.md", unset.format("Why, at length."))
    repo.commit("Edit")
    sections = _sections(markdown(review(repo.log, "main")))
    assert sections["Other records edited"] == ["- [2. Unset](docs/decisions/0002-unset.md)"]
    assert sections["`adr check` on the changed files: 0 errors, 1 warning"] == [
        "- **warning** `docs/decisions/0002-unset.md:4` `unknown-status` no status found",
    ]
