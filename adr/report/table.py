"""A plain text table for terminals: columns fit the screen, long titles are cut with an ellipsis,
and widths are counted in terminal columns (wcwidth), so CJK and emoji titles stay aligned."""

from __future__ import annotations

import shutil
from typing import Callable

STATUS_COLOURS = {"accepted": "green", "proposed": "yellow", "superseded": "bright_black", "deprecated": "bright_black", "rejected": "red"}


def shown_width(text: str) -> int:
    """Columns `text` takes in a terminal: 2 for a CJK character or an emoji, 0 for a combining mark."""
    if text.isascii():  # one column a character, and a control character makes wcswidth give up
        return len(text)
    from wcwidth import wcswidth

    width = wcswidth(text)
    return width if width >= 0 else len(text)  # a control character: wcwidth cannot tell


def fit(text: str, width: int) -> str:
    """`text` cut to `width` columns with an ellipsis, then padded to exactly `width` columns."""
    if text.isascii() and text.isprintable():  # most titles: a column a character, cut anywhere
        return text[: width - 1] + "…" if len(text) > width else text.ljust(width)
    from wcwidth import wcwidth

    if shown_width(text) > width:
        kept, used = [], 0
        for char in text:
            size = max(wcwidth(char), 0)
            if used + size > width - 1:
                break
            kept.append(char)
            used += size
        text = "".join(kept) + "…"
    return text + " " * (width - shown_width(text))


def render_table(headers: list[str], rows: list[list[str]], style: Callable[[str, str], str] | None = None) -> str:
    """The table laid out for this terminal; `style(text, colour)` colours each status cell (the
    CLI passes click's, which knows the terminal), none when it is None."""
    width = shutil.get_terminal_size((100, 20)).columns
    widths = [max([shown_width(h)] + [shown_width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    flexible = 1  # the title column gives way
    overflow = sum(widths) + 2 * (len(widths) - 1) - width
    if overflow > 0:
        widths[flexible] = max(12, widths[flexible] - overflow)

    def cell(text: str, index: int) -> str:
        return fit(text, widths[index])

    lines = ["  ".join(cell(h, i) for i, h in enumerate(headers)).rstrip()]
    for row in rows:
        parts = [cell(c, i) for i, c in enumerate(row)]
        status = row[2].split(" ")[0]
        if style is not None and status in STATUS_COLOURS:
            parts[2] = style(parts[2], STATUS_COLOURS[status])
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)
