"""Operations on parts written in parallel: review, history and the site build.

Each reports "n/a (not available)" while its command or plugin does not exist, so `make bench`
runs at any point of the project's history.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import Figure, Run, repeat, run_once
from ops import ADR, NOT_AVAILABLE, ROOT, Log, Settings, has_command, selected, timed

MKDOCS = str(Path(sys.executable).parent / "mkdocs")
REVIEW_BRANCH = "bench-review"
SITE_PLAIN_MAX = 1000  # the plain build of 10,000 pages takes many minutes; the plugin's is timed alone
SERVE_MAX = 1000  # each rebuild of 10,000 pages takes minutes


def operations(log: Log, s: Settings, only: list[str]) -> list[Figure]:
    plan = [
        ("review (50-file change)", lambda: _review(log, s)),
        ("history (whole log)", lambda: _history(log, s)),
        ("site", lambda: _site(log, s)),
        ("serve", lambda: _serve(log, s)),
    ]
    figures: list[Figure] = []
    for op, make in plan:
        if selected(only, op):
            made = make()
            figures += made if isinstance(made, list) else [made]
    return figures


def _review(log: Log, s: Settings) -> list[Figure]:
    """Cold: an empty parse cache. Cached: the kept one, which holds the working tree (main) and
    what earlier reviews parsed, so only the branch's changed records are parsed again."""
    ops = ("review (50-file change, cold)", "review (50-file change, cached)")
    if not has_command("review"):
        return [Figure(op, "adr", log.format, log.size, note=NOT_AVAILABLE) for op in ops]
    branch_change(log)
    args = ["review", "--base", "main", "--head", REVIEW_BRANCH]
    return [timed(log, s, op, args, cache=cache, ok_codes=(0, 1)) for op, cache in zip(ops, ("cold", "warm"))]


def branch_change(log: Log, files: int = 50) -> None:
    """A branch whose one commit touches `files` files: new, superseding and edited records plus
    code, written with `git fast-import` so the working tree is untouched."""
    from adr.parse import parse_record
    from adr.slug import file_name
    from adr.edit import render

    rel = log.folder.relative_to(log.repo).as_posix()
    tracked = subprocess.run(["git", "ls-files", "--", rel], cwd=log.repo, capture_output=True, text=True, check=True).stdout.split()
    changed: dict[str, str] = {}
    fmt_render = render.nygard if log.format == "nygard" else render.madr
    for n in range(1, 4):  # three new records, the first superseding the last record on main
        number = log.size + n
        title = f"Adopt review tooling step {n}"
        data = render.NewRecord(number, title, dt.date(2026, 11, 26), "Proposed" if log.format == "nygard" else "proposed", ["process"], ["Platform team"], [], [], ["Reviews take minutes, not hours"])
        text = fmt_render(data)
        if n == 1 and tracked:
            target = log.repo / tracked[-1]
            old = parse_record(target, target.read_text(encoding="utf-8"))
            text = text.rstrip("\n") + f"\n\n## Links\n\n- Supersedes [{old.number}. {old.title}]({target.name})\n"
            changed[tracked[-1]] = target.read_text(encoding="utf-8").replace("accepted", "superseded", 1)
        changed[f"{rel}/{file_name(number, title)}"] = text
    for path in tracked[len(tracked) // 2 : len(tracked) // 2 + 3]:  # edited records
        changed[path] = (log.repo / path).read_text(encoding="utf-8").rstrip("\n") + "\n\nClarified during review.\n"
    for n in range(files - len(changed)):
        changed[f"src/module_{n:02d}.py"] = f'"""Module {n}."""\n\nVALUE = {n}\n'
    stream = [b"commit refs/heads/" + REVIEW_BRANCH.encode() + b"\n", b"committer Bench <bench@example.com> 1795000000 +0000\n"]
    message = b"A change touching 50 files"
    stream += [b"data %d\n%s\n" % (len(message), message), b"from refs/heads/main\n"]
    for path, text in changed.items():
        data = text.encode()
        stream += [f"M 100644 inline {path}\n".encode(), b"data %d\n%s\n" % (len(data), data)]
    subprocess.run(["git", "fast-import", "--quiet", "--force"], cwd=log.repo, input=b"".join(stream), check=True)


def _history(log: Log, s: Settings) -> list[Figure]:
    """Cold: empty caches, so git is walked. Cached: the history cache kept from the run before (ADR 19)."""
    ops = ("history (whole log, cold)", "history (whole log, cached)")
    if not has_command("history"):
        return [Figure(op, "adr", log.format, log.size, note=NOT_AVAILABLE) for op in ops]
    return [timed(log, s, op, ["history", "--format", "json"], cache) for op, cache in zip(ops, ("cold", "warm"))]


def _site(log: Log, s: Settings) -> list[Figure]:
    """The plugin's build and a plain mkdocs-material build of the same files, in the same run."""
    plugin_fig = Figure("site build, adr plugin", "mkdocs", log.format, log.size)
    plain_fig = Figure("site build, plain material", "mkdocs", log.format, log.size)
    if not (ROOT / "site_plugins" / "plugin.py").is_file() or not Path(MKDOCS).is_file():
        plugin_fig.note = plain_fig.note = NOT_AVAILABLE
        return [plugin_fig, plain_fig]
    try:
        sys.path.insert(0, str(ROOT / "bench"))
        from site_bench import project
    except ImportError:
        plugin_fig.note = plain_fig.note = NOT_AVAILABLE
        return [plugin_fig, plain_fig]
    import shutil

    with tempfile.TemporaryDirectory(prefix="adr-bench-site-") as tmp:
        base = Path(tmp)
        plugin = project(base / "plugin", f"  - search\n  - adr:\n      decisions_dir: {log.folder}\n      git: false\n")
        repeat(plugin_fig, lambda: _build(plugin, log, s), s.runs, s.budget)
        if log.size > SITE_PLAIN_MAX:
            plain_fig.note = f"skipped (> {SITE_PLAIN_MAX:,} ADRs)"
        else:
            plain = project(base / "plain", "  - search\n")
            shutil.copytree(log.folder, plain / "docs" / "decisions")
            repeat(plain_fig, lambda: _build(plain, log, s), s.runs, s.budget)
    if plugin_fig.median and plain_fig.median:
        plugin_fig.extra["ratio"] = plugin_fig.median / plain_fig.median
        plugin_fig.extra["plain_median_s"] = plain_fig.median
    return [plugin_fig, plain_fig]


def _serve(log: Log, s: Settings) -> list[Figure]:
    """`mkdocs serve` with git metadata: its first build (empty caches), then rebuilds after an edit."""
    first_fig = Figure("serve: first build (cold)", "mkdocs", log.format, log.size)
    rebuild_fig = Figure("serve: rebuild after an edit", "mkdocs", log.format, log.size)
    figures = [first_fig, rebuild_fig]
    if not (ROOT / "site_plugins" / "plugin.py").is_file() or not Path(MKDOCS).is_file():
        first_fig.note = rebuild_fig.note = NOT_AVAILABLE
    elif log.size > SERVE_MAX:
        first_fig.note = rebuild_fig.note = f"skipped (> {SERVE_MAX:,} ADRs)"
    else:
        from serve_bench import serve_rebuilds

        try:
            first, rebuilds = serve_rebuilds(log.folder, s.runs, s.timeout)
        except (RuntimeError, TimeoutError, OSError) as exc:
            first_fig.note = rebuild_fig.note = f"failed: {str(exc)[:80]}"
        else:
            first_fig.runs, rebuild_fig.runs = [first], rebuilds
    return figures


def _build(root: Path, log: Log, s: Settings) -> Run:
    return run_once([MKDOCS, "build", "-q", "--site-dir", str(root / "site")], root, {"ADR_CACHE_DIR": str(log.cache_dir)}, s.timeout)


__all__ = ["operations", "branch_change", "ADR"]
