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

A log's results are kept in one file beside the parse cache (so never in a folder the
repository could have supplied), under a digest of the files, the folders, the date and the
source, one result per question (`adr list` and `adr check` share it), with the file system
questions and their answers. The file is MessagePack, never pickle: the key and the answers are
decoded first, and a result only for its own question, into the type its caller declares (a
string of JSON, a table's rows, findings); anything else in the file is a miss. A later run lists and stats the files,
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
from typing import Any, Callable, Hashable, TypeVar

import msgspec

from adr.store import cache_files
from adr.store.listing import Listing, take_listing
from adr.store.lookups import PLAIN, Answers, Lookups, RecordedLookups, still_answered

FORMAT = 2  # bump when the layout of a memo file changes (2: MessagePack instead of pickle)
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

    def recall(self, question: Hashable, shape: Any) -> tuple[bool, object]:
        """(True, the result) when one of type `shape` is kept for `question`; else (False, None)."""
        kept = self.stored.get("results", {}).get(repr(question))
        if kept is None:
            return False, None
        try:
            return True, _decoder(shape).decode(kept)
        except Exception:  # damaged, or of another type: computed again, and replaced
            return False, None

    def keep(self, question: Hashable, result: object, answers: Answers) -> None:
        """Store `result` with the answers it relied on, beside the results kept under this key."""
        if not self.storable:
            return
        try:
            encoded = _ENCODER.encode(result)
        except Exception:  # nothing that cannot be read back as data is kept
            return
        results = {**self.stored.get("results", {}), repr(question): encoded}
        for old in list(results)[: max(0, len(results) - KEEP_RESULTS)]:
            del results[old]
        kept_answers = {**self.stored.get("answers", {}), **answers}
        cache_files.write(self.where, _ENCODER.encode((FORMAT, self.key, _answer_rows(kept_answers), results)))


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
    where = records_cache.with_name(records_cache.name.replace("records-", "results-", 1))  # a trusted folder
    everything = (FORMAT, tool_version(), [os.fspath(f) for f in folders], os.getcwd(), dt.date.today().isoformat(), os.environ.get("ADR_DATE"))
    digest = hashlib.blake2b(repr(everything).encode("utf-8", "surrogateescape"), digest_size=16)
    digest.update(marshal.dumps(listing.entries))  # a fifth of the time `repr` takes; Python's version is in the key
    digest.update(marshal.dumps(listing.signatures))
    key = digest.hexdigest()
    stored = _read(where, key)
    if stored and not still_answered(stored["answers"]):
        stored = {}  # what the kept results relied on changed: none of them may ride along with a new one
    return Snapshot(where, key, listing, storable=listing.newest < started - RACY_NS, stored=stored)


def remembered(folders: list[Path], question: Hashable, compute: Callable[[Lookups, Listing | None], T], shape: Any) -> T:
    """`compute(lookups, listing)`, or its result from last time when nothing it depends on
    changed. `question` holds what the command was asked and every setting it reads (its `repr`
    names the result); `compute` asks the file system through `lookups` and reads no file but
    the records of `listing` (of `folders`, when it is None), and returns a value of the type
    `shape` (what a kept result must decode as). It may raise: an error is never remembered."""
    now = snapshot(folders)
    if now is None:
        return compute(PLAIN, None)
    found, result = now.recall(question, shape)
    if found:
        return result  # type: ignore[return-value]
    recorded = RecordedLookups()
    result = compute(recorded, now.listing)
    now.keep(question, result, recorded.answers)
    return result


_ENCODER = msgspec.msgpack.Encoder()
_HEADER = msgspec.msgpack.Decoder(tuple[int, str, msgspec.Raw, msgspec.Raw])
_ANSWERS = msgspec.msgpack.Decoder(list[tuple[str, str, str | bool | list[str] | None]])
_RESULTS = msgspec.msgpack.Decoder(dict[str, bytes])
_DECODERS: dict[Any, msgspec.msgpack.Decoder] = {}
# what each question's answer is (adr.store.lookups); links_in is stored as a sorted list
_ANSWER_TYPES = {"realpath": (str,), "links_in": (list, type(None)), "is_link": (bool,), "exists": (bool,)}


def _decoder(shape: Any) -> msgspec.msgpack.Decoder:
    decoder = _DECODERS.get(shape)
    if decoder is None:
        decoder = _DECODERS[shape] = msgspec.msgpack.Decoder(shape)
    return decoder


def _read(where: Path, key: str) -> dict:
    """The answers and results kept under `key`; the results are not even decoded under another."""
    data = cache_files.read(where)
    if not data:
        return {}
    try:
        found_format, found_key, answers, results = _HEADER.decode(data)
        if found_format != FORMAT or found_key != key:
            return {}
        kept = _answers(_ANSWERS.decode(answers))
        return {"answers": kept, "results": _RESULTS.decode(results)} if kept is not None else {}
    except Exception:  # missing, damaged or foreign: nothing remembered
        return {}


def _answer_rows(answers: Answers) -> list[tuple[str, str, object]]:
    return [(q, path, sorted(a) if type(a) is frozenset else a) for (q, path), a in answers.items()]


def _answers(rows: list[tuple[str, str, object]]) -> Answers | None:
    """The answers as `Lookups` gives them; None when one is not of its question's type."""
    answers: Answers = {}
    for question, path, answer in rows:
        if type(answer) not in _ANSWER_TYPES.get(question, ()):
            return None
        answers[(question, path)] = frozenset(answer) if type(answer) is list else answer  # type: ignore[arg-type]
    return answers


def tool_version() -> str:
    """The parse cache's version over the tool's whole source: a result also depends on the
    rules, the relations and the output formats, not only on the parser."""
    from adr.store.parse_cache import version

    package = Path(__file__).resolve().parent.parent
    modules = tuple(sorted(p.name for p in package.iterdir() if p.suffix == ".py" or (p / "__init__.py").is_file()))
    return version(modules)
