"""Relation labels: how they are spelled, what they mean, and their reverse."""

from __future__ import annotations

import re
from functools import lru_cache

# key -> (label we write, reverse key)
KNOWN: dict[str, tuple[str, str]] = {
    "supersedes": ("Supersedes", "superseded-by"),
    "superseded-by": ("Superseded by", "supersedes"),
    "amends": ("Amends", "amended-by"),
    "amended-by": ("Amended by", "amends"),
    "extends": ("Extends", "extended-by"),
    "extended-by": ("Extended by", "extends"),
    "relates-to": ("Relates to", "relates-to"),
    "clarifies": ("Clarifies", "clarified-by"),
    "clarified-by": ("Clarified by", "clarifies"),
    "depends-on": ("Depends on", "required-by"),
    "required-by": ("Required by", "depends-on"),
}

# Spellings seen in real logs (adr-tools itself once wrote "Superceded").
_ALIASES = {
    "supercedes": "supersedes",
    "superceded-by": "superseded-by",
    "partly-superseded-by": "superseded-by",
    "partially-superseded-by": "superseded-by",
    "partly-supersedes": "supersedes",
    "related-to": "relates-to",
    "relates": "relates-to",
    "see-also": "relates-to",
}

# Relations after which the target is the record in force and the source is not.
SUPERSEDED_BY = "superseded-by"
SUPERSEDES = "supersedes"
# The inferred side of a custom relation: we cannot guess its reverse wording, only that it links here.
LINKED_FROM = "linked-from"
LINKED_FROM_LABEL = "Linked from"
# Relations by which a record rests on another one (for "at risk").
RESTS_ON = {"amends", "extends", "relates-to", "depends-on", "clarifies"}


@lru_cache(maxsize=4096)  # a log writes a few labels thousands of times
def key(label: str) -> str:
    """Normalise a label: `Superceded by` -> `superseded-by`; custom labels keep their words."""
    words = re.sub(r"[^\w]+", "-", label.strip().lower()).strip("-")
    return _ALIASES.get(words, words)


def shown_label(label: str) -> str:
    """A label as users see it, capitalised like the back-links we write (`amends` -> `Amends`,
    next to `Amended by`); the words stay as written, so `partly superseded by` keeps `partly`."""
    label = " ".join(label.split())
    return label[:1].upper() + label[1:]


def reverse_label(label: str) -> str | None:
    """The label of the back-link for a known relation (`Amends` -> `Amended by`), else None:
    a custom relation's reverse is no one's guess (`Is costed by` is not undone by `Is costed`)."""
    k = key(label)
    return KNOWN[KNOWN[k][1]][0] if k in KNOWN else None


def points_back(relation_key: str) -> bool:
    """Whether a relation is the back side of another (`amended-by`, `linked-from`): graphs draw
    each pair once, from the forward side."""
    return relation_key.endswith("-by") or relation_key == LINKED_FROM


def reverse_key(relation_key: str) -> str | None:
    """The key of a known relation's back side (`amends` -> `amended-by`), else None."""
    return KNOWN[relation_key][1] if relation_key in KNOWN else None
