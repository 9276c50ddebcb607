"""What the commands do to the log: create, link, supersede and change status, all or nothing."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from adr import relations, status as statuses
from adr.store import atomic
from adr.config import Settings
from adr.errors import AdrError
from adr.names import file_number, is_record_name
from adr.store.listing import record_files
from adr.store.log import DecisionLog, ref_number
from adr.markdown_text import inline_text
from adr.model import MADR, NYGARD, Record
from adr.parse import parse_record, read_record
from adr.parse.placeholders import is_placeholder
from adr.slug import file_name, slugify
from adr.edit import in_place, render


@dataclass
class LinkRequest:
    target: str  # a REF
    label: str
    reverse: str | None


@dataclass
class NewRequest:
    title: str
    supersedes: list[str] = field(default_factory=list)
    links: list[LinkRequest] = field(default_factory=list)
    status: str | None = None
    tags: list[str] = field(default_factory=list)
    decision_makers: list[str] = field(default_factory=list)
    consulted: list[str] = field(default_factory=list)
    informed: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    invalidates: list[str] = field(default_factory=list)  # "REF#A1": assumptions that no longer hold
    first: bool = False  # the "record architecture decisions" record of `adr init`


def today() -> str:
    return os.environ.get("ADR_DATE") or dt.date.today().isoformat()


RECENT = 9  # records whose format decides the format of the next one


def log_format(settings: Settings, records: list[Record]) -> str:
    """The format of new records: configured, else what the latest records use, else rich.

    Only the latest few count: a log that moved from Nygard to MADR goes on in MADR, and `adr
    new` need not parse ten thousand files to number the next one."""
    if settings.format:
        return settings.format
    numbered = sorted((r for r in records if r.number is not None and not r.diagnostics), key=lambda r: r.number)
    formats = [r.format for r in numbered[-RECENT:]] or [r.format for r in records if not r.diagnostics]
    if formats:
        return NYGARD if formats.count(NYGARD) >= len(formats) / 2 else MADR
    return MADR


def _template(settings: Settings) -> tuple[Path | None, str | None]:
    """`ADR_TEMPLATE`, else adr-tools' `templates/template.md`, else the log's own template."""
    chosen = os.environ.get("ADR_TEMPLATE")
    path = Path(chosen) if chosen else settings.log_dir / "templates" / "template.md"
    if chosen and not path.is_file():
        raise AdrError("template not found (ADR_TEMPLATE)", path)
    path = path if path.is_file() else log_template(settings.log_dir)
    if path is not None:
        return path, path.read_text(encoding="utf-8")
    return None, None


def log_template(folder: Path) -> Path | None:
    """The template a log keeps beside its records (log4brains' `template.md`, MADR's and
    JabRef's `adr-template.md`): a Markdown file named for a template that is no record."""
    if not folder.is_dir():
        return None
    names = sorted(e.name for e in os.scandir(folder) if _is_file(e) and _is_template_name(e.name))
    return folder / min(names, key=lambda n: (n.lower() != "template.md", n.lower() != "adr-template.md", n)) if names else None


def _is_template_name(name: str) -> bool:
    lower = name.lower()
    return lower.endswith((".md", ".markdown")) and "template" in lower and not is_record_name(name)


def _check_kept(written: Record, data: render.NewRecord, template: Path | None) -> None:
    """Refuse a record that would not read back what the user asked for (a template without
    front matter drops `--tag`; a comma splits a Nygard name), rather than lose it silently."""
    asked = {
        "--decider": (data.decision_makers, written.decision_makers),
        "--consulted": (data.consulted, written.consulted),
        "--informed": (data.informed, written.informed),
        "--tag": (data.tags, written.tags),
        "--assumption": (data.assumptions, [a.text for a in written.assumptions]),
    }
    for option, (wanted, got) in asked.items():
        if wanted and [" ".join(v.split()) for v in wanted] != [" ".join(v.split()) for v in got]:
            given = " ".join(f"{option} '{v}'" for v in wanted)
            if template is not None:
                raise AdrError(f"this template does not keep {given}; nothing written", template)
            raise AdrError(f"a Nygard record cannot keep {given}: commas separate names there; nothing written")


def link_markdown(source: Record, target: Record) -> str:
    """`[2. Use X](0002-use-x.md)`, relative to the source's folder."""
    text, href = _link_parts(source, target)
    return f"[{text}]({href})"


def _link_parts(source: Record, target: Record) -> tuple[str, str]:
    """The text (`2. Use X`, as Markdown) and the href of a link from `source` to `target`."""
    href = os.path.relpath(target.path, source.path.parent)
    return inline_text(" ".join(target.numbered_title.split())), href.replace(os.sep, "/").replace(" ", "%20")


_NOT_EDITABLE = ("unreadable", "invalid-front-matter")


def editable_text(record: Record) -> str:
    """A record's text for editing. Binary or mis-encoded files, and front matter that does
    not parse, are refused, not damaged: an edit could not know what it overwrites."""
    problem = next((d for d in record.diagnostics if d.code in _NOT_EDITABLE), None)
    if problem is not None:
        raise AdrError(f"not changing this file: {problem.message}", record.path, problem.line)
    try:
        return record.path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeError) as exc:
        raise AdrError(f"cannot read file: {getattr(exc, 'strerror', None) or exc}", record.path) from None


class Changes:
    """Pending file contents, parsed again after every edit so later edits see earlier ones."""

    def __init__(self, root: Path):
        self.root = root
        self.texts: dict[Path, str] = {}
        self.read: dict[Path, str] = {}  # as on disk, so unchanged files are not written again
        self.created: set[Path] = set()

    def text(self, record: Record) -> str:
        if record.path not in self.texts:
            self.texts[record.path] = self.read[record.path] = editable_text(record)
        return self.texts[record.path]

    def record(self, record: Record) -> Record:
        return parse_record(record.path, self.text(record))

    def update(self, record: Record, new_text: str) -> None:
        self.texts[record.path] = new_text

    def commit(self) -> list[Path]:
        """Write what changed; returns those paths (none when every edit was already there)."""
        changed = {p: t for p, t in self.texts.items() if p in self.created or t != self.read.get(p)}
        if changed:
            atomic.write_all(changed, root=self.root, create=self.created)
        return list(changed)


def one_line(text: str) -> str:
    """User text as it can be written and read back the same: one line, no control characters."""
    return " ".join("".join(" " if unicodedata.category(c) == "Cc" else c for c in text).split())


def link_label(label: str) -> str:
    """A label the parser reads back as written (`Amends`, `Is costed by`), else a user error."""
    label = one_line(label)
    if not re.fullmatch(r"[A-Za-z][\w -]{0,40}", label) or label.endswith(("-", " ")):
        raise AdrError(f"link label '{label}' must start with a letter and hold only letters, digits, spaces and '-' (at most 41)")
    return label


def back_label(label: str, reverse: str | None) -> str:
    """The label of the link back: given, or derived for a relation adr knows; a custom
    relation has no reverse anyone could guess (`Is costed by` is not `Is costed`)."""
    label = link_label(label)
    found = reverse or (relations.reverse_label(label) if relations.key(label) in relations.KNOWN else None)
    if not found:
        raise AdrError(
            f"'{one_line(label)}' is not a relation adr knows ({', '.join(v[0] for k, v in relations.KNOWN.items() if not k.endswith('-by'))}, and their reverses); "
            "name the link back too, e.g. `adr link 9 \"Is costed by\" 4 Costs` or `-l 4:\"Is costed by\":Costs`"
        )
    return found


def check_no_supersede_cycle(changes: Changes, new: Record, old: Record) -> None:
    """Refuse `new supersedes old` when `old` already (or through its successors) supersedes
    `new`: in a circle no record is in force. Follows the `Superseded by` links each record
    writes, so it reads the few files of the chain, not the log."""
    goal = old.path.resolve()
    seen: set[Path] = set()
    frontier = [new.path]
    while frontier:
        path = frontier.pop()
        record = parse_record(path, changes.texts[path]) if path in changes.texts else read_record(path)
        for link in record.links:
            linked = _linked_file(record, link.target) if link.relation == relations.SUPERSEDED_BY else None
            later = linked.resolve() if linked is not None else None
            if later == goal:
                raise AdrError(f"'{old.numbered_title}' already supersedes '{new.numbered_title}' (directly or through later records), "
                               "and records that supersede each other leave none in force", old.path)
            if later is not None and later not in seen:
                seen.add(later)
                frontier.append(later)


def _is_local_file(target: str) -> bool:
    return bool(target) and "://" not in target and not target.startswith("#")


def _links_to(record: Record, key: str, target: Record) -> bool:
    """Whether `record` already holds a `key` link to the file of `target`."""
    return any(
        l.relation == key and (record.path.parent / l.target.split("#")[0]).resolve() == target.path.resolve() for l in record.links
    )


def add_link(changes: Changes, source: Record, label: str, target: Record) -> None:
    label = link_label(label)
    if relations.key(label) in relations.KNOWN:  # `amends` is written `Amends`, as adr-tools does
        label = relations.KNOWN[relations.key(label)][0]
    current = changes.record(source)
    if _links_to(current, relations.key(label), target):
        return
    changes.update(source, in_place.add_link(changes.text(source), current, label, link_markdown(source, target)))


def supersede(changes: Changes, new: Record, old: Record) -> None:
    """Link `new` and `old` as successor and predecessor. `old` is marked superseded at once
    only when `new` is in force: a proposed or draft `new` leaves it in force (the supersede is
    pending, and `adr status NEW accepted` completes it); a rejected one never replaces it."""
    check_no_supersede_cycle(changes, new, old)
    if not statuses.replaces_what_it_supersedes(changes.record(new).status):
        add_link(changes, old, "Superseded by", new)
    else:
        mark_superseded(changes, new, old)
    add_link(changes, new, "Supersedes", old)


def mark_superseded(changes: Changes, new: Record, old: Record) -> None:
    """Set `old`'s status to superseded by `new`, the way its own format records it."""
    current = changes.record(old)
    text = changes.text(old)
    if current.format == NYGARD:
        text = in_place.remove_status(text, current, current.raw_status or "Accepted") if current.status == "accepted" else text
        changes.update(old, text)
        add_link(changes, old, "Superseded by", new)
        if changes.record(old).status != "superseded":
            changes.update(old, in_place.set_status(changes.text(old), changes.record(old), "superseded"))
    else:
        # MADR 2 names the successor in the status, unless a pending supersede linked it already
        named = None if _links_to(current, relations.SUPERSEDED_BY, new) else link_markdown(old, new)
        changes.update(old, in_place.set_status(text, current, "superseded", named))
        if current.format == MADR:
            add_link(changes, old, "Superseded by", new)


def complete_supersedes(settings: Settings, changes: Changes, record: Record) -> None:
    """Once `record` (as `changes` now has it) takes effect, mark superseded what it supersedes
    and is not superseded yet: the second half of a pending supersede."""
    current = changes.record(record)
    if not statuses.replaces_what_it_supersedes(current.status):
        return
    for old in superseded_records(settings, current):
        if changes.record(old).status != "superseded":
            mark_superseded(changes, current, old)


def superseded_records(settings: Settings, record: Record) -> list[Record]:
    """The records `record`'s own `Supersedes` links name: the files they point at, read one by
    one (ADR 12), or the whole log when a link names a record some other way (`ADR-12`)."""
    links = [l for l in record.links if l.relation == relations.SUPERSEDES and _is_local_file(l.target)]
    if not links:
        return []
    files = [_linked_file(record, l.target) for l in links]
    if None in files:
        log = DecisionLog.load([settings.log_dir, *settings.extra_dirs])
    else:
        log = DecisionLog([settings.log_dir], [read_record(p) for p in dict.fromkeys(files) if p is not None])
    found = {log.real(r.path): r for l in links if (r := log.resolve(record, l)) is not None}
    found.pop(log.real(record.path), None)
    return list(found.values())


def _linked_file(record: Record, target: str) -> Path | None:
    """The file a link to a path names (`0002-x.md`, `../a/0002-x.md`), when it exists."""
    href = target.split("#")[0]
    if not (href.endswith((".md", ".markdown")) or "/" in href):
        return None
    for name in dict.fromkeys((href, unquote(href))):
        for candidate in (record.path.parent / name, record.path.parent / f"{name}.md"):
            if candidate.is_file():
                return candidate
    return None


def invalidate(changes: Changes, log: DecisionLog, new: Record, ref: str) -> None:
    """Record in `new` that an assumption of an earlier record (`3#A1`) no longer holds."""
    target_ref, _, key = ref.partition("#")
    target = log.find(target_ref)
    key = key.upper() or "A1"
    assumption = next((a for a in target.assumptions if a.key == key), None)
    if assumption is None:
        keys = ", ".join(a.key for a in target.assumptions) or "none"
        raise AdrError(f"{target.id} has no assumption {key} (it has: {keys})", target.path)
    if is_placeholder(assumption.text):
        raise AdrError(f"{key} is still the template's placeholder, not an assumption; write it first", target.path, assumption.line)
    text, href = _link_parts(new, target)  # not split out of the link: a title may hold `](`
    item = f"No longer holds: [{text}, {key}]({href}#{key.lower()}): {' '.join(assumption.text.split())}"
    changes.update(new, in_place.add_list_item(changes.text(new), changes.record(new), "Assumptions", item))


def new_record(settings: Settings, request: NewRequest) -> Path:
    """Create the next record; numbers are picked under a lock so concurrent runs never clash."""
    title = one_line(request.title)
    if not title:
        raise AdrError("no title given")
    folder = settings.log_dir
    with atomic.locked(folder):
        paths, recent, highest, empty = _glance(folder, settings.extra_dirs)
        refs = [*request.supersedes, *(l.target for l in request.links), *(r.partition("#")[0] for r in request.invalidates)]
        log = log_naming(settings, refs, paths) if refs else None
        fmt = log_format(settings, recent)
        targets = [(log.find(ref), None) for ref in request.supersedes] if log else []
        linked = [(log.find(l.target), l) for l in request.links] if log else []
        from adr.repo.numbering import highest_in_bases  # the base branch may hold higher numbers

        number = max(highest, highest_in_bases(folder)) + 1
        if request.first and empty:
            number = 1
        path = folder / new_file_name(number, title, recent)
        if path.exists():
            raise AdrError("a record of this name was already written today; give this one another title; nothing written", path)
        template_path, template = _template(settings)
        status = request.status or ("proposed" if fmt == MADR and not request.first else "accepted")
        data = render.NewRecord(
            number, title, today(), status.capitalize() if fmt == NYGARD else status.lower(),
            *([one_line(v) for v in values if one_line(v)] for values in (request.tags, request.decision_makers, request.consulted, request.informed, request.assumptions)),
        )
        text = (render.nygard if fmt == NYGARD else render.madr)(data, template, request.first)
        new = parse_record(path, text)
        _check_kept(new, data, template_path)
        changes = Changes(folder)
        changes.texts[path] = text
        changes.created.add(path)
        for old, _ in targets:
            supersede(changes, new, old)
        for ref in request.invalidates:
            invalidate(changes, log, new, ref)  # type: ignore[arg-type]  # loaded: refs were given
        for target, link in linked:
            reverse = back_label(link.label, link.reverse)
            add_link(changes, new, link.label, target)
            add_link(changes, target, reverse, new)
        changes.commit()
    return path


_DATE_NAME = re.compile(r"^(19|20)\d{6}-")


def new_file_name(number: int, title: str, recent: list[Record]) -> str:
    """The next record's name, as the log's latest records are named: log4brains'
    `20240506-use-x.md` (today's date) when they are date-named, else `NNNN-use-x.md` padded
    like them."""
    names = [r.path.name for r in recent]
    if names and all(r.number is None for r in recent) and sum(bool(_DATE_NAME.match(n)) for n in names) * 2 > len(names):
        return f"{_name_date()}-{slugify(title)}.md"
    from adr.repo.numbering import log_width

    return file_name(number, title, log_width([r.path.name for r in recent if r.number is not None]))


def _name_date() -> str:
    """Today as a log4brains name writes it (`20240506`); a malformed `ADR_DATE` is refused."""
    try:
        return dt.date.fromisoformat(today()).strftime("%Y%m%d")
    except ValueError:
        raise AdrError(f"ADR_DATE '{today()}' is not a date like 2024-05-06") from None


def _glance(folder: Path, extra_dirs: list[Path]) -> tuple[list[Path], list[Record], int, bool]:
    """`folder`'s record files, its latest records (parsed), the highest number in its file
    names, and whether the log holds no record at all -- without parsing the whole log."""
    paths = record_files(folder) if folder.is_dir() else []
    numbered = sorted((n, p) for p in paths if (n := file_number(p.name)) is not None)
    names = [file_number(e.name) for e in os.scandir(folder) if _is_file(e)] if folder.is_dir() else []
    highest = max([n for n, _ in numbered] + [n for n in names if n is not None], default=0)
    latest = [p for _, p in numbered[-RECENT:]] or paths[-RECENT:]
    empty = not paths and not any(d.is_dir() and record_files(d) for d in extra_dirs)
    return paths, [read_record(p) for p in latest], highest, empty


def _is_file(entry: os.DirEntry) -> bool:
    """`Path.is_file` for a directory entry (no `stat` unless it is a link): False on a link loop."""
    try:
        return entry.is_file()
    except OSError:
        return False


def log_naming(settings: Settings, refs: list[str], paths: list[Path] | None = None) -> DecisionLog:
    """A log to resolve `refs` in: only the files they name when every ref is a number found in
    the main folder's file names (`adr new -s 12` parses one file, not ten thousand), else the
    whole log. `paths`: the main folder's record files, when the caller has listed them."""
    if paths is None:
        paths = record_files(settings.log_dir) if settings.log_dir.is_dir() else []
    numbers = {ref_number(ref) for ref in refs}
    named = [p for p in paths if file_number(p.name) in numbers]
    if not settings.extra_dirs and None not in numbers and numbers <= {file_number(p.name) for p in named}:
        return DecisionLog([settings.log_dir], [read_record(p) for p in named])
    return DecisionLog.load([settings.log_dir, *settings.extra_dirs])


def link(settings: Settings, source_ref: str, label: str, target_ref: str, reverse: str | None) -> list[Path]:
    with atomic.locked(settings.log_dir):  # two commands editing the same file must not lose an edit
        return _link(settings, source_ref, label, target_ref, reverse)


def _link(settings: Settings, source_ref: str, label: str, target_ref: str, reverse: str | None) -> list[Path]:
    log = log_naming(settings, [source_ref, target_ref])
    source, target = log.find(source_ref), log.find(target_ref)
    if source is target:
        raise AdrError("a record cannot link to itself", source.path)
    changes = Changes(settings.log_dir)
    if relations.key(label) == relations.SUPERSEDES:
        supersede(changes, source, target)
    elif relations.key(label) == relations.SUPERSEDED_BY:
        supersede(changes, target, source)
    else:
        reverse = back_label(label, reverse)
        add_link(changes, source, label, target)
        add_link(changes, target, reverse, source)
    return changes.commit()


def _successor_missing(record: Record, wanted: str) -> str | None:
    """`superseded` names no successor by itself: the link says which record is in force now."""
    if wanted != "superseded" or any(l.relation == relations.SUPERSEDED_BY for l in record.links):
        return None
    return f"superseded by which record? Write that one with `adr new -s {record.ref} TITLE`, or link it with `adr link NEW supersedes {record.ref}`"


@dataclass
class StatusChange:
    """What `set_status` wrote: the record (when its status changed), then the records its new
    status marks superseded; none when everything was already so, file and mtime untouched."""

    path: Path
    name: str  # "ADR 3", for messages
    status: str
    paths: list[Path]


def set_status(settings: Settings, ref: str, new_status: str, force: bool = False) -> StatusChange:
    with atomic.locked(settings.log_dir):
        return _set_status(settings, ref, new_status, force)


def _set_status(settings: Settings, ref: str, new_status: str, force: bool) -> StatusChange:
    log = log_naming(settings, [ref])
    record = log.find(ref)
    wanted = statuses.normalise(new_status)
    text = editable_text(record)
    if record.status != wanted:  # the same status again still completes a pending supersede
        problem = statuses.check_transition(record.status, wanted, set(settings.statuses)) or _successor_missing(record, wanted)
        if problem and not force:
            raise AdrError(f"{problem}; use --force to change it anyway", record.path, record.status_line or record.title_line)
        text = in_place.set_status(text, record, wanted)
    return StatusChange(record.path, record.label, wanted, write_status(settings, record, text))


def write_status(settings: Settings, record: Record, text: str) -> list[Path]:
    """Write `record`'s new `text` and, in the same all-or-nothing write, complete the pending
    supersedes its new status puts in force. Returns the paths changed, `record`'s first."""
    changes = Changes(settings.log_dir)
    changes.text(record)
    changes.update(record, text)
    complete_supersedes(settings, changes, record)
    changed = changes.commit()
    return sorted(changed, key=lambda p: p != record.path)

