"""Hostile and broken files: each gives a clear `file:line` message, and the other files still count.

The log is tests/fuzz/hostile (invalid UTF-8, NUL bytes, binary, unclosed and hostile YAML,
supersede cycles, self links, links climbing out with ../, quadratic-regex bait, control
characters...) plus what cannot be committed: a 10 MB file, a FIFO, a symbolic-link loop.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

HOSTILE = Path(__file__).parent / "fuzz" / "hostile"


@pytest.fixture
def hostile(tmp_path) -> Path:
    log = tmp_path / "doc" / "adr"
    shutil.copytree(HOSTILE, log)
    (log / "0030-ten-megabytes.md").write_bytes(b"# 30. Big\n\n" + b"lorem ipsum dolor sit amet " * 400_000)
    os.mkfifo(log / "0031-fifo.md")
    (log / "0032-loop.md").symlink_to(log / "0032-loop.md")  # ELOOP when read
    (log / "loop").symlink_to(log, target_is_directory=True)  # a folder cycle: not walked
    return log


def _clean(result) -> None:
    for stream in (result.out, result.err):
        assert "Traceback" not in stream and "internal error" not in stream, result


def test_list_reads_every_other_file_and_keeps_going(tmp_path, adr, hostile):
    started = time.monotonic()
    result = adr("list", "--format", "json")
    assert time.monotonic() - started < 30, "pathological input must not make the parser crawl"
    _clean(result)
    assert result.code == 0, result
    records = {Path(r["path"]).name: r for r in json.loads(result.out)}
    good = records["0001-good.md"]
    assert good["title"] == "A good record" and good["status"] == "accepted" and good["date"] == "2024-01-02"
    # every record file is there, broken ones included, under a usable title
    expected = {p.name for p in hostile.rglob("*.md") if "loop" not in p.parts}
    assert set(records) == expected
    assert records["0016-crlf-bom.md"]["title"] == "CRLF and BOM" and records["0016-crlf-bom.md"]["status"] == "accepted"
    assert records["0002-invalid-utf8.md"]["title"].startswith("Caf\ufffd")
    assert records["0019-huge-number.md"]["number"] == 19
    assert records["0020-html-and-script.md"]["title"].startswith("<script>alert('x')</script>")
    assert records["0010-yaml-bomb.md"]["tags"] == [] and records["0012-yaml-odd-types.md"]["status"] is None
    assert all(isinstance(r["title"], str) and r["title"] for r in records.values())
    # markdown-it-py raises IndexError on this one's last line; read as if it ended in a newline
    assert records["0027-markdown-it-index-error.md"]["status"] == "accepted"


def _parser_fails(monkeypatch):
    from adr.parse import outline

    def fails(body):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(outline, "tokens", fails)


def test_a_parser_failure_is_an_error_on_that_record_not_a_crash(tmp_path, monkeypatch):
    from adr.parse import record

    _parser_fails(monkeypatch)
    path = tmp_path / "0001-x.md"
    path.write_text("---\nstatus: accepted\n---\nUse X\n=====\n")
    parsed = record.read_record(path)
    assert parsed.status == "accepted" and parsed.title == "0001-x"
    problem = next(d for d in parsed.diagnostics if d.code == "unreadable")
    assert (problem.line, problem.code, problem.severity) == (4, "unreadable", "error")
    assert "the Markdown parser failed on this file (RecursionError" in problem.message


def test_a_parser_failure_in_a_section_read_later_is_an_error_too(tmp_path, monkeypatch):
    from adr.parse import record

    _parser_fails(monkeypatch)
    path = tmp_path / "0001-x.md"
    path.write_text("# Use X\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n")
    parsed = record.read_record(path)
    assert parsed.title == "Use X" and [s.title for s in parsed.sections] == ["Status", "Context"]
    assert parsed.status == ""
    problem = next(d for d in parsed.diagnostics if d.code == "unreadable")
    assert "the Markdown parser failed on this file (RecursionError" in problem.message


PROBLEMS = [
    ("0002-invalid-utf8.md", 1, "unreadable invalid UTF-8"),
    ("0003-nul-bytes.md", None, "unreadable file holds NUL bytes"),
    ("0004-binary.md", None, "unreadable file holds NUL bytes"),
    ("0005-unclosed-front-matter.md", 1, "invalid-front-matter front matter opened with '---' is never closed"),
    ("0006-cycle-a.md", 1, "supersede-cycle supersede cycle: 6. Cycle A → 7. Cycle B → 6. Cycle A"),
    ("0008-self-link.md", 9, "broken-link 'Amends' links to the record itself"),
    ("0009-climbs-out.md", 9, "broken-link 'Amends' links to ../../../../../../../../etc/passwd, which is outside the decision log"),
    ("0009-climbs-out.md", 11, "broken-link 'Extends' links to /etc/shadow, which is outside the decision log"),
    ("0010-yaml-bomb.md", 1, "invalid-front-matter front matter holds more than 10000 values"),
    ("0011-bad-yaml.md", 3, "invalid-front-matter invalid YAML front matter"),
    ("0012-yaml-odd-types.md", 10, "invalid-front-matter invalid YAML front matter: could not determine a constructor"),
    ("0013-yaml-not-mapping.md", 2, "invalid-front-matter front matter is not a mapping"),
    ("0021-madr-messy.md", 2, "broken-link 'Amends' links to ../../../../etc/passwd, which"),
    ("0030-ten-megabytes.md", None, "unreadable file is too large to be an ADR (10 MB)"),
    ("0031-fifo.md", None, "unreadable not a regular file"),
    ("0032-loop.md", None, "unreadable cannot read file"),
]


def test_check_names_each_problem_with_file_and_line(tmp_path, adr, hostile):
    result = adr("check")
    _clean(result)
    assert result.code == 1
    lines = result.out.splitlines()
    for name, line, message in PROBLEMS:
        where = f"doc/adr/{name}:{line}: " if line else f"doc/adr/{name}: "
        assert any(l.startswith(where + message) for l in lines), (where + message, result.out)
    assert not any(l.startswith("doc/adr/0001-good.md") and "(warning)" not in l for l in lines)
    assert not (tmp_path / "pwned").exists() and not (hostile / "pwned").exists()


def test_graphs_and_toc_survive_cycles_self_links_and_markup(tmp_path, adr, hostile):
    for args in (["generate", "toc"], ["generate", "graph"], ["generate", "graph", "--format", "mermaid"]):
        result = adr(*args)
        _clean(result)
        assert result.code == 0 and "A good record" in result.out, (args, result)
    mermaid = adr("generate", "graph", "--format", "mermaid").out
    nodes = [l for l in mermaid.splitlines() if l.startswith("  n") and '["' in l]
    assert len(nodes) == len(json.loads(adr("list", "--format", "json").out))
    assert all(l.count('"') == 2 for l in nodes), nodes  # no label ends early
    assert "<script>" not in mermaid and "<img" not in mermaid


def test_show_follows_a_supersede_cycle_and_returns(tmp_path, adr, hostile):
    for ref in ("6", "7", "8", "20", "21", "22", "26", "no-number"):
        result = adr("show", ref)
        _clean(result)
        assert result.code == 0, (ref, result)
    cycle = adr("show", "6")
    assert "Superseded by 7. Cycle B" in cycle.out


def test_commands_that_write_refuse_broken_files_and_leave_them_alone(tmp_path, adr, hostile):
    before = {p: p.read_bytes() for p in hostile.glob("000[2-4]*.md")}
    for ref in ("2", "3", "4"):
        for args in (["link", "22", "Amends", ref], ["status", ref, "deprecated"], ["new", "-s", ref, "Replace a broken one"]):
            result = adr(*args)
            _clean(result)
            assert result.code == 1 and result.err.startswith(f"adr: doc/adr/{next(hostile.glob(f'000{ref}-*.md')).name}"), result
            assert "not changing this file" in result.err and result.err.count("\n") == 1
    assert {p: p.read_bytes() for p in before} == before
    # the rest of the log is still writable
    made = adr("new", "-s", "7", "-l", "22:Amends:Amended by", "After the broken ones")
    _clean(made)
    assert made.code == 0, made
    assert "Superseded by" in (hostile / "0007-cycle-b.md").read_text()


def test_an_unclosed_code_block_is_refused_not_looped_on(tmp_path, adr, hostile):
    before = (hostile / "0023-unclosed-fence.md").read_bytes()
    result = adr("link", "0023-unclosed-fence.md", "Amends", "0001-good.md")
    _clean(result)
    assert result.code == 1 and "unclosed code block" in result.err, result
    assert (hostile / "0023-unclosed-fence.md").read_bytes() == before


def test_usage_errors_exit_2_and_user_errors_exit_1(tmp_path, adr, hostile):
    for args, code in ((["no-such-command"], 2), (["list", "--format", "xml"], 2), (["show"], 2), (["new"], 2),
                       (["show", "404"], 1), (["link", "1", "Amends"], 2), (["status", "0001-good.md", "banana"], 1),
                       (["--dir", str(tmp_path / "nowhere"), "list"], 1), (["link", "0001-good.md", "Amends", "0001-good.md"], 1)):
        result = adr(*args)
        _clean(result)
        assert result.code == code, (args, result)
        assert result.err.strip(), (args, result)


def test_the_site_builds_over_the_hostile_log(tmp_path, hostile):
    """The MkDocs build reads the same broken files: it completes, and the good record has its page."""
    pytest.importorskip("mkdocs")
    from tests.test_site_project import build_site

    shutil.move(str(hostile), str(tmp_path / "decisions"))
    site = build_site(tmp_path, "decisions")
    pages = {p.relative_to(site).as_posix() for p in site.rglob("index.html")}
    assert "decisions/0001-good/index.html" in pages, sorted(pages)
    good = (site / "decisions/0001-good/index.html").read_text(encoding="utf-8")
    assert "A good record" in good
    assert "<script>alert('x')" not in (site / "decisions/index.html").read_text(encoding="utf-8")


def test_an_old_fifo_never_blocks_the_parse_cache(tmp_path, adr, hostile):
    """The cache hashes files whose mtime is old enough to trust; a FIFO must not be opened."""
    past = time.time() - 3600
    for path in hostile.iterdir():
        if not path.is_symlink():
            os.utime(path, (past, past))
    env = {"ADR_CACHE_DIR": str(tmp_path / "cache")}
    first = adr("list", "--format", "json", env=env)
    for path in hostile.iterdir():  # as a checkout would: new mtimes, same content
        if not path.is_symlink():
            os.utime(path, (past + 60, past + 60))
    second = adr("list", "--format", "json", env=env)
    assert first.code == second.code == 0 and first.out == second.out
    assert "0031-fifo.md" in first.out


@pytest.mark.parametrize("ending", ["> - <!--\n> ", ">- <pre>    \n>", " > * <script>\n>"])
def test_an_html_block_in_a_quoted_list_at_the_very_end_is_read(ending):
    """markdown-it-py 4.3 raises IndexError on these when no newline follows; read with one."""
    from adr.parse.blocks import blocks

    assert [(b.kind, b.line) for b in blocks("# T\n\n" + ending)] == [("heading", 1), ("other", 3)]
