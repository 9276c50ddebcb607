"""`--commit`: commit exactly the files a command touched, never someone's own work.

Files that already hold staged changes or unstaged edits are refused, since committing them
would sweep that work into our commit. The check needs the touched files, known only after
the command ran, so the log is snapshotted first and restored when the commit is refused, or
when git fails. A file git never tracked and the command removed (an uncommitted record
renamed) has nothing to commit; the rest is committed.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Callable, TypeVar

from adr.repo import git, pending
from adr.errors import AdrError
from adr.store.listing import record_files

T = TypeVar("T")


def staged(repo) -> set[Path]:
    """Paths whose index entry differs from HEAD (renames: both sides)."""
    root = git.root(repo)
    if git.exists(repo, "HEAD"):
        out = git.run(repo, "diff", "--cached", "--name-only", "-z", "--no-renames", "HEAD", "--")
    else:
        out = git.run(repo, "ls-files", "-z", "--cached", "--")
    return {root / p for p in out.split("\0") if p}


def edited(repo) -> set[Path]:
    """Tracked paths whose working file differs from the index: edits nobody has staged yet."""
    root = git.root(repo)
    out = git.run(repo, "diff", "--name-only", "-z", "--no-renames", "--")
    return {root / p for p in out.split("\0") if p}


def _snapshot(folders: list[Path]) -> dict[Path, bytes]:
    return {p.resolve(): p.read_bytes() for folder in folders if folder.is_dir() for p in record_files(folder)}


def _restore(snapshot: dict[Path, bytes], touched: list[Path]) -> None:
    """Put the log back as it was: the refused command leaves no trace."""
    for path in touched:
        if path in snapshot:
            path.write_bytes(snapshot[path])
        else:
            with contextlib.suppress(OSError):
                os.unlink(path)


def changed_files(before: dict[Path, bytes], after: dict[Path, bytes]) -> list[Path]:
    """Files created, changed or removed between two snapshots."""
    return sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))


def commit_after(folders: list[Path], operation: Callable[[], T], message: Callable[[T], str]) -> T:
    """Run `operation`, then commit exactly the log files it created, changed or removed.

    Killed between the write and the commit, it leaves a note (`pending`) so that the next
    command says the commit did not happen and names the files.
    """
    repo = git.open_repo(folders[0])
    root = git.root(repo)
    before_stage = staged(repo)
    before_edits = edited(repo)
    before = _snapshot(folders)
    note = pending.begin(folders)
    try:
        result = operation()
    except BaseException:
        if not changed_files(before, _snapshot(folders)):
            pending.end(note)  # refused before writing: nothing to commit; else the next command says what is left
        raise
    touched = changed_files(before, _snapshot(folders))
    if not touched:
        pending.end(note)
        return result
    pending.record(note, touched)
    # committing a file that holds someone's own work would sweep it in under our message
    for theirs, why in (
        (before_stage, "has staged changes of its own; commit or unstage them first"),
        (before_edits, "has uncommitted edits of its own; commit or stash them, or run without --commit"),
    ):
        clash = [p for p in touched if p.resolve() in theirs]
        if clash:
            _restore(before, touched)
            pending.end(note)
            raise AdrError(f"refusing --commit: {clash[0].resolve().relative_to(root).as_posix()} {why} (nothing was changed)")
    rel = committable(repo, [_rel(p, root) for p in touched])
    if not rel:
        pending.end(note)
        return result
    try:
        git.run(repo, "add", "-A", "--", *rel)  # after `--`: never read as options
        git.run(repo, "commit", "-q", "-m", message(result), "--", *rel)
    except AdrError as exc:
        _unstage(repo, rel)
        _restore(before, touched)
        pending.end(note)
        raise AdrError(f"{exc.message} (nothing was changed)") from None
    pending.end(note)
    return result


def committable(repo, rel: list[str]) -> list[str]:
    """The paths git can commit: files on disk, and removed files it tracked. An untracked
    record renamed or removed leaves nothing behind for git, and naming it would fail `git add`."""
    root = git.root(repo)
    out = git.run(repo, "ls-files", "-z", "--cached", "--", *rel)
    tracked = set(out.split("\0"))
    return [p for p in rel if p in tracked or os.path.lexists(root / p)]


def _unstage(repo, rel: list[str]) -> None:
    """Put the index entries of `rel` back as HEAD has them (they held no staged changes)."""
    if git.exists(repo, "HEAD"):
        git.run(repo, "reset", "-q", "HEAD", "--", *rel, check=False)
    else:
        git.run(repo, "rm", "-q", "--cached", "--ignore-unmatch", "--", *rel, check=False)


def _rel(path: Path, root: Path) -> str:
    return (path.parent.resolve() / path.name).relative_to(root).as_posix()


def record_label(path: Path) -> str:
    """`ADR 3: Use X` for commit messages."""
    from adr.parse import read_record

    record = read_record(path)
    return f"ADR {record.number}: {record.title}" if record.number is not None else record.title


def maybe_commit(enabled: bool, settings, operation: Callable[[], T], message: Callable[[T], str]) -> T:
    """The commands' `--commit`: run `operation`, committing what it touched when asked to."""
    if not enabled:
        return operation()
    return commit_after([settings.log_dir, *settings.extra_dirs], operation, message)
