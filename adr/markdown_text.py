"""User text written into a record's Markdown so that it shows, and reads back, exactly as typed.

Shared by what writes records (`adr.edit`), what writes Markdown reports (`adr.report`) and
the pull request comment (`adr.review`): titles, names and assumptions may hold `<script>`,
`[x](y)`, `*` or `@team`, and none of it may become markup in CommonMark, in Python-Markdown or
on GitHub. The GitHub helpers build on `inline_text` rather than beside it, so that there is one
escaper, with GitHub's few additions on top.
"""

from __future__ import annotations

import re

from adr.errors import printable

_MARKUP = re.compile(r"([\\`*_\[\]#])")


# Only where Markdown would read markup: `&` starting an entity (`&amp;`, `&#38;`), `<` starting
# a tag, comment or autolink. Elsewhere they stay as typed, as people read these files raw.
_ENTITY_START = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def html_safe(text: str) -> str:
    """`text` with only the `&` and `<` that would start an entity or a tag made entities."""
    return _TAG_START.sub("&lt;", _ENTITY_START.sub("&amp;", text))


def inline_text(text: str) -> str:
    """User text as inline Markdown that shows exactly that text: no HTML, link or emphasis.

    Entities for `&` and `<` where they would start markup (Python-Markdown has no backslash
    escape for either), backslashes for the rest; both read by CommonMark and Python-Markdown.
    """
    text = _MARKUP.sub(r"\\\1", html_safe(text))
    return "\\" + text if text.startswith(">") else text  # a line starting `>` is a quote


# What GitHub adds to CommonMark when it shows a comment: tables (a `|` ends a cell, even inside
# code), strikethrough (`~`), links made from bare `www.` and `scheme://` text, and, once the
# Markdown is HTML, `@name` mentions (which notify) and `#12` or `owner/repo#12` references
# (which link, and cross-reference the issue) found in the text whatever its escapes.
_GITHUB_MARKUP = re.compile(r"([|~])")
_BARE_LINK = re.compile(r"(?i)(?<![a-z0-9])(www)\.|(?<=[a-z]):(?=//)")
_REFERENCE = re.compile(r"@(?=\w)|#(?=\d)")


def github_text(text: object) -> str:
    """User text inline in a GitHub comment, in a table cell too: one line showing as typed,
    with no HTML, link, emphasis, mention or issue reference made of it.

    `inline_text` with GitHub's additions escaped (a backslash before `:` or `.` keeps cmark-gfm
    from seeing `https://` or `www.`). A mention or a reference is read from the HTML's text,
    where escapes are gone, so it gets a zero-width space after its `@` or `#`: it reads the same
    and links nothing. The other characters that would act (controls, bidirectional overrides)
    are written as escapes (`adr.errors.printable`).
    """
    one_line = printable(" ".join(str(text).split()))
    escaped = inline_text(_REFERENCE.sub(lambda m: m.group() + "\u200b", one_line))
    escaped = _GITHUB_MARKUP.sub(r"\\\1", escaped)
    return _BARE_LINK.sub(lambda m: f"{m.group(1)}\\." if m.group(1) else "\\:", escaped)


def github_code(text: object) -> str:
    """`text` as an inline code span that shows it exactly: fenced by more backticks than any
    run inside (a backslash escapes nothing there), padded where CommonMark would strip a space.

    Not for a table cell, where a `|` ends the cell even inside code. Characters that would act
    are written as escapes first, so no line break can end the span and start a heading.
    """
    shown = printable(str(text)) or " "
    fence = "`" * (max((len(run) for run in re.findall(r"`+", shown)), default=0) + 1)
    edge = shown[0] == "`" or shown[-1] == "`" or (shown[0] == shown[-1] == " " and shown.strip() != "")
    pad = " " if edge else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def url_path(path: str) -> str:
    """A repository path as a link destination: every byte but letters, digits, `/` and `_.-~`
    percent-encoded, so no space, `)`, `<`, `|` or line break can end the link or the cell."""
    from urllib.parse import quote

    return quote(path, safe="/", errors="surrogateescape")
