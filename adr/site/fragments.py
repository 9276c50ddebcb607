"""Small HTML pieces every page shares: status badges, tag chips, links to a record."""

from __future__ import annotations

import re

from adr.report.generate import heading
from adr.model import Record
from adr.parse.inline import plain
from adr.site.escape import css_ident, html_text

_CODE_SPAN = re.compile(r"(`[^`\n]+`)")


def status_name(record: Record) -> str:
    return record.status or "unknown"


def badge(status: str, extra: str = "") -> str:
    """A coloured pill; the colour comes from the `adr-status--<status>` class."""
    label = status or "unknown"
    return f'<span class="adr-status adr-status--{css_ident(label)}{(" " + extra) if extra else ""}">{html_text(label)}</span>'


def risk_badge(why: str = "") -> str:
    """The "at risk" pill; `why` (plain text) shows on hover."""
    title = f' title="{html_text(why)}"' if why else ""
    return f'<span class="adr-status adr-status--at-risk"{title}>at risk</span>'


# What an assumption's state is called on every page (insights says superseded | review | retired | holds).
STATE_NAMES = {"superseded": "no longer holds", "review": "due for review", "retired": "retired with its decision", "holds": "holds"}


def state_badge(state: str) -> str:
    return badge(STATE_NAMES.get(state, state))


def chips(values: list[str], kind: str = "tag") -> str:
    return " ".join(f'<span class="adr-chip adr-chip--{kind}">{html_text(v)}</span>' for v in values)


def record_link(record: Record, href: str) -> str:
    return f'<a href="{html_text(href)}">{html_text(heading(record))}</a>'


def names(values: list[str]) -> str:
    return ", ".join(html_text(v) for v in values)


def prose(markdown: str) -> str:
    """One line of a record's Markdown as safe HTML: plain text, code spans kept as code."""
    out = []
    for part in _CODE_SPAN.split(markdown):
        if len(part) > 1 and part.startswith("`") and part.endswith("`"):
            out.append(f"<code>{html_text(part[1:-1])}</code>")
        elif any(mark in part for mark in "[*_"):  # links and emphasis: keep their text
            out.append(html_text(_keep_spaces(part, plain(part))))
        else:
            out.append(html_text(part))
    return "".join(out)


def _keep_spaces(original: str, text: str) -> str:
    lead = original[: len(original) - len(original.lstrip())]
    trail = original[len(original.rstrip()) :]
    return lead + text.strip() + trail
