"""The overview pages: the whole graph, the timeline, and who took part in what."""

from __future__ import annotations

from collections import defaultdict

from adr.generate import heading
from adr.model import Record
from adr.site.context import SiteContext
from adr.site.escape import html_text, md_text, meta_string
from adr.site.fragments import badge, risk_badge
from adr.site.graph import connected, legend, mermaid_block

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
    parts.append(mermaid_block(ctx.log, ctx.layout, shown, src, ctx.options.colours) + "\n")
    alone = [r for r in ctx.log.records if r not in shown] if linked else []
    if alone:
        parts.append(f"## Decisions with no relation yet\n\n<ul class=\"adr-list adr-list--columns\">{''.join(item(ctx, src, r) for r in alone)}</ul>\n")
    return "\n".join(parts)


def timeline_page(ctx: SiteContext) -> str:
    src = ctx.layout.section("timeline")
    months: dict[tuple[int, int], list[Record]] = defaultdict(list)
    undated: list[Record] = []
    for record in ctx.log.records:
        (months[(record.date.year, record.date.month)] if record.date else undated).append(record)
    parts = [title_block("Timeline", "Decisions by the month they were taken, newest first.")]
    year = None
    for (y, m) in sorted(months, reverse=True):
        if y != year:
            parts.append(f"## {y}\n")
            year = y
        entries = sorted(months[(y, m)], key=lambda r: r.date, reverse=True)
        rows = "".join(item(ctx, src, r, f' <span class="adr-date">{r.date.isoformat()}</span>') for r in entries)
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
        parts.append(f'<div class="adr-roles">{"".join(blocks)}</div>\n')
    return "\n".join(parts)
