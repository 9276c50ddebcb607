"""`adr unlink`: the inverse of `adr link`, in both records, refusing what it cannot undo cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest


def _log(adr, tmp_path: Path, fmt: str) -> Path:
    assert adr("init", "--format", fmt, "doc/adr").code == 0
    assert adr("new", "Use Kafka").code == 0
    assert adr("new", "-s", "2", "Use NATS").code == 0
    assert adr("new", "-l", "3:Amends:Amended by", "Tune NATS").code == 0
    assert adr("link", "2", "Relates to", "4").code == 0
    return tmp_path / "doc" / "adr"


def test_unlink_removes_both_directions_and_an_emptied_links_section(tmp_path, adr):
    folder = _log(adr, tmp_path, "madr")
    result = adr("unlink", "4", "3")
    assert result.code == 0, result
    assert result.out.split() == ["doc/adr/0004-tune-nats.md", "doc/adr/0003-use-nats.md"]
    tuned, nats = (folder / "0004-tune-nats.md").read_text(), (folder / "0003-use-nats.md").read_text()
    assert "Amends" not in tuned and "Amended by" not in nats
    assert "- Relates to [2. Use Kafka](0002-use-kafka.md)" in tuned  # the other link stays
    assert "# Tune NATS\n\n## Links\n\n- Relates to" in tuned
    assert "- Supersedes [2. Use Kafka](0002-use-kafka.md)\n\n## Context" in nats
    shown = adr("show", "3").out
    assert "Amended by" not in shown and "Supersedes" in shown


def test_unlink_removes_a_section_left_empty(tmp_path, adr):
    folder = _log(adr, tmp_path, "madr")
    adr("unlink", "2", "4")
    assert adr("unlink", "4", "3").code == 0
    tuned = (folder / "0004-tune-nats.md").read_text()
    assert "## Links" not in tuned
    assert "# Tune NATS\n\n## Context and Problem Statement" in tuned


def test_undoing_a_supersede_says_how_to_set_the_status(tmp_path, adr):
    folder = _log(adr, tmp_path, "nygard")
    result = adr("unlink", "3", "2")
    assert result.code == 0, result
    kafka = (folder / "0002-use-kafka.md").read_text()
    assert "Superseded by" not in kafka
    assert "## Status\n\nRelates to [4. Tune NATS](0004-tune-nats.md)\n\n## Context" in kafka
    assert "Supersedes" not in (folder / "0003-use-nats.md").read_text()
    assert "0002-use-kafka.md: no record supersedes it any more" in result.err
    assert "`adr status 2 accepted`" in result.err
    assert adr("status", "2", "accepted").code == 0
    check = adr("check")
    assert check.code == 0, check
    assert "superseded" not in check.out and "status" not in check.out


def test_records_that_are_not_linked_are_an_error_and_nothing_is_written(tmp_path, adr):
    folder = _log(adr, tmp_path, "madr")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = adr("unlink", "1", "4")
    assert result.code == 1
    assert result.err.strip() == "adr: ADR 1 and ADR 4 do not link to each other"
    assert adr("unlink", "3", "3").code == 1
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_link_inside_a_status_value_is_refused_with_the_way_out(tmp_path, adr):
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    (tmp_path / ".adr-dir").write_text("doc/adr")
    old = folder / "0001-use-kafka.md"
    old.write_text("# Use Kafka\n\n- Status: superseded by [2. Use NATS](0002-use-nats.md)\n- Date: 2024-01-01\n")
    new = folder / "0002-use-nats.md"
    new.write_text("# Use NATS\n\n- Status: accepted\n- Date: 2024-02-01\n\n## Links\n\n- Supersedes [1. Use Kafka](0001-use-kafka.md)\n")
    before = old.read_text(), new.read_text()
    result = adr("unlink", "2", "1")
    assert result.code == 1
    assert result.err.startswith("adr: doc/adr/0001-use-kafka.md:3: this link to ADR 2 is part of the status")
    assert "(adr status 1 accepted --force), then unlink" in result.err
    assert (old.read_text(), new.read_text()) == before
    assert adr("status", "1", "accepted", "--force").code == 0
    assert adr("unlink", "2", "1").code == 0
    assert "## Links" not in new.read_text()


@pytest.mark.parametrize("item", [
    "- Amends [3. Use NATS](0003-use-nats.md) and [1. Record](0001-record-architecture-decisions.md)\n",
    "- Amends [3. Use NATS](0003-use-nats.md),\n  see also [1. Record](0001-record-architecture-decisions.md)\n",
], ids=["same line", "continuation line"])
def test_an_item_that_also_links_elsewhere_is_left_to_the_author(tmp_path, adr, item):
    folder = _log(adr, tmp_path, "madr")
    tuned = folder / "0004-tune-nats.md"
    tuned.write_text(tuned.read_text().replace("- Amends [3. Use NATS](0003-use-nats.md)\n", item))
    before = tuned.read_text()
    result = adr("unlink", "4", "3")
    assert result.code == 1
    assert "doc/adr/0004-tune-nats.md:13: this line also links to 0001-record-architecture-decisions.md" in result.err
    assert tuned.read_text() == before


def test_unlink_commits_exactly_the_two_files(tmp_path, adr):
    import subprocess

    _log(adr, tmp_path, "madr")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "start"], cwd=tmp_path, check=True)
    result = adr("unlink", "4", "3", "--commit", env={"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
                                                      "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"})
    assert result.code == 0, result
    log = subprocess.run(["git", "show", "--stat", "--format=%s", "HEAD"], cwd=tmp_path, capture_output=True, text=True).stdout
    assert log.splitlines()[0] == "Unlink ADR 4 and ADR 3"
    assert "0004-tune-nats.md" in log and "0003-use-nats.md" in log and "2 files changed" in log


def _hand_log(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    (tmp_path / ".adr-dir").write_text("doc/adr")
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def test_a_numbered_status_item_is_refused_not_deleted(tmp_path, adr):
    folder = _hand_log(tmp_path, {
        "0001-use-kafka.md": "# Use Kafka\n\n1. Status: superseded by [2. Use NATS](0002-use-nats.md)\n2. Date: 2024-01-01\n",
        "0002-use-nats.md": "# Use NATS\n\n1. Status: accepted\n2. Date: 2024-02-01\n\n## Links\n\n- Supersedes [1. Use Kafka](0001-use-kafka.md)\n",
    })
    before = {p.name: p.read_text() for p in folder.iterdir()}
    result = adr("unlink", "2", "1")
    assert result.code == 1 and "0001-use-kafka.md:3: this link to ADR 2 is part of the status" in result.err
    assert {p.name: p.read_text() for p in folder.iterdir()} == before


def test_a_link_written_twice_is_removed_twice(tmp_path, adr):
    folder = _log(adr, tmp_path, "madr")
    tuned = folder / "0004-tune-nats.md"
    tuned.write_text(tuned.read_text().replace(
        "- Relates to [2. Use Kafka](0002-use-kafka.md)\n",
        "- Relates to [2. Use Kafka](0002-use-kafka.md)\n- Amends [3. Use NATS](0003-use-nats.md)\n",
    ))
    assert adr("unlink", "4", "3").code == 0
    assert "0003-use-nats.md" not in tuned.read_text()
    assert "missing-reverse-link" not in adr("check").out


def test_unlink_undoes_a_link_to_a_file_name_with_a_space(tmp_path, adr):
    folder = _hand_log(tmp_path, {
        "use kafka.md": "---\nstatus: accepted\ndate: 2024-01-01\n---\n# Use Kafka\n\n## Context\n\nWhy.\n",
        "use-nats.md": "---\nstatus: accepted\ndate: 2024-02-01\n---\n# Use NATS\n\n## Context\n\nWhy.\n",
    })
    assert adr("link", "use-nats.md", "Amends", "use kafka.md").code == 0
    assert "(use%20kafka.md)" in (folder / "use-nats.md").read_text()
    assert "Amends Use Kafka" in adr("show", "use-nats").out  # the encoded name resolves to the record
    assert adr("unlink", "use-nats", "use kafka").code == 0
    assert "Amend" not in (folder / "use-nats.md").read_text() + (folder / "use kafka.md").read_text()


def test_a_links_section_emptied_with_a_status_link_goes_too(tmp_path, adr):
    folder = _log(adr, tmp_path, "nygard")
    kafka = folder / "0002-use-kafka.md"
    kafka.write_text(kafka.read_text() + "\n## Links\n\n- Relates to [3. Use NATS](0003-use-nats.md)\n")
    assert adr("unlink", "2", "3").code == 0
    text = kafka.read_text()
    assert "## Links" not in text and "0003" not in text and text.endswith(".\n")


def test_undoing_a_supersede_written_on_one_side_still_says_how_to_set_the_status(tmp_path, adr):
    _hand_log(tmp_path, {
        "0001-use-kafka.md": "---\nstatus: superseded\ndate: 2024-01-01\n---\n# Use Kafka\n\n## Context\n\nWhy.\n",
        "0002-use-nats.md": "---\nstatus: accepted\ndate: 2024-02-01\n---\n# Use NATS\n\n## Links\n\n- Supersedes [1. Use Kafka](0001-use-kafka.md)\n\n## Context\n\nWhy.\n",
    })
    result = adr("unlink", "2", "1")
    assert result.code == 0
    assert result.out.split() == ["doc/adr/0002-use-nats.md"]  # the other record was not touched
    assert "0001-use-kafka.md: no record supersedes it any more" in result.err
    assert "`adr status 1 accepted --force`" in result.err
