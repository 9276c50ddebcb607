"""Parsing a large log on several cores gives exactly what a serial parse gives, whatever the children do."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from adr.store import fanout
from adr.store.listing import record_files
from adr.parse import read_record
from tests.conftest import CORPORA, ROOT, SAMPLE_LOGS


def every_corpus_file() -> list[Path]:
    """Every record of the samples and decisions/, and of the corpora when they are there."""
    folders = [*SAMPLE_LOGS.values(), ROOT / "decisions"]
    if CORPORA.is_dir():
        folders += sorted(folder for folder in CORPORA.iterdir() if folder.is_dir())
    return [path for folder in folders for path in record_files(folder)]


@pytest.fixture
def small_shares(monkeypatch):
    """Fork even for a few dozen files, in small chunks, on three workers."""
    monkeypatch.setattr(fanout, "MIN_SHARE", 10)
    monkeypatch.setattr(fanout, "CHUNK", 7)
    monkeypatch.setenv("ADR_JOBS", "3")


def test_forked_parse_matches_serial_parse(small_shares):
    paths = every_corpus_file()
    assert len(paths) > (250 if CORPORA.is_dir() else 50)
    serial = [read_record(path) for path in paths]
    parallel = fanout.parse_all(paths, read_record)
    assert parallel == serial  # same records, same order, paths restored
    assert all(record.path is path for record, path in zip(parallel, paths))


def test_children_that_die_are_made_up_for_by_the_parent(small_shares):
    paths = every_corpus_file()
    parent = os.getpid()

    def dies_in_children(path: Path):
        if os.getpid() != parent:
            os._exit(3)
        return read_record(path)

    assert fanout.parse_all(paths, dies_in_children) == [read_record(path) for path in paths]


def test_children_that_send_garbage_are_ignored(small_shares):
    paths = every_corpus_file()
    parent = os.getpid()

    def lies_in_children(path: Path):
        return read_record(path) if os.getpid() == parent else "not a record"

    assert fanout.parse_all(paths, lies_in_children) == [read_record(path) for path in paths]


def test_small_logs_are_parsed_in_process(monkeypatch):
    monkeypatch.setenv("ADR_JOBS", "4")
    parent = os.getpid()
    seen = []

    def where(path: Path):
        seen.append(os.getpid())
        return read_record(path)

    paths = every_corpus_file()[:40]
    fanout.parse_all(paths, where)
    assert set(seen) == {parent} and len(seen) == 40


def test_cli_output_is_the_same_on_one_core_and_on_two(adr, tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import generate

    log = generate.generate(tmp_path / "log", 2 * fanout.MIN_SHARE + 20, "madr", history=False)
    outputs = {}
    for jobs in ("1", "2"):
        env = {"ADR_NO_CACHE": "1", "ADR_JOBS": jobs}
        listed = adr("list", "--format", "json", cwd=log, env=env)
        checked = adr("check", "--format", "json", cwd=log, env=env)
        assert listed.code == 0 and checked.code in (0, 1), (listed, checked)
        outputs[jobs] = (listed.out, checked.out)
    assert outputs["1"] == outputs["2"]
    assert outputs["1"][0].count('"number"') == 2 * fanout.MIN_SHARE + 20


def test_an_error_in_the_parent_leaves_no_child_behind(small_shares):
    paths = every_corpus_file()
    parent = os.getpid()
    calls = []

    def fails_in_the_parent(path: Path):
        if os.getpid() == parent:
            calls.append(path)
            if len(calls) == 3:
                raise KeyboardInterrupt
        return read_record(path)

    with pytest.raises(KeyboardInterrupt):
        fanout.parse_all(paths, fails_in_the_parent)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left, not even a zombie


def test_records_read_from_git_objects_parse_the_same_in_children(small_shares):
    from adr.parse import parse_record

    texts = {path: path.read_text(encoding="utf-8", errors="replace") for path in every_corpus_file()}
    assert fanout.parse_texts(texts) == [parse_record(path, text) for path, text in texts.items()]
