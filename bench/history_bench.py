"""History for 1,000 ADRs over 3,000 commits: one `git log` pass against a `git log` per file.

Builds the repository with one `git fast-import` stream (seconds, not minutes), then times
`adr.repo.history.load` (one log pass plus one cat-file batch, statuses included) and the naive loop
(`git log --follow` once per file, dates only; timed on a sample of files and scaled, since
the full loop takes minutes; `--sample 0` runs it all). Prints the figures and the ratio.
Target: one pass at least 20x faster than the loop, and under 2 s. Then the history cache
(ADR 19): the same commit again, and 300 commits on top of a kept history.

    .venv/bin/python bench/history_bench.py [--records 1000] [--commits 3000]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import tempfile
import time
from pathlib import Path

STATUSES = ["proposed", "accepted", "deprecated", "superseded"]


def record_text(number: int, status: str, revision: int) -> bytes:
    return (
        f"---\nstatus: {status}\ndate: 2024-01-01\ndecision-makers: [Team {number % 7}]\n---\n"
        f"# Decision {number}\n\n## Context and Problem Statement\n\nRevision {revision} of decision {number}.\n\n"
        f"## Decision Outcome\n\nWe do thing {number}.\n"
    ).encode()


def build(repo: Path, records: int, commits: int) -> None:
    """One fast-import stream: a commit per new record, then edits, status changes and renames."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    rng = random.Random(4)
    names = {n: f"docs/decisions/{n:04d}-decision-{n}.md" for n in range(1, records + 1)}
    status = {n: 0 for n in names}
    revision = {n: 0 for n in names}
    stream: list[bytes] = []
    when = 1_700_000_000
    for index in range(commits):
        when += 3600
        if index < records:
            n, kind = index + 1, "add"
        else:
            n = rng.randint(1, records)
            kind = rng.choice(["edit", "edit", "status", "rename"])
        message = f"{kind} {n}".encode()
        ops: list[bytes] = []
        if kind == "rename":
            old = names[n]
            names[n] = old.replace(".md", "-r.md") if not old.endswith("-r.md") else old.replace("-r.md", ".md")
            ops.append(f"R {old} {names[n]}\n".encode())
        else:
            if kind == "status" and status[n] < len(STATUSES) - 1:
                status[n] += 1
            revision[n] += 1
            data = record_text(n, STATUSES[status[n]], revision[n])
            ops.append(f"M 100644 inline {names[n]}\n".encode() + f"data {len(data)}\n".encode() + data + b"\n")
        author = f"Dev {index % 13} <dev{index % 13}@example.org> {when} +0000"
        stream.append(b"commit refs/heads/main\n")
        stream.append(f"author {author}\ncommitter {author}\n".encode())
        stream.append(f"data {len(message)}\n".encode() + message + b"\n")
        stream.extend(ops)
        stream.append(b"\n")
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=b"".join(stream), check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=repo, check=True)


def per_file_loop(repo: Path, sample: int) -> tuple[float, int, int]:
    """Seconds for `git log --follow` on every file (timed on an even sample, scaled up when asked)."""
    paths = sorted((repo / "docs" / "decisions").glob("*.md"))
    chosen = paths if sample <= 0 or sample >= len(paths) else paths[:: max(1, len(paths) // sample)][:sample]
    start = time.perf_counter()
    for path in chosen:
        subprocess.run(
            ["git", "log", "--follow", "--format=%H%x1f%an%x1f%aI", "--", str(path.relative_to(repo))],
            cwd=repo, check=True, capture_output=True,
        )
    return (time.perf_counter() - start) * len(paths) / len(chosen), len(chosen), len(paths)


def one_pass(repo: Path) -> tuple[float, int, int]:
    from adr.repo import history

    os.environ["ADR_NO_CACHE"] = "1"  # the git pass itself
    start = time.perf_counter()
    found = history.load(repo / "docs" / "decisions")
    elapsed = time.perf_counter() - start
    del os.environ["ADR_NO_CACHE"]
    changes = sum(len(h.statuses) for h in found.records.values())
    return elapsed, len(found.records), changes


def cached(repo: Path, on_top: int) -> tuple[float, float]:
    """Seconds for a load at a kept commit, and for one `on_top` commits after a kept one."""
    from adr.repo import history

    folder = repo / "docs" / "decisions"
    subprocess.run(["git", "checkout", "-q", f"main~{on_top}"], cwd=repo, check=True)
    history.load(folder)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=repo, check=True)
    start = time.perf_counter()
    history.load(folder)
    extended = time.perf_counter() - start
    start = time.perf_counter()
    history.load(folder)
    return time.perf_counter() - start, extended


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=3000)
    parser.add_argument("--sample", type=int, default=50, help="files the loop is timed on, scaled to all (0: every file; slow)")
    args = parser.parse_args()
    os.environ.update({"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"})
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        start = time.perf_counter()
        build(repo, args.records, args.commits)
        print(f"built {args.records} records over {args.commits} commits in {time.perf_counter() - start:.1f} s")
        fast, files, statuses = min((one_pass(repo) for _ in range(3)), key=lambda r: r[0])
        print(f"one pass (log + cat-file batch, statuses):    {fast:.3f} s for {files} files, {statuses} status entries")
        slow, timed, total = per_file_loop(repo, args.sample)
        scaled = f" (timed on {timed} of {total} files, scaled)" if timed < total else ""
        print(f"per-file `git log --follow` loop, dates only: {slow:.3f} s{scaled}")
        ratio = slow / fast
        verdict = "ok" if ratio >= 20 and fast < 2 else "MISSED"
        print(f"ratio: {ratio:.1f}x faster (target >= 20x and < 2 s: {verdict})")
        os.environ["ADR_CACHE_DIR"] = str(Path(tmp) / "cache")
        again, extended = cached(repo, 300)
        print(f"history cache: the same commit again {again:.3f} s; 300 commits on top of a kept one {extended:.3f} s")


if __name__ == "__main__":
    main()
