"""`make bench`: time the `adr` command (and Debian's adr-tools) on generated logs of several sizes.

Each figure is the median of several runs of a fresh process, with min and max, in seconds.
"cold" means an empty parse cache (the first run a user sees); "cached" the run after it.
Generated logs are kept in bench/results/logs and reused while the generator is unchanged.

    .venv/bin/python bench/run.py                       # 100, 1,000 and 10,000 ADRs, 3 runs: about 40 minutes
    .venv/bin/python bench/run.py --quick               # 100 and 1,000 ADRs, 3 runs (slow ones once): ~8 min
    .venv/bin/python bench/run.py --sizes 10000 --only list,check
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import extras  # noqa: E402
import generate  # noqa: E402
import ops  # noqa: E402
import report  # noqa: E402
from measure import Figure  # noqa: E402

RESULTS = HERE / "results"


def prepared_log(fmt: str, size: int, fresh: bool = False, results: Path = RESULTS) -> ops.Log:
    """A generated log repository, reused across runs while the generator version is the same."""
    repo = results / "logs" / f"{fmt}-{size}-g{generate.GENERATOR_VERSION}"
    done = repo / ".git" / "bench-complete"
    if fresh or not done.exists():
        began = time.perf_counter()
        print(f"  generating {size:,} {fmt} records ...", end="", flush=True)
        generate.generate(repo, size, fmt)
        done.write_text("ok\n")
        print(f" {time.perf_counter() - began:.1f} s", flush=True)
    cache_dir = results / "cache" / f"{fmt}-{size}"
    cache_dir.mkdir(parents=True, exist_ok=True)
    log = ops.Log(repo, repo / generate.LOG_DIRS[fmt], fmt, size, cache_dir)
    ops.restore(log)
    return log


def wanted(figure: Figure, only: list[str]) -> bool:
    return not only or any(figure.op.startswith(o) for o in only)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,10000", help="Log sizes, comma-separated (default %(default)s).")
    parser.add_argument("--formats", default="nygard,madr", help="Log formats (default %(default)s).")
    parser.add_argument("--runs", type=int, default=3, help="Runs per operation (default %(default)s).")
    parser.add_argument("--quick", action="store_true", help="Same as --sizes 100,1000 --runs 3 --budget 20.")
    parser.add_argument("--only", default="", help="Only operations starting with these names, e.g. list,check,site.")
    parser.add_argument("--budget", type=float, default=60.0, help="Seconds per operation after which runs stop early (default %(default)s).")
    parser.add_argument("--timeout", type=float, default=180.0, help="Seconds after which one run is stopped and reported as a timeout (default %(default)s).")
    parser.add_argument("--no-adr-tools", action="store_true", help="Do not time Debian's adr-tools even when installed.")
    parser.add_argument("--regenerate", action="store_true", help="Generate the logs again even when kept ones exist.")
    parser.add_argument("--results", type=Path, default=RESULTS, help="Folder for generated logs, caches and JSON (default bench/results).")
    parser.add_argument("--json", type=Path, default=None, help="Where to write the JSON (default RESULTS/bench-<time>.json and latest.json).")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.runs, args.budget = "100,1000", 3, 20.0  # slow operations (adr-tools, plain site) run once
    try:
        sizes = [int(s.replace("_", "").replace(",", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes must be numbers, e.g. 100,1000 (got '{args.sizes}')")
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    for fmt in formats:
        if fmt not in generate.LOG_DIRS:
            parser.error(f"unknown format '{fmt}' (use {', '.join(generate.LOG_DIRS)})")
    only = [o.strip() for o in args.only.split(",") if o.strip()]
    settings = ops.Settings(runs=max(1, args.runs), budget=args.budget, timeout=args.timeout)

    figures: list[Figure] = []
    began = time.perf_counter()
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    for size in sizes:
        for fmt in formats:
            print(f"{size:,} ADRs, {fmt}:", flush=True)
            log = prepared_log(fmt, size, args.regenerate, args.results)
            try:
                batch = ops.adr_operations(log, settings, only)
                batch += extras.operations(log, settings, only)
                if not args.no_adr_tools:
                    batch += ops.adr_tools_operations(log, settings, only)
            finally:
                ops.restore(log)
            for figure in batch:
                print(f"  {figure.tool:9} {figure.op:32} {report.cell(figure)}", flush=True)
            figures += batch

    print()
    print(report.table(figures))
    print(f"\nseconds: median of wall time (min–max), then the median CPU time (user + system); load average now {os.getloadavg()[0]:.1f}")
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    params = {"load_average_at_start": load_at_start, "sizes": sizes, "formats": formats, "runs": settings.runs, "only": only, "seconds": round(time.perf_counter() - began, 1)}
    targets = [args.json] if args.json else [args.results / f"bench-{stamp}.json", args.results / "latest.json"]
    for path in targets:
        report.write_json(path, figures, params)
    print(f"\nJSON: {targets[0]}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\nbench: interrupted", file=sys.stderr)
        sys.exit(130)
