"""Reports for a docs tool chain: a table of contents and the decision graph (dot or Mermaid)."""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

from adr.store.log import DecisionLog, drawn_edges
from adr.model import Record
from adr.relations import reverse_key, shown_label


def heading(record: Record) -> str:
    """The title as adr-tools shows it: `12. Use X` where a number exists. The file's number
    comes first, as in `adr list`: a file renamed without its title (`030-x.md` titled `29 X`)
    must not show as 29 beside the real 29 (`adr check` reports the stale title)."""
    number = record.number if record.number is not None else record.title_number
    return f"{number}. {record.title}" if number is not None else record.title


def toc(log: DecisionLog, intro: str = "", outro: str = "", prefix: str = "") -> str:
    lines = ["# Architecture Decision Records", ""]
    if intro.strip():
        lines += [intro.rstrip("\n"), ""]
    for record in log.records:
        lines.append(f"* [{_link_text(heading(record))}]({_toc_link(log, record, prefix)})")
    if outro.strip():
        lines += ["", outro.rstrip("\n")]
    return "\n".join(lines) + "\n"


def _toc_link(log: DecisionLog, record: Record, prefix: str) -> str:
    """Where a record is seen from the first log folder, as adr-tools links (`-p` says where that
    folder is from the toc). A package's record of a multi-folder log is outside it: `../../packages/…`,
    shortened when the prefix is a folder path (`docs/adr/` + `../../packages/…` -> `packages/…`)."""
    folder = log.folder_of(record)
    if folder == log.root:
        return prefix + record.path.relative_to(folder).as_posix()
    rel = Path(os.path.relpath(log.real(record.path), log.real(log.root))).as_posix()
    if prefix and (not prefix.endswith("/") or "://" in prefix):
        return prefix + rel
    return posixpath.normpath(prefix + rel)


def _link_text(text: str) -> str:
    """A title as Markdown link text: it cannot end the link or become HTML."""
    from adr.markdown_text import html_safe

    return re.sub(r"([\\\[\]])", r"\\\1", html_safe(" ".join(text.split())))


def node_id(record: Record) -> str:
    if record.number is not None:
        return f"_{record.number}"
    return "_" + re.sub(r"\W", "_", record.id)


def dot(log: DecisionLog, prefix: str = "", extension: str = ".html") -> str:
    """The same graph adr-tools draws, byte for byte: a dotted chain in file order plus the forward
    links, their labels as written."""
    out = ["digraph {", "  node [shape=plaintext];", "  subgraph {"]
    previous = None
    for record in log.records:
        title = heading(record).replace("\\", "\\\\").replace('"', '\\"')
        out.append(f'    {node_id(record)} [label="{title}"; URL="{prefix}{record.path.stem}{extension}"];')
        if previous is not None:
            out.append(f'    {node_id(previous)} -> {node_id(record)} [style="dotted", weight=1];')
        previous = record
    out.append("  }")
    for edge in log.edges():
        if edge.explicit and not edge.relation.endswith("-by"):
            label = edge.label.replace("\\", "\\\\").replace('"', '\\"')
            out.append(f'  {node_id(edge.source)} -> {node_id(edge.target)} [label="{label}", weight=0]')
    out.append("}")
    return "\n".join(out) + "\n"


def mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label: no quote, bracket or markup can end it early."""
    text = " ".join(text.split())
    return _MERMAID_SPECIAL.sub(lambda m: _MERMAID_ENTITIES[m.group(0)], text)  # one pass: `;` of `#amp;` stays


_MERMAID_ENTITIES = {
    "#": "#35;", "&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "[": "#91;", "]": "#93;", "(": "#40;", ")": "#41;",
    "{": "#123;", "}": "#125;", "|": "#124;", ";": "#59;", "`": "#96;",
}
_MERMAID_SPECIAL = re.compile("[" + re.escape("".join(_MERMAID_ENTITIES)) + "]")


def mermaid(log: DecisionLog, prefix: str = "", extension: str = ".html", records: list[Record] | None = None, url_for=None, status_classes: bool = True) -> str:
    """A Mermaid flowchart of the relations; `url_for(record)` gives each node's link."""
    chosen = records if records is not None else log.records
    ids = {id(r): f"n{i}" for i, r in enumerate(chosen)}
    out = ["flowchart LR"]
    for record in chosen:
        out.append(f'  {ids[id(record)]}["{mermaid_text(heading(record))}"]')
    drawn = set()
    for edge in drawn_edges(log.edges()):
        if id(edge.source) not in ids or id(edge.target) not in ids:
            continue
        pair = (id(edge.source), edge.relation, id(edge.target))
        if reverse_key(edge.relation) == edge.relation:  # relates-to is its own back side: one arrow per pair
            pair = (min(id(edge.source), id(edge.target)), edge.relation, max(id(edge.source), id(edge.target)))
        if pair in drawn:
            continue
        drawn.add(pair)
        out.append(f'  {ids[id(edge.source)]} -->|"{mermaid_text(shown_label(edge.label))}"| {ids[id(edge.target)]}')
    for record in chosen:
        url = url_for(record) if url_for else f"{prefix}{record.path.stem}{extension}"
        out.append(f'  click {ids[id(record)]} href "{mermaid_text(url)}"')
        if status_classes:
            out.append(f"  class {ids[id(record)]} st-{re.sub(r'[^a-z0-9]', '-', record.status or 'unknown')}")
    return "\n".join(out) + "\n"
