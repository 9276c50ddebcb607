"""Records as plain data (for `adr list --format json` and other tools)."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from adr.store.log import DecisionLog
from adr.model import Record


@functools.lru_cache(maxsize=256)
def _relative_folder(folder: str, base: str) -> str:
    """`relpath` once per folder: thousands of records share a few."""
    try:
        return os.path.relpath(folder or ".", base)
    except ValueError:  # another drive on Windows
        return folder


@functools.lru_cache(maxsize=1 << 16)
def _shown(path: str, base: str) -> str:
    """A record's path relative to `base`, once per path: each is also the target of other records' links."""
    folder, name = os.path.split(path)
    relative = _relative_folder(folder, base)
    return name if relative == "." else os.path.join(relative, name)


def record_data(log: DecisionLog, record: Record, at_risk: bool = False, base: Path | None = None) -> dict:
    here = os.fspath(base or Path.cwd())
    links = [
        {"relation": edge.relation, "label": edge.label, "target": _shown(os.fspath(edge.target.path), here), "explicit": edge.explicit}
        for edge in log.edges_from(record)
    ]
    for link in log.unresolved_links(record):
        links.append({"relation": link.relation, "label": link.label, "target": link.target, "explicit": True, "broken": True})
    return {
        "number": record.number,
        "id": record.id,
        "title": record.title,
        "status": record.status or None,
        "at_risk": at_risk,
        "date": record.date.isoformat() if record.date else None,
        "path": _shown(os.fspath(record.path), here),
        "format": record.format,
        "tags": record.tags,
        "decision_makers": record.decision_makers,
        "consulted": record.consulted,
        "informed": record.informed,
        "review_by": record.review_by.isoformat() if record.review_by else None,
        "links": links,
        # successors that take its place once accepted: until then this record keeps its status
        "pending_successors": [_shown(os.fspath(r.path), here) for r in log.pending_successors(record)],
        "assumptions": [{"key": a.key, "text": a.text} for a in record.assumptions],
    }
