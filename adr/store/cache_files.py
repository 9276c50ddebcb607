"""The cache folder and its files: where they are, whether they may be used, how they are written.

Three caches keep one file per log (or per git folder) here: parsed records (`parse_cache`),
remembered results (`result_cache`) and git histories (`adr.repo.history_cache`). Each file is
MessagePack decoded into declared types, never pickle: a cache folder is state that someone else
may have written (a shared CI cache, a folder committed in a pull request), and loading a pickle
runs whatever code it names. Any bytes in a cache file are at worst a miss. A folder the
repository could have supplied is not used at all (`adr.store.trust`).
"""

from __future__ import annotations

import os
from pathlib import Path

SUFFIX = ".msgpack"
OLD_SUFFIX = ".pickle"  # what releases before format 5 wrote: deleted unread when a cache is written
KEEP_FILES = 64  # files kept per kind (one per log); the least recently written go first


def enabled() -> bool:
    return os.environ.get("ADR_NO_CACHE", "").strip().lower() in ("", "0", "false", "no")


def cache_dir() -> Path | None:
    chosen = os.environ.get("ADR_CACHE_DIR")
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME")
    if base and os.path.isabs(base):
        return Path(base) / "adr"
    home = os.path.expanduser("~")
    return Path(home) / ".cache" / "adr" if home and home != "~" else None


def usable_dir(folders: list[Path]) -> Path | None:
    """The cache folder for the log in `folders`; None when caching is off, or when the folder is
    inside the log or its repository work tree or holds files git tracks."""
    from adr.store.trust import trusted

    base = cache_dir()
    if base is None or not enabled():
        return None
    try:
        return base if trusted(base, folders) else None
    except (OSError, ValueError, RuntimeError):
        return None


def read(path: Path) -> bytes | None:
    """The file's bytes; None when it is missing or unreadable (a miss, never an error)."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except (OSError, ValueError):
        return None


def write(path: Path, data: bytes) -> None:
    """Replace `path` atomically with `data`, so that concurrent commands see a whole old or a
    whole new file; failing (read-only home, full disk) is ignored."""
    import tempfile

    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temp = tempfile.mkstemp(prefix=".cache-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
        temp = None
        _prune(path.parent, path.name.split("-", 1)[0])
    except Exception:
        pass
    finally:
        if temp is not None:
            try:
                os.unlink(temp)
            except OSError:
                pass


def _prune(folder: Path, kind: str) -> None:
    for old in folder.glob(f"{kind}-*{OLD_SUFFIX}"):
        old.unlink(missing_ok=True)
    files = list(folder.glob(f"{kind}-*{SUFFIX}"))
    if len(files) <= KEEP_FILES:
        return
    files.sort(key=lambda p: p.stat().st_mtime)
    for old in files[: len(files) - KEEP_FILES]:
        old.unlink(missing_ok=True)
