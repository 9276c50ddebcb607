"""Optional git metadata: one history pass per log folder, looked up per record."""

from __future__ import annotations

from pathlib import Path


def history_lookup(folders: list[Path], log):
    """A function record -> its history, or None when git is unavailable (said once, not fatal)."""
    try:
        from adr import history
    except ImportError:  # the history module is optional
        log.info("adr: git metadata needs adr.history; skipped")
        return None
    histories = []
    for folder in folders:
        try:
            histories.append(history.load(folder))
        except Exception as exc:  # not a repository, git missing: the site builds without dates
            log.info(f"adr: no git history for {folder}: {exc}")
    if not histories:
        return None

    def lookup(record):
        for found in histories:
            entry = found.of(record.path)
            if entry is not None:
                return entry
        return None

    return lookup
