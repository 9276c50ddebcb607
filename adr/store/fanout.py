"""Parse many files (or git blobs) on every core the process may use.

A cold load of a large log spends nearly all its time in markdown-it's block pass, one file at a
time, in pure Python. Forked children and the parent take chunks of files from a shared queue --
a pipe filled with chunk numbers before the fork, so a faster core simply takes more -- and the
children pickle their records back through a pipe each. Fork (not a `multiprocessing` pool)
because the children inherit the imported parser for free and nothing has to be importable by
name. Whatever goes wrong in a child (it cannot fork, it dies, its data is damaged), the parent
parses the chunks it did not get back: the result is always what a serial parse returns.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
import threading
from pathlib import Path
from typing import Callable, TypeVar

from adr.model import Record, stow_sections

T = TypeVar("T")
R = TypeVar("R")

MIN_SHARE = 250  # below this many files per process, forking costs more than it saves
CHUNK = 64  # files per chunk taken from the queue
_ID = struct.Struct("<I")  # reads of 4 bytes from a pipe are atomic: each chunk goes to one reader


def usable_cores() -> int:
    chosen = os.environ.get("ADR_JOBS", "").strip()
    if chosen.isdigit() and int(chosen) > 0:
        return int(chosen)
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def parse_all(paths: list[Path], parse: Callable[[Path], Record]) -> list[Record]:
    """`[parse(p) for p in paths]`, spread over forked children when that is worth it."""
    return spread(paths, parse, Record, detach=_detach, attach=_attach)


def parse_texts(texts: dict[Path, str]) -> list[Record]:
    """`parse_record(path, text)` for each item (records read from git objects), spread likewise."""
    from adr.parse import parse_record

    items = list(texts.items())
    return spread(items, lambda item: parse_record(*item), Record, detach=_detach, attach=lambda r, item: _attach(r, item[0]))


def _detach(record: Record) -> Record:
    record.path = None  # type: ignore[assignment]  # unpickling 10,000 Paths takes seconds
    stow_sections(record)  # and 50,000 Sections a tenth of a second
    return record


def _attach(record: Record, path: Path) -> Record:
    record.path = path
    return record


def spread(
    items: list[T], work: Callable[[T], R], kind: type,
    detach: Callable[[R], R] | None = None, attach: Callable[[R, T], R] | None = None,
) -> list[R]:
    """`[work(i) for i in items]`, in forked children too when there are enough items. Results
    come back pickled and must be of type `kind`; `detach` strips what is slow to pickle in the
    child and `attach` puts it back in the parent."""
    jobs = min(usable_cores(), len(items) // MIN_SHARE)
    if jobs < 2 or not can_fork():
        return [work(item) for item in items]
    size = max(CHUNK, -(-len(items) // 8192))  # at most 8,192 chunk numbers: 32 KiB in the pipe
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    queue = _queue(len(chunks))
    if queue is None:
        return [work(item) for item in items]
    children = [child for child in (_spawn(queue, chunks, work, detach) for _ in range(jobs - 1)) if child]
    try:
        done = _work(queue, chunks, work)
    except BaseException:  # Ctrl-C or a bug in `work`: leave no child behind
        _stop(children)
        raise
    finally:
        os.close(queue)
    for child in children:
        for number, results in _collect(child, chunks, kind).items():
            done[number] = [attach(r, item) for r, item in zip(results, chunks[number])] if attach else results
    out: list[R] = []
    for number, chunk in enumerate(chunks):
        out += done[number] if number in done else [work(item) for item in chunk]
    return out


def can_fork() -> bool:
    # Forking a threaded process (mkdocs serve) can copy a lock held by another thread.
    return hasattr(os, "fork") and sys.platform != "win32" and threading.active_count() == 1


def _queue(count: int) -> int | None:
    """The read end of a pipe holding the numbers 0..count-1; its write end is already closed."""
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        os.write(write_end, b"".join(_ID.pack(n) for n in range(count)))  # well under a pipe's buffer
    except OSError:
        os.close(read_end)
        return None
    finally:
        os.close(write_end)
    return read_end


def _work(queue: int, chunks: list[list[T]], work: Callable[[T], R]) -> dict[int, list[R]]:
    """Take chunks from the queue until it is empty; their results by chunk number."""
    done: dict[int, list[R]] = {}
    while True:
        data = os.read(queue, _ID.size)
        if len(data) != _ID.size:
            return done
        number = _ID.unpack(data)[0]
        done[number] = [work(item) for item in chunks[number]]


def _spawn(queue: int, chunks: list[list[T]], work: Callable[[T], R], detach: Callable[[R], R] | None) -> tuple[int, int] | None:
    """Fork a worker that writes its pickled chunks to a pipe: (pid, read end)."""
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: never returns, never runs the parent's exit handlers
        status = 1
        try:
            os.close(read_end)
            done = _work(queue, chunks, work)
            if detach:
                done = {number: [detach(r) for r in results] for number, results in done.items()}
            with os.fdopen(write_end, "wb") as out:
                pickle.dump(done, out, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _stop(children: list[tuple[int, int]]) -> None:
    import signal

    for pid, read_end in children:
        os.close(read_end)
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:
            pass


def _collect(child: tuple[int, int], chunks: list[list[T]], kind: type) -> dict[int, list]:
    """The chunks a child worked on; nothing when it failed in any way."""
    pid, read_end = child
    try:
        with os.fdopen(read_end, "rb") as pipe:
            done = pickle.load(pipe)
    except Exception:
        done = None
    try:
        _, status = os.waitpid(pid, 0)
    except OSError:
        status = 1
    if status != 0 or not isinstance(done, dict):
        return {}
    return {
        number: results
        for number, results in done.items()
        if type(number) is int and 0 <= number < len(chunks) and type(results) is list
        and len(results) == len(chunks[number]) and all(type(r) is kind for r in results)
    }
