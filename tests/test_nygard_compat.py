"""The Nygard format is structurally what adr-tools writes, so both tools can share a log."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

needs_adr_tools = pytest.mark.skipif(shutil.which("adr") is None or not shutil.os.path.exists("/usr/bin/adr"), reason="Debian adr-tools not installed")


def _structure(text: str) -> list[str]:
    """Every line, with prose of the template sections replaced by a marker."""
    out = []
    for line in text.split("\n"):
        if line.startswith(("#", "Date:", "Accepted", "Superseded", "Supersedes", "Amends", "Amended")) or not line.strip():
            out.append(line)
        else:
            out.append("<prose>")
    # collapse runs of prose lines (our template wraps differently)
    collapsed = []
    for line in out:
        if line == "<prose>" and collapsed and collapsed[-1] == "<prose>":
            continue
        collapsed.append(line)
    return collapsed


def _run_both(tmp_path, adr, script: list[list[str]]):
    theirs = tmp_path / "theirs"
    ours = tmp_path / "ours"
    theirs.mkdir()
    ours.mkdir()
    env = {"ADR_DATE": "2024-05-06", "PATH": "/usr/bin:/bin", "VISUAL": "", "EDITOR": ""}
    for args in script:
        subprocess.run(["/usr/bin/adr", *args], cwd=theirs, env=env, check=True, capture_output=True)
        result = adr(*args, *(["--format", "nygard"] if args[0] == "init" else []), cwd=ours)
        assert result.code == 0, result
    return theirs, ours


@needs_adr_tools
def test_same_files_and_structure_as_adr_tools(tmp_path, adr):
    theirs, ours = _run_both(tmp_path, adr, [
        ["init", "doc/arch"],
        ["new", "Use MySQL"],
        ["new", "-s", "2", "-l", "1:Amends:Amended by", "Use", "Postgres", "now!"],
        ["new", "Ship", "it:", "8", "and", "9"],
        ["link", "4", "Relates to", "3", "Is related to"],
    ])
    names_theirs = sorted(p.name for p in (theirs / "doc/arch").iterdir())
    names_ours = sorted(p.name for p in (ours / "doc/arch").iterdir())
    assert names_ours == names_theirs
    assert (ours / ".adr-dir").read_text() == (theirs / ".adr-dir").read_text()
    for name in names_theirs:
        a = (theirs / "doc/arch" / name).read_text()
        b = (ours / "doc/arch" / name).read_text()
        assert _structure(b) == _structure(a), name


@needs_adr_tools
def test_adr_tools_reads_what_we_write_and_we_read_what_it_writes(tmp_path, adr):
    theirs, ours = _run_both(tmp_path, adr, [["init", "doc/adr"], ["new", "First"], ["new", "-s", "2", "Second"]])
    listed = subprocess.run(["/usr/bin/adr", "list"], cwd=ours, capture_output=True, text=True, check=True).stdout.split()
    assert listed == ["doc/adr/0001-record-architecture-decisions.md", "doc/adr/0002-first.md", "doc/adr/0003-second.md"]
    result = adr("list", "--format", "json", cwd=theirs)
    import json

    data = {r["number"]: r for r in json.loads(result.out)}
    assert data[2]["status"] == "superseded"
    assert data[3]["links"][0]["relation"] == "supersedes"
    assert data[2]["links"][0]["target"] == "doc/adr/0003-second.md"


@needs_adr_tools
def test_graph_and_toc_match_adr_tools_output(tmp_path, adr):
    theirs, ours = _run_both(tmp_path, adr, [["init"], ["new", "A"], ["new", "-s", "2", "B"], ["new", "-l", "3:Amends:Amended by", "C"]])
    for args in (["generate", "toc"], ["generate", "graph"], ["generate", "toc", "-p", "x/"], ["generate", "graph", "-p", "p/", "-e", ".md"]):
        expected = subprocess.run(["/usr/bin/adr", *args], cwd=theirs, capture_output=True, text=True, check=True).stdout
        got = adr(*args, cwd=theirs).out
        assert got.strip() == expected.strip(), args


def test_a_proposed_nygard_successor_supersedes_as_adr_tools_does_once_accepted(tmp_path, adr):
    """`adr new -s` supersedes at once, as adr-tools does; a successor written as Proposed only
    links, and its acceptance leaves the files exactly as the immediate supersede writes them."""
    at_once, pending = tmp_path / "at-once", tmp_path / "pending"
    for log in (at_once, pending):
        log.mkdir()
        adr("init", "--format", "nygard", cwd=log)
        adr("new", "Use MySQL", cwd=log)
    assert adr("new", "-s", "2", "Use Postgres", cwd=at_once).code == 0
    mysql = "doc/adr/0002-use-mysql.md"
    assert "## Status\n\nSuperseded by [3. Use Postgres](0003-use-postgres.md)\n\n## Context" in (at_once / mysql).read_text()

    assert adr("new", "--status", "proposed", "-s", "2", "Use Postgres", cwd=pending).code == 0
    assert "## Status\n\nAccepted\n\nSuperseded by [3. Use Postgres](0003-use-postgres.md)\n\n## Context" in (pending / mysql).read_text()
    listed = {r["number"]: r for r in json.loads(adr("list", "--format", "json", cwd=pending).out)}
    assert listed[2]["status"] == "accepted" and listed[3]["status"] == "proposed"
    findings = adr("check", cwd=pending).out.splitlines()
    assert all("template-placeholder" in f for f in findings), findings
    accepted = adr("status", "3", "accepted", cwd=pending)
    assert accepted.out.splitlines() == ["doc/adr/0003-use-postgres.md", mysql]
    for name in ("0002-use-mysql.md", "0003-use-postgres.md"):
        assert (pending / "doc/adr" / name).read_text() == (at_once / "doc/adr" / name).read_text(), name


def test_octal_looking_numbers_are_decimal(tmp_path, adr):
    assert adr("init", "--format", "nygard").code == 0
    for n in range(2, 11):
        assert adr("new", f"Decision {n}").code == 0
    names = sorted(p.name for p in (tmp_path / "doc/adr").iterdir())
    assert names[7:10] == ["0008-decision-8.md", "0009-decision-9.md", "0010-decision-10.md"]
    assert re.match(r"# 10\. Decision 10", (tmp_path / "doc/adr/0010-decision-10.md").read_text())


def test_nygard_new_keeps_people_tags_and_assumptions(tmp_path, adr):
    adr("init", "--format", "nygard")
    result = adr("new", "--decider", "Ana (architect)", "--decider", "Research and Development", "--consulted", "Security",
                 "--tag", "data", "--assumption", "About *100* partners, not 10,000 customers", "Use", "PostgreSQL")
    assert result.code == 0, result
    text = (tmp_path / "doc/adr/0002-use-postgresql.md").read_text()
    assert "Date: 2024-05-06\n\nDeciders: Ana (architect), Research and Development\n\nConsulted: Security\n\nTags: data\n\n## Status" in text
    assert text.index("## Context") < text.index("## Assumptions") < text.index("## Decision")
    listed = json.loads(adr("list", "--format", "json").out)[1]
    assert listed["format"] == "nygard" and listed["status"] == "accepted"
    assert listed["decision_makers"] == ["Ana (architect)", "Research and Development"]
    assert (listed["consulted"], listed["tags"]) == (["Security"], ["data"])
    assert listed["assumptions"] == [{"key": "A1", "text": "About *100* partners, not 10,000 customers"}]
    findings = adr("check").out.splitlines()
    assert findings and all("template-placeholder" in f for f in findings), findings  # only the template's prose


def test_nygard_new_refuses_what_it_cannot_keep(tmp_path, adr):
    adr("init", "--format", "nygard")
    result = adr("new", "--decider", "Smith, Ana", "Use", "PostgreSQL")
    assert result.code == 1
    assert result.err.strip() == "adr: a Nygard record cannot keep --decider 'Smith, Ana': commas separate names there; nothing written"
    template = tmp_path / "doc/adr/templates/template.md"
    template.parent.mkdir()
    template.write_text("# NUMBER. TITLE\n\n## Status\n\nSTATUS\n")
    result = adr("new", "--tag", "data", "--assumption", "One region", "Use", "PostgreSQL")
    assert result.code == 0, result
    text = (tmp_path / "doc/adr/0002-use-postgresql.md").read_text()
    assert text == "# 2. Use PostgreSQL\n\nTags: data\n\n## Status\n\nAccepted\n\n## Assumptions\n\n- A1: One region\n"
    template.write_text("---\nstatus: STATUS\n---\n# TITLE\n")
    result = adr("new", "--tag", "data", "Use", "MySQL")
    assert result.code == 1
    assert result.err.strip() == "adr: doc/adr/templates/template.md: this template does not keep --tag 'data'; nothing written"
    assert sorted(p.name for p in (tmp_path / "doc/adr").glob("*.md")) == ["0001-record-architecture-decisions.md", "0002-use-postgresql.md"]
