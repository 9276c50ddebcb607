"""The name `adr new` gives the next record: its number above every base branch's, padded as
the log pads its latest names; and the numbers `adr renumber` refuses.

`adr new` is called in-process (`new_record`, what the command calls) over plain folders and
real temporary git repositories; one command run holds the refusal's exit and message.
"""

from __future__ import annotations

import pytest

from adr.config import Settings
from adr.edit.operations import NewRequest, new_record
from adr.errors import AdrError
from adr.repo.numbering import number_argument
from tests.gitrepo import GitRepo, madr


def new(folder) -> str:
    """The file name `adr new "Use Y"` writes in `folder`."""
    return new_record(Settings(folder, folder), NewRequest("Use Y")).name


@pytest.fixture(autouse=True)
def _fixed_day(monkeypatch):
    monkeypatch.setenv("ADR_DATE", "2024-05-06")


@pytest.mark.parametrize("names, expected", [
    ([], "0001-use-y.md"),  # a new log: adr-tools' four digits
    (["049-a.md"], "050-use-y.md"),
    (["0001-a.md", "0002-b.md"], "0003-use-y.md"),
    (["8-a.md", "9-b.md", "10-c.md"], "11-use-y.md"),  # padded nowhere: not padded
    (["100-a.md"], "101-use-y.md"),  # fills its width: says nothing of padding
    (["0-a.md", "7-b.md"], "8-use-y.md"),  # a lone 0 is no padding
    (["0047-a.md", "048-b.md", "049-c.md"], "050-use-y.md"),  # the width most of them have
    (["01-a.md", "002-b.md"], "003-use-y.md"),  # as many of each: the wider
    (["adr-007-a.md", "ADR_0008-b.md", "adr009-c.md"], "010-use-y.md"),  # a prefix is no digit: two of three pad to 3
    (["notes-a.md", "use-b.md"], "0001-use-y.md"),  # no numbered record: a new log's width
])
def test_a_new_record_is_padded_as_the_latest_names_are(tmp_path, names, expected):
    for name in names:
        (tmp_path / name).write_text(f"# {name}\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n", encoding="utf-8")
    assert new(tmp_path) == expected


def _repo(tmp_path, log: str) -> GitRepo:
    repo = GitRepo(tmp_path / "repo", log=log)
    repo.write("0001-use-postgresql.md", madr("Use PostgreSQL", "accepted"))
    repo.commit("Start")
    return repo


@pytest.mark.parametrize("log", ["docs/decisions", "."])
def test_a_new_record_takes_a_number_above_the_base_branch_in_the_same_folder(tmp_path, log):
    """A number main took since the branch left it is skipped; one in a sub-folder of the log,
    or in another folder, or a file without a number, is not a record of this folder's."""
    repo = _repo(tmp_path, log)
    repo.git("checkout", "-q", "-b", "topic")
    repo.git("checkout", "-q", "main")
    repo.write("0004-use-kafka.md", madr("Use Kafka"))
    repo.write("notes.md", "# Notes\n")
    (repo.log / "archive").mkdir()
    repo.write("archive/0009-old.md", madr("Old"))
    (repo.path / "elsewhere").mkdir(exist_ok=True)
    (repo.path / "elsewhere" / "0012-other.md").write_text(madr("Other"))
    repo.commit("Main moves on")
    repo.git("checkout", "-q", "topic")
    assert sorted(p.name for p in repo.log.glob("*.md")) == ["0001-use-postgresql.md"]
    assert new(repo.log) == "0005-use-y.md"


def test_a_base_named_master_counts_and_so_does_a_higher_number_on_the_branch(tmp_path):
    repo = _repo(tmp_path, "docs/decisions")
    repo.git("branch", "-m", "main", "master")
    repo.git("checkout", "-q", "-b", "topic")
    repo.git("checkout", "-q", "master")
    repo.write("0003-use-kafka.md", madr("Use Kafka"))
    repo.commit("Master moves on")
    repo.git("checkout", "-q", "topic")
    assert new(repo.log) == "0004-use-y.md"
    repo.write("0007-use-redis.md", madr("Use Redis"))
    assert new(repo.log) == "0008-use-y.md"  # the branch's own highest


def test_a_base_without_numbered_records_starts_at_one(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    repo.write("notes.md", "# Notes\n")
    repo.commit("Notes")
    assert new(repo.log) == "0001-use-y.md"


def test_a_broken_repository_does_not_stop_numbering(tmp_path):
    folder = tmp_path / "repo" / "docs"
    folder.mkdir(parents=True)
    (tmp_path / "repo" / ".git").write_text("gitdir: /nowhere\n")  # a worktree whose repository is gone
    assert new(folder) == "0001-use-y.md"
    (folder / "0005-use-a.md").write_text(madr("Use A"))
    assert new(folder) == "0006-use-y.md"


@pytest.mark.parametrize("typed, message", [
    ("12x", "'12x' is not a record number: use digits only, like 12"),
    ("-3", "'-3' is not a record number: use digits only, like 12"),
    ("", "'' is not a record number: use digits only, like 12"),
    ("\uff11\uff12", "'\uff11\uff12' is not a record number: use digits only, like 12"),  # full-width digits
    ("1234567890", "'1234567890' is too long for a record number: at most 9 digits"),
    ("0000000001", "'0000000001' is too long for a record number: at most 9 digits"),
])
def test_a_number_that_is_no_record_number_is_refused(typed, message):
    with pytest.raises(AdrError) as refused:
        number_argument(typed)
    assert str(refused.value) == message


def test_a_number_as_typed_is_read_as_digits(tmp_path):
    assert (number_argument(" 12 "), number_argument("007"), number_argument("123456789")) == (12, 7, 123456789)


def test_renumber_refuses_a_number_with_one_line(adr, tmp_path):
    (tmp_path / "0001-use-a.md").write_text(madr("Use A"))
    result = adr("renumber", "1", "12x", cwd=tmp_path, env={"ADR_DIR": "."})
    assert (result.code, result.err) == (1, "adr: '12x' is not a record number: use digits only, like 12\n")
