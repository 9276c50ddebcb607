"""The text of a new record, from the built-in templates or a user's template."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import yaml

from adr.edit import templates
from adr.markdown_text import inline_text


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


def fill(template: str, record: NewRecord) -> str:
    """adr-tools' placeholders: the first NUMBER, TITLE, DATE and STATUS on each line."""
    out = []
    values = (("NUMBER", str(record.number)), ("TITLE", inline_text(record.title)), ("DATE", str(record.date)), ("STATUS", record.status))
    for line in template.split("\n"):
        for name, value in values:
            line = line.replace(name, value, 1)
        out.append(line)
    return "\n".join(out)


def titled(text: str, template: str, record: NewRecord) -> str:
    """A template without adr-tools' TITLE (log4brains', MADR's `# {short title ...}`) gets
    the title in its first heading, so the record does not read back as the placeholder."""
    if "TITLE" in template:
        return text
    lines = text.split("\n")
    body = _after_front_matter(lines)
    heading = next((i for i, line in enumerate(lines) if i >= body and line.startswith("# ")), None)
    if heading is None:
        return text
    lines[heading] = f"# {inline_text(record.title)}"
    values = {"status": record.status.lower(), "date": str(record.date)}
    for key, names in (("deciders", record.decision_makers), ("consulted", record.consulted), ("informed", record.informed), ("tags", record.tags)):
        if names:  # else the prompt stays, for the author to fill in or delete
            values[key] = ", ".join(inline_text(n) for n in names)
    for i, line in enumerate(lines):  # MADR 2's `- Status: [draft | proposed | ...]`
        found = _LIST_PLACEHOLDER.match(line)
        if found and i > heading and found.group(2).lower() in values:
            lines[i] = f"{found.group(1)}{values[found.group(2).lower()]}"
    return "\n".join(lines)


_LIST_PLACEHOLDER = re.compile(r"^([-*]\s+(status|date|deciders|consulted|informed|tags):\s*)\[.*$", re.I)


def _after_front_matter(lines: list[str]) -> int:
    """The index of the first body line: YAML comments (`# Keep this`) are no headings."""
    if not lines or lines[0].strip() != "---":
        return 0
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
    return end + 1 if end is not None else 0


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
    text = fill(template or (templates.NYGARD_FIRST if first else templates.NYGARD), record)
    text = titled(text, template, record) if template is not None else text
    return with_assumptions(with_metadata_lines(text, record), record.assumptions)


def madr(record: NewRecord, template: str | None = None, first: bool = False) -> str:
    if template is not None:
        return titled(fill(template, record), template, record)
    body = fill(templates.MADR_FIRST_BODY if first else templates.MADR_BODY, record)
    return front_matter(record) + with_assumptions(body, record.assumptions)


def metadata_lines(record: NewRecord) -> list[str]:
    """`Deciders: Ana, Bob`: the people and tags of a Nygard record, one paragraph each, read
    back like its `Date:` line. adr-tools keeps no such data and ignores these lines."""
    fields = (("Deciders", record.decision_makers), ("Consulted", record.consulted), ("Informed", record.informed), ("Tags", record.tags))
    return [f"{name}: {', '.join(inline_text(v) for v in values)}" for name, values in fields if values]


def with_metadata_lines(text: str, record: NewRecord) -> str:
    """`text` with the metadata lines after its `Date:` line, else after its title."""
    extra = metadata_lines(record)
    if not extra:
        return text
    lines = text.split("\n")
    anchor = next((i for i, l in enumerate(lines) if l.lower().startswith("date:")), None)
    if anchor is None:
        anchor = next((i for i, l in enumerate(lines) if l.startswith("# ")), -1)
    block = [line for item in extra for line in ("", item)]
    return "\n".join([*lines[: anchor + 1], *block, *lines[anchor + 1 :]])


def with_assumptions(text: str, assumptions: list[str]) -> str:
    """`text` with `- A1: ...` items in its Assumptions section, which is added before the
    Decision section when the template has none (the Nygard templates)."""
    if not assumptions:
        return text
    items = [f"- A{n}: {inline_text(a)}" for n, a in enumerate(assumptions, 1)]
    lines = text.split("\n")
    example = next((i for i, l in enumerate(lines) if l.startswith("- A1: ")), None)  # the template's example
    if example is not None:
        return "\n".join([*lines[:example], *items, *lines[example + 1 :]])
    heading = next((i for i, l in enumerate(lines) if l.strip().lower() == "## assumptions"), None)
    if heading is not None:
        return "\n".join([*lines[: heading + 1], "", *items, *lines[heading + 1 :]])
    section = ["## Assumptions", "", *items, ""]
    decision = next((i for i, l in enumerate(lines) if l.strip().lower() == "## decision"), None)
    if decision is None:
        return text.rstrip("\n") + "\n\n" + "\n".join(section).rstrip("\n") + "\n"
    return "\n".join([*lines[:decision], *section, *lines[decision:]])
