"""Counts in words, so that no message reads "1 decision records" or "2 error(s)"."""

from __future__ import annotations


def noun(count: int, singular: str, plural: str = "") -> str:
    """The form of `singular` that goes with `count`; `plural` for nouns that don't just add an s."""
    return singular if count == 1 else plural or singular + "s"


def counted(count: int, singular: str, plural: str = "") -> str:
    """`1 decision`, `0 decisions`, `1,000 decisions`."""
    return f"{count:,} {noun(count, singular, plural)}"
