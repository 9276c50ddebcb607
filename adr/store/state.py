"""This user's own files, kept outside every repository: the key that seals journals, and the
notes of `--commit` runs that have not committed yet.

`$ADR_STATE_DIR`, else `$XDG_STATE_HOME/adr`, else `~/.local/state/adr`. Not the cache folder:
a cache may be deleted, shared or restored by CI from another run at any time, and the key must
be this user's alone. A pull request cannot write here, so what is read back from here was
written by this user's own `adr`: the folder must be this user's, closed to everyone else, and
not inside the repository whose log it serves.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from adr.errors import AdrError

KEY_FILE = "journal.key"
KEY_BYTES = 32


def state_dir() -> Path | None:
    chosen = os.environ.get("ADR_STATE_DIR")
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_STATE_HOME")
    if base and os.path.isabs(base):
        return Path(base) / "adr"
    home = os.path.expanduser("~")
    return Path(home) / ".local" / "state" / "adr" if home and home != "~" else None


def _advice() -> str:
    return "set ADR_STATE_DIR to a folder of your own outside the repository"


def private_dir(near: Path | None = None) -> Path:
    """The state folder, created with mode 0700; a user error when it is not this user's alone
    or lies inside the repository that holds `near` (a pull request could have committed it)."""
    folder = state_dir()
    if folder is None:
        raise AdrError(f"no folder to keep adr's key in (no home folder); {_advice()}")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = os.lstat(folder)
    except OSError as exc:
        raise AdrError(f"cannot create adr's state folder: {exc.strerror}; {_advice()}", folder) from None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o022:
        raise AdrError(f"adr's state folder must be a folder of yours that nobody else can write; {_advice()}", folder)
    if near is not None and _inside_repository_of(folder, near):
        raise AdrError(f"adr's state folder is inside the repository, where a pull request could write it; {_advice()}", folder)
    return folder


def _inside_repository_of(folder: Path, near: Path) -> bool:
    real, start = folder.resolve(), near.resolve()
    for candidate in (start, *start.parents):
        if (candidate / ".git").exists():
            return candidate == real or candidate in real.parents
    return False


def journal_key(near: Path | None = None) -> bytes:
    """This user's secret for sealing journals: 32 random bytes in a file of mode 0600, made on
    first use. Whoever else made or can read that file could forge a journal: refused."""
    path = private_dir(near) / KEY_FILE
    key = _read_key(path)
    if key is None:
        _create_key(path)
        key = _read_key(path)
    if key is None:  # pragma: no cover - created and gone within one call
        raise AdrError(f"cannot read adr's key; {_advice()}", path)
    return key


def _read_key(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise AdrError(f"cannot read adr's key: {exc.strerror}; {_advice()}", path) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
            raise AdrError(f"adr's key must be a file of yours with mode 0600; delete it and adr makes a new one, or {_advice()}", path)
        data = os.read(fd, KEY_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) != KEY_BYTES:
        raise AdrError("adr's key is damaged; delete it and adr makes a new one", path)
    return data


def _create_key(path: Path) -> None:
    """Write the key whole under a temporary name, then link it in: two first runs at once
    agree on one key, and nobody ever reads half of one."""
    temp = path.with_name(f".{KEY_FILE}.{os.urandom(4).hex()}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        os.write(fd, os.urandom(KEY_BYTES))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(temp, path)
    except FileExistsError:
        pass  # another run made it first: use theirs
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
