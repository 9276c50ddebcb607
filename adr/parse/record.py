"""One file -> one `Record`, whatever the format; what cannot be understood becomes a diagnostic."""

from __future__ import annotations

import re
from itertools import accumulate
from pathlib import Path
from stat import S_ISREG

from adr import relations, status as statuses
from adr.dates import parse_date
from adr.errors import Diagnostic
from adr.names import digest, file_number
from adr.model import BULLETS, MADR, NYGARD, Assumption, AssumptionRef, Link, Record, Section
from adr.parse import frontmatter
from adr.parse.placeholders import first_placeholder
from adr.parse.blocks import Block
from adr.parse.outline import Outline
from adr.parse.inline import links as inline_links, plain, split_href, text_of

MAX_BYTES = 5 * 1024 * 1024
_TITLE_NUMBER = re.compile(r"^(\d{1,9})\s*[.:)]?\s+(.*)$|^(\d{1,9})\.?$")  # {1,9}: int() of 5000 digits raises
_TITLE_PREFIX = re.compile(r"^(?:architecture\s+decision\s+record|adr)\s*[-:]\s*", re.I)
_META = re.compile(r"^\s*(status|deciders|decision-makers|decision makers|date|tags|consulted|informed|review-by)\s*:\s*(.*)$", re.I | re.S)
_DATE_LINE = re.compile(r"^\s*(?:date|last updated)\s*:?\s+(.+)$", re.I)
_STATUS_LINK = re.compile(
    r"\b(superseded by|superceded by|supersedes|supercedes|amended by|amends|extended by|extends)\s+"
    r"(\[[^\]]{0,500}\]\([^)]{0,2000}\)|ADR[- ]?\d+|\d+|[\w.-]+\.md)",  # bounded: `[[[[...` stays linear
    re.I,
)
_ASSUMPTION_KEY = re.compile(r"^\s*(?:[*_]{1,2})?\[?(A\d+)\]?(?:[*_]{1,2})?\s*[:.)-]?\s*(?:[*_]{1,2}(?=\w))?\s*", re.I)
_ASSUMPTION_REF = re.compile(r"^a\d+$|^assumption-(?:a)?(\d+)$", re.I)


def read_record(path: Path) -> Record:
    """Read and parse a file; unreadable or binary files give a record with an error diagnostic.

    A record parsed from bytes keeps their digest, so the parse cache recognises the same content
    later without reading the file a second time."""
    try:
        info = path.stat()
        if not S_ISREG(info.st_mode):  # a FIFO or device named .md would block or never end
            return _unreadable(path, "not a regular file")
        size = info.st_size
        if size > MAX_BYTES:
            return _unreadable(path, f"file is too large to be an ADR ({size // 1024 // 1024} MB)")
        data = path.read_bytes()
    except OSError as exc:
        return _unreadable(path, f"cannot read file: {exc.strerror or exc}")
    if b"\0" in data:
        record = _unreadable(path, "file holds NUL bytes: binary, not Markdown")
    else:
        try:
            record = parse_record(path, data.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            record = parse_record(path, data.decode("utf-8", errors="replace"))
            record.diagnostics.insert(0, Diagnostic(str(path), line, "unreadable", "invalid UTF-8; undecodable bytes shown as \ufffd", "error"))
    record.digest = digest(data)
    return record


def _unreadable(path: Path, message: str) -> Record:
    record = Record(path=path, id=path.stem, number=file_number(path.name), title=path.stem, status="", format=NYGARD)
    record.diagnostics.append(Diagnostic(str(path), None, "unreadable", message, "error"))
    return record


def parse_record(path: Path, text: str) -> Record:
    """Parse the text of one ADR. Never raises on content: problems become diagnostics."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    where = str(path)
    diags: list[Diagnostic] = []
    fm_source, body, first_line, closed = frontmatter.split(text)
    if not closed:
        diags.append(Diagnostic(where, 1, "invalid-front-matter", "front matter opened with '---' is never closed", "error"))
    fm: dict | None = None
    if fm_source is not None:
        fm, problems = frontmatter.load(fm_source, where)
        diags.extend(problems)

    try:
        doc = Outline(body, first_line)
    except Exception as exc:  # another bug of the Markdown parser: the record, without its sections
        doc = Outline("", first_line)
        diags.append(_parser_failure(where, first_line, exc))
    record = Record(path=path, id=path.stem, number=file_number(path.name), title="", status="", format=NYGARD)
    record.body = body
    record.diagnostics = diags
    record.placeholder = first_placeholder(text)

    title = next((b for b in doc.headings if b.level == 1), None)
    _read_title(record, title, fm)
    record.sections = _sections(doc.headings, body, first_line, text.count("\n") + 1)
    preamble = _preamble(doc, title)

    bullets = _bullet_metadata(preamble)
    if fm_source is not None and closed:
        record.format = MADR
    elif bullets:
        record.format = BULLETS
    else:
        record.format = NYGARD

    if fm:
        _read_front_matter(record, fm, _front_matter_key_line(fm_source or "", "status"))
    if bullets:
        _read_bullets(record, bullets)
    if not fm and not bullets:
        _read_metadata_lines(record, preamble)
    if not record.raw_date:
        _read_date_line(record, preamble)
    status_section = record.section("status")
    if status_section is not None and not record.raw_status:
        _read_status_section(record, _section_blocks(doc, status_section))
    links_section = record.section("links", "related decisions")
    if links_section is not None:
        for block in _section_blocks(doc, links_section):
            for item in _lines_of(block):
                _read_link_line(record, item[0], item[1], loose=True)
    assumptions = record.section("assumptions")
    if assumptions is not None:
        _read_assumptions(record, _section_blocks(doc, assumptions))

    if doc.failure is not None:
        diags.append(_parser_failure(where, first_line, doc.failure))
    record.status = statuses.normalise(record.raw_status) if record.raw_status else ""
    successor = next((l for l in record.links if l.relation == relations.SUPERSEDED_BY), None)
    if not record.status and successor is not None:
        record.status, record.status_line = "superseded", successor.line
    if record.raw_date:
        record.date = parse_date(record.raw_date)
    return record


def _read_title(record: Record, heading: Block | None, fm: dict | None) -> None:
    if heading is None:
        title = str((fm or {}).get("title") or "").strip()
        record.title = title or record.path.stem
        if not title:
            record.diagnostics.append(Diagnostic(str(record.path), 1, "no-title", "no '# Title' heading; using the file name"))
        return
    record.title_line = heading.line
    title = text_of(heading.text)
    found = _TITLE_NUMBER.match(title)
    if found:
        if found.group(1):
            record.title_number, title = int(found.group(1)), found.group(2).strip()
        else:
            record.title_number, title = int(found.group(3)), ""
    title = _TITLE_PREFIX.sub("", title).strip()
    record.title = title or record.path.stem


def _parser_failure(where: str, line: int, exc: Exception) -> Diagnostic:
    return Diagnostic(where, line, "unreadable", f"the Markdown parser failed on this file ({type(exc).__name__}: {exc}); its sections are not read", "error")


def _preamble(doc: Outline, title: Block | None) -> list[Block]:
    """Blocks after the title (or from the start) up to the next heading."""
    after = title.line if title is not None else 0
    following = next((h.line for h in doc.headings if h.line > after), None)
    return doc.between(after, following - 1 if following is not None else None)


_PLUS_ONE = (1).__add__


def _sections(headings: list[Block], body: str, first_line: int, line_count: int) -> list[Section]:
    """A section per heading below the title. It ends before the next heading of its level or
    above; when none follows, before the next title (H1), else at the end of the file."""
    ends: dict[int, int] = {}
    later: list[Block] = []  # the sections after this one that may end one before it
    next_title = None
    for block in reversed(headings):
        if block.level == 1:
            next_title = block.line
            continue
        while later and later[-1].level > block.level:
            later.pop()
        ends[id(block)] = later[-1].line - 1 if later else next_title - 1 if next_title is not None else line_count
        later.append(block)
    if not ends:
        return []
    starts = [0, *accumulate(map(_PLUS_ONE, map(len, body.split("\n"))))]  # offset of each body line
    out = []
    for block in headings:
        if block.level == 1:
            continue
        end_line = ends[id(block)]
        first, last = block.end - first_line + 1, end_line - first_line + 1  # body line indexes
        span = (starts[first], max(starts[first], starts[last] - 1)) if first < last else (0, 0)
        out.append(Section(plain(block.text).rstrip(":").strip(), block.level, block.line, end_line, body, span))
    return out


def _section_blocks(doc: Outline, section: Section) -> list[Block]:
    return doc.between(section.line, section.end)


def _lines_of(block: Block) -> list[tuple[str, int]]:
    """(inline source, line) for each line of a paragraph or each item of a list."""
    if block.kind == "list":
        return [(item.text, item.line) for item in block.items]
    if block.kind == "paragraph":
        return [(line, block.line + n) for n, line in enumerate(block.text.split("\n"))]
    return []


def _bullet_metadata(preamble: list[Block]) -> list[tuple[str, str, int]]:
    """MADR 2 / log4brains: `- Status: accepted` items right under the title."""
    for block in preamble:
        if block.kind != "list":
            continue
        found = []
        for item in block.items:
            match = _META.match(item.text)
            if match:
                found.append((match.group(1).lower(), match.group(2).strip(), item.line))
        if any(key == "status" for key, _, _ in found) or len(found) >= 2:
            return found
    return []


def _is_prompt(text: str) -> bool:
    """Template text left in place of a value: `[list everyone involved in the decision]`."""
    return text.startswith("[") and text.endswith("]") and " " in text and "](" not in text


def _names(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    text = str(value).strip()
    if not text or _is_prompt(text):
        return []
    parts = re.split(r"[,;]|(?<!\s)\s+and\s+", text)  # parts are stripped; no `\s*` to backtrack over
    return [p.strip() for p in parts if p.strip()]


def _front_matter_key_line(source: str, key: str) -> int | None:
    """File line of the last top-level `key:` in the front matter (YAML keeps the last of a
    repeated key); None when it is not written as one line, e.g. inside `{...}`."""
    pattern = re.compile(rf"""^(["']?){re.escape(key)}\1\s*:""", re.I)
    found = [index for index, line in enumerate(source.split("\n")) if pattern.match(line)]
    return found[-1] + 2 if found else None  # the front matter starts on file line 2


def _read_front_matter(record: Record, fm: dict, status_line: int | None = None) -> None:
    raw_status = fm.get("status")
    if raw_status is not None:
        record.raw_status = str(raw_status)
        record.status_line = status_line
        _read_status_links(record, str(raw_status), status_line or 2)
    if fm.get("date") is not None:
        record.raw_date = str(fm["date"])  # parse_record reads the date from it
    record.decision_makers = _names(fm.get("decision-makers", fm.get("deciders")))
    record.consulted = _names(fm.get("consulted"))
    record.informed = _names(fm.get("informed"))
    record.tags = _names(fm.get("tags"))
    if fm.get("review-by") is not None:
        record.raw_review_by = str(fm["review-by"])
        record.review_by = parse_date(fm["review-by"])
    for entry in fm.get("links") or [] if isinstance(fm.get("links"), list) else []:
        if isinstance(entry, dict) and entry.get("target"):
            label = str(entry.get("relation") or "Relates to")
            record.links.append(Link(label, relations.key(label), str(entry["target"]), "", 2))


def _read_bullets(record: Record, bullets: list[tuple[str, str, int]]) -> None:
    for key, value, line in bullets:
        if key == "status":
            record.raw_status, record.status_line = plain(value), line
            _read_status_links(record, value, line)
        elif key == "date":
            record.raw_date = plain(value)
        elif key in ("deciders", "decision-makers", "decision makers"):
            record.decision_makers = _names(plain(value))
        elif key == "tags":
            text = plain(value).strip()
            record.tags = [] if _is_prompt(text) else [t for t in re.split(r"[\s,]+", text) if t and not t.startswith("[")]
        elif key in ("consulted", "informed"):
            setattr(record, key, _names(plain(value)))
        elif key == "review-by":
            record.raw_review_by = plain(value)
            record.review_by = parse_date(record.raw_review_by)


def _read_status_links(record: Record, raw: str, line: int) -> None:
    """`superseded by [x](x.md)` or `accepted; supersedes ADR-0045` inside a status value."""
    for match in _STATUS_LINK.finditer(raw):
        label, ref = match.group(1), match.group(2)
        text = ""
        if ref.startswith("["):
            text, _, href = ref[1:].partition("](")
            ref = href.rstrip(")")
        _add_link(record, label, ref, text, line)


def _add_link(record: Record, label: str, target: str, text: str, line: int) -> None:
    key = relations.key(label)
    if any(l.relation == key and l.target == target for l in record.links):
        return
    record.links.append(Link(label.strip(), key, target, text, line))


def _read_date_line(record: Record, preamble: list[Block]) -> None:
    for block in preamble:
        for text, line in _lines_of(block):
            match = _DATE_LINE.match(plain(text))
            if match:
                record.raw_date = match.group(1).strip()
                return


_PEOPLE_LINE = re.compile(r"^\s*(deciders|consulted|informed|tags)\s*:\s*(.+)$", re.I)


def _read_metadata_lines(record: Record, preamble: list[Block]) -> None:
    """Nygard: `Deciders: Ana, Bob` lines beside `Date:`, as `adr new` writes them. Split on
    commas only, so a team called "Research and Development" stays one name."""
    for block in preamble:
        if block.kind != "paragraph":
            continue
        for text, _ in _lines_of(block):
            found = _PEOPLE_LINE.match(text_of(text))
            if found:
                key = found.group(1).lower()
                values = [v.strip() for v in found.group(2).split(",") if v.strip()]
                setattr(record, "decision_makers" if key == "deciders" else key, values)


def _read_status_section(record: Record, section_blocks: list[Block]) -> None:
    for block in section_blocks:
        for text, line in _lines_of(block):
            if not text.strip():
                continue
            if not _read_link_line(record, text, line) and not record.raw_status:
                record.raw_status, record.status_line = plain(text), line


_LABEL = re.compile(r"^[\W_]*([A-Za-z][\w -]{0,40}?)[\s:]*$", re.U)


def _read_link_line(record: Record, text: str, line: int, loose: bool = False) -> bool:
    """`Label [text](href)`: a relation. Returns whether the line was one."""
    found = inline_links(text)
    if not found:
        return False
    label_match = _LABEL.match(found[0].before)
    if not label_match:
        if loose:
            for link in found:
                if _is_local(link.href):
                    _add_link(record, "Relates to", link.href, link.text, line)
            return True
        return False
    label = label_match.group(1).strip()
    for link in found:
        if _is_local(link.href):
            _add_link(record, label, link.href, link.text, line)
    return True


def _is_local(href: str) -> bool:
    return bool(href) and "://" not in href and not href.startswith(("#", "mailto:"))


def _read_assumptions(record: Record, section_blocks: list[Block]) -> None:
    count = 0
    for block in section_blocks:
        if block.kind != "list":
            continue
        for item in block.items:
            refs = [l for l in inline_links(item.text) if _assumption_fragment(l.href)]
            if refs:
                for ref in refs:
                    target, fragment = split_href(ref.href)
                    note = plain(item.text.split(")", 1)[-1]).lstrip(" :—-")
                    record.invalidates.append(AssumptionRef(target, _assumption_fragment(ref.href), note, item.line))
                continue
            count += 1
            match = _ASSUMPTION_KEY.match(item.text)  # on the source: `\*\*` after the key is text
            key = f"A{count}"
            text = text_of(item.text)
            if match and match.group(1):
                key = match.group(1).upper()
                text = text_of(item.text[match.end() :])
            if text:
                record.assumptions.append(Assumption(key, text, item.line))


def _assumption_fragment(href: str) -> str:
    """`0003-x.md#a2` -> `A2`; empty when the link is not to an assumption."""
    _, fragment = split_href(href)
    match = _ASSUMPTION_REF.match(fragment or "")
    if not match:
        return ""
    return f"A{match.group(1)}" if match.group(1) else fragment.upper()
