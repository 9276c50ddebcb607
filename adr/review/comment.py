"""A review as Markdown for a pull request comment, or as JSON for tools."""

from __future__ import annotations

import json
import re
import shlex

from pathlib import Path

from adr.errors import printable, quoted
from adr.markdown_text import github_code as code, github_text as escape, url_path
from adr.report.checks import formats
from adr.names import file_number
from adr.model import Link, Record
from adr.review.changes import Invalidation, LinkChanges, Review
from adr.status import PENDING, change_words
from adr.words import noun

MARKER = "<!-- adr-review -->"  # lets a CI job find and update its own comment

# Everything a pull request's author wrote (file names, titles, statuses, names, labels) goes
# through `escape` (text), `code` (inline code) or `url_path` (a link's target), all from
# `adr.markdown_text`; a file name is `quoted` first, as git shows a name with a new line.


def _path(path: str) -> str:
    """A repository path as inline code."""
    return code(quoted(path))


def _shell(*args: str) -> str:
    """A command the reader may paste, each argument quoted for the shell (`shlex.quote`)."""
    return " ".join(shlex.quote(str(a)) for a in args)


def _one_line(command: str) -> bool:
    return printable(command) == command


def _block(command: str) -> str:
    """A command that spans lines (a file name holding a new line) as a code block inside the
    list item, so that it reads, and pastes, exactly. Other characters that would act are
    written as escapes: Markdown cannot carry them."""
    shown = "".join(c if c in "\n\t" else printable(c) for c in command)
    fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", shown)), default=0) + 1)
    return "\n".join(f"  {line}" if line else "" for line in [f"{fence}sh", *shown.split("\n"), fence])


def _ref(name: str, sha: str) -> str:
    """`main` (1a2b3c4); a ref that is already a commit id is not repeated."""
    return code(name) if sha.startswith(name.lower()) else f"{code(name)} ({sha[:7]})"


def _name(record: Record) -> str:
    return f"{record.number}. {escape(record.title)}" if record.number is not None else escape(record.title)


def _linked(review: Review, record: Record, base: str) -> str:
    return f"[{_name(record)}]({base}{url_path(review.path(record))})"


def _bold(text: str) -> str:
    return f"**{text}**"


def _compared(review: Review) -> str:
    """Which commits the review compares, said once: a base that moved on since the branch left it is named twice."""
    head = _ref(review.head, review.head_sha)
    if review.merge_base == review.base_sha:
        return f"Changes on {head} since it branched from {_ref(review.base, review.base_sha)}."
    return f"Changes on {head} since it branched from {code(review.base)} at {review.merge_base[:7]}; {code(review.base)} is now at {review.base_sha[:7]}."


def _by_record(invalidated: list[Invalidation]) -> list[list[Invalidation]]:
    """The invalidations grouped by the record whose assumptions they break, in order of appearance."""
    groups: dict[int, list[Invalidation]] = {}
    for i in invalidated:
        groups.setdefault(id(i.record), []).append(i)
    return list(groups.values())


def _at_risk(group: list[Invalidation], link) -> str:
    """`Decisions now at risk: 2. X (accepted); 3. Y (accepted, rests on ADR 2).`"""
    # each invalidation leaves out the record that made it: none of them is at risk for saying so
    chains = [c for c in group[0].at_risk if all(any(o[-1] is c[-1] for o in i.at_risk) for i in group[1:])]
    if not chains:
        return f"No decision in force rests on {noun(len(group), 'it', 'them')}."
    shown = []
    for chain in chains:
        record, below = chain[-1], chain[-2::-1]
        details = [escape(record.status)] + (["rests on " + ", which rests on ".join(escape(r.label) for r in below)] if below else [])
        details = [d for d in details if d]
        shown.append(link(record) + (f" ({', '.join(details)})" if details else ""))
    return "Decisions now at risk: " + "; ".join(shown) + "."


def _broken(i: Invalidation, link) -> str:
    """`- A1 “Traffic stays low” no longer holds, says 4. X. Why: traffic grew tenfold.`"""
    said = f" “{escape(i.text)}”" if i.text else ""
    return f"- {escape(i.key)}{said} no longer holds, says {link(i.by)}.{_why(i)}"


def _why(i: Invalidation) -> str:
    """The reason the newer record gives, unless it only repeats the assumption (as `adr new --invalidates` writes it)."""
    note = i.note.strip().rstrip(".")
    return f" Why: {escape(note)}." if note and note.lower() != i.text.strip().rstrip(".").lower() else ""


def _link_changes(changes: LinkChanges, link) -> str:
    """`: now **Amended by** 31. X; no longer **Relates to** `notes.md``: what a reviewer checks."""
    def shown(each: tuple[Link, Record | None]) -> str:
        written, target = each
        return f"{_bold(escape(written.label))} {link(target) if target is not None else code(written.target)}"

    said = [f"now {shown(each)}" for each in changes.added] + [f"no longer {shown(each)}" for each in changes.removed]
    return ": " + "; ".join(said) if said else ""


def markdown(review: Review, link_base: str = "") -> str:
    """The comment: collisions first (they block the merge), then what changed, then findings.

    `link_base` (e.g. `https://github.com/o/r/blob/<sha>/`) makes links work inside a PR comment,
    where a relative link would resolve against the pull request page.
    """
    base = link_base.replace(" ", "%20").replace("(", "%28").replace(")", "%29")

    def link(record: Record) -> str:
        return _linked(review, record, base)

    out = [MARKER, "## Decision records in this change", "", _compared(review), ""]
    if review.empty:
        out += ["No decision records changed.", ""]
        return "\n".join(out)
    if review.collisions:
        out += ["### ❌ Number collisions", ""]
        for c in review.collisions:
            fix = _shell("adr", "renumber", review.path(c.record), c.suggested)
            out.append(
                f"- {link(c.record)} takes number {c.record.number}, which {code(review.base)} "
                f"already gives to {_path(c.taken_by)}. Fix:" + (f" {code(fix)}" if _one_line(fix) else "\n" + _block(fix))
            )
        out.append("")
    if review.added:
        out += ["### Decisions added", "", "| Decision | Status | Decision-makers |", "|---|---|---|"]
        for r in review.added:
            out.append(f"| {link(r)} | {escape(r.status) or '—'} | {escape(', '.join(r.decision_makers)) or '—'} |")
        out.append("")
    if review.status_changes:
        out += ["### Status changes", ""]
        out += [f"- {link(r)}: {change_words(escape(before), escape(after), _bold)}" for r, before, after in review.status_changes]
        out.append("")
    if review.supersessions:
        out += ["### Supersessions", ""]
        out += [f"- {link(newer)} supersedes {link(older)}{_pending(newer)}" for newer, older in review.supersessions]
        out.append("")
    if review.invalidated:
        out += ["### ⚠️ Assumptions that no longer hold", ""]
        for group in _by_record(review.invalidated):
            out += [f"{link(group[0].record)} assumed:", "", *(_broken(i, link) for i in group), "", _at_risk(group, link), ""]
    if review.renumbered:
        out += ["### Renumbered", ""]
        out += [f"- {link(r)} was number {file_number(Path(old).name)} ({_path(old)})" for r, old in review.renumbered]
        out.append("")
    if review.edited_accepted:
        out += ["### ⚠️ Accepted decisions rewritten", ""]
        for r in review.edited_accepted:
            new = _shell("adr", "new", "-s", r.number if r.number is not None else review.path(r))
            if _one_line(new):
                out.append(f"- {link(r)} was accepted and its text changed: an accepted decision should be superseded ({code(new)}), not rewritten.")
            else:
                out.append(f"- {link(r)} was accepted and its text changed: an accepted decision should be superseded, not rewritten:\n{_block(new)}")
        out.append("")
    if review.deleted:
        out += ["### ⚠️ Decisions deleted", ""]
        for gone in review.deleted:
            state = f" ({escape(gone.status)})" if gone.status else ""
            out.append(f"- {_path(gone.path)}{state} was deleted: supersede or deprecate a decision instead, so its history stays readable.")
        out.append("")
    if review.other_changes:
        out += ["### Other records edited", ""]
        out += [f"- {link(r)}" + (f" ({escape(r.status)})" if r.status else "") + _link_changes(changes, link) for r, changes in review.other_changes]
        out.append("")
    if review.findings:
        out += [f"### `adr check` on the changed files: {formats.summary(review.findings)}", ""]
        for d in review.findings:
            shown = f"{quoted(review_relative(review, d.path))}:{d.line}"  # parsed from text, every finding has its line
            out.append(f"- **{d.severity}** {code(shown)} {code(d.code)} {escape(d.message)}")
        out.append("")
    return "\n".join(out)


def _pending(newer: Record) -> str:
    """A proposed successor leaves the record it supersedes in force until it is accepted."""
    return f" once it is accepted (it is {escape(newer.status)} now)" if newer.status in PENDING else ""


def review_relative(review: Review, path: str) -> str:
    try:
        return Path(path).relative_to(review.root).as_posix()
    except ValueError:
        return path


def as_json(review: Review) -> str:
    def rec(r: Record) -> dict:
        return {"path": review.path(r), "number": r.number, "title": r.title, "status": r.status, "decision_makers": r.decision_makers}

    def link_data(written: Link, target: Record | None) -> dict:
        return {"relation": written.relation, "label": written.label, "target": written.target, "record": review.path(target) if target else None}

    data = {
        "base": review.base, "head": review.head, "base_sha": review.base_sha, "head_sha": review.head_sha, "merge_base": review.merge_base,
        "added": [rec(r) for r in review.added],
        "status_changes": [{**rec(r), "before": before, "after": after} for r, before, after in review.status_changes],
        "supersessions": [{"record": rec(n), "supersedes": rec(o)} for n, o in review.supersessions],
        "invalidated_assumptions": [
            {"by": rec(i.by), "record": rec(i.record), "key": i.key, "text": i.text, "note": i.note,
             "at_risk": [{**rec(chain[-1]), "rests_on": [review.path(r) for r in chain[-2::-1]]} for chain in i.at_risk]}
            for i in review.invalidated
        ],
        "renumbered": [{**rec(r), "old_path": old} for r, old in review.renumbered],
        "other_changes": [
            {**rec(r), "links_changed": bool(changes), "links_added": [link_data(*each) for each in changes.added],
             "links_removed": [link_data(*each) for each in changes.removed]}
            for r, changes in review.other_changes
        ],
        "edited_accepted": [rec(r) for r in review.edited_accepted],
        "deleted": [{"path": d.path, "number": d.number, "title": d.title, "status": d.status} for d in review.deleted],
        "collisions": [{**rec(c.record), "taken_by": c.taken_by, "suggested_number": c.suggested} for c in review.collisions],
        "findings": [{**f, "path": review_relative(review, d.path)} for f, d in zip(formats.as_dicts(review.findings), review.findings)],
        "failed": review.failed,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
