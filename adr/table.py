"""A plain text table for terminals: columns fit the screen, long titles are cut with an ellipsis."""

from __future__ import annotations

import shutil

STATUS_COLOURS = {"accepted": "green", "proposed": "yellow", "superseded": "bright_black", "deprecated": "bright_black", "rejected": "red"}


def render_table(headers: list[str], rows: list[list[str]], color: bool = True) -> str:
    import click

    width = shutil.get_terminal_size((100, 20)).columns
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    flexible = 1  # the title column gives way
    overflow = sum(widths) + 2 * (len(widths) - 1) - width
    if overflow > 0:
        widths[flexible] = max(12, widths[flexible] - overflow)

    def cell(text: str, index: int) -> str:
        w = widths[index]
        return (text[: w - 1] + "…" if len(text) > w else text).ljust(w)

    lines = ["  ".join(cell(h, i) for i, h in enumerate(headers)).rstrip()]
    for row in rows:
        parts = [cell(c, i) for i, c in enumerate(row)]
        status = row[2].split(" ")[0]
        if color and status in STATUS_COLOURS:
            parts[2] = click.style(parts[2], fg=STATUS_COLOURS[status])
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)
