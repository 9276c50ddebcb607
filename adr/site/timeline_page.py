"""Decisions by year and month, with the status changes git history shows."""

from __future__ import annotations

from collections import defaultdict

from adr.model import Record
from adr.site.context import SiteContext
from adr.site.escape import html_text
from adr.site.page_parts import item, title_block
from adr.status import change_words

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def status_changes(ctx: SiteContext, record: Record) -> list[tuple]:
    """(date, previous, status) for each status change git history shows; empty without history."""
    history = ctx.options.history(record) if callable(ctx.options.history) else None
    changes = getattr(history, "statuses", None) or []
    return [(c.commit.date.date(), c.previous, c.status) for c in changes if c.previous is not None and c.status]


def timeline_page(ctx: SiteContext) -> str:
    src = ctx.layout.section("timeline")
    months: dict[tuple[int, int], list[tuple]] = defaultdict(list)
    undated: list[Record] = []
    for record in ctx.log.records:
        if record.date:
            months[(record.date.year, record.date.month)].append((record.date, record, "decided"))
        else:
            undated.append(record)
        for day, previous, status in status_changes(ctx, record):
            months[(day.year, day.month)].append((day, record, change_words(previous, status)))
    parts = [title_block("Timeline", "Decisions by the month they were taken, and status changes, newest first.")]
    year = None
    for (y, m) in sorted(months, reverse=True):
        if y != year:
            parts.append(f"## {y}\n")
            year = y
        entries = sorted(months[(y, m)], key=lambda e: (e[0], e[1].number or 0), reverse=True)
        rows = "".join(
            item(ctx, src, r, f' <span class="adr-date">{day.isoformat()}</span>' + ("" if what == "decided" else f' <span class="adr-change">{html_text(what)}</span>'))
            for day, r, what in entries
        )
        parts.append(f"### {MONTHS[m - 1]} {y}\n\n<ul class=\"adr-list adr-timeline\">{rows}</ul>\n")
    if undated:
        parts.append(f"## Undated\n\n<ul class=\"adr-list\">{''.join(item(ctx, src, r) for r in undated)}</ul>\n")
    return "\n".join(parts)
