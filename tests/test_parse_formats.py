"""The parser reads each common format, and turns what it cannot understand into file:line warnings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from adr.store.log import DecisionLog
from adr.model import BULLETS, MADR, NYGARD
from adr.parse import parse_record


def parse(text: str, name: str = "0007-some-thing.md"):
    return parse_record(Path("/log") / name, text)


def test_nygard_with_old_spellings_and_custom_labels():
    r = parse(
        "<!-- generated -->\n# 7. Use Things\n\nDate: 2020-02-03\n\n## Status\n\nAccepted\n\n"
        "Supercedes [3. Old](0003-old.md)\n\nIs costed by [4. Budget](0004-budget.md)\n\n## Context\n\nx\n"
    )
    assert (r.format, r.number, r.title_number, r.title, r.status) == (NYGARD, 7, 7, "Use Things", "accepted")
    assert r.date == dt.date(2020, 2, 3)
    assert [(l.relation, l.target, l.line) for l in r.links] == [("supersedes", "0003-old.md", 10), ("is-costed-by", "0004-budget.md", 12)]


def test_nygard_status_only_links_means_superseded():
    r = parse("# 2. X\n\nDate: 2020-01-01\n\n## Status\n\nSuperceded by [3. Y](0003-y.md)\n")
    assert r.status == "superseded" and r.links[0].relation == "superseded-by"


def test_emoji_upper_case_and_dd_mm_yyyy():
    r = parse("# Use It\n\nDate 28/03/2018\n\n## Status\n\n✅ ACCEPTED\n")
    assert (r.title, r.status, r.date) == ("Use It", "accepted", dt.date(2018, 3, 28))


def test_madr_front_matter():
    r = parse(
        "---\nstatus: Accepted\ndate: 2024-01-31\ndeciders: Ana, Bo\nconsulted: [Sec]\ninformed: Sales\n"
        "tags: [a, b]\nreview-by: 2025-01-01\n---\n# Pick it\n\n## Assumptions\n\n- A1: one\n- two\n"
    )
    assert (r.format, r.title, r.status, r.date) == (MADR, "Pick it", "accepted", dt.date(2024, 1, 31))
    assert (r.decision_makers, r.consulted, r.informed, r.tags) == (["Ana", "Bo"], ["Sec"], ["Sales"], ["a", "b"])
    assert r.review_by == dt.date(2025, 1, 1)
    assert [(a.key, a.text, a.line) for a in r.assumptions] == [("A1", "one", 14), ("A2", "two", 15)]


def test_madr_status_with_references():
    r = parse("---\nstatus: \"accepted; supersedes ADR-0045\"\n---\n# X\n")
    assert r.status == "accepted" and [(l.relation, l.target) for l in r.links] == [("supersedes", "ADR-0045")]


def test_log4brains_bullets():
    r = parse(
        "# Use slugs\n\n* Status: superseded by [20201016-use-slugs](20201016-use-slugs.md)\n* Deciders: Ana, Bo\n"
        "* Date: 2020-09-26\n* Tags: id, naming\n\n## Context\n\nx\n\n## Links\n\n- Relates to [Other](20200101-other.md)\n",
        name="20200926-use-numbers.md",
    )
    assert (r.format, r.number, r.status, r.date) == (BULLETS, None, "superseded", dt.date(2020, 9, 26))
    assert r.decision_makers == ["Ana", "Bo"] and r.tags == ["id", "naming"]
    assert [(l.relation, l.target) for l in r.links] == [("superseded-by", "20201016-use-slugs.md"), ("relates-to", "20200101-other.md")]


def test_invalid_front_matter_is_a_diagnostic_with_line():
    r = parse("---\nstatus: [unclosed\ndate: 2020-01-01\n---\n# Title\n")
    assert r.title == "Title"
    assert [(d.code, d.line) for d in r.diagnostics] == [("invalid-front-matter", 3)]


def test_unclosed_front_matter_and_missing_title():
    r = parse("---\nstatus: accepted\n\nno end\n")
    assert {d.code for d in r.diagnostics} == {"invalid-front-matter", "no-title"}
    assert r.title == "0007-some-thing"


def test_code_fences_do_not_confuse_the_parser():
    r = parse("# T\n\n## Status\n\nAccepted\n\n## Example\n\n```\n## Status\n\nRejected\n```\n")
    assert r.status == "accepted" and [s.title for s in r.sections] == ["Status", "Example"]


def test_subfolders_and_non_records(tmp_path):
    (tmp_path / "area").mkdir()
    (tmp_path / "templates").mkdir()
    (tmp_path / "0001-a.md").write_text("# 1. A\n")
    (tmp_path / "area/0002-b.md").write_text("# 2. B\n")
    for name in ("README.md", "index.md", "template.md", "templates/template.md", "notes.txt"):
        (tmp_path / name).write_text("# not a record\n")
    log = DecisionLog.load(tmp_path)
    assert [r.title for r in log.records] == ["A", "B"]


def test_findings_are_one_line_whatever_the_file_holds():
    """Found by fuzzing: a link target with a new line, a date with U+2028."""
    from adr.errors import AdrError, Diagnostic

    d = Diagnostic("x.md", 1, "broken-link", "'SUPERSEDED BY' links to \n:, which does not exist")
    assert str(d) == "x.md:1: broken-link 'SUPERSEDED BY' links to :, which does not exist"
    assert "\u2028" not in str(AdrError("date '0\u20280' is not a date", "x.md", 2))


def test_section_text_is_the_markdown_under_its_heading():
    from adr.model import Section

    r = parse("---\nstatus: accepted\n---\n# T\n\n## Decision\n\nUse X.\n\n### Why\n\nCheap.\n\n## Links\n")
    decision, why = r.section("decision"), r.section("why")
    assert decision.text == "Use X.\n\n### Why\n\nCheap." and why.text == "Cheap."
    assert r.section("links").text == ""
    assert Section("Notes", 2, 1, 3, "Written by hand.").text == "Written by hand."  # library callers


def test_json_export_reports_broken_links_of_a_record_outside_the_log(tmp_path):
    from adr.report.export import record_data

    (tmp_path / "0001-a.md").write_text("# 1. A\n\n## Status\n\nAccepted\n\nAmends [2. Gone](0002-gone.md)\n")
    log = DecisionLog.load(tmp_path)
    inside = record_data(log, log.records[0], base=tmp_path)
    outside = record_data(log, parse_record(tmp_path / "0003-c.md", "# 3. C\n\n## Status\n\nAccepted\n\nAmends [9. Gone](0009-gone.md)\n"), base=tmp_path)
    assert [(l["target"], l.get("broken")) for l in inside["links"]] == [("0002-gone.md", True)]
    assert [(l["target"], l.get("broken")) for l in outside["links"]] == [("0009-gone.md", True)]


def test_status_line_is_where_each_format_writes_the_status():
    front_matter = parse("---\ndate: 2024-01-31\n'Status': draft\ntags: [a]\n---\n# Pick it\n\nThe status of things.\n")
    bullets = parse("# Use slugs\n\n- Date: 2020-09-26\n- Status: accepted\n", name="20200926-use-slugs.md")
    nygard = parse("# 2. X\n\nDate: 2020-01-01\n\n## Status\n\nAmends [1. W](0001-w.md)\n\nProposed\n")
    only_link = parse("# 2. X\n\nDate: 2020-01-01\n\n## Status\n\nSuperceded by [3. Y](0003-y.md)\n")
    flow = parse("---\n{status: accepted, date: 2024-01-31}\n---\n# Y\n")
    assert [(r.status, r.status_line) for r in (front_matter, bullets, nygard, only_link, flow)] == [
        ("draft", 3), ("accepted", 4), ("proposed", 9), ("superseded", 7), ("accepted", None),
    ]
    assert [l.line for l in parse("---\ndate: 2024-01-31\nstatus: accepted; supersedes ADR-0045\n---\n# X\n").links] == [3]


def test_an_impossible_front_matter_date_is_kept_as_written():
    r = parse("---\nstatus: accepted\ndate: 2024-13-45\nreview-by: 2020-02-30\ntags: [a]\n---\n# T\n")
    assert r.diagnostics == [] and (r.status, r.tags, r.raw_date, r.date, r.review_by) == ("accepted", ["a"], "2024-13-45", None, None)
