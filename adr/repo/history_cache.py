"""Histories already read from git, kept beside the parse cache and keyed by the commit they
describe, so that `adr history`, site builds and `mkdocs serve` rebuilds do not walk git again.

A folder's history is a function of HEAD's commit id (which fixes every ancestor), whether and
where a shallow clone cuts it off, the folder, and the code that reads it: that is the key. Up to
`KEEP` commits are kept per folder, so switching between branches does not read git again, and
a later commit that only adds commits to a kept one reads just those (`history.load`). Like
the parse cache, a file that cannot be read is a miss and a file that cannot be written is
skipped; `ADR_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import TypeVar

from adr.store import parse_cache

T = TypeVar("T")
KEEP = 4
SOURCES = parse_cache.PARSER_SOURCES + ("repo/history.py", "repo/history_cache.py", "repo/git.py")
Key = tuple[str, str, tuple[str, ...]]  # HEAD's commit id, folder in the repository, shallow cut-offs


def _file(root: Path, rel: str) -> Path | None:
    base = parse_cache.cache_dir()
    if base is None or not parse_cache.enabled():
        return None
    try:
        base_real = base.resolve()
    except (OSError, RuntimeError):
        return None
    if base_real == root or root in base_real.parents:
        return None  # never write into the repository
    name = hashlib.sha256(f"{root}\n{rel}".encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return base / f"history-{name}.pickle"


def _stored(where: Path) -> list:
    try:
        with parse_cache._gc_paused(), open(where, "rb") as handle:
            data = pickle.load(handle)
    except Exception:  # missing, damaged or foreign: read git
        return []
    if not isinstance(data, dict) or data.get("version") != parse_cache.version(SOURCES):
        return []
    entries = data.get("entries")
    return entries if isinstance(entries, list) else []


def entries(root: Path, rel: str, kind: type[T]) -> list[tuple[Key, T]]:
    """The histories (of type `kind`) kept for this folder, the most recently written first.

    `kind` is passed in, not imported, so that `adr.repo.history` may import this module."""
    where = _file(root, rel)
    return [
        entry for entry in (_stored(where) if where is not None else [])
        if type(entry) is tuple and len(entry) == 2 and _is_key(entry[0]) and type(entry[1]) is kind
    ]


def _is_key(key: object) -> bool:
    return (
        type(key) is tuple and len(key) == 3 and type(key[0]) is str and type(key[1]) is str
        and type(key[2]) is tuple and all(type(c) is str for c in key[2])
    )


def write(root: Path, rel: str, key: Key, history: T, kept: list[tuple[Key, T]]) -> None:
    """Store `history` first, before the `kept` entries that `entries` returned."""
    where = _file(root, rel)
    if where is None:
        return
    others = [entry for entry in kept if entry[0] != key]
    parse_cache.write_pickle(where, {"version": parse_cache.version(SOURCES), "entries": [(key, history), *others][:KEEP]})
