"""Small, targeted edits to an existing record's text: its status and its links.

Each function takes the text and the parsed record (for line numbers) and returns new text,
touching only the lines it must, so hand-written records keep their layout.
"""

from __future__ import annotations

import re

import yaml

from adr.model import BULLETS, MADR, NYGARD, Record


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _fm_end(lines: list[str]) -> int:
    """Index of the closing `---` of the front matter."""
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return index
    return 0


def _title_index(record: Record, lines: list[str]) -> int:
    if record.title_line:
        return record.title_line - 1
    return _fm_end(lines) + 1 if lines and lines[0].startswith("---") else 0


def set_status(text: str, record: Record, status: str, link_markdown: str | None = None) -> str:
    """Replace the status; `link_markdown` (`[2. X](0002-x.md)`) is kept with a superseded status."""
    lines = _lines(text)
    shown = status.capitalize() if record.format == NYGARD else status.lower()
    if record.format == MADR:
        end = _fm_end(lines)
        for index in range(1, end):
            if re.match(r"^status\s*:", lines[index], re.I):
                value = shown + kept_relations(record.raw_status, status)
                lines[index] = yaml.safe_dump({"status": value}, allow_unicode=True, width=1000).strip()
                # drop continuation lines of a multi-line value
                while index + 1 < end and lines[index + 1].startswith((" ", "\t")):
                    del lines[index + 1]
                    end -= 1
                return "\n".join(lines)
        lines.insert(1, yaml.safe_dump({"status": shown}, allow_unicode=True, width=1000).strip())
        return "\n".join(lines)
    if record.format == BULLETS:
        for index, line in enumerate(lines):
            match = re.match(r"^(\s*[-*+]\s*status\s*:\s*)", line, re.I)
            if match:
                value = f"{shown} by {link_markdown}" if link_markdown and status == "superseded" else shown
                lines[index] = match.group(1) + value
                return "\n".join(lines)
    return _set_nygard_status(lines, record, shown)


_SEPARATED_RELATION = re.compile(r"[;,]\s*((?:supersedes|supercedes|amends|amended by|extends|extended by)\b.*)$", re.I)


def kept_relations(raw_status: str, status: str) -> str:
    """`; supersedes ADR-0045` of `accepted; supersedes ADR-0045`: a relation written inside the
    status value outlives a change of the status (a `superseded by` goes with its status)."""
    found = _SEPARATED_RELATION.search(raw_status or "")
    return f"; {found.group(1).strip()}" if found else ""


def _set_nygard_status(lines: list[str], record: Record, shown: str) -> str:
    section = record.section("status")
    if section is None:
        insert_at = _title_index(record, lines) + 1
        block = ["", "## Status", "", shown]
        # after a Date: line when there is one
        for index in range(insert_at, min(insert_at + 6, len(lines))):
            if re.match(r"^\s*date\s*:?\s", lines[index], re.I):
                insert_at = index + 1
        lines[insert_at:insert_at] = block
        return "\n".join(lines)
    start, end = section.line, section.end  # heading at start-1 (0-based); content lines start..end-1
    index = start
    while index < end and not lines[index].strip():
        index += 1
    status_line = None
    while index < end:
        if lines[index].strip() and not _is_link_line(lines[index]):
            status_line = index
            break
        index += 1
    if status_line is not None:
        stop = status_line
        while stop + 1 < end and lines[stop + 1].strip() and not _is_link_line(lines[stop + 1]):
            stop += 1
        lines[status_line : stop + 1] = [shown]
    else:
        lines[start:start] = ["", shown]
    return "\n".join(lines)


def remove_status(text: str, record: Record, status: str) -> str:
    """adr-tools' way of superseding: drop the status paragraph when it reads `status` exactly."""
    lines = _lines(text)
    section = record.section("status")
    if section is None:
        return text
    for index in range(section.line, section.end):
        if lines[index].strip().lower() == status.lower():
            del lines[index]
            if index < len(lines) and not lines[index].strip() and index > 0 and not lines[index - 1].strip():
                del lines[index]
            break
    return "\n".join(lines)


def _is_link_line(line: str) -> bool:
    return bool(re.match(r"^[\W_]*[A-Za-z][\w -]{0,40}?\s*:?\s*\[[^\]]*\]\([^)]*\)", line.strip()))


def add_link(text: str, record: Record, label: str, link_markdown: str) -> str:
    """Add `Label [text](href)` where the record's format keeps links."""
    lines = _lines(text)
    entry = f"{label} {link_markdown}"
    if record.format == NYGARD:
        section = record.section("status")
        if section is None:
            text = _set_nygard_status(lines, record, record.raw_status or "Accepted")
            from adr.parse import parse_record  # re-read the new layout

            again = parse_record(record.path, text)
            if again.section("status") is None:  # e.g. the whole file is an unclosed code block
                from adr.errors import AdrError

                raise AdrError("cannot add a link: no place for a '## Status' section (unclosed code block?)", record.path)
            return add_link(text, again, label, link_markdown)
        end = section.end
        while end > section.line and not lines[end - 1].strip():
            end -= 1
        lines[end:end] = ["", entry]
        # keep exactly one blank line before the next heading
        after = end + 2
        if after < len(lines) and lines[after].strip():
            lines.insert(after, "")
        return "\n".join(lines)
    section = record.section("links")
    if section is not None:
        end = section.end
        while end > section.line and not lines[end - 1].strip():
            end -= 1
        lines.insert(end, f"- {entry}")
        return "\n".join(lines)
    first = at = _title_index(record, lines) + 1
    if record.format == BULLETS:  # after the `- Status:` items, before the blank lines that end them
        while at < len(lines) and (not lines[at].strip() or re.match(r"^\s*[-*+]\s", lines[at])):
            at += 1
        while at > first and not lines[at - 1].strip():
            at -= 1
    lines[at:at] = ["", "## Links", "", f"- {entry}"]
    if at + 4 < len(lines) and lines[at + 4].strip():
        lines.insert(at + 4, "")
    return "\n".join(lines)


def add_list_item(text: str, record: Record, section_title: str, item: str) -> str:
    """Append `- item` to a section's list, creating the section at the end when missing.

    A placeholder item left from the template (`- A1: (an assumption ...`) is replaced.
    """
    lines = _lines(text)
    section = record.section(section_title)
    if section is None:
        while lines and not lines[-1].strip():
            lines.pop()
        lines += ["", f"## {section_title}", "", f"- {item}", ""]
        return "\n".join(lines)
    for index in range(section.line, section.end):
        if re.match(r"^- A\d+: \(", lines[index]):
            lines[index] = f"- {item}"
            return "\n".join(lines)
    end = section.end
    while end > section.line and not lines[end - 1].strip():
        end -= 1
    lines.insert(end, f"- {item}")
    return "\n".join(lines)


def upgrade_date(text: str, raw_date: str, iso: str) -> str:
    """Replace a dd/mm/yyyy date on its `Date` line with ISO."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if raw_date in line and re.match(r"^\s*[-*]?\s*\**date\b", line, re.I):
            lines[index] = line.replace(raw_date, iso, 1)
            break
    return "\n".join(lines)
