"""Record text too costly for Python-Markdown to render, recognised in linear time and shown as written.

A pull request's author controls every record's text, and MkDocs renders it with Python-Markdown,
which is not linear on hostile input (measured: `"[a" * 50000` and `"[x](" * 30000` take minutes,
20,000 unclosed ```` ```x ```` fences more than half a minute, 2,000 nested emphasis markers or
lists raise RecursionError). The causes, each bounded here far above any real record:

- its inline patterns restart from a paragraph's start after every match and scan to the end for
  every `[` that never closes, so work grows with markers times paragraph length;
- its fenced-code preprocessor rescans the whole text for every fence that never closes;
- nested quotes, lists and emphasis recurse once per level;
- and plain text costs about 2 s per megabyte.

`why_not_rendered` says which limit a text passes (or None); `as_text` is the text shown instead.
Real records sit 10 to 1,000 times below the limits (tests/test_site_security.py checks the
corpora).
"""

from __future__ import annotations

import re

# Each limit is about a second of Python-Markdown at worst.
MAX_CHARS = 200_000  # long lists cost most: 10 µs a character
MAX_LINK_WORK = 5_000_000  # sum over paragraphs of `[` times length: each `[` scans on in Python
MAX_MARKUP_WORK = 500_000_000  # sum over paragraphs of inline markers times length
MAX_FENCE_WORK = 50_000_000  # fence-like lines times the text's length
MAX_NESTING = 150  # open emphasis markers and brackets in a paragraph
MAX_LEVELS = 40  # quote and list markers before a line's text
MAX_INDENTS = 80  # four-column indents before a line's text (Python-Markdown nests lists by them)

_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
# A block starting with a list item: every line starting with the same kind of marker is an item
# of its own, inline-processed apart (a line with another kind of marker continues the item).
_LISTS = (
    (re.compile(r"[ \t]{0,3}[*+-][ \t]+"), re.compile(r"\n(?=[ \t]*[*+-][ \t]+)")),
    (re.compile(r"[ \t]{0,3}\d{1,9}\.[ \t]+"), re.compile(r"\n(?=[ \t]*\d{1,9}\.[ \t]+)")),
)
_MARKERS = "[]()<>`*_&\\!"
_FENCE_LINE = re.compile(r"^[ \t]*(?:`{3,}|~{3,})", re.M)
_DEEP = re.compile(r"^[ \t]*(?:(?:>|[*+-][ \t]|\d{1,9}[.)][ \t])[ \t]*){%d}|^(?: {4}| {0,3}\t){%d}" % (MAX_LEVELS, MAX_INDENTS), re.M)
_NESTING = re.compile(r"[*_]+|[\[\]]")


def _nesting(paragraph: str) -> int:
    """The most emphasis markers and brackets open at once: runs that open (text follows, space
    or punctuation before) add their length, runs that close take it off; an upper bound on how
    deep Python-Markdown nests the paragraph's elements."""
    depth = deepest = 0
    for m in _NESTING.finditer(paragraph):
        run = m.group(0)
        if run == "[":
            depth += 1
        elif run == "]":
            depth = max(depth - 1, 0)
        else:
            before = paragraph[m.start() - 1] if m.start() else " "
            after = paragraph[m.end()] if m.end() < len(paragraph) else " "
            if not after.isspace() and not before.isalnum():
                depth += len(run)
            elif not before.isspace() and not after.isalnum():
                depth = max(depth - len(run), 0)
        deepest = max(deepest, depth)
    return deepest


def _units(text: str):
    """What Python-Markdown inline-processes as one string, or something larger: paragraphs,
    and the items of a list."""
    for block in _PARAGRAPHS.split(text):
        for first, items in _LISTS:
            if first.match(block):
                yield from items.split(block)
                break
        else:
            yield block


def why_not_rendered(text: str) -> str | None:
    """What makes `text` too costly to render (a short phrase), or None when it renders."""
    if len(text) > MAX_CHARS:
        return f"longer than {MAX_CHARS:,} characters"
    if _DEEP.search(text):
        return "nested too deeply"
    fences = len(_FENCE_LINE.findall(text))
    if fences * len(text) > MAX_FENCE_WORK:
        return f"{fences:,} code fence lines"
    link_work = markup_work = 0
    for unit in _units(text):
        size = len(unit)
        link_work += unit.count("[") * size
        markers = sum(unit.count(c) for c in _MARKERS)
        markup_work += markers * size
        if markers > MAX_NESTING and _nesting(unit) > MAX_NESTING:
            return f"markup nested more than {MAX_NESTING} levels deep"
    if link_work > MAX_LINK_WORK:
        return "too many brackets in long paragraphs"
    if markup_work > MAX_MARKUP_WORK:
        return "too much markup in long paragraphs"
    return None


def as_text(text: str, why: str) -> str:
    """Markdown showing `text` exactly as written, under a warning that says why: one fenced
    block whose fence is longer than any backtick run inside, so nothing in it closes it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f'!!! warning "Shown as written: {why}, too costly to render"\n\n{fence}text\n{text}\n{fence}\n'
