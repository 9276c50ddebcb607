"""Shared helpers for command modules."""

from __future__ import annotations

import os
from pathlib import Path

import click


def shown(path: Path) -> str:
    """A path as adr-tools prints it: relative to the current folder where possible."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def open_editor(path: Path) -> None:
    """Open `$VISUAL`, else `$EDITOR`, on the new file, as adr-tools does."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        return
    import shlex
    import subprocess

    try:
        subprocess.run([*shlex.split(editor), str(path)], check=False)
    except OSError as exc:
        raise click.ClickException(f"cannot start editor '{editor}': {exc.strerror}") from None
