"""Whether a cache folder may be trusted for a log: never one the repository could have supplied.

A pull request controls every file of its checkout. A cache folder inside it (a CI job that
points `ADR_CACHE_DIR` into the project folder) or one holding files git tracks is the pull
request's, not a kept cache, whatever its format: its records or results would be believed
before any check ran. Such a folder is treated as no cache at all, neither read nor written.

This is decided without starting git (a warm command runs no subprocess): the work tree of the
log is the nearest folder above it with a `.git` (a folder, or a file in a linked work tree or a
submodule), and a cache folder in some other work tree is refused when that work tree's index
lists a path inside it. Whatever cannot be read for certain counts as tracked.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path


def trusted(cache: Path, folders: list[Path]) -> bool:
    """Whether `cache` may be read and written for the log in `folders`."""
    places = _spellings(cache)
    for folder in folders:
        for spelling in _spellings(folder):
            # the log itself, then the repository work tree around it
            for top in (spelling, _work_tree(spelling)):
                if top is not None and any(_inside(place, top) for place in places):
                    return False
    for place in places:
        tree = _work_tree(place)
        if tree is not None and _tracks(tree, os.path.relpath(place, tree)):
            return False
    return True


def _spellings(path: Path) -> list[str]:
    """The path as given (made absolute) and its real path: a symbolic link may lead in or out."""
    given = os.path.abspath(os.fspath(path))
    real = os.path.realpath(given)
    return [given] if real == given else [given, real]


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _work_tree(path: str) -> str | None:
    """The nearest folder at or above `path` that holds a `.git`; None outside any repository."""
    current = path
    while True:
        if os.path.lexists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _tracks(tree: str, rel: str) -> bool:
    """Whether the index of the work tree `tree` lists `rel` or a path inside it."""
    try:
        git_dir = _git_dir(tree)
        indexes = [os.path.join(git_dir, "index")]
        indexes += [os.path.join(git_dir, n) for n in os.listdir(git_dir) if n.startswith("sharedindex.")]
        wanted = b"" if rel == os.curdir else rel.replace(os.sep, "/").encode("utf-8", "surrogateescape")
        return any(_lists(index, wanted, git_dir) for index in indexes if os.path.exists(index))
    except Exception:  # an index we cannot read may list anything
        return True


def _git_dir(tree: str) -> str:
    """The repository folder of `tree`: its `.git`, or where a `.git` file's `gitdir:` points."""
    dot_git = os.path.join(tree, ".git")
    if os.path.isdir(dot_git):
        return dot_git
    with open(dot_git, encoding="utf-8") as handle:
        line = handle.readline().strip()
    if not line.startswith("gitdir:"):
        raise ValueError(dot_git)
    return os.path.join(tree, line[len("gitdir:"):].strip())


def _lists(index: str, wanted: bytes, git_dir: str) -> bool:
    with open(index, "rb") as handle:
        data = handle.read()
    if data[:4] != b"DIRC":
        raise ValueError(index)
    version, count = struct.unpack(">II", data[4:12])
    if not wanted:  # the cache folder is the work tree's top: whatever it tracks is inside
        return count > 0
    if version in (2, 3):
        # Whole paths, each followed by a NUL: a path inside `wanted` contains `wanted/`. A match
        # elsewhere (a longer path, a hash) refuses the folder too, which is the safe mistake.
        return wanted + b"/" in data or wanted + b"\0" in data or any(
            folder + b"/\0" in data for folder in _parents(wanted)
        )
    if version == 4:
        return any(_under(path, wanted) for path in _paths_v4(data, count, _hash_size(git_dir)))
    raise ValueError(version)


def _parents(rel: bytes) -> list[bytes]:
    """`a` and `a/b` for `a/b/c`: a sparse index lists a whole folder as one `a/` entry."""
    parts = rel.split(b"/")
    return [b"/".join(parts[:n]) for n in range(1, len(parts))]


def _under(path: bytes, wanted: bytes) -> bool:
    return path == wanted or path.startswith(wanted + b"/") or (path.endswith(b"/") and wanted.startswith(path))


def _paths_v4(data: bytes, count: int, hash_size: int) -> list[bytes]:
    """The paths of an index in version 4, where each path is stored as a change of the one before."""
    paths = []
    offset = 12
    previous = b""
    for _ in range(count):
        offset += 40 + hash_size  # stat fields and the object id
        (flags,) = struct.unpack(">H", data[offset:offset + 2])
        offset += 4 if flags & 0x4000 else 2  # extended flags
        strip, offset = _varint(data, offset)
        end = data.index(b"\0", offset)
        if strip > len(previous):
            raise ValueError("index")
        previous = previous[:len(previous) - strip] + data[offset:end]
        paths.append(previous)
        offset = end + 1
    return paths


def _varint(data: bytes, offset: int) -> tuple[int, int]:
    """Git's offset varint (each continuation adds one before shifting)."""
    byte = data[offset]
    offset += 1
    value = byte & 0x7F
    while byte & 0x80:
        byte = data[offset]
        offset += 1
        value = ((value + 1) << 7) | (byte & 0x7F)
    return value, offset


def _hash_size(git_dir: str) -> int:
    """32 in a SHA-256 repository, else 20 (SHA-1)."""
    common = git_dir
    try:
        with open(os.path.join(git_dir, "commondir"), encoding="utf-8") as handle:
            common = os.path.join(git_dir, handle.read().strip())
    except OSError:
        pass
    try:
        with open(os.path.join(common, "config"), encoding="utf-8", errors="replace") as handle:
            config = handle.read().lower().replace(" ", "").replace("\t", "")
    except OSError:
        return 20
    return 32 if "objectformat=sha256" in config else 20
