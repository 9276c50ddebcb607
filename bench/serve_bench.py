"""`mkdocs serve` as a writer uses it: the first build, then a rebuild after each edit of a record.

The project builds the log with the plugin and git metadata on, as a site's own `mkdocs.yml`
would. The first build starts with empty caches; each rebuild follows an edit of one record and
finds the parse and history caches the builds before it wrote. Figures are MkDocs' own
"Documentation built in N seconds" (the build, without the watcher's delay). The edited record
gets its bytes back at the end, and the server is stopped, also on Ctrl-C or SIGTERM.

    .venv/bin/python bench/serve_bench.py bench/results/logs/madr-1000-g2/docs/decisions --runs 3
"""

from __future__ import annotations

import argparse
import contextlib
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from site_bench import MKDOCS, project  # noqa: E402

BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A `mkdocs serve` process whose log lines are read on a thread."""

    def __init__(self, root: Path, cache_dir: Path):
        env = {**os.environ, "ADR_CACHE_DIR": str(cache_dir), "NO_MKDOCS_2_WARNING": "1"}
        command = [MKDOCS, "serve", "--livereload", "-a", f"127.0.0.1:{_free_port()}"]
        self.proc = subprocess.Popen(
            command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stderr:  # type: ignore[union-attr]
            self.lines.put(line)
        self.lines.put("")  # the server ended

    def built(self, timeout: float) -> float:
        """MkDocs' own time for the next build; an error when it fails, ends or takes too long."""
        deadline = time.monotonic() + timeout
        seen = []
        while True:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise TimeoutError(f"no build within {timeout:.0f} s") from None
            seen.append(line)
            found = BUILT.search(line)
            if found:
                return float(found.group(1))
            if not line or "Aborted" in line or "Traceback" in line:
                raise RuntimeError("mkdocs serve stopped: " + "".join(seen[-5:]).strip())

    def stop(self) -> None:
        """Ctrl-C first, so that MkDocs deletes its temporary site folder; then kill."""
        for sig, wait in ((signal.SIGINT, 10), (signal.SIGKILL, None)):
            try:
                os.killpg(self.proc.pid, sig)
                self.proc.wait(timeout=wait)
                return
            except (OSError, subprocess.TimeoutExpired):
                continue


@contextlib.contextmanager
def sigterm_unwinds():
    """SIGTERM exits like Ctrl-C, through every `finally`, so the server stops and the record
    gets its bytes back; by default Python dies on the spot and leaves both behind. A second
    SIGTERM is ignored while that cleanup runs."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; its own caller then owns SIGTERM
        return

    def unwind(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, unwind)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


NOTICED = 20.0  # seconds: an edit MkDocs has not reacted to by then went unnoticed


def rebuild_after_edit(server: Server, record: Path, original: bytes, run: int, timeout: float) -> float:
    """MkDocs' time for the rebuild an edit of `record` causes. On a loaded machine MkDocs can
    still be finishing the previous build and miss the edit, so it is made again, differently,
    until a build starts; the figure is MkDocs' own build time either way."""
    deadline = time.monotonic() + timeout
    attempt = 1
    while True:
        record.write_bytes(original + f"\nEdited for the benchmark ({run}.{attempt}).\n".encode())
        left = deadline - time.monotonic()
        try:
            return server.built(min(NOTICED, left))
        except TimeoutError:
            if left <= NOTICED:
                raise TimeoutError(f"no build within {timeout:.0f} s of the edit") from None
            attempt += 1


def serve_rebuilds(folder: Path, runs: int, timeout: float) -> tuple[float, list[float]]:
    """(first build, rebuilds) in seconds, each rebuild after an edit of one record."""
    records = sorted(folder.glob("*.md"))
    if not records:
        raise RuntimeError(f"{folder}: no records")
    record = records[len(records) // 2]
    original = record.read_bytes()
    with sigterm_unwinds(), tempfile.TemporaryDirectory(prefix="adr-bench-serve-") as tmp:
        root = project(Path(tmp) / "site", f"  - search\n  - adr:\n      decisions_dir: {folder}\n      git: true\n")
        server = None
        try:
            server = Server(root, Path(tmp) / "cache")
            first = server.built(timeout)
            rebuilds = []
            for run in range(runs):
                time.sleep(1.0)  # MkDocs ignores changes made while it builds
                rebuilds.append(rebuild_after_edit(server, record, original, run + 1, timeout))
            return first, rebuilds
        finally:
            try:
                if server is not None:
                    server.stop()
            finally:
                record.write_bytes(original)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args(argv)
    try:
        first, rebuilds = serve_rebuilds(args.folder.resolve(), args.runs, args.timeout)
    except (RuntimeError, TimeoutError, OSError) as exc:
        print(f"serve_bench: {exc}", file=sys.stderr)
        return 1
    print(f"first build {first:.2f} s; rebuilds after an edit: " + ", ".join(f"{r:.2f}" for r in rebuilds) + " s")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # the `finally`s have run: server stopped, record restored
        print("serve bench: interrupted", file=sys.stderr)
        sys.exit(130)
