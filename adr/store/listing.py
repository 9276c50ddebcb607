"""Which files of a log's folders are decision records, in log order, and their stat signatures.

The walk and the `stat`s; the rules on names are `adr.names`'. Kept apart from the parser so
that `adr list | ...` and warm loads from the parse cache import neither YAML nor Markdown
(ADR 14).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from adr.names import is_skipped_folder, order, record_number


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
        dirs[:] = sorted(d for d in dirs if not is_skipped_folder(d))
        rel = os.path.relpath(current, root)
        for name in files:
            number = record_number(name)
            if number is not False:  # the number, read once, also orders the files (as `sort_key`)
                found.append((order(rel, name, number), current, name))
    found.sort(key=lambda entry: entry[0])
    return [(current, name) for _, current, name in found]
