"""Issue 24: a pull request's author writes every file in it. What each file can make `adr` do.

Every attack below is a file a pull request could commit (or a repository set up the way a CI
runner would find it), in a real temporary git repository: settings files, a log folder that
leads out of the repository, a journal or temporary file `adr` did not write, and git set up
the way the user set it up.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.gitrepo import BASE_ENV, GitRepo, madr


def one_line_error(result, *fragments: str) -> None:
    """Exit 1, one line on stderr starting `adr: `, naming every fragment, no traceback."""
    assert result.code == 1, result
    assert result.err.startswith("adr: ") and result.err.count("\n") == 1, result
    for fragment in fragments:
        assert fragment in result.err, (fragment, result)


def repo_with_log(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", madr("Use PostgreSQL", "accepted"))
    repo.commit("Start")
    return repo


# --- 5. .adr.yml and .log4brains.yml: the limits of front matter, and types -------------------

BOMB = "a: &a [1,1,1,1,1,1,1,1,1]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")
) + "statuses: [*i, *i, *i, *i, *i, *i, *i, *i, *i]\n"


@pytest.mark.parametrize("text, fragments", [
    ("rules: [a]\n", [".adr.yml:1:", "'rules' must be a mapping", "not a list"]),
    ("format: madr\ndir: 3\n", [".adr.yml:2:", "'dir' must be a non-empty text, not a number"]),
    ("statuses: {x: 1}\n", [".adr.yml:1:", "'statuses' must be a list of status names, not a mapping"]),
    ("statuses:\n  - on hold\n  - [nested]\n", [".adr.yml:3:", "'statuses[1]' must be a status name, not a list"]),
    ("rules:\n  missing-date: [off]\n", [".adr.yml:2:", "'rules.missing-date' must be error, warning or off"]),
    ("format: 3\n", [".adr.yml:1:", "'format' must be a non-empty text"]),
    ("format: asciidoc\n", [".adr.yml:1:", "unknown format 'asciidoc'"]),
    ("- just\n- a list\n", [".adr.yml:1:", "must be a mapping"]),
    ("dir: !!python/object/apply:os.system ['touch pwned']\n", [".adr.yml:1:", "could not determine a constructor", "python/object"]),
    ("statuses: " + "[" * 3000 + "]" * 3000 + "\n", [".adr.yml", "cannot read config"]),
    (BOMB, [".adr.yml:1:", "more than 10000 values"]),
])
def test_a_hostile_or_mistyped_adr_yml_is_one_line_naming_file_and_line(tmp_path, adr, text, fragments):
    repo = repo_with_log(tmp_path)
    (repo.path / ".adr.yml").write_text(text)
    started = time.monotonic()
    for command in (["list"], ["check"], ["new", "Use Redis"]):
        one_line_error(adr(*command, cwd=repo.path), *fragments)
    assert time.monotonic() - started < 20  # three processes; the bomb itself is refused in milliseconds
    assert not (repo.path / "pwned").exists() and not (repo.log / "0002-use-redis.md").exists()


def test_the_alias_bomb_in_adr_yml_is_refused_in_milliseconds(tmp_path):
    from adr.config import discover
    from adr.errors import AdrError

    (tmp_path / ".git").mkdir()
    (tmp_path / ".adr.yml").write_text(BOMB)  # 9**10 values once expanded
    started = time.perf_counter()
    with pytest.raises(AdrError, match="more than 10000 values"):
        discover(cwd=tmp_path)
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize("text, fragments", [
    ("project: [docs/adr]\n", [".log4brains.yml:1:", "'project' must be a mapping, not a list"]),
    ("project:\n  adrFolder: 7\n", [".log4brains.yml:2:", "'project.adrFolder' must be a non-empty text"]),
    ("project:\n  packages: {core: x}\n", [".log4brains.yml:2:", "'project.packages' must be a list"]),
    ("project:\n  packages:\n    - core\n", [".log4brains.yml:3:", "'project.packages[0]' must be a mapping"]),
    ("project: !!python/name:os.system\n", [".log4brains.yml:1:", "could not determine a constructor"]),
])
def test_a_mistyped_log4brains_yml_is_one_line(tmp_path, adr, text, fragments):
    repo = GitRepo(tmp_path / "repo", log="docs/adr")
    (repo.path / ".log4brains.yml").write_text(text)
    one_line_error(adr("list", cwd=repo.path), *fragments)


def test_a_well_typed_adr_yml_still_works(tmp_path, adr):
    repo = repo_with_log(tmp_path)
    (repo.path / ".adr.yml").write_text("dir: docs/decisions\nformat: madr\nstatuses: [on-hold, 2024]\nrules:\n  missing-date: off\n  unknown-status: error\n")
    result = adr("check", cwd=repo.path)
    assert result.code == 0, result


# --- 6. the log stays inside the repository ---------------------------------------------------


def _outside(tmp_path: Path) -> Path:
    """A folder beside the repository that looks like a log: what a hostile setting would aim at."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "0001-secret.md").write_text("# 1. Secret\n\n## Status\n\nAccepted\n")
    return outside


@pytest.mark.parametrize("marker, text, line", [
    (".adr-dir", "../outside\n", 1),
    (".adr-dir", "{outside}\n", 1),
    (".adr-dir", "docs/../../outside\n", 1),
    (".adr-dir", "/\n", 1),
    (".adr-dir", "docs/link\n", 1),  # a symbolic link inside the repository, to outside it
    (".adr.yml", "format: madr\ndir: ../outside\n", 2),
    (".adr.yml", "dir: docs/link\n", 1),
    (".adr.yml", "dir: .git\n", 1),
    (".log4brains.yml", "project:\n  adrFolder: ../outside\n", 2),
    (".log4brains.yml", "project:\n  adrFolder: ./docs/decisions\n  packages:\n    - name: core\n      adrFolder: ../outside\n", 5),
])
def test_a_log_folder_named_outside_the_repository_is_refused(tmp_path, adr, marker, text, line):
    repo = repo_with_log(tmp_path)
    outside = _outside(tmp_path)
    (repo.path / "docs/link").symlink_to(outside, target_is_directory=True)
    (repo.path / marker).write_text(text.format(outside=outside))
    before = sorted(p.name for p in outside.iterdir())
    for command in (["list"], ["new", "Leak"], ["check"], ["init"]):
        result = adr(*command, cwd=repo.path)
        one_line_error(result, f"{marker}:{line}: refusing", "--dir")
    assert sorted(p.name for p in outside.iterdir()) == before
    # given explicitly, the same folder is the log
    named = adr("--dir", str(outside), "list", cwd=repo.path)
    assert named.code == 0 and "0001-secret.md" in named.out, named
    assert adr("list", cwd=repo.path, env={"ADR_DIR": str(outside)}).code == 0


def test_a_committed_symbolic_link_as_the_usual_log_folder_is_refused(tmp_path, adr):
    repo = GitRepo(tmp_path / "repo", log="src")
    outside = _outside(tmp_path)
    (repo.path / "docs").mkdir()
    (repo.path / "docs/decisions").symlink_to(outside, target_is_directory=True)
    one_line_error(adr("list", cwd=repo.path), "docs/decisions: refusing", "outside the repository")


def test_init_refuses_to_write_an_adr_dir_that_leads_out_of_the_repository(tmp_path, adr):
    repo = GitRepo(tmp_path / "repo", log="src")
    one_line_error(adr("init", "../elsewhere", cwd=repo.path), "outside the repository")
    assert not (tmp_path / "elsewhere").exists() and not (repo.path / ".adr-dir").exists()


def test_a_log_folder_inside_the_repository_through_dots_is_fine(tmp_path, adr):
    repo = repo_with_log(tmp_path)
    (repo.path / "src").mkdir()
    (repo.path / ".adr-dir").write_text("src/../docs/decisions\n")
    result = adr("list", cwd=repo.path / "src")
    assert result.code == 0 and "0001-use-postgresql.md" in result.out, result


def test_the_site_publishes_no_record_that_links_outside_its_folders(tmp_path):
    from tests.test_site_project import build_site

    secret = tmp_path / "secret.md"
    secret.write_text("# 9. Private key\n\n## Status\n\nAccepted\n\nBEGIN-PRIVATE-KEY-LINE\n")
    project = tmp_path / "project"
    log = project / "decisions"
    log.mkdir(parents=True)
    (tmp_path / "private.png").write_bytes(b"\x89PNG PRIVATE-IMAGE-BYTES")
    (log / "diagram.png").symlink_to(tmp_path / "private.png")  # an image beside the records, linking out
    (log / "0001-use-x.md").write_text(madr("Use X", "accepted", body="![diagram](diagram.png)\n"))
    (log / "0002-leak.md").symlink_to(secret)
    (log / "0003-inside.md").symlink_to(log / "0001-use-x.md")  # a link within the folder is still published
    site = build_site(project, "decisions")
    published = "\n".join(p.read_text(errors="replace") for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".json"))
    assert "BEGIN-PRIVATE-KEY-LINE" not in published and "Private key" not in published
    assert "Use X" in published
    assert not any("leak" in str(p) for p in site.rglob("*"))
    assert not any(b"PRIVATE-IMAGE-BYTES" in p.read_bytes() for p in site.rglob("*") if p.is_file())


# --- 3. a journal or temporary file adr did not leave is never replayed -----------------------

JOURNAL = ".adr-journal.json"
CRASHED = 86  # adr.store.atomic._step's exit code


def state(tmp_path: Path, name: str = "state") -> dict:
    """This user's state folder (the journal key) for the test, outside the repository."""
    return {"ADR_STATE_DIR": str(tmp_path / name)}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and ".git" not in p.parts}


def two_records(tmp_path: Path, adr) -> GitRepo:
    repo = repo_with_log(tmp_path)
    assert adr("new", "Use Redis", cwd=repo.path, env=state(tmp_path)).code == 0
    repo.commit("Redis")
    return repo


def crash(repo: GitRepo, adr, env: dict, step: int) -> None:
    """`adr link` killed at write `step`: 4 leaves a committed journal and both temporary files."""
    result = adr("link", "2", "Amends", "1", cwd=repo.path, env={**env, "ADR_TEST_CRASH_AT": str(step)})
    assert result.code == CRASHED, result
    assert (repo.log / JOURNAL).exists()


def hostile_journal(repo: GitRepo) -> None:
    """What a pull request can commit: a journal that deletes a record and renames its own file over another."""
    (repo.log / ".0002-use-redis.md.0123abcd.tmp").write_text("# 2. Pwned\n\n## Status\n\nAccepted\n")
    entries = [
        {"path": "0002-use-redis.md", "temp": ".0002-use-redis.md.0123abcd.tmp", "create": False},
        {"path": "0001-use-postgresql.md", "delete": True},
    ]
    import json

    (repo.log / JOURNAL).write_text(json.dumps({"version": 1, "state": "committed", "files": entries}))


@pytest.mark.parametrize("command", [["list"], ["show", "1"], ["new", "Use Kafka"], ["link", "2", "Amends", "1"], ["generate", "toc"]])
def test_a_committed_journal_is_refused_and_never_acted_on(tmp_path, adr, command):
    repo = two_records(tmp_path, adr)
    hostile_journal(repo)
    repo.commit("Innocent-looking change")
    before = snapshot(repo.path)
    one_line_error(adr(*command, cwd=repo.path, env=state(tmp_path)), JOURNAL, "not acting on it")
    assert snapshot(repo.path) == before  # nothing deleted, renamed or written


def test_check_reports_journals_and_temporary_files_adr_did_not_leave(tmp_path, adr):
    repo = two_records(tmp_path, adr)
    hostile_journal(repo)
    (repo.log / "..adr-journal.json.89abcdef.tmp").write_text("{}")
    repo.commit("Innocent-looking change")
    before = snapshot(repo.path)
    checked = adr("check", cwd=repo.path, env=state(tmp_path))
    assert checked.code == 1, checked
    found = [line for line in checked.out.splitlines() if "untrusted-write-file" in line]
    assert [line.split(":")[0] for line in found] == [
        "docs/decisions/..adr-journal.json.89abcdef.tmp", "docs/decisions/.0002-use-redis.md.0123abcd.tmp", f"docs/decisions/{JOURNAL}",
    ], checked
    assert snapshot(repo.path) == before
    rules = adr("check", "--rules", cwd=repo.path, env=state(tmp_path))
    assert any(line.split()[:2] == ["untrusted-write-file", "error"] for line in rules.out.splitlines()), rules
    github = adr("check", "--format", "github", cwd=repo.path, env=state(tmp_path))
    assert f"::error file=docs/decisions/{JOURNAL},title=untrusted-write-file::" in github.out, github


def test_a_temporary_file_alone_is_reported_and_left_alone(tmp_path, adr):
    repo = two_records(tmp_path, adr)
    (repo.log / ".0001-use-postgresql.md.0123abcd.tmp").write_text("# 1. Replaced\n")
    before = snapshot(repo.path)
    assert adr("list", cwd=repo.path, env=state(tmp_path)).code == 0
    checked = adr("check", cwd=repo.path, env=state(tmp_path))
    assert checked.code == 1 and ".0001-use-postgresql.md.0123abcd.tmp: untrusted-write-file" in checked.out, checked
    assert snapshot(repo.path) == before


def test_review_reports_a_journal_the_branch_commits(tmp_path, adr):
    import json

    repo = two_records(tmp_path, adr)
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("0003-use-kafka.md", madr("Use Kafka"))
    hostile_journal(repo)
    repo.commit("Kafka")
    before = snapshot(repo.path)
    result = adr("review", "--base", "main", "--format", "json", cwd=repo.path, env=state(tmp_path))
    assert result.code == 1, result
    found = {(f["path"], f["rule"], f["severity"]) for f in json.loads(result.out)["findings"]}
    assert {(f"docs/decisions/{JOURNAL}", "untrusted-write-file", "error"), ("docs/decisions/.0002-use-redis.md.0123abcd.tmp", "untrusted-write-file", "error")} <= found
    assert "not acting on it" in result.err and result.err.count("\n") == 1, result  # the checkout's copy, said once
    markdown = adr("review", "--base", "main", cwd=repo.path, env=state(tmp_path))
    assert "untrusted-write-file" in markdown.out and "committed to git" in markdown.out
    assert snapshot(repo.path) == before


def test_our_own_journal_once_committed_is_refused(tmp_path, adr):
    """Sealed by this very user, but git tracks it: someone ran `git add -A` after a crash, so a
    clone or another checkout would replay it. Refused like any committed journal."""
    repo = two_records(tmp_path, adr)
    crash(repo, adr, state(tmp_path), 4)
    repo.commit("Oops, the journal too")
    before = snapshot(repo.path)
    one_line_error(adr("list", cwd=repo.path, env=state(tmp_path)), JOURNAL, "committed to git")
    assert snapshot(repo.path) == before


def test_a_journal_sealed_by_another_user_or_for_another_folder_is_refused(tmp_path, adr):
    repo = two_records(tmp_path, adr)
    crash(repo, adr, state(tmp_path, "theirs"), 4)
    before = snapshot(repo.path)
    one_line_error(adr("list", cwd=repo.path, env=state(tmp_path, "mine")), JOURNAL, "did not seal")
    assert snapshot(repo.path) == before
    # the same user's journal, copied into another log, does not count there either
    other = GitRepo(tmp_path / "other")
    other.write("0001-use-postgresql.md", madr("Use PostgreSQL", "accepted"))
    other.write("0002-use-redis.md", madr("Use Redis"))
    for leftover in repo.log.glob(".*"):
        (other.log / leftover.name).write_bytes(leftover.read_bytes())
    copied = snapshot(other.path)
    one_line_error(adr("list", cwd=other.path, env=state(tmp_path, "theirs")), JOURNAL, "did not seal")
    assert snapshot(other.path) == copied
    # where it was left, by whoever left it, it is repaired as before
    repaired = adr("list", cwd=repo.path, env=state(tmp_path, "theirs"))
    assert repaired.code == 0 and "finished a write that was interrupted" in repaired.err, repaired
    assert not list(repo.log.glob(".*"))


def test_a_temporary_file_swapped_after_the_crash_is_not_renamed_into_place(tmp_path, adr):
    repo = two_records(tmp_path, adr)
    crash(repo, adr, state(tmp_path), 4)
    (temp,) = [p for p in repo.log.glob(".0001-*.tmp")]
    temp.write_text("# 1. Swapped in\n\n## Status\n\nAccepted\n")
    before = snapshot(repo.path)
    one_line_error(adr("list", cwd=repo.path, env=state(tmp_path)), temp.name, "does not hold what the journal")
    assert snapshot(repo.path) == before


def test_a_journal_that_is_a_symbolic_link_or_another_users_file_is_refused(tmp_path, adr):
    repo = two_records(tmp_path, adr)
    crash(repo, adr, state(tmp_path), 4)
    journal = repo.log / JOURNAL
    real = tmp_path / "journal.json"
    real.write_bytes(journal.read_bytes())
    journal.unlink()
    journal.symlink_to(real)
    before = snapshot(repo.path)
    one_line_error(adr("list", cwd=repo.path, env=state(tmp_path)), JOURNAL, "not a regular file")
    assert snapshot(repo.path) == before
    if os.geteuid() != 0:
        return  # only root can give a file to another user
    journal.unlink()
    journal.write_bytes(real.read_bytes())
    os.chown(journal, 65534, 65534)
    one_line_error(adr("list", cwd=repo.path, env=state(tmp_path)), JOURNAL, "belongs to another user (uid 65534)")
    assert journal.exists() and len(list(repo.log.glob(".*.tmp"))) == 2


def test_a_committed_copy_of_the_journal_is_not_deleted(tmp_path, adr):
    repo = two_records(tmp_path, adr)
    stray = repo.log / "..adr-journal.json.0123abcd.tmp"
    stray.write_text('{"version": 1, "state": "committed", "files": []}')
    repo.commit("A stray")
    one_line_error(adr("list", cwd=repo.path, env=state(tmp_path)), stray.name, "committed to git")
    assert stray.exists()


@pytest.mark.parametrize("setup, fragment", [
    (lambda key: key.chmod(0o644), "mode 0600"),
    (lambda key: key.write_bytes(b"short"), "damaged"),
])
def test_a_key_others_could_read_or_a_damaged_key_is_refused(tmp_path, adr, setup, fragment):
    repo = two_records(tmp_path, adr)  # its `adr new` made the key
    key = tmp_path / "state/journal.key"
    assert key.stat().st_mode & 0o777 == 0o600 and (tmp_path / "state").stat().st_mode & 0o077 == 0
    setup(key)
    before = snapshot(repo.path)
    one_line_error(adr("new", "Use Kafka", cwd=repo.path, env=state(tmp_path)), "journal.key", fragment)
    assert snapshot(repo.path) == before


def test_a_key_inside_the_repository_is_refused(tmp_path, adr):
    """With the state folder in the checkout, a pull request could commit the key itself."""
    repo = repo_with_log(tmp_path)
    result = adr("new", "Use Kafka", cwd=repo.path, env={"ADR_STATE_DIR": str(repo.path / ".state")})
    one_line_error(result, "inside the repository", "ADR_STATE_DIR")
    assert not (repo.log / "0002-use-kafka.md").exists()


# --- 7. git as the user set it up ----------------------------------------------------------------


def test_the_review_script_edits_only_a_comment_its_own_token_wrote(tmp_path):
    """The pull request's author posts a comment starting with the marker before the job runs."""
    from tests.test_review_integrations import script, setup

    repo, env = setup(tmp_path)
    planted = "4242 mallory\n4243 github-actions[bot]"
    result = script("github-review.sh", repo, {**env, "FAKE_EXISTING": planted})  # GITHUB_TOKEN: /user is refused
    assert result.returncode == 0, result.stderr
    calls = (tmp_path / "gh.log").read_text().splitlines()
    assert calls[0] == "api user --jq .login"
    assert calls[-1].startswith("api --method PATCH repos/acme/shop/issues/comments/4243 ")
    assert not any("/comments/4242" in call for call in calls)

    (tmp_path / "gh.log").unlink()
    only_theirs = script("github-review.sh", repo, {**env, "FAKE_EXISTING": "4242 mallory"})
    assert only_theirs.returncode == 0, only_theirs.stderr
    calls = (tmp_path / "gh.log").read_text().splitlines()
    assert calls[-1].startswith("api --method POST repos/acme/shop/issues/7/comments ") and not any("4242" in c for c in calls)

    (tmp_path / "gh.log").unlink()
    with_pat = script("github-review.sh", repo, {**env, "FAKE_LOGIN": "mallory", "FAKE_EXISTING": "4243 github-actions[bot]\n4244 mallory"})
    assert with_pat.returncode == 0, with_pat.stderr
    assert (tmp_path / "gh.log").read_text().splitlines()[-1].startswith("api --method PATCH repos/acme/shop/issues/comments/4244 ")


def git_env(tmp_path: Path, **more: str) -> dict:
    """The adr process's environment: no global or system git config (no safe.directory from the
    machine), this test's state folder, fixed authors."""
    from tests.gitrepo import dated

    return {**dated(), **state(tmp_path), **more}


def committed_log(tmp_path: Path) -> GitRepo:
    repo = repo_with_log(tmp_path)
    (repo.path / "src").mkdir()
    (repo.path / "src/main.py").write_text("print('hi')\n")
    repo.commit("Code")
    return repo


@pytest.mark.parametrize("command", [["history", "1"], ["review", "--base", "main"], ["new", "--commit", "Use Redis"], ["new", "Use Redis"]])
def test_a_repository_git_refuses_for_ownership_gets_gits_advice(tmp_path, adr, command):
    repo = committed_log(tmp_path)
    before = snapshot(repo.path)
    env = git_env(tmp_path, GIT_TEST_ASSUME_DIFFERENT_OWNER="1")  # as when another user owns the checkout
    result = adr(*command, cwd=repo.path, env=env)
    one_line_error(result, "dubious ownership", f"git config --global --add safe.directory {repo.path}")
    assert snapshot(repo.path) == before  # `adr new` does not go on numbering without the base branches


def test_a_repository_owned_by_another_user_is_refused_like_git_does(tmp_path, adr):
    if os.geteuid() != 0:
        pytest.skip("only root can give a repository to another user")
    repo = committed_log(tmp_path)
    for path in [repo.path, *repo.path.rglob("*")]:
        os.lchown(path, 65534, 65534)
    one_line_error(adr("history", "1", cwd=repo.path, env=git_env(tmp_path)), "dubious ownership", "safe.directory")


def test_git_dir_and_work_tree_relative_to_where_adr_started_name_one_repository(tmp_path, adr):
    """From a subfolder, GIT_DIR=../.git GIT_WORK_TREE=.. mean the repository above, for every call."""
    repo = committed_log(tmp_path)
    result = adr("history", "1", cwd=repo.path / "src", env=git_env(tmp_path, GIT_DIR="../.git", GIT_WORK_TREE=".."))
    assert result.code == 0 and "created as accepted, by Ana" in result.out, result
    relative_tree = adr("history", "1", cwd=repo.path / "src", env=git_env(tmp_path, GIT_WORK_TREE=".."))
    assert relative_tree.code == 0 and "created as accepted, by Ana" in relative_tree.out, relative_tree


def test_git_dir_naming_a_repository_that_does_not_hold_the_log_is_refused(tmp_path, adr):
    repo = committed_log(tmp_path)
    other = GitRepo(tmp_path / "other", log="src")
    (other.log / "x.py").write_text("x\n")
    other.commit("Other")
    env = git_env(tmp_path, GIT_DIR=str(other.path / ".git"))
    before_other = other.git("log", "--oneline")
    for command in (["history", "1"], ["new", "--commit", "Use Redis"]):
        result = adr("--dir", str(repo.log), *command, cwd=other.path / "src", env=env)
        one_line_error(result, "GIT_DIR names the repository", "does not hold the decision log")
    assert other.git("log", "--oneline") == before_other and not (repo.log / "0002-use-redis.md").exists()
    missing = adr("history", "1", cwd=repo.path, env=git_env(tmp_path, GIT_DIR=str(tmp_path / "nowhere")))
    one_line_error(missing, "GIT_DIR names no git repository")


def test_a_stale_index_lock_is_named(tmp_path, adr):
    repo = committed_log(tmp_path)
    lock = repo.path / ".git/index.lock"
    lock.write_text("")
    before = snapshot(repo.path)
    result = adr("new", "--commit", "Use Redis", cwd=repo.path, env=git_env(tmp_path))
    one_line_error(result, f"{lock} exists", "nothing was changed")
    assert snapshot(repo.path) == before


def test_a_killed_new_commit_says_next_time_that_the_commit_did_not_happen(tmp_path, adr):
    repo = committed_log(tmp_path)
    env = git_env(tmp_path)
    killed = adr("new", "--commit", "Use Redis", cwd=repo.path, env={**env, "ADR_TEST_CRASH_AT": "5"})  # after the write, before the commit
    assert killed.code == CRASHED and (repo.log / "0002-use-redis.md").exists(), killed
    head = repo.git("rev-parse", "HEAD")
    listed = adr("list", cwd=repo.path, env=env)
    assert listed.code == 0 and listed.err.count("\n") == 1, listed
    assert "`adr new --commit Use Redis` was stopped before its commit: the commit did not happen" in listed.err
    assert "not committed: docs/decisions/0002-use-redis.md" in listed.err
    assert adr("list", cwd=repo.path, env=env).err == ""  # said once
    assert repo.git("rev-parse", "HEAD") == head


def test_a_new_commit_killed_inside_the_commit_names_the_files_it_staged(tmp_path, adr):
    repo = committed_log(tmp_path)
    hook = repo.path / ".git/hooks/pre-commit"  # kills adr (git's parent) while git commits, and the commit with it
    hook.write_text("#!/bin/sh\nkill -9 $(awk '{print $4}' /proc/$PPID/stat)\nexit 1\n")
    hook.chmod(0o755)
    env = git_env(tmp_path)
    killed = adr("new", "--commit", "Use Redis", cwd=repo.path, env=env)
    assert killed.code == -9, killed
    hook.unlink()
    listed = adr("list", cwd=repo.path, env=env)
    assert "the commit did not happen; not committed: docs/decisions/0002-use-redis.md (commit it" in listed.err, listed
    assert adr("new", "--commit", "Use Kafka", cwd=repo.path, env=env).err == ""  # and nothing more is said


def test_a_finished_or_refused_commit_leaves_no_note(tmp_path, adr):
    repo = committed_log(tmp_path)
    env = git_env(tmp_path)
    assert adr("new", "--commit", "Use Redis", cwd=repo.path, env=env).code == 0
    assert adr("new", "--commit", "-s", "9", "Use Kafka", cwd=repo.path, env=env).code == 1  # refused before writing
    assert not list((tmp_path / "state").glob("commits/*.json"))
    assert adr("list", cwd=repo.path, env=env).err == ""
