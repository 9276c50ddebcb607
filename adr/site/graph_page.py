"""The whole decision graph: nodes coloured by status, each a link to its decision."""

from __future__ import annotations

from adr.site.context import SiteContext
from adr.site.graph import MAX_NODES, closest, components, connected, legend, mermaid_block
from adr.site.page_parts import item, title_block
from adr.words import counted

SPLIT_ABOVE = 60  # records: a larger graph is drawn as one diagram per group of linked decisions


def graph_page(ctx: SiteContext) -> str:
    src = ctx.layout.section("graph")
    linked = connected(ctx.log)
    shown = linked or ctx.log.records
    parts = [title_block("Decision graph", "How decisions supersede, amend and build on each other. Click a decision to open it.")]
    if not ctx.log.records:
        return parts[0] + "\nNo decisions yet.\n"
    risky = {r.path for r in shown if ctx.at_risk(r)}
    parts.append(legend(shown, bool(risky)) + "\n")
    edges = ctx.log.edges()
    groups = components(shown, edges) if len(shown) > SPLIT_ABOVE else [shown]
    for group in groups:
        drawn = closest(group, ctx.edges_from, MAX_NODES)
        more = len(group) - len(drawn)
        left_out = f"{len(group):,} decisions are linked here; the {len(drawn):,} nearest the most linked one are drawn, {counted(more, 'other')} left out (each is in the log)." if more else ""
        parts.append(mermaid_block(ctx.log, ctx.layout, drawn, src, ctx.options.colours, edges=[e for r in drawn for e in ctx.edges_from(r)], at_risk=risky, left_out=left_out) + "\n")
    drawn = {id(r) for r in shown}
    alone = [r for r in ctx.log.records if id(r) not in drawn] if linked else []
    if alone:
        parts.append(f"## Decisions with no relation yet\n\n<ul class=\"adr-list adr-list--columns\">{''.join(item(ctx, src, r) for r in alone)}</ul>\n")
    return "\n".join(parts)
