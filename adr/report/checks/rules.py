"""The check rules. Each yields `(path, line, message)`; ids and default severities are stable.

Ids are part of the user interface (`.adr.yml` `rules:`, CI annotations): never rename one.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from functools import partial
from pathlib import Path
from typing import Callable, Iterator
from urllib.parse import unquote

from adr import relations
from adr.errors import quoted
from adr.report.checks import ERROR, WARNING, CheckContext
from adr.model import Record
from adr.status import LIFECYCLE, PENDING, TRANSITIONS

Finding = tuple[str, "int | None", str]
Rule = Callable[[CheckContext], Iterator[Finding]]


def _label(record: Record) -> str:
    return f"{record.number}. {record.title}" if record.number is not None else record.title


def _line_of(context: CheckContext, record: Record, pattern: str) -> int | None:
    """The first line of the record's source matching `pattern`, else its title line."""
    text = context.source(record)
    if text:
        regex = re.compile(pattern, re.I)
        for number, line in enumerate(text.split("\n"), 1):
            if regex.search(line):
                return number
    return record.title_line or 1


def _status_line(record: Record) -> int:
    """Where the record writes its status, as the parser found it, else its title."""
    return record.status_line or record.title_line or 1


def _parse_problem(context: CheckContext, code: str) -> Iterator[Finding]:
    """Problems the parser already found (unreadable file, broken YAML, no title), those with `code`."""
    for record in context.log.records:
        for diagnostic in record.diagnostics:
            if diagnostic.code == code:
                yield str(record.path), diagnostic.line, diagnostic.message


def duplicate_number(context: CheckContext) -> Iterator[Finding]:
    """Two files in one folder share a number (typically two branches both added the next one)."""
    by_number: dict[int, list[Record]] = defaultdict(list)
    for record in context.log.records:
        if record.number is not None:
            by_number[record.number].append(record)
    groups: dict[tuple[Path, int], list[Record]] = defaultdict(list)
    for number, same in by_number.items():
        if len(same) > 1:  # only then look at folders: a `Path.parent` per record costs more than the rule
            for record in same:
                groups[(record.path.parent, number)].append(record)
    for (_, number), records in groups.items():
        if len(records) < 2:
            continue
        for record in records:
            others = ", ".join(quoted(r.path.name) for r in records if r is not record)  # a new line shows as `\n`
            yield str(record.path), record.title_line or 1, f"number {number} is also used by {others}; renumber one with `adr renumber`"


def title_number_mismatch(context: CheckContext) -> Iterator[Finding]:
    """The number in the H1 differs from the file's number."""
    for record in context.log.records:
        if record.number is not None and record.title_number is not None and record.number != record.title_number:
            yield str(record.path), record.title_line, f"title says {record.title_number} but the file is number {record.number}"


def _local_target(href: str) -> str:
    return unquote(href.split("#", 1)[0].split("?", 1)[0]).strip()


def broken_link(context: CheckContext) -> Iterator[Finding]:
    """A relation or assumption link whose target file does not exist."""
    log = context.log
    resolved_with_edges = {id(e.link): e.target for e in log.edges() if e.link is not None}
    for record in log.records:
        for link in record.links:
            target = _local_target(link.target)
            if not target:
                continue
            if id(link) in resolved_with_edges and target == link.target.split("#", 1)[0]:
                resolved = resolved_with_edges[id(link)]  # the edges resolved this very target already
            else:
                resolved = log.resolve(record, target)  # a record of the log exists: no stat needed
            found = resolved is not None or (
                (target.endswith((".md", ".markdown")) or "/" in target) and context.exists(Path(record.path.parent, target))
            )
            if not found:
                yield str(record.path), link.line, f"'{link.label}' links to {link.target}, which does not exist"
            elif resolved is record:
                yield str(record.path), link.line, f"'{link.label}' links to the record itself"
            elif link.relation != "relates-to" and (target.startswith("/") or ".." in target and ".." in Path(target).parts) and _outside(log, Path(record.path.parent, target)):
                yield str(record.path), link.line, f"'{link.label}' links to {link.target}, which is outside the decision log"


def _outside(log, path: Path) -> bool:
    real = Path(os.path.normpath(path))
    return not any(Path(os.path.normpath(folder.absolute())) in real.parents for folder in log.folders)


def missing_reverse_link(context: CheckContext) -> Iterator[Finding]:
    """A known relation written on one side only (`Amends 3` without `Amended by` in 3)."""
    # each inferred edge of a known relation is the reverse of one the other record writes
    written = {(id(e.source), id(e.target), e.relation): e for e in context.log.edges() if e.explicit}
    for edge in context.log.edges():
        if edge.explicit or edge.relation not in relations.KNOWN:
            continue
        other = written[(id(edge.target), id(edge.source), relations.reverse_key(edge.relation))]
        short = edge.target.number if edge.target.number is not None else quoted(edge.target.path.name)
        yield (
            str(edge.source.path), edge.source.title_line or 1,
            f"no '{edge.label}' link to {_label(edge.target)}, although {short} links here with '{other.label}'; add it with `adr link`",
        )


def superseded_without_successor(context: CheckContext) -> Iterator[Finding]:
    """Status superseded, but no record supersedes it and it names no successor."""
    for record in context.log.records:
        if record.status == "superseded" and not context.log.superseded_by(record):
            yield str(record.path), _status_line(record), "status is superseded but no record supersedes it"


def superseded_too_early(context: CheckContext) -> Iterator[Finding]:
    """Status superseded, but every successor is still proposed or draft, or was rejected: nothing is in force."""
    for record in context.log.records:
        later = context.log.superseded_by(record)
        if record.status == "superseded" and later and not context.log.replaced_by(record):
            # none has taken its place, so each is pending or rejected: each has a status
            states = ", ".join(f"{_label(r)} is {r.status}" for r in later)
            back = f"put this one back with `adr status {record.ref} accepted --force`"
            advice = f"accept the successor, or {back}" if any(r.status in PENDING for r in later) else back
            yield str(record.path), _status_line(record), f"superseded, but {states}: no decision is in force; {advice}"


def successor_not_marked(context: CheckContext) -> Iterator[Finding]:
    """A record is superseded by one in force (not just proposed, nor rejected), yet its status says it is in force."""
    for record in context.log.records:
        later = context.log.replaced_by(record)
        if later and record.status in ("accepted", "proposed", "draft"):
            yield (
                str(record.path), _status_line(record),
                f"superseded by {', '.join(_label(r) for r in later)} but its status is still {record.status}",
            )


def supersede_cycle(context: CheckContext) -> Iterator[Finding]:
    """Records that supersede each other in a circle: none of them is in force."""
    log = context.log
    reported: set[frozenset[int]] = set()
    for start in log.records:
        successors = log.superseded_by(start)
        if not successors:  # most records: no way round from here
            continue
        path = [start]
        stack = [(start, iter(successors))]
        on_path = {id(start)}
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                on_path.discard(id(node))
                path.pop()
                continue
            if child is start:
                members = frozenset(id(r) for r in path)
                if members not in reported:
                    reported.add(members)
                    chain = " → ".join(_label(r) for r in [*path, start])
                    yield str(start.path), start.title_line or 1, f"supersede cycle: {chain}"
                continue
            if id(child) in on_path:  # each record once per path: the walk ends
                continue
            on_path.add(id(child))
            path.append(child)
            stack.append((child, iter(log.superseded_by(child))))


def unknown_status(context: CheckContext) -> Iterator[Finding]:
    """A status outside the lifecycle and `.adr.yml` `statuses:`, or none at all."""
    known = set(LIFECYCLE) | set(TRANSITIONS) - {""} | context.custom_statuses
    for record in context.log.records:
        if any(d.code == "unreadable" for d in record.diagnostics):
            continue
        if not record.status:
            yield str(record.path), record.title_line or 1, "no status found"
        elif record.status not in known:
            yield (
                str(record.path), _status_line(record),
                f"unknown status '{record.status}' (known: {', '.join(sorted(known))}; add custom ones under statuses: in .adr.yml)",
            )


def missing_date(context: CheckContext) -> Iterator[Finding]:
    """No decision date: readers cannot tell when it was taken."""
    for record in context.log.records:
        if not record.raw_date and not any(d.code == "unreadable" for d in record.diagnostics):
            yield str(record.path), record.title_line or 1, "no date"


def invalid_date(context: CheckContext) -> Iterator[Finding]:
    """A date written in a way no reader can rely on."""
    for record in context.log.records:
        if record.raw_date and record.date is None:
            yield str(record.path), _line_of(context, record, r"^\s*(?:[-*+]\s*)?(?:date|last updated)\s*:?\s"), f"date '{record.raw_date}' is not a date (write YYYY-MM-DD)"
        if record.raw_review_by and record.review_by is None:
            yield str(record.path), _line_of(context, record, r"^\s*(?:[-*+]\s*)?review-by\s*:"), f"review-by '{record.raw_review_by}' is not a date (write YYYY-MM-DD): no review will ever be due"


def template_placeholder(context: CheckContext) -> Iterator[Finding]:
    """Template text left in: the record was never finished (found by the parser, so cached)."""
    for record in context.log.records:
        if record.placeholder is not None:
            line, text = record.placeholder
            yield str(record.path), line, f"template placeholder left in: '{text}'"


def review_overdue(context: CheckContext) -> Iterator[Finding]:
    """The `review-by` date has passed: the decision is due for a second look."""
    for record in context.log.records:
        if record.review_by and record.review_by < context.today and record.status not in ("superseded", "rejected", "deprecated"):
            yield str(record.path), _line_of(context, record, r"^\s*(?:[-*+]\s*)?review-by\s*:"), f"review was due on {record.review_by.isoformat()}"


def broken_assumption_ref(context: CheckContext) -> Iterator[Finding]:
    """An 'invalidates assumption' link to a record or assumption that does not exist."""
    for record in context.log.records:
        for ref in record.invalidates:
            target = context.log.resolve(record, ref.target) if ref.target else record
            if target is None:
                yield str(record.path), ref.line, f"assumption link to {ref.target}#{ref.key.lower()}: no such record"
            elif not any(a.key == ref.key for a in target.assumptions):
                keys = ", ".join(a.key for a in target.assumptions) or "none"
                yield str(record.path), ref.line, f"{_label(target)} has no assumption {ref.key} (it has: {keys})"


def untrusted_write_file(context: CheckContext) -> Iterator[Finding]:
    """A journal or temporary file of a write that adr did not leave (committed, copied in, another user's): never acted on."""
    for path, why in context.leftovers():
        yield path, None, why


# id -> (default severity, summary, rule). Order is the order of the docs, not of the output.
RULES: dict[str, tuple[str, str, Rule]] = {
    "unreadable": (ERROR, "file cannot be read as UTF-8 Markdown", partial(_parse_problem, code="unreadable")),
    "invalid-front-matter": (ERROR, "YAML front matter does not parse", partial(_parse_problem, code="invalid-front-matter")),
    "no-title": (WARNING, "no '# Title' heading", partial(_parse_problem, code="no-title")),
    "duplicate-number": (ERROR, duplicate_number.__doc__, duplicate_number),
    "title-number-mismatch": (ERROR, title_number_mismatch.__doc__, title_number_mismatch),
    "broken-link": (ERROR, broken_link.__doc__, broken_link),
    "missing-reverse-link": (WARNING, missing_reverse_link.__doc__, missing_reverse_link),
    "superseded-without-successor": (ERROR, superseded_without_successor.__doc__, superseded_without_successor),
    "successor-not-marked": (WARNING, successor_not_marked.__doc__, successor_not_marked),
    "superseded-too-early": (WARNING, superseded_too_early.__doc__, superseded_too_early),
    "supersede-cycle": (ERROR, supersede_cycle.__doc__, supersede_cycle),
    "unknown-status": (WARNING, unknown_status.__doc__, unknown_status),
    "missing-date": (WARNING, missing_date.__doc__, missing_date),
    "invalid-date": (WARNING, invalid_date.__doc__, invalid_date),
    "template-placeholder": (WARNING, template_placeholder.__doc__, template_placeholder),
    "review-overdue": (WARNING, review_overdue.__doc__, review_overdue),
    "broken-assumption-ref": (ERROR, broken_assumption_ref.__doc__, broken_assumption_ref),
    "untrusted-write-file": (ERROR, untrusted_write_file.__doc__, untrusted_write_file),
}
