"""`adr review` tells which old record each changed file is by its number and title, whatever
git's rename detection guessed: what the JSON then calls added, deleted, renumbered or edited.
"""

from __future__ import annotations

import json

import pytest

from adr.review.changes import review
from adr.review.comment import as_json
from tests.gitrepo import GitRepo, madr

LONG = "## Decision Outcome\n\n" + "We serve JSON over HTTP; every service exposes resources, each with its own URL. " * 6 + "\n"


@pytest.fixture(autouse=True)
def _fixed_day(monkeypatch, tmp_path):
    monkeypatch.setenv("ADR_DATE", "2024-05-06")
    monkeypatch.setenv("ADR_CACHE_DIR", str(tmp_path / "cache"))


def _branch(tmp_path, files: dict[str, str]) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", madr("Use PostgreSQL", "accepted"))
    for name, text in files.items():
        repo.write(name, text)
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    return repo


def _git_says(repo: GitRepo) -> list[str]:
    return sorted(line.split("\t")[0][0] for line in repo.git("diff", "-M", "--name-status", "main", "feature").splitlines())


def _facts(repo: GitRepo) -> dict:
    data = json.loads(as_json(review(repo.log, "main")))
    short = lambda path: path.rsplit("/", 1)[-1]
    return {
        "added": [short(r["path"]) for r in data["added"]],
        "deleted": [short(d["path"]) for d in data["deleted"]],
        "renumbered": [(short(r["old_path"]), short(r["path"])) for r in data["renumbered"]],
        "edited": [short(r["path"]) for r in data["edited_accepted"]] + [short(r["path"]) for r in data["other_changes"]],
        "status": [(short(r["path"]), r["before"], r["after"]) for r in data["status_changes"]],
    }


def test_a_rename_that_keeps_the_number_is_the_same_record_under_a_new_title(tmp_path):
    repo = _branch(tmp_path, {"0002-use-rest.md": madr("Use REST", "proposed", body=LONG)})
    repo.git("mv", "docs/decisions/0002-use-rest.md", "docs/decisions/0002-use-rest-apis.md")
    repo.write("0002-use-rest-apis.md", madr("Use REST APIs", "proposed", body=LONG))
    repo.commit("Retitle")
    assert _git_says(repo) == ["R"]
    assert _facts(repo) == {"added": [], "deleted": [], "renumbered": [], "edited": ["0002-use-rest-apis.md"], "status": []}


def test_a_rename_that_keeps_the_title_is_a_renumbering(tmp_path):
    repo = _branch(tmp_path, {"0002-use-rest.md": madr("Use REST", "proposed", body=LONG)})
    repo.git("mv", "docs/decisions/0002-use-rest.md", "docs/decisions/0005-use-rest.md")
    repo.commit("Renumber")
    assert _git_says(repo) == ["R"]
    assert _facts(repo) == {"added": [], "deleted": [], "renumbered": [("0002-use-rest.md", "0005-use-rest.md")], "edited": [], "status": []}


def test_a_rename_that_keeps_neither_is_a_deletion_and_an_addition(tmp_path):
    repo = _branch(tmp_path, {"0002-use-rest.md": madr("Use REST", "accepted", body=LONG)})
    repo.git("mv", "docs/decisions/0002-use-rest.md", "docs/decisions/0003-use-grpc.md")
    repo.write("0003-use-grpc.md", madr("Use gRPC", "proposed", body=LONG))
    repo.write("0001-use-postgresql.md", madr("Use PostgreSQL", "accepted", body="Edited.\n"))  # a change before it stays one
    repo.commit("Replace")
    assert _git_says(repo) == ["M", "R"]
    assert _facts(repo) == {"added": ["0003-use-grpc.md"], "deleted": ["0002-use-rest.md"], "renumbered": [], "edited": ["0001-use-postgresql.md"], "status": []}


def test_a_deletion_and_an_addition_with_one_number_and_title_are_a_rename(tmp_path):
    """The title as a reader compares it: case and spacing aside."""
    repo = _branch(tmp_path, {"0002-use-a-queue.md": madr("Use a  Queue", "proposed")})
    (repo.log / "0002-use-a-queue.md").unlink()
    repo.write("0002-queue-the-jobs.md", madr("use a queue", "accepted", body="## Decision Outcome\n\nEvery job goes through RabbitMQ, one queue per kind.\n"))
    repo.commit("Accept, renamed")
    assert _git_says(repo) == ["A", "D"]
    assert _facts(repo) == {"added": [], "deleted": [], "renumbered": [], "edited": [], "status": [("0002-queue-the-jobs.md", "proposed", "accepted")]}


def test_two_additions_that_could_be_the_deleted_record_are_left_as_they_are(tmp_path):
    repo = _branch(tmp_path, {"0002-use-a-queue.md": madr("Use a queue", "proposed")})
    (repo.log / "0002-use-a-queue.md").unlink()
    other = "## Decision Outcome\n\nSomething else entirely, written from scratch by {} with other words.\n"
    repo.write("0002-queue-jobs.md", madr("Use a queue", "accepted", body=other.format("Ana")))
    repo.write("0002-queue-mail.md", madr("Use a queue", "accepted", body=other.format("Bob")))
    repo.commit("Two queues")
    assert _git_says(repo) == ["A", "A", "D"]
    assert _facts(repo) == {"added": ["0002-queue-jobs.md", "0002-queue-mail.md"], "deleted": ["0002-use-a-queue.md"], "renumbered": [], "edited": [], "status": []}


def test_a_deletion_and_an_addition_of_another_number_are_two_records(tmp_path):
    repo = _branch(tmp_path, {"0002-use-a-queue.md": madr("Use a queue", "proposed")})
    (repo.log / "0002-use-a-queue.md").unlink()
    repo.write("0003-use-a-queue.md", madr("Use a queue", "accepted", body=LONG))  # too unlike 2 for git to pair them
    repo.commit("Another number")
    assert _git_says(repo) == ["A", "D"]
    facts = _facts(repo)
    assert (facts["added"], facts["deleted"], facts["renumbered"]) == (["0003-use-a-queue.md"], ["0002-use-a-queue.md"], [])
