"""Numbers across branches: the two-branch collision story, and `adr new` looking at the base branch."""

from __future__ import annotations

import json

import pytest

from tests.gitrepo import GitRepo, dated


def nygard_repo(tmp_path, adr) -> tuple[GitRepo, callable]:
    repo = GitRepo(tmp_path / "repo", log="doc/adr")

    def run(*args, author="Ana", date="2024-03-03T10:00:00+00:00"):
        return adr(*args, cwd=repo.path, env=dated(author, date))

    assert run("init", "--format", "nygard").code == 0
    repo.commit("Start the decision log")
    return repo, run


def test_two_branches_both_add_0002(tmp_path, adr):
    repo, run = nygard_repo(tmp_path, adr)
    # branch a: Kafka, reviewed and merged first
    repo.git("checkout", "-q", "-b", "kafka")
    assert run("new", "--commit", "Use Kafka for events", author="Ana").out.strip() == "doc/adr/0002-use-kafka-for-events.md"
    # branch b starts from the same main, before a merged: it also picks 0002
    repo.git("checkout", "-q", "main")
    repo.git("checkout", "-q", "-b", "redis")
    assert run("new", "Use Redis for caching", author="Bob").out.strip() == "doc/adr/0002-use-redis-for-caching.md"
    assert run("link", "--commit", "2", "Amends", "1", author="Bob").code == 0
    assert repo.git("log", "-1", "--format=%s") == "ADR 2 amends ADR 1\n"
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-edit", "kafka")

    # review on b flags the collision before it merges
    repo.git("checkout", "-q", "redis")
    review = run("review", "--base", "main")
    assert review.code == 1, review
    assert "### ❌ Number collisions" in review.out
    assert ("[2. Use Redis for caching](doc/adr/0002-use-redis-for-caching.md) takes number 2, which `main` already gives to "
            "`doc/adr/0002-use-kafka-for-events.md`. "
            "Fix: `adr renumber doc/adr/0002-use-redis-for-caching.md 3`") in review.out
    data = json.loads(run("review", "--base", "main", "--format", "json").out)
    assert data["collisions"] == [{
        "path": "doc/adr/0002-use-redis-for-caching.md", "number": 2, "title": "Use Redis for caching", "status": "accepted",
        "decision_makers": [], "taken_by": "doc/adr/0002-use-kafka-for-events.md", "suggested_number": 3,
    }]

    # merged anyway: check fails on the duplicate
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-edit", "redis")
    check = run("check")
    assert check.code == 1
    assert "doc/adr/0002-use-redis-for-caching.md:1: duplicate-number number 2 is also used by 0002-use-kafka-for-events.md" in check.out

    # a bare number is ambiguous now; the path is not
    assert run("renumber", "2", "3").code == 1
    fixed = run("renumber", "doc/adr/0002-use-redis-for-caching.md", "3", "--commit", author="Cy")
    assert fixed.code == 0, fixed
    assert fixed.out.splitlines() == [
        "doc/adr/0002-use-redis-for-caching.md -> doc/adr/0003-use-redis-for-caching.md",
        "  links updated in doc/adr/0001-record-architecture-decisions.md",
    ]
    first = (repo.log / "0001-record-architecture-decisions.md").read_text()
    assert "Amended by [3. Use Redis for caching](0003-use-redis-for-caching.md)" in first
    assert (repo.log / "0003-use-redis-for-caching.md").read_text().startswith("# 3. Use Redis for caching\n")
    assert not (repo.log / "0002-use-redis-for-caching.md").exists()
    assert run("check").code == 0
    # the commit holds exactly the rename and the rewritten link, and nothing is left over
    assert repo.git("status", "--porcelain") == ""
    stat = repo.git("show", "--name-status", "--format=%an %s", "HEAD").split("\n")
    assert stat[0] == "Cy Renumber ADR 2 to 3: Use Redis for caching"
    assert sorted(line[0] + line[line.index("\t"):] for line in stat[1:] if line) == [
        "M\tdoc/adr/0001-record-architecture-decisions.md",
        "R\tdoc/adr/0002-use-redis-for-caching.md\tdoc/adr/0003-use-redis-for-caching.md",
    ]


def test_new_picks_a_number_above_the_base_branch(tmp_path, adr):
    repo, run = nygard_repo(tmp_path, adr)
    repo.git("checkout", "-q", "-b", "topic")
    repo.git("checkout", "-q", "main")
    assert run("new", "--commit", "Use Kafka").code == 0
    assert run("new", "--commit", "Use Avro").code == 0
    repo.git("checkout", "-q", "topic")  # made before main took 2 and 3
    assert not (repo.log / "0002-use-kafka.md").exists()
    assert run("new", "Use gRPC").out.strip() == "doc/adr/0004-use-grpc.md"


def test_new_outside_git_still_numbers_from_the_folder(tmp_path, adr):
    assert adr("init", "--format", "nygard", cwd=tmp_path).code == 0
    assert adr("new", "Use Kafka", cwd=tmp_path).out.strip() == "doc/adr/0002-use-kafka.md"


def test_commit_commits_exactly_the_touched_files(tmp_path, adr):
    repo, run = nygard_repo(tmp_path, adr)
    (repo.path / "notes.txt").write_text("unrelated work in progress\n")
    repo.git("add", "notes.txt")
    assert run("new", "--commit", "Use Kafka", author="Bob", date="2024-04-01T09:00:00+00:00").code == 0
    assert run("new", "-s", "2", "--commit", "Use Pulsar", author="Bob").code == 0
    def commit(rev):
        return [line for line in repo.git("show", "--format=%an %ad %s", "--date=short", "--name-only", rev).split("\n") if line]

    assert commit("HEAD") == ["Bob 2024-03-03 Add ADR 3: Use Pulsar", "doc/adr/0002-use-kafka.md", "doc/adr/0003-use-pulsar.md"]
    assert commit("HEAD~1") == ["Bob 2024-04-01 Add ADR 2: Use Kafka", "doc/adr/0002-use-kafka.md"]
    assert repo.git("diff", "--cached", "--name-only") == "notes.txt\n"  # still staged, not swept in
    assert run("status", "3", "deprecated", "--commit").code == 0
    assert repo.git("log", "-1", "--format=%s") == "ADR 3: Use Pulsar: status deprecated\n"
    head = repo.git("rev-parse", "HEAD")
    again = run("status", "3", "deprecated", "--commit")
    assert again.code == 0 and "ADR 3 is already deprecated; nothing changed" in again.err
    assert repo.git("rev-parse", "HEAD") == head  # nothing to commit, no empty commit


@pytest.mark.parametrize("staged, why", [
    (True, "has staged changes of its own; commit or unstage them first"),
    (False, "has uncommitted edits of its own; commit or stash them, or run without --commit"),
])
def test_commit_refuses_files_with_work_of_their_own(tmp_path, adr, staged, why):
    """Committing such a file would sweep someone's work in under the command's message."""
    repo, run = nygard_repo(tmp_path, adr)
    first = repo.log / "0001-record-architecture-decisions.md"
    first.write_text(first.read_text() + "\nWork in progress, not for this commit.\n")
    if staged:
        repo.git("add", str(first))
    before = first.read_text()
    result = run("new", "-s", "1", "--commit", "Use a wiki")
    assert result.code == 1
    assert result.err.strip() == f"adr: refusing --commit: doc/adr/0001-record-architecture-decisions.md {why} (nothing was changed)"
    assert first.read_text() == before and not (repo.log / "0002-use-a-wiki.md").exists()
    assert repo.git("log", "--format=%s") == "Start the decision log\n"
    assert run("new", "--commit", "Use a wiki").code == 0  # a record without work of its own is committed


def test_refs_that_look_like_options_are_refused(tmp_path, adr):
    repo, run = nygard_repo(tmp_path, adr)
    target = tmp_path / "pwned"
    for args in (["review", f"--base=--output={target}"], ["review", "--head", f"--output={target}"], ["review", "--base", "-p"]):
        result = run(*args)
        assert result.code == 1 and "refusing ref" in result.err, result
    assert not target.exists()


def test_renumber_commit_of_a_record_never_committed_commits_it_under_its_new_name(tmp_path, adr):
    repo, run = nygard_repo(tmp_path, adr)
    assert run("new", "Use Kafka").code == 0  # written, never committed
    assert run("link", "2", "Amends", "1").code == 0
    repo.git("add", "doc/adr/0001-record-architecture-decisions.md")
    repo.git("commit", "-q", "-m", "Amended by 2")
    result = run("renumber", "2", "5", "--commit", author="Cy")
    assert result.code == 0, result
    assert result.out.splitlines()[0] == "doc/adr/0002-use-kafka.md -> doc/adr/0005-use-kafka.md"
    assert repo.git("status", "--porcelain") == ""
    stat = repo.git("show", "--name-status", "--format=%an %s", "HEAD").split("\n")
    assert stat[0] == "Cy Renumber ADR 2 to 5: Use Kafka"
    assert sorted(line for line in stat[1:] if line) == [
        "A\tdoc/adr/0005-use-kafka.md", "M\tdoc/adr/0001-record-architecture-decisions.md",
    ]


def test_renumber_commit_refused_by_git_leaves_files_and_index_as_they_were(tmp_path, adr):
    repo, run = nygard_repo(tmp_path, adr)
    assert run("new", "--commit", "Use Kafka").code == 0
    hook = repo.path / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'ADR numbers are frozen' >&2\nexit 1\n")
    hook.chmod(0o755)
    before = {p.name: p.read_text() for p in repo.log.glob("*.md")}
    result = run("renumber", "2", "3", "--commit")
    assert result.code == 1
    assert result.err.strip() == "adr: git commit failed: ADR numbers are frozen (nothing was changed)"
    assert {p.name: p.read_text() for p in repo.log.glob("*.md")} == before
    assert repo.git("status", "--porcelain") == ""


def test_new_follows_the_number_width_of_the_log(copy_corpus, adr, tmp_path):
    log = copy_corpus("ministryofjustice__cloud-platform")  # `049-use-cluster-accounts-for-resources.md`
    made = adr("new", "Use EKS auto mode", cwd=log, env={"ADR_DIR": "."})
    assert made.code == 0, made
    assert made.out.strip() == "050-use-eks-auto-mode.md"
    assert (log / "050-use-eks-auto-mode.md").is_file()
    # a new log gets adr-tools' four digits; a log that pads nothing gets no padding
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    assert adr("new", "Use Redis", cwd=fresh, env={"ADR_DIR": "."}).out.strip() == "0001-use-redis.md"
    bare = tmp_path / "bare"
    bare.mkdir()
    for n in (8, 9, 10):
        (bare / f"{n}-use-x{n}.md").write_text(f"# {n}. Use x{n}\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n")
    assert adr("new", "Use Y", cwd=bare, env={"ADR_DIR": "."}).out.strip() == "11-use-y.md"


def test_renumber_writes_the_width_of_the_log(copy_corpus, adr):
    log = copy_corpus("ministryofjustice__cloud-platform")
    (log / "0050-use-eks-auto-mode.md").write_text("# 50. Use EKS auto mode\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n")
    moved = adr("renumber", "50", "51", cwd=log, env={"ADR_DIR": "."})
    assert moved.code == 0, moved
    assert moved.out.splitlines()[0] == "0050-use-eks-auto-mode.md -> 051-use-eks-auto-mode.md"
    assert (log / "051-use-eks-auto-mode.md").read_text().startswith("# 51. Use EKS auto mode\n")
