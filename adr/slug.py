"""File names from titles: adr-tools' rules, kept safe for any file system."""

from __future__ import annotations

import re
import unicodedata

MAX_SLUG = 80  # keeps `NNNN-slug.md` far below the 255-byte name limit


def slugify(title: str) -> str:
    """As adr-tools: runs of non-alphanumerics become `-`, lower case, trimmed.

    Unlike adr-tools, non-ASCII letters are transliterated where possible (é -> e) and dropped
    otherwise, so a name never holds `/`, NUL or `..`; an empty result becomes `decision`.
    """
    text = unicodedata.normalize("NFKD", title)
    text = text.encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).lower().strip("-")
    if len(text) > MAX_SLUG:
        text = text[:MAX_SLUG].rsplit("-", 1)[0] or text[:MAX_SLUG]
    return text or "decision"


DEFAULT_WIDTH = 4  # adr-tools' `0001-...`, for a new or empty log


def file_name(number: int, title: str, width: int = DEFAULT_WIDTH) -> str:
    """`0012-use-x.md`, the number zero-padded to `width` digits (the log's own, see `log_width`)."""
    return f"{number:0{width}d}-{slugify(title)}.md"
