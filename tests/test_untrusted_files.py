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
    (log / "0001-use-x.md").write_text(madr("Use X", "accepted"))
    (log / "0002-leak.md").symlink_to(secret)
    (log / "0003-inside.md").symlink_to(log / "0001-use-x.md")  # a link within the folder is still published
    site = build_site(project, "decisions")
    published = "\n".join(p.read_text(errors="replace") for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".json"))
    assert "BEGIN-PRIVATE-KEY-LINE" not in published and "Private key" not in published
    assert "Use X" in published
    assert not any("leak" in str(p) for p in site.rglob("*"))
