"""Timing one command the way a user runs it: a fresh process, wall clock, peak memory."""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Run:
    seconds: float
    peak_mb: float
    code: int
    err: str = ""
    cpu: float = 0.0  # user + system seconds: steadier than wall time on a busy machine


@dataclass
class Figure:
    """The median, min and max of several runs of one operation, or why there is none."""

    op: str
    tool: str
    format: str
    size: int
    runs: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    note: str = ""  # "n/a (not available)", "failed: ...", "timeout"
    extra: dict = field(default_factory=dict)  # e.g. the plain mkdocs time for the site ratio

    @property
    def median(self) -> float | None:
        return statistics.median(self.runs) if self.runs else None

    def as_dict(self) -> dict:
        return {
            "op": self.op, "tool": self.tool, "format": self.format, "size": self.size,
            "median_s": self.median, "min_s": min(self.runs) if self.runs else None,
            "max_s": max(self.runs) if self.runs else None, "runs_s": self.runs,
            "cpu_median_s": statistics.median(self.cpu) if self.cpu else None,
            "peak_mb": round(self.peak_mb, 1), "note": self.note, **self.extra,
        }


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


def run_once(cmd: list[str], cwd: Path, env: dict | None = None, timeout: float = 300.0) -> Run:
    """Run `cmd` with output discarded; the peak RSS is this process's own, from wait4."""
    full_env = {**os.environ, **(env or {})}
    for name in ("VISUAL", "EDITOR"):
        full_env.pop(name, None)
    with tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        # A session of its own, so a timeout stops adr-tools' subshells and adr's workers too.
        proc = subprocess.Popen(cmd, cwd=cwd, env=full_env, stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True)
        timer = threading.Timer(timeout, _kill_group, (proc.pid,))
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - began
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode(errors="replace")
    if proc.returncode == -9:
        return Run(elapsed, 0.0, -9, "timeout")
    return Run(elapsed, usage.ru_maxrss / 1024, proc.returncode, text, usage.ru_utime + usage.ru_stime)


def repeat(figure: Figure, once, runs: int, budget: float = 60.0, ok_codes=(0,)) -> Figure:
    """Call `once()` (-> Run) up to `runs` times; stop early once `budget` seconds are spent."""
    spent = 0.0
    for _ in range(runs):
        result = once()
        if result is None:
            figure.note = figure.note or "n/a (not available)"
            return figure
        if result.code == -9:
            figure.note = f"timeout (> {result.seconds:.0f} s)"
            return figure
        if result.code not in ok_codes:
            last = (result.err.strip().splitlines() or ["exit %d" % result.code])[-1]
            figure.note = f"failed: {last[:120]}"
            return figure
        figure.runs.append(result.seconds)
        figure.cpu.append(result.cpu)
        figure.peak_mb = max(figure.peak_mb, result.peak_mb)
        spent += result.seconds
        if spent > budget and len(figure.runs) >= 1:
            break
    return figure
