"""Every output of the `adr` command and the site, over real and generated logs, in one folder.

Run it before and after a change that must not change behaviour (a refactor, a move), then
`diff -r` the two folders. Nothing under `../shared` is written: each log is copied first.

    python scripts/snapshot.py OUT [--corpora ../shared/corpora] [--no-site]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADR = [sys.executable, "-m", "adr"]
DIR: list[str] = []  # `--dir log` for a copied corpus; empty where `.adr.yml` names the folder

READ_COMMANDS = [
    ["list"],
    ["list", "--format", "table"],
    ["list", "--format", "json"],
    ["list", "--status", "accepted"],
    ["list", "--status", "at-risk", "--format", "json"],
    ["check"],
    ["check", "--format", "json"],
    ["check", "--format", "github"],
    ["check", "--strict"],
    ["check", "--rules"],
    ["generate", "toc"],
    ["generate", "graph"],
    ["generate", "graph", "--format", "mermaid"],
]


def env() -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith(("ADR_", "GIT_"))}
    out.update(ADR_NO_CACHE="1", ADR_DATE="2026-01-15", COLUMNS="120", NO_COLOR="1", TZ="UTC", PYTHONPATH=str(ROOT),
               GIT_AUTHOR_NAME="Snap", GIT_AUTHOR_EMAIL="snap@example.com", GIT_COMMITTER_NAME="Snap",
               GIT_COMMITTER_EMAIL="snap@example.com", GIT_AUTHOR_DATE="2026-01-15T10:00:00Z",
               GIT_COMMITTER_DATE="2026-01-15T10:00:00Z", EDITOR="true", VISUAL="true")
    return out


def run(args: list[str], cwd: Path, out: Path, name: str) -> None:
    done = subprocess.run(ADR + DIR + args, cwd=cwd, env=env(), capture_output=True, timeout=600)
    text = f"$ adr {' '.join(args)}\nexit {done.returncode}\n--- stdout\n".encode() + done.stdout
    text += b"--- stderr\n" + done.stderr.replace(os.fsencode(cwd), b"<log>")
    (out / f"{name}.txt").write_bytes(text.replace(os.fsencode(cwd), b"<log>"))


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env(), check=True, capture_output=True)


def numbers(work: Path) -> list[str]:
    import json

    done = subprocess.run(ADR + DIR + ["list", "--format", "json"], cwd=work, env=env(), capture_output=True)
    try:
        records = json.loads(done.stdout)
    except ValueError:
        return []
    return [str(r["number"]) for r in records if r.get("number") is not None]


def tree(folder: Path, out: Path) -> None:
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and ".git" not in p.parts):
        lines.append(f"=== {path.relative_to(folder)}\n")
        lines.append(path.read_bytes().decode("utf-8", "replace"))
    out.write_text("".join(lines), encoding="utf-8")


def snapshot_log(source: Path, out: Path, site: bool) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "repo"
        shutil.copytree(source, work, symlinks=True)
        git(work, "init", "-q", "-b", "main")
        git(work, "add", "-A")
        git(work, "commit", "-q", "-m", "log", "--allow-empty")
        for i, args in enumerate(READ_COMMANDS):
            run(args, work, out, f"{i:02d}-{'-'.join(args).replace('/', '_')}")
        nums = numbers(work)
        for n in nums:
            run(["show", n], work, out, f"show-{n}")
        run(["history", nums[0]] if nums else ["history"], work, out, "history")
        run(["review", "--base", "main"], work, out, "review-nothing")
        # writing commands, each in turn on the same copy
        git(work, "checkout", "-q", "-b", "change")
        steps = [["new", "Use snapshots to compare outputs"], ["new", "--decider", "Ana", "--tag", "data", "Second new record"]]
        if nums:
            steps += [["new", "-s", nums[0], "Replace the first"], ["link", nums[-1], "Amends", nums[0]],
                      ["status", nums[-1], "accepted"], ["unlink", nums[-1], nums[0]]]
        for i, args in enumerate(steps):
            run(args, work, out, f"write-{i:02d}-{args[0]}")
        run(["list", "--format", "json"], work, out, "after-writes-list")
        run(["check", "--format", "json"], work, out, "after-writes-check")
        git(work, "add", "-A")
        git(work, "commit", "-q", "-m", "change")
        run(["review", "--base", "main"], work, out, "review")
        run(["review", "--base", "main", "--format", "json"], work, out, "review-json")
        tree(work, out / "tree-after-writes.txt")
        if site:
            build_site(work, out)


def build_site(work: Path, out: Path) -> None:
    found = subprocess.run(ADR + DIR + ["list", "--format", "json"], cwd=work, env=env(), capture_output=True)
    import json

    records = json.loads(found.stdout or b"[]")
    if not records:
        return
    docs = work / "_snapdocs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n")
    config = work / "_snapmkdocs.yml"
    config.write_text(
        "site_name: snapshot\ndocs_dir: _snapdocs\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\n  - adr:\n      decisions_dir: " + (DIR[1] if DIR else "decisions") + "\n"
    )
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(work / "_snapsite")],
                          cwd=work, env=env(), capture_output=True, timeout=900)
    (out / "site-build.txt").write_bytes(f"exit {done.returncode}\n".encode() + done.stderr.replace(os.fsencode(work), b"<log>"))
    site = work / "_snapsite"
    if not site.is_dir():
        return
    lines = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site)
        if not path.is_file() or rel.parts[0] == "assets" or rel.name == "sitemap.xml.gz":
            continue
        data = path.read_bytes().replace(os.fsencode(work), b"<log>")
        lines.append(f"=== {rel}\n".encode() + data + b"\n")
    (out / "site.txt").write_bytes(b"".join(lines))


def main() -> None:
    global DIR
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--no-site", action="store_true")
    args = parser.parse_args()
    logs = sorted(p for p in args.corpora.iterdir() if p.is_dir()) if args.corpora.is_dir() else []
    logs.append(ROOT / "tests" / "fuzz" / "hostile")
    for log in logs:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "project"
            copy.mkdir()
            shutil.copytree(log, copy / "log", symlinks=True)
            for p in copy.rglob("*"):
                p.chmod(0o755 if p.is_dir() else 0o644)
            DIR = ["--dir", "log"]
            snapshot_log(copy, args.out / log.name, not args.no_site)
        print(f"snapshot: {log.name}", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "project"
        copy.mkdir()
        shutil.copytree(ROOT / "decisions", copy / "decisions")
        shutil.copy(ROOT / ".adr.yml", copy / ".adr.yml")
        DIR = []
        snapshot_log(copy, args.out / "project-decisions", not args.no_site)


if __name__ == "__main__":
    main()
