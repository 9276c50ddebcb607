"""Every command over every real corpus and the hostile fuzz corpus: never a Python traceback.

Exit codes as documented: 0 success, 1 findings or a user error (one `adr: ` line naming the
file), 2 usage. `internal error` (the last-resort catch in adr.cli.main) counts as a crash too.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import CORPORA, SAMPLE_LOGS

HOSTILE = Path(__file__).parent / "fuzz" / "hostile"
NAMES = sorted(p.name for p in CORPORA.iterdir() if p.is_dir()) if CORPORA.is_dir() else []


def _run(args: list[str], cwd: Path) -> tuple[list[str], int, str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ADR_", "VISUAL", "EDITOR"))}
    env["ADR_DATE"] = "2024-05-06"
    proc = subprocess.run([sys.executable, "-m", "adr", "--dir", "log", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=180)
    return args, proc.returncode, proc.stdout, proc.stderr


def _exercise(source: Path, work: Path) -> list[tuple[list[str], int, str, str]]:
    """Read-only commands, then the writing ones, on a copy of one log."""
    shutil.copytree(source, work / "log", symlinks=True)
    listed = _run(["list", "--format", "json"], work)
    records = json.loads(listed[2]) if listed[1] == 0 else []
    refs = [r["path"].removeprefix("log/") for r in records]
    first, last = (refs[0], refs[-1]) if refs else ("1", "2")
    results = [listed]
    reads = [
        ["list"], ["list", "--format", "table"], ["list", "--status", "accepted"], ["list", "--status", "at-risk", "--format", "json"],
        ["list", "--tag", "x", "--stakeholder", "nobody"], ["show", first], ["show", last], ["show", "no-such-record"],
        ["generate", "toc", "-p", "adr/"], ["generate", "graph"], ["generate", "graph", "--format", "mermaid"],
        ["check"], ["check", "--format", "json"], ["history", first], ["review"],
    ]
    results += [_run(args, work) for args in reads]
    writes = [
        ["link", last, "Amends", first], ["unlink", last, first], ["unlink", first, last], ["link", last, "Amends", first],
        ["status", first, "deprecated", "--force"], ["new", "-s", first, "-l", f"{last}:Relates to", "Fuzzed successor"],
        ["renumber", last, "9999"], ["upgrade-repository"], ["list", "--format", "json"], ["check"],
    ]
    results += [_run(args, work) for args in writes]
    return results


def _assert_no_crash(results, label: str) -> None:
    for args, code, out, err in results:
        context = f"{label}: adr {' '.join(args)} -> {code}\n{err[-2000:]}"
        assert "Traceback" not in out + err, context
        assert "internal error" not in err, context
        assert code in (0, 1, 2), context
        if code == 1 and args[0] not in ("check",):
            assert err.startswith("adr") and err.strip(), context
    # the log is still readable afterwards, and nothing was left half-written
    final = [r for r in results if r[0] == ["list", "--format", "json"]][-1]
    assert final[1] == 0, (label, final)


def test_every_command_over_every_corpus_and_the_fuzz_corpus(tmp_path):
    sources = {name: CORPORA / name for name in NAMES}
    sources.update({f"samples/{name}": folder for name, folder in SAMPLE_LOGS.items()})
    sources["fuzz/hostile"] = HOSTILE
    with ThreadPoolExecutor(max_workers=min(8, len(sources))) as pool:
        futures = {name: pool.submit(_exercise, src, tmp_path / name.replace("/", "-")) for name, src in sources.items()}
        outcomes = {name: f.result() for name, f in futures.items()}
    for name, results in outcomes.items():
        _assert_no_crash(results, name)
        work = tmp_path / name.replace("/", "-") / "log"
        assert not list(work.rglob(".adr-journal*")) and not list(work.rglob(".*.tmp")), name
    # and they did real work: every corpus listed records, the hostile one reported problems
    assert all(json.loads(r[0][2]) for r in outcomes.values())
    hostile_check = next(r for r in outcomes["fuzz/hostile"] if r[0] == ["check"])
    assert hostile_check[1] == 1 and "unreadable" in hostile_check[2]


def test_help_of_every_command_and_usage_errors(tmp_path, adr):
    top = adr("--help")
    assert top.code == 0
    commands = [line.split()[0] for line in top.out.split("Commands:")[1].splitlines() if line.strip()]
    assert {"new", "link", "list", "check"} <= set(commands)
    for command in commands:
        result = adr(command, "--help")
        assert result.code == 0 and "Usage:" in result.out, (command, result)
        bad = adr(command, "--no-such-option")
        assert bad.code == 2 and "No such option" in bad.err, (command, bad)
    assert adr("--version").code == 0
    assert adr("frobnicate").code == 2
