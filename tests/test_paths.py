"""Paths: no title, link or symbolic link makes the tool write outside the decision log."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from adr.edit import operations as ops
from adr.config import Settings
from adr.slug import file_name, slugify

SAFE_NAME = re.compile(r"^\d{4,}-[a-z0-9]+(?:-[a-z0-9]+)*\.md$")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.integers(min_value=0, max_value=10**6))
def test_any_title_gives_a_plain_short_file_name(title, number):
    name = file_name(number, title)
    assert SAFE_NAME.match(name), name
    assert len(name.encode("utf-8")) <= 100  # far below the 255-byte limit of every file system
    assert slugify(title) == slugify(slugify(title))


HOSTILE_TITLES = [
    ("../../../etc/passwd", "etc-passwd"),
    ("/etc/passwd", "etc-passwd"),
    ("..", "decision"),
    ("C:\\Windows\\System32", "c-windows-system32"),
    ("日本語の決定", "decision"),
    ("Ελληνικά και русский", "decision"),
    ("Café naïve résumé", "cafe-naive-resume"),
    ("x" * 300, "x" * 80),
    ("word " * 60, "-".join(["word"] * 16)),
    ("$(touch pwned) `id` ; rm -rf ~", "touch-pwned-id-rm-rf"),
]


def test_hostile_titles_on_the_command_line_stay_in_the_log(tmp_path, adr):
    assert adr("init", "--format", "nygard", "doc/adr").code == 0
    expected = [".adr-dir", "0001-record-architecture-decisions.md"]
    for number, (title, slug) in enumerate(HOSTILE_TITLES, 2):
        made = adr("new", "--", title)
        assert made.code == 0, made
        assert made.out.strip() == f"doc/adr/{number:04d}-{slug}.md", (title, made)
        expected.append(f"{number:04d}-{slug}.md")
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(expected)
    assert not (tmp_path / "pwned").exists()
    listed = json.loads(adr("list", "--format", "json").out)
    assert [r["title"] for r in listed[1:]] == [" ".join(title.split()) for title, _ in HOSTILE_TITLES]


def test_a_title_with_nul_and_control_characters_in_process(tmp_path):
    """argv cannot carry NUL; the library call can: the name is safe, the file stays text."""
    config = Settings(log_dir=tmp_path / "log", project_root=tmp_path, format="madr")
    path = ops.new_record(config, ops.NewRequest("a\x00b/../c\x1b[31m\r\nd", decision_makers=["x\x00y"]))
    assert path.parent == tmp_path / "log" and SAFE_NAME.match(path.name)
    data = path.read_bytes()
    assert b"\x00" not in data and b"\x1b" not in data
    from adr.parse import read_record

    record = read_record(path)
    assert record.diagnostics == [] and record.title == "a b/../c [31m d" and record.decision_makers == ["x y"]


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


def test_no_write_through_a_symbolic_link_that_leaves_the_log(tmp_path, adr):
    project = tmp_path / "project"
    project.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "0002-outside.md"
    secret.write_text("# 2. Outside\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n")
    assert adr("init", "--format", "nygard", "doc/adr", cwd=project).code == 0
    (project / "doc/adr/0002-outside.md").symlink_to(secret)
    before = secret.read_bytes()
    for command in (["link", "2", "Amends", "1"], ["link", "1", "Amends", "2"], ["status", "2", "deprecated"], ["new", "-s", "2", "Replace it"]):
        result = adr(*command, cwd=project)
        assert result.code == 1, (command, result)
        assert "symbolic link that leaves the decision log" in result.err and result.err.count("\n") == 1, result
        assert secret.read_bytes() == before
    assert sorted(p.name for p in (project / "doc/adr").iterdir()) == ["0001-record-architecture-decisions.md", "0002-outside.md"]


def test_no_write_into_a_subfolder_that_is_a_symbolic_link_out_of_the_log(tmp_path, adr):
    project = tmp_path / "project"
    project.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    assert adr("init", "--format", "nygard", "doc/adr", cwd=project).code == 0
    (project / "doc/adr/team").symlink_to(outside, target_is_directory=True)
    (outside / "0005-theirs.md").write_text("# 5. Theirs\n\n## Status\n\nAccepted\n")
    before = _tree(outside)
    # a symbolic-linked folder is not walked, and a path through it is refused
    result = adr("link", "1", "Amends", str(project / "doc/adr/team/0005-theirs.md"), cwd=project)
    assert result.code == 1 and result.err.count("\n") == 1, result
    assert _tree(outside) == before


def test_a_log_folder_that_is_a_symbolic_link_is_the_log(tmp_path, adr):
    """The log itself may live elsewhere (a link to a shared folder): writes go there, nowhere else."""
    real = tmp_path / "real-log"
    project = tmp_path / "project"
    project.mkdir()
    (project / "doc").mkdir()
    real.mkdir()
    (project / "doc/adr").symlink_to(real, target_is_directory=True)
    assert adr("new", "First", cwd=project).code == 0
    assert adr("new", "-s", "1", "Second", cwd=project).code == 0
    assert sorted(p.name for p in real.iterdir()) == ["0001-first.md", "0002-second.md"]


def test_links_climbing_out_of_the_log_are_not_followed_for_writing(tmp_path, adr):
    assert adr("init", "--format", "nygard", "doc/adr").code == 0
    victim = tmp_path / "victim.md"
    victim.write_text("# 9. Victim\n\n## Status\n\nAccepted\n")
    (tmp_path / "doc/adr/0002-climber.md").write_text(
        "# 2. Climber\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\nAmends [9. Victim](../../victim.md)\n"
        "Supersedes [x](../../../../../../etc/passwd)\n"
    )
    before = victim.read_bytes()
    for command in (["link", "2", "Amends", "../../victim.md"], ["link", "2", "Amends", str(victim)], ["new", "-s", str(victim), "X"]):
        result = adr(*command)
        assert result.code == 1 and "no decision record matches" in result.err, result
    shown = adr("show", "2")
    assert shown.code == 0 and "Climber" in shown.out
    assert adr("link", "2", "Relates to", "1").code == 0
    checked = adr("check")
    assert checked.code == 1 and "0002-climber.md:9: broken-link 'Amends' links to ../../victim.md, which is outside the decision log" in checked.out, checked
    assert "0002-climber.md:10: broken-link" in checked.out
    links = json.loads(adr("list", "--format", "json").out)[1]["links"]
    assert {(l["target"], l.get("broken")) for l in links if l.get("broken")} == {("../../victim.md", True), ("../../../../../../etc/passwd", True)}
    assert victim.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".adr-dir", "doc", "victim.md"]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})


@pytest.mark.parametrize("args", [
    ["review", "--base=--output={out}"],
    ["review", "--base", "--output={out}"],
    ["review", "--head=--output={out}"],
    ["review", "--base=main", "--head=-o{out}"],
    ["history", "--output={out}"],
    ["history", "1", "--", "--output={out}"],
])
def test_option_like_git_refs_never_reach_git_as_options(tmp_path, adr, args):
    if "review" not in adr("--help").out:
        pytest.skip("adr review not there yet")
    _git(tmp_path, "init", "-q", "-b", "main")
    assert adr("init", "--format", "nygard", "doc/adr").code == 0
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "log")
    out = tmp_path / "created-by-git.txt"
    result = adr(*[a.format(out=out) for a in args])
    assert result.code in (1, 2), result
    assert not out.exists()
    assert result.err.strip() and "Traceback" not in result.err
