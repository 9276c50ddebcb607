"""Results of read-only commands remembered for an unchanged log, so that asking again is instant.

The parse cache (adr.store.parse_cache) spares a second `adr check` the parsing, but not the work on every
record after it: loading it, resolving its links, running the rules, building the JSON. On a log
of 10,000 records that is half a second, and the answer is the same as last time whenever
nothing it depends on has changed. That is, when all of these are the same:

- the log's record files, in order, each with its size, mtime and ctime (as the parse cache);
- the log's folders, the working folder and today's date;
- what the command was asked, with the settings it reads (the question);
- the tool's whole source, Python's version and the parser libraries (the parse cache's version);
- the answer to every question the command asked the file system besides reading the records
  (a folder's real path, its symbolic links, whether a link's target exists: adr.store.lookups).

A log's results are kept in one file beside the parse cache, under a digest of the files, the
folders, the date and the source, one result per question (`adr list` and `adr check` share
it), with the file system questions and their answers. A later run lists and stats the files,
asks the file system questions again, and reuses a result only when the digest and every answer
match; otherwise it computes the result again, and drops the others when an answer changed. A
log with a file changed within the last two seconds keeps nothing (its mtime may hide a change
made within the same tick). `ADR_NO_CACHE=1` turns this off with the parse cache.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import marshal
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Hashable, TypeVar

from adr.store.listing import Listing, take_listing
from adr.store.lookups import PLAIN, Answers, Lookups, RecordedLookups, still_answered

FORMAT = 1  # bump when the layout of a memo file changes
KEEP_RESULTS = 16  # questions answered per log state; the oldest go first
T = TypeVar("T")


@dataclass
class Snapshot:
    """The log and everything else a result depends on, as they are now."""

    where: Path  # the memo file
    key: str  # digest of the inputs and of every record file's signature
    listing: Listing
    storable: bool  # False when a file changed too recently for its mtime to be trusted
    # the memo file's answers and results, when made under this key and every answer still holds
    stored: dict = field(default_factory=dict)

    def recall(self, question: Hashable) -> tuple[bool, object]:
        """(True, the result) when one is kept for `question`; else (False, None)."""
        results = self.stored.get("results", {})
        return (True, results[question]) if question in results else (False, None)

    def keep(self, question: Hashable, result: object, answers: Answers) -> None:
        """Store `result` with the answers it relied on, beside the results kept under this key."""
        if not self.storable:
            return
        from adr.store.parse_cache import write_pickle

        results = {**self.stored.get("results", {}), question: result}
        for old in list(results)[: max(0, len(results) - KEEP_RESULTS)]:
            del results[old]
        kept_answers = {**self.stored.get("answers", {}), **answers}
        write_pickle(self.where, {"format": FORMAT, "key": self.key, "answers": kept_answers}, results)


def snapshot(folders: list[Path]) -> Snapshot | None:
    """The log as it is now, with the memo kept for it; None when memos are off or impossible."""
    from adr.store.parse_cache import RACY_NS, cache_file

    records_cache = cache_file(folders)
    if records_cache is None:
        return None
    started = time.time_ns()
    listing = take_listing(folders)
    if listing is None:
        return None
    where = records_cache.with_name(records_cache.name.replace("records-", "results-", 1))
    everything = (FORMAT, tool_version(), [os.fspath(f) for f in folders], os.getcwd(), dt.date.today().isoformat(), os.environ.get("ADR_DATE"))
    digest = hashlib.blake2b(repr(everything).encode("utf-8", "surrogateescape"), digest_size=16)
    digest.update(marshal.dumps(listing.entries))  # a fifth of the time `repr` takes; Python's version is in the key
    digest.update(marshal.dumps(listing.signatures))
    key = digest.hexdigest()
    stored = _read(where, key)
    if stored and not still_answered(stored["answers"]):
        stored = {}  # what the kept results relied on changed: none of them may ride along with a new one
    return Snapshot(where, key, listing, storable=listing.newest < started - RACY_NS, stored=stored)


def remembered(folders: list[Path], question: Hashable, compute: Callable[[Lookups, Listing | None], T]) -> T:
    """`compute(lookups, listing)`, or its result from last time when nothing it depends on
    changed. `question` holds what the command was asked and every setting it reads; `compute`
    asks the file system through `lookups` and reads no file but the records of `listing` (of
    `folders`, when it is None). It may raise: an error is never remembered."""
    now = snapshot(folders)
    if now is None:
        return compute(PLAIN, None)
    found, result = now.recall(question)
    if found:
        return result  # type: ignore[return-value]
    recorded = RecordedLookups()
    result = compute(recorded, now.listing)
    now.keep(question, result, recorded.answers)
    return result


def _read(where: Path, key: str) -> dict:
    """The answers and results kept under `key`; the results are not even read under another."""
    import pickle

    try:
        with open(where, "rb") as handle:
            header = pickle.load(handle)
            if not (type(header) is dict and header.get("format") == FORMAT and header.get("key") == key):
                return {}
            results = pickle.load(handle)
        answers = header["answers"]
    except Exception:  # missing, damaged or foreign: nothing remembered
        return {}
    return {"answers": answers, "results": results} if type(answers) is dict and type(results) is dict else {}


def tool_version() -> str:
    """The parse cache's version over the tool's whole source: a result also depends on the
    rules, the relations and the output formats, not only on the parser."""
    from adr.store.parse_cache import version

    package = Path(__file__).resolve().parent.parent
    modules = tuple(sorted(p.name for p in package.iterdir() if p.suffix == ".py" or (p / "__init__.py").is_file()))
    return version(modules)
