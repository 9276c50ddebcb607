"""User text written into a record's Markdown so that it shows, and reads back, exactly as typed.

Shared by what writes records (`adr.edit`) and what writes Markdown reports (`adr.report`):
titles, names and assumptions may hold `<script>`, `[x](y)` or `*`, and none of it may become
markup in CommonMark or in Python-Markdown.
"""

from __future__ import annotations

import re

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
