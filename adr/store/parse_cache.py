"""A parse cache, so that the second command on a large log does not parse every file again.

Parsed records are kept in one file per log under `$ADR_CACHE_DIR`, else `$XDG_CACHE_HOME/adr`,
else `~/.cache/adr` -- never inside the log or its repository work tree, nor in a folder holding
files git tracks (`adr.store.trust`): such a folder is the checkout's, and a pull request could
have written it. An entry is reused while its file's size, mtime and ctime are unchanged, or,
when they changed (a fresh clone, a checkout, `touch`), while its content hashes the same; the
whole cache is dropped when the tool's version or its parser's source changes. A CI job that
keeps this folder between runs thus parses only the records a change touched. The file is
MessagePack decoded into the model's declared types (`record_codec`), never pickle, and is
rewritten with an atomic replace, so concurrent commands see a whole old or whole new file; a
cache that cannot be read for any reason means a cold run, never an error. `ADR_NO_CACHE=1`
turns it off.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import stat
import sys
import time
from pathlib import Path
from typing import Callable

import adr
from adr.model import Record
from adr.names import digest
from adr.store import cache_files
from adr.store.cache_files import cache_dir, enabled  # noqa: F401 (where the other caches look)
from adr.store.listing import Signature, signature as _signature

FORMAT = 5  # bump when the layout of the cache file changes (5: MessagePack instead of pickle)
# A file changed within this long before the load may change again within the same timestamp
# tick, unseen by its mtime; such entries are parsed but not stored (git's "racy" entries).
RACY_NS = 2_000_000_000

Entry = tuple[Signature, str, Record]  # stat signature, content hash, parsed record


# The modules whose code decides what a parsed record holds.
PARSER_SOURCES = (
    "parse", "safe_yaml.py", "model.py", "errors.py", "dates.py", "status.py", "relations.py", "names.py",
    "store/parse_cache.py", "store/record_codec.py", "store/listing.py", "__init__.py",
)


# The libraries that decide, with our parser, what a parsed record holds (msgspec: what is read back).
PARSER_LIBRARIES = ("markdown_it", "yaml", "msgspec")


def version(modules: tuple[str, ...] = PARSER_SOURCES) -> str:
    """The tool's version plus a hash of the parser's source: an edited parser (in an editable
    install) invalidates the cache as a new release does, a reinstall of the same one does not.
    A new release of a parser library does too: its `__init__` (which holds its version) is hashed."""
    package = Path(__file__).resolve().parent.parent
    sources = hashlib.sha256()
    for name in modules:
        path = package / name
        try:
            for source in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
                sources.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
        except OSError:
            continue
    for library in PARSER_LIBRARIES:
        sources.update(f"\0{library}\0".encode() + _library_init(library))
    return "\n".join([f"format {FORMAT}", adr.__version__, sys.version, sources.hexdigest()])


def _library_init(name: str) -> bytes:
    """The bytes of a library's `__init__`, found without importing it (a warm load needs none)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)
        with open(spec.origin, "rb") as handle:  # type: ignore[union-attr, arg-type]
            return handle.read()
    except Exception:  # not installed, or no file: what is missing is part of the version too
        return b"missing"


def _content(path: Path) -> str | None:
    """The digest of the file's bytes; None for anything but a regular file (a FIFO would block)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return digest(handle.read())
    except OSError:
        return None
    finally:
        os.close(fd)


def cache_file(folders: list[Path]) -> Path | None:
    """The cache of this log (its folders as given, resolved, and the working folder when any is
    relative, since record paths are kept as given); None when caching is off, impossible, or
    the cache folder is one the repository could have supplied."""
    base = cache_files.usable_dir(folders)
    if base is None:
        return None
    try:
        resolved = [f.resolve() for f in folders]
    except (OSError, RuntimeError):
        return None
    key = repr([(str(f), str(r)) for f, r in zip(folders, resolved)])
    if any(not f.is_absolute() for f in folders):
        key += "\n" + os.getcwd()
    name = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return base / f"records-{name}{cache_files.SUFFIX}"


def _read(path: Path, expected: str) -> dict[str, Entry]:
    """The stored entries, or nothing when the file is missing, foreign, stale or damaged."""
    from adr.store import record_codec  # not imported when a remembered result answers (result_cache)

    return record_codec.decode(cache_files.read(path), expected)


def _write(path: Path, expected: str, entries: dict[str, Entry]) -> None:
    """Store `entries`; a cache that cannot be written is skipped, never an error."""
    from adr.store import record_codec

    try:
        data = record_codec.encode(expected, entries)
    except Exception:
        return
    cache_files.write(path, data)


def _write_meanwhile(path: Path, expected: str, entries: dict[str, Entry]) -> None:
    """`_write`, in a forked child while the command goes on to check or print the records, when
    the process is the `adr` command: encoding and writing a cold load of 5,000 records is time
    the command need not wait for, and a second core is free by then. The command waits for the child before it exits, so
    the next command finds the cache written. Elsewhere (tests, `mkdocs serve`), right away."""
    from adr.store.fanout import can_fork

    if not adr.ONE_COMMAND_PROCESS or not can_fork():
        return _write(path, expected, entries)
    try:
        pid = os.fork()
    except OSError:
        return _write(path, expected, entries)
    if pid == 0:  # the child: never returns, never runs the parent's exit handlers
        try:
            _write(path, expected, entries)
        finally:
            os._exit(0)
    import atexit

    atexit.register(_wait_for, pid)


def _wait_for(pid: int) -> None:
    try:
        os.waitpid(pid, 0)
    except (OSError, KeyboardInterrupt):
        pass


def load_records(
    folders: list[Path], paths: list[Path], parse: Callable[[Path], Record], signatures: list[Signature] | None = None,
) -> list[Record]:
    """`parse(path)` for each path, reusing the records of unchanged files from the cache;
    `signatures`, when given, are the paths' stat signatures, taken just before."""
    with _gc_paused():
        return _load_records(folders, paths, parse, signatures)


def load_contents(
    folders: list[Path], contents: dict[Path, bytes], parse: Callable[[dict[Path, bytes]], list[Record]],
) -> list[Record]:
    """Records of files read from git objects (`adr review`), in the order of `contents`: a
    cached record is reused when its file held the same bytes, whatever the working tree says.
    What `parse` returns for the others is stored where the working tree's own entry is not
    (without a stat signature, so a command on the working tree checks content before reuse)."""
    with _gc_paused():
        where = cache_file(folders) if contents else None
        expected = version()
        stored = _read(where, expected) if where is not None else {}
        found: dict[Path, Record] = {}
        missing: dict[Path, bytes] = {}
        digests = {}
        for path, data in contents.items():
            hit = stored.get(str(path))
            digests[path] = digest(data)
            if type(hit) is tuple and len(hit) == 3 and type(hit[2]) is Record and hit[1] == digests[path] and not _unreadable(hit[2]):
                hit[2].path = path
                found[path] = hit[2]
            else:
                missing[path] = data
        parsed = parse(missing) if missing else []
        found.update(zip(missing, parsed))
        fresh = {str(path): path for path in missing if _from_git_objects(stored.get(str(path)))}
        if where is not None and fresh:
            for key, path in fresh.items():
                stored[key] = (_NO_SIGNATURE, digests[path], found[path])
            _write(where, expected, stored)
        return [found[path] for path in contents]


_NO_SIGNATURE: Signature = (-1, -1, -1)  # matches no file's stat: its content decides


def _from_git_objects(entry: object) -> bool:
    """No entry, or one that `load_contents` stored: not the working tree's, which stays."""
    return not (type(entry) is tuple and len(entry) == 3 and entry[0] != _NO_SIGNATURE)


def _unreadable(record: Record) -> bool:
    """Read from a file, such a record says so; read from git objects it would not (nor need to)."""
    return any(d.code == "unreadable" for d in record.diagnostics)


@contextlib.contextmanager
def _gc_paused():
    """Loading only adds long-lived objects, and each full collection would walk every record
    loaded so far (a third of a warm load's time). In the CLI the records are then frozen out
    of the GC's reach for the same reason."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            if adr.ONE_COMMAND_PROCESS:  # the CLI: what is loaded now lives until exit
                gc.freeze()
            gc.enable()


def _load_records(
    folders: list[Path], paths: list[Path], parse: Callable[[Path], Record], signatures: list[Signature] | None,
) -> list[Record]:
    from adr.store.fanout import parse_all

    where = cache_file(folders) if paths else None
    if where is None:
        return parse_all(paths, parse)
    started = time.time_ns()
    expected = version()
    stored = _read(where, expected)
    keep: dict[str, Entry] = {}
    records: list[Record | None] = []
    found: list[tuple[Signature, str] | None] = []
    missing: list[int] = []
    unchanged = len(stored) == len(paths)  # and every file a hit with the same stat: no write
    for index, path in enumerate(paths):
        hit = stored.get(str(path))
        record, seen = _reuse(path, hit, signatures[index] if signatures is not None else None)
        records.append(record)
        found.append(seen)
        if record is None:
            missing.append(index)
            unchanged = False
        elif unchanged and seen[0] != hit[0]:  # type: ignore[index]
            unchanged = False
    if unchanged:
        return records  # type: ignore[return-value]
    for index, record in zip(missing, parse_all([paths[i] for i in missing], parse)):
        records[index] = record
    parsed = set(missing)
    dirty = False
    for index, (path, seen, record) in enumerate(zip(paths, found, records)):
        if seen is not None and seen[0][1] < started - RACY_NS:
            key = str(path)
            keep[key] = (seen[0], seen[1] or record.digest, record)  # type: ignore[assignment]
            old = stored.get(key)
            dirty = dirty or index in parsed or not (type(old) is tuple and old[0] == seen[0])
    if dirty or keep.keys() != stored.keys():
        _write_meanwhile(where, expected, keep)
    return records  # type: ignore[return-value]


def _reuse(path: Path, hit: object, signature: Signature | None = None) -> tuple[Record | None, tuple[Signature, str] | None]:
    """The stored record of `path` if the file is unchanged, and what the file looks like now:
    (signature, content hash, "" when not computed); (None, None) when it cannot be stat'ed."""
    if signature is None:
        try:
            signature = _signature(os.stat(path))
        except OSError:
            return None, None
    if not (type(hit) is tuple and len(hit) == 3 and type(hit[2]) is Record):
        return None, (signature, "")
    if hit[0] == signature:
        record, content = hit[2], hit[1]
    else:  # touched, checked out or cloned again: the same bytes still parse the same
        content = _content(path) or ""
        if not content or content != hit[1]:
            return None, (signature, content)
        record = hit[2]
    record.path = path
    return record, (signature, content)
