"""The text of a new record, from the built-in templates or a user's template."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import yaml

from adr.write import templates


@dataclass
class NewRecord:
    number: int
    title: str
    date: dt.date | str
    status: str = "Accepted"
    tags: list[str] = field(default_factory=list)
    decision_makers: list[str] = field(default_factory=list)
    consulted: list[str] = field(default_factory=list)
    informed: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)


_MARKUP = re.compile(r"([\\`*_\[\]#])")


def inline_text(text: str) -> str:
    """User text as inline Markdown that shows exactly that text: no HTML, link or emphasis.

    Entities for `& < >` and backslashes for the rest, both read by CommonMark and Python-Markdown.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKUP.sub(r"\\\1", text)


def fill(template: str, record: NewRecord) -> str:
    """adr-tools' placeholders: the first NUMBER, TITLE, DATE and STATUS on each line."""
    out = []
    values = (("NUMBER", str(record.number)), ("TITLE", inline_text(record.title)), ("DATE", str(record.date)), ("STATUS", record.status))
    for line in template.split("\n"):
        for name, value in values:
            line = line.replace(name, value, 1)
        out.append(line)
    return "\n".join(out)


def front_matter(record: NewRecord) -> str:
    date: object = record.date
    try:
        date = dt.date.fromisoformat(str(record.date))
    except ValueError:
        pass
    data: dict = {"status": record.status.lower(), "date": date}
    data["decision-makers"] = list(record.decision_makers)
    data["consulted"] = list(record.consulted)
    data["informed"] = list(record.informed)
    data["tags"] = list(record.tags)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000)
    return f"---\n{text}---\n"


def nygard(record: NewRecord, template: str | None = None, first: bool = False) -> str:
    return fill(template or (templates.NYGARD_FIRST if first else templates.NYGARD), record)


def madr(record: NewRecord, template: str | None = None, first: bool = False) -> str:
    if template is not None:
        return fill(template, record)
    body = fill(templates.MADR_FIRST_BODY if first else templates.MADR_BODY, record)
    if record.assumptions:
        lines = [f"- A{n}: {inline_text(text)}" for n, text in enumerate(record.assumptions, 1)]
        old = [l for l in body.split("\n") if l.startswith("- A1: ")][:1]  # the template's example or first item
        body = body.replace(old[0], "\n".join(lines)) if old else body
    return front_matter(record) + body
