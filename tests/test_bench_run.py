"""`make bench` itself: the generator and the harness run end to end on a tiny log."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_generated_log_is_realistic_and_committed(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    import generate

    folder = generate.generate(tmp_path / "log", 40, "madr")
    records = sorted(folder.glob("*.md"))
    assert len(records) == 40
    texts = [p.read_text() for p in records]
    assert sum("status: superseded" in t for t in texts) >= 4  # about a fifth
    assert all("decision-makers: [" in t for t in texts)
    assert sum("- A1:" in t for t in texts) >= 30
    status = subprocess.run(["git", "status", "--porcelain"], cwd=tmp_path / "log", capture_output=True, text=True, check=True)
    assert status.stdout == ""  # the last commit holds exactly the files on disk
    commits = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=tmp_path / "log", capture_output=True, text=True, check=True)
    assert int(commits.stdout) > 60  # several commits per record
    check = subprocess.run([sys.executable, "-m", "adr", "check"], cwd=tmp_path / "log", capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def _bench(tmp_path, fmt: str, only: str) -> tuple[subprocess.CompletedProcess, dict]:
    """`bench/run.py` on a 12-record log, 2 runs each: its output and its JSON."""
    out = tmp_path / "result.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "12", "--formats", fmt, "--runs", "2",
         "--only", only, "--no-adr-tools", "--results", str(tmp_path), "--json", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return proc, json.loads(out.read_text())


def test_bench_prints_a_table_and_writes_json(tmp_path):
    proc, data = _bench(tmp_path, "nygard", "new,list,generate toc")
    assert "| operation" in proc.stdout and "12 ADRs" in proc.stdout
    by_op = {r["op"]: r for r in data["results"]}
    assert set(by_op) == {"new", "new -s", "list --format json (cold)", "list --format json (cached)", "list (cold)", "list (cached)",
                        "list --format table (cold)", "list --format table (cached)", "generate toc"}
    for row in by_op.values():
        assert row["note"] == "" and len(row["runs_s"]) == 2
        assert 0 < row["min_s"] <= row["median_s"] <= row["max_s"]
    log = tmp_path / "logs" / next(p.name for p in (tmp_path / "logs").iterdir())
    assert subprocess.run(["git", "status", "--porcelain"], cwd=log, capture_output=True, text=True).stdout == ""  # new was undone


def test_serve_bench_times_a_rebuild_after_an_edit_and_gives_the_record_back(tmp_path):
    _, data = _bench(tmp_path, "madr", "serve")
    by_op = {r["op"]: r for r in data["results"]}
    assert set(by_op) == {"serve: first build (cold)", "serve: rebuild after an edit"}
    assert by_op["serve: first build (cold)"]["note"] == "" and len(by_op["serve: first build (cold)"]["runs_s"]) == 1
    assert by_op["serve: rebuild after an edit"]["note"] == "" and len(by_op["serve: rebuild after an edit"]["runs_s"]) == 2
    assert all(seconds > 0 for row in by_op.values() for seconds in row["runs_s"])
    log = tmp_path / "logs" / next(p.name for p in (tmp_path / "logs").iterdir())
    assert subprocess.run(["git", "status", "--porcelain"], cwd=log, capture_output=True, text=True).stdout == ""  # the edit was undone
