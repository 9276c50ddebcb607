"""What was given up: chosen option, rejected options, accepted downsides, and who paid for them."""

from __future__ import annotations

from collections import defaultdict

from adr.report.generate import heading
from adr.model import Record
from adr.site.content import TradeOffs, trade_offs
from adr.site.context import SiteContext
from adr.site.escape import css_ident, html_text, md_text
from adr.site.fragments import badge, prose
from adr.site.page_parts import title_block


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{prose(i)}</li>" for i in items) + "</ul>"


# From this many decisions on, the decisions are one raw HTML block, without their consequences
# (one link away). Python-Markdown copies the rest of the page at the end of every raw HTML block,
# so a block per decision made the page quadratic: 27 s of a 10,000-record build, where a table
# of contents of every decision and their repeated consequences serve no reader anyway.
COMPACT_FROM = 300


def _trade_off_html(t: TradeOffs) -> str:
    """The status, the grid of what was chosen and given up, and who gave up what."""
    html = [f'<p class="adr-tradeoff__status">{badge(t.record.status)}</p>']
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
    return "".join(html)


def _decision(ctx: SiteContext, src: str, t: TradeOffs) -> str:
    """A Markdown heading (in the table of contents), one raw HTML block, the consequences."""
    link = ctx.layout.md_link(src, ctx.layout.record(t.record))
    label = '<p class="adr-label">Consequences</p>' if t.consequences else ""
    parts = [f"### [{md_text(heading(t.record))}]({link})\n", f'<div class="adr-tradeoff-of">{_trade_off_html(t)}{label}</div>\n']
    if t.consequences:
        parts.append(ctx.record_markdown(t.consequences, t.record, src) + "\n")
    return "\n".join(parts)


def _compact_decision(ctx: SiteContext, src: str, t: TradeOffs) -> str:
    """The same in HTML, for one block holding every decision; consequences are a link away."""
    href = html_text(ctx.href(src, t.record))
    anchor = "decision-" + css_ident(t.record.id)
    more = f'<p><a href="{href}">Consequences: read them on the decision page</a></p>' if t.consequences else ""
    return f'<h3 id="{anchor}"><a href="{href}">{html_text(heading(t.record))}</a></h3>{_trade_off_html(t)}{more}'


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
    if len(all_trade_offs) >= COMPACT_FROM:
        decisions = "".join(_compact_decision(ctx, src, t) for t in reversed(all_trade_offs))
        parts.append(f'<div class="adr-tradeoffs">{decisions}</div>\n')
    else:
        parts.extend(_decision(ctx, src, t) for t in reversed(all_trade_offs))
    return "\n".join(parts)
