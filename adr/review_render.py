"""A review as Markdown for a pull request comment, or as JSON for tools."""

from __future__ import annotations

import json
import re

from adr.checks import report
from adr.model import Record
from adr.review import Review
from adr.status import PENDING

MARKER = "<!-- adr-review -->"  # lets a CI job find and update its own comment


def escape(text: str) -> str:
    """Text from a record, safe inside Markdown and a table cell: no markup, no @-mentions."""
    text = re.sub(r"([\\`*_{}\[\]<>|#!~])", r"\\\1", " ".join(str(text).split()))
    return text.replace("@", "@\u200b")


def code(text: str) -> str:
    """Inline code: backslashes do not escape there, so backticks and line breaks are dropped."""
    return "`" + " ".join(str(text).replace("`", "'").split()) + "`"


def _ref(name: str, sha: str) -> str:
    """`main` (1a2b3c4); a ref that is already a commit id is not repeated."""
    return code(name) if sha.startswith(name.lower()) else f"{code(name)} ({sha[:7]})"


def _name(record: Record) -> str:
    return f"{record.number}. {escape(record.title)}" if record.number is not None else escape(record.title)


def _linked(review: Review, record: Record, base: str = "") -> str:
    return f"[{_name(record)}]({base}{review.path(record).replace(' ', '%20').replace('(', '%28').replace(')', '%29')})"


def markdown(review: Review, link_base: str = "") -> str:
    """The comment: collisions first (they block the merge), then what changed, then findings.

    `link_base` (e.g. `https://github.com/o/r/blob/<sha>/`) makes links work inside a PR comment,
    where a relative link would resolve against the pull request page.
    """
    base = link_base.replace(" ", "%20").replace("(", "%28").replace(")", "%29")

    def _link(review: Review, record: Record) -> str:
        return _linked(review, record, base)

    out = [MARKER, "## Decision records in this change", ""]
    out.append(f"Base {_ref(review.base, review.base_sha)}, head {_ref(review.head, review.head_sha)}, compared from {review.merge_base[:7]}.")
    out.append("")
    if review.empty:
        out += ["No decision records changed.", ""]
        return "\n".join(out)
    if review.collisions:
        out += ["### ❌ Number collisions", ""]
        for c in review.collisions:
            out.append(
                f"- {_link(review, c.record)} takes number {c.record.number}, which {code(review.base)} "
                f"already gives to {code(c.taken_by)}. Fix: {code(f'adr renumber {review.path(c.record)} {c.suggested}')}"
            )
        out.append("")
    if review.added:
        out += ["### Decisions added", "", "| Decision | Status | Decision-makers |", "|---|---|---|"]
        for r in review.added:
            out.append(f"| {_link(review, r)} | {escape(r.status or 'no status')} | {escape(', '.join(r.decision_makers)) or '—'} |")
        out.append("")
    if review.status_changes:
        out += ["### Status changes", ""]
        out += [f"- {_link(review, r)}: {escape(before or 'no status')} → **{escape(after or 'no status')}**" for r, before, after in review.status_changes]
        out.append("")
    if review.supersessions or review.invalidated:
        out += ["### Supersessions", ""]
        out += [f"- {_link(review, newer)} supersedes {_link(review, older)}{_pending(newer)}" for newer, older in review.supersessions]
        for by, record, key, text in review.invalidated:
            quoted = f": “{escape(text)}”" if text else ""
            out.append(f"- {_link(review, by)} invalidates assumption {key} of {_link(review, record)}{quoted}")
        out.append("")
    if review.edited_accepted or review.deleted:
        out += ["### ⚠️ Accepted decisions rewritten", ""]
        for r in review.edited_accepted:
            out.append(f"- {_link(review, r)} was accepted and its text changed: an accepted decision should be superseded (`adr new -s {r.number}`), not rewritten.")
        for path, status in review.deleted:
            out.append(f"- {code(path)} ({escape(status or 'no status')}) was deleted: supersede or deprecate a decision instead, so its history stays readable.")
        out.append("")
    if review.findings:
        out += [f"### `adr check` on the changed files: {report.summary(review.findings)}", ""]
        for d in review.findings:
            shown = f"{review_relative(review, d.path)}:{d.line}" if d.line else review_relative(review, d.path)
            out.append(f"- **{d.severity}** {code(shown)} {code(d.code)} {escape(d.message)}")
        out.append("")
    return "\n".join(out)


def _pending(newer: Record) -> str:
    """A proposed successor leaves the record it supersedes in force until it is accepted."""
    return f" once it is accepted (it is {escape(newer.status)} now)" if newer.status in PENDING else ""


def review_relative(review: Review, path: str) -> str:
    from pathlib import Path

    try:
        return Path(path).relative_to(review.root).as_posix()
    except ValueError:
        return path


def as_json(review: Review) -> str:
    def rec(r: Record) -> dict:
        return {"path": review.path(r), "number": r.number, "title": r.title, "status": r.status, "decision_makers": r.decision_makers}

    data = {
        "base": review.base, "head": review.head, "base_sha": review.base_sha, "head_sha": review.head_sha, "merge_base": review.merge_base,
        "added": [rec(r) for r in review.added],
        "status_changes": [{**rec(r), "before": before, "after": after} for r, before, after in review.status_changes],
        "supersessions": [{"record": rec(n), "supersedes": rec(o)} for n, o in review.supersessions],
        "invalidated_assumptions": [{"by": rec(b), "record": rec(r), "key": k, "text": t} for b, r, k, t in review.invalidated],
        "edited_accepted": [rec(r) for r in review.edited_accepted],
        "deleted": [{"path": p, "status": s} for p, s in review.deleted],
        "collisions": [{**rec(c.record), "taken_by": c.taken_by, "suggested_number": c.suggested} for c in review.collisions],
        "findings": [{**f, "path": review_relative(review, d.path)} for f, d in zip(report.as_dicts(review.findings), review.findings)],
        "failed": review.failed,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
