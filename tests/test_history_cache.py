"""The history cache: git is read once per commit, and any change of commit or depth reads it again."""

from __future__ import annotations

import subprocess

from adr.repo import git
from adr.repo import history
from tests.gitrepo import BASE_ENV, GitRepo, madr
from tests.test_history import story


def _git_logs(monkeypatch) -> list[tuple[str, ...]]:
    calls: list[tuple[str, ...]] = []
    real = git.run

    def counting(repo, *args, **kwargs):
        if "log" in args:
            calls.append(args)
        return real(repo, *args, **kwargs)

    monkeypatch.setattr(git, "run", counting)
    return calls


def _summary(found: history.History) -> dict:
    return {path: history.as_dict(record) for path, record in found.records.items()}


def test_a_second_load_at_the_same_commit_does_not_walk_git_again(tmp_path, monkeypatch):
    monkeypatch.setenv("ADR_CACHE_DIR", str(tmp_path / "cache"))
    repo = story(tmp_path)
    logs = _git_logs(monkeypatch)
    first = history.load(repo.log)
    second = history.load(repo.log)
    assert len(logs) == 1
    assert _summary(second) == _summary(first) and second.root == first.root
    assert len(list((tmp_path / "cache").glob("history-*.msgpack"))) == 1


def test_a_new_commit_is_in_the_next_history(adr, tmp_path):
    env = {"ADR_CACHE_DIR": str(tmp_path / "cache")}
    repo = story(tmp_path)
    before = adr("history", "2", cwd=repo.path, env=env)
    assert before.code == 0 and "superseded" not in before.out
    repo.write("0002-use-managed-postgresql.md", madr("Use managed PostgreSQL", "deprecated", "2024-06-01"))
    repo.commit("Deprecate managed", "Dee", "2024-07-01T10:00:00+00:00")
    after = adr("history", "2", cwd=repo.path, env=env)
    assert after.code == 0, after
    assert " ".join(after.out.splitlines()[-1].split()[2:]) == "accepted → deprecated, by Dee (Deprecate managed)"


def test_switching_back_to_a_branch_reuses_its_history(tmp_path, monkeypatch):
    monkeypatch.setenv("ADR_CACHE_DIR", str(tmp_path / "cache"))
    repo = story(tmp_path)
    repo.git("checkout", "-q", "-b", "other")
    repo.write("0003-use-redis.md", madr("Use Redis"))
    repo.commit("Propose Redis", "Dee", "2024-07-01T10:00:00+00:00")
    logs = _git_logs(monkeypatch)
    on_other = history.load(repo.log)
    repo.git("checkout", "-q", "-")
    on_main = history.load(repo.log)
    repo.git("checkout", "-q", "other")
    assert _summary(history.load(repo.log)) == _summary(on_other)
    repo.git("checkout", "-q", "-")
    assert _summary(history.load(repo.log)) == _summary(on_main)
    assert len(logs) == 2
    assert "docs/decisions/0003-use-redis.md" in on_other.records and "docs/decisions/0003-use-redis.md" not in on_main.records


def test_deepening_a_shallow_clone_reads_the_whole_history(adr, tmp_path):
    env = {"ADR_CACHE_DIR": str(tmp_path / "cache")}
    repo = story(tmp_path)
    clone = tmp_path / "clone"
    git_env = {**BASE_ENV, "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)], check=True, env=git_env)
    shallow = adr("history", "1", cwd=clone, env=env)
    assert "first seen (shallow clone)" in shallow.out and "shallow clone" in shallow.err
    subprocess.run(["git", "fetch", "-q", "--unshallow"], cwd=clone, check=True, env=git_env)
    whole = adr("history", "1", cwd=clone, env=env)
    assert whole.code == 0, whole
    assert whole.err == "" and "created as proposed, by Ana  (Propose Postgres)" in whole.out


def test_a_damaged_history_cache_is_read_from_git(adr, tmp_path):
    env = {"ADR_CACHE_DIR": str(tmp_path / "cache")}
    repo = story(tmp_path)
    expected = adr("history", cwd=repo.path, env=env).out
    [stored] = (tmp_path / "cache").glob("history-*.msgpack")
    stored.write_bytes(b"\x80\x05garbage")
    again = adr("history", cwd=repo.path, env=env)
    assert again.code == 0 and again.err == "" and again.out == expected


def test_a_kept_history_keeps_each_commits_own_time_zone(adr, tmp_path):
    """MessagePack's timestamps keep only the instant: the cache stores a commit's date as its
    ISO text, so that a history read back shows the author's offset as git does."""
    env = {"ADR_CACHE_DIR": str(tmp_path / "cache")}
    repo = story(tmp_path)
    repo.write("0003-use-redis.md", madr("Use Redis"))
    repo.commit("Propose Redis", "Dee", "2024-07-01T10:00:00+05:30")
    first = adr("history", "--format", "json", cwd=repo.path, env=env)
    again = adr("history", "--format", "json", cwd=repo.path, env=env)
    assert first.code == 0 and '"date": "2024-07-01T10:00:00+05:30"' in first.out
    assert again.out == first.out and list((tmp_path / "cache").glob("history-*.msgpack"))


def test_no_cache_writes_no_history_file(adr, tmp_path):
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-a.md", madr("A"))
    repo.commit("add A")
    result = adr("history", cwd=repo.path, env={"ADR_CACHE_DIR": str(tmp_path / "cache"), "ADR_NO_CACHE": "1"})
    assert result.code == 0, result
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").glob("history-*"))


def _fresh(folder, monkeypatch) -> dict:
    with monkeypatch.context() as m:
        m.setenv("ADR_NO_CACHE", "1")
        return _summary(history.load(folder))


def test_commits_on_top_of_a_kept_history_read_only_the_new_commits_and_agree_with_a_whole_pass(tmp_path, monkeypatch):
    monkeypatch.setenv("ADR_CACHE_DIR", str(tmp_path / "cache"))
    repo = story(tmp_path)
    history.load(repo.log)
    logs = _git_logs(monkeypatch)
    steps = [
        ("rename an old record", lambda: repo.git("mv", "docs/decisions/0002-use-managed-postgresql.md", "docs/decisions/0002-managed-postgresql.md")),
        ("change its status", lambda: repo.write("0002-managed-postgresql.md", madr("Use managed PostgreSQL", "deprecated", "2024-06-01"))),
        ("delete the first record", lambda: (repo.log / "0001-use-postgresql.md").unlink()),
        ("a new file where it was", lambda: repo.write("0001-use-postgresql.md", madr("Something else entirely", "accepted", body="New.\n" * 9))),
        ("a new record", lambda: repo.write("0003-use-redis.md", madr("Use Redis"))),
        ("a record's old name again", lambda: repo.write("0002-use-managed-postgresql.md", madr("Another file", body="Other.\n" * 9))),
    ]
    for day, (message, change) in enumerate(steps, start=10):
        change()
        repo.commit(message, "Dee", f"2024-07-{day}T10:00:00+00:00")
        incremental = _summary(history.load(repo.log))
        assert incremental == _fresh(repo.log, monkeypatch), message
    ranged = [args for args in logs if ".." in args[-3]]
    assert len(ranged) == len(steps) and len(logs) == 2 * len(steps)  # each step: its new commits, then the whole pass to compare


def test_a_merge_since_the_kept_history_reads_git_again(tmp_path, monkeypatch):
    monkeypatch.setenv("ADR_CACHE_DIR", str(tmp_path / "cache"))
    repo = story(tmp_path)
    history.load(repo.log)
    repo.git("checkout", "-q", "-b", "side")
    repo.write("0003-use-redis.md", madr("Use Redis"))
    repo.commit("Propose Redis", "Dee", "2024-07-01T10:00:00+00:00")
    repo.git("checkout", "-q", "-")
    repo.write("0004-use-kafka.md", madr("Use Kafka"))
    repo.commit("Propose Kafka", "Eve", "2024-07-02T10:00:00+00:00")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge side", "side", date="2024-07-03T10:00:00+00:00")
    logs = _git_logs(monkeypatch)
    merged = _summary(history.load(repo.log))
    assert [args[-3] for args in logs] == [repo.git("rev-parse", "HEAD").strip()]
    assert merged == _fresh(repo.log, monkeypatch)
    assert {"docs/decisions/0003-use-redis.md", "docs/decisions/0004-use-kafka.md"} <= set(merged)


def test_replace_refs_do_not_change_what_the_cache_keeps(tmp_path, monkeypatch):
    monkeypatch.setenv("ADR_CACHE_DIR", str(tmp_path / "cache"))
    repo = story(tmp_path)
    before = _summary(history.load(repo.log))
    fake = repo.git("commit-tree", "HEAD^{tree}", "-m", "rewritten", author="Zed").strip()
    repo.git("replace", "HEAD", fake)
    assert _summary(history.load(repo.log)) == before == _fresh(repo.log, monkeypatch)
