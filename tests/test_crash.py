"""Crash safety: a multi-file command killed at any write step leaves the log before or after.

`ADR_TEST_CRASH_AT=N` makes the real command die like `kill -9` (no cleanup) at its Nth write
step; the next command must finish or undo the interrupted group and say so in one line.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

CRASHED = 86  # the exit code of the fault injection hook in adr/fs.py


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    """A small log per format, built once with the real command: 1 to 4, nothing linked."""
    built = {}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ADR_", "VISUAL", "EDITOR"))}
    env["ADR_DATE"] = "2024-05-06"
    for fmt in ("nygard", "madr"):
        base = tmp_path_factory.mktemp(fmt)
        script = f"init --format {fmt} doc/adr; new Use MySQL; new Use Redis for sessions; new Ship on Fridays"
        for line in script.split("; "):
            subprocess.run([sys.executable, "-m", "adr", *line.split()], cwd=base, env=env, check=True, capture_output=True)
        built[fmt] = base
    return built


def build_log(target: Path, logs, fmt: str) -> Path:
    shutil.copytree(logs[fmt], target)
    return target


SCENARIOS = [  # (format, command, commands that prepare the log first)
    ("nygard", ["new", "-s", "2", "-l", "3:Amends:Amended by", "Use PostgreSQL"], []),
    ("madr", ["new", "-s", "2", "-s", "3", "Use PostgreSQL"], []),
    ("madr", ["link", "4", "Supersedes", "2"], []),
    # 4 is proposed, so the links wait for it: accepting it marks 2 and 3 superseded in one write
    ("madr", ["status", "4", "accepted"], [["link", "4", "Supersedes", "2"], ["link", "4", "Supersedes", "3"]]),
    ("nygard", ["renumber", "3", "9"], []),
    ("nygard", ["unlink", "4", "2"], [["link", "4", "Amends", "2"]]),
]


@pytest.mark.parametrize("fmt,command,prepare", SCENARIOS, ids=[f"{f}-{c[0]}-{i}" for i, (f, c, _) in enumerate(SCENARIOS)])
def test_killed_at_every_write_step_leaves_the_log_before_or_after(tmp_path, adr, logs, fmt, command, prepare):
    if command[0] == "renumber" and "renumber" not in adr("--help").out:
        pytest.skip("adr renumber not there yet")
    pristine = build_log(tmp_path / "pristine", logs, fmt)
    for step in prepare:
        assert adr(*step, cwd=pristine).code == 0
    before = snapshot(pristine)
    done = tmp_path / "done"
    shutil.copytree(pristine, done)
    result = adr(*command, cwd=done)
    assert result.code == 0, result
    after = snapshot(done)
    assert after != before
    changed = {name for name in set(before) | set(after) if before.get(name) != after.get(name)}
    assert len(changed) >= 2, "a multi-file operation"

    crashes = 0
    for step in range(1, 60):
        work = tmp_path / f"step{step}"
        shutil.copytree(pristine, work)
        result = adr(*command, cwd=work, env={"ADR_TEST_CRASH_AT": str(step)})
        if result.code != CRASHED:
            assert result.code == 0, result
            assert snapshot(work) == after
            break
        crashes += 1
        # right after the crash: every record file is whole, old or new
        for name, data in snapshot(work).items():
            if Path(name).name.startswith("."):
                continue  # the journal and temporary files, which the next command handles
            assert data in (before.get(name), after.get(name)), f"step {step}: {name} is torn"
        # the next command repairs, says so, and the log is entirely before or after
        interrupted = (work / "doc/adr/.adr-journal.json").exists()
        listed = adr("list", cwd=work)
        assert listed.code == 0, listed
        if interrupted:
            assert "interrupted" in listed.err and listed.err.count("\n") == 1, listed
        state = snapshot(work)
        assert state in (before, after), f"step {step}: log is half-way: {sorted(set(state) ^ set(before))}"
        assert not any(Path(n).name.startswith(".adr-journal") or n.endswith(".tmp") for n in state)
    else:
        pytest.fail("the command never finished")
    assert crashes >= 2 * len(changed) + 2, "every temporary file, journal state and rename is a step"


def test_a_repair_in_progress_by_one_command_is_done_once(tmp_path, adr, logs):
    """Four commands after a crash: one repairs under the lock, the others find nothing to do."""
    log = build_log(tmp_path / "log", logs, "nygard")
    crash = adr("link", "3", "Amends", "2", cwd=log, env={"ADR_TEST_CRASH_AT": "5"})
    assert crash.code == CRASHED
    assert (log / "doc/adr/.adr-journal.json").exists()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADR_")}
    procs = [subprocess.Popen([sys.executable, "-m", "adr", "list"], cwd=log, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outs = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert sum("interrupted" in err for _, err in outs) == 1, outs
    assert "Amended by" in (log / "doc/adr/0002-use-mysql.md").read_text()


def test_a_damaged_or_hostile_journal_is_refused_with_one_line(tmp_path, adr, logs):
    log = build_log(tmp_path / "log", logs, "nygard")
    journal = log / "doc/adr/.adr-journal.json"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    journal.write_text('{"version": 1, "state": "committed", "files": [{"path": "../../../victim.txt", "temp": "../../../.x.0123abcd.tmp", "create": false}]}')
    result = adr("list", cwd=log)
    assert result.code == 1 and "outside the decision log" in result.err and result.err.count("\n") == 1, result
    assert victim.read_text() == "keep me"
    journal.write_text("{not json")
    result = adr("list", cwd=log)
    assert result.code == 1 and ".adr-journal.json" in result.err and "damaged" in result.err, result


def test_kill_9_of_a_real_adr_new_supersede_in_a_loop(tmp_path, adr, logs):
    """A real process killed with SIGKILL at moments spread over its run, ten times."""
    pristine = build_log(tmp_path / "pristine", logs, "nygard")
    before = snapshot(pristine)
    done = tmp_path / "done"
    shutil.copytree(pristine, done)
    delay = "0.03"  # each write step sleeps, so the kills land inside the write phase too
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ADR_", "VISUAL", "EDITOR"))}
    env.update(ADR_DATE="2024-05-06", ADR_TEST_STEP_DELAY=delay)
    command = [sys.executable, "-m", "adr", "new", "-s", "2", "-l", "3:Amends:Amended by", "Use PostgreSQL"]
    started = time.monotonic()
    subprocess.run(command, cwd=done, env=env, check=True, capture_output=True)
    total = time.monotonic() - started
    after = snapshot(done)
    outcomes = set()
    delays = [total * (0.3 + 0.9 * n / 9) for n in range(10)] + [total * 2, total * 4]  # the last ones: a loaded machine
    for n, delay in enumerate(delays):
        if n >= 10 and "after" in outcomes:
            break
        work = tmp_path / f"kill{n}"
        shutil.copytree(pristine, work)
        proc = subprocess.Popen(command, cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        assert b"Traceback" not in proc.stderr.read()
        listed = adr("list", cwd=work)
        assert listed.code == 0, listed
        state = snapshot(work)
        assert state in (before, after), f"kill {n}: half-way: {sorted(set(state) ^ set(before))}"
        outcomes.add("after" if state == after else "before")
        if "interrupted" in listed.err:
            outcomes.add("repaired")
    assert "before" in outcomes and "after" in outcomes, outcomes


def test_a_kill_while_the_journal_itself_is_saved_leaves_nothing_behind(tmp_path, adr, logs):
    """Killed between writing the journal's temporary copy and renaming it: that copy never
    took effect, and the next command removes it (with the rest of the group undone). The files
    are what a killed adr of this user leaves: sealed with this user's key (adr.store.journal)."""
    from adr.store.journal import seal

    log = build_log(tmp_path / "log", logs, "nygard")
    before = snapshot(log)
    folder = log / "doc/adr"
    (folder / "..adr-journal.json.0123abcd.tmp").write_text(seal(folder, "committed", []))
    result = adr("list", cwd=log)
    assert result.code == 0 and snapshot(log) == before, result
    (folder / ".adr-journal.json").write_text(seal(folder, "prepared", []))
    (folder / "..adr-journal.json.4567cdef.tmp").write_text(seal(folder, "committed", []))
    result = adr("list", cwd=log)
    assert result.code == 0 and snapshot(log) == before, result
