"""Operations on parts written in parallel: review, history and the site. Each reports
"n/a (not available)" until its command or plugin exists."""

from __future__ import annotations

from measure import Figure
from ops import NOT_AVAILABLE, Log, Settings, selected


def operations(log: Log, s: Settings, only: list[str]) -> list[Figure]:
    plan = [
        ("review (50-file change)", lambda: Figure("review (50-file change)", "adr", log.format, log.size, note=NOT_AVAILABLE)),
        ("history", lambda: Figure("history", "adr", log.format, log.size, note=NOT_AVAILABLE)),
        ("site", lambda: Figure("site", "adr", log.format, log.size, note=NOT_AVAILABLE)),
    ]
    return [make() for op, make in plan if selected(only, op)]
