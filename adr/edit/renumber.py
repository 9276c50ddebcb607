"""`adr renumber`: give a record a new number and keep every link to it working, all or nothing.

The usual cause is two branches that both added the next number. The file is renamed, the
number in its title changed, and every Markdown link to it in the log rewritten (href and a
`N. Title` link text); the new files are written atomically before the old one is removed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from adr.store import atomic
from adr.config import Settings
from adr.errors import AdrError
from adr.names import file_number
from adr.store.log import DecisionLog
from adr.model import Record
from adr.repo.numbering import MAX_DIGITS, NAME_NUMBER, log_width

_TITLE = re.compile(r"^(\s{0,3}#\s+(?:\*\*)?)(\d+)")
_LINK = re.compile(r"(\[(?:[^\]\\]|\\.){0,1000}\])\(([^)\s]{1,2000})((?:\s+\"[^\"]*\")?)\)")  # bounded: `[[[[...` stays linear


@dataclass
class Renumbered:
    old: Path
    new: Path
    record: Record
    touched: list[Path]  # every file written or removed, the old path included


def new_name(name: str, number: int, width: int | None = None) -> str:
    """`0002-use-redis.md` -> `0003-use-redis.md`, keeping the prefix; the number padded to
    `width` digits (the log's), else to the name's own."""
    match = NAME_NUMBER.match(name)
    if not match:
        raise AdrError(f"'{name}' has no number to change")
    digits = match.group(2)
    return f"{match.group(1)}{number:0{width or len(digits)}d}{name[match.end():]}"


def sibling_width(log: DecisionLog, record: Record) -> int | None:
    """The padding of the other records in `record`'s folder, latest first (None: it is alone),
    so a record renumbered in a `049-x.md` log becomes `052-x.md`, not `0052-x.md`."""
    from adr.edit.operations import RECENT

    others = sorted((r.number, r.path.name) for r in log.records if r.number is not None and r.path.parent == record.path.parent and r is not record)
    return log_width([name for _, name in others[-RECENT:]]) if others else None


def renumber_title(text: str, record: Record, number: int) -> str:
    if record.title_number is None or not record.title_line:
        return text
    lines = text.split("\n")
    index = record.title_line - 1
    lines[index] = _TITLE.sub(lambda m: f"{m.group(1)}{number:0{_title_width(m.group(2))}d}", lines[index], count=1)
    return "\n".join(lines)


def _title_width(digits: str) -> int:
    """A title's number keeps its padding when it has some (`# 002. X`), and none when it has
    none: adr-tools' `# 12. X` renumbered to 3 reads `# 3. X`, not `# 03. X`."""
    return len(digits) if digits.startswith("0") else 1


def rewrite_links(text: str, source: Path, old: Path, new: Path, old_number: int | None, number: int) -> str:
    """Point every link from the file `source` to `old` at `new`; `[2. X]` texts become `[3. X]`."""

    def replace(match: re.Match) -> str:
        label, href, title = match.groups()
        target, hash_, fragment = href.partition("#")
        if not target or "://" in target:
            return match.group(0)
        if Path(os.path.normpath(source.parent / unquote(target))) != Path(os.path.normpath(old)):
            return match.group(0)
        new_href = os.path.relpath(new, source.parent).replace(os.sep, "/").replace(" ", "%20") + hash_ + fragment
        if old_number is not None:
            label = re.sub(rf"^\[((?:ADR[- ]?)?)0*{old_number}(?=[.:\s\]])", lambda m: f"[{m.group(1)}{number}", label, count=1, flags=re.I)
        return f"{label}({new_href}{title})"

    return _LINK.sub(replace, text)


def renumber(settings: Settings, ref: str, number: int) -> Renumbered:
    """Rename REF to NUMBER and rewrite the log's links to it, refusing a number already taken."""
    if not 0 <= number < 10**MAX_DIGITS:
        raise AdrError(f"a record number has 1 to {MAX_DIGITS} digits, not {number}")
    folders = [settings.log_dir, *settings.extra_dirs]
    with atomic.locked(settings.log_dir):
        log = DecisionLog.load(folders)
        record = log.find(ref)
        if record.number is None:
            raise AdrError("this record has no number in its file name to change", record.path)
        if record.number == number:
            raise AdrError(f"already number {number}", record.path)
        old = record.path
        new = old.with_name(new_name(old.name, number, sibling_width(log, record)))
        if file_number(new.name) != number:
            raise AdrError(f"{new.name} would read as a log4brains date, not as number {number}; pick another number", record.path)
        taken = [r for r in log.records if r.number == number and r.path.parent == old.parent]
        if taken:
            raise AdrError(f"number {number} is taken by {taken[0].path.name}; pick a free one", record.path)
        if new.exists():
            raise AdrError("file already exists; not overwriting it", new)
        texts: dict[Path, str] = {}
        for other in log.records:
            if other.path == old:
                continue
            if any(d.code == "unreadable" for d in other.diagnostics):
                continue  # binary or mis-encoded: never rewritten (adr check reports its links)
            text = other.path.read_text(encoding="utf-8")
            changed = rewrite_links(text, other.path, old, new, record.number, number)
            if changed != text:
                texts[other.path] = changed
        from adr.edit.operations import editable_text  # refuses a binary or mis-encoded record

        own = editable_text(record)
        texts[new] = rewrite_links(renumber_title(own, record, number), old, old, new, record.number, number)
        atomic.write_all(texts, root=settings.log_dir if _inside(old, settings.log_dir) else old.parent, create={new}, delete={old})
    return Renumbered(old, new, record, [old, new, *(p for p in texts if p != new)])


def _inside(path: Path, folder: Path) -> bool:
    return folder.resolve() in path.resolve().parents
