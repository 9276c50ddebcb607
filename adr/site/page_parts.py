"""Pieces the overview pages share: the title with its front matter, a record as a list item."""

from __future__ import annotations

from adr.model import Record
from adr.site.context import SiteContext
from adr.site.escape import md_text, meta_string
from adr.site.fragments import badge, risk_badge


def title_block(title: str, intro: str = "") -> str:
    text = f"---\ntitle: {meta_string(title)}\n---\n\n# {md_text(title)}\n"
    return text + (f"\n{intro}\n" if intro else "")


def item(ctx: SiteContext, src: str, record: Record, extra: str = "") -> str:
    risk = (" " + risk_badge(ctx.risk_reason(record))) if ctx.at_risk(record) else ""
    return f"<li>{ctx.link(src, record)} {badge(record.status)}{risk}{extra}</li>"
