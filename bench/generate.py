"""Realistic decision logs for the benchmarks, written with the project's own renderers.

A log is a git repository holding `N` records in the Nygard (adr-tools) or the rich (MADR)
format: about a quarter superseded, some amending or relating to others, assumptions (some
invalidated by later records), stakeholders, tags, and a history of one to three commits per
record (proposed, accepted or rejected, clarified) plus one per supersession. The history is streamed into `git fast-import`, so 10,000 records take seconds, not the
minutes that one `git commit` per change would.

    python bench/generate.py --format madr --count 1000 /tmp/log
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adr.model import NYGARD  # noqa: E402
from adr.edit.operations import Changes, add_link, mark_superseded, supersede  # noqa: E402
from adr.parse import parse_record  # noqa: E402
from adr.slug import file_name  # noqa: E402
from adr.edit import render  # noqa: E402

GENERATOR_VERSION = 3  # bump when the generated logs change, so cached logs are rebuilt
LOG_DIRS = {"nygard": "doc/adr", "madr": "docs/decisions"}

_VERBS = ["Use", "Adopt", "Replace", "Move to", "Introduce", "Retire", "Standardise on", "Split", "Keep", "Evaluate"]
_THINGS = [
    "PostgreSQL", "Kafka", "gRPC", "GraphQL", "Redis", "a service mesh", "feature flags", "OpenTelemetry",
    "Kubernetes", "Terraform", "event sourcing", "CQRS", "a monorepo", "trunk-based development",
    "server-side rendering", "OAuth 2.1", "S3-compatible storage", "ClickHouse", "SQLite", "Rust",
    "TypeScript", "Python type hints", "contract tests", "blue-green deployments", "a read replica",
    "an outbox table", "Protobuf schemas", "semantic versioning", "WebAssembly plug-ins", "Argo CD",
]
_AREAS = [
    "orders", "billing", "search", "the mobile API", "analytics", "payments", "identity", "the data lake",
    "notifications", "internal tools", "the partner API", "reporting", "checkout", "inventory", "audit logs",
]
_TEAMS = [
    "Platform team", "Data team", "Security", "Payments squad", "Mobile team", "SRE", "Ana (architect)",
    "Product management", "Legal", "Finance", "Support", "Frontend guild", "Ravi (CTO)", "QA",
]
_TAGS = ["data", "security", "api", "infrastructure", "frontend", "process", "observability", "cost", "compliance"]
_WORDS = (
    "the system must handle peak traffic during sales while keeping latency low and costs predictable "
    "teams own their services end to end and deploy several times a day without coordination "
    "regulators require an audit trail of every change to customer data kept for seven years "
    "the current solution is hard to operate and only two people understand its failure modes "
    "we expect the number of partners to triple within two years which changes the load profile"
).split()


@dataclass
class Plan:
    number: int
    title: str
    date: dt.date
    status: str
    tags: list[str]
    deciders: list[str]
    consulted: list[str]
    informed: list[str]
    assumptions: list[str]
    supersedes: int | None = None
    amends: int | None = None
    relates: int | None = None
    invalidates: tuple[int, str] | None = None  # (record, "A1")


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(10, 22))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, sentences: tuple[int, int] = (2, 5)) -> str:
    text = " ".join(_sentence(rng) for _ in range(rng.randint(*sentences)))
    out, line = [], ""
    for word in text.split():  # wrap at 96 columns, like a hand-written record
        if len(line) + len(word) + 1 > 96:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join([*out, line])


def plan(count: int, seed: int = 6) -> list[Plan]:
    """What each record says and how it relates to earlier ones; about a quarter end up superseded."""
    rng = random.Random(seed)
    start = dt.date(2016, 1, 4)
    span = 365 * 9
    plans: list[Plan] = []
    superseded: set[int] = set()
    for number in range(1, count + 1):
        title = f"{rng.choice(_VERBS)} {rng.choice(_THINGS)} for {rng.choice(_AREAS)}"
        if number == 1:
            title = "Record architecture decisions"
        p = Plan(
            number, title, start + dt.timedelta(days=span * (number - 1) // max(count, 1)),
            rng.choice(["accepted"] * 8 + ["proposed", "deprecated"]),
            rng.sample(_TAGS, rng.randint(0, 3)), rng.sample(_TEAMS, rng.randint(1, 2)),
            rng.sample(_TEAMS, rng.randint(0, 3)), rng.sample(_TEAMS, rng.randint(0, 2)),
            [_sentence(rng) for _ in range(rng.randint(1, 3))],
        )
        earlier = [n for n in range(max(2, number - 400), number) if n not in superseded]
        roll = rng.random()
        if number > 5 and earlier and roll < 0.25:
            p.supersedes = rng.choice(earlier)
            superseded.add(p.supersedes)
        elif number > 5 and earlier and roll < 0.35:
            p.amends = rng.choice(earlier)
        elif number > 5 and earlier and roll < 0.45:
            p.relates = rng.choice(earlier)
        if number > 5 and rng.random() < 0.05:
            target = rng.randrange(2, number)
            p.invalidates = (target, "A1")
        plans.append(p)
    return plans


def _flesh_out(text: str, rng: random.Random) -> str:
    """Replace the templates' one-line prompts with paragraphs of the length people write."""
    prompts = [
        "What is the situation that calls for a decision?", "What we will do, stated in full sentences",
        "What follows from this decision:", "What problem are we solving, and why now?",
    ]
    first, second = rng.sample(_THINGS, 2)
    filled = {
        "- (a force or concern that shapes the choice)": f"- {_sentence(rng)}",
        "- (option 1)": f"- {first}", "- (option 2)": f"- {second}", "### (option 1)": f"### {first}",
        'Chosen option: "(option 1)", because (justification).': f'Chosen option: "{first}", because {_sentence(rng).lower()}',
        "- Good, because (a benefit)": f"- Good, because {_sentence(rng).lower()}",
        "- Bad, because (a cost we accept)": f"- Bad, because {_sentence(rng).lower()}",
        "- Good, because (argument)": f"- Good, because {_sentence(rng).lower()}",
        "- Bad, because (argument)": f"- Bad, because {_sentence(rng).lower()}",
        "- (Stakeholder): (what they gave up, and what they get in return)": f"- {rng.choice(_TEAMS)}: {_sentence(rng).lower()}",
        "(How and when the decision will be validated, links to evidence, and when to revisit it.)": _paragraph(rng, (1, 3)),
    }
    lines = text.split("\n")
    out: list[str] = []
    skipping = False
    for line in lines:
        if line in filled:
            out.append(filled[line])
            continue
        if any(line.startswith(p) for p in prompts):
            out.append(_paragraph(rng))
            skipping = True
            continue
        if skipping and line.strip():
            continue  # the rest of the prompt's paragraph
        skipping = False
        out.append(line)
    return "\n".join(out)


def render_log(plans: list[Plan], fmt: str, folder: Path, seed: int = 6) -> tuple[dict[Path, str], list[tuple[dt.date, str, str, dict[Path, str]]]]:
    """Final texts by path, and the history as (date, author, message, {path: text}) commits."""
    rng = random.Random(seed + 1)
    texts: dict[Path, str] = {}
    history: list[tuple[dt.date, str, str, dict[Path, str]]] = []
    paths: dict[int, Path] = {}
    changes = Changes(folder)
    for p in plans:
        path = folder / file_name(p.number, p.title)
        paths[p.number] = path
        data = render.NewRecord(p.number, p.title, p.date, "Proposed" if fmt == NYGARD else "proposed", p.tags, p.deciders, p.consulted, p.informed, p.assumptions)
        first = p.number == 1
        if first:
            data.assumptions = []  # the first record's template has its own
        text = (render.nygard if fmt == NYGARD else render.madr)(data, None, first)
        if fmt == NYGARD and not first:
            text = text.rstrip("\n") + "\n\n## Assumptions\n\n" + "\n".join(f"- A{n}: {a}" for n, a in enumerate(p.assumptions, 1)) + "\n"
        text = _flesh_out(text, rng)
        if p.invalidates:
            target = paths[p.invalidates[0]]
            text = text.replace("\n## Assumptions\n\n", f"\n## Assumptions\n\n- [{p.invalidates[1]} of ADR {p.invalidates[0]}]({target.name}#{p.invalidates[1].lower()}): no longer true.\n", 1)
        author = p.deciders[0]
        changes.texts[path] = text
        new = parse_record(path, text)
        touched = {path}
        if p.supersedes:
            old = paths[p.supersedes]
            supersede(changes, new, changes.record(_stub(old)))
            touched.add(old)
        for other, label in ((p.amends, "Amends"), (p.relates, "Relates to")):
            if other:
                target = changes.record(_stub(paths[other]))
                add_link(changes, new, label, target)
                add_link(changes, target, "Amended by" if label == "Amends" else "Relates to", new)
                touched.add(paths[other])
        verb = f"Supersede ADR {p.supersedes} with" if p.supersedes else "Propose"
        history.append((p.date, author, f"{verb} ADR {p.number}: {p.title}", {t: changes.texts[t] for t in touched}))
        if p.status != "proposed" or first:
            from adr.edit.in_place import set_status

            current = changes.record(_stub(path))
            changes.texts[path] = set_status(changes.texts[path], current, "accepted" if first else p.status)
            marked = {path}
            if p.supersedes:  # as `adr status` does: the record it proposed to supersede is superseded now
                mark_superseded(changes, changes.record(_stub(path)), changes.record(_stub(paths[p.supersedes])))
                marked.add(paths[p.supersedes])
            history.append((p.date, rng.choice(_TEAMS), f"Mark ADR {p.number} {'accepted' if first else p.status}", {t: changes.texts[t] for t in marked}))
        if rng.random() < 0.5:
            changes.texts[path] = changes.texts[path].rstrip("\n") + "\n\n## More Information\n\n" + _paragraph(rng, (1, 2)) + "\n"
            history.append((p.date, rng.choice(_TEAMS), f"Clarify ADR {p.number}", {path: changes.texts[path]}))
    texts.update(changes.texts)  # commits stay in the order made: dates never decrease along it
    return texts, history


def _stub(path: Path):
    """The path-only record `Changes` needs to read a pending text."""
    from adr.model import Record

    return Record(path=path, id=path.stem, number=None, title="", status="", format=NYGARD)


def _fast_import(repo: Path, history, root: Path) -> None:
    """Write every commit with one `git fast-import` process: blobs inline, no working tree."""
    proc = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], cwd=repo, stdin=subprocess.PIPE)
    out = proc.stdin
    assert out is not None
    mark = 0
    for when, author, message, files in history:
        mark += 1
        stamp = int(dt.datetime.combine(when, dt.time(9), dt.timezone.utc).timestamp()) + mark % 30000
        email = author.split(" ")[0].lower().strip("()") + "@example.com"
        msg = message.encode()
        chunks = [
            b"commit refs/heads/main\n",
            f"mark :{mark}\nauthor {author} <{email}> {stamp} +0000\ncommitter {author} <{email}> {stamp} +0000\n".encode(),
            b"data %d\n%s\n" % (len(msg), msg),
        ]
        if mark > 1:
            chunks.append(f"from :{mark - 1}\n".encode())
        for path, text in files.items():
            data = text.encode()
            chunks.append(f"M 100644 inline {path.relative_to(root).as_posix()}\n".encode())
            chunks.append(b"data %d\n%s\n" % (len(data), data))
        out.write(b"".join(chunks))
    out.write(b"done\n")
    out.close()
    if proc.wait() != 0:
        raise RuntimeError("git fast-import failed")


def generate(target: Path, count: int, fmt: str = "madr", seed: int = 6, history: bool = True) -> Path:
    """Create the log repository at `target` (replacing it); returns the log folder."""
    if fmt not in LOG_DIRS:
        raise ValueError(f"format must be one of {', '.join(LOG_DIRS)}")
    if target.exists():
        shutil.rmtree(target)
    folder = target / LOG_DIRS[fmt]
    folder.mkdir(parents=True)
    if fmt == "nygard":
        (target / ".adr-dir").write_text(LOG_DIRS[fmt] + "\n")
    else:
        (target / ".adr.yml").write_text(f"dir: {LOG_DIRS[fmt]}\nformat: madr\n")
    texts, commits = render_log(plan(count, seed), fmt, folder, seed)
    config = target / (".adr-dir" if fmt == "nygard" else ".adr.yml")
    commits.insert(0, (commits[0][0] if commits else dt.date(2016, 1, 1), "Platform team", "Set up the decision log", {config: config.read_text()}))
    for path, text in texts.items():
        path.write_text(text, encoding="utf-8")
    if history:
        git = ["git", "-c", "init.defaultBranch=main"]
        subprocess.run([*git, "init", "-q", str(target)], check=True)
        _fast_import(target, commits, target)
        subprocess.run(["git", "symbolic-ref", "HEAD", "refs/heads/main"], cwd=target, check=True)
        subprocess.run(["git", "read-tree", "HEAD"], cwd=target, check=True)
        subprocess.run(["git", "update-index", "-q", "--refresh"], cwd=target, check=False, stdout=subprocess.DEVNULL)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--format", choices=sorted(LOG_DIRS), default="madr")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--no-history", action="store_true", help="Skip the git history.")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    folder = generate(args.target, args.count, args.format, args.seed, not args.no_history)
    print(f"{args.count} {args.format} records in {folder} ({time.perf_counter() - began:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
