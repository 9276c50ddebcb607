"""Errors and diagnostics the user sees: one line, naming the file and line where there is one."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# Characters a terminal, a CI log or a Markdown renderer acts on instead of showing: line breaks
# and other controls (Cc, Zl, Zp), bidirectional overrides that reorder what a reader sees
# ("Trojan Source"), and the lone surrogates that stand for bytes that were not UTF-8.
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _unshown(char: str) -> bool:
    return char in _BIDI or unicodedata.category(char) in ("Cc", "Zl", "Zp", "Cs")


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as `surrogateescape` kept it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every character that would act instead of show written as a backslash
    escape (`\\n`, `\\x1b`, `\\u202e`), so that it stays one line that reads as it is."""
    return "".join(_escape(c) if _unshown(c) else c for c in text)


def quoted(name: str, always: bool = False) -> str:
    """A file name as git quotes it (`core.quotePath`): as it is when every character shows
    (and not `always`), else in double quotes with C escapes, so that `a\\nb.md` and a name
    with a new line differ."""
    if not always and not any(_unshown(c) for c in name):
        return name
    return '"' + printable(name.replace("\\", "\\\\").replace('"', '\\"')) + '"'


def shown_path(path: Path | str) -> str:
    """`path` relative to the current folder when it is inside it, else as given."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def where(path: Path | str | None, line: int | None = None) -> str:
    """`file:line: ` prefix, or empty when there is no file; a name with a new line is quoted,
    so that the message stays one line."""
    if path is None:
        return ""
    shown = quoted(shown_path(path))
    return f"{shown}:{line}: " if line else f"{shown}: "


class AdrError(Exception):
    """A problem the user can fix; the CLI prints it as one line and exits 1."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        return where(self.path, self.line) + " ".join(self.message.split())


@dataclass(frozen=True)
class Diagnostic:
    """Something in a file that could not be fully understood, or that a check rule found."""

    path: str
    line: int | None
    code: str
    message: str
    severity: str = "warning"

    def __post_init__(self) -> None:
        # One finding, one line: text quoted from a file may hold new lines or U+2028.
        object.__setattr__(self, "message", " ".join(self.message.split()))

    def __str__(self) -> str:
        return f"{where(self.path, self.line)}{self.code} {self.message}"
