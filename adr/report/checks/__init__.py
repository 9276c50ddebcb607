"""`adr check`: rules over the whole log, each with a stable id and a configurable severity.

The rules are pure functions of a `CheckContext`; reading files and git objects happens at the
edges (see `from_disk`), so the same rules run on the working tree and on a pull request's head.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from adr.errors import AdrError, Diagnostic
from adr.store.log import DecisionLog
from adr.model import Record

ERROR, WARNING, OFF = "error", "warning", "off"
SEVERITIES = (ERROR, WARNING, OFF)


@dataclass
class CheckContext:
    """What the rules look at: the log, today's date, allowed custom statuses, and file access."""

    log: DecisionLog
    today: dt.date
    custom_statuses: set[str] = field(default_factory=set)
    exists: Callable[[Path], bool] = lambda path: path.exists()
    source: Callable[[Record], str | None] = lambda record: None
    # journals and temporary files in the log that adr will not act on: (path, why)
    leftovers: Callable[[], list[tuple[str, str]]] = lambda: []


def today() -> dt.date:
    """ADR_DATE pins "today" for reproducible runs (tests, CI replays)."""
    raw = os.environ.get("ADR_DATE")
    if raw:
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise AdrError(f"ADR_DATE '{raw}' is not a YYYY-MM-DD date") from None
    return dt.date.today()


def severities(configured: dict[str, str]) -> dict[str, str]:
    """Default severities with `.adr.yml` `rules:` applied; unknown ids or levels are user errors."""
    from adr.report.checks.rules import RULES

    result = {rule_id: default for rule_id, (default, _, _) in RULES.items()}
    for rule_id, level in configured.items():
        if rule_id not in result:
            raise AdrError(f"unknown check rule '{rule_id}' in .adr.yml rules (known: {', '.join(sorted(result))})")
        level = str(level).strip().lower()
        level = {"false": OFF, "no": OFF, "none": OFF}.get(level, level)  # YAML reads a bare `off` as false
        if level not in SEVERITIES:
            raise AdrError(f"rule '{rule_id}' in .adr.yml: severity must be error, warning or off, not '{level}'")
        result[rule_id] = level
    return result


def run(context: CheckContext, configured: dict[str, str] | None = None) -> list[Diagnostic]:
    """Every finding, with its severity, in file and line order; rules set to `off` do not run."""
    from adr.report.checks.rules import RULES

    levels = severities(configured or {})
    found: list[Diagnostic] = []
    for rule_id, (_, _, rule) in RULES.items():
        if levels[rule_id] == OFF:
            continue
        for path, line, message in rule(context):
            found.append(Diagnostic(str(path), line, rule_id, message, levels[rule_id]))
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=lambda d: (d.path, d.line or 0, d.code, d.message))


def _read(record: Record) -> str | None:
    if not record.path.is_file():  # a FIFO named .md would block forever
        return None
    try:
        return record.path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def from_disk(log: DecisionLog, custom_statuses: list[str] | set[str] = ()) -> CheckContext:
    """A context over the working tree."""
    return CheckContext(
        log, today(), set(custom_statuses), lambda path: log.lookups.exists(os.fspath(path)), _read, lambda: _leftovers_on_disk(log),
    )


def leftover_reason(name: str, committed: bool = False) -> str:
    """Why a journal or temporary file named `name` is a finding."""
    from adr.store.journal import JOURNAL

    what = "a journal of writes" if name == JOURNAL else "a temporary file of a write"
    if committed:
        return f"{what} committed to git: adr never acts on one it did not leave; remove it from the branch"
    return (
        f"{what} that adr will not act on: committed to git, copied in, another user's, or one it could not "
        "repair (see the line adr printed); check it, then delete it"
    )


def _leftovers_on_disk(log: DecisionLog) -> list[tuple[str, str]]:
    """The journals and temporary files in the log's folders (a recovery that could run already
    has: what is left is not this user's own). Asked through `log.lookups`, so a remembered
    `adr check` result is not reused once one appears or goes."""
    folders = dict.fromkeys([*(os.fspath(f) for f in log.folders), *(os.path.dirname(os.fspath(r.path)) for r in log.records)])
    found = []
    for folder in folders:
        for name in sorted(log.lookups.leftovers_in(folder)):
            found.append((os.path.join(folder, name), leftover_reason(name)))
    return found


def check_log(folders: list[Path], custom_statuses: list[str], configured: dict[str, str]) -> list[Diagnostic]:
    """Every finding on the log in `folders`, as `run` gives them; from the last run when neither
    the log nor anything else they depend on changed (adr.store.result_cache)."""
    from adr.store.result_cache import remembered

    def compute(lookups, listing) -> list[Diagnostic]:
        log = DecisionLog.load(folders, lookups=lookups, listing=listing)
        return run(from_disk(log, custom_statuses), configured)

    return remembered(folders, ("check", repr(sorted(set(custom_statuses))), repr(configured)), compute, list[Diagnostic])


def failed(findings: list[Diagnostic], strict: bool = False) -> bool:
    """Errors fail; with `strict`, warnings fail too."""
    return any(d.severity == ERROR or (strict and d.severity == WARNING) for d in findings)
