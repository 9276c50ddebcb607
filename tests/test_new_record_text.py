"""The whole text `adr new` writes: built-in templates in both formats, the log's own template,
`ADR_TEMPLATE`, the metadata options and assumptions, and the errors it refuses with, nothing
written. A user who sees these break gets a record that reads back wrong or a file they must fix."""

from __future__ import annotations

from adr.edit import templates
from tests.edit_log import log  # noqa: F401  (the fixture)

A1_EXAMPLE = '- A1: (an assumption, e.g. "about a hundred partner organisations use the API, not the public")'


def madr_body(title: str, assumptions: list[str] | None = None) -> str:
    body = templates.MADR_BODY.replace("# TITLE", f"# {title}")
    return body.replace(A1_EXAMPLE, "\n".join(assumptions)) if assumptions else body


def nygard_body(number: int, title: str, status: str = "Accepted") -> str:
    return templates.NYGARD.replace("NUMBER", str(number)).replace("TITLE", title).replace("DATE", "2024-05-06").replace("STATUS", status)


EMPTY_PEOPLE = "decision-makers: []\nconsulted: []\ninformed: []\ntags: []\n"


def test_a_madr_record_keeps_every_option_in_its_front_matter_and_assumptions(log):
    """`adr new` with people, tags and assumptions: each in its front matter list or as A1, A2,
    in the order given, blanks dropped, inner runs of spaces made one."""
    path = log.new("Use  *Postgre*SQL\t", deciders=["Ana Lima", "  ", "Platform  team"], consulted=["Security"],
                   informed=["Sales", "Support"], tags=["data"], assumptions=["About 100 partners", "Two\tregions"])
    assert path == "doc/adr/0001-use-postgre-sql.md"
    assert log.text("0001-use-postgre-sql.md") == (
        "---\nstatus: proposed\ndate: 2024-05-06\ndecision-makers: [Ana Lima, Platform team]\nconsulted: [Security]\n"
        "informed: [Sales, Support]\ntags: [data]\n---\n"
        + madr_body("Use \\*Postgre\\*SQL", ["- A1: About 100 partners", "- A2: Two regions"])
    )


def test_long_lists_and_accents_stay_on_one_line_as_typed(log):
    """A front matter list longer than a terminal line is not folded; `Zoë` is not escaped."""
    north, south = "Partner managers of the northern region", "Partner managers of the southern region"
    log.new("Use Redis", deciders=["Zoë"], informed=[north, south, "Support"])
    assert log.text("0001-use-redis.md").startswith(
        f"---\nstatus: proposed\ndate: 2024-05-06\ndecision-makers: [Zoë]\nconsulted: []\ninformed: [{north}, {south}, Support]\ntags: []\n---\n"
    )


def test_a_nygard_log_with_a_template_without_placeholders_gets_the_title_in_its_heading(log):
    (log.root / ".adr.yml").write_text("format: nygard\n")
    log.put("templates/template.md", "# [short title]\n\n## Status\n\n[status]\n")
    log.new("Use *X*")
    assert log.text("0001-use-x.md") == "# Use \\*X\\*\n\n## Status\n\n[status]\n"


def test_a_madr_record_without_options_has_empty_lists_and_the_assumption_prompt(log):
    """The prompt `- A1: (an assumption ...)` stays for the author; `--status Accepted` is written lower case."""
    log.new("Use Redis", status="Accepted")
    assert log.text("0001-use-redis.md") == "---\nstatus: accepted\ndate: 2024-05-06\n" + EMPTY_PEOPLE + "---\n" + madr_body("Use Redis")


def test_a_malformed_adr_date_is_written_as_given_in_the_front_matter(log, monkeypatch):
    """`ADR_DATE` that is no ISO date is kept as text (quoted by YAML when it must be)."""
    monkeypatch.setenv("ADR_DATE", "soon")
    log.new("Use Redis")
    assert log.text("0001-use-redis.md").startswith("---\nstatus: proposed\ndate: soon\ndecision-makers: []\n")


def test_the_first_records_of_adr_init(log):
    """`adr init`'s record: number 1 and accepted, in both formats."""
    assert log.new("Record architecture decisions", first=True) == "doc/adr/0001-record-architecture-decisions.md"
    assert log.text("0001-record-architecture-decisions.md") == (
        "---\nstatus: accepted\ndate: 2024-05-06\n" + EMPTY_PEOPLE + "---\n" + templates.MADR_FIRST_BODY
    )
    (log.folder / "0001-record-architecture-decisions.md").unlink()
    (log.root / ".adr.yml").write_text("format: nygard\n")
    log.new("Record architecture decisions", first=True)
    assert log.text("0001-record-architecture-decisions.md") == templates.NYGARD_FIRST.replace("NUMBER", "1").replace("DATE", "2024-05-06")


def test_the_first_record_is_number_1_in_a_log_without_records(log):
    """Other files in the folder (`0009-notes.txt`) do not move `adr init`'s record from 1; once
    the log holds a record, a first record is numbered after it."""
    log.put("0009-notes.txt", "not a record")
    assert log.new("Record architecture decisions", first=True) == "doc/adr/0001-record-architecture-decisions.md"
    assert log.new("Record them again", first=True) == "doc/adr/0010-record-them-again.md"


def test_a_nygard_record_keeps_people_tags_and_assumptions_after_its_date(log):
    """Nygard: `Deciders:` and the others one paragraph each after `Date:`, the status capitalised,
    assumptions in a section before the Decision."""
    (log.root / ".adr.yml").write_text("format: nygard\n")
    log.new("Use Kafka", status="proposed", deciders=["Ana Lima", "Bo"], consulted=["Sec"], informed=["Sales"],
            tags=["data", "api"], assumptions=["About 100 partners"])
    expected = nygard_body(1, "Use Kafka", "Proposed").replace(
        "Date: 2024-05-06\n", "Date: 2024-05-06\n\nDeciders: Ana Lima, Bo\n\nConsulted: Sec\n\nInformed: Sales\n\nTags: data, api\n"
    ).replace("## Decision\n", "## Assumptions\n\n- A1: About 100 partners\n\n## Decision\n")
    assert log.text("0001-use-kafka.md") == expected


def test_a_nygard_record_with_only_a_tag(log):
    """One metadata line alone; no assumptions section when none is given."""
    (log.root / ".adr.yml").write_text("format: nygard\n")
    log.new("Use Kafka", tags=["events"])
    assert log.text("0001-use-kafka.md") == nygard_body(1, "Use Kafka").replace("Date: 2024-05-06\n", "Date: 2024-05-06\n\nTags: events\n")


def test_the_next_number_and_the_padding_follow_the_log(log):
    """After `003-b.md` comes `004-…` padded like the log; a gap is not filled; a number found only
    in a name that is no record (`0009-notes.txt`) still counts."""
    log.write(_001_a="# 1. A\n\n## Status\n\nAccepted\n", _003_b="# 3. B\n\n## Status\n\nAccepted\n")
    assert log.new("Next one") == "doc/adr/004-next-one.md"
    assert log.text("004-next-one.md") == nygard_body(4, "Next one")
    log.put("0009-notes.txt", "not a record")
    assert log.new("After notes") == "doc/adr/010-after-notes.md"


def test_the_format_follows_the_latest_nine_records(log):
    """Ten records, the oldest five Nygard, the latest five MADR: the latest nine hold a MADR
    majority, so the next is MADR; a tie goes to Nygard."""
    for n in range(1, 11):
        text = f"# {n}. R{n}\n\n## Status\n\nAccepted\n" if n <= 5 else f"---\nstatus: accepted\n---\n# R{n}\n"
        log.put(f"{n:04d}-r{n}.md", text)
    log.new("Eleven")
    assert log.text("0011-eleven.md").startswith("---\nstatus: proposed\n")
    log.put("0012-r12.md", "# 12. R12\n\n## Status\n\nAccepted\n")  # latest nine: 4..12, Nygard 4, 5, 12 and MADR 6..11
    log.new("Thirteen")
    assert log.text("0013-thirteen.md").startswith("---\n")
    log.put("0014-r14.md", "# 14. R14\n\n## Status\n\nAccepted\n")
    log.put("0015-r15.md", "# 15. R15\n\n## Status\n\nAccepted\n")  # 7..15: MADR 7..11, 13; Nygard 12, 14, 15
    log.new("Sixteen")
    assert log.text("0016-sixteen.md").startswith("---\n")
    log.put("0017-r17.md", "# 17. R17\n\n## Status\n\nAccepted\n")  # 9..17: MADR 9, 10, 11, 13, 16; Nygard 12, 14, 15, 17
    log.put("0018-r18.md", "# 18. R18\n\n## Status\n\nAccepted\n")  # 10..18: 5 Nygard of 9
    assert log.new("Nineteen") == "doc/adr/0019-nineteen.md"
    assert log.text("0019-nineteen.md") == nygard_body(19, "Nineteen")


def test_a_tie_between_the_formats_goes_to_nygard(log):
    log.write(_0001_a="# 1. A\n\n## Status\n\nAccepted\n", _0002_b="---\nstatus: accepted\n---\n# B\n")
    log.new("Third")
    assert log.text("0003-third.md").startswith("# 3. Third\n")


def test_records_that_do_not_parse_do_not_choose_the_format(log):
    """A record whose front matter is broken says nothing about the log's format."""
    log.write(_0001_a="# 1. A\n\n## Status\n\nAccepted\n", _0002_b="---\nstatus: [accepted\n---\n# B\n")
    log.new("Third")
    assert log.text("0003-third.md").startswith("# 3. Third\n")


def test_records_without_numbers_choose_the_format_too(log):
    """A log of `use-x.md` names, without numbers: its records' format still counts."""
    log.write(use_x="# Use X\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n")
    assert log.new("Use Y") == "doc/adr/0001-use-y.md"
    assert log.text("0001-use-y.md").startswith("# 1. Use Y\n")


def test_a_log4brains_log_names_new_records_by_date(log, monkeypatch):
    """Most of the latest names are dates and none has a number: `20240506-title.md`; a bad
    `ADR_DATE` is refused in one line."""
    log.write(_20200110_a="# A\n\n- Status: accepted\n", _20200212_b="# B\n\n- Status: accepted\n", notes="# Notes\n\n- Status: accepted\n")
    assert log.new("Use Lunr") == "doc/adr/20240506-use-lunr.md"
    assert log.text("20240506-use-lunr.md").startswith("---\nstatus: proposed\n")
    monkeypatch.setenv("ADR_DATE", "06/05/2024")
    assert log.refused("new", "Use Flex") == "ADR_DATE '06/05/2024' is not a date like 2024-05-06"


def test_half_date_names_are_no_date_named_log(log):
    """Two names of four are dates: that is no log4brains log, the next gets a number."""
    log.write(_20200110_a="# A\n", _20200212_b="# B\n", notes="# Notes\n", other="# Other\n")
    assert log.new("Use Lunr") == "doc/adr/0001-use-lunr.md"


def test_a_title_made_only_of_spaces_is_refused(log):
    assert log.refused("new", " \t\n ") == "no title given"


def test_a_record_of_the_same_name_is_not_overwritten(log):
    log.write(_20200110_a="# A\n", _20240506_use_lunr="# Use Lunr\n")
    assert log.refused("new", "Use Lunr") == (
        "doc/adr/20240506-use-lunr.md: a record of this name was already written today; give this one another title; nothing written"
    )


def test_nygard_refuses_a_name_with_a_comma(log):
    """A comma separates names on a `Deciders:` line, so one inside a name cannot be kept."""
    (log.root / ".adr.yml").write_text("format: nygard\n")
    assert log.refused("new", "Use X", deciders=["Lima, Ana"], consulted=["Sec"]) == (
        "a Nygard record cannot keep --decider 'Lima, Ana': commas separate names there; nothing written"
    )
    assert log.refused("new", "Use X", informed=["A, B", "C"]) == (
        "a Nygard record cannot keep --informed 'A, B' --informed 'C': commas separate names there; nothing written"
    )
    assert log.refused("new", "Use X", tags=["a,b"]) == (
        "a Nygard record cannot keep --tag 'a,b': commas separate names there; nothing written"
    )
    assert log.refused("new", "Use X", consulted=["a,b"]) == (
        "a Nygard record cannot keep --consulted 'a,b': commas separate names there; nothing written"
    )


def test_a_template_that_cannot_keep_an_option_is_refused(log):
    """A template without front matter or `Deciders:` prompts loses what was asked: refused."""
    log.put("templates/template.md", "# NUMBER. TITLE\n\n## Status\n\nSTATUS\n")
    for option, kwargs in (("--decider 'Ana'", {"deciders": ["Ana"]}), ("--consulted 'Sec'", {"consulted": ["Sec"]}),
                           ("--informed 'Sales'", {"informed": ["Sales"]}), ("--tag 'data'", {"tags": ["data"]}),
                           ("--assumption 'Few users'", {"assumptions": ["Few users"]})):
        assert log.refused("new", "Use X", **kwargs) == f"doc/adr/templates/template.md: this template does not keep {option}; nothing written"


def test_the_adr_tools_template_is_filled_once_per_placeholder_on_each_line(log):
    """NUMBER, TITLE, DATE and STATUS: the first of each on a line, the title as Markdown text."""
    (log.root / ".adr.yml").write_text("format: nygard\n")
    log.put("templates/template.md", "# NUMBER. TITLE (TITLE)\n\nDate: DATE DATE\n\n## Status\n\nSTATUS\n\nNUMBER STATUS\n")
    log.new("Use [brackets]")
    assert log.text("0001-use-brackets.md") == (
        "# 1. Use \\[brackets\\] (TITLE)\n\nDate: 2024-05-06 DATE\n\n## Status\n\nAccepted\n\n1 Accepted\n"
    )


def test_adr_template_wins_and_a_missing_one_is_refused(log, monkeypatch):
    log.put("templates/template.md", "# NUMBER. TITLE\n")
    other = log.root / "mine.md"
    other.write_text("---\nstatus: STATUS\n---\n# TITLE\n\nDate: DATE\n")
    monkeypatch.setenv("ADR_TEMPLATE", str(other))
    log.new("Use X")
    assert log.text("0001-use-x.md") == "---\nstatus: proposed\n---\n# Use X\n\nDate: 2024-05-06\n"
    monkeypatch.setenv("ADR_TEMPLATE", str(log.root / "nope.md"))
    assert log.refused("new", "Use Y") == "nope.md: template not found (ADR_TEMPLATE)"


def test_a_madr2_template_beside_the_records_gets_the_title_and_the_people(log):
    """log4brains' and MADR 2's `template.md`: no TITLE, so the first heading becomes the title and
    the `- Status: [...]` prompts are filled where an option gives a value; the others stay."""
    log.put("template.md", (
        "* Status: [before the heading]\n\n# [short title of solved problem and solution]\n\n"
        "- Status: [draft | proposed | accepted]\n- Deciders: [everyone involved]\n- Date: [YYYY-MM-DD]\n"
        "- Consulted: [who]\n- Informed: [who]\n- tags: [a list]\n- Other: [kept]\n\n## Context\n\n[Describe it.]\n\n# Second heading\n"
    ))
    log.new("Use *CRDTs*", deciders=["Ana", "Platform team"], tags=["sync"])
    assert log.text("0001-use-crdts.md") == (
        "* Status: [before the heading]\n\n# Use \\*CRDTs\\*\n\n"
        "- Status: proposed\n- Deciders: Ana, Platform team\n- Date: 2024-05-06\n"
        "- Consulted: [who]\n- Informed: [who]\n- tags: sync\n- Other: [kept]\n\n## Context\n\n[Describe it.]\n\n# Second heading\n"
    )
    log.new("Ask people", consulted=["Sec"], informed=["Sales"])
    assert "- Deciders: [everyone involved]\n- Date: 2024-05-06\n- Consulted: Sec\n- Informed: Sales\n- tags: [a list]\n" in log.text("0002-ask-people.md")
    log.put("template.md", "# [title]\n\n* Status: [draft | proposed]\n* Date: [when]\n")  # MADR 2's `*` bullets
    log.new("Use stars")
    assert log.text("0003-use-stars.md") == "# Use stars\n\n* Status: proposed\n* Date: 2024-05-06\n"


def test_a_template_with_front_matter_gets_the_title_in_its_first_heading_after_it(log):
    """A YAML comment (`# Keep this`) in the front matter is no heading."""
    log.put("adr-template.md", "---\n# Keep this\nlayout: adr\nstatus: proposed\n...\n\n# {short title}\n\nText.\n")
    log.new("Use X")
    assert log.text("0001-use-x.md") == "---\n# Keep this\nlayout: adr\nstatus: proposed\n...\n\n# Use X\n\nText.\n"


def test_a_template_without_a_heading_is_used_as_it_is(log):
    log.put("template.md", "---\nstatus: proposed\n---\nJust text.\n")
    log.new("Use X")
    assert log.text("0001-use-x.md") == "---\nstatus: proposed\n---\nJust text.\n"


def test_a_template_whose_front_matter_never_closes_is_searched_from_the_top(log):
    log.put("template.md", "---\n# Use this\n")
    log.new("Use X")
    assert log.text("0001-use-x.md") == "---\n# Use X\n"


def test_the_template_named_template_comes_before_adr_template_and_others(log):
    """Several template files beside the records: `template.md`, then `adr-template.md`, then by name."""
    log.put("b-template.md", "# B TITLE\n")
    log.put("a-template.markdown", "# A TITLE\n")
    log.new("One")
    assert log.text("0001-one.md") == "# A One\n"
    log.put("A-template.md", "# A- TITLE\n")  # sorts before `ADR-Template.md`
    assert log.new("Two") == "doc/adr/0002-two.md"
    assert log.text("0002-two.md") == "# A- Two\n"
    log.put("ADR-Template.md", "# ADR TITLE\n")
    log.new("Two more")
    assert log.text("0003-two-more.md") == "# ADR Two more\n"
    log.put("Template.md", "# T TITLE\n")
    log.new("Three")
    assert log.text("0004-three.md") == "# T Three\n"
    log.put("templates/template.md", "# NUMBER. TITLE\n")
    log.new("Four")
    assert log.text("0005-four.md") == "# 5. Four\n"


def test_a_template_folder_or_file_not_named_for_a_template_is_not_one(log):
    """A folder named `template.md`, a `template.txt` and a record `0001-use-a-template.md` are no templates."""
    (log.folder / "template.md").mkdir()
    log.put("template.txt", "# TITLE\n")
    log.put("0001-use-a-template.md", "---\nstatus: accepted\n---\n# Use a template\n")
    log.new("Two")
    assert log.text("0002-two.md") == "---\nstatus: proposed\ndate: 2024-05-06\n" + EMPTY_PEOPLE + "---\n" + madr_body("Two")


def test_assumptions_go_where_the_template_keeps_them(log):
    """Replacing the template's `- A1: ` example; under an `## Assumptions` heading without one;
    before `## Decision` when there is no such heading; at the end when there is neither."""
    (log.root / ".adr.yml").write_text("format: nygard\n")
    cases = {
        "example": ("# NUMBER. TITLE\n\n## Status\n\nSTATUS\n\n## Assumptions\n\n- A1: an example\n\n## Decision\n", "## Assumptions\n\n- A1: Few\n- A2: Slow on OS X\n\n## Decision\n"),
        "heading": ("# NUMBER. TITLE\n\n## Status\n\nSTATUS\n\n## assumptions\n\nNotes.\n", "## assumptions\n\n- A1: Few\n- A2: Slow on OS X\n\nNotes.\n"),
        "decision": ("# NUMBER. TITLE\n\n## Status\n\nSTATUS\n\n## decision\n\nWe do.\n", "## Assumptions\n\n- A1: Few\n- A2: Slow on OS X\n\n## decision\n\nWe do.\n"),
        "end": ("# NUMBER. TITLE\n\n## Status\n\nSTATUS\n\n## Why\n\nBecause.\n\n\n", "## Why\n\nBecause.\n\n## Assumptions\n\n- A1: Few\n- A2: Slow on OS X\n"),
    }
    for number, (name, (template, tail)) in enumerate(cases.items(), 1):
        log.put("templates/template.md", template)
        log.new(name, assumptions=["Few", "Slow on OS X"])
        assert log.text(f"{number:04d}-{name}.md") == f"# {number}. {name}\n\n## Status\n\nAccepted\n\n{tail}", name


def test_metadata_lines_go_after_the_title_when_the_template_has_no_date(log):
    (log.root / ".adr.yml").write_text("format: nygard\n")
    log.put("templates/template.md", "Intro\n# NUMBER. TITLE\n\n## Status\n\nSTATUS\n")
    log.new("Use X", deciders=["Ana"])
    assert log.text("0001-use-x.md") == "Intro\n# 1. Use X\n\nDeciders: Ana\n\n## Status\n\nAccepted\n"
    log.put("templates/template.md", "## Status\n\nSTATUS\n")
    log.new("Use Y", tags=["t"])
    assert log.text("0002-use-y.md") == "\nTags: t\n## Status\n\nAccepted\n"
