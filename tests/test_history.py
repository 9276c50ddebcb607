"""`adr history`: timelines from one pass over a real git repository with fixed authors and dates."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.gitrepo import BASE_ENV, GitRepo, log4brains_repo, madr


def story(tmp_path) -> GitRepo:
    """Proposed by Ana, accepted by Bob, edited, renamed, then superseded by Cy."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgres.md", madr("Use Postgres"))
    repo.write("README.md", "# Decisions\n")
    repo.commit("Propose Postgres", "Ana", "2024-03-03T10:00:00+00:00")
    repo.write("0001-use-postgres.md", madr("Use Postgres", "accepted"))
    repo.commit("Accept Postgres", "Bob", "2024-04-09T10:00:00+00:00")
    repo.write("0001-use-postgres.md", madr("Use Postgres", "accepted", body="More context.\n"))
    repo.commit("Clarify", "Bob", "2024-04-10T10:00:00+00:00")
    repo.git("mv", "docs/decisions/0001-use-postgres.md", "docs/decisions/0001-use-postgresql.md")
    repo.commit("Spell it out", "Cy", "2024-05-01T10:00:00+00:00")
    repo.write("0002-use-managed-postgresql.md", madr("Use managed PostgreSQL", "accepted", "2024-06-01"))
    repo.write("0001-use-postgresql.md", madr("Use Postgres", "superseded by [2. Managed](0002-use-managed-postgresql.md)", body="More context.\n"))
    repo.commit("Supersede with managed", "Cy", "2024-06-01T10:00:00+00:00")
    return repo


def test_timeline_of_one_record_follows_renames_and_status_changes(adr, tmp_path):
    repo = story(tmp_path)
    result = adr("history", "1", cwd=repo.path)
    assert result.code == 0, result
    lines = result.out.splitlines()
    assert lines[0] == "1. Use Postgres  (docs/decisions/0001-use-postgresql.md)"
    events = [" ".join(line.split()[2:]) for line in lines[1:]]
    dates = [line.split()[0] for line in lines[1:]]
    assert dates == ["2024-03-03", "2024-04-09", "2024-04-10", "2024-05-01", "2024-06-01"]
    assert events == [
        "created as proposed, by Ana (Propose Postgres)",
        "proposed → accepted, by Bob (Accept Postgres)",
        "edited, by Bob (Clarify)",
        "renamed from 0001-use-postgres.md, by Cy (Spell it out)",
        "accepted → superseded, by Cy (Supersede with managed)",
    ]
    assert result.err == ""


def test_a_missing_status_is_said_in_words(adr, tmp_path):
    """Not "created as no status" or "proposed → no status": no status is not a status."""
    repo = GitRepo(tmp_path / "repo")
    unset = "---\ndate: 2024-03-03\n---\n# Use Kafka\n\n## Context and Problem Statement\n\nWhy.\n"
    repo.write("0001-use-kafka.md", unset)
    repo.commit("Draft Kafka", "Ana", "2024-03-03T10:00:00+00:00")
    repo.write("0001-use-kafka.md", madr("Use Kafka"))
    repo.commit("Propose Kafka", "Bob", "2024-03-04T10:00:00+00:00")
    repo.write("0001-use-kafka.md", unset)
    repo.commit("Undecide Kafka", "Cy", "2024-03-05T10:00:00+00:00")
    events = [" ".join(line.split()[2:]) for line in adr("history", "1", cwd=repo.path).out.splitlines()[1:]]
    assert events == [
        "created without a status, by Ana (Draft Kafka)",
        "status set to proposed, by Bob (Propose Kafka)",
        "status removed (was proposed), by Cy (Undecide Kafka)",
    ]
    assert adr("history", cwd=repo.path).out.strip() == (
        "docs/decisions/0001-use-kafka.md: created without a status 2024-03-03 by Ana; → proposed 2024-03-04 by Bob; "
        "status removed 2024-03-05 by Cy; last change 2024-03-05 by Cy"
    )


def test_json_gives_creation_last_change_and_status_changes(adr, tmp_path):
    repo = story(tmp_path)
    result = adr("history", "--format", "json", cwd=repo.path)
    assert result.code == 0, result
    data = {entry["number"]: entry for entry in json.loads(result.out)}
    first = data[1]
    assert first["created"]["author"] == "Ana" and first["created"]["date"] == "2024-03-03T10:00:00+00:00"
    assert first["last_changed"]["subject"] == "Supersede with managed"
    assert [(s["status"], s["previous"], s["author"]) for s in first["statuses"]] == [
        ("proposed", None, "Ana"), ("accepted", "proposed", "Bob"), ("superseded", "accepted", "Cy"),
    ]
    assert data[2]["created"]["author"] == "Cy" and data[2]["complete"] is True


def test_summary_lists_every_record_and_uncommitted_ones(adr, tmp_path):
    repo = story(tmp_path)
    repo.write("0003-draft.md", madr("Draft"))
    result = adr("history", cwd=repo.path)
    assert result.code == 0, result
    assert result.out.splitlines() == [
        "docs/decisions/0001-use-postgresql.md: created as proposed 2024-03-03 by Ana; → accepted 2024-04-09 by Bob; "
        "→ superseded 2024-06-01 by Cy; last change 2024-06-01 by Cy",
        "docs/decisions/0002-use-managed-postgresql.md: created as accepted 2024-06-01 by Cy",
        "docs/decisions/0003-draft.md: not committed yet",
    ]


def test_shallow_clone_is_a_warning_not_silently_wrong_dates(adr, tmp_path):
    repo = story(tmp_path)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)], check=True, env={**BASE_ENV, "PATH": "/usr/bin:/bin"})
    result = adr("history", "1", cwd=clone)
    assert result.code == 0, result
    assert "adr: warning: shallow clone" in result.err and "fetch-depth: 0" in result.err
    assert "first seen (shallow clone) as superseded" in result.out
    data = json.loads(adr("history", "1", "--format", "json", cwd=clone).out)
    assert data["created"] is None and data["complete"] is False


def test_outside_git_is_one_line_error(adr, tmp_path):
    (tmp_path / "docs" / "decisions").mkdir(parents=True)
    (tmp_path / "docs" / "decisions" / "0001-x.md").write_text(madr("X"))
    result = adr("history", cwd=tmp_path)
    assert result.code == 1
    assert result.err.strip().endswith("not inside a git repository") and len(result.err.splitlines()) == 1


def test_records_in_every_folder_of_the_log_have_history(adr, tmp_path):
    repo = log4brains_repo(tmp_path)
    result = adr("history", cwd=repo.path)
    assert result.code == 0, result
    assert result.out.splitlines() == [
        "docs/adr/20240301-use-a-monorepo.md: created as accepted 2024-03-02 by Ana",
        "packages/core/docs/adr/20240302-keep-the-domain-pure.md: created as proposed 2024-03-02 by Ana; "
        "→ accepted 2024-03-09 by Bob; last change 2024-03-09 by Bob",
    ]
    one = adr("history", "20240302-keep-the-domain-pure", cwd=repo.path)
    assert one.code == 0 and "proposed → accepted, by Bob  (Accept the pure domain)" in one.out, one
    data = json.loads(adr("history", "--format", "json", cwd=repo.path / "packages").out)
    assert [entry["created"]["subject"] for entry in data] == ["Record both", "Record both"]


def test_every_record_of_the_log4brains_corpus_has_history(adr, copy_corpus):
    repo = GitRepo(copy_corpus("thomvaill__log4brains"), log="docs/adr")
    repo.commit("Import the log", "Ana", "2024-03-02T10:00:00+00:00")
    listed = adr("list", "--format", "paths", cwd=repo.path).out.splitlines()
    result = adr("history", cwd=repo.path)
    assert result.code == 0, result
    assert any(path.startswith("packages/") for path in listed)
    assert [line.split(": ", 1)[0] for line in result.out.splitlines()] == listed
    assert all(": created as " in line and "by Ana" in line for line in result.out.splitlines()), result.out


def test_a_deleted_and_recreated_path_is_two_files(tmp_path):
    from adr.repo import history

    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-a.md", madr("A"))
    repo.commit("add A", date="2024-01-01T00:00:00+00:00")
    (repo.log / "0001-a.md").unlink()
    repo.commit("drop A", date="2024-01-02T00:00:00+00:00")
    repo.write("0001-a.md", madr("A again", "accepted", body="Quite different text.\n" * 5))
    repo.commit("new A", date="2024-01-03T00:00:00+00:00")
    found = history.load(repo.log)
    now = found.of(repo.log / "0001-a.md")
    assert [(c.kind, c.commit.subject) for c in now.changes] == [("added", "new A")]
    assert now.created.commit.subject == "new A" and now.statuses[0].status == "accepted"


def test_status_changes_in_nygard_and_bullet_records(adr, tmp_path):
    repo = GitRepo(tmp_path / "repo", log="doc/adr")
    nygard = "# 1. Use Kafka\n\nDate: 2024-01-02\n\n## Status\n\n{}\n\n## Context\n\nEvents.\n"
    bullets = "# Use Avro\n\n- Status: {}\n- Date: 2024-01-02\n\n## Context\n\nSchemas.\n"
    repo.write("0001-use-kafka.md", nygard.format("Proposed"))
    repo.write("0002-use-avro.md", bullets.format("proposed"))
    repo.commit("Propose both", "Ana", "2024-01-02T09:00:00+00:00")
    repo.write("0001-use-kafka.md", nygard.format("Accepted"))
    repo.write("0002-use-avro.md", bullets.format("rejected"))
    repo.commit("Decide both", "Bob", "2024-01-09T09:00:00+00:00")
    result = adr("history", cwd=repo.path)
    assert result.code == 0, result
    assert result.out.splitlines() == [
        "doc/adr/0001-use-kafka.md: created as proposed 2024-01-02 by Ana; → accepted 2024-01-09 by Bob; last change 2024-01-09 by Bob",
        "doc/adr/0002-use-avro.md: created as proposed 2024-01-02 by Ana; → rejected 2024-01-09 by Bob; last change 2024-01-09 by Bob",
    ]


def test_fast_status_reading_agrees_with_the_parser_on_every_corpus_file():
    from adr.repo.history import status_of
    from adr.parse import parse_record
    from tests.conftest import minimum_real_files, real_markdown_files

    files = real_markdown_files()
    assert len(files) > minimum_real_files()
    samples = [(p, p.read_text(encoding="utf-8", errors="replace")) for p in files]
    samples += [
        (Path("x.md"), "---\nstatus: 'accepted'\n---\n# X\n"),
        (Path("x.md"), "---\nstatus: accepted # for now\n---\n# X\n"),
        (Path("x.md"), "---\nstatus: proposed\nstatus: accepted\n---\n# X\n"),
        (Path("x.md"), "---\ntitle: X\n---\n# X\n\n## Status\n\nDeprecated\n"),
        (Path("x.md"), "---\nstatus: [broken\n---\n# X\n"),
    ]
    assert len(samples) > 5
    for path, text in samples:
        assert status_of(path, text) == parse_record(path, text).status, path
