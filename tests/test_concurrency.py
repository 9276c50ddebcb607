"""Concurrency: many real `adr` processes at once never share a number nor lose an edit."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ADR_", "VISUAL", "EDITOR"))}
    env["ADR_DATE"] = "2024-05-06"
    return env


def _start_together(commands: list[list[str]], cwd: Path) -> list[tuple[int, str, str]]:
    """Start every process before waiting for any, so they really run at the same time."""
    procs = [subprocess.Popen([sys.executable, "-m", "adr", *c], cwd=cwd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        results.append((proc.returncode, out, err))
    return results


def test_twenty_adr_new_at_once_make_twenty_records_with_twenty_numbers(tmp_path, adr):
    assert adr("init", "--format", "madr", "doc/adr").code == 0
    titles = [f"Decision number {n} of the crowd" for n in range(20)]
    results = _start_together([["new", "--tag", f"t{n}", title] for n, title in enumerate(titles)], tmp_path)
    assert all(code == 0 and err == "" and "Traceback" not in err for code, _, err in results), results
    created = [Path(out.strip()).name for _, out, _ in results]
    numbers = sorted(int(name[:4]) for name in created)
    assert numbers == list(range(2, 22)), created
    files = sorted(p.name for p in (tmp_path / "doc/adr").iterdir())
    assert len(files) == 21 and not any(name.startswith(".") for name in files), files
    # nothing overwritten: each file holds the title it was created for, once
    for (code, out, _), title in zip(results, titles):
        text = (tmp_path / out.strip()).read_text()
        assert title in text and sum(t in text for t in titles) == 1
    listed = adr("list", "--format", "json")
    assert sorted(r["number"] for r in json.loads(listed.out)) == list(range(1, 22))


def test_ten_links_to_one_record_at_once_lose_no_back_link(tmp_path, adr):
    """Each `adr link N Amends 1` also edits record 1; under the log lock none is lost."""
    assert adr("init", "--format", "nygard", "doc/adr").code == 0
    for n in range(10):
        assert adr("new", f"Amendment {n}").code == 0
    results = _start_together([["link", str(n), "Amends", "1"] for n in range(2, 12)], tmp_path)
    assert all(code == 0 for code, _, _ in results), results
    first = (tmp_path / "doc/adr/0001-record-architecture-decisions.md").read_text()
    backs = re.findall(r"^Amended by \[(\d+)\. Amendment \d\]", first, re.M)
    assert sorted(map(int, backs)) == list(range(2, 12)), first
    for n in range(2, 12):
        text = next((tmp_path / "doc/adr").glob(f"{n:04d}-*.md")).read_text()
        assert "Amends [1. Record architecture decisions](0001-record-architecture-decisions.md)" in text


def test_new_records_and_status_changes_interleaved(tmp_path, adr):
    """Writers of different kinds at once: every record stays whole and parseable."""
    assert adr("init", "--format", "madr", "doc/adr").code == 0
    for n in range(4):
        assert adr("new", f"Existing {n}").code == 0
    commands = [["new", "-s", str(2 + n % 4), f"Replacement {n}"] for n in range(6)]
    commands += [["status", str(2 + n), "accepted"] for n in range(4)]
    results = _start_together(commands, tmp_path)
    assert all("Traceback" not in err for _, _, err in results), results
    assert all(code in (0, 1) for code, _, _ in results), results
    assert sum(code == 0 for code, _, _ in results[:6]) == 6
    check = adr("list", "--format", "json")
    records = json.loads(check.out)
    assert len(records) == 11 and len({r["number"] for r in records}) == 11
    assert all(r["status"] for r in records), records
