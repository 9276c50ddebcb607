"""Errors and diagnostics the user sees: one line, naming the file and line where there is one."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def shown_path(path: Path | str) -> str:
    """`path` relative to the current folder when it is inside it, else as given."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def where(path: Path | str | None, line: int | None = None) -> str:
    """`file:line: ` prefix, or empty when there is no file."""
    if path is None:
        return ""
    shown = shown_path(path)
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
