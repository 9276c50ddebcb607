"""Round trip: what the tool writes reads back as the same record, odd characters included."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from adr import relations
from adr.edit import operations as ops
from adr.config import Settings
from adr.errors import AdrError
from adr.parse import read_record
from tests.conftest import Result

# Pieces that trip parsers: Markdown, HTML, YAML, Mermaid syntax, any Unicode, control characters.
_NASTY = [
    "<script>alert(1)</script>", "<b>", "&amp;", '"', "'", "`", "*", "**", "_", "[", "]", "](x.md)", "[x](y.md)",
    "#", " #", "|", ";", "{", "}", "\\", '"]', "click", "-->", "<!--", "---", "...", "A1:", "- ", ": ", ",",
    "null", "yes", "~", "2024-01-01", "%", "@", "!", "&", "\n", "\t", "\r", "\x00", "\x1b", "\u2028", "\u202e", "😀",
]
piece = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=3) | st.sampled_from(_NASTY)
odd = st.lists(piece, min_size=1, max_size=8).map("".join).filter(lambda s: ops.one_line(s))
# A heading starting with a number (`# 12 monkeys`) or `ADR:` is read as numbered or prefixed,
# as hand-written logs mean it; titles are generated around that reading.
title = odd.filter(lambda s: not re.match(r"\d|adr\s*[-:]|architecture\s+decision\s+record", ops.one_line(s), re.I))
label = st.from_regex(r"[A-Za-z][A-Za-z0-9 -]{0,30}[A-Za-z0-9]", fullmatch=True).filter(lambda s: "  " not in s)
names = st.lists(odd, max_size=3)


def run_adr(args: list[str], cwd: Path) -> Result:
    """The real command in a subprocess (the `adr` fixture cannot be used inside @given)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ADR_", "VISUAL", "EDITOR"))}
    env["ADR_DATE"] = "2024-05-06"
    proc = subprocess.run([sys.executable, "-m", "adr", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return Result(proc)


def argv(strategy):
    """Text a process argument can carry (no NUL)."""
    return strategy.map(lambda s: s.replace("\x00", "")).filter(lambda s: ops.one_line(s))


def clean(values: list[str]) -> list[str]:
    return [ops.one_line(v) for v in values if ops.one_line(v)]


@pytest.mark.parametrize("fmt", ["madr", "nygard"])
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_parse_of_what_adr_new_writes_gives_back_what_was_asked(fmt, data):
    """In process, many examples: NewRequest -> file -> read_record."""
    wanted_title, deciders, consulted, informed, tags, assumptions = (
        data.draw(title), data.draw(names), data.draw(names), data.draw(names), data.draw(names), data.draw(names),
    )
    relation = data.draw(label)
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder)
        config = Settings(log_dir=log, project_root=log, format=fmt)
        ops.new_record(config, ops.NewRequest("First decision"))
        request = ops.NewRequest(
            wanted_title, links=[ops.LinkRequest("1", relation, "Linked from")], tags=tags,
            decision_makers=deciders, consulted=consulted, informed=informed, assumptions=assumptions,
        )
        if fmt == "nygard" and any("," in v for v in clean(deciders + consulted + informed + tags)):
            with pytest.raises(AdrError, match="commas separate names there; nothing written"):
                ops.new_record(config, request)
            assert [p.name for p in log.glob("*.md")] == ["0001-first-decision.md"]
            return
        path = ops.new_record(config, request)
        record = read_record(path)
        first = read_record(log / "0001-first-decision.md")
    assert path.parent == log and path.name.startswith("0002-")
    assert record.diagnostics == [] and first.diagnostics == []
    assert record.number == 2 and record.title == ops.one_line(wanted_title)
    written = relations.KNOWN[relations.key(relation)][0] if relations.key(relation) in relations.KNOWN else relation
    assert [(l.label, l.target) for l in record.links] == [(written, "0001-first-decision.md")]
    assert [(l.label, l.target) for l in first.links] == [("Linked from", path.name)]
    assert record.status == ("proposed" if fmt == "madr" else "accepted")
    assert record.decision_makers == clean(deciders)
    assert record.consulted == clean(consulted)
    assert record.informed == clean(informed)
    assert record.tags == clean(tags)
    if clean(assumptions) or fmt == "nygard":
        assert [(a.key, a.text) for a in record.assumptions] == [(f"A{n}", a) for n, a in enumerate(clean(assumptions), 1)]


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(title=argv(title), deciders=st.lists(argv(odd), max_size=3), tags=st.lists(argv(odd), max_size=3), assumptions=st.lists(argv(odd), max_size=3), relation=label, reverse=label)
def test_adr_new_and_link_on_the_command_line_read_back_the_same(tmp_path_factory, title, deciders, tags, assumptions, relation, reverse):
    """The real command: `adr new --decider --tag --assumption -l ... -- TITLE`, then `adr list --format json`."""
    project = tmp_path_factory.mktemp("rt")
    assert run_adr(["init", "--format", "madr", "doc/adr"], project).code == 0
    args = ["new", "-l", f"1:{relation}:{reverse}"]
    for flag, values in (("--decider", deciders), ("--tag", tags), ("--assumption", assumptions)):
        for value in values:
            args += [flag, value]
    made = run_adr([*args, "--", title], project)
    assert made.code == 0, made
    listed = run_adr(["list", "--format", "json"], project)
    assert listed.code == 0 and listed.err == "", listed
    first, second = json.loads(listed.out)
    assert second["title"] == ops.one_line(title)
    assert second["decision_makers"] == clean(deciders) and second["tags"] == clean(tags)
    if clean(assumptions):
        assert [a["text"] for a in second["assumptions"]] == clean(assumptions)
    assert [(l["label"], l["target"]) for l in second["links"] if l["explicit"]] == [(relation, "doc/adr/0001-record-architecture-decisions.md")]
    assert [(l["label"], l["target"]) for l in first["links"] if l["explicit"]] == [(reverse, made.out.strip())]


@pytest.mark.parametrize("bad", ["<script>x</script>", '"]', "a;b", "Amends: [x](y.md)", "9 lives", "日本"])
def test_a_label_that_would_not_read_back_is_refused_in_one_line(tmp_path, adr, bad):
    assert adr("init", "--format", "nygard", "doc/adr").code == 0
    assert adr("new", "Second").code == 0
    before = sorted((p.name, p.read_text()) for p in (tmp_path / "doc/adr").iterdir())
    result = adr("link", "2", bad, "1")
    assert result.code == 1 and "link label" in result.err and result.err.count("\n") == 1, result
    assert sorted((p.name, p.read_text()) for p in (tmp_path / "doc/adr").iterdir()) == before
