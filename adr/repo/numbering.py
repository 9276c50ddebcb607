"""Numbers that survive parallel branches: look at the base branches' trees, not only the disk.

A branch made before others merged sees only its own files; the base branch may already hold
the next number. Reading file names from git objects (`ls-tree`, no checkout, no blob reads)
costs a few milliseconds and avoids most collisions; `adr review` catches the rest.
"""

from __future__ import annotations

import re
from pathlib import Path

from adr.errors import AdrError
from adr.names import file_number
from adr.slug import DEFAULT_WIDTH

MAX_DIGITS = 9  # the parser reads at most nine digits as a title's number (`# 12. Use X`)


def _inside_git(folder: Path) -> bool:
    current = folder.resolve()
    for candidate in (current, *current.parents):
        if (candidate / ".git").exists():
            return True
    return False


def highest_in_bases(folder: Path) -> int:
    """The highest record number in `folder` on the base branches (0 outside git or on any git problem)."""
    if not _inside_git(folder):
        return 0
    from adr.repo import git

    try:
        repo = git.open_repo(folder)
        rel = git.relative(repo, folder)
        numbers = [0]
        for ref in git.base_candidates(repo):
            for path, _ in git.tree_files(repo, ref, rel):
                if Path(path).parent.as_posix() == (rel or "."):
                    numbers.append(file_number(Path(path).name) or 0)
        return max(numbers)
    except git.RefusedByGit:  # the user's git says not to trust this repository: say so, with git's advice
        raise
    except Exception:  # numbering must never fail because git is missing or odd
        return 0


NAME_NUMBER = re.compile(r"^((?:adr[-_]?)?)(\d+)", re.I)  # prefix and digits of a record's file name


def log_width(names: list[str]) -> int:
    """How many digits the log pads its numbers to, from the names of its latest records (pass
    the latest few, as `adr new` reads only those): `049-x.md` -> 3, so the next is `050-`,
    not `0050-`. Names without a leading zero fill their width and say nothing about padding
    (`100-x.md`, or an unpadded `12-x.md`); when none is padded, none is written padded."""
    padded = [len(m.group(2)) for name in names if (m := NAME_NUMBER.match(name)) and m.group(2).startswith("0") and len(m.group(2)) > 1]
    if padded:
        return max(set(padded), key=lambda width: (padded.count(width), width))
    return 1 if any(NAME_NUMBER.match(name) for name in names) else DEFAULT_WIDTH


def number_argument(text: str) -> int:
    """A record number as typed: digits only, and no more than a title can carry back, so
    `00000000000000000000001` or `99999999999` is refused rather than written into a name."""
    digits = text.strip()
    if not re.fullmatch(r"[0-9]+", digits):
        raise AdrError(f"'{text}' is not a record number: use digits only, like 12")
    if len(digits) > MAX_DIGITS:
        raise AdrError(f"'{text}' is too long for a record number: at most {MAX_DIGITS} digits")
    return int(digits)
