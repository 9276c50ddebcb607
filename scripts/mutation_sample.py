"""Mutation testing over a random sample of mutmut's mutants, for a survival rate in minutes
instead of hours (the whole run: `make mutate`).

    python scripts/mutation_sample.py [--size 600] [--seed 17] [--names FILE]

Lists every mutant of the modules `[tool.mutmut] only_mutate` names (mutmut generates them into
mutants/), draws `--size` of them with a fixed seed, runs them, and prints the survival rate per
module and in all, with the surviving mutants' names for `mutmut show NAME`.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = [str(Path(sys.executable).with_name("mutmut"))]


def all_mutants() -> list[str]:
    names = []
    for meta in sorted((ROOT / "mutants").rglob("*.meta")):
        names += sorted(json.loads(meta.read_text()).get("exit_code_by_key", {}))
    return names


def results() -> dict[str, int | None]:
    found = {}
    for meta in (ROOT / "mutants").rglob("*.meta"):
        found.update(json.loads(meta.read_text()).get("exit_code_by_key", {}))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=600)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--names", help="run these mutants (a file of names) instead of a sample")
    args = parser.parse_args()
    if not (ROOT / "mutants").is_dir():  # generate the mutants (and the stats) without running them
        subprocess.run(MUTMUT + ["run", "--max-children", str(args.max_children), "adr.no_such_mutant"], cwd=ROOT)
    names = all_mutants()
    if args.names:
        sample = Path(args.names).read_text().split()
    else:
        sample = sorted(random.Random(args.seed).sample(names, min(args.size, len(names))))
    subprocess.run(MUTMUT + ["run", "--max-children", str(args.max_children), *sample], cwd=ROOT, stdout=subprocess.DEVNULL)
    from mutmut.stats import status_by_exit_code

    codes = results()
    by_module: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    survivors = []
    for name in sample:
        module = name.split(".x_")[0].split(".xǁ")[0]
        verdict = status_by_exit_code[codes.get(name)]
        verdict = "killed" if verdict in ("killed", "timeout", "caught by type check") else verdict
        by_module[module][verdict] += 1
        if verdict != "killed":
            survivors.append(f"{verdict}: {name}")
    total = collections.Counter()
    for module in sorted(by_module):
        counts = by_module[module]
        total.update(counts)
        print(_row(module, counts))
    print(_row("all", total) + f"  (a sample of {len(names)} mutants, seed {args.seed})")
    (ROOT / "mutants" / "sample-survivors.txt").write_text("\n".join(survivors) + "\n")


def _row(name: str, counts: collections.Counter) -> str:
    tried = sum(counts.values())
    alive = tried - counts["killed"]
    return f"{name:32} {tried:5} mutants {alive:5} not killed {100 * alive / max(tried, 1):5.1f}%"


if __name__ == "__main__":
    main()
