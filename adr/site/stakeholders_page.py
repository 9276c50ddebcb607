"""For each person or team: what they decided, were consulted on, or were informed of."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import quote

from adr.model import Record
from adr.site.context import SiteContext
from adr.site.escape import html_text, md_text
from adr.site.page_parts import item, title_block


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
