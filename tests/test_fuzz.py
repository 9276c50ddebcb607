"""Property-based fuzzing: arbitrary text, bytes and mutated real ADRs through every reader.

In process (fast, many examples): the parser, the log, the reports, the check rules and every
page of the site. Through the real command (fewer examples): `list`, `check`, `generate`.
The only failures allowed are the project's own diagnostics with file and line.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from adr.report import generate
from adr.report import insights
from adr.errors import Diagnostic
from adr.report.export import record_data
from adr.store.log import DecisionLog
from adr.parse import parse_record, read_record
from tests.conftest import real_markdown_files

REAL = real_markdown_files()
REAL_TEXTS = [p.read_text(encoding="utf-8", errors="replace") for p in REAL[:400]]
HOSTILE = sorted((Path(__file__).parent / "fuzz" / "hostile").rglob("*.md"))

TOKENS = [
    "---\n", "...\n", "# ", "## Status\n", "## Links\n", "## Assumptions\n", "- ", "* ", "1. ", "> ", "```\n", "    ",
    "[x](0001-a.md)", "[A1](0002-b.md#a1)", "Superseded by ", "Supersedes [1. A](0001-a.md)", "Amends ", "status: ",
    "date: ", "tags: [", "decision-makers: ", "links:\n  - target: 0001-a.md\n    relation: Amends\n", "Date: 2020-13-45\n",
    "* Status: accepted\n", "* Deciders: a, b and c\n", "](", "[", "]", "<!-- ", " -->", "<script>", "&amp;", "\\", "\t", "\r\n",
    "\ufeff", "\u2028", "é", "😀", "\x00", "&#0;", "*", "_", "`", "|", "#a1", "../../", "%20", "A1: ", "ADR-0001", "\n", "\n\n",
]
tokens = st.lists(st.sampled_from(TOKENS) | st.text(max_size=6), max_size=50).map("".join)


def _mutate(rnd: random.Random) -> str:
    """A real ADR with a few random cuts, insertions and duplications."""
    if not REAL_TEXTS:
        return ""
    chars = list(rnd.choice(REAL_TEXTS))
    for _ in range(rnd.randrange(1, 12)):
        at = rnd.randrange(len(chars) + 1)
        op = rnd.randrange(4)
        if op == 0 and chars:
            del chars[at : at + rnd.randrange(1, 60)]
        elif op == 1:
            chars[at:at] = list(rnd.choice(TOKENS))
        elif op == 2 and chars:
            start = rnd.randrange(len(chars))
            chars[at:at] = chars[start : start + rnd.randrange(1, 120)]
        else:
            chars.insert(at, chr(rnd.randrange(1, 0x3000)))
    return "".join(chars)


mutated = st.randoms(use_true_random=False).map(_mutate)
any_text = st.text() | tokens | mutated


def _assert_sane(record, text: str) -> None:
    assert isinstance(record.title, str) and record.title
    assert isinstance(record.status, str)
    last = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 2
    for diag in record.diagnostics:
        assert isinstance(diag, Diagnostic) and diag.path
        assert diag.line is None or 1 <= diag.line <= last, (diag, last)
        assert "\n" not in str(diag)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(any_text)
def test_the_parser_never_raises_and_reports_lines_inside_the_file(text):
    record = parse_record(Path("0007-fuzz.md"), text)
    _assert_sane(record, text)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=3000) | mutated.map(lambda t: t.encode("utf-8", "surrogatepass")) | st.binary().map(lambda b: b"---\n" + b))
def test_reading_arbitrary_bytes_never_raises(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "0001-bytes.md"
        path.write_bytes(data)
        record = read_record(path)
    assert isinstance(record.title, str) and record.title
    if b"\0" in data:
        assert [d.code for d in record.diagnostics] == ["unreadable"]


def _whole_pipeline(folder: Path) -> None:
    """Everything that reads a log, in process: reports, insights, check rules, site pages."""
    from adr.report.checks import from_disk, run
    from adr.site.pages import build_site

    log = DecisionLog.load(folder)
    generate.toc(log)
    generate.dot(log)
    generate.mermaid(log)
    risks = insights.at_risk(log)
    for record in log.records:
        json.dumps(record_data(log, record, record.path in risks))
        log.in_force(record)
    for finding in run(from_disk(log)):
        assert finding.path and "\n" not in finding.message
    site = build_site(log)
    assert site is not None


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(any_text, min_size=1, max_size=4))
def test_logs_of_fuzzed_records_go_through_reports_checks_and_the_site(texts):
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder)
        for n, text in enumerate(texts, 1):
            (log / f"{n:04d}-fuzz.md").write_text(text, encoding="utf-8", errors="surrogatepass")
        _whole_pipeline(log)


def test_the_hostile_corpus_goes_through_the_whole_pipeline(tmp_path):
    log = tmp_path / "log"
    import shutil

    shutil.copytree(HOSTILE[0].parent, log)
    _whole_pipeline(log)


def _run(args: list[str], cwd: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ADR_", "VISUAL", "EDITOR"))}
    proc = subprocess.run([sys.executable, "-m", "adr", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    return proc


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(any_text, min_size=2, max_size=5))
def test_the_real_commands_over_fuzzed_logs(tmp_path_factory, texts):
    project = tmp_path_factory.mktemp("fuzzlog")
    log = project / "doc" / "adr"
    log.mkdir(parents=True)
    for n, text in enumerate(texts, 1):
        (log / f"{n:04d}-fuzz.md").write_text(text, encoding="utf-8", errors="surrogatepass")
    for args in (["list", "--format", "json"], ["check"], ["generate", "graph", "--format", "mermaid"], ["generate", "toc"]):
        proc = _run(args, project)
        assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, (args, proc.stderr)
        assert proc.returncode in (0, 1), (args, proc.returncode, proc.stderr)
        if args[0] == "list":
            assert proc.returncode == 0 and len(json.loads(proc.stdout)) == len(texts)
        if args[0] == "check" and proc.returncode == 1:
            assert all(line.startswith("doc/adr/") for line in proc.stdout.splitlines()), proc.stdout


def test_every_real_adr_parses_without_errors_it_did_not_have():
    """Sanity for the fuzzers' seeds: the real corpora parse, and only a few carry diagnostics."""
    records = [read_record(p) for p in REAL]
    assert all(r.title for r in records)
    errors = [d for r in records for d in r.diagnostics if d.severity == "error"]
    assert len(errors) <= len(records) // 10, errors[:5]
