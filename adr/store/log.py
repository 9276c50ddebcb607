"""The decision log on disk: which files are records, finding one by reference, following links."""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import unquote

from adr import relations
from adr.errors import AdrError
from adr.store.listing import Listing, as_paths, log_paths
from adr.store.lookups import PLAIN, Lookups
from adr.model import Link, Record
from adr.status import PENDING, replaces_what_it_supersedes


def ref_number(ref: str) -> int | None:
    """The number a REF names (`12`, `0012`, `ADR-12`), or None for a file name, path or id."""
    found = re.fullmatch(r"(?:adr[- ]?)?0*(\d+)", ref.strip(), re.I)
    return int(found.group(1)) if found else None


SHOWN_CANDIDATES = 5  # an ambiguous ref names this many files, then a count


def short_refs(records: list[Record]) -> dict[int, str]:
    """What a user can type to name each record, by `id(record)`: its number, else the shortest
    prefix of its id that no other record shares, cut at the end of a word (`20200925-use`).
    log4brains names records by slug; the whole slug is too wide for a table's first column."""
    ids = sorted(r.id for r in records)
    numbers = {r.number for r in records if r.number is not None}
    refs = {}
    for record in records:
        if record.number is not None:
            refs[id(record)] = str(record.number)
            continue
        at = bisect.bisect_left(ids, record.id)
        neighbours = [ids[i] for i in (at - 1, at + 1) if 0 <= i < len(ids)]
        shared = max((_common_length(record.id, other) for other in neighbours), default=0)
        end = record.id.find("-", shared + 1)
        short = record.id if end < 0 else record.id[:end]
        refs[id(record)] = record.id if ref_number(short) in numbers else short
    return refs


def _common_length(a: str, b: str) -> int:
    return len(os.path.commonprefix([a, b]))


def _read_record(path: Path) -> Record:
    from adr.parse import read_record  # here, not at the top: a warm load never needs the parser

    return read_record(path)


@dataclass
class Edge:
    """A relation between two records, as written (`explicit`) or inferred from the other side."""

    source: Record
    relation: str
    label: str
    target: Record
    explicit: bool
    link: Link | None = None


def _inferred(explicit: list[Edge]) -> list[Edge]:
    """The other side of each explicit edge whose target does not write it. A known relation's
    reverse is certain (`Amends` -> `Amended by`); a custom one's is not (`Is costed by` is not
    undone by `Is costed`), so any link back counts as its back-link and, without one, the target
    only learns that it is `Linked from` the source."""
    seen = {(id(e.source), e.relation, id(e.target)) for e in explicit}
    linked_pairs = {(id(e.source), id(e.target)) for e in explicit}
    inferred = []
    for edge in explicit:
        if edge.relation in relations.KNOWN:
            back = relations.reverse_key(edge.relation)
        elif (id(edge.target), id(edge.source)) in linked_pairs:
            continue
        else:
            back = relations.LINKED_FROM
        if (id(edge.target), back, id(edge.source)) not in seen:  # most links have their back-link
            if back == relations.LINKED_FROM:
                label = relations.LINKED_FROM_LABEL
            else:
                label = relations.KNOWN[back][0]  # what `reverse_label(edge.label)` says for a known relation
            inferred.append(Edge(edge.target, back, label, edge.source, False))
            seen.add((id(edge.target), back, id(edge.source)))
    return inferred


def drawn_edges(edges: list[Edge]) -> list[Edge]:
    """The edges a graph draws: the forward side of each pair (`Amends`, not `Amended by`), and a
    custom backward relation written on one side only (`Is costed by`), which has no forward side."""
    written = {(id(e.source), id(e.target)) for e in edges if e.explicit}
    return [
        e for e in edges
        if not relations.points_back(e.relation)
        or (e.explicit and e.relation not in relations.KNOWN and (id(e.target), id(e.source)) not in written)
    ]


def _child(folder: str, name: str) -> str:
    """`os.path.join(folder, name)` for a name without a separator, as one concatenation where
    paths are POSIX: it runs for every record and every link of a log."""
    if os.sep == "/" and os.altsep is None:
        return folder + name if folder.endswith("/") else folder + "/" + name
    return os.path.join(folder, name)


class DecisionLog:
    """All the records of one or more folders, with references and relations resolved."""

    def __init__(self, folders: list[Path], records: list[Record], lookups: Lookups = PLAIN):
        self.folders = folders
        self.records = records
        self.lookups = lookups  # every file system question beyond the records goes through it
        self._real_dirs: dict[str, str] = {}  # absolute folder -> its realpath
        self._folders_as_written: dict[str, str] = {}  # folder of a path as given -> realpath, "" if it holds ".."
        self._links_in: dict[str, frozenset[str]] = {}  # real folder -> names of the symbolic links in it
        self._by_path = {self._real_text(r.path): r for r in records}  # str keys: Path hashes are slow
        self._edges: list[Edge] | None = None
        # indexes by id(record), built with the edges: commands ask once per record
        self._by_source: dict[int, list[Edge]] = {}
        self._superseders: dict[int, list[Record]] = {}
        self._unresolved: dict[int, list[Link]] = {}
        self._members: set[int] = set()

    @classmethod
    def load(
        cls, folders: Path | list[Path], loader: Callable[[Path], Record] | None = None, lookups: Lookups = PLAIN,
        listing: Listing | None = None,
    ) -> "DecisionLog":
        """The records of `folders` (of `listing`, when the caller has just listed them); with the
        default loader, unchanged files come from the parse cache (and the parser is not even
        imported when every file is unchanged)."""
        folder_list = [folders] if isinstance(folders, Path) else list(folders)
        paths = log_paths(folder_list) if listing is None else as_paths(listing.entries)
        if loader is None:
            from adr.store.parse_cache import load_records

            signatures = listing.signatures if listing is not None else None
            return cls(folder_list, load_records(folder_list, paths, _read_record, signatures), lookups)
        return cls(folder_list, [loader(path) for path in paths], lookups)

    def real(self, path: Path) -> Path:
        """`path.resolve()`, resolving each folder once: thousands of records share a few folders."""
        return Path(self._real_text(path))

    def _real_text(self, path: Path | str) -> str:
        text = os.fspath(path)
        folder, name = os.path.split(text)
        real_folder = self._real_folder_as_written(folder)  # most paths: two lookups, no system call
        if not real_folder or name in ("", ".", ".."):
            return self.lookups.realpath(text)
        real = _child(real_folder, name)
        return self.lookups.realpath(text) if self._is_link(real_folder, name) else real

    def _is_link(self, real_folder: str, name: str) -> bool:
        """`os.path.islink(real_folder/name)`, from one listing of the folder instead of an
        `lstat` per record: a third of building the log of 10,000 records."""
        links = self._links_in.get(real_folder)
        if links is None:
            links = self.lookups.links_in(real_folder)
            if links is None:  # cannot be listed
                return self.lookups.is_link(os.path.join(real_folder, name))
            self._links_in[real_folder] = links
        return name in links

    def _real_folder_as_written(self, folder: str) -> str:
        """`realpath` of a folder as a record's path gives it, once per folder; "" when it holds ".."."""
        real = self._folders_as_written.get(folder)
        if real is None:
            absolute = folder if os.path.isabs(folder) else os.path.join(os.getcwd(), folder)
            real = "" if ".." in absolute.split(os.sep) else self._real_folder(absolute)
            self._folders_as_written[folder] = real
        return real

    def _real_folder(self, folder: str) -> str:
        """`realpath` of an absolute folder, once per folder."""
        real = self._real_dirs.get(folder)
        if real is None:
            real = self._real_dirs[folder] = self.lookups.realpath(folder)
        return real

    @property
    def root(self) -> Path:
        return self.folders[0]

    def folder_of(self, record: Record) -> Path:
        for folder in self.folders:
            if self.real(folder) in self.real(record.path).parents:
                return folder
        return record.path.parent

    # --- references ---------------------------------------------------------------------------
    def find(self, ref: str) -> Record:
        """A record by number, file name, path or id, or a record without a number by a prefix
        of its id (log4brains' slug: `20201016` or `20201016-use-the`); ambiguous or unknown
        refs are errors."""
        ref = ref.strip()
        if not ref:
            raise AdrError("empty reference")
        candidates = self._candidates(ref) or self._by_slug_prefix(ref)
        if not candidates:
            raise AdrError(f"no decision record matches '{ref}'")
        if len(candidates) > 1:
            names = ", ".join(str(self.relative(r)) for r in candidates[:SHOWN_CANDIDATES])
            more = len(candidates) - SHOWN_CANDIDATES
            raise AdrError(f"'{ref}' is ambiguous: {names}" + (f" and {more} more" if more > 0 else ""))
        return candidates[0]

    def _by_slug_prefix(self, ref: str) -> list[Record]:
        """Records without a number whose id starts with `ref`. Numbered records are named by
        number: `adr show 2` must never mean 20 because there is no 2."""
        if "/" in ref or os.sep in ref or ref.endswith((".md", ".markdown")):
            return []
        return [r for r in self.records if r.number is None and r.id.startswith(ref)]

    def _candidates(self, ref: str) -> list[Record]:
        wanted = ref_number(ref)
        if wanted is not None:
            by_number = [r for r in self.records if r.number == wanted]
            if by_number:
                return by_number
        as_path = Path(ref)
        if self.lookups.exists(ref):
            real = self.lookups.realpath(ref)
            if real in self._by_path:
                return [self._by_path[real]]
        name = as_path.name
        stem = name[:-3] if name.endswith(".md") else name
        return [r for r in self.records if r.id == stem or r.path.name == name]

    def relative(self, record: Record) -> Path:
        try:
            return self.real(record.path).relative_to(Path.cwd())
        except ValueError:
            return record.path

    def resolve(self, record: Record, link: Link | str) -> Record | None:
        """The record a link points at, or None when it points nowhere in the log."""
        target = link.target if isinstance(link, Link) else link
        target = target.split("#", 1)[0]
        if not target:
            return None
        found = self._resolve(record, target)
        if found is None and "%" in target:  # `use%20kafka.md`, as adr link writes a name with a space
            decoded = unquote(target)
            found = self._resolve(record, decoded) if decoded != target else None
        return found

    def _resolve(self, record: Record, target: str) -> Record | None:
        if target.endswith((".md", ".markdown")) or "/" in target:
            source = os.fspath(record.path)
            if "/" not in target and target not in (".", ".."):  # a sibling: most links, one lookup
                real_folder = self._real_folder_as_written(os.path.dirname(source))
                found = self._by_path.get(_child(real_folder, target)) if real_folder else None
                if found is not None:
                    return found
            path = self._real_text(os.path.join(os.path.dirname(source), target))
            found = self._by_path.get(path)
            if found is None and not target.endswith(".md"):
                found = self._by_path.get(path + ".md")
            return found
        found = self._candidates(target.strip())  # exact: a link never resolves by a prefix
        return found[0] if len(found) == 1 else None

    # --- relations ----------------------------------------------------------------------------
    def edges(self) -> list[Edge]:
        """Every relation, explicit ones plus the reverse of each that lacks its back-link."""
        if self._edges is not None:
            return self._edges
        explicit: list[Edge] = []
        unresolved: dict[int, list[Link]] = {}
        for record in self.records:
            for link in record.links:
                target = self.resolve(record, link)
                if target is None:
                    unresolved.setdefault(id(record), []).append(link)
                elif target is not record:
                    explicit.append(Edge(record, link.relation, link.label, target, True, link))
        self._unresolved = unresolved
        self._members = {id(record) for record in self.records}
        self._edges = explicit + _inferred(explicit)
        for edge in self._edges:
            self._by_source.setdefault(id(edge.source), []).append(edge)
            if edge.relation == relations.SUPERSEDED_BY:
                self._superseders.setdefault(id(edge.source), []).append(edge.target)
        return self._edges

    def edges_from(self, record: Record) -> list[Edge]:
        if self._edges is None:  # asked once per record by several rules: skip the call after
            self.edges()
        return list(self._by_source.get(id(record), ()))

    def unresolved_links(self, record: Record) -> list[Link]:
        """The links of `record` that point at no record of the log (resolved once, with the edges)."""
        if self._edges is None:
            self.edges()
        if id(record) not in self._members:  # not one of the log's records: resolve its links now
            return [link for link in record.links if self.resolve(record, link) is None]
        return list(self._unresolved.get(id(record), ()))

    def superseded_by(self, record: Record) -> list[Record]:
        if self._edges is None:
            self.edges()
        return list(self._superseders.get(id(record), ()))

    def replaced_by(self, record: Record) -> list[Record]:
        """The records superseding `record` that have taken its place. A proposed or draft
        successor has not yet, and a rejected one never will: until then `record` stays in force."""
        return [r for r in self.superseded_by(record) if replaces_what_it_supersedes(r.status)]

    def pending_successors(self, record: Record) -> list[Record]:
        """The records superseding `record` once they are accepted (proposed or draft now)."""
        return [r for r in self.superseded_by(record) if r.status in PENDING]

    def in_force(self, record: Record) -> list[Record]:
        """The records now in force in place of `record`, following the whole supersede chain
        through the successors that have taken effect; empty while `record` is itself in force."""
        result: list[Record] = []
        seen = {id(record)}
        frontier = self.replaced_by(record)
        while frontier:
            current = frontier.pop(0)
            if id(current) in seen:
                continue
            seen.add(id(current))
            later = self.replaced_by(current)
            if later:
                frontier.extend(later)
            elif current not in result:
                result.append(current)
        return result
