"""Parsed records as MessagePack for the parse cache, checked against their declared types.

A record is stored as one array of its attribute values in a fixed order (the `Record` fields,
its path left out and its sections packed, ADR 16; sections that are not slices of the body,
which cannot be packed, as an encoded list of `Section`s), so that a file of 10,000 records
holds no attribute name per record and decodes in one pass of `msgspec`'s C decoder. The order and the
types come from `Record`'s own annotations: a field added to the model is stored without
touching this module. Links, assumptions and diagnostics are the model's dataclasses, which
msgspec builds and checks itself (calling `Diagnostic.__post_init__`). Whatever does not match
(a foreign file, a damaged one, a value of another type, sections that would not unpack) is
not a record: the whole file, or that entry, is a miss.
"""

from __future__ import annotations

import typing
from typing import Optional

import msgspec

from adr.model import Record, Section, pack_sections, unpackable

Signature = tuple[int, int, int]
Entry = tuple[Signature, str, Record]  # stat signature, content hash, parsed record

_HINTS = typing.get_type_hints(Record)
# Every attribute of a record as the parser leaves it, in its order, sections packed last.
NAMES = tuple(name for name in _HINTS if name != "sections") + ("packed_sections",)
_TYPES = tuple(
    None if n == "path" else tuple[str, bytes] | bytes if n == "packed_sections" else _HINTS[n] for n in NAMES
)
_Values = tuple.__class_getitem__(_TYPES)  # type: ignore[attr-defined]
_UNPACKED = frozenset(NAMES[:-1]) | {"sections"}
_PACKED = frozenset(NAMES)

_ENCODER = msgspec.msgpack.Encoder()
# One pass for the whole file: a header decoded apart (`msgspec.Raw`) would cost a walk of it too.
_FILE = msgspec.msgpack.Decoder(tuple[str, list[tuple[str, Signature, str, _Values]]])  # type: ignore[valid-type]
_SECTIONS = msgspec.msgpack.Decoder(list[Section])
_AS_SECTIONS = NAMES[:-1] + ("sections",)


def encode(version: str, entries: dict[str, Entry]) -> bytes:
    """`[version, [[path, signature, content hash, values], ...]]`; a record that would not read
    back as it is (an attribute the model does not declare, a number MessagePack cannot hold:
    `99999999999999999999-x.md`) is left out, and parsed again next time."""
    rows = []
    for key, (signature, content, record) in entries.items():
        values = _values(record)
        if values is not None:
            rows.append((key, signature, content, values))
    try:
        return _ENCODER.encode((version, rows))
    except (OverflowError, TypeError, ValueError, msgspec.EncodeError):
        return _ENCODER.encode((version, [row for row in rows if _encodes(row)]))


def _encodes(row: tuple) -> bool:
    try:
        _ENCODER.encode(row)
    except (OverflowError, TypeError, ValueError, msgspec.EncodeError):
        return False
    return True


def decode(data: bytes | None, version: str) -> dict[str, Entry]:
    """The entries of a file written under `version`; nothing when it is anything else."""
    if not data:
        return {}
    try:
        found, decoded = _FILE.decode(data)
    except Exception:  # damaged, foreign, or values of other types: a cold run, never an error
        return {}
    if found != version:
        return {}  # another release's cache
    new = object.__new__
    names = NAMES
    entries: dict[str, Entry] = {}
    for key, signature, content, values in decoded:
        sections = values[-1]
        record = new(Record)
        if type(sections) is tuple:
            if not unpackable(sections):
                continue  # sections that would fail when first read
            record.__dict__.update(zip(names, values))
        else:
            try:
                unpacked = _SECTIONS.decode(sections)
            except Exception:
                continue
            record.__dict__.update(zip(_AS_SECTIONS, (*values[:-1], unpacked)))
        entries[key] = (signature, content, record)
    return entries


def _values(record: Record) -> Optional[tuple]:
    """The record's attribute values in `NAMES` order, without its path, sections packed;
    None for a record that has an attribute the model does not declare."""
    state = record.__dict__
    keys = state.keys()
    if keys == _PACKED:
        packed = state["packed_sections"]
    elif keys == _UNPACKED:
        packed = pack_sections(state["sections"], record.body)
        if packed is None:  # not the parser's own: stored whole, and rebuilt as they are
            packed = _ENCODER.encode(state["sections"])
    else:  # an attribute the model does not declare would be lost
        return None
    return (None, *(state[name] for name in NAMES[1:-1]), packed)
