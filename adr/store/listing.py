"""Which files of a folder are decision records, in what order, and what identifies their content.

Kept apart from the parser so that `adr list | ...` and warm loads from the parse cache import
neither YAML nor Markdown (ADR 14).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

_FILE_NUMBER = re.compile(r"^(?:adr[-_]?)?(\d+)(?:[-_. ]|$)", re.I)
_NOT_RECORDS = re.compile(r"^(readme|index|changelog|contributing|license|summary|toc)(\..*)?$", re.I)
_SKIP_DIRS = {"templates", "template", "assets", "images", "img", "node_modules", "_site", "site"}


def digest(data: bytes) -> str:
    """What identifies a file's content for the parse cache."""
    import hashlib

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def file_number(name: str) -> int | None:
    """`0012-x.md` -> 12, `adr-003-x.md` -> 3; log4brains' `20201016-x.md` is a date, not a number."""
    found = _FILE_NUMBER.match(name)
    if not found:
        return None
    digits = found.group(1)
    if len(digits) == 8 and digits[:2] in ("19", "20"):
        return None
    return int(digits)


def is_record_file(path: Path) -> bool:
    return is_record_name(path.name)


def is_record_name(name: str) -> bool:
    return _record_number(name) is not False


def _record_number(name: str) -> int | None | bool:
    """The file's number if it names a record (None: a record without one); False if it is no record."""
    if name.startswith((".", "_")) or not name.lower().endswith((".md", ".markdown")) or _NOT_RECORDS.match(name):
        return False
    # `template.md`, `adr-template.md` are not records; `0039-use-velocity-as-template-engine.md` is
    number = file_number(name)
    return number if number is not None or "template" not in name.lower() else False


def record_files(folder: Path) -> list[Path]:
    """Markdown records under `folder`, subfolders included, in a stable order."""
    return as_paths(_records_under(folder))


def as_paths(entries: list[tuple[str, str]]) -> list[Path]:
    """`Path`s of (folder, file name) pairs, parsing each folder once."""
    bases: dict[str, Path] = {}
    out = []
    for current, name in entries:
        base = bases.get(current)
        if base is None:
            base = bases[current] = Path(current)
        out.append(base / name)
    return out


def log_entries(folders: list[Path]) -> list[tuple[str, str]]:
    """(folder, file name) of every record file of the log, in log order, as strings."""
    return [entry for folder in folders if folder.is_dir() for entry in _records_under(folder)]


def log_paths(folders: list[Path]) -> list[Path]:
    """Every record file of the log, in log order."""
    return as_paths(log_entries(folders))


Signature = tuple[int, int, int]  # size, mtime and ctime in ns: a file whose stat says the same is unchanged


def signature(st: os.stat_result) -> Signature:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns)


@dataclass
class Listing:
    """The log's record files at one moment, each with its stat signature, in log order."""

    entries: list[tuple[str, str]]  # (folder, file name)
    signatures: list[Signature]

    @property
    def newest(self) -> int:
        """The latest mtime of the files, in ns (0 for an empty log)."""
        return max((signature[1] for signature in self.signatures), default=0)


def take_listing(folders: list[Path]) -> Listing | None:
    """The record files of `folders` with their signatures; None when one vanished since the walk."""
    entries = log_entries(folders)
    signatures = []
    try:
        for current, name in entries:
            signatures.append(signature(os.stat(os.path.join(current, name))))
    except OSError:
        return None
    return Listing(entries, signatures)


def log_path_texts(folders: list[Path]) -> list[str]:
    """`log_paths` as strings: what `adr list` prints, without a `Path` per file or any parsing."""
    return [os.path.join(current, name) for current, name in log_entries(folders)]


def _records_under(folder: Path) -> list[tuple[str, str]]:
    """(folder, file name) of each record, as strings: a log may hold 10,000 files."""
    found = []
    root = os.fspath(folder)
    for current, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")) and d.lower() not in _SKIP_DIRS)
        rel = os.path.relpath(current, root)
        for name in files:
            number = _record_number(name)
            if number is not False:  # the number, read once, also orders the files (as `sort_key`)
                found.append((_order(rel, name, number), current, name))
    found.sort(key=lambda entry: entry[0])
    return [(current, name) for _, current, name in found]


def order_key(folder: Path, path: Path):
    """`sort_key` of a path under `folder` (records read from git objects, not from a walk)."""
    return sort_key(str(path.parent.relative_to(folder)), path.name)


def sort_key(subfolder: str, name: str):
    """Subfolder first, then numbered files by number, then the rest by name."""
    return _order(subfolder, name, file_number(name))


def _order(subfolder: str, name: str, number: int | None):
    return (subfolder, number is None, number or 0, name.lower())
