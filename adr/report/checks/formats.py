"""How findings are shown: one line each for people, workflow commands for GitHub, JSON for tools."""

from __future__ import annotations

import json
import os

from adr.errors import Diagnostic, printable, quoted, shown_path
from adr.words import counted


def _relative(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


def text(findings: list[Diagnostic]) -> str:
    """`file:line: id message`, the form editors and `grep` understand, one line per finding
    whatever the file names and record text, and never a command to a CI runner (the
    pre-commit hooks print it into a GitHub log too)."""
    return "".join(
        f"{_shown(d.path)}:{f'{d.line}:' if d.line else ''} {d.code} {_inert(printable(d.message))}{'' if d.severity == 'error' else ' (warning)'}\n"
        for d in findings
    )


# GitHub's runner reads `::command ...::` at the start of a line (after spaces) and the older
# `##[command]` anywhere in it, in everything a step prints.
_LEGACY_COMMAND = "##["


def _inert(text: str) -> str:
    """`text` with no `##[` a runner would read as a command: its second `#` as an escape."""
    return text.replace(_LEGACY_COMMAND, "#\\x23[")


def _shown(path: str) -> str:
    """The path as `where` shows it, quoted as git would when it holds a new line, or when it
    would otherwise read as a runner's command (`::error::x.md` in the current folder)."""
    shown = shown_path(path)
    if _LEGACY_COMMAND in shown or shown.lstrip().startswith("::"):
        return _inert(quoted(shown, always=True))
    return quoted(shown)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _from_repository_root(path: str) -> str:
    """GitHub wants annotation paths relative to the repository, wherever the job's folder is."""
    from pathlib import Path

    absolute = Path(os.path.abspath(path))
    for folder in absolute.parents:
        if (folder / ".git").exists():
            return absolute.relative_to(folder).as_posix()
    return _relative(path)


def github(findings: list[Diagnostic]) -> str:
    """GitHub workflow commands, which annotate the pull request's files at the right line."""
    lines = []
    for d in findings:
        props = [f"file={_escape_property(_from_repository_root(d.path))}"]
        if d.line:
            props.append(f"line={d.line}")
        props.append(f"title={_escape_property(d.code)}")
        lines.append(f"::{d.severity} {','.join(props)}::{_escape_data(d.message)}\n")
    return "".join(lines)


def as_dicts(findings: list[Diagnostic]) -> list[dict]:
    return [{"path": _relative(d.path), "line": d.line, "rule": d.code, "severity": d.severity, "message": d.message} for d in findings]


def as_json(findings: list[Diagnostic]) -> str:
    data = {"findings": as_dicts(findings), "errors": count(findings, "error"), "warnings": count(findings, "warning")}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def count(findings: list[Diagnostic], severity: str) -> int:
    return sum(1 for d in findings if d.severity == severity)


def summary(findings: list[Diagnostic]) -> str:
    errors, warnings = count(findings, "error"), count(findings, "warning")
    if not findings:
        return "no findings"
    return f"{counted(errors, 'error')}, {counted(warnings, 'warning')}"


FORMATS = {"text": text, "github": github, "json": as_json}
