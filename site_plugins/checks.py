"""Strict mode: the same rules as `adr check`, with the project's .adr.yml severities."""

from __future__ import annotations

from pathlib import Path

from adr.config import discover
from adr.errors import AdrError, Diagnostic
from adr.store.log import DecisionLog


def check_errors(decisions: DecisionLog, config_dir: Path) -> list[Diagnostic]:
    """Findings of severity error: parse errors always, plus `adr check` rules where available."""
    found = [d for r in decisions.records for d in r.diagnostics if d.severity == "error"]
    try:
        from adr.report import checks
    except ImportError:  # the check rules are optional
        return found
    try:
        settings = discover(cwd=config_dir)
    except AdrError:
        settings = None
    statuses = settings.statuses if settings else []
    rules = settings.rules if settings else {}
    findings = checks.run(checks.from_disk(decisions, statuses), rules)
    seen = {(d.path, d.line, d.code) for d in found}
    return found + [d for d in findings if d.severity == "error" and (d.path, d.line, d.code) not in seen]
