"""An Atom feed of decision changes, so stakeholders can subscribe instead of watching a repository."""

from __future__ import annotations

import datetime as dt

from adr.report.generate import heading
from adr.model import Record
from adr.site.context import SiteContext
from adr.site.escape import xml_attr, xml_text
from adr.site.layout import page_url
from adr.site.timeline_page import status_changes

EVENTS = {"proposed": "proposed", "accepted": "accepted", "superseded": "superseded", "deprecated": "deprecated", "rejected": "rejected"}


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def entries(ctx: SiteContext) -> list[tuple[dt.date, str, Record]]:
    """(date, what happened, record), newest first; git history adds status changes when given."""
    found = []
    for record in ctx.log.records:
        if record.date:
            found.append((record.date, EVENTS.get(record.status, "new") if not status_changes(ctx, record) else "new", record))
        for day, _previous, status in status_changes(ctx, record):
            found.append((day, EVENTS.get(status, status), record))
    return sorted(found, key=lambda e: (e[0], e[2].number or 0), reverse=True)


def atom_feed(ctx: SiteContext) -> str:
    base = ctx.options.site_url.rstrip("/") + "/" if ctx.options.site_url else ""
    layout = ctx.layout
    def where(src: str) -> str:
        return base + page_url(src, layout.directory_urls) if base else layout.url(layout.feed(), src)

    log_url = where(layout.section("index"))
    items = entries(ctx)
    updated = _stamp(items[0][0]) if items else _stamp(ctx.options.day)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{xml_text(ctx.options.title)}</title>",
        f"  <id>{xml_text(log_url if base else 'urn:adr:' + layout.prefix)}</id>",
        f"  <link href={xml_attr(log_url)}/>",
        f"  <updated>{updated}</updated>",
    ]
    for day, event, record in items[:200]:
        url = where(layout.record(record))
        who = ", ".join(record.decision_makers) or "the team"
        out += [
            "  <entry>",
            f"    <title>{xml_text(f'{event.capitalize()}: {heading(record)}')}</title>",
            f"    <id>{xml_text(url if base else 'urn:adr:' + layout.record(record))}#{event}-{day.isoformat()}</id>",
            f"    <link href={xml_attr(url)}/>",
            f"    <updated>{_stamp(day)}</updated>",
            f"    <author><name>{xml_text(who)}</name></author>",
            f"    <summary>{xml_text(f'{heading(record)} is {record.status or event}. Decided by {who}.')}</summary>",
            "  </entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"
