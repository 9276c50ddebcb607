"""Each record's life in git from ONE `git log` pass and at most one `git cat-file --batch`.

`git log --raw -M -z` over the log folder lists, per commit, every record file it added,
changed, renamed or deleted, with blob ids. Walking it newest-first while remembering renames
gives each file's identity; the blobs of all versions are then read in one batch to see the
status each version had. Running git once per file would be hundreds of times slower.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

from adr import status as statuses
from adr.repo import git, history_cache
from adr.names import is_record_file
from adr.parse import frontmatter, parse_record

_FORMAT = "%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%s"
KINDS = {"A": "added", "C": "added", "M": "modified", "T": "modified", "R": "renamed", "D": "deleted"}


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str
    email: str
    date: dt.datetime
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:7]


@dataclass
class Change:
    """One commit's change to one record file."""

    commit: Commit
    kind: str  # added | modified | renamed | deleted
    path: str  # repository-relative path after the change
    old_path: str | None = None  # before a rename
    blob: str = ""  # the file's content after the change
    status: str = ""  # the record's status in that content


@dataclass
class StatusChange:
    commit: Commit
    status: str
    previous: str | None  # None: the status the record was created with


@dataclass
class RecordHistory:
    path: str  # repository-relative path now (or when deleted)
    changes: list[Change] = field(default_factory=list)  # oldest first
    cut_off: bool = False  # a shallow clone lacks the start of this file's history

    @property
    def created(self) -> Change | None:
        if self.cut_off or not self.changes or self.changes[0].kind != "added":
            return None
        return self.changes[0]

    @property
    def last(self) -> Change | None:
        return self.changes[-1] if self.changes else None

    @property
    def statuses(self) -> list[StatusChange]:
        """The status it was created with, then each commit that changed it."""
        out: list[StatusChange] = []
        for change in self.changes:
            if change.kind == "deleted":
                continue
            if not out or change.status != out[-1].status:
                out.append(StatusChange(change.commit, change.status, out[-1].status if out else None))
        return out


@dataclass
class History:
    root: Path  # the repository's working tree
    records: dict[str, RecordHistory] = field(default_factory=dict)  # current relative path -> history
    warnings: list[str] = field(default_factory=list)
    shallow: bool = False

    def of(self, path: Path | str) -> RecordHistory | None:
        """The history of the file at `path` (absolute, or relative to the repository)."""
        candidate = Path(path)
        return self.of_real(candidate.resolve()) if candidate.is_absolute() else self.records.get(candidate.as_posix())

    def of_real(self, real_path: Path) -> RecordHistory | None:
        """The history of the file at `real_path`, already resolved (the site resolves each once)."""
        try:
            return self.records.get(real_path.relative_to(self.root).as_posix())
        except ValueError:
            return None


@dataclass
class LogHistory:
    """The histories of every folder of a log (log4brains packages are folders of their own).
    Each folder is read in its own `git log` pass and cached on its own, as `load` does."""

    folders: list[History] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """Each warning once: folders of one repository share its shallow cut or lack of commits."""
        return list(dict.fromkeys(warning for history in self.folders for warning in history.warnings))

    def of(self, path: Path | str) -> RecordHistory | None:
        """The history of the file at `path`, from whichever folder's pass saw it."""
        return next((found for found in (h.of(path) for h in self.folders) if found is not None), None)

    def of_real(self, real_path: Path) -> RecordHistory | None:
        return next((found for found in (h.of_real(real_path) for h in self.folders) if found is not None), None)


def parse_log(output: str) -> list[tuple[Commit, list[tuple[str, str, str | None, str]]]]:
    """Commits (newest first) with their entries: (status letter, path, old path, new blob)."""
    commits = []
    for chunk in output.split("\x1e"):
        if not chunk.strip("\0\n"):
            continue
        header, _, rest = chunk.partition("\0")
        sha, author, email, date, subject = (header.split("\x1f", 4) + [""] * 5)[:5]
        commit = Commit(sha, author, email, dt.datetime.fromisoformat(date), subject)
        tokens = rest.lstrip("\n").split("\0")
        entries = []
        index = 0
        while index < len(tokens):
            token = tokens[index].lstrip("\n")
            index += 1
            if not token.startswith(":"):
                continue
            meta = token[1:].split()
            letter, blob = meta[4][0], meta[3]
            if letter in "RC":
                old, new = tokens[index], tokens[index + 1]
                index += 2
                entries.append((letter, new, old, blob))
            else:
                entries.append((letter, tokens[index], None, blob))
                index += 1
        commits.append((commit, entries))
    return commits


def follow(commits, wanted=lambda path: True, identity: dict[str, str] | None = None) -> dict[str, RecordHistory]:
    """Group changes by file identity, following renames (commits newest first). `identity` is
    left mapping each path, as older commits name it, to the key of the file it belongs to."""
    identity = {} if identity is None else identity
    records: dict[str, RecordHistory] = {}
    for commit, entries in commits:
        for letter, path, old, blob in entries:
            if not (wanted(path) or (old and wanted(old))):
                continue
            key = identity.get(path, path)
            history = records.setdefault(key, RecordHistory(key))
            kind = KINDS.get(letter, "modified")
            if letter == "C":
                old = None
            history.changes.append(Change(commit, kind, path, old, "" if kind == "deleted" else blob))
            if kind == "added":  # anything older at this path was another file
                identity[path] = f"{path}@{commit.sha}"
            elif kind == "renamed":
                identity[old] = key
                identity[path] = f"{path}@{commit.sha}"
            elif kind == "deleted":
                identity[path] = key
    for history in records.values():
        history.changes.reverse()
    return records


def load(folder: Path) -> History:
    """The history of every record under `folder` in the current branch (HEAD), from the
    history cache when git was already read at this commit, or at one that HEAD extends."""
    repo = git.open_repo(folder)
    root = git.root(repo)
    head = git.run(repo, "rev-parse", "--verify", "--quiet", "HEAD^{commit}", check=False).strip()
    if not head:
        history = History(root)
        history.warnings.append("no commits yet: no history")
        return history
    rel = git.relative(repo, folder)
    cut = git.shallow_roots(repo)  # empty unless this is a shallow clone
    key = (head, rel, tuple(sorted(cut)))
    stored = history_cache.entries(root, rel, History)
    history = next((found for stored_key, found in stored if stored_key == key), None)
    if history is not None:
        return history
    base = None if cut else next(((commit, found) for (commit, _, old_cut), found in stored if not old_cut and _extends(repo, head, commit)), None)
    history = _extended(repo, base[1], base[0], head, rel) if base else _from_git(repo, root, head, rel, cut)
    history_cache.write(root, rel, key, history, stored)
    return history


def load_log(folders: list[Path]) -> LogHistory:
    """The history of every record of a log: one `load` (one pass, one cache entry) per folder."""
    return LogHistory([load(folder) for folder in dict.fromkeys(folders)])


def _wanted():
    return functools.lru_cache(maxsize=None)(lambda path: is_record_file(Path(path)))


def _git_log(repo, revisions: str, rel: str) -> str:
    # Fixed settings, so that what the cache keeps depends on the commits alone (ADR 19).
    return git.run(
        repo, "--no-replace-objects", "-c", "log.showRoot=true", "-c", "diff.renameLimit=1000",
        "log", "--raw", "--no-abbrev", "-M", "-z", "--no-color", "--no-ext-diff", "--no-textconv",
        f"--format={_FORMAT}", revisions, "--", rel or ".",
    )


def _from_git(repo, root: Path, head: str, rel: str, cut: set[str]) -> History:
    history = History(root)
    history.records = follow(parse_log(_git_log(repo, head, rel)), _wanted())
    _read_statuses(repo, history)
    if cut:
        history.shallow = True
        for record in history.records.values():
            record.cut_off = bool(record.changes) and record.changes[0].commit.sha in cut
        history.warnings.append(
            "shallow clone: history before the oldest fetched commit is missing, so creation dates and "
            "authors may be wrong (fetch the whole history, e.g. actions/checkout with fetch-depth: 0)"
        )
    return history


def _extends(repo, head: str, old: str) -> bool:
    """Whether HEAD is `old` plus commits without merges: then `git log old..HEAD` is exactly
    what the whole log has that `old`'s lacks, and in the same order. Across a merge, history
    simplification could drop commits that `old`'s log shows, so that case reads git again."""
    out = git.run(repo, "--no-replace-objects", "rev-list", "--parents", f"{git.safe(old)}..{head}", check=False)
    chain = [line.split() for line in out.splitlines()]
    if not chain or any(len(link) != 2 for link in chain):
        return False
    return chain[0][0] == head and all(a[1] == b[0] for a, b in zip(chain, chain[1:])) and chain[-1][1] == old


def _extended(repo, old: History, since: str, head: str, rel: str) -> History:
    """`old` (read at commit `since`) plus the commits after it: what a whole pass would give."""
    identity: dict[str, str] = {}
    newer = History(old.root, follow(parse_log(_git_log(repo, f"{since}..{head}", rel)), _wanted(), identity))
    _read_statuses(repo, newer)
    records = newer.records
    for key, record in old.records.items():
        now = identity.get(key, key)  # renamed, deleted or replaced by a newer file since
        later = records.get(now)
        records[now] = RecordHistory(now, record.changes + (later.changes if later else []), record.cut_off)
    return newer


def _read_statuses(repo, history: History) -> None:
    from adr.store.fanout import spread

    changes = [c for r in history.records.values() for c in r.changes if c.blob]
    contents = git.read_blobs(repo, {c.blob for c in changes})
    first_paths: dict[str, str] = {}
    for change in changes:
        if contents.get(change.blob) is not None:
            first_paths.setdefault(change.blob, change.path)
    versions = list(first_paths.items())

    def status(version: tuple[str, str]) -> str:
        blob, path = version
        return status_of(Path(path), git.decode(contents[blob]))

    by_blob = dict(zip((blob for blob, _ in versions), spread(versions, status, str)))  # every version: use every core
    for change in changes:
        change.status = by_blob.get(change.blob, "")


def status_of(path: Path, text: str) -> str:
    """The record's status as `parse_record` reads it; front matter alone when it names one."""
    source, _, _, closed = frontmatter.split(text.replace("\r\n", "\n"))
    if source is not None and closed and "\n- status" not in text.lower():
        data, problems = frontmatter.load(source, str(path))
        raw = data.get("status") if isinstance(data, dict) and not problems else None
        if raw is not None and str(raw).strip():
            return statuses.normalise(str(raw))
    return parse_record(path, text).status


def timeline(record: RecordHistory) -> list[tuple[Commit, str]]:
    """What happened to one record, oldest first, in words: created, status changes, edits, renames."""
    out: list[tuple[Commit, str]] = []
    previous: str | None = None
    for index, change in enumerate(record.changes):
        moved = previous is not None and change.status != previous
        if change.kind == "added":
            first = "first seen (shallow clone)" if record.cut_off and index == 0 else "created" if index == 0 else "added again"
            words = f"{first} {statuses.created_words(change.status)}"
        elif change.kind == "deleted":
            words = "deleted"
        elif change.kind == "renamed":
            words = f"renamed from {Path(change.old_path or '').name}" + (f", {statuses.change_words(previous, change.status)}" if moved else "")
        else:
            words = statuses.change_words(previous, change.status) if moved else "edited"
        if change.kind != "deleted":
            previous = change.status
        out.append((change.commit, words))
    return out


def commit_dict(commit: Commit) -> dict:
    return {"sha": commit.sha, "author": commit.author, "email": commit.email, "date": commit.date.isoformat(), "subject": commit.subject}


def as_dict(record: RecordHistory) -> dict:
    """Plain data for JSON output and the site: creation, last change, status changes, events."""
    created, last = record.created, record.last
    return {
        "path": record.path,
        "created": commit_dict(created.commit) if created else None,
        "last_changed": commit_dict(last.commit) if last else None,
        "statuses": [{"status": s.status, "previous": s.previous, **commit_dict(s.commit)} for s in record.statuses],
        "events": [{"event": words, **commit_dict(commit)} for commit, words in timeline(record)],
        "complete": not record.cut_off,
    }
