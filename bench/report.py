"""One table for the terminal (and bench/README.md), and the JSON behind it."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

from measure import Figure


def cell(figure: Figure | None) -> str:
    if figure is None:
        return ""
    if figure.median is None:
        return figure.note or "n/a"
    if len(figure.runs) == 1:
        text = f"{figure.median:.2f}"
    else:
        text = f"{figure.median:.2f} ({min(figure.runs):.2f}–{max(figure.runs):.2f})"
    if figure.cpu:
        text += f" cpu {statistics.median(figure.cpu):.2f}"
    if "ratio" in figure.extra:
        text += f" ×{figure.extra['ratio']:.2f}"
    return text


def table(figures: list[Figure]) -> str:
    """Markdown table: one row per operation, tool and format; one column per log size."""
    sizes = sorted({f.size for f in figures})
    rows: dict[tuple[str, str, str], dict[int, Figure]] = {}
    for figure in figures:
        rows.setdefault((figure.op, figure.tool, figure.format), {})[figure.size] = figure
    header = ["operation", "tool", "format", *[f"{n:,} ADRs" for n in sizes]]
    body = [[op, tool, fmt, *[cell(by_size.get(n)) for n in sizes]] for (op, tool, fmt), by_size in rows.items()]
    widths = [max(len(str(r[i])) for r in [header, *body]) for i in range(len(header))]

    def line(values) -> str:
        return "| " + " | ".join(str(v).ljust(w) for v, w in zip(values, widths)) + " |"

    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *[line(r) for r in body]])


def machine() -> dict:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=Path(__file__).parent).stdout.strip()
    except OSError:
        commit = ""
    return {
        "cpus": os.cpu_count(), "python": sys.version.split()[0], "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(), "commit": commit,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def write_json(path: Path, figures: list[Figure], params: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"machine": machine(), "params": params, "results": [f.as_dict() for f in figures]}
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def from_json(paths: list[Path]) -> list[Figure]:
    """The figures of earlier runs, to print one table from several (e.g. --quick plus 10,000)."""
    figures = []
    for path in paths:
        for row in json.loads(path.read_text(encoding="utf-8"))["results"]:
            extra = {k: row[k] for k in ("ratio", "plain_median_s") if k in row}
            cpu = [row["cpu_median_s"]] if row.get("cpu_median_s") is not None else []
            figures.append(Figure(row["op"], row["tool"], row["format"], row["size"], row["runs_s"], cpu, row["peak_mb"], row["note"], extra))
    return figures


if __name__ == "__main__":  # python bench/report.py results/quick.json results/10k.json
    print(table(from_json([Path(p) for p in sys.argv[1:]])))
