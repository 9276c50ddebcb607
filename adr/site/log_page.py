"""The log: every decision on one page, with counts per status and filters that run in the browser."""

from __future__ import annotations

from collections import Counter

from adr.model import Record
from adr.site.context import SiteContext
from adr.site.escape import html_text, md_text, meta_string
from adr.site.fragments import badge, chips, names, risk_badge
from adr.words import noun


def _data(values: list[str]) -> str:
    return html_text("|" + "|".join(v.replace("|", "/") for v in values) + "|")


def _options(label: str, key: str, values: list[tuple[str, int]]) -> str:
    opts = "".join(f'<option value="{html_text(v)}">{html_text(v)} ({n})</option>' for v, n in values)
    return f'<label>{label} <select data-adr-filter="{key}"><option value="">All</option>{opts}</select></label>'


def _row(ctx: SiteContext, record: Record, src: str, several: bool, numbered: bool) -> str:
    risky = ctx.at_risk(record)
    status = record.status or "unknown"
    cells = [
        *([f'<td class="adr-num">{html_text(record.display_number)}</td>'] if numbered else []),
        f'<td class="adr-title"><a href="{html_text(ctx.href(src, record))}">{html_text(record.title)}</a></td>',
        f"<td>{badge(status)}{(' ' + risk_badge(ctx.risk_reason(record))) if risky else ''}</td>",
        f'<td class="adr-date">{record.date.isoformat() if record.date else html_text(record.raw_date)}</td>',
        f"<td>{chips(record.tags)}</td>",
        f"<td>{names(record.decision_makers)}</td>",
    ]
    if several:
        cells.insert(1 if numbered else 0, f"<td>{html_text(ctx.layout.folder_title(record))}</td>")
    attrs = (
        f'data-status="{html_text(status)}" data-tags="{_data(record.tags)}" '
        f'data-people="{_data(record.stakeholders)}" data-risk="{1 if risky else 0}" '
        f'data-text="{html_text(record.title.lower())}"'
    )
    return f"<tr {attrs}>{' '.join(cells)}</tr>"


def log_page(ctx: SiteContext) -> str:
    src = ctx.layout.section("index")
    records = ctx.log.records
    several = len(ctx.log.folders) > 1
    statuses = Counter(r.status or "unknown" for r in records)
    tags = Counter(t for r in records for t in r.tags)
    people = Counter(p for r in records for p in r.stakeholders)
    risky = sum(1 for r in records if ctx.at_risk(r))
    feed = ctx.layout.url(src, ctx.layout.feed())

    counts = "".join(
        f'<button type="button" class="adr-count" data-adr-status="{html_text(s)}">{badge(s)} <strong>{n}</strong></button>'
        for s, n in sorted(statuses.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    if risky:
        counts += f'<button type="button" class="adr-count" data-adr-risk="1">{risk_badge()} <strong>{risky}</strong></button>'
    summary = (
        f'<div class="adr-summary"><p class="adr-total"><strong>{len(records)}</strong> {noun(len(records), "decision")}</p>'
        f'<div class="adr-counts">{counts}</div>'
        f'<p class="adr-subscribe"><a class="adr-feed" href="{html_text(feed)}" type="application/atom+xml">Subscribe to changes (Atom feed)</a></p></div>'
    )
    filters = (
        '<form class="adr-filters" data-adr-filters>'
        + _options("Status", "status", sorted(statuses.items()))
        + _options("Tag", "tag", sorted(tags.items(), key=lambda kv: kv[0].lower()))
        + _options("Stakeholder", "person", sorted(people.items(), key=lambda kv: kv[0].lower()))
        + '<label class="adr-check"><input type="checkbox" data-adr-filter="risk"> At risk only</label>'
        + '<label>Title <input type="search" data-adr-filter="text" placeholder="type to filter"></label>'
        + '<span class="adr-shown" aria-live="polite"></span></form>'
    )
    numbered = any(r.number is not None for r in records)  # log4brains names records by date and slug only
    head = [("#", "number")] if numbered else []
    head += [("Decision", "text"), ("Status", "text"), ("Date", "text"), ("Tags", "text"), ("Decision-makers", "text")]
    if several:
        head.insert(1 if numbered else 0, ("Log", "text"))
    rows = "".join(_row(ctx, r, src, several, numbered) for r in reversed(records))
    headers = "".join(f'<th data-adr-sort="{kind}">{h}</th>' for h, kind in head)
    table = (
        f'<table class="adr-log" data-adr-log><thead><tr>{headers}</tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    empty = '<p class="adr-empty" hidden>No decision matches these filters.</p>'
    return "\n".join([
        f"---\ntitle: {meta_string(ctx.options.title)}\nhide: [toc]\n---\n",
        f"# {md_text(ctx.options.title)}\n",
        summary + "\n",
        filters + "\n",
        table + "\n",
        empty + "\n",
    ])
