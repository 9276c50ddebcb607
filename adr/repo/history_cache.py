"""Histories already read from git, kept beside the parse cache and keyed by the commit they
describe, so that `adr history`, site builds and `mkdocs serve` rebuilds do not walk git again.

A folder's history is a function of HEAD's commit id (which fixes every ancestor), whether and
where a shallow clone cuts it off, the folder, and the code that reads it: that is the key. Up to
`KEEP` commits are kept per folder, so switching between branches does not read git again, and
a later commit that only adds commits to a kept one reads just those (`history.load`). Like
the parse cache, the file is MessagePack decoded into the history's own dataclasses (never
pickle), it is never kept in a folder the repository could have supplied (`adr.store.trust`),
a file that cannot be read is a miss and a file that cannot be written is skipped;
`ADR_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from adr.store import cache_files, parse_cache

T = TypeVar("T")
KEEP = 4
SOURCES = parse_cache.PARSER_SOURCES + ("repo/history.py", "repo/history_cache.py", "repo/git.py")
Key = tuple[str, str, tuple[str, ...]]  # HEAD's commit id, folder in the repository, shallow cut-offs
_DECODERS: dict[Any, msgspec.msgpack.Decoder] = {}


def _file(root: Path, rel: str) -> Path | None:
    base = cache_files.usable_dir([root])
    if base is None:
        return None
    name = hashlib.sha256(f"{root}\n{rel}".encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return base / f"history-{name}{cache_files.SUFFIX}"


def _path_from(kind: type, value: object) -> object:
    """A history's `root`, a `Path`, read back from its text (msgspec asks for types it lacks)."""
    if kind is Path and type(value) is str:
        return Path(value)
    raise TypeError(kind)


def _path_text(value: object) -> object:
    """A `Path` as its text; anything else that is not plain data is refused, never guessed."""
    if isinstance(value, Path):
        return str(value)
    raise TypeError(type(value))


def _stored(where: Path, kind: type[T]) -> list[tuple[Key, T]]:
    """The entries of the file, decoded as (key, `kind`); none when it is anything else."""
    data = cache_files.read(where)
    if not data:
        return []
    decoder = _DECODERS.get(kind)
    if decoder is None:  # the whole file in one pass, the version checked after
        shape = tuple[str, list[tuple[Key, kind]]]  # type: ignore[valid-type]
        decoder = _DECODERS[kind] = msgspec.msgpack.Decoder(shape, dec_hook=_path_from)
    try:
        with parse_cache._gc_paused():
            found, entries = decoder.decode(data)
    except Exception:  # damaged or foreign: read git
        return []
    return entries if found == parse_cache.version(SOURCES) else []


def entries(root: Path, rel: str, kind: type[T]) -> list[tuple[Key, T]]:
    """The histories (of type `kind`, a dataclass with a `root`) kept for this folder, the most
    recently written first.

    `kind` is passed in, not imported, so that `adr.repo.history` may import this module."""
    where = _file(root, rel)
    kept = _stored(where, kind) if where is not None else []
    # a history of another work tree would resolve paths against the wrong folder: a miss
    return [entry for entry in kept if entry[1].root == root]  # type: ignore[attr-defined]


def write(root: Path, rel: str, key: Key, history: T, kept: list[tuple[Key, T]]) -> None:
    """Store `history` first, before the `kept` entries that `entries` returned."""
    where = _file(root, rel)
    if where is None:
        return
    others = [entry for entry in kept if entry[0] != key]
    # Plain data first: a commit's date becomes its ISO text with its own offset (MessagePack's
    # timestamps would keep only the instant, and `adr history` prints the author's offset).
    try:
        data = msgspec.to_builtins((parse_cache.version(SOURCES), [(key, history), *others][:KEEP]), enc_hook=_path_text)
        cache_files.write(where, msgspec.msgpack.encode(data))
    except Exception:  # a history that is not plain data is not kept
        pass
