"""`adr review`: the pull request summary, from a real repository with a base and a feature branch."""

from __future__ import annotations

import json

from tests.gitrepo import GitRepo, dated, madr

POSTGRES = madr(
    "Use PostgreSQL", "accepted", deciders="Ana",
    body="## Assumptions\n\n- A1: Traffic stays under 100 requests a second.\n\n## Decision Outcome\n\nWe run PostgreSQL ourselves.\n",
)
REST = madr("Use REST", "accepted", body="## Decision Outcome\n\nJSON over HTTP.\n")
QUEUE = madr("Use a queue", "proposed", body="## Decision Outcome\n\nA queue.\n")


def three_records(tmp_path) -> GitRepo:
    """main with 1. Use PostgreSQL, 2. Use REST (both accepted) and 3. Use a queue (proposed)."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", POSTGRES)
    repo.write("0002-use-rest.md", REST)
    repo.write("0003-use-a-queue.md", QUEUE)
    repo.commit("Start", "Ana")
    return repo


def pull_request(tmp_path, adr):
    """main holds three records; the branch adds one that supersedes 1, accepts 3 and rewrites 2."""
    repo = three_records(tmp_path)
    repo.git("checkout", "-q", "-b", "feature")
    env = dated("Bob", "2024-04-01T10:00:00+00:00")
    made = adr("new", "-s", "1", "--decider", "Bob", "--decider", "@ops", "--invalidates", "1#A1", "Use managed PostgreSQL", cwd=repo.path, env=env)
    assert made.code == 0, made
    assert adr("status", "3", "accepted", cwd=repo.path, env=env).code == 0
    repo.write("0002-use-rest.md", REST.replace("JSON over HTTP.", "gRPC, after all."))
    repo.commit("Managed PostgreSQL", "Bob", "2024-04-01T10:00:00+00:00")
    return repo


def test_markdown_for_a_pr_that_adds_supersedes_and_edits(tmp_path, adr):
    repo = pull_request(tmp_path, adr)
    result = adr("review", "--base", "main", cwd=repo.path)
    assert result.code == 0, result
    sections = {}
    for block in result.out.split("\n### ")[1:]:
        title, _, body = block.partition("\n\n")
        sections[title] = body.strip().split("\n")
    assert result.out.startswith("<!-- adr-review -->\n## Decision records in this change\n\nChanges on `HEAD` (")
    assert "since it branched from `main` (" in result.out.split("\n")[3]
    assert sections["Decisions added"] == [
        "| Decision | Status | Decision-makers |",
        "|---|---|---|",
        "| [4. Use managed PostgreSQL](docs/decisions/0004-use-managed-postgresql.md) | proposed | Bob, @\u200bops |",
    ]
    assert sections["Status changes"] == [  # 1 stays in force while 4 is only proposed
        "- [3. Use a queue](docs/decisions/0003-use-a-queue.md): proposed → **accepted**",
    ]
    assert sections["Supersessions"] == [
        "- [4. Use managed PostgreSQL](docs/decisions/0004-use-managed-postgresql.md) supersedes [1. Use PostgreSQL](docs/decisions/0001-use-postgresql.md)"
        " once it is accepted (it is proposed now)",
    ]
    assert sections["⚠️ Assumptions that no longer hold"] == [
        "[1. Use PostgreSQL](docs/decisions/0001-use-postgresql.md) assumed:",
        "",
        "- A1 “Traffic stays under 100 requests a second.” no longer holds, says [4. Use managed PostgreSQL](docs/decisions/0004-use-managed-postgresql.md).",
        "",
        "Decisions now at risk: [1. Use PostgreSQL](docs/decisions/0001-use-postgresql.md) (accepted).",  # in force until 4 is accepted
    ]
    assert sections["⚠️ Accepted decisions rewritten"] == [
        "- [2. Use REST](docs/decisions/0002-use-rest.md) was accepted and its text changed: an accepted decision "
        "should be superseded (`adr new -s 2`), not rewritten.",
    ]
    findings = [line for line in sections[next(t for t in sections if t.startswith("`adr check`"))]]
    assert findings and all(line.startswith("- **warning** `docs/decisions/0004-use-managed-postgresql.md:") for line in findings)
    assert "Number collisions" not in result.out


def test_json_has_the_same_facts(tmp_path, adr):
    repo = pull_request(tmp_path, adr)
    result = adr("review", "--format", "json", cwd=repo.path)  # base defaults to main
    assert result.code == 0, result
    data = json.loads(result.out)
    assert data["base"] == "main" and data["failed"] is False
    assert [r["path"] for r in data["added"]] == ["docs/decisions/0004-use-managed-postgresql.md"]
    assert [(r["number"], r["before"], r["after"]) for r in data["status_changes"]] == [(3, "proposed", "accepted")]
    assert [(s["record"]["number"], s["record"]["status"], s["supersedes"]["number"]) for s in data["supersessions"]] == [(4, "proposed", 1)]
    assert [r["number"] for r in data["edited_accepted"]] == [2]
    assert {f["rule"] for f in data["findings"]} == {"template-placeholder"}


def test_an_unchanged_branch_says_so(tmp_path, adr):
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", POSTGRES)
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    (repo.path / "code.py").write_text("print('hi')\n")
    repo.commit("Code only")
    result = adr("review", cwd=repo.path)
    assert result.code == 0 and "No decision records changed." in result.out


def test_check_errors_on_changed_files_fail_the_review(tmp_path, adr):
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", POSTGRES)
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("0002-broken.md", madr("Broken", body="## Links\n\n- Amends [9. Gone](0009-gone.md)\n"))
    repo.commit("Broken link")
    result = adr("review", "--base", "main", cwd=repo.path)
    assert result.code == 1
    assert "- **error** `docs/decisions/0002-broken.md:13` `broken-link` 'Amends' links to 0009-gone.md, which does not exist" in result.out


def test_deleting_a_record_is_flagged(tmp_path, adr):
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", POSTGRES)
    repo.write("0002-use-rest.md", REST)
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    (repo.log / "0002-use-rest.md").unlink()
    repo.commit("Drop REST")
    result = adr("review", "--base", "main", cwd=repo.path)
    assert "- `docs/decisions/0002-use-rest.md` (accepted) was deleted: supersede or deprecate a decision instead" in result.out


def test_no_base_branch_is_a_clear_error(tmp_path, adr):
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", POSTGRES)
    repo.commit("Start")
    repo.git("branch", "-m", "main", "trunk")
    result = adr("review", cwd=repo.path)
    assert result.code == 1
    assert result.err.strip() == "adr: no base branch found (no upstream, main or master); name one with --base REF"
    assert adr("review", "--base", "nope", cwd=repo.path).err.strip() == "adr: unknown git ref 'nope'"


def _renumbered_on_a_branch(tmp_path, adr, number: str) -> GitRepo:
    """main holds records 1 and 2; branch `feature` (checked out) renumbers 2 to `number`."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", POSTGRES)
    repo.write("0002-use-rest.md", REST)
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    assert adr("renumber", "2", number, cwd=repo.path).code == 0
    repo.commit("Renumber")
    return repo


def test_a_record_renumbered_on_the_branch_can_collide_too(tmp_path, adr):
    repo = _renumbered_on_a_branch(tmp_path, adr, "3")
    repo.git("checkout", "-q", "main")
    repo.write("0003-use-a-queue.md", QUEUE)
    repo.commit("Queue")
    repo.git("checkout", "-q", "feature")
    result = adr("review", "--format", "json", cwd=repo.path)
    assert result.code == 1
    data = json.loads(result.out)
    assert [(c["path"], c["taken_by"], c["suggested_number"]) for c in data["collisions"]] == [
        ("docs/decisions/0003-use-rest.md", "docs/decisions/0003-use-a-queue.md", 4),
    ]


def test_head_can_be_another_branch_without_checking_it_out(tmp_path, adr):
    repo = pull_request(tmp_path, adr)
    repo.git("checkout", "-q", "main")
    result = adr("review", "--base", "main", "--head", "feature", "--format", "json", cwd=repo.path)
    assert result.code == 0, result
    data = json.loads(result.out)
    assert data["head"] == "feature" and [r["number"] for r in data["added"]] == [4]
    assert not (repo.log / "0004-use-managed-postgresql.md").exists()  # still on main


def _age(folder) -> None:
    import os
    import time

    past = time.time() - 3600
    for path in folder.glob("*.md"):
        os.utime(path, (past, past))


def test_a_review_reuses_records_the_parse_cache_has_seen(tmp_path, adr, monkeypatch):
    from adr.review import changes as reviewing
    from adr.review.comment import as_json

    repo = pull_request(tmp_path, adr)
    cache = tmp_path / "cache"
    monkeypatch.setenv("ADR_CACHE_DIR", str(cache))
    monkeypatch.delenv("ADR_NO_CACHE", raising=False)
    parsed: list[list[str]] = []
    real = reviewing.parse_texts
    monkeypatch.setattr(reviewing, "parse_texts", lambda texts: parsed.append(sorted(p.name for p in texts)) or real(texts))
    folder = repo.path / "docs" / "decisions"
    first = as_json(reviewing.review(folder, "main"))
    second = as_json(reviewing.review(folder, "main"))
    assert parsed == [["0001-use-postgresql.md", "0002-use-rest.md", "0003-use-a-queue.md", "0004-use-managed-postgresql.md"]]
    assert second == first  # the second review parsed nothing and says the same

    parsed.clear()
    for stale in cache.iterdir():
        stale.unlink()
    _age(folder)  # files written this second are not trusted by the cache (racy mtimes)
    assert adr("check", cwd=repo.path, env={"ADR_CACHE_DIR": str(cache)}).code in (0, 1)  # the working tree is head
    assert as_json(reviewing.review(folder, "main")) == first
    assert parsed == []  # every record of head came from what check had parsed

    repo.git("checkout", "-q", "main")  # the working tree now differs from the head under review
    _age(folder)
    assert adr("check", cwd=repo.path, env={"ADR_CACHE_DIR": str(cache)}).code in (0, 1)
    parsed.clear()
    third = json.loads(as_json(reviewing.review(folder, "main", "feature")))
    assert third.pop("head") == "feature"
    assert third == {k: v for k, v in json.loads(first).items() if k != "head"}
    assert parsed == [["0001-use-postgresql.md", "0002-use-rest.md", "0003-use-a-queue.md", "0004-use-managed-postgresql.md"]]  # head's bytes, not main's


def test_a_base_given_as_a_commit_id_is_not_repeated(tmp_path, adr):
    repo = pull_request(tmp_path, adr)
    main = repo.git("rev-parse", "main").strip()
    result = adr("review", "--base", main[:7], cwd=repo.path)
    assert result.code == 0, result
    assert f" since it branched from `{main[:7]}`.\n" in result.out
    named = adr("review", "--base", "main", cwd=repo.path)
    assert f" since it branched from `main` ({main[:7]}).\n" in named.out


def _sections(markdown: str) -> dict[str, list[str]]:
    """Each `### ` section of a review comment: its title and its lines."""
    sections = {}
    for block in markdown.split("\n### ")[1:]:
        title, _, body = block.partition("\n\n")
        sections[title] = body.strip().split("\n")
    return sections


def test_invalidated_assumptions_name_the_decisions_they_put_at_risk(tmp_path, adr):
    """Not a supersession: which assumption of which record no longer holds, why, and what rests on it."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", madr(
        "Use PostgreSQL", "accepted", body="## Assumptions\n\n- A1: Traffic stays under 100 requests a second.\n- A2: One region is enough.\n",
    ))
    repo.write("0002-add-read-replicas.md", madr("Add read replicas", "accepted", body="## Links\n\n- Amends [1. Use PostgreSQL](0001-use-postgresql.md)\n"))
    repo.write("0003-cache-in-redis.md", madr("Cache in Redis", "accepted", body="## Links\n\n- Depends on [2. Add read replicas](0002-add-read-replicas.md)\n"))
    repo.write("0004-use-rest.md", REST)
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("0005-go-multi-region.md", madr("Go multi-region", body=(
        "## Assumptions\n\n- [A1 of 1](0001-use-postgresql.md#a1): traffic grew tenfold\n"
        "- [A2 of 1](0001-use-postgresql.md#a2): One region is enough.\n"
    )))
    repo.commit("Multi-region")
    result = adr("review", "--base", "main", cwd=repo.path)
    assert result.code == 0, result
    assert "Supersessions" not in result.out
    assert _sections(result.out)["⚠️ Assumptions that no longer hold"] == [
        "[1. Use PostgreSQL](docs/decisions/0001-use-postgresql.md) assumed:",
        "",
        "- A1 “Traffic stays under 100 requests a second.” no longer holds, says [5. Go multi-region](docs/decisions/0005-go-multi-region.md)."
        " Why: traffic grew tenfold.",
        "- A2 “One region is enough.” no longer holds, says [5. Go multi-region](docs/decisions/0005-go-multi-region.md).",
        "",
        "Decisions now at risk: [1. Use PostgreSQL](docs/decisions/0001-use-postgresql.md) (accepted); "
        "[2. Add read replicas](docs/decisions/0002-add-read-replicas.md) (accepted, rests on ADR 1); "
        "[3. Cache in Redis](docs/decisions/0003-cache-in-redis.md) (accepted, rests on ADR 2, which rests on ADR 1).",
    ]
    data = json.loads(adr("review", "--base", "main", "--format", "json", cwd=repo.path).out)
    first = data["invalidated_assumptions"][0]
    assert (first["record"]["number"], first["key"], first["note"]) == (1, "A1", "traffic grew tenfold")
    assert [(r["number"], r["rests_on"]) for r in first["at_risk"]] == [
        (1, []), (2, ["docs/decisions/0001-use-postgresql.md"]),
        (3, ["docs/decisions/0002-add-read-replicas.md", "docs/decisions/0001-use-postgresql.md"]),
    ]


def test_an_edit_that_only_invalidates_an_assumption_is_not_an_empty_review(tmp_path, adr):
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", POSTGRES)
    repo.write("0002-use-a-queue.md", QUEUE)
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("0002-use-a-queue.md", QUEUE.replace("## Decision Outcome", "## Assumptions\n\n- [A1 of 1](0001-use-postgresql.md#a1): traffic grew\n\n## Decision Outcome"))
    repo.commit("Queue: traffic grew")
    result = adr("review", "--base", "main", cwd=repo.path)
    assert "No decision records changed." not in result.out
    assert "- A1 “Traffic stays under 100 requests a second.” no longer holds, says [2. Use a queue](docs/decisions/0002-use-a-queue.md). Why: traffic grew." in result.out


def test_a_missing_status_is_said_in_words(tmp_path, adr):
    """Not 'no status → accepted' or '(no status) was deleted': no status is not a status."""
    unset = "---\ndate: 2024-03-03\n---\n# {}\n\n## Context and Problem Statement\n\nWhy.\n"
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", POSTGRES)
    repo.write("0002-use-rest.md", unset.format("Use REST"))
    repo.write("0003-use-a-queue.md", QUEUE.replace("status: proposed\n", ""))
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("0001-use-postgresql.md", POSTGRES.replace("status: accepted\n", ""))
    repo.write("0002-use-rest.md", REST)
    (repo.log / "0003-use-a-queue.md").unlink()
    repo.write("0004-use-grpc.md", unset.format("Use gRPC") + "\nProtocol buffers over HTTP/2, streaming where it pays.\n")
    repo.commit("Statuses")
    sections = _sections(adr("review", "--base", "main", cwd=repo.path).out)
    assert sections["Decisions added"][2] == "| [4. Use gRPC](docs/decisions/0004-use-grpc.md) | — | — |"
    assert sections["Status changes"] == [
        "- [1. Use PostgreSQL](docs/decisions/0001-use-postgresql.md): **status removed** (was accepted)",
        "- [2. Use REST](docs/decisions/0002-use-rest.md): status set to **accepted**",
    ]
    assert sections["⚠️ Decisions deleted"] == [
        "- `docs/decisions/0003-use-a-queue.md` was deleted: supersede or deprecate a decision instead, so its history stays readable.",
    ]


def test_renumbering_and_linking_are_shown_not_called_no_change(tmp_path, adr):
    repo = _renumbered_on_a_branch(tmp_path, adr, "5")
    repo.git("checkout", "-q", "main")
    (repo.path / "notes.txt").write_text("main moved on\n")
    main = repo.commit("Elsewhere")
    repo.git("checkout", "-q", "feature")
    result = adr("review", "--base", "main", cwd=repo.path)
    assert result.code == 0, result
    fork = repo.git("merge-base", "main", "feature").strip()
    assert f"since it branched from `main` at {fork[:7]}; `main` is now at {main[:7]}.\n" in result.out
    sections = _sections(result.out)
    assert sections["Renumbered"] == ["- [5. Use REST](docs/decisions/0005-use-rest.md) was number 2 (`docs/decisions/0002-use-rest.md`)"]
    assert "No decision records changed." not in result.out

    assert adr("link", "5", "Amends", "1", cwd=repo.path).code == 0
    repo.commit("Link")
    sections = _sections(adr("review", "--base", "main", cwd=repo.path).out)
    assert sections["Other records edited"] == [
        "- [1. Use PostgreSQL](docs/decisions/0001-use-postgresql.md) (accepted): now **Amended by** [5. Use REST](docs/decisions/0005-use-rest.md)"
    ]


def test_a_relinked_record_says_which_links_came_and_went(tmp_path, adr):
    """"links changed" made a reviewer open the diff; the comment names each link, as JSON does."""
    repo = three_records(tmp_path)
    assert adr("link", "2", "Relates to", "1", cwd=repo.path).code == 0
    repo.commit("Related", "Ana")
    repo.git("checkout", "-q", "-b", "feature")
    assert adr("unlink", "2", "1", cwd=repo.path).code == 0
    assert adr("link", "2", "Amends", "3", cwd=repo.path).code == 0
    text = (repo.path / "docs/decisions/0002-use-rest.md").read_text()
    (repo.path / "docs/decisions/0002-use-rest.md").write_text(text.replace("## Links", "## Links\n\n- Relates to [the spec](../spec.md)"))
    (repo.path / "docs/spec.md").write_text("# The spec\n")
    repo.commit("Amend instead", "Bob")
    result = adr("review", "--base", "main", cwd=repo.path)
    assert result.code == 0, result
    edited = {line.split("]")[0]: line for line in _sections(result.out)["Other records edited"]}
    assert edited["- [2. Use REST"] == (
        "- [2. Use REST](docs/decisions/0002-use-rest.md) (accepted): now **Relates to** `../spec.md`;"
        " now **Amends** [3. Use a queue](docs/decisions/0003-use-a-queue.md); no longer **Relates to** [1. Use PostgreSQL](docs/decisions/0001-use-postgresql.md)"
    )
    assert edited["- [3. Use a queue"].endswith(": now **Amended by** [2. Use REST](docs/decisions/0002-use-rest.md)")
    data = json.loads(adr("review", "--base", "main", "--format", "json", cwd=repo.path).out)
    rest = next(c for c in data["other_changes"] if c["number"] == 2)
    assert rest["links_changed"] is True
    assert [(l["label"], l["record"]) for l in rest["links_added"]] == [("Relates to", None), ("Amends", "docs/decisions/0003-use-a-queue.md")]
    assert [(l["label"], l["target"], l["record"]) for l in rest["links_removed"]] == [("Relates to", "0001-use-postgresql.md", "docs/decisions/0001-use-postgresql.md")]


def test_an_assumption_still_reading_as_the_template_prompt_is_not_quoted(tmp_path, adr):
    repo = GitRepo(tmp_path / "repo")
    prompt = '(an assumption, e.g. "about a hundred partner organisations use the API, not the public")'
    repo.write("0001-use-postgresql.md", madr("Use PostgreSQL", "accepted", body=f"## Assumptions\n\n- A1: {prompt}\n"))
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("0002-go-big.md", madr("Go big", body="## Assumptions\n\n- [A1 of 1](0001-use-postgresql.md#a1): traffic grew\n"))
    repo.commit("Go big")
    result = adr("review", "--base", "main", cwd=repo.path)
    assert "- A1 no longer holds, says [2. Go big](docs/decisions/0002-go-big.md). Why: traffic grew." in result.out, result
    assert "an assumption, e.g." not in result.out


def test_a_draft_saying_an_assumption_no_longer_holds_is_news_once_proposed(tmp_path, adr):
    """As in `adr show`: a draft's or a rejected record's word puts nothing at risk; proposing the draft does."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", POSTGRES)
    draft = madr("Go multi-region", "draft", body="## Assumptions\n\n- [A1 of 1](0001-use-postgresql.md#a1): traffic grew\n")
    repo.write("0002-go-multi-region.md", draft)
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("0003-go-multi-cloud.md", draft.replace("multi-region", "multi-cloud").replace("draft", "rejected"))
    repo.commit("A rejected idea")
    quiet = adr("review", "--base", "main", cwd=repo.path)
    assert quiet.code == 0, quiet
    assert "Assumptions that no longer hold" not in quiet.out
    repo.write("0002-go-multi-region.md", draft.replace("status: draft", "status: proposed"))
    repo.commit("Propose multi-region")
    heard = _sections(adr("review", "--base", "main", cwd=repo.path).out)["⚠️ Assumptions that no longer hold"]
    assert "no longer holds, says [2. Go multi-region](docs/decisions/0002-go-multi-region.md). Why: traffic grew." in heard[2]
