"""Which record of the merge-base each changed file of the head is, by number and title.

git pairs a deleted file with an added one when their bytes are similar enough (`-M`, 50%).
Records are short and alike, so that guess fails both ways: a deleted accepted record and a new
proposed one written from it look like a rename, and a record renamed while its status and text
changed looks like a deletion and an addition (which then collides with its own old number).
What makes a record the same to its readers is its number and its title, so pairs are checked
and made by those: pure functions over git's entries and the records parsed on each side.
"""

from __future__ import annotations

from typing import Callable

from adr.model import Record

Entry = tuple[str, str, "str | None", str, str]  # status letter, path, old path (renames), old blob, new blob
ZERO = "0" * 40


def identity(record: Record) -> tuple[int | None, str]:
    """Number and title, the title as a reader compares it (case and spacing aside)."""
    return record.number, " ".join(record.title.split()).casefold()


def paired(entries: list[Entry], before: Callable[[Entry], Record], after: Callable[[str], Record | None]) -> list[Entry]:
    """`entries` with git's renames checked and the renames it missed made.

    A rename that keeps the number (a new title or slug) or the title (`adr renumber`) stays
    one; one that keeps neither is a deletion and an addition. A deletion and an addition with
    the same number and title, and no other candidate on either side, become a rename.
    `before(entry)` is the merge-base's record of an entry that had one, `after(path)` the
    head's record at `path` (None when the head has no record there).
    """
    checked: list[Entry] = []
    for entry in entries:
        letter, path, old_path, old_blob, new_blob = entry
        new = after(path) if letter == "R" else None
        if new is not None and _unrelated(before(entry), new):
            checked += [("D", old_path or path, None, old_blob, ZERO), ("A", path, None, ZERO, new_blob)]
        else:
            checked.append(entry)
    return _join(checked, before, after)


def _unrelated(old: Record, new: Record) -> bool:
    (old_number, old_title), (new_number, new_title) = identity(old), identity(new)
    return old_number != new_number and old_title != new_title


def _join(entries: list[Entry], before: Callable[[Entry], Record], after: Callable[[str], Record | None]) -> list[Entry]:
    """Each addition whose number and title one deletion alone had, as a rename of it."""
    gone: dict[tuple, list[int]] = {}
    come: dict[tuple, list[int]] = {}
    for index, entry in enumerate(entries):
        if entry[0] == "D":
            gone.setdefault(identity(before(entry)), []).append(index)
        elif entry[0] in "AC" and (record := after(entry[1])) is not None:
            come.setdefault(identity(record), []).append(index)
    result = list(entries)
    dropped: set[int] = set()  # the deletions a rename took the place of
    for key, added in come.items():
        deleted = gone.get(key, [])
        if len(added) == 1 and len(deleted) == 1:  # a title is never empty: the parser falls back to the file name
            (_, path, _, _, new_blob), (_, old_path, _, old_blob, _) = entries[added[0]], entries[deleted[0]]
            result[added[0]] = ("R", path, old_path, old_blob, new_blob)
            dropped.add(deleted[0])
    return [entry for index, entry in enumerate(result) if index not in dropped]
