"""`adr check`, rule by rule: the exact `file:line: rule-id message` line a user reads, on a log
that fires the rule and on the nearest log that must not.

The findings are computed in-process by the same calls `adr check` makes (`checks.run` over the
log on disk, printed by `formats.text`), which keeps these cases fast; the first test holds that
the command prints exactly those lines.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adr.report import checks
from adr.report.checks import formats
from adr.store.log import DecisionLog

LOG = Path("docs/decisions")


def madr(title: str, status: str | None = "accepted", date: str = "2024-01-02", extra: str = "", body: str = "") -> str:
    """A MADR 4 record: front matter on lines 1-4 (status on 2, date on 3), the title on line 5
    with no `extra` front matter, the body from line 11."""
    fm = f"status: {status}\n" if status is not None else ""
    fm += f"date: {date}\n" if date else ""
    return f"---\n{fm}{extra}---\n# {title}\n\n## Context and Problem Statement\n\nWhy.\n\n{body}"


def nygard(title: str, status: str = "Accepted", date: str = "2024-01-02", body: str = "") -> str:
    """An adr-tools record: title on line 1, `Date:` on line 3, the status on line 7."""
    return f"# {title}\n\nDate: {date}\n\n## Status\n\n{status}\n\n## Context\n\nWhy.\n{body}"


def links(*lines: str) -> str:
    return "## Links\n\n" + "".join(f"- {line}\n" for line in lines)


@pytest.fixture
def check(tmp_path, monkeypatch):
    """Write `files` into docs/decisions (bytes as they are; `outside` beside the log) and
    return the lines `adr check` prints for them."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ADR_DATE", "2024-05-06")

    def run(files: dict[str, str | bytes], statuses=(), rules=None, outside: dict[str, str] | None = None) -> list[str]:
        for name, text in {**{str(LOG / n): t for n, t in files.items()}, **(outside or {})}.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        log = DecisionLog.load([tmp_path / LOG])
        return formats.text(checks.run(checks.from_disk(log, statuses), rules)).splitlines()

    return run


def only(lines: list[str], rule: str) -> list[str]:
    return [line for line in lines if f": {rule} " in line]


def test_the_command_prints_exactly_these_lines(check, adr, tmp_path):
    lines = check({"0001-a.md": madr("A", "pondering"), "0001-b.md": madr("B", date="")})
    result = adr("check", cwd=tmp_path)
    assert result.code == 1
    assert result.out.splitlines() == lines == [
        "docs/decisions/0001-a.md:2: unknown-status unknown status 'pondering' (known: accepted, deprecated, draft, proposed, "
        "rejected, superseded; add custom ones under statuses: in .adr.yml) (warning)",
        "docs/decisions/0001-a.md:5: duplicate-number number 1 is also used by 0001-b.md; renumber one with `adr renumber`",
        "docs/decisions/0001-b.md:4: duplicate-number number 1 is also used by 0001-a.md; renumber one with `adr renumber`",
        "docs/decisions/0001-b.md:4: missing-date no date (warning)",
    ]
    assert result.err == "adr check: 2 errors, 2 warnings\n"


# --- duplicate-number ------------------------------------------------------------------------


def test_a_number_three_files_share_names_the_other_two_in_each(check):
    lines = check({
        "0001-a.md": madr("A"), "0001-b.md": madr("B"), "0001-c.md": "No heading here.\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n",
        "0002-d.md": madr("D"), "sub/0002-e.md": madr("E"), "sub/0003-f.md": madr("F"),
    })
    assert only(lines, "duplicate-number") == [
        "docs/decisions/0001-a.md:5: duplicate-number number 1 is also used by 0001-b.md, 0001-c.md; renumber one with `adr renumber`",
        "docs/decisions/0001-b.md:5: duplicate-number number 1 is also used by 0001-a.md, 0001-c.md; renumber one with `adr renumber`",
        "docs/decisions/0001-c.md:1: duplicate-number number 1 is also used by 0001-a.md, 0001-b.md; renumber one with `adr renumber`",
    ]  # 2 in docs/decisions and 2 in its sub-folder are two numbers


def test_unnumbered_records_never_collide(check):
    assert check({"use-a.md": madr("A"), "use-b.md": madr("B"), "0001-c.md": madr("C")}) == []


# --- title-number-mismatch -----------------------------------------------------------------


def test_a_title_number_other_than_the_files_is_reported_at_the_title(check):
    lines = check({
        "0003-three.md": "Preamble.\n\n# 7. Three\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n",
        "0004-four.md": nygard("4. Four"), "0005-five.md": nygard("Five"),
    })
    assert lines == ["docs/decisions/0003-three.md:3: title-number-mismatch title says 7 but the file is number 3"]


# --- broken-link ---------------------------------------------------------------------------


def test_broken_links_say_which_target_is_missing_the_record_itself_or_outside_the_log(check):
    lines = check({
        "0001-a.md": madr("A", body=links(
            "Amends [9. Gone](0009-gone.md)",  # 13
            "Relates to [itself](0001-a.md)",  # 14
            "Amends [the spec](../../spec.md)",  # 15: a file, but not a decision of the log
            "Relates to [the spec](../../spec.md)",  # 16: fine, relates-to may point anywhere
            "Relates to [a section](#section)",  # 17: fine, this page
            "Relates to [notes](notes/readme.md)",  # 18
            "Extends [hosts](/etc/hostname)",  # 19: outside
            "Relates to [2](0002-b.md#a1)",  # 20
            "Relates to [2](0002-b.md?plain=1)",  # 21
            "Relates to [3](0003%20c.md)",  # 22: as `adr link` writes a space
            "Depends on [2](../decisions/0002-b.md)",  # 23: the log, reached from outside it
            "Relates to [the spec](spec.markdown)",  # 24
            "Relates to [nothing](gone.markdown)",  # 25
        )),
        "0002-b.md": madr("B", body=links("Amended by [1. A](0001-a.md)", "Relates to [1. A](0001-a.md)", "Extended by [1. A](0001-a.md)", "Required by [1. A](0001-a.md)")),
        "0003 c.md": madr("C", body=links("Relates to [1. A](0001-a.md)")),
        "spec.markdown": "The spec\n",
    }, outside={"spec.md": "# The spec\n"})
    assert only(lines, "broken-link") == [
        "docs/decisions/0001-a.md:13: broken-link 'Amends' links to 0009-gone.md, which does not exist",
        "docs/decisions/0001-a.md:14: broken-link 'Relates to' links to the record itself",
        "docs/decisions/0001-a.md:15: broken-link 'Amends' links to ../../spec.md, which is outside the decision log",
        "docs/decisions/0001-a.md:18: broken-link 'Relates to' links to notes/readme.md, which does not exist",
        "docs/decisions/0001-a.md:19: broken-link 'Extends' links to /etc/hostname, which is outside the decision log",
        "docs/decisions/0001-a.md:25: broken-link 'Relates to' links to gone.markdown, which does not exist",
    ]


# --- missing-reverse-link ------------------------------------------------------------------


def test_a_link_written_on_one_side_names_the_back_link_to_add(check):
    lines = check({
        "0001-a.md": madr("A", body=links("Amends [2. B](0002-b.md)", "Extends [3. C](0003-c.md)")),
        "0002-b.md": madr("B", body=links("Amended by [1. A](0001-a.md)")),
        "0003-c.md": madr("C"),
        "use-e.md": madr("E", body=links("Clarifies [3](0003-c.md)")),
        "0005-f.md": madr("F", body=links("Is costed by [3](0003-c.md)")),  # a custom label: its reverse cannot be known
    })
    assert lines == [
        "docs/decisions/0003-c.md:5: missing-reverse-link no 'Clarified by' link to E, although use-e.md links here with 'Clarifies'; add it with `adr link` (warning)",
        "docs/decisions/0003-c.md:5: missing-reverse-link no 'Extended by' link to 1. A, although 1 links here with 'Extends'; add it with `adr link` (warning)",
    ]


def test_an_untitled_record_missing_a_back_link_is_reported_on_line_one(check):
    lines = check({"0001-a.md": madr("A", body=links("Depends on [2](0002-b.md)")), "0002-b.md": "Date: 2024-01-02\n\n## Status\n\nAccepted\n"})
    assert only(lines, "missing-reverse-link") == [
        "docs/decisions/0002-b.md:1: missing-reverse-link no 'Required by' link to 1. A, although 1 links here with 'Depends on'; add it with `adr link` (warning)",
    ]


# --- superseded-without-successor, superseded-too-early, successor-not-marked ----------------


def test_supersede_findings_name_each_successor_and_what_to_do(check):
    lines = check({
        "0001-a.md": madr("A", "superseded"),
        "0002-b.md": madr("B", "superseded", body=links("Superseded by [3. C](0003-c.md)", "Superseded by [4. D](0004-d.md)")),
        "0003-c.md": madr("C", "draft", body=links("Supersedes [2. B](0002-b.md)")),
        "0004-d.md": madr("D", "rejected", body=links("Supersedes [2. B](0002-b.md)")),
        "0005-e.md": madr("E", "superseded", body=links("Superseded by [6. F](0006-f.md)")),
        "0006-f.md": madr("F", "rejected", body=links("Supersedes [5. E](0005-e.md)")),
        "0007-g.md": madr("G", "proposed", body=links("Superseded by [8](0008-h.md)", "Superseded by [9](0009-i.md)")),
        "0008-h.md": madr("H", body=links("Supersedes [7](0007-g.md)", "Supersedes [10](0010-j.md)", "Supersedes [11](0011-k.md)", "Supersedes [12](0012-l.md)")),
        "0009-i.md": madr("I", "deprecated", body=links("Supersedes [7](0007-g.md)")),
        "0010-j.md": madr("J", "draft", body=links("Superseded by [8](0008-h.md)")),
        "0011-k.md": madr("K", "deprecated", body=links("Superseded by [8](0008-h.md)")),
        "0012-l.md": madr("L", "on hold", body=links("Superseded by [8](0008-h.md)")),
        "0013-m.md": madr("M", "superseded", body=links("Superseded by [14](0014-n.md)")),
        "0014-n.md": madr("N", None, body=links("Supersedes [13](0013-m.md)")),  # no status: in force
    }, statuses=["on hold"])
    assert [line for line in lines if "unknown-status" not in line] == [
        "docs/decisions/0001-a.md:2: superseded-without-successor status is superseded but no record supersedes it",
        "docs/decisions/0002-b.md:2: superseded-too-early superseded, but 3. C is draft, 4. D is rejected: no decision is in force; "
        "accept the successor, or put this one back with `adr status 2 accepted --force` (warning)",
        "docs/decisions/0005-e.md:2: superseded-too-early superseded, but 6. F is rejected: no decision is in force; "
        "put this one back with `adr status 5 accepted --force` (warning)",
        "docs/decisions/0007-g.md:2: successor-not-marked superseded by 8. H, 9. I but its status is still proposed (warning)",
        "docs/decisions/0010-j.md:2: successor-not-marked superseded by 8. H but its status is still draft (warning)",
    ]


def test_a_status_not_written_on_a_line_of_its_own_is_reported_at_the_title(check):
    """Flow-style front matter (`{status: ...}`) has no status line: the title line, else line 1."""
    lines = check({
        "0001-flow.md": "---\n{status: pondering, date: 2024-01-02}\n---\n# Flow\n",
        "0002-untitled.md": "---\n{status: pondering, date: 2024-01-02, title: Untitled}\n---\nBody.\n",
        "0003-gone.md": "---\n{status: superseded, date: 2024-01-02}\n---\n\n# Gone\n",
    })
    known = "(known: accepted, deprecated, draft, proposed, rejected, superseded; add custom ones under statuses: in .adr.yml) (warning)"
    assert lines == [
        f"docs/decisions/0001-flow.md:4: unknown-status unknown status 'pondering' {known}",
        f"docs/decisions/0002-untitled.md:1: unknown-status unknown status 'pondering' {known}",
        "docs/decisions/0003-gone.md:5: superseded-without-successor status is superseded but no record supersedes it",
    ]


# --- supersede-cycle -----------------------------------------------------------------------


def test_each_supersede_cycle_is_reported_once_with_its_whole_chain(check):
    def supersedes(*targets: str) -> str:
        return links(*(f"Supersedes [{t}]({t})" for t in targets))

    lines = check({
        "0001-a.md": madr("A", "superseded", body=supersedes("0002-b.md")),
        "0002-b.md": madr("B", "superseded", body=supersedes("0003-c.md")),
        "0003-c.md": madr("C", "superseded", body=supersedes("0001-a.md")),
        "0004-d.md": madr("D", "superseded", body=supersedes("0004-d.md")),  # itself: no edge, so no successor
        "0005-e.md": madr("E", "superseded", body=supersedes("0006-f.md")),
        "0006-f.md": madr("F", "superseded", body=supersedes("0005-e.md", "0007-g.md")),
        "0007-g.md": madr("G", "superseded", body=supersedes("0006-f.md")),
        "0008-h.md": madr("H", body=supersedes("0009-i.md")),
        "0009-i.md": madr("I", "superseded", body=supersedes("0010-j.md")),
        "0010-j.md": madr("J", "superseded"),
        "0011-k.md": "Date: 2024-01-02\n\n## Status\n\nSuperseded by [12](0012-l.md)\n\n## Links\n\n- Supersedes [12](0012-l.md)\n",
        "0012-l.md": madr("L", "superseded", body=supersedes("0011-k.md")),
    }, rules={"missing-reverse-link": "off", "broken-link": "off", "no-title": "off"})
    assert lines == [
        "docs/decisions/0001-a.md:5: supersede-cycle supersede cycle: 1. A → 3. C → 2. B → 1. A",
        "docs/decisions/0004-d.md:2: superseded-without-successor status is superseded but no record supersedes it",
        "docs/decisions/0005-e.md:5: supersede-cycle supersede cycle: 5. E → 6. F → 5. E",
        "docs/decisions/0006-f.md:5: supersede-cycle supersede cycle: 6. F → 7. G → 6. F",
        "docs/decisions/0011-k.md:1: supersede-cycle supersede cycle: 11. 0011-k → 12. L → 11. 0011-k",
    ]


# --- unknown-status, missing-date, invalid-date --------------------------------------------


def test_statuses_outside_the_lifecycle_and_missing_ones(check):
    lines = check({
        "0001-a.md": madr("A", "pondering"),
        "0002-b.md": "Intro.\n\n# 2. B\n\nSome text.\n",
        "0003-c.md": b"# 3. C\n\nCaf\xe9\n",  # unreadable: its status and date are not worth a finding
        "0004-d.md": madr("D", "on hold"),
        "0005-e.md": "Some text, no title.\n",
        "0006-f.md": madr("F", "draft"),
    }, statuses=["on hold"])
    assert lines == [
        "docs/decisions/0001-a.md:2: unknown-status unknown status 'pondering' (known: accepted, deprecated, draft, on hold, proposed, "
        "rejected, superseded; add custom ones under statuses: in .adr.yml) (warning)",
        "docs/decisions/0002-b.md:3: missing-date no date (warning)",
        "docs/decisions/0002-b.md:3: unknown-status no status found (warning)",
        "docs/decisions/0003-c.md:3: unreadable invalid UTF-8; undecodable bytes shown as \ufffd",
        "docs/decisions/0005-e.md:1: missing-date no date (warning)",
        "docs/decisions/0005-e.md:1: no-title no '# Title' heading; using the file name (warning)",
        "docs/decisions/0005-e.md:1: unknown-status no status found (warning)",
    ]


def test_a_date_no_reader_can_rely_on_is_reported_on_its_line(check):
    lines = check({
        "0001-a.md": madr("A", "proposed", date="May", extra="review-by: soon\n"),
        "0002-b.md": "Intro.\n\n# 2. B\n\n**Date:** sometime\n\n## Status\n\nAccepted\n",  # no `Date:` line to point at: the title
        "0003-c.md": b"Intro.\n\n# 3. C\n\n- Date: sometime\n- Status: accepted\n\n\xff\n",  # read in spite of a bad byte
        "0004-d.md": "**Date:** sometime\n\n## Status\n\nAccepted\n",
        "0005-e.md": madr("E", date="2024-02-30"),
    }, rules={"unreadable": "off", "no-title": "off"})
    assert lines == [
        "docs/decisions/0001-a.md:3: invalid-date date 'May' is not a date (write YYYY-MM-DD) (warning)",
        "docs/decisions/0001-a.md:4: invalid-date review-by 'soon' is not a date (write YYYY-MM-DD): no review will ever be due (warning)",
        "docs/decisions/0002-b.md:3: invalid-date date 'sometime' is not a date (write YYYY-MM-DD) (warning)",
        "docs/decisions/0003-c.md:5: invalid-date date 'sometime' is not a date (write YYYY-MM-DD) (warning)",
        "docs/decisions/0004-d.md:1: invalid-date date 'sometime' is not a date (write YYYY-MM-DD) (warning)",
        "docs/decisions/0005-e.md:3: invalid-date date '2024-02-30' is not a date (write YYYY-MM-DD) (warning)",
    ]


# --- review-overdue, template-placeholder --------------------------------------------------


def test_a_review_is_overdue_the_day_after_its_date_and_only_while_in_force(check):
    lines = check({  # today is 2024-05-06
        "0001-a.md": madr("A", "on hold", extra="review-by: 2024-05-06\n"),
        "0002-b.md": madr("B", "draft", extra="review-by: 2024-05-05\n"),
        "0003-c.md": madr("C", "superseded", extra="review-by: 2020-01-01\n", body=links("Superseded by [2](0002-b.md)")),
        "0004-d.md": madr("D", "rejected", extra="review-by: 2020-01-01\n"),
        "0005-e.md": madr("E", "deprecated", extra="review-by: 2020-01-01\n"),
        "0006-f.md": "# 6. F\n\n- Date: 2024-01-02\n- Status: accepted\n- Review-by: 2021-03-04\n",
        "0007-g.md": madr("G", "proposed", extra="review-by: 2020-01-01\n"),
    }, statuses=["on hold"], rules={"missing-reverse-link": "off", "superseded-too-early": "off"})
    assert lines == [
        "docs/decisions/0002-b.md:4: review-overdue review was due on 2024-05-05 (warning)",
        "docs/decisions/0006-f.md:5: review-overdue review was due on 2021-03-04 (warning)",
        "docs/decisions/0007-g.md:4: review-overdue review was due on 2020-01-01 (warning)",
    ]


def test_template_text_left_in_is_quoted_at_its_line(check):
    lines = check({"0001-a.md": madr("A", body="## Decision Outcome\n\nChosen option: \"(option 1)\", because (justification).\n")})
    assert lines == ["docs/decisions/0001-a.md:13: template-placeholder template placeholder left in: '(option 1)' (warning)"]


# --- broken-assumption-ref -----------------------------------------------------------------


def test_an_assumption_link_to_nothing_says_what_is_missing(check):
    def assumptions(*items: str) -> str:
        return "## Assumptions\n\n" + "".join(f"- {item}\n" for item in items)

    lines = check({
        "0001-a.md": madr("A"),
        "0002-b.md": madr("B", body=assumptions(
            "A1: Traffic is low.", "A2: One region.",  # 13, 14
            "[A7 of 1](0001-a.md#a7): gone",  # 15
            "[A1 of 99](0099-x.md#a1): nothing",  # 16
            "[A2](#a2): no longer",  # 17: its own A2, which it has
            "[A3](#a3): no such",  # 18
        )),
        "0003-c.md": madr("C", body=assumptions("[A1 of 2](0002-b.md#a1): grew", "[A2 of 2](0002-b.md#A2): grew")),
    })
    assert lines == [
        "docs/decisions/0002-b.md:15: broken-assumption-ref 1. A has no assumption A7 (it has: none)",
        "docs/decisions/0002-b.md:16: broken-assumption-ref assumption link to 0099-x.md#a1: no such record",
        "docs/decisions/0002-b.md:18: broken-assumption-ref 2. B has no assumption A3 (it has: A1, A2)",
    ]


# --- the parser's own findings and severities -----------------------------------------------


def test_parse_problems_are_findings_of_their_own_rule(check):
    lines = check({
        "0001-a.md": "---\nstatus: [accepted\n---\n# A\n\nDate: 2024-01-02\n",
        "0002-b.md": b"# 2. B\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\nCaf\xe9\n",
        "0003-c.md": "Date: 2024-01-02\n\n## Status\n\nAccepted\n",
    }, rules={"unknown-status": "off"})
    assert lines == [
        "docs/decisions/0001-a.md:3: invalid-front-matter invalid YAML front matter: did not find expected ',' or ']'",
        "docs/decisions/0002-b.md:9: unreadable invalid UTF-8; undecodable bytes shown as \ufffd",
        "docs/decisions/0003-c.md:1: no-title no '# Title' heading; using the file name (warning)",
    ]
    assert check({}, rules={"no-title": "off", "unreadable": "warning", "unknown-status": "off"}) == [
        "docs/decisions/0001-a.md:3: invalid-front-matter invalid YAML front matter: did not find expected ',' or ']'",
        "docs/decisions/0002-b.md:9: unreadable invalid UTF-8; undecodable bytes shown as \ufffd (warning)",
    ]


def test_a_record_linking_twice_names_the_link_each_back_link_answers(check):
    """It said "no 'Amended by' link to 1. A, although 1 links here with 'Relates to'": the
    last link between the two records, not the `Amends` whose back-link is missing."""
    lines = check({"0001-a.md": madr("A", body=links("Amends [2. B](0002-b.md)", "Relates to [2. B](0002-b.md)")), "0002-b.md": madr("B")})
    assert lines == [
        "docs/decisions/0002-b.md:5: missing-reverse-link no 'Amended by' link to 1. A, although 1 links here with 'Amends'; add it with `adr link` (warning)",
        "docs/decisions/0002-b.md:5: missing-reverse-link no 'Relates to' link to 1. A, although 1 links here with 'Relates to'; add it with `adr link` (warning)",
    ]
