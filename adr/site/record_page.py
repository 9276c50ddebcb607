"""One page per decision: who decided what and when, whether it is still in force, and why."""

from __future__ import annotations

import re

from adr.report.generate import heading
from adr.report.insights import RETIRED, REVIEW, SUPERSEDED, AssumptionState
from adr.model import NYGARD, Record
from adr.relations import shown_label
from adr.site.context import SiteContext
from adr.site.escape import html_text, html_text_with_code, md_text, meta_string
from adr.site.fragments import badge, chips, names, risk_badge, state_badge
from adr.site.graph import MAX_NEIGHBOURS, mermaid_block, neighbours
from adr.status import INACTIVE
from adr.words import counted

_H1 = re.compile(r"\A\s*(?:#[ \t]+[^\n]*|[^\n]+\n=+[ \t]*)(?:\n|\Z)")


def front_matter(title: str, tags: list[str]) -> str:
    lines = ["---", f"title: {meta_string(title)}"]
    if tags:
        lines.append("tags: [" + ", ".join(meta_string(t) for t in tags) + "]")
    return "\n".join(lines + ["---", ""])


def header(ctx: SiteContext, record: Record) -> str:
    top = [badge(record.status)]
    if ctx.at_risk(record):
        top.append(risk_badge(ctx.risk_reason(record)))
    if record.date:
        top.append(f'<span class="adr-date">{record.date.isoformat()}</span>')
    elif record.raw_date:
        top.append(f'<span class="adr-date">{html_text(record.raw_date)}</span>')
    folder = ctx.layout.folder_title(record)
    if folder:
        top.append(f'<span class="adr-folder">{html_text(folder)}</span>')
    if record.review_by:
        top.append(f'<span class="adr-review">review by {record.review_by.isoformat()}</span>')
    people = []
    for label, values in (("Decision-makers", record.decision_makers), ("Consulted", record.consulted), ("Informed", record.informed)):
        if values:
            people.append(f"<dt>{label}</dt> <dd>{names(values)}</dd> ")
    parts = [f'<div class="adr-header__line">{" ".join(top)}</div>']
    if people:
        parts.append(f'<dl class="adr-people">{"".join(people)}</dl>')
    if record.tags and not ctx.options.material_tags:
        parts.append(f'<div class="adr-tags">{chips(record.tags)}</div>')
    return f'<div class="adr-header">{" ".join(parts)}</div>'


def supersede_path(ctx: SiteContext, record: Record) -> list[Record]:
    """record -> ... -> the first record now in force, along superseded-by links."""
    paths = [[record]]
    seen = {id(record)}
    while paths:
        path = paths.pop(0)
        later = [r for r in ctx.log.replaced_by(path[-1]) if id(r) not in seen]
        if not later and len(path) > 1:
            return path
        for nxt in later:
            seen.add(id(nxt))
            paths.append([*path, nxt])
    return [record]


def banner(ctx: SiteContext, record: Record, src: str) -> str:
    inactive = record.status in INACTIVE or ctx.log.replaced_by(record)
    pending = ctx.log.pending_successors(record)
    if not inactive:
        return successors_not_in_force(ctx, record, pending, src)
    status = record.status or "superseded"
    text = f"This decision is <strong>{html_text(status)}</strong>."
    in_force = ctx.log.in_force(record)
    if in_force:
        text += " In force now: " + ", ".join(ctx.link(src, r) for r in in_force) + "."
        path = supersede_path(ctx, record)
        if len(path) > 2:
            text += " Chain: " + " → ".join(ctx.link(src, r) for r in path) + "."
    elif pending:
        text += f" {proposed_successors(ctx, pending, src)}."
    elif status == "rejected":
        text += " It was never put in force."
    else:
        text += " No recorded decision replaces it."
    return f'<div class="adr-banner adr-banner--{html_text(status)}">{text}</div>'


def proposed_successors(ctx: SiteContext, pending: list[Record], src: str) -> str:
    names = ", ".join(ctx.link(src, r) for r in pending)
    return f"A proposed successor: {names}" if len(pending) == 1 else f"Proposed successors: {names}"


def successors_not_in_force(ctx: SiteContext, record: Record, pending: list[Record], src: str) -> str:
    """For a decision a record proposes to supersede (or proposed to, and was rejected): the
    reader sees the successor without being told this one is replaced."""
    if pending:
        then = "It replaces this decision once it is accepted." if len(pending) == 1 else "Whichever is accepted replaces this decision."
        text = f"{proposed_successors(ctx, pending, src)}. {then}"
        return f'<div class="adr-banner adr-banner--pending">{text}</div>'
    rejected = [r for r in ctx.log.superseded_by(record) if r.status == "rejected"]
    if rejected:
        names = ", ".join(ctx.link(src, r) for r in rejected)
        return f'<div class="adr-banner adr-banner--pending">Proposed to supersede this decision, and rejected: {names}.</div>'
    return ""


def risk_box(ctx: SiteContext, record: Record, src: str) -> str:
    risk = ctx.risks.get(record.path)
    if risk is None:
        return ""
    cause = risk.cause
    why = f"Assumption <strong>{html_text(cause.assumption.key)}</strong> of {ctx.link(src, cause.record)} "
    if cause.state == SUPERSEDED:
        why += "no longer holds"
        if cause.by:
            why += ", says " + ", ".join(ctx.link(src, r) for r in cause.by)
    else:
        why += f"was due for review on {cause.record.review_by}"
    chain = ""
    if len(risk.chain) > 1:
        chain = ' <span class="adr-chain">Chain: ' + " → ".join(ctx.link(src, r) for r in risk.chain) + "</span>"
    return f'<div class="adr-banner adr-banner--at-risk"><strong>At risk.</strong> {why}.{chain}</div>'


def state_text(ctx: SiteContext, state: AssumptionState, src: str, after_badge: bool = False) -> str:
    """Why an assumption is in its state, in the words `adr review` uses: a later decision does
    not supersede an assumption, it says the assumption no longer holds. `after_badge`: the
    badge beside it already says "no longer holds"."""
    if state.state == SUPERSEDED:
        says = ", ".join(ctx.link(src, r) for r in state.by)
        text = ("says " + says if says else "") if after_badge else "no longer holds" + (", says " + says if says else "")
        if state.since:
            text += f" (since {state.since.isoformat()})"
        return text.strip()
    if state.state == RETIRED:
        text = "superseded"
        if state.by:
            text += " by " + ", ".join(ctx.link(src, r) for r in state.by)
        if state.since:
            text += f" on {state.since.isoformat()}"
        return text
    if state.state == REVIEW:
        since = f"since {state.since.isoformat()}" if state.since else ""
        return since if after_badge else f"due for review {since}".strip()  # the badge says "due for review"
    return "holds"


def assumptions_box(ctx: SiteContext, record: Record, src: str) -> str:
    states = ctx.states_by_record.get(id(record), [])
    if not states:
        return ""
    rows = "".join(
        f'<li class="adr-assumption adr-assumption--{s.state}" id="{html_text(s.assumption.key.lower())}"><strong>{html_text(s.assumption.key)}</strong> '
        f"{html_text_with_code(s.assumption.text)} — {state_badge(s.state)} {state_text(ctx, s, src, after_badge=True) if s.state != 'holds' else ''}</li>"
        for s in states
    )
    return f'<div class="adr-box"><p class="adr-box__title">Assumptions today</p><ul>{rows}</ul></div>'


def relations(ctx: SiteContext, record: Record, src: str) -> str:
    edges = ctx.edges_from(record)
    if not edges:
        return ""
    items = "".join(
        f'<li><span class="adr-relation">{html_text(shown_label(e.label))}</span> <span>{ctx.link(src, e.target)} {badge(e.target.status)}'
        + ("" if e.explicit else ' <span class="adr-inferred" title="the other record names this relation">(from the other record)</span>')
        + "</span></li>"
        for e in edges
    )
    return f'## Related decisions\n\n<ul class="adr-relations">{items}</ul>\n'


def neighbour_graph(ctx: SiteContext, record: Record, src: str) -> str:
    """The record and the decisions one relation away, at most MAX_NEIGHBOURS of them: the list
    above names every one."""
    near = neighbours(record, ctx.edges_from(record))
    drawn = near[: MAX_NEIGHBOURS + 1]
    edges = [e for r in drawn for e in ctx.edges_from(r) if e.source is record or e.target is record]
    more = len(near) - len(drawn)
    left_out = f"{counted(more, 'more related decision')}, listed above, {'is' if more == 1 else 'are'} not drawn." if more else ""
    return mermaid_block(ctx.log, ctx.layout, drawn, src, ctx.options.colours, focus=record, edges=edges, at_risk=set(ctx.risks), left_out=left_out)


def source_line(ctx: SiteContext, record: Record) -> str:
    label = ctx.options.source_label(record) if callable(ctx.options.source_label) else record.path.name
    line = f"Source: <code>{html_text(label)}</code>"
    edit = ctx.options.edit_url(record) if callable(ctx.options.edit_url) else None
    if edit:
        line += f' · <a class="adr-edit" href="{html_text(edit)}">Edit this record</a>'
    history = ctx.options.history(record) if callable(ctx.options.history) else None
    created = getattr(history, "created", None)
    last = getattr(history, "last", None)
    if created:
        line += f" · created {created.commit.date.date().isoformat()} by {html_text(created.commit.author)}"
    if last:
        line += f" · last changed {last.commit.date.date().isoformat()}"
    return f'<p class="adr-source">{line}</p>'


_SHOWN_LINE = re.compile(r"^\s*(date|deciders|consulted|informed|tags)\s*:", re.I)


def without_shown_metadata(body: str, record: Record) -> str:
    """A Nygard body without the `Date:` and `Deciders:` lines before its first section, when
    the page's header already shows what they say (MADR keeps them in front matter instead)."""
    if record.format != NYGARD:
        return body
    shown = {"date": record.date, "deciders": record.decision_makers, "consulted": record.consulted,
             "informed": record.informed, "tags": record.tags}
    lines = body.split("\n")
    end = next((i for i, line in enumerate(lines) if line.startswith("#")), len(lines))
    kept = [line for line in lines[:end] if not ((m := _SHOWN_LINE.match(line)) and shown[m.group(1).lower()])]
    preamble = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")
    rest = "\n".join(lines[end:])
    return f"{preamble}\n\n{rest}" if preamble else rest


def record_page(ctx: SiteContext, record: Record) -> str:
    src = ctx.layout.record(record)
    body = without_shown_metadata(_H1.sub("", record.body, count=1).strip("\n"), record)
    parts = [
        front_matter(heading(record), record.tags),
        f"# {md_text(heading(record))}\n",
        header(ctx, record) + "\n",
    ]
    for block in (banner(ctx, record, src), risk_box(ctx, record, src), assumptions_box(ctx, record, src)):
        if block:
            parts.append(block + "\n")
    parts.append(ctx.record_markdown(body, record, src) + "\n")
    rel = relations(ctx, record, src)
    if rel:
        parts.append(rel)
        if ctx.options.graph:
            parts.append(neighbour_graph(ctx, record, src) + "\n")
    parts.append(source_line(ctx, record) + "\n")
    return "\n".join(parts)
