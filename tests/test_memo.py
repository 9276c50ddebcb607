"""Remembered results: a second `adr list`/`adr check` on an unchanged log answers from memory,
and whatever the result depends on, once changed, makes the command compute it again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.conftest import UNDER_MUTATION

from adr.store import result_cache
from adr.store.lookups import RecordedLookups, still_answered
from tests.test_cache import NYGARD as RECORD, PAST, _age

REVIEWED = """---
status: accepted
date: 2024-02-01
review-by: 2024-06-01
---
# Use PostgreSQL

## Assumptions

- A1: Orders fit on one machine.
"""


def _write(path: Path, text: str) -> None:
    path.write_text(text)
    os.utime(path, (PAST, PAST))


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    folder = root / "doc" / "adr"
    folder.mkdir(parents=True)
    (folder / "0001-record-decisions.md").write_text(RECORD.format(n=1, title="Record decisions", status="Accepted"))
    (folder / "0002-use-kafka.md").write_text(RECORD.format(n=2, title="Use Kafka", status="Superseded by [3. Use NATS](0003-use-nats.md)"))
    (folder / "0003-use-nats.md").write_text(RECORD.format(n=3, title="Use NATS", status="Accepted\n\nAmends [the spec](../spec/queues.md)"))
    (folder / "0004-use-postgresql.md").write_text(REVIEWED)
    _age(folder)
    return root


@pytest.fixture
def run(adr, tmp_path):
    """`adr ARGS` in the project with a parse cache (and the result cache), and the same with none at all:
    each call returns both outputs, which must always agree."""

    def both(*args: str, cwd: Path | None = None, env: dict | None = None):
        where = cwd or tmp_path / "project"
        cached = adr(*args, cwd=where, env={"ADR_CACHE_DIR": str(tmp_path / "cache"), "ADR_NO_CACHE": "", **(env or {})})
        cold = adr(*args, cwd=where, env={"ADR_NO_CACHE": "1", **(env or {})})
        assert (cached.code, cached.out, cached.err) == (cold.code, cold.out, cold.err)
        return cached

    return both


COMMANDS = [("list", "--format", "json"), ("list", "--format", "table"), ("list", "--status", "accepted"), ("check",), ("check", "--format", "json")]


def _results(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("results-*.msgpack"))


def test_an_unchanged_log_is_answered_from_memory(project, tmp_path, monkeypatch):
    monkeypatch.chdir(project)
    monkeypatch.setenv("ADR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ADR_NO_CACHE", raising=False)
    folders = [project / "doc" / "adr"]
    computed = []

    def compute(lookups, listing):
        computed.append(listing)
        return ["the result"]

    assert result_cache.remembered(folders, ("list",), compute, list[str]) == ["the result"]
    assert result_cache.remembered(folders, ("list",), compute, list[str]) == ["the result"]
    assert len(computed) == 1 and [name for _, name in computed[0].entries][0] == "0001-record-decisions.md"
    result_cache.remembered(folders, ("check",), compute, list[str])  # another question about the same log
    result_cache.remembered(folders, ("list",), compute, list[str])
    result_cache.remembered(folders, ("check",), compute, list[str])
    assert len(computed) == 2
    _write(folders[0] / "0002-use-kafka.md", RECORD.format(n=2, title="Use Kafka", status="Accepted"))
    result_cache.remembered(folders, ("list",), compute, list[str])
    assert len(computed) == 3


def test_a_result_that_raised_is_not_remembered(project, tmp_path, monkeypatch):
    monkeypatch.setenv("ADR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ADR_NO_CACHE", raising=False)
    calls = []

    def compute(lookups, listing):
        calls.append(1)
        raise ValueError("no")

    for _ in range(2):
        with pytest.raises(ValueError):
            result_cache.remembered([project / "doc" / "adr"], ("x",), compute, list[str])
    assert len(calls) == 2 and _results(tmp_path) == []


def test_every_command_gives_what_a_run_without_cache_gives_and_keeps_it(project, run, tmp_path):
    for args in COMMANDS * 2:
        run(*args)
    assert len(_results(tmp_path)) == 1  # one file per log, every question in it


def test_an_edited_added_or_removed_record_changes_the_answer(project, run):
    folder = project / "doc" / "adr"
    for args in COMMANDS:
        run(*args)
    before = run("list", "--format", "json").out
    _write(folder / "0001-record-decisions.md", RECORD.format(n=1, title="Record decisions", status="Rejected"))
    assert '"status": "rejected"' in run("list", "--format", "json").out
    _write(folder / "0005-use-redis.md", RECORD.format(n=5, title="Use Redis", status="Accepted"))
    assert "Use Redis" in run("list", "--format", "table").out
    (folder / "0003-use-nats.md").unlink()
    after = run("list", "--format", "json").out
    assert "Use NATS" not in after and after != before
    assert "links to 0003-use-nats.md, which does not exist" in run("check").out  # 0002's successor is gone


def test_settings_date_and_working_folder_change_the_answer(project, run):
    (project / ".adr.yml").write_text("rules: {review-overdue: error}\n")
    assert run("check", env={"ADR_DATE": "2024-05-06"}).out.count("review-overdue") == 0
    assert "review-overdue" in run("check", env={"ADR_DATE": "2024-07-01"}).out
    (project / ".adr.yml").write_text("rules: {review-overdue: off}\n")
    assert "review-overdue" not in run("check", env={"ADR_DATE": "2024-07-01"}).out
    from_root = run("list", "--format", "json").out
    from_folder = run("list", "--format", "json", cwd=project / "doc" / "adr").out
    assert '"path": "doc/adr/0001-record-decisions.md"' in from_root
    assert '"path": "0001-record-decisions.md"' in from_folder


def test_a_link_target_appearing_outside_the_log_changes_the_answer(project, run):
    """The record files are unchanged: only the answer to "does ../spec/queues.md exist" is not."""
    assert "links to ../spec/queues.md, which does not exist" in run("check").out
    run("check")
    (project / "doc" / "spec").mkdir()
    (project / "doc" / "spec" / "queues.md").write_text("# Queues\n")
    assert "which does not exist" not in run("check").out


def test_a_result_kept_before_an_answer_changed_does_not_ride_along_with_a_new_one(project, tmp_path, monkeypatch):
    """`check` keeps "queues.md does not exist"; the file appears; `list` asks the same question,
    gets the new answer and keeps its own result under the same key. The old `check` result
    must go then, not be kept beside the new answer, which it would seem to agree with."""
    monkeypatch.setenv("ADR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ADR_NO_CACHE", raising=False)
    folders = [project / "doc" / "adr"]
    target = str(project / "doc" / "spec" / "queues.md")

    def exists(lookups, listing):
        return lookups.exists(target)

    assert result_cache.remembered(folders, ("check",), exists, bool) is False
    (project / "doc" / "spec").mkdir()
    Path(target).write_text("# Queues\n")
    assert result_cache.remembered(folders, ("list",), exists, bool) is True
    assert result_cache.remembered(folders, ("check",), exists, bool) is True


def test_a_file_changed_just_now_keeps_nothing(project, run, tmp_path):
    (project / "doc" / "adr" / "0001-record-decisions.md").write_text(RECORD.format(n=1, title="Record decisions", status="Accepted"))
    run("check")
    assert _results(tmp_path) == []  # its mtime may yet hide a change made within the same tick
    _age(project / "doc" / "adr")
    run("check")
    assert len(_results(tmp_path)) == 1


def test_a_damaged_memo_is_a_cold_run(project, run, tmp_path):
    run("list", "--format", "json")
    for path in _results(tmp_path):
        path.write_bytes(b"\x80\x05 not a pickle")
    run("list", "--format", "json")
    run("check")


def test_recorded_answers_notice_a_new_symbolic_link_and_a_new_file(tmp_path):
    (tmp_path / "a.md").write_text("a")
    recorded = RecordedLookups()
    recorded.links_in(str(tmp_path))
    recorded.exists(str(tmp_path / "b.md"))
    recorded.realpath(str(tmp_path / "c.md"))
    assert still_answered(recorded.answers)
    (tmp_path / "c.md").symlink_to(tmp_path / "a.md")
    assert not still_answered(recorded.answers)
    (tmp_path / "c.md").unlink()
    assert still_answered(recorded.answers)
    (tmp_path / "b.md").write_text("b")
    assert not still_answered(recorded.answers)


def test_the_version_covers_the_whole_source(monkeypatch):
    """A rule or an output format edited in place must not leave yesterday's results valid."""
    from adr.store import parse_cache

    asked = []
    monkeypatch.setattr(parse_cache, "version", lambda modules: asked.append(modules) or "v")
    result_cache.tool_version()
    assert {"cli", "parse", "report", "store", "relations.py", "status.py"} <= set(asked[0])


# What a remembered result is computed by: the log, the rules, the at-risk analysis, the JSON.
REMEMBERED_CODE = [
    "store/log.py", "report/checks/__init__.py", "report/checks/rules.py", "report/insights.py", "report/export.py",
    "relations.py", "status.py", "cli/list_.py",
]
FILE_SYSTEM_CALLS = {
    "exists", "is_file", "is_dir", "is_symlink", "realpath", "resolve", "stat", "lstat", "scandir", "listdir", "walk",
    "open", "read_text", "read_bytes", "islink", "isfile", "isdir", "readlink", "iterdir", "glob", "rglob",
}
# (module, function): why it may look at the file system itself
ALLOWED = {
    ("report/checks/__init__.py", "_read"): "reads a record file, whose signature is in the key",
    ("report/checks/__init__.py", "<lambda>"): "CheckContext's default `exists`; `from_disk` passes `log.lookups.exists`",
}
# the log and the check context, whose `resolve` and `exists` go through their lookups
ROUTED = ("self", "log", "context")


@pytest.mark.skipif(UNDER_MUTATION, reason="reads the source, which mutmut rewrites into trampolines")
def test_remembered_code_asks_the_file_system_only_through_lookups():
    """A rule that called `Path.exists` itself would be wrong from memory once that file came or went."""
    import ast

    package = Path(result_cache.__file__).parent.parent
    found = []
    for module in REMEMBERED_CODE:
        tree = ast.parse((package / module).read_text())
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.Lambda)):
                continue
            for call in ast.walk(function):
                if not isinstance(call, ast.Call):
                    continue
                name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
                owner = call.func.value if isinstance(call.func, ast.Attribute) else None
                through_lookups = (
                    isinstance(owner, ast.Attribute) and owner.attr in ("lookups", "log")
                    or isinstance(owner, ast.Name) and owner.id in ("lookups", "PLAIN", *ROUTED)
                )
                where = (module, getattr(function, "name", "<lambda>"))
                if name in FILE_SYSTEM_CALLS and not through_lookups and where not in ALLOWED:
                    found.append(f"{module}:{call.lineno} {where[1]} calls {name}")
    assert not found, "\n".join(found)
