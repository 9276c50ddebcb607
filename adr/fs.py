"""Writing files safely: atomic replacement, all-or-nothing groups, and a lock for numbering."""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from pathlib import Path

from adr.errors import AdrError


def _check_inside(path: Path, root: Path | None) -> None:
    if root is None:
        return
    real = path.parent.resolve()
    if real != root.resolve() and root.resolve() not in real.parents:
        raise AdrError("refusing to write outside the decision log (symbolic link or '..')", path)
    if path.is_symlink():
        target = path.resolve()
        if root.resolve() not in target.parents:
            raise AdrError("refusing to write through a symbolic link that leaves the decision log", path)


def _temp_beside(path: Path, text: str) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(name, path.stat().st_mode & 0o7777)
        else:
            os.chmod(name, 0o666 & ~_umask())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str, root: Path | None = None) -> None:
    """Replace `path` with `text` so that a reader sees the old or the new file, never half."""
    _check_inside(path, root)
    os.replace(_temp_beside(path, text), path)


def create_exclusive(path: Path, text: str, root: Path | None = None) -> None:
    """Create `path` with `text`; fail if it exists (never overwrite)."""
    _check_inside(path, root)
    temp = _temp_beside(path, text)
    try:
        os.link(temp, path)  # atomic, and fails if path exists
    except FileExistsError:
        raise AdrError("file already exists; not overwriting it", path) from None
    finally:
        os.unlink(temp)


def write_all(changes: dict[Path, str], root: Path | None = None, create: set[Path] | None = None) -> None:
    """Write several files all or nothing: every temporary file is written before any rename."""
    create = create or set()
    for path in changes:
        _check_inside(path, root)
    temps: dict[Path, Path] = {}
    try:
        for path, text in changes.items():
            temps[path] = _temp_beside(path, text)
    except BaseException:
        for temp in temps.values():
            with contextlib.suppress(OSError):
                os.unlink(temp)
        raise
    for path in create:
        if path.exists():
            for temp in temps.values():
                os.unlink(temp)
            raise AdrError("file already exists; not overwriting it", path)
    for path, temp in temps.items():
        os.replace(temp, path)


@contextlib.contextmanager
def locked(folder: Path):
    """An exclusive lock on the log folder, so two `adr new` never pick the same number."""
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
