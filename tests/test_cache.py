"""The parse cache: same records as a cold parse, invalidated by changes, robust, outside the log."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from adr.store import parse_cache, record_codec
from adr.store.listing import record_files
from adr.store.log import DecisionLog
from adr.parse import read_record

NYGARD = """# {n}. {title}

Date: 2024-01-0{n}

## Status

{status}

## Context

Why we decided.
"""

MADR = """---
status: accepted
date: 2024-02-01
decision-makers: [Platform team]
tags: [data]
---
# Use PostgreSQL

## Assumptions

- A1: Orders fit on one machine.
"""

PAST = time.time() - 3600


def _age(folder: Path, when: float = PAST) -> None:
    """Files written long enough ago that the cache trusts their mtime."""
    for path in folder.rglob("*.md"):
        os.utime(path, (when, when))


@pytest.fixture
def log(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "project" / "doc" / "adr"
    folder.mkdir(parents=True)
    for n, (title, status) in enumerate([("Record decisions", "Accepted"), ("Use Kafka", "Superseded by [3. Use NATS](0003-use-nats.md)"), ("Use NATS", "Accepted")], 1):
        (folder / f"000{n}-{title.lower().replace(' ', '-')}.md").write_text(NYGARD.format(n=n, title=title, status=status))
    (folder / "0004-use-postgresql.md").write_text(MADR)
    (folder / "0005-broken.md").write_bytes(b"\xff\xfe not utf-8 \x00")
    _age(folder)
    monkeypatch.setenv("ADR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ADR_NO_CACHE", raising=False)
    return folder


class Counting:
    """`read_record`, counting how many files were really parsed."""

    def __init__(self):
        self.parsed: list[str] = []

    def __call__(self, path: Path):
        self.parsed.append(path.name)
        return read_record(path)


def _load(folder: Path, parse=None):
    parse = parse or Counting()
    return parse_cache.load_records([folder], record_files(folder), parse), parse


def test_cached_records_equal_a_cold_parse(log):
    cold = [read_record(p) for p in record_files(log)]
    first, parse1 = _load(log)
    second, parse2 = _load(log)
    assert len(parse1.parsed) == 5
    assert parse2.parsed == []  # every record came from the cache
    assert second == cold == first
    assert second[1].status == "superseded" and second[3].assumptions[0].text == "Orders fit on one machine."
    assert second[4].diagnostics and second[4].diagnostics[0].code == "unreadable"


def test_cached_sections_are_unpacked_when_first_read(log):
    cold = [read_record(p) for p in record_files(log)]
    _load(log)
    second, _ = _load(log)
    assert "sections" not in vars(second[1])  # list and check never read sections: never built
    assert [(s.title, s.level, s.line, s.end, s.text) for s in second[1].sections] == [
        (s.title, s.level, s.line, s.end, s.text) for s in cold[1].sections
    ]
    assert second[1].section("context").text == "Why we decided."
    assert second[3].section("assumptions").text == "- A1: Orders fit on one machine."


def test_sections_that_are_not_slices_of_the_body_are_stored_as_they_are():
    from adr.model import Record, Section, pack_sections, unpack_sections

    body = "## A\n\nx\n"
    own = [Section("A", 2, 1, 3, body, (5, 7)), Section("Whole", 2, 1, 3, body, None)]
    assert unpack_sections(pack_sections(own, body), body) == own
    assert pack_sections([Section("A", 2, 1, 3, "other text")], body) is None
    assert pack_sections([Section("A\0B", 2, 1, 3, body)], body) is None
    record = Record(Path("x.md"), "x", None, "X", "", "nygard", body=body, sections=[Section("Kept", 2, 1, 1, "elsewhere")])
    [(_, _, again)] = record_codec.decode(record_codec.encode("v", {"x.md": ((1, 2, 3), "", record)}), "v").values()
    assert again.sections == record.sections
    with pytest.raises(AttributeError):
        record.no_such_field


def test_threads_reading_packed_sections_at_once_all_get_them(log):
    import threading

    from adr.model import Record, Section, stow_sections

    cold = [read_record(p) for p in record_files(log)]
    for _ in range(20):
        packed = []
        for record in cold:
            copy = object.__new__(Record)
            copy.__dict__.update(record.__dict__)
            stow_sections(copy)
            packed.append(copy)
        seen: list[list] = [[] for _ in range(8)]
        start = threading.Barrier(8)

        def read(out: list) -> None:
            start.wait()
            out.extend([s.title for s in r.sections] for r in packed)

        threads = [threading.Thread(target=read, args=(out,)) for out in seen]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert all(out == [[s.title for s in r.sections] for r in cold] for out in seen)
    # the branch a losing thread takes: the sections were set meanwhile by the winner
    record = Record(Path("x.md"), "x", None, "X", "", "nygard", sections=[Section("A", 2, 1, 1)])
    assert Record.__getattr__(record, "sections") is record.sections


def test_contents_from_git_objects_are_reused_by_their_bytes_and_leave_the_working_trees_entries(log):
    from adr.parse import parse_record

    _load(log)  # the working tree's entries
    changed = log / "0001-record-decisions.md"
    contents = {path: path.read_bytes() for path in record_files(log)}
    contents[changed] = NYGARD.format(n=1, title="Changed at head", status="Accepted").encode()
    parsed: list[list[str]] = []

    def parse(missing):
        parsed.append(sorted(path.name for path in missing))
        return [parse_record(path, data.decode("utf-8", "replace")) for path, data in missing.items()]

    records = parse_cache.load_contents([log], contents, parse)
    assert parsed == [["0001-record-decisions.md", "0005-broken.md"]]  # other bytes; a file read as unreadable
    assert [r.title for r in records][:2] == ["Changed at head", "Use Kafka"]
    assert [r.path for r in records] == list(contents)
    again, parse = _load(log)
    assert parse.parsed == [] and again[0].title == "Record decisions"  # the working tree's entry stayed


def test_decision_log_load_uses_the_cache(log):
    DecisionLog.load(log)
    files = list((log.parents[2] / "cache").glob("records-*.msgpack"))
    assert len(files) == 1
    again = DecisionLog.load(log)
    assert [r.title for r in again.records] == ["Record decisions", "Use Kafka", "Use NATS", "Use PostgreSQL", "0005-broken"]
    assert again.in_force(again.records[1]) == [again.records[2]]


def test_changed_content_is_parsed_again(log):
    _load(log)
    target = log / "0003-use-nats.md"
    text = target.read_text()
    same_size = text.replace("Accepted", "Proposed")
    assert len(same_size) == len(text)
    target.write_text(same_size)
    os.utime(target, (PAST + 60, PAST + 60))
    records, parse = _load(log)
    assert parse.parsed == ["0003-use-nats.md"]
    assert records[2].status == "proposed"


def test_touched_files_with_the_same_content_are_not_parsed_again(log):
    """A fresh checkout in CI (with the cache folder kept) gives every file a new mtime."""
    _load(log)
    _age(log, PAST + 5)
    records, parse = _load(log)
    assert parse.parsed == [] and records[1].status == "superseded"
    (log / "0001-record-decisions.md").write_text(NYGARD.format(n=1, title="Record them", status="Accepted"))
    _age(log, PAST + 10)
    records, parse = _load(log)
    assert parse.parsed == ["0001-record-decisions.md"] and records[0].title == "Record them"
    _, parse = _load(log)
    assert parse.parsed == []  # the new signatures were stored


def test_new_and_removed_files_are_seen(log):
    _load(log)
    (log / "0002-use-kafka.md").unlink()
    (log / "0006-use-redis.md").write_text(NYGARD.format(n=6, title="Use Redis", status="Accepted"))
    os.utime(log / "0006-use-redis.md", (PAST, PAST))
    records, parse = _load(log)
    assert parse.parsed == ["0006-use-redis.md"]
    assert [r.title for r in records] == ["Record decisions", "Use NATS", "Use PostgreSQL", "0005-broken", "Use Redis"]


def test_files_changed_just_now_are_not_trusted(log):
    """A file written within the timestamp granularity could change again unseen: parse it each time."""
    _load(log)
    (log / "0006-new.md").write_text(NYGARD.format(n=6, title="Brand new", status="Accepted"))
    _, first = _load(log)
    _, second = _load(log)
    assert first.parsed == ["0006-new.md"] and second.parsed == ["0006-new.md"]


@pytest.mark.parametrize("damage", [b"", b"not a pickle at all", b"\x80\x05\x95garbage", None])
def test_damaged_cache_is_a_cold_run(log, damage):
    _load(log)
    [path] = list((log.parents[2] / "cache").glob("records-*.msgpack"))
    path.write_bytes(damage if damage is not None else path.read_bytes()[: path.stat().st_size // 2])
    records, parse = _load(log)
    assert len(parse.parsed) == 5
    assert records == [read_record(p) for p in record_files(log)]
    _, parse = _load(log)
    assert parse.parsed == []  # rewritten whole


def test_other_version_is_ignored(log, monkeypatch):
    _load(log)
    monkeypatch.setattr(parse_cache, "version", lambda: "another version")
    _, parse = _load(log)
    assert len(parse.parsed) == 5


def test_never_written_inside_the_log(log, tmp_path, monkeypatch):
    before = sorted(p.name for p in log.parent.rglob("*"))
    monkeypatch.delenv("ADR_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    _load(log)
    assert list((tmp_path / "xdg" / "adr").glob("records-*.msgpack"))
    monkeypatch.setenv("ADR_CACHE_DIR", str(log / ".cache"))  # pointed into the log: refused
    _, parse = _load(log)
    _, parse = _load(log)
    assert len(parse.parsed) == 5
    assert sorted(p.name for p in log.parent.rglob("*")) == before


def test_no_cache_switch(log, tmp_path, monkeypatch):
    monkeypatch.setenv("ADR_NO_CACHE", "1")
    _load(log)
    _, parse = _load(log)
    assert len(parse.parsed) == 5
    assert not (tmp_path / "cache").exists()


def test_unwritable_cache_dir_still_works(log, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ADR_CACHE_DIR", str(blocker / "adr"))
    records, _ = _load(log)
    assert [r.number for r in records] == [1, 2, 3, 4, 5]


def _adr(cwd: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k not in ("ADR_DIR", "ADR_NO_CACHE", "VISUAL", "EDITOR")}
    full.update(env)
    return subprocess.Popen([sys.executable, "-m", "adr", *args], cwd=cwd, env=full, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_concurrent_commands_share_one_cache(log, tmp_path, monkeypatch):
    """Writers racing to replace the cache never leave a file another reader chokes on."""
    project = log.parents[1]
    env = {"ADR_CACHE_DIR": str(tmp_path / "shared")}
    expected = _adr(project, {"ADR_NO_CACHE": "1"}, "list", "--format", "json").communicate()[0]
    assert json.loads(expected)[2]["title"] == "Use NATS"
    for round_ in range(3):
        if round_:
            os.utime(log / "0004-use-postgresql.md", (PAST + round_, PAST + round_))  # force rewrites
        procs = [_adr(project, env, "list", "--format", "json") for _ in range(6)]
        for proc in procs:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
            assert "Traceback" not in err
            assert out == expected
    [path] = list((tmp_path / "shared").glob("records-*.msgpack"))
    assert not list((tmp_path / "shared").glob("*.tmp"))
    monkeypatch.setenv("ADR_CACHE_DIR", env["ADR_CACHE_DIR"])
    records, parse = _load(log)
    assert parse.parsed == [] and len(records) == 5


def test_cli_sees_an_edit_after_a_cached_run(adr, log, tmp_path):
    project = log.parents[1]
    env = {"ADR_CACHE_DIR": str(tmp_path / "cli")}
    first = adr("list", "--format", "json", cwd=project, env=env)
    assert first.code == 0 and json.loads(first.out)[2]["status"] == "accepted"
    assert adr("list", "--format", "json", cwd=project, env=env).out == first.out
    assert adr("status", "3", "deprecated", cwd=project, env=env).code == 0
    after = adr("list", "--format", "json", cwd=project, env=env)
    assert json.loads(after.out)[2]["status"] == "deprecated"


def test_the_cache_the_command_writes_meanwhile_is_complete_when_it_exits(log, tmp_path, monkeypatch):
    """The `adr` command writes the cache in a child while it checks, and waits for it. A shell
    waits for the command alone (output to a terminal or a file, not a pipe the child holds too):
    the next command, started the moment it exits, must find every record cached."""
    env = {k: v for k, v in os.environ.items() if k not in ("ADR_DIR", "ADR_NO_CACHE")}
    env["ADR_CACHE_DIR"] = str(tmp_path / "cli")
    with open(tmp_path / "out.txt", "w") as out:
        code = subprocess.call([sys.executable, "-m", "adr", "check"], cwd=log.parents[1], env=env, stdout=out, stderr=out)
    assert code == 1 and "0005-broken.md" in (tmp_path / "out.txt").read_text()  # one error: the binary file
    assert not list((tmp_path / "cli").glob("*.tmp"))
    monkeypatch.setenv("ADR_CACHE_DIR", str(tmp_path / "cli"))
    records, parse = _load(log)
    assert parse.parsed == [] and len(records) == 5


def test_no_process_of_the_command_outlives_it(tmp_path):
    """The child writing the cache is waited for: when the command exits, nothing of it runs on
    (1,500 records, so that writing takes longer than the command's own last steps)."""
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    for n in range(1, 1500):
        (folder / f"{n:04d}-more.md").write_text(NYGARD.format(n=1, title="More", status="Accepted"))
    _age(folder)
    env = {k: v for k, v in os.environ.items() if k not in ("ADR_DIR", "ADR_NO_CACHE")}
    env["ADR_CACHE_DIR"] = str(tmp_path / "cli")
    with open(tmp_path / "out.txt", "w") as out:
        command = subprocess.Popen([sys.executable, "-m", "adr", "list", "--status", "accepted", "--format", "paths"],
                                   cwd=tmp_path, env=env, stdout=out, stderr=out, start_new_session=True)
        assert command.wait(timeout=120) == 0
    with pytest.raises(ProcessLookupError):
        os.killpg(command.pid, 0)  # its session is empty: no child left writing
    assert len((tmp_path / "out.txt").read_text().splitlines()) == 1499


def test_decision_log_resolves_paths_as_pathlib_does(tmp_path, monkeypatch):
    """`DecisionLog.real` (resolve each folder once) must agree with `Path.resolve`, symlinks included."""
    real_dir = tmp_path / "real" / "adr"
    real_dir.mkdir(parents=True)
    (real_dir / "0001-a.md").write_text(NYGARD.format(n=1, title="A", status="Accepted"))
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    (real_dir / "0002-link.md").symlink_to(real_dir / "0001-a.md")
    monkeypatch.chdir(tmp_path)
    log = DecisionLog.load(Path("linked/adr"))
    for path in [Path("linked/adr/0001-a.md"), Path("linked/adr/0002-link.md"), Path("linked/adr/../adr/0001-a.md"),
                 tmp_path / "linked" / "adr" / "missing.md", Path("linked/adr"), Path("linked/../linked/adr/x.md")]:
        assert log.real(path) == path.resolve(), path


@pytest.mark.parametrize("entries", [
    "not a list",
    [["a.md", [1, 2], "x", []]],  # a signature of two numbers, a record of none
    [["a.md", [1, 2, 3], "x", ["not", "a", "record"]]],
])
def test_well_formed_cache_of_the_wrong_shape_is_a_cold_run(log, entries):
    import msgspec

    _load(log)
    [path] = list((log.parents[2] / "cache").glob("records-*.msgpack"))
    path.write_bytes(msgspec.msgpack.encode([parse_cache.version(), entries]))
    records, parse = _load(log)
    assert len(parse.parsed) == 5
    assert records == [read_record(p) for p in record_files(log)]


def test_an_entry_of_the_right_types_whose_sections_would_not_unpack_is_parsed_again(log):
    """Sections stay packed until read (ADR 16): numbers that would fail then are refused now."""
    import msgspec

    _load(log)
    [path] = list((log.parents[2] / "cache").glob("records-*.msgpack"))
    version, rows = msgspec.msgpack.decode(path.read_bytes())
    rows[1][3][-1] = ["Context", b"\x01\x02\x03"]
    path.write_bytes(msgspec.msgpack.encode([version, rows]))
    records, parse = _load(log)
    assert parse.parsed == ["0002-use-kafka.md"]
    assert [r.sections for r in records] == [read_record(p).sections for p in record_files(log)]


def test_a_load_in_a_long_lived_process_freezes_nothing(log):
    """Under `mkdocs serve` a frozen build that later became cyclic garbage would never be freed."""
    import gc

    before = gc.get_freeze_count()
    DecisionLog.load(log)
    assert gc.get_freeze_count() == before and gc.isenabled()


def test_every_field_of_a_record_and_its_parts_survives_the_cache_and_the_pickling_of_parse_children():
    """Records, links and assumptions pickle by position (ADR 30) on their way back from the
    processes that parse a cold load, and the parse cache stores a record's values by position:
    a field added to one of them and lost on the way would be missing from a warm load."""
    import dataclasses
    import datetime as dt
    import pickle
    from pathlib import Path

    from adr.errors import Diagnostic
    from adr.model import Assumption, AssumptionRef, Link, Record, Section

    def filled(cls, **given):
        values = {}
        for n, f in enumerate(dataclasses.fields(cls)):
            values[f.name] = given.get(f.name, f"{f.name}-{n}")
        return cls(**values)

    parts = [filled(Link, line=3), filled(Assumption, line=4), filled(AssumptionRef, line=5)]
    for part in parts:
        assert pickle.loads(pickle.dumps(part)) == part
    record = filled(
        Record, path=Path("0001-x.md"), number=1, date=dt.date(2024, 1, 2), review_by=dt.date(2025, 1, 2),
        tags=["a"], decision_makers=["Ana"], consulted=["Bob"], informed=["Cy"], links=[parts[0]],
        assumptions=[parts[1]], invalidates=[parts[2]], sections=[Section("Status", 2, 3, 4, "body", (0, 4))],
        title_line=1, title_number=1, status_line=2, body="body",
        placeholder=(3, "x"), diagnostics=[Diagnostic("0001-x.md", 2, "no-title", "m")],
    )
    again = pickle.loads(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
    assert type(again) is Record and again == record and vars(again).keys() == vars(record).keys()
    [(_, _, cached)] = record_codec.decode(record_codec.encode("v", {"x": ((1, 2, 3), "d", record)}), "v").values()
    cached.path = record.path
    assert type(cached) is Record and cached == record and set(vars(cached)) - {"sections", "packed_sections"} == set(vars(record)) - {"sections"}


def test_a_new_release_of_a_parser_library_invalidates_the_cache(tmp_path, monkeypatch):
    """markdown-it-py or PyYAML upgraded under the same Python may parse a record differently."""
    library = tmp_path / "libs" / "fakeparser"
    library.mkdir(parents=True)
    (library / "__init__.py").write_text('__version__ = "1.0"\n')
    monkeypatch.syspath_prepend(str(tmp_path / "libs"))
    monkeypatch.setattr(parse_cache, "PARSER_LIBRARIES", ("fakeparser",))
    before = parse_cache.version()
    assert parse_cache.version() == before
    (library / "__init__.py").write_text('__version__ = "1.1"\n')
    assert parse_cache.version() != before
    monkeypatch.setattr(parse_cache, "PARSER_LIBRARIES", ("no_such_parser_library",))
    assert parse_cache.version() not in (before, "")


def test_a_record_with_a_number_too_big_to_store_is_parsed_each_time_and_the_rest_is_cached(log):
    """MessagePack holds 64-bit integers; `99999999999999999999-x.md` is a valid name all the same."""
    huge = log / "99999999999999999999999-huge.md"
    huge.write_text(NYGARD.format(n=99999999999999999999999, title="Huge", status="Accepted"))
    _age(log)
    first, _ = _load(log)
    again, parse = _load(log)
    assert parse.parsed == [huge.name]
    assert again == first == [read_record(p) for p in record_files(log)] and again[-1].number == 99999999999999999999999
