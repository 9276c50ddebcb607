"""Optional git metadata: one history pass per log folder, looked up per record."""

from __future__ import annotations

from pathlib import Path
from typing import Callable


def history_lookup(folders: list[Path], log, real: Callable[[Path], Path] = Path.resolve):
    """A function record -> its history, or None when git is unavailable (said once, not fatal).
    `real` resolves a record's path (the log's own, which resolves each folder once); every page
    that shows a record's dates asks, so each record is looked up once."""
    try:
        from adr.repo import history
    except ImportError:  # the history module is optional
        log.info("adr: git metadata needs adr.repo.history; skipped")
        return None
    histories = []
    for folder in folders:
        try:
            histories.append(history.load(folder))
        except Exception as exc:  # not a repository, git missing: the site builds without dates
            log.info(f"adr: no git history for {folder}: {exc}")
    if not histories:
        return None
    combined = history.LogHistory(histories)
    found: dict[Path, object] = {}

    def lookup(record):
        if record.path not in found:
            found[record.path] = combined.of_real(real(record.path))
        return found[record.path]

    return lookup

