"""Statuses: normalising what people write, and the lifecycle between them."""

from __future__ import annotations

import re
from functools import lru_cache

LIFECYCLE = ("proposed", "accepted", "rejected", "deprecated", "superseded")
# Statuses that mean "no longer in force".
INACTIVE = {"superseded", "deprecated", "rejected"}
# Statuses of a record not in force yet: what it supersedes stays in force until it is accepted.
PENDING = {"proposed", "draft"}
# Statuses of a record whose claims carry no weight: not put forward yet, or turned down.
UNHEARD = {"draft", "rejected"}


def replaces_what_it_supersedes(status: str) -> bool:
    """Whether a record with `status` has taken the place of the records it supersedes: not
    while it is only proposed (or a draft), and never once rejected."""
    return status not in PENDING and status != "rejected"


def is_heard(status: str) -> bool:
    """Whether what a record says about others (an assumption no longer holds) counts: while it
    is proposed, an early warning reviewers need, or in effect; not as a draft nor once rejected."""
    return status not in UNHEARD

# from -> allowed targets. Anything may go to itself (a no-op).
TRANSITIONS: dict[str, set[str]] = {
    "": {*LIFECYCLE, "draft"},
    "draft": {"proposed", "accepted", "rejected"},
    "proposed": {"draft", "accepted", "rejected", "deprecated", "superseded"},
    "accepted": {"deprecated", "superseded"},
    "rejected": {"proposed"},
    "deprecated": {"superseded", "accepted"},
    "superseded": set(),
}

_LEAD = re.compile(r"^[^\w]+", re.UNICODE)


@lru_cache(maxsize=4096)  # a log repeats a few statuses thousands of times
def normalise(raw: str) -> str:
    """`⌛️ Superseded by [36](...)` -> `superseded`; `PROPOSED` -> `proposed`; `on hold` -> `on hold`.

    Keeps custom statuses (several words) but drops emoji, markup, trailing punctuation and the
    part after a separator (`accepted; supersedes ADR-0045` -> `accepted`).
    """
    text = raw.strip()[:500]  # a status is a few words; the link pattern is quadratic on `[[[[...`
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # link -> its text
    text = text.replace("*", "").replace("_", " ").replace("`", "")
    text = _LEAD.sub("", text).strip().lower()
    text = re.split(r"[;,.(:\n]| - ", text, maxsplit=1)[0].strip()
    for word in ("superseded", "superceded"):
        if text.startswith(word):
            return "superseded"
    text = re.sub(r"\s+by\b.*$", "", text)
    text = re.sub(r"[^\w\s-]", "", text).strip()
    return re.sub(r"\s+", " ", text)


def check_transition(old: str, new: str, allowed_custom: set[str] | None = None) -> str | None:
    """None when `old -> new` is allowed, else the reason."""
    if old == new:
        return None
    custom = allowed_custom or set()
    if new not in TRANSITIONS and new not in custom:  # `draft` too: `adr check` knows it
        known = ", ".join([*LIFECYCLE, "draft", *sorted(custom)])
        return f"unknown status '{new}' (known: {known})"
    if old in TRANSITIONS:
        if new in TRANSITIONS[old] or new in custom:
            return None
        return f"cannot go from '{old}' to '{new}'"
    return None  # from a custom status anything goes


def change_words(before: str | None, after: str | None, strong=str) -> str:
    """`proposed → accepted`. A missing status is said in words, not shown as a status called
    "no status"; `strong` marks the outcome (bold in Markdown)."""
    if before and after:
        return f"{before} → {strong(after)}"
    if after:
        return f"status set to {strong(after)}"
    return f"{strong('status removed')} (was {before})"  # every caller names a change: never two missing statuses


def created_words(status: str | None) -> str:
    """`as proposed`, or `without a status`: what follows "created" in a timeline."""
    return f"as {status}" if status else "without a status"
