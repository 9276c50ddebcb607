"""Remove the links between two records, in both directions: what `adr link` and `adr new -l` wrote.

Only whole lines are removed (a list item in `## Links`, a link line in a Nygard status section),
and only when every link on the line points at the other record. A link that is part of a status
value or of the front matter is refused with the way to change it, and nothing is written.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from adr import relations, status as statuses
from adr.store import atomic
from adr.config import Settings
from adr.errors import AdrError
from adr.store.log import DecisionLog
from adr.model import Record
from adr.edit.operations import Changes, log_naming
from adr.parse import parse_record
from adr.parse.inline import links as inline_links

_STATUS_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s*status\s*:", re.I)  # the parser's metadata items
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)")


@dataclass
class Unlinked:
    paths: list[Path] = field(default_factory=list)  # the files changed
    still_superseded: list[Record] = field(default_factory=list)  # superseded by nothing now


def unlink(settings: Settings, source_ref: str, target_ref: str) -> Unlinked:
    with atomic.locked(settings.log_dir):  # as `adr link`: two commands editing one file lose no edit
        return _unlink(settings, source_ref, target_ref)


def _unlink(settings: Settings, source_ref: str, target_ref: str) -> Unlinked:
    log = log_naming(settings, [source_ref, target_ref])
    source, target = log.find(source_ref), log.find(target_ref)
    if source is target:
        raise AdrError("a record cannot be unlinked from itself", source.path)
    changes = Changes(settings.log_dir)
    maybe_superseded: list[Record] = []
    for here, there in ((source, target), (target, source)):
        found = [link for link in here.links if log.resolve(here, link) is there]
        if not found:
            continue
        changes.update(here, _without_links(log, here, changes.text(here), there))
        if any(link.relation == relations.SUPERSEDED_BY for link in found):
            maybe_superseded.append(here)
        if any(link.relation == relations.SUPERSEDES for link in found):
            maybe_superseded.append(there)
    if not changes.texts:
        raise AdrError(f"{source.label} and {target.label} do not link to each other")
    result = Unlinked()
    for record in maybe_superseded:  # its status may still say superseded, or be gone with the link
        now = changes.record(record) if record.path in changes.texts else record
        if now.status in ("superseded", "") and not any(l.relation == relations.SUPERSEDED_BY for l in now.links):
            if all(r.path != now.path for r in result.still_superseded):
                result.still_superseded.append(now)
    result.paths = changes.commit()
    return result


def _without_links(log: DecisionLog, record: Record, text: str, there: Record) -> str:
    """`text` without every line that links to `there`. The parser keeps one copy of a link
    written twice, so parse again until none is left."""
    current = record
    while True:
        found = [link for link in current.links if log.resolve(current, link) is there]
        if not found:
            return text
        lines = text.split("\n")
        drop: set[int] = set()
        for link in found:
            drop |= _lines_of_link(log, current, lines, link.line, there)
        shorter = _without(lines, drop, current)
        if shorter == text:  # never loop: a link the parser sees on no line we can remove
            raise AdrError(f"cannot find the line of the link to {there.label}; remove it by hand", record.path)
        text = shorter
        current = parse_record(record.path, text)


def _lines_of_link(log: DecisionLog, record: Record, lines: list[str], line: int | None, there: Record) -> set[int]:
    """Indexes of the lines that hold the link (an item and its continuation lines)."""
    index = (line or 0) - 1
    if index < 0 or index >= len(lines) or index < _front_matter_lines(lines):
        raise AdrError(f"this link to {there.label} is in the front matter; remove it there by hand", record.path, line)
    if _STATUS_ITEM.match(lines[index]):
        raise AdrError(
            f"this link to {there.label} is part of the status; change the status first "
            f"({status_command(record)}), then unlink", record.path, line,
        )
    found = [index]
    if _LIST_ITEM.match(lines[index]):
        after = index + 1
        while after < len(lines) and lines[after].strip() and lines[after][:1].isspace() and not _LIST_ITEM.match(lines[after]):
            found.append(after)
            after += 1
    others = [l.href for l in inline_links("\n".join(lines[i] for i in found)) if log.resolve(record, l.href) is not there]
    if others:
        raise AdrError(f"this line also links to {others[0]}; remove the link to {there.label} by hand", record.path, line)
    return set(found)


def _front_matter_lines(lines: list[str]) -> int:
    if not lines or lines[0].strip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return index + 1
    return 0


def _without(lines: list[str], drop: set[int], record: Record) -> str:
    """The text without the dropped lines and no blank line doubled where they were; and without
    a `## Links` section they leave empty (adr link adds one when a record has none)."""
    kept: list[str] = []
    for index, line in enumerate(lines):
        if index in drop:
            continue
        if not line.strip() and kept and not kept[-1].strip() and index - 1 in drop:
            continue
        kept.append(line)
    text = "\n".join(kept)
    section = record.section("links")
    if section is None or not any(section.line <= index + 1 <= section.end for index in drop):
        return text
    return _without_empty_section(record.path, text, "links")


def _without_empty_section(path: Path, text: str, title: str) -> str:
    section = parse_record(path, text).section(title)
    if section is None or section.text.strip():  # it still holds something (a subsection too)
        return text
    lines = text.split("\n")
    heading = section.line - 1
    del lines[heading : section.end]
    if 0 < heading < len(lines) and not lines[heading].strip() and not lines[heading - 1].strip():
        del lines[heading]
    shorter = "\n".join(lines)
    return shorter + "\n" if text.endswith("\n") and not shorter.endswith("\n") else shorter



def status_command(record: Record) -> str:
    """How to put a record that is no longer superseded back in force, as one can type it."""
    ref = str(record.number) if record.number is not None else shlex.quote(record.path.name)
    force = " --force" if statuses.check_transition(record.status, "accepted") else ""
    return f"adr status {ref} accepted{force}"
