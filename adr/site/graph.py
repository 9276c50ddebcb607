"""Decision graphs as Mermaid, with links computed for the page that shows them."""

from __future__ import annotations

from adr.generate import mermaid
from adr.log import DecisionLog
from adr.model import Record
from adr.site.escape import css_ident, html_text
from adr.site.fragments import badge
from adr.site.layout import Layout


def class_defs(colours: dict[str, str]) -> list[str]:
    return [f"  classDef st-{css_ident(status)} fill:{colour},stroke:{colour},color:#ffffff" for status, colour in colours.items() if status != "at-risk"]


def mermaid_block(log: DecisionLog, layout: Layout, records: list[Record], from_src: str, colours: dict[str, str], focus: Record | None = None) -> str:
    """An HTML block the site's script renders with the Mermaid shipped beside it (no CDN)."""
    text = mermaid(log, records=records, url_for=lambda r: layout.url(from_src, layout.record(r)))
    lines = text.rstrip("\n").split("\n") + class_defs(colours)
    if focus is not None:
        lines.append(f"  style n{records.index(focus)} stroke:#111111,stroke-width:4px")
    source = html_text("\n".join(lines))
    return f'<div class="adr-graph"><pre class="adr-mermaid">{source}</pre></div>'


def neighbours(log: DecisionLog, record: Record) -> list[Record]:
    """The record and every record one relation away, in log order."""
    near = {id(record)} | {id(e.target) for e in log.edges_from(record)}
    return [r for r in log.records if id(r) in near]


def connected(log: DecisionLog) -> list[Record]:
    linked = {id(e.source) for e in log.edges()} | {id(e.target) for e in log.edges()}
    return [r for r in log.records if id(r) in linked]


def legend(records: list[Record]) -> str:
    statuses = sorted({r.status or "unknown" for r in records})
    return '<p class="adr-legend">' + " ".join(badge(s) for s in statuses) + "</p>"
