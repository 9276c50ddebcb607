"""`adr renumber`: the file, its title and every link to it move together, or nothing changes."""

from __future__ import annotations

from tests.gitrepo import madr


def log_with_links(tmp_path):
    log = tmp_path / "docs" / "decisions"
    log.mkdir(parents=True)
    (log / "0001-use-postgresql.md").write_text(madr(
        "Use PostgreSQL", "superseded by [2. Use managed PostgreSQL](0002-use-managed-postgresql.md)",
        body="## Assumptions\n\n- A1: Small traffic.\n\n## Links\n\n"
             "- Superseded by [2. Use managed PostgreSQL](0002-use-managed-postgresql.md)\n"
             "- See [the vendor page](https://example.org/0002-use-managed-postgresql.md)\n",
    ))
    (log / "0002-use-managed-postgresql.md").write_text(madr(
        "Use managed PostgreSQL", "accepted",
        body="## Assumptions\n\n- [A1 of 1](0001-use-postgresql.md#a1): traffic grew\n\n## Links\n\n- Supersedes [1. Use PostgreSQL](0001-use-postgresql.md)\n",
    ))
    (log / "0003-use-read-replicas.md").write_text(madr(
        "Use read replicas", "accepted",
        body="Builds on [managed PostgreSQL](./0002-use-managed-postgresql.md#decision-outcome).\n\n"
             "## Links\n\n- Extends [ADR-0002. Use managed PostgreSQL](0002-use-managed-postgresql.md)\n",
    ))
    (log / "team").mkdir()
    (log / "team" / "0001-team-notes.md").write_text(madr("Team notes", body="[Other 2](../0002-use-managed-postgresql.md)\n"))
    return log


def test_renumber_rewrites_every_link_and_keeps_fragments(adr, tmp_path):
    log = log_with_links(tmp_path)
    result = adr("renumber", "2", "7", cwd=tmp_path)
    assert result.code == 0, result
    assert result.out.splitlines()[0] == "docs/decisions/0002-use-managed-postgresql.md -> docs/decisions/0007-use-managed-postgresql.md"
    assert not (log / "0002-use-managed-postgresql.md").exists()
    first = (log / "0001-use-postgresql.md").read_text()
    assert "status: superseded by [7. Use managed PostgreSQL](0007-use-managed-postgresql.md)" in first
    assert "- Superseded by [7. Use managed PostgreSQL](0007-use-managed-postgresql.md)" in first
    assert "[the vendor page](https://example.org/0002-use-managed-postgresql.md)" in first  # not ours
    third = (log / "0003-use-read-replicas.md").read_text()
    assert "[managed PostgreSQL](0007-use-managed-postgresql.md#decision-outcome)" in third
    assert "- Extends [ADR-7. Use managed PostgreSQL](0007-use-managed-postgresql.md)" in third
    assert "[Other 2](../0007-use-managed-postgresql.md)" in (log / "team" / "0001-team-notes.md").read_text()
    moved = (log / "0007-use-managed-postgresql.md").read_text()
    assert "[A1 of 1](0001-use-postgresql.md#a1)" in moved  # its own links still point the same way
    assert adr("check", cwd=tmp_path).code == 0


def test_nygard_title_and_padding_follow_the_new_number(adr, tmp_path):
    log = tmp_path / "doc" / "adr"
    log.mkdir(parents=True)
    (log / "adr-001-start.md").write_text("# 1. Start\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n")
    (log / "adr-002-queue.md").write_text(
        "# 2. Queue\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\nAmends [1. Start](adr-001-start.md)\n"
    )
    result = adr("renumber", "adr-001-start.md", "10", cwd=tmp_path)
    assert result.code == 0, result
    assert (log / "adr-010-start.md").read_text().startswith("# 10. Start\n")
    assert "Amends [10. Start](adr-010-start.md)" in (log / "adr-002-queue.md").read_text()


def test_a_taken_number_is_refused_and_nothing_changes(adr, tmp_path):
    log = log_with_links(tmp_path)
    before = {p: p.read_text() for p in log.rglob("*.md")}
    result = adr("renumber", "2", "3", cwd=tmp_path)
    assert result.code == 1
    assert result.err.strip() == "adr: docs/decisions/0002-use-managed-postgresql.md: number 3 is taken by 0003-use-read-replicas.md; pick a free one"
    assert {p: p.read_text() for p in log.rglob("*.md")} == before
    assert adr("renumber", "9", "4", cwd=tmp_path).err.strip() == "adr: no decision record matches '9'"
    assert adr("renumber", "2", "-1", cwd=tmp_path).code == 2


def test_help_shows_an_example(adr, tmp_path):
    for command in ("renumber", "check", "review", "history"):
        result = adr(command, "--help", cwd=tmp_path)
        assert result.code == 0 and "Example:" in result.out and f"adr {command}" in result.out.split("Example:")[1]


def test_numbers_a_file_name_or_title_cannot_carry_are_refused(adr, tmp_path):
    log = log_with_links(tmp_path)
    before = {p: p.read_text() for p in log.rglob("*.md")}
    for number, message in (
        ("00000000000000000000001", "'00000000000000000000001' is too long for a record number: at most 9 digits"),
        ("1234567890", "'1234567890' is too long for a record number: at most 9 digits"),
        ("3a", "'3a' is not a record number: use digits only, like 12"),
        ("20240101", "docs/decisions/0003-use-read-replicas.md: 20240101-use-read-replicas.md would read as a log4brains "
                     "date, not as number 20240101; pick another number"),
    ):
        result = adr("renumber", "3", number, cwd=tmp_path)
        assert (result.code, result.err.strip()) == (1, f"adr: {message}")
    assert {p: p.read_text() for p in log.rglob("*.md")} == before
    result = adr("renumber", "3", "000000009", cwd=tmp_path)
    assert result.code == 0 and (log / "0009-use-read-replicas.md").is_file()


def test_a_record_without_a_number_is_not_renumbered(adr, tmp_path):
    log = tmp_path / "docs" / "decisions"
    log.mkdir(parents=True)
    (log / "20200925-use-markdown.md").write_text("# Use Markdown\n\n- Status: accepted\n- Date: 2020-09-25\n")
    result = adr("renumber", "20200925-use-markdown", "3", cwd=tmp_path)
    assert result.code == 1
    assert result.err.strip() == "adr: docs/decisions/20200925-use-markdown.md: this record has no number in its file name to change"
    assert [p.name for p in log.iterdir()] == ["20200925-use-markdown.md"]
