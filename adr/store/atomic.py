"""Writing files safely: atomic replacement, all-or-nothing groups that survive a crash, a lock.

A group (`write_all`) first records its intent in a journal, `.adr-journal.json` in the log
folder, then writes every new content to a temporary file beside its target, marks the journal
committed, and only then renames. Killed at any step, the next command (`recover`) either
removes the temporary files (nothing was renamed yet: the log is as before) or finishes the
renames (the log is as after), and says which in one line. It acts only on a journal this
user's own interrupted write left (`adr.store.journal`: sealed, owned, untracked).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
from pathlib import Path

from adr.errors import AdrError, where
from adr.store import journal as sealed
from adr.store.journal import JOURNAL, Refused, Tracked
from adr.words import counted

_local = threading.local()  # .held: folders this thread holds the lock on, with nesting depth
_steps = 0


def _step() -> None:
    """Fault injection for the crash tests: `ADR_TEST_CRASH_AT=N` dies abruptly at write step N."""
    global _steps
    if os.environ.get("ADR_TEST_STEP_DELAY"):  # widens the window a real `kill -9` can hit
        time.sleep(float(os.environ["ADR_TEST_STEP_DELAY"]))
    at = os.environ.get("ADR_TEST_CRASH_AT")
    if not at:
        return
    _steps += 1
    if _steps == int(at):
        os._exit(86)  # like kill -9: no cleanup, no finally blocks


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


def _temp_name(path: Path) -> Path:
    import secrets  # here: its imports cost every command a few milliseconds, and only writes need it

    return path.with_name(f".{path.name[:100]}.{secrets.token_hex(4)}.tmp")


def _write_temp(temp: Path, text: str, like: Path) -> None:
    """Write and fsync `temp`, with the permissions of `like` (or the umask's for a new file)."""
    mode = like.stat().st_mode & 0o7777 if like.exists() else 0o666 & ~_umask()
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _temp_beside(path: Path, text: str) -> Path:
    temp = _temp_name(path)
    _write_temp(temp, text, path)
    return temp


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _os_error(exc: OSError, path: Path | None = None) -> AdrError:
    return AdrError(f"cannot write: {exc.strerror or exc}", exc.filename or path)


def write_atomic(path: Path, text: str, root: Path | None = None) -> None:
    """Replace `path` with `text` so that a reader sees the old or the new file, never half."""
    _check_inside(path, root)
    try:
        temp = _temp_beside(path, text)
        _step()
        os.replace(temp, path)
        _step()
    except OSError as exc:
        raise _os_error(exc, path) from None


def create_exclusive(path: Path, text: str, root: Path | None = None) -> None:
    """Create `path` with `text`; fail if it exists (never overwrite)."""
    _check_inside(path, root)
    try:
        temp = _temp_beside(path, text)
    except OSError as exc:
        raise _os_error(exc, path) from None
    try:
        os.link(temp, path)  # atomic, and fails if path exists
    except FileExistsError:
        raise AdrError("file already exists; not overwriting it", path) from None
    except OSError as exc:
        raise _os_error(exc, path) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


# --- groups of files, with a journal ----------------------------------------------------------


def _rel(path: Path, base: Path) -> str:
    return os.path.relpath(path, base)


def _save_journal(base: Path, state: str, entries: list[dict]) -> None:
    journal = base / JOURNAL
    temp = _temp_name(journal)
    _write_temp(temp, sealed.seal(base, state, entries), journal)
    os.replace(temp, journal)
    _sync_dir(base)


def _entry_paths(base: Path, entry: dict) -> tuple[Path, Path | None]:
    """The target and temporary file of a journal entry, refusing anything that leaves `base`."""
    journal = base / JOURNAL
    try:
        path = base / str(entry["path"])
        temp = base / str(entry["temp"]) if entry.get("temp") else None
        _check_inside(path, base)
    except (KeyError, TypeError, ValueError):
        raise Refused("journal of an interrupted write is damaged; check the files it names, then delete it", journal) from None
    except AdrError as exc:
        raise Refused(exc.message, exc.path) from None
    if temp is not None and (temp.parent != path.parent or not sealed.TEMP.match(temp.name)):
        raise Refused("journal of an interrupted write names a file it did not create; delete it", journal)
    return path, temp


def _apply(base: Path, entries: list[dict]) -> None:
    """Move every temporary file into place, then delete what the group removes; idempotent."""
    for entry in entries:
        path, temp = _entry_paths(base, entry)
        if temp is None:
            if entry.get("delete") and os.path.lexists(path):
                os.unlink(path)
                _step()
            continue
        if not temp.exists():
            continue  # moved before the interruption
        if entry.get("create"):
            try:
                os.link(temp, path)
            except FileExistsError:
                if not os.path.samefile(temp, path):
                    raise AdrError(f"exists already; the interrupted write's version is kept in {temp.name}", path) from None
            os.unlink(temp)
        else:
            os.replace(temp, path)
        _step()
    for folder in {path.parent for path in (base / str(e["path"]) for e in entries)}:
        _sync_dir(folder)


def write_all(
    changes: dict[Path, str], root: Path | None = None, create: set[Path] | None = None, delete: set[Path] | None = None,
) -> None:
    """Write (and `delete`) several files all or nothing, even if the process is killed midway.

    `create` names files that must not exist yet. Temporary files are written first, then the
    journal is marked committed, then they are renamed; `recover` finishes an interrupted group.
    """
    create, delete = set(create or ()), set(delete or ())
    if not changes and not delete:
        return
    paths = [*changes, *delete]
    base = root or Path(os.path.commonpath([os.path.abspath(p.parent) for p in paths]))
    for path in paths:
        _check_inside(path, root)
    try:
        with locked(base):
            recover(base)
            if os.path.lexists(base / JOURNAL):  # never overwrite the record of an unfinished group
                raise AdrError("an interrupted write could not be repaired; see the message above", base / JOURNAL)
            for path in create:
                if os.path.lexists(path):
                    raise AdrError("file already exists; not overwriting it", path)
            temps = {path: _temp_name(path) for path in changes}
            entries = [{"path": _rel(p, base), "temp": _rel(t, base), "create": p in create} for p, t in temps.items()]
            entries += [{"path": _rel(p, base), "delete": True} for p in delete if p not in changes]
            _save_journal(base, "prepared", entries)
            _step()
            try:
                for path, text in changes.items():
                    _write_temp(temps[path], text, path)
                    _step()
            except BaseException:
                for temp in temps.values():
                    with contextlib.suppress(OSError):
                        os.unlink(temp)
                with contextlib.suppress(OSError):
                    os.unlink(base / JOURNAL)
                raise
            # from here on, the group happens; recovery renames only temporary files holding these bytes
            digests = {_rel(t, base): sealed.digest(changes[p]) for p, t in temps.items()}
            entries = [{**e, "sha256": digests[e["temp"]]} if "temp" in e else e for e in entries]
            _save_journal(base, "committed", entries)
            _step()
            _apply(base, entries)
            os.unlink(base / JOURNAL)
            _sync_dir(base)
            _step()
    except OSError as exc:
        raise _os_error(exc) from None


def _journal_temps(folder: Path) -> list[Path]:
    """Temporary copies of the journal (see `_save_journal`): a journal only counts once renamed."""
    prefix = f".{JOURNAL}."
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [folder / n for n in names if n.startswith(prefix) and sealed.TEMP.match(n)]


def _is_own_copy(folder: Path, stray: Path) -> bool:
    """Whether a journal's temporary copy is one this user's adr was saving when it was killed:
    empty (killed before writing it) or sealed."""
    try:
        if os.lstat(stray).st_size == 0:
            return True
        return sealed.is_sealed(folder, sealed.read(stray))
    except (OSError, Refused):
        return False


def recover(folder: Path, tracked: Tracked = sealed.no_git) -> list[str]:
    """Finish or undo a group of writes this user's killed `adr` left behind; one line per repair.

    `tracked` says which files git tracks (the CLI asks git; the store knows none). A journal or
    temporary file that is not this user's own is `Refused` before anything is renamed or deleted.
    """
    journal = folder / JOURNAL
    if not os.path.lexists(journal) and not _journal_temps(folder):
        return []
    try:
        with locked(folder):
            strays = _journal_temps(folder)
            present = os.path.lexists(journal)
            first = [journal, *strays] if present else strays
            sealed.check_owned(first, tracked(first) if first else set())
            for stray in strays:
                if not _is_own_copy(folder, stray):
                    raise sealed.unsealed(stray)
            if not present:  # another process repaired it while we waited, or killed while saving the first copy
                for stray in strays:
                    os.unlink(stray)
                return []
            data = sealed.read(journal)
            state, entries = data["state"], data["files"]
            checked = [_entry_paths(folder, e) for e in entries]
            if not sealed.is_sealed(folder, data):
                raise sealed.unsealed(journal)
            temps = [temp for _, temp in checked if temp is not None]
            sealed.check_owned(temps, tracked(temps) if temps else set())
            if state == "committed":
                for entry, (_, temp) in zip(entries, checked):
                    if temp is not None and os.path.lexists(temp) and not sealed.holds(temp, entry.get("sha256")):
                        raise Refused("does not hold what the journal of the interrupted write recorded: not acting on it; check it, then delete it and the journal", temp)
            for stray in strays:  # killed while saving the journal: that copy never took effect
                os.unlink(stray)
            if state == "committed":
                _apply(folder, entries)
                message = f"finished a write that was interrupted ({counted(len(entries), 'file')} brought up to date)"
            else:
                for temp in temps:
                    if os.path.lexists(temp):
                        os.unlink(temp)
                message = "undid a write that was interrupted before it changed any file"
            os.unlink(journal)
            _sync_dir(folder)
    except OSError as exc:  # e.g. a read-only checkout: say so, and let reading commands go on
        return [where(journal) + f"cannot repair an interrupted write: {exc.strerror or exc}; files may be half-way"]
    return [where(journal) + message]


@contextlib.contextmanager
def locked(folder: Path):
    """An exclusive lock on the log folder, so two `adr new` never pick the same number.

    Re-entrant within one process: an operation holding it may call `write_all`.
    """
    folder.mkdir(parents=True, exist_ok=True)
    key = str(folder.resolve())
    _held = _local.__dict__.setdefault("held", {})
    if _held.get(key):
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        _held[key] = 1
        yield
    finally:
        _held.pop(key, None)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
