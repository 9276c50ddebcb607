"""Decision graphs as Mermaid, with links computed for the page that shows them."""

from __future__ import annotations

import textwrap
from collections import deque

from adr import relations
from adr.report.generate import heading, mermaid_text
from adr.store.log import DecisionLog, drawn_edges
from adr.model import Record
from adr.site.escape import css_ident, html_text
from adr.site.fragments import badge
from adr.site.layout import Layout
from adr.words import counted

# What one diagram draws at most: Mermaid lays out in the reader's browser, and a record's author
# can give it any number of relations. Whatever is left out is said under the diagram.
MAX_NEIGHBOURS = 40  # a record's graph: the record and this many related decisions
MAX_NODES = 150  # one diagram of the graph page
MAX_EDGES = 300  # relations in one diagram


def class_defs(colours: dict[str, str]) -> list[str]:
    return [f"  classDef st-{css_ident(status)} fill:{colour},stroke:{colour},color:#ffffff" for status, colour in colours.items() if status != "at-risk"]


def label(record: Record, width: int = 28) -> str:
    """A node label wrapped into short lines, so a graph stays narrow enough to read."""
    return "<br/>".join(mermaid_text(line) for line in textwrap.wrap(heading(record), width) or [""])


def mermaid_source(log: DecisionLog, records: list[Record], url_for, colours: dict[str, str], focus: Record | None = None, edges=None, at_risk=frozenset()) -> tuple[str, int]:
    """A top-down flowchart: nodes coloured by status and linked to their pages, forward
    relations (at most MAX_EDGES; the second value is how many more there were).

    Records whose path is in `at_risk` get a thick orange border."""
    ids = {id(r): f"n{i}" for i, r in enumerate(records)}
    lines = ["flowchart TB"]
    for record in records:
        lines.append(f'  {ids[id(record)]}["{label(record)}"]')
    drawn = set()
    left_out = 0
    for edge in drawn_edges(log.edges() if edges is None else edges):
        if id(edge.source) not in ids or id(edge.target) not in ids:
            continue
        key = (id(edge.source), edge.relation, id(edge.target))
        if relations.reverse_key(edge.relation) == edge.relation:  # relates-to: one line per pair
            key = (min(id(edge.source), id(edge.target)), edge.relation, max(id(edge.source), id(edge.target)))
        if key not in drawn and len(drawn) >= MAX_EDGES:
            left_out += 1
        elif key not in drawn:
            drawn.add(key)
            lines.append(f'  {ids[id(edge.source)]} -->|"{mermaid_text(relations.shown_label(edge.label))}"| {ids[id(edge.target)]}')
    for record in records:
        lines.append(f'  click {ids[id(record)]} href "{mermaid_text(url_for(record))}"')
        lines.append(f"  class {ids[id(record)]} st-{css_ident(record.status or 'unknown')}")
    lines += class_defs(colours)
    risky = colours.get("at-risk", "#e65100")
    lines += [f"  style {ids[id(r)]} stroke:{risky},stroke-width:4px,stroke-dasharray:6 3" for r in records if r.path in at_risk]
    if focus is not None and id(focus) in ids:
        lines.append(f"  style {ids[id(focus)]} stroke:#111111,stroke-width:4px")
    return "\n".join(lines), left_out


def mermaid_block(log: DecisionLog, layout: Layout, records: list[Record], from_src: str, colours: dict[str, str], focus: Record | None = None, edges=None, at_risk=frozenset(), left_out: str = "") -> str:
    """An HTML block the site's script renders with the Mermaid shipped beside it (no CDN).

    `edges` limits the relations looked at (a record's own, for its neighbour graph);
    `left_out` says which decisions the caller did not draw."""
    source, more = mermaid_source(log, records, lambda r: layout.url(from_src, layout.record(r)), colours, focus, edges, at_risk)
    notes = [left_out] if left_out else []
    if more:
        notes.append(f"{counted(more, 'more relation')} between these decisions {'is' if more == 1 else 'are'} not drawn.")
    note = f'<p class="adr-graph__more">{html_text(" ".join(notes))}</p>' if notes else ""
    return f'<div class="adr-graph" data-search-exclude><pre class="adr-mermaid">{html_text(source)}</pre>{note}</div>'


def neighbours(record: Record, edges: list) -> list[Record]:
    """The record and every record one relation away (`edges` are the record's own)."""
    seen: dict[int, Record] = {id(record): record}
    for edge in edges:
        seen.setdefault(id(edge.target), edge.target)
    return list(seen.values())


def closest(records: list[Record], edges_from, limit: int) -> list[Record]:
    """At most `limit` of a linked group: its most linked record and those nearest it, so what
    is drawn stays connected; in the group's order."""
    if len(records) <= limit:
        return records
    inside = {id(r) for r in records}
    start = max(records, key=lambda r: len(edges_from(r)))
    seen = {id(start): start}
    queue = deque([start])
    while queue and len(seen) < limit:
        for edge in edges_from(queue.popleft()):
            if id(edge.target) in inside and id(edge.target) not in seen and len(seen) < limit:
                seen[id(edge.target)] = edge.target
                queue.append(edge.target)
    return [r for r in records if id(r) in seen]


def connected(log: DecisionLog) -> list[Record]:
    linked = {id(e.source) for e in log.edges()} | {id(e.target) for e in log.edges()}
    return [r for r in log.records if id(r) in linked]


def legend(records: list[Record], risky: bool = False) -> str:
    statuses = sorted({r.status or "unknown" for r in records})
    extra = ' <span class="adr-status adr-status--at-risk adr-legend__risk">at risk (dashed border)</span>' if risky else ""
    return '<p class="adr-legend">' + " ".join(badge(s) for s in statuses) + extra + "</p>"


def components(records: list[Record], edges: list) -> list[list[Record]]:
    """Groups of records linked to each other, largest first: small graphs lay out fast."""
    parent = {id(r): id(r) for r in records}

    def root(key: int) -> int:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for edge in edges:
        if id(edge.source) in parent and id(edge.target) in parent:
            parent[root(id(edge.source))] = root(id(edge.target))
    groups: dict[int, list[Record]] = {}
    for record in records:
        groups.setdefault(root(id(record)), []).append(record)
    return sorted(groups.values(), key=len, reverse=True)
