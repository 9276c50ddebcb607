"""Commands that read a log, run where there is none: one message for all, and nothing written."""

from __future__ import annotations

import pytest

from tests.gitrepo import GitRepo

NOT_FOUND = (
    "adr: no decision log found (looked for .adr-dir, .adr.yml, .log4brains.yml, doc/adr, docs/adr, docs/decisions, "
    "decisions here and in the folders above); create one with `adr init`, or name its folder with --dir\n"
)
READERS = [
    ["list"], ["list", "--format", "json"], ["check"], ["history"], ["history", "1"], ["show", "1"],
    ["generate", "toc"], ["upgrade-repository"],
]
WRITERS = [["link", "1", "Amends", "2"], ["unlink", "1", "2"], ["status", "1", "accepted"], ["renumber", "1", "2"]]


def project(tmp_path, kind: str):
    """An empty project: a git repository with a commit but no log, or a plain folder."""
    folder = tmp_path / "project"
    if kind == "git":
        repo = GitRepo(folder, log="src")
        (repo.log / "main.py").write_text("print('hi')\n")
        repo.commit("Start")
    else:
        folder.mkdir()
    return folder


def tree(folder) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if ".git" not in p.parts)


@pytest.mark.parametrize("kind", ["git", "plain"])
def test_every_command_that_reads_the_log_says_the_same_when_there_is_none(adr, tmp_path, kind):
    folder = project(tmp_path, kind)
    before = tree(folder)
    for args in READERS + WRITERS:
        result = adr(*args, cwd=folder)
        assert (result.code, result.err, result.out) == (1, NOT_FOUND, ""), (args, result)
    assert tree(folder) == before  # the writing commands did not create the log folder on their way to failing


@pytest.mark.parametrize("kind", ["git", "plain"])
def test_the_advice_works_adr_init_makes_a_log_the_commands_find(adr, tmp_path, kind):
    folder = project(tmp_path, kind)
    assert adr("init", cwd=folder).code == 0
    assert adr("list", cwd=folder).out == "doc/adr/0001-record-architecture-decisions.md\n"
    assert adr("check", cwd=folder).code == 0


def test_a_folder_named_by_dir_or_adr_dir_that_does_not_exist_is_named(adr, tmp_path):
    folder = project(tmp_path, "git")
    result = adr("--dir", "architecture", "history", cwd=folder)
    assert (result.code, result.err) == (1, "adr: architecture: no decision log here (named by --dir); create it with `adr init architecture`\n")
    from_env = adr("check", cwd=folder, env={"ADR_DIR": "architecture"})
    assert from_env.err == "adr: architecture: no decision log here (named by ADR_DIR); create it with `adr init architecture`\n"

    (folder / ".adr-dir").write_text("docs/arch\n")
    (folder / "src").mkdir(exist_ok=True)
    inside = adr("list", cwd=folder / "src")  # paths outside the current folder are shown whole
    arch = folder.resolve() / "docs/arch"
    assert (inside.code, inside.err) == (1, f"adr: {arch}: no decision log here (named by {folder.resolve()}/.adr-dir); create it with `adr init`\n")
    created = adr("init", cwd=folder / "src")  # the folder .adr-dir names, not doc/adr
    assert (created.code, created.out) == (0, "../docs/arch/0001-record-architecture-decisions.md\n"), created
    assert not (folder / "doc").exists() and not (folder / "src/doc").exists()
    assert adr("list", cwd=folder / "src").code == 0


def test_check_rules_needs_no_log(adr, tmp_path):
    result = adr("check", "--rules", cwd=project(tmp_path, "plain"))
    assert result.code == 0 and "missing-date" in result.out, result


def test_not_inside_a_git_repository_only_when_that_is_true(adr, tmp_path):
    folder = project(tmp_path, "git")
    assert "not inside a git repository" not in adr("review", cwd=folder).err  # a log not created yet is still inside the repository
    plain = tmp_path / "plain"
    (plain / "doc" / "adr").mkdir(parents=True)
    assert adr("init", cwd=plain).code == 0
    result = adr("history", cwd=plain)
    assert (result.code, result.err) == (1, "adr: doc/adr: not inside a git repository\n")


def test_a_deleted_current_folder_is_one_line_not_a_traceback(tmp_path):
    """A shell left in a folder removed by `git checkout` or `rm -r` from another terminal."""
    import subprocess
    import sys

    log = tmp_path / "decisions"
    log.mkdir()
    (log / "0001-use-x.md").write_text("# 1. Use X\n\n## Status\n\nAccepted\n")
    for args in (["list", "--format", "json"], ["check"], ["new", "Use Y"]):
        script = f'mkdir gone && cd gone && rmdir ../gone && exec "$0" -m adr --dir "{log}" "$@"'
        proc = subprocess.run(["sh", "-c", script, sys.executable, *args], cwd=tmp_path, capture_output=True, text=True, timeout=60)
        assert (proc.returncode, proc.stdout, proc.stderr) == (1, "", "adr: the current folder no longer exists; cd to one that does\n")
    assert [p.name for p in log.iterdir()] == ["0001-use-x.md"]
