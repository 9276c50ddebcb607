"""Nothing loaded from a cache folder runs code or changes a result (issue 24, untrusted pull requests).

A cache file holds data only, checked against its types: any bytes in it give what a run
without a cache gives. A cache folder the repository could have supplied (inside its work tree,
or holding files git tracks) is neither read nor written, so a pull request cannot hand `adr
check` its own results. Each test plants or damages files the way an attacker or a crash would,
and compares every output with `ADR_NO_CACHE=1`.
"""

from __future__ import annotations

import os
import pickle
import random
import subprocess
from pathlib import Path

import msgspec
import pytest

from tests.gitrepo import GitRepo, madr
from tests.test_cache import _age
from tests.test_history import story

KINDS = ("records", "results", "history")
# the commands that read each kind of cache file
READERS = {
    "records": [("list", "--format", "json"), ("check",)],
    "results": [("list", "--format", "json"), ("list", "--format", "table"), ("check",)],
    "history": [("history", "--format", "json")],
}
EVERY_COMMAND = list(dict.fromkeys(c for commands in READERS.values() for c in commands))


class _Payload:
    """Unpickles as a call that writes `marker`: what a hostile pickle in a cache folder does."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return exec, (f"open({str(self.marker)!r}, 'w').write('ran')",)


@pytest.fixture
def repo(tmp_path) -> GitRepo:
    """A log with a history, its last commit made at +05:30 (a kept date must keep its offset)."""
    found = story(tmp_path)
    found.write("0003-use-a-queue.md", madr("Use a queue", "accepted", body="## Links\n\n- Amends [1](0001-use-postgresql.md)\n"))
    found.commit("Add a queue", "Dee", "2024-07-01T10:00:00+05:30")
    _age(found.log)  # a record written this second is not trusted by the caches (racy mtimes)
    return found


def _outputs(adr, repo: GitRepo, env: dict, commands=EVERY_COMMAND) -> list[tuple[int, str, str]]:
    results = []
    for command in commands:
        result = adr(*command, cwd=repo.path, env={"ADR_NO_CACHE": "", **env})
        results.append((result.code, result.out, result.err))
    return results


def _uncached(adr, repo: GitRepo, commands=EVERY_COMMAND) -> list[tuple[int, str, str]]:
    return _outputs(adr, repo, {"ADR_NO_CACHE": "1"}, commands)


def _names(adr, repo: GitRepo, probe: Path) -> dict[str, str]:
    """The name each cache file of this log has (`records-<hash>`), whatever the suffix."""
    _outputs(adr, repo, {"ADR_CACHE_DIR": str(probe)})
    names = {p.name.split(".")[0].split("-", 1)[0]: p.name.split(".")[0] for p in probe.iterdir() if not p.name.startswith(".")}
    assert set(names) == set(KINDS), names
    return names


def _plant(folder: Path, names: dict[str, str], marker: Path, kinds=KINDS) -> None:
    """A hostile pickle under each cache file's name, with this release's suffix and the old one."""
    folder.mkdir(parents=True, exist_ok=True)
    for kind in kinds:
        for suffix in (".msgpack", ".pickle"):
            (folder / f"{names[kind]}{suffix}").write_bytes(pickle.dumps(_Payload(marker)))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.is_dir() else {}


def test_a_hostile_cache_committed_in_the_repository_runs_nothing_and_changes_nothing(adr, repo, tmp_path):
    """The GitLab job once pointed ADR_CACHE_DIR at `.adr-cache` in the checkout: a merge request
    that commits that folder must not run code, nor have its records or results believed."""
    marker = tmp_path / "ran"
    cache = repo.path / ".adr-cache"
    _plant(cache, _names(adr, repo, tmp_path / "probe"), marker)
    repo.commit("Bring a cache along")
    committed = _files(cache)
    expected = _uncached(adr, repo)
    for _ in range(2):  # the second run would read whatever the first wrote
        assert _outputs(adr, repo, {"ADR_CACHE_DIR": str(cache)}) == expected
    assert not marker.exists()
    assert _files(cache) == committed  # nothing written there either


@pytest.mark.parametrize("how", ["inside", "through a link from outside", "a link inside leading out"])
def test_a_cache_folder_in_the_work_tree_is_neither_read_nor_written(adr, repo, tmp_path, how):
    real = {"inside": repo.path / ".adr-cache", "through a link from outside": repo.path / "build" / "cache",
            "a link inside leading out": tmp_path / "elsewhere"}[how]
    real.mkdir(parents=True)
    given = real
    if how == "through a link from outside":
        given = tmp_path / "alias"
        given.symlink_to(real)
    elif how == "a link inside leading out":
        given = repo.path / ".adr-cache"
        given.symlink_to(real)
    expected = _uncached(adr, repo)
    for _ in range(2):
        assert _outputs(adr, repo, {"ADR_CACHE_DIR": str(given)}) == expected
    assert _files(real) == {}


def test_a_cache_folder_holding_files_git_tracks_is_not_used_and_an_untracked_one_is(adr, tmp_path):
    """The log's own repository nested in another (a checkout inside a monorepo's work tree):
    a cache folder that the outer repository tracks is its content, not a kept cache."""
    outer = tmp_path / "outer"
    outer.mkdir()
    subprocess.run(["git", "init", "-q", str(outer)], check=True)
    repo = story(outer)  # outer/repo, a repository of its own
    _age(repo.log)
    marker = tmp_path / "ran"
    tracked = outer / "shared-cache"
    _plant(tracked, _names(adr, repo, tmp_path / "probe"), marker)
    subprocess.run(["git", "add", "shared-cache"], cwd=outer, check=True)
    kept = _files(tracked)
    expected = _uncached(adr, repo)
    for _ in range(2):
        assert _outputs(adr, repo, {"ADR_CACHE_DIR": str(tracked)}) == expected
    assert not marker.exists() and _files(tracked) == kept

    untracked = outer / "untracked-cache"  # git ignores it or never added it: the job's own
    for _ in range(2):
        assert _outputs(adr, repo, {"ADR_CACHE_DIR": str(untracked)}) == expected
    assert {name.split("-")[0] for name in _files(untracked)} == set(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_pickle_in_a_cache_folder_outside_the_checkout_runs_nothing(adr, repo, tmp_path, kind):
    """A shared cache someone else wrote (a CI cache restored from another branch): data only."""
    marker = tmp_path / "ran"
    cache = tmp_path / "cache"
    names = _names(adr, repo, tmp_path / "probe")
    expected = _uncached(adr, repo, READERS[kind])
    _plant(cache, names, marker, kinds=[kind])
    assert _outputs(adr, repo, {"ADR_CACHE_DIR": str(cache)}, READERS[kind]) == expected
    assert not marker.exists()
    assert not list(cache.glob("*.pickle"))  # an older release's file is deleted, never read


def _retyped(kind: str, data: bytes) -> bytes:
    """The file with one value of the wrong type, everything else as written."""
    document = msgspec.msgpack.decode(data)
    if kind == "records":
        document[1][0][3][2] = "seven"  # a record's number
    elif kind == "results":
        document[3] = {question: msgspec.msgpack.encode(42) for question in document[3]}  # a result of another type
    else:
        history = document[1][0][1]
        next(iter(history["records"].values()))["changes"][0]["commit"]["date"] = ["not", "a", "date"]
    return msgspec.msgpack.encode(document)


DAMAGE = {
    "random bytes": lambda kind, data: random.Random(len(data)).randbytes(len(data)),
    "cut in half": lambda kind, data: data[: len(data) // 2],
    "cut before the last byte": lambda kind, data: data[:-1],
    "one byte": lambda kind, data: data[:1],
    "empty": lambda kind, data: b"",
    "plain data of another shape": lambda kind, data: msgspec.msgpack.encode({"version": 5, "entries": [1, 2]}),
    "one value of another type": _retyped,
}


@pytest.mark.parametrize("kind", KINDS)
def test_any_bytes_in_a_cache_file_give_what_no_cache_gives(adr, repo, tmp_path, kind):
    cache = tmp_path / "cache"
    commands = READERS[kind]
    expected = _uncached(adr, repo, commands)
    assert _outputs(adr, repo, {"ADR_CACHE_DIR": str(cache)}, commands) == expected
    for name, damage in DAMAGE.items():
        [path] = cache.glob(f"{kind}-*.msgpack")  # rewritten whole by the run before
        data = path.read_bytes()
        assert msgspec.msgpack.decode(data)  # plain data: MessagePack, no pickle
        path.write_bytes(damage(kind, data))
        if kind == "records":  # remembered results would answer without reading any record
            for remembered in cache.glob("results-*"):
                remembered.unlink()
        assert _outputs(adr, repo, {"ADR_CACHE_DIR": str(cache)}, commands) == expected, name


def test_a_work_tree_is_found_from_a_git_file_and_a_missing_index_tracks_nothing(tmp_path):
    """A linked work tree or a submodule has a `.git` file; a fresh repository has no index yet."""
    from adr.store import trust

    main = GitRepo(tmp_path / "main")
    main.write("0001-a.md", madr("A"))
    main.commit("A")
    linked = tmp_path / "linked"
    main.git("worktree", "add", "-q", str(linked))
    assert (linked / ".git").is_file()
    log = [linked / "docs" / "decisions"]
    assert not trust.trusted(linked / ".adr-cache", log)
    assert trust.trusted(tmp_path / "cache", log)
    fresh = tmp_path / "fresh"
    subprocess.run(["git", "init", "-q", str(fresh)], check=True)
    assert not (fresh / ".git" / "index").exists()
    assert trust.trusted(fresh / "cache", log)  # another repository that tracks nothing yet
    (fresh / ".git" / "index").write_bytes(b"not an index")
    assert not trust.trusted(fresh / "cache", log)  # what cannot be read may list anything
    os.remove(fresh / ".git" / "index")


def _gitlab_steps(name: str) -> list[str]:
    import yaml

    job = yaml.safe_load((Path(__file__).resolve().parent.parent / "integrations" / "gitlab-ci.yml").read_text())["adr-check"]
    assert not job["variables"]["ADR_CACHE_DIR"].startswith("$CI_PROJECT_DIR")
    return [step for step in job[name] if not step.startswith(("apt-get", "pip "))]


def _run_steps(steps: list[str], checkout: Path, env: dict) -> None:
    """The steps in one shell that stops at the first failing one, as GitLab runs a job's script."""
    script = "set -eo pipefail\n" + "\n".join(steps)
    result = subprocess.run(["bash", "-c", script], cwd=checkout, env={**os.environ, **env}, capture_output=True, text=True)
    assert result.returncode == 0, (script, result.stderr)


@pytest.mark.parametrize("committed", [False, True])
def test_the_gitlab_job_carries_its_cache_outside_the_checkout_and_drops_a_committed_one(tmp_path, committed):
    """GitLab restores `.adr-cache/` into the project folder; the job moves it out of the
    checkout before adr runs, unless the repository itself holds that folder (a merge request
    that brought its own), and puts it back after, for GitLab to keep."""
    repo = GitRepo(tmp_path / "project")
    repo.write("0001-a.md", madr("A"))
    if committed:
        (repo.path / ".adr-cache").mkdir()
        (repo.path / ".adr-cache" / "records-x.msgpack").write_bytes(b"from the merge request")
    repo.commit("A")
    if not committed:  # restored by GitLab after the checkout
        (repo.path / ".adr-cache").mkdir()
        (repo.path / ".adr-cache" / "records-x.msgpack").write_bytes(b"kept by GitLab")
    outside = tmp_path / "job-tmp" / "adr-cache"
    outside.parent.mkdir()
    env = {"ADR_CACHE_DIR": str(outside)}
    _run_steps(_gitlab_steps("before_script"), repo.path, env)
    assert not (repo.path / ".adr-cache").exists()
    assert _files(outside) == ({} if committed else {"records-x.msgpack": b"kept by GitLab"})
    (outside / "results-x.msgpack").write_bytes(b"written by adr")
    _run_steps(_gitlab_steps("after_script"), repo.path, env)
    kept = {"results-x.msgpack"} if committed else {"records-x.msgpack", "results-x.msgpack"}
    assert set(_files(repo.path / ".adr-cache")) == kept
