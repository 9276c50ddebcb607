"""What was given up: chosen option, rejected options, accepted downsides, and who paid for them."""

from __future__ import annotations

from collections import defaultdict

from adr.generate import heading
from adr.model import Record
from adr.site.content import TradeOffs, trade_offs
from adr.site.context import SiteContext
from adr.site.escape import html_text, md_text
from adr.site.fragments import badge, prose
from adr.site.page_parts import title_block


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{prose(i)}</li>" for i in items) + "</ul>"


def _decision(ctx: SiteContext, src: str, t: TradeOffs) -> str:
    record = t.record
    link = ctx.layout.md_link(src, ctx.layout.record(record))
    html = [f'<p class="adr-tradeoff__status">{badge(record.status)}</p>']
    rows = []
    if t.chosen:
        rows.append(f'<div class="adr-tradeoff__row adr-tradeoff__row--chosen"><p class="adr-label">Chosen</p><p>{prose(t.chosen)}</p></div>')
    if t.given_up:
        rows.append(f'<div class="adr-tradeoff__row adr-tradeoff__row--given-up"><p class="adr-label">Options given up</p>{_list(t.given_up)}</div>')
    if t.downsides:
        rows.append(f'<div class="adr-tradeoff__row adr-tradeoff__row--bad"><p class="adr-label">Accepted downsides</p>{_list(t.downsides)}</div>')
    if t.compromises:
        items = "".join(
            f"<li>{('<strong>' + html_text(c.who) + '</strong>: ') if c.who else ''}{prose(c.text)}</li>" for c in t.compromises
        )
        rows.append(f'<div class="adr-tradeoff__row adr-tradeoff__row--who"><p class="adr-label">Who gave up what</p><ul>{items}</ul></div>')
    if rows:
        html.append(f'<div class="adr-tradeoff">{"".join(rows)}</div>')
    if t.consequences:
        html.append('<p class="adr-label">Consequences</p>')
    # One raw HTML block per decision: Python-Markdown copies the rest of the page at the end of
    # each such block, so three per decision made this page quadratic (37 s at 10,000 records).
    parts = [f"### [{md_text(heading(record))}]({link})\n", f'<div class="adr-tradeoff-of">{"".join(html)}</div>\n']
    if t.consequences:
        parts.append(ctx.retarget(t.consequences, record, src) + "\n")
    return "\n".join(parts)


def by_stakeholder(all_trade_offs: list[TradeOffs]) -> dict[str, list[tuple[Record, str]]]:
    """Named compromises go to the name; unnamed ones to the record's decision-makers."""
    people: dict[str, list[tuple[Record, str]]] = defaultdict(list)
    for t in all_trade_offs:
        for c in t.compromises:
            for who in [c.who] if c.who else t.record.decision_makers:
                people[who].append((t.record, c.text))
    return people


def compromises_page(ctx: SiteContext) -> str:
    src = ctx.layout.section("compromises")
    all_trade_offs = [t for t in (trade_offs(r) for r in ctx.log.records) if not t.empty]
    parts = [title_block("Compromises", "For each decision: the option chosen, the options given up, the downsides accepted, and who gave up what.")]
    people = by_stakeholder(all_trade_offs)
    if people:
        parts.append("## By stakeholder\n")
        for person in sorted(people, key=str.lower):
            rows = "".join(f"<li>{prose(text)} <span class=\"adr-in\">— {ctx.link(src, r)}</span></li>" for r, text in people[person])
            parts.append(f'<div class="adr-role"><p class="adr-role__title">{html_text(person)}</p><ul class="adr-list">{rows}</ul></div>\n')
    parts.append("## By decision\n")
    if not all_trade_offs:
        parts.append("No record names its options, downsides or compromises yet.\n")
    for t in reversed(all_trade_offs):
        parts.append(_decision(ctx, src, t))
    return "\n".join(parts)
