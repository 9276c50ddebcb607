"""Where parsing time goes, per record: markdown-it's block pass, YAML, file reads, the rest.

    .venv/bin/python bench/parse_bench.py bench/results/logs/madr-10000-g2/docs/decisions
    .venv/bin/python bench/parse_bench.py --profile DIR    # cProfile of DecisionLog.load, top 25
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adr.store.listing import record_files  # noqa: E402
from adr.store.log import DecisionLog  # noqa: E402
from adr.parse import frontmatter, read_record  # noqa: E402
from adr.parse.blocks import blocks  # noqa: E402


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    os.environ["ADR_NO_CACHE"] = "1"
    files = record_files(args.folder)
    if not files:
        print(f"{args.folder}: no records", file=sys.stderr)
        return 1
    if args.profile:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(DecisionLog.load, args.folder)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        return 0
    texts = [p.read_text(encoding="utf-8") for p in files]
    split = [frontmatter.split(t) for t in texts]
    per = 1000 / len(files)
    figures = {
        "read_record (all of it)": best(lambda: [read_record(p) for p in files], 2),
        "block pass, markdown-it": best(lambda: [blocks(body, first) for _, body, first, _ in split], 2),
        "YAML front matter": best(lambda: [frontmatter.load(fm, "x") for fm, *_ in split if fm is not None]),
        "read files": best(lambda: [p.read_bytes() for p in files]),
    }
    print(f"{len(files):,} records; load {os.getloadavg()[0]:.1f}")
    for name, seconds in figures.items():
        print(f"  {name:26} {seconds:7.3f} s  {seconds * per:6.3f} ms/record")
    return 0


if __name__ == "__main__":
    sys.exit(main())
