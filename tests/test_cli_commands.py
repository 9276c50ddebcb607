"""Every `adr` command, run as a user runs it, in the rich (MADR) format unless said otherwise."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest


def records(adr, cwd=None, *args):
    result = adr("list", "--format", "json", *args, cwd=cwd)
    assert result.code == 0, result
    return {r["number"]: r for r in json.loads(result.out)}


def test_init_creates_the_log_and_first_record(tmp_path, adr):
    result = adr("init")
    assert result.code == 0, result
    assert result.out.strip() == "doc/adr/0001-record-architecture-decisions.md"
    text = (tmp_path / result.out.strip()).read_text()
    assert text.startswith("---\nstatus: accepted\ndate: 2024-05-06\n")
    assert "# Record architecture decisions" in text


def test_init_with_directory_writes_adr_dir_and_nygard(tmp_path, adr):
    assert adr("init", "--format", "nygard", "architecture/decisions").code == 0
    assert (tmp_path / ".adr-dir").read_text() == "architecture/decisions\n"
    text = (tmp_path / "architecture/decisions/0001-record-architecture-decisions.md").read_text()
    assert text.startswith("# 1. Record architecture decisions\n\nDate: 2024-05-06\n\n## Status\n\nAccepted\n")


def test_new_prints_path_and_writes_metadata(tmp_path, adr):
    adr("init")
    result = adr("new", "--decider", "Ana Lima", "--decider", "Platform team", "--consulted", "Security",
                 "--informed", "Sales", "--tag", "data", "--assumption", "About 100 partners", "Use", "PostgreSQL")
    assert result.code == 0, result
    assert result.out.strip() == "doc/adr/0002-use-postgresql.md"
    r = records(adr)[2]
    assert r["title"] == "Use PostgreSQL"
    assert r["status"] == "proposed"
    assert r["decision_makers"] == ["Ana Lima", "Platform team"]
    assert r["consulted"] == ["Security"] and r["informed"] == ["Sales"] and r["tags"] == ["data"]
    assert r["assumptions"] == [{"key": "A1", "text": "About 100 partners"}]
    assert r["date"] == "2024-05-06" and r["format"] == "madr"


def test_new_opens_the_editor_with_the_path(tmp_path, adr):
    adr("init")
    log = tmp_path / "edited.txt"
    editor = tmp_path / "editor.sh"
    editor.write_text(f"#!/bin/sh\necho \"$1\" > {log}\n")
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    result = adr("new", "Pick", "a", "queue", env={"VISUAL": str(editor), "EDITOR": "false"})
    assert result.code == 0, result
    assert log.read_text().strip().endswith("doc/adr/0002-pick-a-queue.md")


PLAIN_MADR = "---\nstatus: STATUS\ndate: DATE\n---\n# TITLE\n\n## Context and Problem Statement\n\nWe decide.\n"


def plain_madr_log(tmp_path, adr, *titles: str) -> None:
    """A MADR log whose records hold no template text, so `adr check` has nothing to say about them."""
    adr("init")
    (tmp_path / "doc/adr/templates").mkdir()
    (tmp_path / "doc/adr/templates/template.md").write_text(PLAIN_MADR)
    for title in titles:
        assert adr("new", title).code == 0


def check_findings(adr) -> list[str]:
    result = adr("check", "--format", "json")
    assert result.code in (0, 1), result
    return [f"{f['rule']}: {f['message']}" for f in json.loads(result.out)["findings"]]


def test_a_proposed_successor_leaves_the_record_in_force_until_it_is_accepted(tmp_path, adr):
    plain_madr_log(tmp_path, adr, "Use MySQL")
    assert adr("status", "2", "accepted").code == 0
    assert adr("new", "-s", "2", "Use PostgreSQL").code == 0
    data = records(adr)
    assert data[3]["status"] == "proposed"
    assert data[2]["status"] == "accepted"  # nothing decided replaces it yet
    assert {"relation": "superseded-by", "label": "Superseded by", "target": "doc/adr/0003-use-postgresql.md", "explicit": True} in data[2]["links"]
    assert data[2]["pending_successors"] == ["doc/adr/0003-use-postgresql.md"]
    assert data[3]["links"][0]["relation"] == "supersedes"
    two = tmp_path / "doc/adr/0002-use-mysql.md"
    assert two.read_text().startswith("---\nstatus: accepted\n")
    assert "- Superseded by [3. Use PostgreSQL](0003-use-postgresql.md)" in two.read_text()
    assert check_findings(adr) == []
    assert "  Superseded by 3. Use PostgreSQL  (when it is accepted: 3 is proposed)" in adr("show", "2").out.splitlines()

    accepted = adr("status", "3", "accepted")
    assert accepted.code == 0, accepted
    assert accepted.out.splitlines() == ["doc/adr/0003-use-postgresql.md", "doc/adr/0002-use-mysql.md"]
    data = records(adr)
    assert (data[2]["status"], data[3]["status"]) == ("superseded", "accepted")
    assert data[2]["pending_successors"] == []
    assert two.read_text().startswith("---\nstatus: superseded\n")
    assert two.read_text().count("Superseded by [3. Use PostgreSQL]") == 1
    assert "  in force:  3. Use PostgreSQL" in adr("show", "2").out.splitlines()
    assert check_findings(adr) == []


def test_a_rejected_successor_never_supersedes(tmp_path, adr):
    plain_madr_log(tmp_path, adr, "Use MySQL")
    assert adr("status", "2", "accepted").code == 0
    assert adr("new", "-s", "2", "Use PostgreSQL").code == 0
    rejected = adr("status", "3", "rejected")
    assert rejected.code == 0 and rejected.out.splitlines() == ["doc/adr/0003-use-postgresql.md"]
    data = records(adr)
    assert (data[2]["status"], data[3]["status"]) == ("accepted", "rejected")
    assert data[2]["pending_successors"] == []
    assert "  Superseded by 3. Use PostgreSQL  (3 was rejected)" in adr("show", "2").out.splitlines()
    assert check_findings(adr) == []


def test_accepting_a_successor_supersedes_everything_it_proposed_to_and_prints_each_file(tmp_path, adr):
    plain_madr_log(tmp_path, adr, "Use MySQL", "Use Redis")
    assert adr("status", "3", "accepted").code == 0
    assert adr("new", "-s", "2", "-s", "3", "Use PostgreSQL for both").code == 0
    assert [records(adr)[n]["status"] for n in (2, 3)] == ["proposed", "accepted"]
    done = adr("status", "4", "accepted")
    assert done.code == 0, done
    assert done.out.splitlines() == ["doc/adr/0004-use-postgresql-for-both.md", "doc/adr/0002-use-mysql.md", "doc/adr/0003-use-redis.md"]
    assert [records(adr)[n]["status"] for n in (2, 3)] == ["superseded", "superseded"]
    assert check_findings(adr) == []


def test_an_accepted_successor_supersedes_at_once(tmp_path, adr):
    plain_madr_log(tmp_path, adr, "Use MySQL")
    assert adr("new", "--status", "accepted", "-s", "2", "Use PostgreSQL").code == 0
    assert records(adr)[2]["status"] == "superseded"
    assert check_findings(adr) == []


@pytest.mark.parametrize("link", [["3", "Supersedes", "2"], ["2", "Superseded by", "3"]])
def test_link_supersedes_by_a_proposed_record_waits_for_it_too(tmp_path, adr, link):
    plain_madr_log(tmp_path, adr, "Use MySQL", "Use PostgreSQL")
    assert adr("status", "2", "accepted").code == 0
    linked = adr("link", *link)
    assert linked.code == 0, linked
    assert sorted(linked.out.splitlines()) == ["doc/adr/0002-use-mysql.md", "doc/adr/0003-use-postgresql.md"]
    data = records(adr)
    assert data[2]["status"] == "accepted" and data[2]["pending_successors"] == ["doc/adr/0003-use-postgresql.md"]
    assert [l["relation"] for l in data[3]["links"]] == ["supersedes"]
    assert check_findings(adr) == []
    assert adr("status", "3", "accepted").out.splitlines() == ["doc/adr/0003-use-postgresql.md", "doc/adr/0002-use-mysql.md"]
    assert records(adr)[2]["status"] == "superseded"


def test_a_madr2_record_names_its_successor_once_when_the_supersede_completes(tmp_path, adr):
    log = tmp_path / "docs/adr"
    log.mkdir(parents=True)
    (log / "0001-use-mysql.md").write_text("# Use MySQL\n\n- Status: accepted\n- Date: 2024-01-01\n\n## Context and Problem Statement\n\nWhy.\n")
    (log / "0002-use-postgresql.md").write_text("# Use PostgreSQL\n\n- Status: proposed\n- Date: 2024-01-02\n\n## Context and Problem Statement\n\nWhy.\n")
    assert adr("link", "2", "Supersedes", "1").code == 0
    assert records(adr)[1]["status"] == "accepted"
    assert check_findings(adr) == []
    assert adr("status", "2", "accepted").code == 0
    text = (log / "0001-use-mysql.md").read_text()
    assert "- Status: superseded\n" in text and text.count("[2. Use PostgreSQL](0002-use-postgresql.md)") == 1
    assert records(adr)[1]["status"] == "superseded"
    assert check_findings(adr) == []


def test_link_writes_both_directions_with_derived_reverse(tmp_path, adr):
    adr("init")
    adr("new", "Base")
    adr("new", "Tweak")
    result = adr("link", "3", "Amends", "2")
    assert result.code == 0, result
    data = records(adr)
    assert [(l["relation"], l["target"]) for l in data[3]["links"]] == [("amends", "doc/adr/0002-base.md")]
    assert [(l["relation"], l["target"]) for l in data[2]["links"]] == [("amended-by", "doc/adr/0003-tweak.md")]


def test_link_with_custom_labels(tmp_path, adr):
    adr("init")
    adr("new", "Budget")
    adr("new", "Spend")
    assert adr("link", "3", "Is costed by", "2", "Costs").code == 0
    assert "- Costs [3. Spend](0003-spend.md)" in (tmp_path / "doc/adr/0002-budget.md").read_text()
    assert "- Is costed by [2. Budget](0002-budget.md)" in (tmp_path / "doc/adr/0003-spend.md").read_text()


def test_link_with_an_unknown_label_needs_the_link_back(tmp_path, adr):
    adr("init")
    adr("new", "Budget")
    adr("new", "Spend")
    before = {p.name: p.read_bytes() for p in (tmp_path / "doc/adr").iterdir()}
    for args in (["link", "3", "Is costed by", "2"], ["new", "-l", "2:Is costed by", "More"]):
        refused = adr(*args)
        assert refused.code == 1, refused
        assert refused.err.startswith("adr: 'Is costed by' is not a relation adr knows (Supersedes, Amends, Extends, Relates to")
        assert "name the link back too" in refused.err
        assert {p.name: p.read_bytes() for p in (tmp_path / "doc/adr").iterdir()} == before


def test_a_link_already_there_changes_nothing_and_says_so(tmp_path, adr):
    adr("init")
    adr("new", "Base")
    adr("new", "Tweak")
    assert adr("link", "3", "Amends", "2").code == 0
    files = sorted((tmp_path / "doc/adr").glob("000[23]*.md"))
    stamps = [(p.read_bytes(), p.stat().st_mtime_ns) for p in files]
    again = adr("link", "3", "Amends", "2")
    assert again.code == 0 and again.out == ""
    assert again.err.strip() == "adr: nothing changed: ADR 3 already links to ADR 2 with 'Amends', and back"
    assert [(p.read_bytes(), p.stat().st_mtime_ns) for p in files] == stamps


def test_link_refuses_records_superseding_each_other(tmp_path, adr):
    adr("init")
    adr("new", "One")
    adr("new", "-s", "2", "Two")
    adr("new", "-s", "3", "Three")
    before = {p.name: p.read_bytes() for p in (tmp_path / "doc/adr").iterdir()}
    for args in (["link", "2", "Supersedes", "4"], ["link", "4", "Superseded by", "2"], ["link", "3", "Supersedes", "3"]):
        refused = adr(*args)
        assert refused.code == 1, refused
        assert {p.name: p.read_bytes() for p in (tmp_path / "doc/adr").iterdir()} == before
    assert "'4. Three' already supersedes '2. One' (directly or through later records)" in adr("link", "2", "Supersedes", "4").err
    assert adr("check").code == 0


def test_link_through_new_option(tmp_path, adr):
    adr("init")
    adr("new", "Base")
    assert adr("new", "-l", "2:Extends", "More").code == 0
    data = records(adr)
    assert data[3]["links"][0]["relation"] == "extends"
    assert data[2]["links"][0]["relation"] == "extended-by"


def test_status_lifecycle_and_force(tmp_path, adr):
    adr("init")
    adr("new", "Thing")
    assert adr("status", "2", "accepted").code == 0
    assert records(adr)[2]["status"] == "accepted"
    refused = adr("status", "2", "proposed")
    assert refused.code == 1
    assert "cannot go from 'accepted' to 'proposed'" in refused.err
    assert refused.err.startswith("adr: doc/adr/0002-thing.md:")
    assert adr("status", "2", "proposed", "--force").code == 0
    unknown = adr("status", "2", "maybe")
    assert unknown.code == 1 and "unknown status 'maybe'" in unknown.err


def test_status_superseded_needs_a_successor_and_draft_is_a_status(tmp_path, adr):
    adr("init")
    adr("new", "Thing")
    refused = adr("status", "2", "superseded")
    assert refused.code == 1
    assert "superseded by which record? Write that one with `adr new -s 2 TITLE`" in refused.err
    assert records(adr)[2]["status"] == "proposed"
    assert adr("status", "2", "draft").code == 0
    assert records(adr)[2]["status"] == "draft"
    assert adr("status", "2", "accepted").code == 0
    assert adr("status", "2", "superseded", "--force").code == 0
    assert records(adr)[2]["status"] == "superseded"


def test_check_of_files_that_are_no_records_fails(tmp_path, adr):
    adr("init")
    (tmp_path / "notes.md").write_text("# Notes\n")
    missing = adr("check", "doc/adr/0002-typo.md")
    assert (missing.code, missing.err.strip()) == (1, "adr: doc/adr/0002-typo.md: no such file")
    stray = adr("check", "notes.md")
    assert (stray.code, stray.err.strip()) == (1, "adr: notes.md: not a record of the decision log in doc/adr")
    named = adr("check", "doc/adr/0001-record-architecture-decisions.md")
    assert named.code == 0 and "no findings" in named.err


def test_list_refuses_a_status_no_record_has(tmp_path, adr):
    adr("init")
    typo = adr("list", "--status", "acepted")
    assert typo.code == 2 and typo.out == ""
    assert "Invalid value for '--status': no record has status 'acepted' (statuses: accepted," in typo.err
    assert adr("list", "--status", "rejected").code == 0  # known, just not used yet
    assert adr("list", "--status", "accepted").out.strip() == "doc/adr/0001-record-architecture-decisions.md"


def test_status_already_set_changes_nothing_and_says_so(tmp_path, adr):
    adr("init")
    adr("new", "Thing")
    assert adr("status", "2", "accepted").out.strip() == "doc/adr/0002-thing.md"
    path = tmp_path / "doc/adr/0002-thing.md"
    before, modified = path.read_bytes(), path.stat().st_mtime_ns
    again = adr("status", "2", "Accepted")
    assert again.code == 0 and again.out == ""  # stdout lists files written
    assert again.err.strip() == "adr: ADR 2 is already accepted; nothing changed"
    assert path.read_bytes() == before and path.stat().st_mtime_ns == modified


def test_custom_statuses_from_config(tmp_path, adr):
    (tmp_path / ".adr.yml").write_text("statuses: [on hold]\n")
    adr("init")
    adr("new", "Thing")
    assert adr("status", "2", "On hold").code == 0
    assert records(adr)[2]["status"] == "on hold"


def test_a_nested_repository_does_not_take_the_outer_projects_config(tmp_path, adr):
    (tmp_path / ".adr.yml").write_text("format: nygard\nstatuses: [on hold]\n")
    inner = tmp_path / "vendor" / "lib"
    (inner / ".git").mkdir(parents=True)
    assert adr("init", cwd=inner).code == 0
    assert adr("new", "Pick a queue", cwd=inner).code == 0
    assert (inner / "doc/adr/0002-pick-a-queue.md").read_text().startswith("---\n")  # our default, MADR
    refused = adr("status", "2", "on hold", cwd=inner)
    assert refused.code == 1 and "unknown status 'on hold'" in refused.err
    assert adr("new", "Outer", cwd=tmp_path).code == 0
    assert (tmp_path / "doc/adr/0001-outer.md").read_text().startswith("# 1. Outer")  # the outer config still applies


def test_list_filters(tmp_path, adr):
    adr("init")
    adr("new", "--tag", "security", "--consulted", "Security team", "A")
    adr("new", "--tag", "data", "--decider", "Ana", "B")
    adr("status", "3", "accepted")
    paths = lambda *a: adr("list", *a).out.split()
    assert paths("--status", "accepted") == ["doc/adr/0001-record-architecture-decisions.md", "doc/adr/0003-b.md"]
    assert paths("--tag", "security") == ["doc/adr/0002-a.md"]
    assert paths("--stakeholder", "security team") == ["doc/adr/0002-a.md"]
    assert paths("--stakeholder", "Ana") == ["doc/adr/0003-b.md"]


def test_piped_list_prints_every_path_in_log_order_and_parses_nothing(tmp_path, adr):
    adr("init")
    for title in ("B", "C"):
        adr("new", title)
    log = tmp_path / "doc/adr"
    (log / "0010-late.md").write_text("# 10. Late\n")
    (log / "notes.md").write_text("no heading, no number\n")
    (log / "README.md").write_text("# Not a record\n")
    for path in log.iterdir():  # old enough for the parse cache to trust its mtime
        os.utime(path, (1_600_000_000, 1_600_000_000))
    cache = tmp_path / "cache"
    env = {"ADR_CACHE_DIR": str(cache), "ADR_NO_CACHE": ""}
    listed = adr("list", env=env)
    assert listed.code == 0
    assert listed.out.split() == [
        "doc/adr/0001-record-architecture-decisions.md", "doc/adr/0002-b.md", "doc/adr/0003-c.md",
        "doc/adr/0010-late.md", "doc/adr/notes.md",
    ]
    assert not cache.exists() or not any(cache.rglob("*")), "a plain list read no record, so it cached none"
    every = [r["path"] for r in json.loads(adr("list", "--format", "json", env=env).out)]
    assert every == listed.out.split()
    assert any(cache.rglob("*")), "the JSON list did parse, and cached what it parsed"
    script = (
        "import sys\nfrom adr.cli import main\nsys.argv = ['adr', 'list']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('yaml', 'markdown_it', 'adr.parse', 'adr.store.parse_cache'))), file=sys.stderr)\n"
    )
    imported = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert imported.stdout.split() == listed.out.split()
    assert imported.stderr.strip() == "[]", "listing paths needs no parser: " + imported.stderr


def test_list_table_format(tmp_path, adr):
    adr("init")
    out = adr("list", "--format", "table", env={"NO_COLOR": "1", "COLUMNS": "80"}).out
    assert out.splitlines()[0].split() == ["#", "Title", "Status", "Date", "Tags"]
    assert "Record architecture decisions" in out and "\x1b[" not in out


def test_list_table_keeps_columns_aligned_with_wide_characters(tmp_path, adr):
    from wcwidth import wcswidth

    adr("init")
    adr("new", "--status", "accepted", "日本語のタイトル")
    adr("new", "--status", "accepted", "Use 😀 emoji")
    lines = adr("list", "--format", "table", env={"NO_COLOR": "1", "COLUMNS": "80"}).out.splitlines()
    starts = {wcswidth(line[: line.index("accepted")]) for line in lines[1:]}
    assert len(starts) == 1, lines  # the Status column starts at the same terminal column on every row
    narrow = adr("list", "--format", "table", env={"NO_COLOR": "1", "COLUMNS": "46"}).out.splitlines()
    assert all(wcswidth(line) <= 46 for line in narrow) and "…" in narrow[2], narrow


def test_at_risk_when_an_assumption_is_invalidated(tmp_path, adr):
    adr("init")
    adr("new", "--assumption", "A hundred partners, not ten thousand customers", "Serve partners from one server")
    adr("status", "2", "accepted")
    adr("new", "-l", "2:Amends", "Add a read replica")
    adr("status", "3", "accepted")
    assert adr("new", "--invalidates", "2#A1", "Open the API to consumers").code == 0
    at_risk = adr("list", "--status", "at-risk").out.split()
    assert at_risk == ["doc/adr/0002-serve-partners-from-one-server.md", "doc/adr/0003-add-a-read-replica.md"]
    shown = adr("show", "3").out
    assert "at risk" in shown and "ADR 2 → ADR 3 rests on it" in shown
    bad = adr("new", "--invalidates", "2#A9", "x")
    assert bad.code == 1 and "has no assumption A9 (it has: A1)" in bad.err
    # a decision that says the assumption no longer holds is not at risk from it, though it amends 2
    assert adr("new", "-l", "2:Amends", "--invalidates", "2#A1", "Shard by partner").code == 0
    adr("status", "5", "accepted")
    assert adr("list", "--status", "at-risk").out.split() == at_risk


def test_show_lists_inverse_relations_even_without_back_link(tmp_path, adr):
    adr("init")
    adr("new", "Base")
    adr("new", "Child")
    child = tmp_path / "doc/adr/0003-child.md"
    child.write_text(child.read_text().replace("# Child\n", "# Child\n\n## Links\n\n- Extends [Base](0002-base.md)\n"))
    out = adr("show", "2").out
    assert "Extended by 3. Child  (written in the other record only)" in out


def test_refs_number_exact_filename_path_and_ambiguous(tmp_path, adr):
    adr("init")
    for title in ["One", "Two"] + [f"T{i}" for i in range(3, 13)]:
        adr("new", title)
    assert adr("show", "1").out.startswith("1. Record architecture decisions")  # not 10, 11, 12
    assert adr("show", "0002-one.md").out.startswith("2. One")
    assert adr("show", "doc/adr/0003-two.md").out.startswith("3. Two")
    assert adr("show", "0003-two").out.startswith("3. Two")
    (tmp_path / "doc/adr/0003-dup.md").write_text("# 3. Dup\n")
    result = adr("show", "3")
    assert result.code == 1
    assert "'3' is ambiguous" in result.err and "0003-dup.md" in result.err and "0003-two.md" in result.err
    missing = adr("show", "99")
    assert missing.code == 1 and missing.err.strip() == "adr: no decision record matches '99'"


def test_generate_toc_and_mermaid(tmp_path, adr):
    adr("init")
    adr("new", "Use MySQL")
    adr("new", "-s", "2", "Use PostgreSQL")
    intro = tmp_path / "intro.md"
    intro.write_text("Our decisions.\n")
    toc = adr("generate", "toc", "-i", str(intro), "-p", "adr/").out
    assert toc == ("# Architecture Decision Records\n\nOur decisions.\n\n"
                   "* [1. Record architecture decisions](adr/0001-record-architecture-decisions.md)\n"
                   "* [2. Use MySQL](adr/0002-use-mysql.md)\n* [3. Use PostgreSQL](adr/0003-use-postgresql.md)\n")
    mermaid = adr("generate", "graph", "--format", "mermaid", "-e", "/").out
    assert mermaid.startswith("flowchart LR\n")
    assert 'n2 -->|"Supersedes"| n1' in mermaid
    assert 'click n1 href "0002-use-mysql/"' in mermaid


def test_relation_labels_are_shown_capitalised_whatever_their_case_in_the_file(tmp_path, adr):
    adr("init")
    adr("new", "Use PostgreSQL")
    adr("new", "Add replicas")
    assert adr("link", "3", "amends", "2").code == 0  # written as typed: `- amends [2. ...]`
    assert "  Amends 2. Use PostgreSQL\n" in adr("show", "3").out
    assert "  Amended by 3. Add replicas\n" in adr("show", "2").out
    assert 'n2 -->|"Amends"| n1' in adr("generate", "graph", "--format", "mermaid").out


def test_upgrade_repository_rewrites_dd_mm_yyyy(tmp_path, adr):
    log = tmp_path / "doc/adr"
    log.mkdir(parents=True)
    (log / "0001-old.md").write_text("# 1. Old\n\nDate: 28/03/2018\n\n## Status\n\nAccepted\n")
    (log / "0002-new.md").write_text("# 2. New\n\nDate: 2019-01-02\n\n## Status\n\nAccepted\n")
    result = adr("upgrade-repository")
    assert result.code == 0 and result.out.split() == ["doc/adr/0001-old.md"]
    assert "Date: 2018-03-28\n" in (log / "0001-old.md").read_text()


def test_templates_from_log_and_env(tmp_path, adr):
    adr("init", "--format", "nygard")
    (tmp_path / "doc/adr/templates").mkdir()
    (tmp_path / "doc/adr/templates/template.md").write_text("# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Why\n\nBecause.\n")
    assert adr("new", "Custom").code == 0
    assert (tmp_path / "doc/adr/0002-custom.md").read_text() == "# 2. Custom\n\nDate: 2024-05-06\n\n## Status\n\nAccepted\n\n## Why\n\nBecause.\n"
    other = tmp_path / "other.md"
    other.write_text("---\nstatus: STATUS\ndate: DATE\n---\n# TITLE\n")
    assert adr("new", "Env", env={"ADR_TEMPLATE": str(other)}).code == 0
    assert (tmp_path / "doc/adr/0003-env.md").read_text() == "---\nstatus: Accepted\ndate: 2024-05-06\n---\n# Env\n"
    missing = adr("new", "X", env={"ADR_TEMPLATE": str(tmp_path / "nope.md")})
    assert missing.code == 1 and "template not found" in missing.err


def test_new_uses_the_template_the_log_keeps_beside_its_records(copy_corpus, adr, tmp_path):
    log = copy_corpus("JabRef__jabref")  # `adr-template.md`, MADR 4 with Just-the-Docs front matter
    made = adr("new", "Use pnpm", cwd=log, env={"ADR_DIR": "."})
    assert made.code == 0, made
    text = (log / "0070-use-pnpm.md").read_text()
    assert text.startswith("---\n# Configuration for the Jekyll template")  # the template's, not ours
    assert "\n# Use pnpm\n" in text and "# {short title" not in text
    assert adr("show", "70", cwd=log, env={"ADR_DIR": "."}).out.startswith("70. Use pnpm\n")
    # a template that cannot keep a tag is refused, nothing written
    refused = adr("new", "--tag", "build", "Use npm", cwd=log, env={"ADR_DIR": "."})
    assert refused.code == 1 and refused.err.strip() == "adr: adr-template.md: this template does not keep --tag 'build'; nothing written"
    assert not (log / "0071-use-npm.md").exists()
    # adr-tools' templates/template.md still comes first
    (log / "templates").mkdir()
    (log / "templates/template.md").write_text("# NUMBER. TITLE\n\n## Status\n\nSTATUS\n")
    assert adr("new", "Use yarn", cwd=log, env={"ADR_DIR": "."}).code == 0
    assert (log / "0071-use-yarn.md").read_text() == "# 71. Use yarn\n\n## Status\n\nproposed\n"


def test_new_in_a_log4brains_log_names_by_date_and_uses_its_template(copy_corpus, adr):
    project = copy_corpus("thomvaill__log4brains")  # `20201103-use-lunr-for-search.md`, docs/adr/template.md
    log = project / "docs/adr"
    made = adr("new", "Use pnpm", cwd=project)
    assert made.code == 0, made
    assert made.out.strip() == "docs/adr/20240506-use-pnpm.md"
    text = (log / "20240506-use-pnpm.md").read_text()
    assert text.startswith("# Use pnpm\n\n- Status: proposed\n- Deciders: [list everyone")  # log4brains' template
    assert "- Date: 2024-05-06\n" in text
    assert not list(log.glob("000*.md"))
    listed = json.loads(adr("list", "--format", "json", cwd=project).out)
    mine = next(item for item in listed if item["path"].endswith("20240506-use-pnpm.md"))
    assert mine["number"] is None and mine["title"] == "Use pnpm"
    assert (mine["decision_makers"], mine["tags"]) == ([], [])  # the template's prompts are not names
    people = adr("new", "--decider", "Ana", "--decider", "Platform team", "--tag", "build", "Use turbo", cwd=project)
    assert people.code == 0, people
    assert "- Deciders: Ana, Platform team\n- Date: 2024-05-06\n- Tags: build\n" in (log / "20240506-use-turbo.md").read_text()
    # the same title the same day: refused, the first one untouched
    again = adr("new", "Use pnpm", cwd=project)
    assert again.code == 1
    assert again.err.strip() == ("adr: docs/adr/20240506-use-pnpm.md: a record of this name was already written today; "
                                 "give this one another title; nothing written")
    assert (log / "20240506-use-pnpm.md").read_text() == text
    # refs by slug prefix work for -s and -l
    linked = adr("new", "-s", "20201103", "-l", "20200927:Amends:Amended by", "Use FlexSearch", cwd=project, env={"ADR_DATE": "2024-05-07"})
    assert linked.code == 0, linked
    assert "- Supersedes [Use Lunr for search](20201103-use-lunr-for-search.md)" in (log / "20240507-use-flexsearch.md").read_text()
    assert "- Superseded by [Use FlexSearch](20240507-use-flexsearch.md)" in (log / "20201103-use-lunr-for-search.md").read_text()


def test_format_choice_env_and_existing_log(tmp_path, adr):
    adr("init", env={"ADR_FORMAT": "nygard"})
    assert adr("new", "Second").code == 0
    assert (tmp_path / "doc/adr/0002-second.md").read_text().startswith("# 2. Second\n")


def test_dir_option_env_and_discovery(tmp_path, adr):
    (tmp_path / "docs/decisions").mkdir(parents=True)
    sub = tmp_path / "src/deep"
    sub.mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    assert adr("new", "Found", cwd=sub).out.strip() == "../../docs/decisions/0001-found.md"
    assert adr("--dir", "elsewhere", "new", "Explicit").out.strip() == "elsewhere/0001-explicit.md"
    assert adr("new", "Env", env={"ADR_DIR": "envdir"}).out.strip() == "envdir/0001-env.md"


def test_help_on_every_command_has_an_example(adr):
    for command in ["init", "new", "link", "status", "list", "show", "generate", "upgrade-repository"]:
        result = adr(command, "--help")
        assert result.code == 0, command
        assert "Example" in result.out, command


def test_usage_error_exit_code_is_two(adr):
    result = adr("new")
    assert result.code == 2
    assert "Missing argument" in result.err


def test_new_without_title_or_with_bad_link_spec(tmp_path, adr):
    adr("init")
    result = adr("new", "-l", "nonsense", "Title")
    assert result.code == 2 and "TARGET:LINK" in result.err
    assert not (tmp_path / "doc/adr/0002-title.md").exists()


def test_failed_supersede_writes_nothing(tmp_path, adr):
    adr("init")
    before = sorted(p.name for p in (tmp_path / "doc/adr").iterdir())
    result = adr("new", "-s", "7", "Never")
    assert result.code == 1 and "no decision record matches '7'" in result.err
    assert sorted(p.name for p in (tmp_path / "doc/adr").iterdir()) == before


def test_completion_script_is_available(adr):
    result = adr(env={"_ADR_COMPLETE": "bash_source"})
    assert result.code == 0
    assert "_adr_completion" in result.out


def test_init_refuses_an_existing_log(tmp_path, adr):
    adr("init")
    again = adr("init")
    assert again.code == 1
    assert again.err.strip() == "adr: doc/adr already holds 1 decision record; nothing to initialise"


def test_ref_completion_offers_numbers_with_titles(tmp_path, adr):
    adr("init")
    adr("new", "Use queues")
    result = adr(env={"_ADR_COMPLETE": "bash_complete", "COMP_WORDS": "adr show 2", "COMP_CWORD": "2"})
    assert result.out.split() == ["plain,2"]


def test_commands_that_edit_resolve_refs_like_show(tmp_path, adr):
    """`new -s`, `link` and `status` read only the records a numeric REF names; every other REF,
    an ambiguous number and an unknown one behave as they do for the whole log."""
    adr("init")
    adr("new", "One")
    (tmp_path / "doc/adr/0002-dup.md").write_text("# 2. Dup\n\n## Status\n\nAccepted\n")
    ambiguous = adr("new", "-s", "2", "Three")
    assert ambiguous.code == 1 and "'2' is ambiguous" in ambiguous.err
    assert adr("status", "ADR-2", "accepted").code == 1
    missing = adr("link", "1", "Amends", "99")
    assert missing.code == 1 and missing.err.strip() == "adr: no decision record matches '99'"
    assert sorted(p.name for p in (tmp_path / "doc/adr").iterdir()) == ["0001-record-architecture-decisions.md", "0002-dup.md", "0002-one.md"]
    assert adr("new", "-s", "0002-one.md", "-l", "0001:Amends", "Three").code == 0
    three = (tmp_path / "doc/adr/0003-three.md").read_text()
    assert "[2. One](0002-one.md)" in three and "[1. Record architecture decisions](0001-record-architecture-decisions.md)" in three
    assert "superseded" in (tmp_path / "doc/adr/0002-one.md").read_text().lower()
    assert adr("status", "0003", "accepted").code == 0
    assert adr("show", "3").out.splitlines()[0] == "3. Three"


def test_new_records_follow_the_format_of_the_latest_ones(tmp_path, adr):
    adr("init", env={"ADR_FORMAT": "nygard"})
    for i in range(2, 13):
        adr("new", f"Old {i}", env={"ADR_FORMAT": "nygard"})
    for i in range(13, 22):
        adr("new", f"New {i}", env={"ADR_FORMAT": "madr"})
    # 12 Nygard records, 9 MADR ones: the log has moved on, so the next record is MADR
    assert adr("new", "Next").code == 0
    assert (tmp_path / "doc/adr/0022-next.md").read_text().startswith("---\n")
    assert (tmp_path / "doc/adr/0012-old-12.md").read_text().startswith("# 12. Old 12\n")


def test_help_imports_no_parser_git_or_site_code():
    """Start-up stays fast: commands import their implementation when they run."""
    import subprocess
    import sys

    script = (
        "import sys\nfrom adr.cli import main\nsys.argv = ['adr', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('yaml', 'markdown_it', 'git', 'mkdocs', 'adr.store.parse_cache', 'adr.store.log', 'adr.parse', 'adr.model')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "Usage: adr" in result.stdout
    assert result.stderr.strip() == "[]", result.stderr


def test_prefixes_name_only_records_without_a_number(tmp_path, adr):
    """`adr show 2` never means 20 because there is no 2; a link's href never resolves by prefix."""
    log = tmp_path / "doc" / "adr"
    log.mkdir(parents=True)
    (log / "0001-start.md").write_text("# 1. Start\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n")
    (log / "0020-twenty.md").write_text("# 20. Twenty\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\nAmends [Use X](use-x)\n")
    (log / "use-x-everywhere.md").write_text("# Use X\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n")
    assert adr("show", "2").err.strip() == "adr: no decision record matches '2'"
    assert adr("show", "0020").out.startswith("20. Twenty")
    assert adr("show", "use-x").out.startswith("Use X\n")
    table = adr("list", "--format", "table", env={"NO_COLOR": "1"}).out.splitlines()
    assert [line.split()[0] for line in table] == ["Ref", "1", "20", "use"]
    checked = adr("check").out
    assert "0020-twenty.md:9: broken-link 'Amends' links to use-x, which does not exist" in checked


def test_known_relations_are_written_as_adr_tools_spells_them(tmp_path, adr):
    adr("init")
    adr("new", "Base")
    adr("new", "Tweak")
    assert adr("link", "3", "amends", "2").code == 0
    assert "- Amends [2. Base](0002-base.md)" in (tmp_path / "doc/adr/0003-tweak.md").read_text()
    assert "- Amended by [3. Tweak](0003-tweak.md)" in (tmp_path / "doc/adr/0002-base.md").read_text()


def test_status_already_set_by_hand_still_completes_a_pending_supersede(tmp_path, adr):
    adr("init")
    adr("new", "Use PostgreSQL")
    adr("status", "2", "accepted")
    adr("new", "-s", "2", "Use managed PostgreSQL")
    assert records(adr)[2]["status"] == "accepted"  # pending: 3 is only proposed
    newer = tmp_path / "doc/adr/0003-use-managed-postgresql.md"
    newer.write_text(newer.read_text().replace("status: proposed", "status: accepted", 1))  # accepted by hand
    done = adr("status", "3", "accepted")
    assert (done.code, done.out, done.err) == (0, "doc/adr/0002-use-postgresql.md\n", "")
    assert records(adr)[2]["status"] == "superseded"
    again = adr("status", "3", "accepted")
    assert (again.out, again.err.strip()) == ("", "adr: ADR 3 is already accepted; nothing changed")


def test_a_relation_inside_a_status_value_outlives_a_status_change(tmp_path, adr):
    adr("init")
    (tmp_path / "doc/adr/0002-use-flags.md").write_text('---\nstatus: "accepted; supersedes ADR-0001"\ndate: 2024-05-06\n---\n# Use flags\n')
    assert records(adr)[2]["links"][0]["relation"] == "supersedes"
    assert adr("status", "2", "deprecated").code == 0
    assert "status: deprecated; supersedes ADR-0001\n" in (tmp_path / "doc/adr/0002-use-flags.md").read_text()
    data = records(adr)[2]
    assert data["status"] == "deprecated" and data["links"][0]["relation"] == "supersedes"


@pytest.mark.parametrize("command", [
    ("status", "2", "accepted"), ("link", "2", "Amends", "1"), ("link", "1", "Amends", "2"),
    ("unlink", "2", "3"), ("unlink", "3", "2"), ("new", "-s", "2", "Replace", "it"),
])
def test_writing_commands_refuse_a_record_whose_front_matter_does_not_parse(tmp_path, adr, command):
    """An edit cannot know what broken YAML holds, so it must not rewrite (or half-write) it."""
    adr("init")
    adr("new", "Use", "PostgreSQL")
    adr("new", "-l", "2:Amends:Amended by", "Tune", "it")
    log = tmp_path / "doc/adr"
    broken = log / "0002-use-postgresql.md"
    broken.write_text(broken.read_text().replace("status: proposed", "status: [proposed", 1))
    before = {p.name: p.read_bytes() for p in log.iterdir()}
    result = adr(*command)
    assert result.code != 0, result
    line = broken.read_text().split("\n").index("date: 2024-05-06") + 1
    assert result.err.strip().splitlines() == [
        f"adr: doc/adr/0002-use-postgresql.md:{line}: not changing this file: invalid YAML front matter: did not find expected ',' or ']'"
    ]
    assert {p.name: p.read_bytes() for p in log.iterdir()} == before


def test_new_refuses_to_invalidate_an_assumption_that_is_still_the_template_prompt(tmp_path, adr):
    adr("init")
    adr("new", "Use", "PostgreSQL")
    log = tmp_path / "doc/adr"
    before = sorted(p.name for p in log.iterdir())
    line = (log / "0002-use-postgresql.md").read_text().split("\n").index(
        '- A1: (an assumption, e.g. "about a hundred partner organisations use the API, not the public")') + 1
    result = adr("new", "--invalidates", "2#A1", "Sell", "directly")
    assert result.code == 1, result
    assert result.err.splitlines() == [
        f"adr: doc/adr/0002-use-postgresql.md:{line}: A1 is still the template's placeholder, not an assumption; write it first"
    ]
    assert sorted(p.name for p in log.iterdir()) == before


@pytest.mark.parametrize(("status", "counts"), [("proposed", True), ("accepted", True), ("rejected", False), ("draft", False)])
def test_an_invalidation_counts_while_its_record_is_proposed_or_in_effect(tmp_path, adr, status, counts):
    """A live proposal saying an assumption no longer holds is an early warning; a draft or a rejected one is not."""
    adr("init", "docs/decisions")
    adr("new", "--status", "accepted", "--assumption", "Traffic is low", "Single node")
    assert adr("new", "--invalidates", "2#A1", "Proposal to scale out").code == 0
    assert adr("status", "3", status).code == 0
    shown = adr("show", "2").out
    at_risk = adr("list", "--status", "at-risk").out.split()
    if counts:
        assert "at risk: assumption A1 of ADR 2" in shown and "according to ADR 3" in shown
        assert at_risk == ["docs/decisions/0002-single-node.md"]
    else:
        assert shown.splitlines()[2].split() == ["status:", "accepted"]
        assert at_risk == []


def test_custom_relations_get_no_made_up_inverse(tmp_path, adr):
    """`Is costed by` / `Costs` are each other's back-link: nothing is guessed (no `Costs by`, no `Is costed`)."""
    adr("init")
    adr("new", "Two")
    adr("new", "Three")
    assert adr("link", "3", "Is costed by", "1", "Costs").code == 0
    assert adr("link", "3", "Implements", "2", "Implemented in").code == 0
    three, one = adr("show", "3").out, adr("show", "1").out
    assert three.splitlines()[4:6] == ["  Is costed by 1. Record architecture decisions", "  Implements 2. Two"]
    assert "back-link missing" not in three + one and " by 1." not in three.replace("Is costed by 1.", "")
    assert "Is costed 3" not in one and "Costs 3. Three" in one
    listed = json.loads(adr("list", "--format", "json").out)
    assert sorted(link["relation"] for r in listed for link in r["links"]) == ["costs", "implemented-in", "implements", "is-costed-by"]
    edges = [line.strip() for line in adr("generate", "graph", "--format", "mermaid").out.splitlines() if "-->" in line]
    assert edges == ['n0 -->|"Costs"| n2', 'n1 -->|"Implemented in"| n2', 'n2 -->|"Implements"| n1']


def test_a_custom_relation_written_on_one_side_is_linked_from_on_the_other(tmp_path, adr):
    adr("init")
    adr("new", "Costing")
    record = tmp_path / "doc/adr/0002-costing.md"
    record.write_text(record.read_text() + "\n## Links\n\n- Is costed by [1. Record](0001-record-architecture-decisions.md)\n")
    assert "  Linked from 2. Costing  (written in the other record only)" in adr("show", "1").out.splitlines()
    listed = json.loads(adr("list", "--format", "json").out)
    assert [(link["relation"], link["label"], link["explicit"]) for link in listed[0]["links"]] == [("linked-from", "Linked from", False)]
    edges = [line.strip() for line in adr("generate", "graph", "--format", "mermaid").out.splitlines() if "-->" in line]
    assert edges == ['n1 -->|"Is costed by"| n0']  # as written: there is no forward side to draw


def test_toc_of_a_multi_folder_log_links_package_records_from_where_the_toc_is(tmp_path, adr, copy_corpus):
    """log4brains packages live outside the first folder: their links keep their folder path."""
    import re

    project = copy_corpus("thomvaill__log4brains")
    beside_the_log = adr("generate", "toc", cwd=project)
    at_the_root = adr("generate", "toc", "-p", "docs/adr/", cwd=project)
    assert beside_the_log.code == at_the_root.code == 0, beside_the_log
    core = "packages/core/docs/adr/20201002-use-explicit-architecture-and-ddd-for-the-core-api.md"
    assert f"(../../{core})" in beside_the_log.out and f"({core})" in at_the_root.out
    assert "(docs/adr/20200924-use-markdown-architectural-decision-records.md)" in at_the_root.out
    for where, toc in ((project / "docs/adr", beside_the_log.out), (project, at_the_root.out)):
        links = re.findall(r"\]\(([^)]+)\)$", toc, re.M)
        assert len(links) > 10 and all((where / link).is_file() for link in links)


def test_toc_shows_titles_as_typed_where_markdown_allows(tmp_path, adr):
    adr("init")
    adr("new", "Use R&D budget for a < b")
    adr("new", "Allow <script> & &amp; in titles")
    toc = adr("generate", "toc").out
    assert "* [2. Use R&D budget for a < b](0002-use-r-d-budget-for-a-b.md)" in toc, toc
    assert "[3. Allow &lt;script> & &amp;amp; in titles]" in toc, toc


def test_table_tells_a_review_due_from_a_broken_assumption(tmp_path, adr):
    adr("init")
    adr("new", "--status", "accepted", "--assumption", "Traffic is low", "Single node")
    record = tmp_path / "doc/adr/0002-single-node.md"
    record.write_text(record.read_text().replace("tags: []\n", "tags: []\nreview-by: 2020-01-01\n", 1))
    rows = adr("list", "--format", "table", env={"NO_COLOR": "1", "COLUMNS": "100"}).out.splitlines()
    assert "accepted (review due)" in rows[2], rows
    adr("new", "--status", "accepted", "--invalidates", "2#A1", "Scale out")
    rows = adr("list", "--format", "table", env={"NO_COLOR": "1", "COLUMNS": "100"}).out.splitlines()
    assert "accepted (at risk)" in rows[2], rows


def test_a_supersede_cycle_is_refused_through_file_names_with_spaces(tmp_path, adr):
    adr("init", "--format", "nygard")
    log = tmp_path / "doc/adr"
    (log / "0002-use one.md").write_text("# 2. Use one\n\nDate: 2024-05-06\n\n## Status\n\nAccepted\n")
    adr("new", "-s", "2", "Use two")  # writes `Superseded by [3. Use two](0003-use-two.md)` into `0002-use one.md`
    refused = adr("link", "2", "Supersedes", "3")
    assert refused.code == 1 and "already supersedes" in refused.err, refused
    adr("new", "-s", "3", "Use three")  # 3 is now superseded by 4, linked as `0004-use-three.md`
    (log / "0004-use-three.md").rename(log / "0004-use three.md")
    for path in log.glob("*.md"):
        path.write_text(path.read_text().replace("0004-use-three.md", "0004-use%20three.md"))
    refused = adr("link", "2", "Supersedes", "4")
    assert refused.code == 1 and "'4. Use three' already supersedes '2. Use one'" in refused.err, refused
