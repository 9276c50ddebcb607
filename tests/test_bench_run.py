"""`make bench` itself: the generator and the harness run end to end on a tiny log."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
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
    proc, data = _bench(tmp_path, "nygard", "new,list,generate toc,check (one edited)")
    assert "| operation" in proc.stdout and "12 ADRs" in proc.stdout
    by_op = {r["op"]: r for r in data["results"]}
    assert set(by_op) == {"new", "new -s", "list --format json (cold)", "list --format json (cached)", "list (cold)", "list (cached)",
                        "list --format table (cold)", "list --format table (cached)", "list --format json (one edited)",
                        "check (one edited)", "generate toc"}
    for row in by_op.values():
        assert row["note"] == "" and len(row["runs_s"]) == 2
        assert 0 < row["min_s"] <= row["median_s"] <= row["max_s"]
    log = tmp_path / "logs" / next(p.name for p in (tmp_path / "logs").iterdir())
    assert subprocess.run(["git", "status", "--porcelain"], cwd=log, capture_output=True, text=True).stdout == ""  # new and the edits were undone


def test_serve_bench_times_a_rebuild_after_an_edit_and_gives_the_record_back(tmp_path):
    _, data = _bench(tmp_path, "madr", "serve")
    by_op = {r["op"]: r for r in data["results"]}
    assert set(by_op) == {"serve: first build (cold)", "serve: rebuild after an edit"}
    assert by_op["serve: first build (cold)"]["note"] == "" and len(by_op["serve: first build (cold)"]["runs_s"]) == 1
    assert by_op["serve: rebuild after an edit"]["note"] == "" and len(by_op["serve: rebuild after an edit"]["runs_s"]) == 2
    assert all(seconds > 0 for row in by_op.values() for seconds in row["runs_s"])
    log = tmp_path / "logs" / next(p.name for p in (tmp_path / "logs").iterdir())
    assert subprocess.run(["git", "status", "--porcelain"], cwd=log, capture_output=True, text=True).stdout == ""  # the edit was undone


def _children(pid: int) -> list[int]:
    """The processes `pid` started, from /proc (Linux)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if parent == pid:
            found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sigterm_stops_the_serve_bench_cleanly(tmp_path):
    """SIGTERM mid-run (CI cancelling a job) stops `mkdocs serve` and gives the edited record back, as Ctrl-C does."""
    log = tmp_path / "log"
    log.mkdir()
    for n in (1, 2, 3):
        (log / f"000{n}-record-{n}.md").write_text(f"---\nstatus: accepted\ndate: 2024-01-0{n}\n---\n# Record {n}\n\n## Context and Problem Statement\n\nWhy.\n")
    before = {p.name: p.read_bytes() for p in log.iterdir()}
    bench = subprocess.Popen([sys.executable, str(ROOT / "bench" / "serve_bench.py"), str(log), "--runs", "100", "--timeout", "60"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    servers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while before == {p.name: p.read_bytes() for p in log.iterdir()}:  # the first build is done, then a record is edited
            assert bench.poll() is None and time.monotonic() < deadline, bench.communicate()
            time.sleep(0.05)
        servers = _children(bench.pid)
        assert servers and all(_running(pid) for pid in servers)
        bench.send_signal(signal.SIGTERM)
        _, err = bench.communicate(timeout=30)
    finally:
        bench.kill()
        left = [pid for pid in servers if _running(pid)]
        for pid in left:  # a failing run must not leave a server behind (each leads its own group)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
    assert bench.returncode == 128 + signal.SIGTERM and "Traceback" not in err, err
    assert {p.name: p.read_bytes() for p in log.iterdir()} == before
    assert not left
