"""Yesterday's assumptions at a glance: which still hold, which no longer do, which are overdue."""

from __future__ import annotations

from collections import Counter

from adr.report.insights import HOLDS, RETIRED, REVIEW, SUPERSEDED
from adr.site.context import SiteContext
from adr.site.escape import html_text, html_text_with_code
from adr.site.fragments import STATE_NAMES, badge
from adr.site.record_page import state_text
from adr.site.page_parts import title_block
from adr.words import noun

ORDER = {SUPERSEDED: 0, REVIEW: 1, HOLDS: 2, RETIRED: 3}
NAMES = STATE_NAMES


def assumptions_page(ctx: SiteContext) -> str:
    src = ctx.layout.section("assumptions")
    parts = [title_block("Assumptions", "What each decision took for granted, and whether it is still true today.")]
    counts = Counter(s.state for s in ctx.states)
    summary = "".join(f'<div class="adr-stat adr-stat--{state}"><strong>{counts.get(state, 0)}</strong> {NAMES[state]}</div>' for state in (SUPERSEDED, REVIEW, HOLDS, RETIRED))
    summary += f'<div class="adr-stat adr-stat--at-risk"><strong>{len(ctx.risks)}</strong> {noun(len(ctx.risks), "decision")} at risk</div>'
    parts.append(f'<div class="adr-stats">{summary}</div>\n')

    parts.append("## Decisions at risk\n")
    if ctx.risks:
        rows = []
        for risk in sorted(ctx.risks.values(), key=lambda r: (r.record.number is None, r.record.number or 0, r.record.id)):
            cause = risk.cause
            chain = (" Chain: " + " → ".join(ctx.link(src, r) for r in risk.chain) + ".") if len(risk.chain) > 1 else ""
            why = f"{html_text(cause.assumption.key)} of {ctx.link(src, cause.record)} {state_text(ctx, cause, src)}"
            rows.append(f"<li>{ctx.link(src, risk.record)} {badge(risk.record.status)}<br><span class=\"adr-why\">because assumption {why}.{chain}</span></li>")
        parts.append(f'<ul class="adr-list adr-risks">{"".join(rows)}</ul>\n')
    else:
        parts.append('<p class="adr-ok">No decision in force rests on a broken assumption.</p>\n')

    parts.append("## Every assumption\n")
    if not ctx.states:
        parts.append("No record lists assumptions yet. Add an `## Assumptions` section with items like `A1: ...`.\n")
        return "\n".join(parts)
    rows = []
    for state in sorted(ctx.states, key=lambda s: (ORDER[s.state], s.record.number is None, s.record.number or 0, s.assumption.key)):
        detail = state_text(ctx, state, src, after_badge=True) if state.state != HOLDS else ""
        rows.append(
            f'<tr class="adr-assumption--{state.state}"><td>{ctx.link(src, state.record)}</td>'
            f"<td><strong>{html_text(state.assumption.key)}</strong></td><td>{html_text_with_code(state.assumption.text)}</td>"
            f"<td>{badge(NAMES[state.state], 'adr-state--' + state.state)}<br><span class=\"adr-why\">{detail}</span></td></tr>"
        )
    parts.append(
        '<table class="adr-table"><thead><tr><th>Decision</th><th>Key</th><th>Assumption</th><th>State today</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>\n'
    )
    return "\n".join(parts)
