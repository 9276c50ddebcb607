"""`--commit` runs killed before they committed: noted, so that the next command says so.

Between the write and the commit there is a window (the editor of `adr new`, git's hooks, the
commit itself) in which a kill leaves records written but not committed, and nothing would say
so. `commit.commit_after` notes the run in this user's state folder (`adr.store.state`,
outside the repository: a pull request cannot plant a note) before it writes, adds the files
once it knows them, and removes the note when the commit is made or the change undone. The
next command in that log finds a note whose process is gone and names, once, the files git
still sees uncommitted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from pathlib import Path

from adr.store.state import private_dir, state_dir

FOLDER = "commits"


def _key(log_dir: Path) -> str:
    return hashlib.blake2b(os.fsencode(os.path.realpath(log_dir)), digest_size=8).hexdigest()


def begin(folders: list[Path]) -> Path:
    """Note that this process is about to write into the log of `folders` and commit."""
    notes = private_dir(folders[0]) / FOLDER
    notes.mkdir(mode=0o700, exist_ok=True)
    note = notes / f"{_key(folders[0])}-{os.getpid()}.json"
    command = " ".join(["adr", *sys.argv[1:]])
    _save(note, {"command": command[:200], "folders": [os.path.realpath(f) for f in folders], "files": []})
    return note


def record(note: Path, files: list[Path]) -> None:
    """Add the files the command wrote, now that they are known."""
    data = json.loads(note.read_text(encoding="utf-8"))
    _save(note, {**data, "files": [os.path.realpath(f.parent) + os.sep + f.name for f in files]})


def end(note: Path) -> None:
    """The commit was made, or nothing is left to commit: no note."""
    with contextlib.suppress(OSError):
        os.unlink(note)


def _save(note: Path, data: dict) -> None:
    temp = note.with_name(note.name + ".tmp")
    temp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(temp, note)


def interrupted(log_dir: Path) -> list[str]:
    """One line for each killed `--commit` run in this log, naming the files still uncommitted.

    Costs one `listdir` when there is no note; git is asked only when there is one.
    """
    folder = state_dir()
    if folder is None:
        return []
    prefix = _key(log_dir) + "-"
    try:
        names = [n for n in os.listdir(folder / FOLDER) if n.startswith(prefix) and n.endswith(".json")]
    except OSError:
        return []
    messages = []
    for name in sorted(names):
        note = folder / FOLDER / name
        if _running(name[len(prefix) : -len(".json")]):
            continue  # a `--commit` still at work (in its editor, say)
        try:
            data = json.loads(note.read_text(encoding="utf-8"))
            os.unlink(note)  # claimed: said once, even with two commands starting together
        except (OSError, ValueError):
            continue
        message = _message(data, log_dir)
        if message:
            messages.append(message)
    return messages


def _running(pid: str) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def _message(data: dict, log_dir: Path) -> str | None:
    from adr.errors import AdrError
    from adr.repo import git
    from adr.words import counted

    try:
        repo = git.open_repo(log_dir)
        top = git.root(repo)
        asked = [Path(p) for p in (data.get("files") or data.get("folders") or [])]
        rel = [p.relative_to(top).as_posix() for p in asked if p == top or top in p.parents] or ["."]
        out = git.run(repo, "status", "--porcelain", "-z", "--untracked-files=all", "--no-renames", "--", *rel)
    except (AdrError, ValueError, TypeError):
        return None
    left = [entry[3:] for entry in out.split("\0") if len(entry) > 3]
    if not left:
        return None  # committed after all, or handled since
    command = str(data.get("command") or "adr --commit")
    files = ", ".join(left[:5]) + (f" and {counted(len(left) - 5, 'more file')}" if len(left) > 5 else "")
    return (
        f"`{command}` was stopped before its commit: the commit did not happen; "
        f"not committed: {files} (commit {'it' if len(left) == 1 else 'them'} with git, or undo)"
    )
