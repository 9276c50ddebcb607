"""`adr review`: what a pull request does to the decision log, read from git objects only.

Compares the head with the merge-base (what the branch changed) and with the base branch
(numbers the base took since the branch started: collisions). Nothing is checked out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from adr import relations
from adr.report import checks
from adr.repo import git
from adr.report import insights
from adr.errors import AdrError, Diagnostic
from adr.store.parse_cache import load_contents
from adr.store.fanout import parse_texts
from adr.store.journal import is_leftover
from adr.names import file_number, is_record_file, is_skipped_folder, order_key
from adr.store.log import DecisionLog
from adr.model import Link, Record
from adr.parse import parse_record
from adr.parse.placeholders import is_placeholder
from adr.review import pairing
from adr.status import is_heard


@dataclass
class Collision:
    record: Record
    taken_by: str  # the base branch's file with the same number
    suggested: int


@dataclass
class Deleted:
    """A record the change deleted, as the merge-base had it."""

    path: str  # repository-relative
    status: str
    number: int | None
    title: str


@dataclass
class Invalidation:
    """A record saying another one's assumption no longer holds, and what that puts at risk."""

    by: Record
    record: Record
    key: str
    text: str  # the assumption, as `record` states it
    note: str  # what `by` says about it (often a copy of `text`)
    at_risk: list[list[Record]]  # a chain from `record` to each decision in force resting on it


@dataclass
class LinkChanges:
    """The links a change wrote into or took out of a record, each with the record it points at
    in the head (None when it points at none)."""

    added: list[tuple[Link, Record | None]] = field(default_factory=list)
    removed: list[tuple[Link, Record | None]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)


@dataclass
class Review:
    base: str
    head: str
    base_sha: str
    head_sha: str
    merge_base: str
    added: list[Record] = field(default_factory=list)
    status_changes: list[tuple[Record, str, str]] = field(default_factory=list)  # record, before, after
    supersessions: list[tuple[Record, Record]] = field(default_factory=list)  # newer, older
    invalidated: list[Invalidation] = field(default_factory=list)
    edited_accepted: list[Record] = field(default_factory=list)
    deleted: list[Deleted] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)
    collisions: list[Collision] = field(default_factory=list)
    renumbered: list[tuple[Record, str]] = field(default_factory=list)  # renamed to another number here; old path
    other_changes: list[tuple[Record, LinkChanges]] = field(default_factory=list)  # in none of the lists above
    root: Path = Path(".")

    @property
    def failed(self) -> bool:
        return bool(self.collisions) or checks.failed(self.findings)

    @property
    def empty(self) -> bool:
        return not (
            self.added or self.status_changes or self.supersessions or self.invalidated or self.edited_accepted or self.deleted
            or self.renumbered or self.other_changes or self.findings or self.collisions
        )

    def path(self, record: Record) -> str:
        return record.path.relative_to(self.root).as_posix()


def _content(record: Record) -> list[tuple[str, str]]:
    """What a reader would call the decision's text: title and sections other than status and links."""
    skip = ("status", "links", "related decisions")
    return [("", record.title), *((s.title, s.text.strip()) for s in record.sections if s.title.lower() not in skip)]


def _link_changes(log: DecisionLog, before: Record, after: Record) -> LinkChanges:
    """The links `after` writes that `before` did not, and the other way round (by relation and target)."""
    old = {(link.relation, link.target) for link in before.links}
    new = {(link.relation, link.target) for link in after.links}
    return LinkChanges(
        [(link, log.resolve(after, link)) for link in after.links if (link.relation, link.target) not in old],
        [(link, log.resolve(after, link)) for link in before.links if (link.relation, link.target) not in new],
    )


def _log_at(repo, commit: str, folder: str, root: Path) -> tuple[DecisionLog, dict[Path, str], set[Path]]:
    """The decision log as it is in `commit`, parsed from git objects."""
    files = git.tree_files(repo, commit, folder)
    records = [(path, blob) for path, blob in files if is_record_file(Path(path)) and not _skipped(path, folder)]
    contents = git.read_blobs(repo, {blob for _, blob in records})
    data = {root / path: contents.get(blob, b"") for path, blob in records}
    log_root = root / folder
    # records whose bytes the parse cache has seen (the working tree, an earlier review) are reused
    loaded = load_contents([log_root], data, lambda missing: parse_texts({p: git.decode(b) for p, b in missing.items()}))
    parsed = sorted(loaded, key=lambda r: order_key(log_root, r.path))
    texts = {path: git.decode(raw) for path, raw in data.items()}
    return DecisionLog([log_root], parsed), texts, {root / path for path, _ in files}


def _skipped(path: str, folder: str) -> bool:
    inside = Path(path).relative_to(folder)  # '' (the log at the repository's root) leaves it whole
    return any(is_skipped_folder(part) for part in inside.parts[:-1])


def review(folder: Path, base: str | None = None, head: str | None = None, custom_statuses=(), rules=None) -> Review:
    """Summarise the changes between the merge-base of BASE and HEAD, and HEAD."""
    repo = git.open_repo(folder)
    root = git.root(repo)
    rel = git.relative(repo, folder)
    head = head or "HEAD"
    base = base or git.default_base(repo)
    if base is None:
        raise AdrError("no base branch found (no upstream, main or master); name one with --base REF")
    head_sha, base_sha = git.commit_of(repo, head), git.commit_of(repo, base)
    fork = git.merge_base(repo, base, head)
    result = Review(base, head, base_sha, head_sha, fork, root=root)

    log, texts, tree = _log_at(repo, head_sha, rel, root)
    entries = [e for e in git.diff_entries(repo, fork, head_sha, rel) if is_record_file(Path(e[1]))]
    olds = git.read_blobs(repo, {e[3] for e in entries if e[0] not in "AC"})
    by_path = {r.path: r for r in log.records}
    parsed: dict[tuple[str, str], Record] = {}

    def before_of(entry: pairing.Entry) -> Record:  # the merge-base's record, parsed once
        key = (entry[2] or entry[1], entry[3])
        if key not in parsed:
            parsed[key] = parse_record(root / key[0], git.decode(olds.get(key[1], b"")))
        return parsed[key]

    entries = pairing.paired(entries, before_of, lambda path: by_path.get(root / path))
    changed: list[Record] = []
    said_before: dict[int, set] = {}  # record -> the assumptions it said no longer hold in the merge-base
    relinked: dict[int, LinkChanges] = {}
    for entry in entries:
        letter, path, old_path, old_blob, _ = entry
        if letter == "D":
            before = before_of(entry)
            result.deleted.append(Deleted(path, before.status, before.number, before.title))
            continue
        record = by_path.get(root / path)
        if record is None:
            continue
        changed.append(record)
        if letter in "AC":
            result.added.append(record)
            continue
        if old_path and file_number(Path(old_path).name) != record.number:
            result.renumbered.append((record, old_path))
        before = before_of(entry)
        if before.status != record.status:
            result.status_changes.append((record, before.status, record.status))
        if before.status == "accepted" and _content(before) != _content(record):
            result.edited_accepted.append(record)
        # a draft's word did not count: once proposed, what it says is news
        said_before[id(record)] = {(i.target, i.key) for i in before.invalidates} if is_heard(before.status) else set()
        relinked[id(record)] = _link_changes(log, before, record)
    result.invalidated = _invalidations(log, changed, said_before)
    _supersessions(result, log, changed)
    listed = _listed(result)
    result.other_changes = [(r, relinked.get(id(r), LinkChanges())) for r in changed if id(r) not in listed]
    log_root = root / rel

    def exists(path: Path) -> bool:  # inside the log: in head's tree; elsewhere: on disk
        path = Path(os.path.normpath(path))
        return path in tree if log_root in path.parents else path.exists()

    # a journal or temporary file on the branch is someone's attempt to have the next `adr` replay it
    leftovers = [(str(p), checks.leftover_reason(p.name, committed=True)) for p in sorted(tree) if is_leftover(p.name)]
    context = checks.CheckContext(log, checks.today(), set(custom_statuses), exists, lambda r: texts.get(r.path), lambda: leftovers)
    wanted = {str(r.path) for r in changed} | {path for path, _ in leftovers}
    result.findings = [d for d in checks.run(context, rules) if d.path in wanted]
    result.collisions = _collisions(repo, result, rel, log, root)
    return result


def _invalidations(log: DecisionLog, changed: list[Record], said_before: dict[int, set]) -> list[Invalidation]:
    """The assumptions the changed records newly say no longer hold, and what each puts at risk."""
    found, resting = [], None
    for record in changed:
        if not is_heard(record.status):  # as in `adr show`: a draft or rejected record's word does not count
            continue
        for ref in record.invalidates:
            if (ref.target, ref.key) in said_before.get(id(record), ()):
                continue
            target = log.resolve(record, ref.target) if ref.target else record
            if target is None:
                continue
            # the template's prompt left in is not worth quoting
            text = next((a.text for a in target.assumptions if a.key == ref.key and not is_placeholder(a.text)), "")
            resting = resting if resting is not None else insights.resting_on(log)
            # the record that says so is not put at risk by saying it
            chains = insights.put_at_risk(target, resting, besides=[record])
            found.append(Invalidation(record, target, ref.key, text, ref.note, chains))
    return found


def _listed(result: Review) -> set[int]:
    """The records some part of the review already names, so none is left out and none shown twice."""
    named = [*result.added, *result.edited_accepted, *(r for r, _, _ in result.status_changes), *(r for r, _ in result.renumbered)]
    named += [newer for newer, _ in result.supersessions] + [i.by for i in result.invalidated]
    return {id(r) for r in named}


def _supersessions(result: Review, log: DecisionLog, changed: list[Record]) -> None:
    pairs: dict[tuple[int, int], tuple[Record, Record]] = {}
    now_superseded = {id(r) for r, _, after in result.status_changes if after == "superseded"}
    added = {id(r) for r in result.added}
    for edge in log.edges():
        if edge.relation != relations.SUPERSEDES:
            continue
        newer, older = edge.source, edge.target
        if id(newer) in added or id(older) in now_superseded:
            pairs.setdefault((id(newer), id(older)), (newer, older))
    result.supersessions = list(pairs.values())


def _collisions(repo, result: Review, folder: str, log: DecisionLog, root: Path) -> list[Collision]:
    """Records this branch added whose number the base branch has given to another file."""
    base_files = [p for p, _ in git.tree_files(repo, result.base_sha, folder) if is_record_file(Path(p))]
    taken: dict[tuple[str, int], list[str]] = {}
    for path in base_files:
        number = file_number(Path(path).name)
        if number is not None:
            taken.setdefault((str(Path(path).parent), number), []).append(path)
    highest = max([n for (_, n) in taken] + [r.number for r in log.records if r.number is not None] + [0])
    found = []
    for record in [*result.added, *(r for r, _ in result.renumbered)]:
        if record.number is None:
            continue
        here = record.path.relative_to(root)
        others = [p for p in taken.get((str(here.parent), record.number), []) if p != here.as_posix()]
        if others:
            highest += 1
            found.append(Collision(record, others[0], highest))
    return found
