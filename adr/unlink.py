"""Remove the links between two records, in both directions: what `adr link` and `adr new -l` wrote.

Only whole lines are removed (a list item in `## Links`, a link line in a Nygard status section),
and only when every link on the line points at the other record. A link that is part of a status
value or of the front matter is refused with the way to change it, and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from adr import fs, relations, status as statuses
from adr.config import Settings
from adr.errors import AdrError
from adr.log import DecisionLog
from adr.model import Record
from adr.operations import Changes, log_naming
from adr.parse.inline import links as inline_links

_STATUS_ITEM = re.compile(r"^\s*[-*+]\s*status\s*:", re.I)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)")


@dataclass
class Unlinked:
    paths: list[Path] = field(default_factory=list)  # the files changed
    still_superseded: list[Record] = field(default_factory=list)  # superseded by nothing now


def unlink(settings: Settings, source_ref: str, target_ref: str) -> Unlinked:
    with fs.locked(settings.log_dir):  # as `adr link`: two commands editing one file lose no edit
        return _unlink(settings, source_ref, target_ref)


def _unlink(settings: Settings, source_ref: str, target_ref: str) -> Unlinked:
    log = log_naming(settings, [source_ref, target_ref])
    source, target = log.find(source_ref), log.find(target_ref)
    if source is target:
        raise AdrError("a record cannot be unlinked from itself", source.path)
    changes = Changes(settings.log_dir)
    was_superseded: list[Record] = []
    for here, there in ((source, target), (target, source)):
        found = [link for link in here.links if log.resolve(here, link) is there]
        if not found:
            continue
        lines = changes.text(here).split("\n")  # under the lock, as `here` was read
        drop: set[int] = set()
        for link in found:
            drop |= _lines_of_link(log, here, lines, link.line, there)
        changes.update(here, _without(lines, drop, here))
        if any(link.relation == relations.SUPERSEDED_BY for link in found):
            was_superseded.append(here)
    if not changes.texts:
        raise AdrError(f"{_name(source)} and {_name(target)} do not link to each other")
    result = Unlinked()
    for record in was_superseded:  # its status may still say superseded, or be gone with the link
        now = changes.record(record)
        if now.status in ("superseded", "") and not any(l.relation == relations.SUPERSEDED_BY for l in now.links):
            result.still_superseded.append(now)
    result.paths = changes.commit()
    return result


def _lines_of_link(log: DecisionLog, record: Record, lines: list[str], line: int | None, there: Record) -> set[int]:
    """Indexes of the lines that hold the link (an item and its continuation lines)."""
    index = (line or 0) - 1
    if index < 0 or index >= len(lines) or index < _front_matter_lines(lines):
        raise AdrError(f"this link to {_name(there)} is in the front matter; remove it there by hand", record.path, line)
    text = lines[index]
    if _STATUS_ITEM.match(text):
        raise AdrError(
            f"this link to {_name(there)} is part of the status; change the status first "
            f"({status_command(record)}), then unlink", record.path, line,
        )
    others = [l.href for l in inline_links(text) if log.resolve(record, l.href) is not there]
    if others:
        raise AdrError(f"this line also links to {others[0]}; remove the link to {_name(there)} by hand", record.path, line)
    found = {index}
    if _LIST_ITEM.match(text):
        after = index + 1
        while after < len(lines) and lines[after].strip() and lines[after][:1].isspace() and not _LIST_ITEM.match(lines[after]):
            found.add(after)
            after += 1
    return found


def _front_matter_lines(lines: list[str]) -> int:
    if not lines or lines[0].strip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return index + 1
    return 0


def _without(lines: list[str], drop: set[int], record: Record) -> str:
    """The text without the dropped lines, no doubled blank line left behind, and no empty
    `## Links` section (adr link adds one when a record has none)."""
    kept: list[str] = []
    for index, line in enumerate(lines):
        if index in drop:
            continue
        if not line.strip() and kept and not kept[-1].strip() and (index - 1) in drop:
            continue
        kept.append(line)
    section = record.section("links")
    if section is None:
        return "\n".join(kept)
    start = section.line - 1  # the heading's index, unchanged: nothing above it was dropped
    if any(i < start for i in drop) or start >= len(kept):
        return "\n".join(kept)
    end = start + 1
    while end < len(kept) and not kept[end].startswith("#"):
        if kept[end].strip():
            return "\n".join(kept)  # the section still holds something
        end += 1
    if end < len(kept) and len(kept[end]) - len(kept[end].lstrip("#")) > section.level:
        return "\n".join(kept)  # a subsection follows: the heading still serves
    del kept[start:end]
    return "\n".join(kept)


def _name(record: Record) -> str:
    return f"ADR {record.number}" if record.number is not None else record.id


def status_command(record: Record) -> str:
    """How to put a record that is no longer superseded back in force."""
    ref = str(record.number) if record.number is not None else record.path.name
    force = " --force" if statuses.check_transition(record.status, "accepted") else ""
    return f"adr status {ref} accepted{force}"
