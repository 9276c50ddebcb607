"""The decision record as every part of the tool sees it, whatever format it was written in."""

from __future__ import annotations

import datetime as dt
import struct
from dataclasses import dataclass, field
from pathlib import Path

from adr.errors import Diagnostic

NYGARD = "nygard"  # adr-tools: `# N. Title`, `Date:`, a `## Status` section
MADR = "madr"  # MADR 3/4 and our rich format: YAML front matter
BULLETS = "madr2"  # MADR 2 / log4brains: `- Status:` bullets under the title


@dataclass
class Link:
    """A relation written in a record: `Superseded by [2. Use X](0002-use-x.md)`."""

    label: str  # as written, e.g. "Superceded by"
    relation: str  # normalised key, e.g. "superseded-by"
    target: str  # href as written: a file name, or `ADR-0057` style reference
    text: str = ""  # the link text
    line: int | None = None

    def __reduce__(self):  # by position: the processes parsing a cold load send back thousands
        return Link, (self.label, self.relation, self.target, self.text, self.line)


@dataclass
class Assumption:
    """What the authors believed true when deciding; a later decision may invalidate it."""

    key: str  # "A1", "A2": explicit in the text or by position
    text: str
    line: int | None = None

    def __reduce__(self):  # by position: the processes parsing a cold load send back thousands
        return Assumption, (self.key, self.text, self.line)


@dataclass
class AssumptionRef:
    """A link from a record's Assumptions section to another record's assumption it invalidates."""

    target: str  # href without fragment
    key: str  # "A1"
    note: str = ""
    line: int | None = None

    def __reduce__(self):  # by position: the processes parsing a cold load send back thousands
        return AssumptionRef, (self.target, self.key, self.note, self.line)


@dataclass
class Section:
    title: str
    level: int
    line: int  # 1-based line of the heading
    end: int  # 1-based last line of the section's content
    source: str = field(default="", repr=False)  # the record's body, shared by all its sections
    span: tuple[int, int] | None = None  # where the content lies in `source`; None: all of it

    @property
    def text(self) -> str:
        """The section's Markdown source, heading excluded. A slice, not a copy kept per section:
        nested sections repeat their children, and a cache of 10,000 records would hold it all
        twice (ADR 14)."""
        start, stop = self.span if self.span is not None else (0, len(self.source))
        return self.source[start:stop].strip("\n")


@dataclass
class Record:
    """One architecture decision record, parsed."""

    path: Path
    id: str  # file stem: unique in a folder
    number: int | None
    title: str
    status: str  # normalised: lower case, no emoji, no link text; "" when unknown
    format: str
    raw_status: str = ""
    date: dt.date | None = None
    raw_date: str = ""
    tags: list[str] = field(default_factory=list)
    decision_makers: list[str] = field(default_factory=list)
    consulted: list[str] = field(default_factory=list)
    informed: list[str] = field(default_factory=list)
    review_by: dt.date | None = None
    raw_review_by: str = ""  # as written, so a review-by that is no date can be reported
    links: list[Link] = field(default_factory=list)
    assumptions: list[Assumption] = field(default_factory=list)
    invalidates: list[AssumptionRef] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    title_line: int | None = None
    title_number: int | None = None  # the number written in the H1, if any
    status_line: int | None = None  # where the status is written: `status:`, `- Status:`, or the `## Status` text
    body: str = ""  # Markdown after front matter
    placeholder: tuple[int, str] | None = None  # (line, text) of template text left in
    digest: str = ""  # of the file's bytes it was parsed from (read_record); "" otherwise
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __reduce__(self):
        """Pickled as one tuple of attribute names, shared by every record, and a tuple of
        values: 10,000 records sent back by the parse children (`store.fanout`, a pipe from our
        own fork, never a file) load a fifth faster than with a dict each."""
        names = tuple(self.__dict__)
        return _record_from, (_NAMES.setdefault(names, names), tuple(self.__dict__.values()))

    def __getattr__(self, name: str):
        # Reached only for attributes that are not set: a record from the parse cache keeps its
        # sections packed until something reads them, which `list` and `check` never do (ADR 16).
        if name == "sections":
            state = self.__dict__
            packed = state.get("packed_sections")
            if packed is not None:
                state["sections"] = unpack_sections(packed, self.body)
                state.pop("packed_sections", None)
            if "sections" in state:  # unpacked here, or by another thread (mkdocs serve) meanwhile
                return state["sections"]
        raise AttributeError(f"'Record' object has no attribute '{name}'")

    @property
    def stakeholders(self) -> list[str]:
        seen: dict[str, None] = {}
        for name in [*self.decision_makers, *self.consulted, *self.informed]:
            seen.setdefault(name, None)
        return list(seen)

    def section(self, *names: str) -> Section | None:
        """The first section whose title starts with one of `names` (case-insensitive)."""
        wanted = tuple(n.lower() for n in names)
        return next((section for section in self.sections if section.title.lower().startswith(wanted)), None)

    @property
    def display_number(self) -> str:
        return str(self.number) if self.number is not None else ""

    @property
    def ref(self) -> str:
        """What a user types to name the record: its number, else its id (log4brains' slug)."""
        return str(self.number) if self.number is not None else self.id

    @property
    def label(self) -> str:
        """How messages name the record: `ADR 3`, else its id."""
        return f"ADR {self.number}" if self.number is not None else self.id

    @property
    def numbered_title(self) -> str:
        """`12. Use X`, or just the title for a record without a number."""
        return f"{self.number}. {self.title}" if self.number is not None else self.title


_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per attribute layout, pickled once


def _record_from(names: tuple[str, ...], values: tuple) -> Record:
    record = Record.__new__(Record)
    record.__dict__.update(zip(names, values))
    return record


_NO_SPAN = 0xFFFFFFFF
_FIELDS = struct.Struct("<5I")


def stow_sections(record: Record) -> None:
    """Pack the record's sections in place for pickling (a parse in a child process); they are
    built again when first read. The parse cache packs them the same way (`store.record_codec`)."""
    sections = record.__dict__.get("sections")
    packed = pack_sections(sections, record.body) if sections is not None else None
    if packed is not None:
        del record.__dict__["sections"]
        record.__dict__["packed_sections"] = packed


def pack_sections(sections: list[Section], body: str) -> tuple[str, bytes] | None:
    """Sections as two objects instead of a few per section, or None when they are not the
    parser's own (each a slice of `body`). Loading 50,000 `Section`s was half a warm load."""
    if any(s.source is not body or "\0" in s.title for s in sections):
        return None
    numbers = b"".join(
        _FIELDS.pack(s.level, s.line, s.end, *(s.span if s.span is not None else (_NO_SPAN, _NO_SPAN))) for s in sections
    )
    return "\0".join(s.title for s in sections), numbers


def unpackable(packed: tuple[str, bytes]) -> bool:
    """Whether `unpack_sections` can rebuild sections from `packed`: a cache file may hold anything."""
    titles, numbers = packed
    count, rest = divmod(len(numbers), _FIELDS.size)
    return not rest and (not numbers or titles.count("\0") + 1 == count)


def unpack_sections(packed: tuple[str, bytes], body: str) -> list[Section]:
    titles, numbers = packed
    out = []
    for title, (level, line, end, start, stop) in zip(titles.split("\0") if numbers else [], _FIELDS.iter_unpack(numbers)):
        out.append(Section(title, level, line, end, body, None if start == _NO_SPAN else (start, stop)))
    return out
