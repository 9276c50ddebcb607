"""Site build speed: the `adr` plugin on N generated ADRs vs plain mkdocs-material on the same files.

The plain build puts every ADR in the navigation (MkDocs' default), so every page renders the
whole nav and the build grows superlinearly. The plugin keeps decision pages out of the nav.
Target: the plugin build takes at most half the plain build's time at 1,000 ADRs. Each figure is
the median wall time of fresh `mkdocs build` processes.

    .venv/bin/python bench/site_bench.py                  # 1,000 MADR records, 1 run each
    .venv/bin/python bench/site_bench.py --count 10000 --no-plain --git
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

MKDOCS = str(Path(sys.executable).parent / "mkdocs")
THEME = "theme:\n  name: material\n  font: false\n"


def project(root: Path, plugins: str) -> Path:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Home\n\nDecisions of a large organisation.\n")
    (root / "mkdocs.yml").write_text(f"site_name: Bench\n{THEME}plugins:\n{plugins}")
    return root


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build_time(root: Path, runs: int) -> tuple[float, float]:
    """Median wall and CPU seconds of `mkdocs build`; CPU time is steadier on a busy machine."""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _cpu()
        result = subprocess.run([MKDOCS, "build", "-q", "--site-dir", str(root / "site")], cwd=root, capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - cpu)
        if result.returncode != 0:
            sys.exit(f"mkdocs build failed in {root}:\n{result.stderr[-2000:]}")
    return statistics.median(walls), statistics.median(cpus)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--format", default="madr", choices=["madr", "nygard"])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--git", action="store_true", help="also read created/changed dates from git history")
    parser.add_argument("--no-plain", action="store_true", help="skip the plain build (slow at 10,000)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="adr-site-bench-") as tmp:
        base = Path(tmp)
        started = time.perf_counter()
        log = generate.generate(base / "log", args.count, args.format, history=args.git)
        print(f"generated {args.count} {args.format} records in {time.perf_counter() - started:.1f} s")

        git = "true" if args.git else "false"
        plugin = project(base / "plugin", f"  - search\n  - adr:\n      decisions_dir: {log}\n      git: {git}\n")
        plugin_time, plugin_cpu = build_time(plugin, args.runs)
        pages = sum(1 for _ in (plugin / "site" / "decisions").rglob("index.html"))
        print(f"plugin build ({pages} pages, decisions out of the nav): {plugin_time:.1f} s wall, {plugin_cpu:.1f} s CPU")
        if args.no_plain:
            return 0

        plain = project(base / "plain", "  - search\n")
        shutil.copytree(log, plain / "docs" / "decisions", ignore=shutil.ignore_patterns("index.md", "README.md"))
        plain_time, plain_cpu = build_time(plain, args.runs)
        print(f"plain mkdocs-material build (every ADR a nav page): {plain_time:.1f} s wall, {plain_cpu:.1f} s CPU")
        ratio, cpu_ratio = plugin_time / plain_time, plugin_cpu / plain_cpu
        verdict = "met" if cpu_ratio <= 0.5 else "NOT met"
        print(f"ratio plugin/plain: {ratio:.2f} wall, {cpu_ratio:.2f} CPU (target at most 0.50: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
