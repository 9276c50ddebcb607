"""The overview pages: the whole graph, the timeline, and who took part in what."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import quote

from adr.generate import heading
from adr.model import Record
from adr.site.context import SiteContext
from adr.site.escape import html_text, md_text, meta_string
from adr.site.fragments import badge, risk_badge
from adr.site.graph import components, connected, legend, mermaid_block

SPLIT_ABOVE = 60  # records: a larger graph is drawn as one diagram per group of linked decisions
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def title_block(title: str, intro: str = "") -> str:
    text = f"---\ntitle: {meta_string(title)}\n---\n\n# {md_text(title)}\n"
    return text + (f"\n{intro}\n" if intro else "")


def item(ctx: SiteContext, src: str, record: Record, extra: str = "") -> str:
    risk = (" " + risk_badge()) if ctx.at_risk(record) else ""
    return f"<li>{ctx.link(src, record)} {badge(record.status)}{risk}{extra}</li>"


def graph_page(ctx: SiteContext) -> str:
    src = ctx.layout.section("graph")
    linked = connected(ctx.log)
    shown = linked or ctx.log.records
    parts = [title_block("Decision graph", "How decisions supersede, amend and build on each other. Click a decision to open it.")]
    if not ctx.log.records:
        return parts[0] + "\nNo decisions yet.\n"
    parts.append(legend(shown) + "\n")
    edges = ctx.log.edges()
    groups = components(shown, edges) if len(shown) > SPLIT_ABOVE else [shown]
    for group in groups:
        parts.append(mermaid_block(ctx.log, ctx.layout, group, src, ctx.options.colours, edges=[e for r in group for e in ctx.edges_from(r)]) + "\n")
    drawn = {id(r) for r in shown}
    alone = [r for r in ctx.log.records if id(r) not in drawn] if linked else []
    if alone:
        parts.append(f"## Decisions with no relation yet\n\n<ul class=\"adr-list adr-list--columns\">{''.join(item(ctx, src, r) for r in alone)}</ul>\n")
    return "\n".join(parts)


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
            months[(day.year, day.month)].append((day, record, f"{previous or 'no status'} → {status}"))
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


def stakeholders_page(ctx: SiteContext) -> str:
    src = ctx.layout.section("stakeholders")
    roles: dict[str, dict[str, list[Record]]] = defaultdict(lambda: {"Decided": [], "Consulted": [], "Informed": []})
    for record in ctx.log.records:
        for role, people in (("Decided", record.decision_makers), ("Consulted", record.consulted), ("Informed", record.informed)):
            for person in people:
                roles[person][role].append(record)
    parts = [title_block("Stakeholders", "For each person or team: the decisions they made, were consulted on, or were informed of.")]
    if not roles:
        parts.append("No record names its decision-makers, consulted or informed people yet.\n")
    for person in sorted(roles, key=str.lower):
        parts.append(f"## {md_text(person)}\n")
        blocks = []
        for role, records in roles[person].items():
            if records:
                rows = "".join(item(ctx, src, r) for r in records)
                blocks.append(f'<div class="adr-role"><p class="adr-role__title">{role} ({len(records)})</p><ul class="adr-list">{rows}</ul></div>')
        log_url = ctx.layout.url(src, ctx.layout.section("index")) + "?person=" + quote(person)
        blocks.append(f'<p class="adr-role__more"><a href="{html_text(log_url)}">Show in the log</a></p>')
        parts.append(f'<div class="adr-roles">{"".join(blocks)}</div>\n')
    return "\n".join(parts)
