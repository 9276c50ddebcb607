"""`adr status`: which moves through the lifecycle it makes, and the one-line refusal a user
reads for each other one.

Every pair of statuses is tried in-process through `set_status`, what `adr status` calls; the
command is run twice to hold that it prints those lines and exits 1.
"""

from __future__ import annotations

import pytest

from adr.config import Settings
from adr.edit.operations import set_status
from adr.errors import AdrError
from adr.status import change_words, created_words

STATUSES = ["", "draft", "proposed", "accepted", "rejected", "deprecated", "superseded"]
ALLOWED = {
    "": {"draft", "proposed", "accepted", "rejected", "deprecated", "superseded"},
    "draft": {"proposed", "accepted", "rejected"},
    "proposed": {"draft", "accepted", "rejected", "deprecated", "superseded"},
    "accepted": {"deprecated", "superseded"},
    "rejected": {"proposed"},
    "deprecated": {"superseded", "accepted"},
    "superseded": set(),
}
FORCE = "; use --force to change it anyway"


def record(title: str, status: str, links: str = "") -> str:
    fm = f"status: {status}\n" if status else ""
    return f"---\n{fm}date: 2024-01-02\n---\n# {title}\n\nWhy.\n{links}"


@pytest.fixture
def log(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ADR_DATE", "2024-05-06")
    folder = tmp_path / "log"
    folder.mkdir()
    return folder


def attempt(log, statuses, name: str, new: str, force: bool = False) -> str:
    """What `adr status` says: the file it wrote, or its one-line error."""
    try:
        change = set_status(Settings(log, log.parent, statuses=statuses), name, new, force)
    except AdrError as exc:
        return f"adr: {exc}"
    return " ".join(path.name for path in change.paths) or f"adr: {change.name} is already {change.status}; nothing changed"


def test_every_move_between_two_statuses_is_made_or_refused_with_its_reason(log):
    successor = "\n## Links\n\n- Superseded by [99. Later](0099-later.md)\n"  # so that `superseded` names one
    names = {}
    for i, (old, new) in enumerate(((o, n) for o in STATUSES for n in STATUSES if o != n), 1):
        names[old, new] = f"{i:04d}-move.md"
        (log / names[old, new]).write_text(record(f"Move {i}", old, successor if old and new == "superseded" else ""), encoding="utf-8")
    (log / "0099-later.md").write_text(record("Later", "accepted"), encoding="utf-8")
    for (old, new), name in names.items():
        said = attempt(log, [], name, new)
        line = 2 if old else 4  # the status line, else the title
        if (old, new) == ("", "superseded"):  # a record without a status that links its successor is superseded already
            assert said == (f"adr: log/{name}:4: superseded by which record? Write that one with `adr new -s {int(name[:4])} TITLE`, "
                            f"or link it with `adr link NEW supersedes {int(name[:4])}`{FORCE}")
        elif new in ALLOWED[old]:
            assert said == name, (old, new, said)
            assert attempt(log, [], name, new) == f"adr: ADR {int(name[:4])} is already {new}; nothing changed"
        else:
            assert said == f"adr: log/{name}:{line}: cannot go from '{old}' to '{new}'{FORCE}", (old, new)
            assert attempt(log, [], name, new, force=True) == name  # --force makes it anyway


def test_a_status_outside_the_lifecycle_is_refused_unless_adr_yml_names_it(log):
    (log / "0001-a.md").write_text(record("A", "accepted"), encoding="utf-8")
    (log / "0002-b.md").write_text(record("B", "on hold"), encoding="utf-8")
    (log / "0003-c.md").write_text(record("C", "proposed"), encoding="utf-8")
    known = "proposed, accepted, rejected, deprecated, superseded, draft"
    assert attempt(log, [], "1", "pondering") == f"adr: log/0001-a.md:2: unknown status 'pondering' (known: {known}){FORCE}"
    assert attempt(log, ["on hold", "blocked"], "1", "Pondering") == (
        f"adr: log/0001-a.md:2: unknown status 'pondering' (known: {known}, blocked, on hold){FORCE}"
    )
    assert attempt(log, ["on hold", "blocked"], "1", "On Hold") == "0001-a.md"  # from accepted, to a custom status
    assert attempt(log, ["on hold", "blocked"], "2", "blocked") == "0002-b.md"  # from a custom status anything goes
    assert attempt(log, ["on hold", "blocked"], "2", "superseded") == (
        "adr: log/0002-b.md:2: superseded by which record? Write that one with `adr new -s 2 TITLE`, "
        f"or link it with `adr link NEW supersedes 2`{FORCE}"
    )
    assert attempt(log, ["on hold"], "3", "draft") == "0003-c.md"


def test_the_command_prints_the_refusal_and_exits_1(adr, tmp_path):
    (tmp_path / "log").mkdir()
    (tmp_path / "log" / "0001-a.md").write_text(record("A", "accepted"), encoding="utf-8")
    refused = adr("--dir", "log", "status", "1", "proposed", cwd=tmp_path)
    assert (refused.code, refused.out, refused.err) == (1, "", f"adr: log/0001-a.md:2: cannot go from 'accepted' to 'proposed'{FORCE}\n")
    done = adr("--dir", "log", "status", "1", "deprecated", cwd=tmp_path)
    assert (done.code, done.out) == (0, "log/0001-a.md\n")


@pytest.mark.parametrize("before, after, words", [
    ("proposed", "accepted", "proposed → <accepted>"),
    ("", "accepted", "status set to <accepted>"),
    ("accepted", "", "<status removed> (was accepted)"),
])
def test_a_change_of_status_is_said_in_words(before, after, words):
    """As `adr history`, the site's timeline and `adr review` say it."""
    assert change_words(before, after, lambda text: f"<{text}>") == words
    assert change_words(before, after) == words.replace("<", "").replace(">", "")


def test_a_creation_says_its_status_or_that_it_had_none():
    assert (created_words("proposed"), created_words(""), created_words(None)) == ("as proposed", "without a status", "without a status")


def test_a_record_without_a_status_can_be_made_a_draft(log):
    """It was refused as "cannot go from '' to 'draft'": every other status was allowed from none."""
    (log / "0001-a.md").write_text(record("A", ""), encoding="utf-8")
    assert attempt(log, [], "1", "draft") == "0001-a.md"
    assert (log / "0001-a.md").read_text(encoding="utf-8").startswith("---\nstatus: draft\n")
