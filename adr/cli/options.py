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


def shown_all(paths: list[Path] | list[str]) -> list[str]:
    """`shown` for many paths: `relpath` once per folder, not once per file."""
    folders: dict[str, str] = {}
    out = []
    for path in paths:
        folder, name = os.path.split(path)
        relative = folders.get(folder)
        if relative is None:
            relative = folders[folder] = shown(Path(folder or "."))
        out.append(name if relative == "." else os.path.join(relative, name))
    return out


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


def complete_ref(ctx, param, incomplete: str):
    """Shell completion for REF arguments: record numbers and file names, with titles as help."""
    from click.shell_completion import CompletionItem

    try:
        from adr.cli import settings
        from adr.store.log import DecisionLog

        config = settings(ctx)
        log = DecisionLog.load([config.log_dir, *config.extra_dirs])
    except Exception:  # completion must never print errors into the shell
        return []
    items = []
    for record in log.records:
        value = record.ref
        if value.startswith(incomplete) or record.id.startswith(incomplete):
            items.append(CompletionItem(value, help=record.title))
    return items
