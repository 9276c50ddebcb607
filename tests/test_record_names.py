"""Which files of a real log are decisions, and the number each carries, as `adr list` and
`adr new` see them: template files are not decisions, and a date in a name is not a number."""

from __future__ import annotations

import json

from tests.test_samples import listed

RECORD = "# {title}\n\nDate: 2024-03-01\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n"


def write_log(folder, names):
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(RECORD.format(title=name.removesuffix(".md")), encoding="utf-8")
    return folder


def test_template_files_are_not_decisions_but_a_decision_about_templates_is(adr, tmp_path):
    log = write_log(tmp_path / "doc/adr", [
        "template.md", "adr-template.md", "0000-template.md", "0001-record-decisions.md",
        "0002-use-velocity-as-template-engine.md", "adr-014-project-templates.md",
    ])
    records = listed(adr, "--dir", str(log))
    assert sorted(records) == [1, 2, 14]


def test_a_date_in_a_file_name_is_not_its_number(adr, tmp_path):
    log = write_log(tmp_path / "doc/adr", ["2024-03-01-choose-a-database.md", "20240302-split-the-monolith.md"])
    records = listed(adr, "--dir", str(log))
    assert set(records) == {"2024-03-01-choose-a-database", "20240302-split-the-monolith"}
    assert all(r["number"] is None for r in records.values())


def test_adr_new_beside_dated_records_starts_at_one_not_after_the_year(adr, tmp_path):
    log = write_log(tmp_path / "doc/adr", ["2024-03-01-choose-a-database.md", "0000-template.md"])
    assert adr("--dir", str(log), "new", "Use a queue").code == 0
    made = sorted(p.name for p in log.iterdir())
    assert "0001-use-a-queue.md" in made, made
    shown = json.loads(adr("--dir", str(log), "list", "--format", "json").out)
    assert [r["number"] for r in shown] == [1, None]
