"""The operations the benchmark times, each as a user would run it on a generated log.

Every operation returns a `Figure`. An operation whose command does not exist (yet) is
reported as "n/a (not available)" instead of failing the run. Commands that write (`new`) are
undone after each run, outside the timing, so every run sees the same log.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from measure import Figure, Run, repeat, run_once

ROOT = Path(__file__).resolve().parent.parent
ADR = str(Path(sys.executable).parent / "adr")
ADR_TOOLS = "/usr/bin/adr"
NOT_AVAILABLE = "n/a (not available)"


@dataclass
class Log:
    repo: Path  # the git repository, where commands run
    folder: Path  # the decision log inside it
    format: str
    size: int
    cache_dir: Path  # a parse cache kept warm for the "cached" figures


@dataclass
class Settings:
    runs: int = 3
    budget: float = 60.0  # seconds per operation before runs stop early
    timeout: float = 180.0  # adr-tools' generate graph takes minutes on 10,000 records


@functools.lru_cache(maxsize=None)
def has_command(*args: str) -> bool:
    """Whether `adr ARGS --help` works: commands written in parallel may not exist yet."""
    try:
        proc = subprocess.run([ADR, *args, "--help"], capture_output=True, timeout=60, cwd=ROOT)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return proc.returncode == 0


def adr_tools_installed() -> bool:
    return Path(ADR_TOOLS).is_file() and Path(ADR_TOOLS).resolve() != Path(ADR).resolve()


def _env(log: Log, cache: str) -> dict:
    """`cold`: an empty parse cache each run (the first run a user sees); `warm`: the kept cache."""
    env = {"ADR_DATE": "2026-11-26", "NO_COLOR": "1"}
    if cache == "warm":
        env["ADR_CACHE_DIR"] = str(log.cache_dir)
    return env


def timed(log: Log, s: Settings, op: str, args: list[str], cache: str = "warm", ok_codes=(0,), tool: str = "adr") -> Figure:
    """Time a read-only `adr` command."""
    figure = Figure(op, tool, log.format, log.size)
    command = [ADR if tool == "adr" else ADR_TOOLS, *args]

    def once() -> Run:
        if cache == "cold":
            with tempfile.TemporaryDirectory(prefix="adr-bench-cache-") as empty:
                return run_once(command, log.repo, {**_env(log, cache), "ADR_CACHE_DIR": empty}, s.timeout)
        return run_once(command, log.repo, _env(log, cache), s.timeout)

    if cache == "warm" and tool == "adr":
        run_once(command, log.repo, _env(log, cache), s.timeout)  # fill the cache, untimed
    return repeat(figure, once, s.runs, s.budget, ok_codes)


def one_edited(log: Log, s: Settings, op: str, args: list[str], ok_codes=(0,)) -> Figure:
    """A warm command run just after one record in the middle of the log was saved with a new
    paragraph: the parse cache still holds every other record; the file is put back after."""
    figure = Figure(op, "adr", log.format, log.size)
    records = sorted(p for p in log.folder.iterdir() if p.name[:4].isdigit())
    target = records[len(records) // 2]
    saved = target.read_bytes()
    command = [ADR, *args]
    run_once(command, log.repo, _env(log, "warm"), s.timeout)  # fill the cache, untimed
    edits = iter(range(1, 1_000_000))

    def once() -> Run:
        target.write_bytes(saved + f"\nEdited for the benchmark ({next(edits)}).\n".encode())
        return run_once(command, log.repo, _env(log, "warm"), s.timeout)

    try:
        return repeat(figure, once, s.runs, s.budget, ok_codes)
    finally:
        target.write_bytes(saved)


def new_record(log: Log, s: Settings, supersede: bool, tool: str = "adr") -> Figure:
    """`adr new [-s N] Title`, then the new file is removed and the superseded one restored."""
    figure = Figure("new -s" if supersede else "new", tool, log.format, log.size)
    binary = ADR if tool == "adr" else ADR_TOOLS
    target = _last_record(log.folder)
    args = ["new", *(["-s", str(log.size)] if supersede else []), "Benchmark", "a", "new", "decision"]
    saved = target.read_bytes() if target else b""

    def once() -> Run:
        before = set(log.folder.iterdir())
        result = run_once([binary, *args], log.repo, _env(log, "warm"), s.timeout)
        for path in set(log.folder.iterdir()) - before:
            path.unlink()
        if supersede and target is not None:
            target.write_bytes(saved)
        return result

    return repeat(figure, once, s.runs, s.budget)


def _last_record(folder: Path) -> Path | None:
    names = sorted(p for p in folder.iterdir() if p.name[:4].isdigit())
    return names[-1] if names else None


def restore(log: Log) -> None:
    """Put the log back exactly as generated, whatever a failed run left behind."""
    subprocess.run(["git", "checkout", "-q", "--", "."], cwd=log.repo, check=False)
    subprocess.run(["git", "clean", "-fdq", "--", str(log.folder)], cwd=log.repo, check=False)


def selected(only: list[str], op: str) -> bool:
    return not only or any(op.startswith(o) for o in only)


def adr_operations(log: Log, s: Settings, only: list[str]) -> list[Figure]:
    plan = [
        ("new", lambda: new_record(log, s, supersede=False)),
        ("new -s", lambda: new_record(log, s, supersede=True)),
        ("list --format json (cold)", lambda: timed(log, s, "list --format json (cold)", ["list", "--format", "json"], "cold")),
        ("list --format json (cached)", lambda: timed(log, s, "list --format json (cached)", ["list", "--format", "json"], "warm")),
        # piped, like adr-tools: paths from file names, nothing parsed (ADR 14)
        ("list (cold)", lambda: timed(log, s, "list (cold)", ["list"], "cold")),
        ("list (cached)", lambda: timed(log, s, "list (cached)", ["list"], "warm")),
        # what a terminal shows: status, date, tags and at-risk need every record parsed
        ("list --format table (cold)", lambda: timed(log, s, "list --format table (cold)", ["list", "--format", "table"], "cold")),
        ("list --format table (cached)", lambda: timed(log, s, "list --format table (cached)", ["list", "--format", "table"], "warm")),
        ("check (cold)", lambda: _check(log, s, "cold")),
        ("check (cached)", lambda: _check(log, s, "warm")),
        # a warm run right after one record was saved: its result cannot be remembered (ADR 31)
        ("list --format json (one edited)", lambda: one_edited(log, s, "list --format json (one edited)", ["list", "--format", "json"])),
        ("check (one edited)", lambda: one_edited(log, s, "check (one edited)", ["check"], ok_codes=(0, 1))),
        ("generate toc", lambda: timed(log, s, "generate toc", ["generate", "toc"])),
        ("generate graph", lambda: timed(log, s, "generate graph", ["generate", "graph"])),
    ]
    return [make() for op, make in plan if selected(only, op)]


def _check(log: Log, s: Settings, cache: str) -> Figure:
    op = f"check ({'cold' if cache == 'cold' else 'cached'})"
    if not has_command("check"):
        return Figure(op, "adr", log.format, log.size, note=NOT_AVAILABLE)
    return timed(log, s, op, ["check"], cache, ok_codes=(0, 1))


def adr_tools_operations(log: Log, s: Settings, only: list[str]) -> list[Figure]:
    """Debian's adr-tools on the same Nygard log, for the commands it has (it has no cache)."""
    if log.format != "nygard" or not adr_tools_installed():
        return []
    tool = "adr-tools"
    plan = [
        ("new", lambda: new_record(log, s, supersede=False, tool=tool)),
        ("new -s", lambda: new_record(log, s, supersede=True, tool=tool)),
        ("list (cold)", lambda: timed(log, s, "list (cold)", ["list"], "warm", tool=tool)),
        ("generate toc", lambda: timed(log, s, "generate toc", ["generate", "toc"], "warm", tool=tool)),
        ("generate graph", lambda: timed(log, s, "generate graph", ["generate", "graph"], "warm", tool=tool)),
    ]
    return [make() for op, make in plan if selected(only, op)]


def copy_tree(source: Path, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, symlinks=True)
