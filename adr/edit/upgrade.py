"""`adr upgrade-repository`: bring an old log's dd/mm/yyyy dates to ISO, in one all-or-nothing write."""

from __future__ import annotations

from pathlib import Path

from adr.config import Settings
from adr.dates import is_dd_mm_yyyy
from adr.edit.in_place import upgrade_date
from adr.store import atomic
from adr.store.log import DecisionLog


def upgrade_repository(settings: Settings) -> list[Path]:
    """Rewrite every record's dd/mm/yyyy date as YYYY-MM-DD; the files changed, in log order."""
    log = DecisionLog.load([settings.log_dir, *settings.extra_dirs])
    changes = {}
    for record in log.records:
        if record.date and is_dd_mm_yyyy(record.raw_date):
            text = record.path.read_text(encoding="utf-8")
            new = upgrade_date(text, record.raw_date.strip(), record.date.isoformat())
            if new != text:
                changes[record.path] = new
    atomic.write_all(changes)
    return list(changes)
