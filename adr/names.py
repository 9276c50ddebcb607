"""Record file names: which names are records, the number a name carries, the log's order, and
what identifies a file's content.

Pure rules on strings and bytes, with no file system access, so the parser, the store, git and
the review agree on them. Kept apart from the parser so that `adr list | ...` and warm loads
from the parse cache import neither YAML nor Markdown (ADR 14).
"""

from __future__ import annotations

import re
from pathlib import Path

_FILE_NUMBER = re.compile(r"^(?:adr[-_]?)?(\d+)(?:[-_. ]|$)", re.I)
_DATE_NAME = re.compile(r"^(?:19|20)\d\d(?:-[01]\d-[0-3]\d|[01]\d[0-3]\d)(?:[-_. ]|$)")
_NOT_RECORDS = re.compile(r"^(readme|index|changelog|contributing|license|summary|toc)(\..*)?$", re.I)
SKIPPED_FOLDERS = {"templates", "template", "assets", "images", "img", "node_modules", "_site", "site"}


def digest(data: bytes) -> str:
    """What identifies a file's content for the parse cache."""
    import hashlib

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def file_number(name: str) -> int | None:
    """`0012-x.md` -> 12, `adr-003-x.md` -> 3; log4brains' `20201016-x.md` and a dated
    `2024-03-01-x.md` carry a date, not a number (else every record of 2024 would be number 2024)."""
    if _DATE_NAME.match(name):
        return None
    found = _FILE_NUMBER.match(name)
    return int(found.group(1)) if found else None


def is_record_file(path: Path) -> bool:
    return is_record_name(path.name)


def is_record_name(name: str) -> bool:
    return record_number(name) is not False


def is_skipped_folder(name: str) -> bool:
    """Hidden, `_`-prefixed and asset or template folders hold no records."""
    return name.startswith((".", "_")) or name.lower() in SKIPPED_FOLDERS


def record_number(name: str) -> int | None | bool:
    """The file's number if it names a record (None: a record without one); False if it is no record."""
    if name.startswith((".", "_")) or not name.lower().endswith((".md", ".markdown")) or _NOT_RECORDS.match(name):
        return False
    # `template.md`, `adr-template.md`, `0000-template.md` are not records;
    # `0039-use-velocity-as-template-engine.md` is
    number = file_number(name)
    if "template" in name.lower() and not number:
        return False
    return number


def order_key(folder: Path, path: Path):
    """`sort_key` of a path under `folder` (records read from git objects, not from a walk)."""
    return sort_key(str(path.parent.relative_to(folder)), path.name)


def sort_key(subfolder: str, name: str):
    """Subfolder first, then numbered files by number, then the rest by name."""
    return order(subfolder, name, file_number(name))


def order(subfolder: str, name: str, number: int | None):
    """`sort_key` with the number already read from the name."""
    return (subfolder, number is None, number or 0, name.lower())
