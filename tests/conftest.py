"""Shared fixtures: the real corpora (read-only, copied before anything writes) and a CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
SAMPLES = ROOT / "tests" / "samples"  # one small log per format, written for the tests (README there)
SAMPLE_LOGS = {"nygard": SAMPLES / "nygard", "madr2": SAMPLES / "madr2", "madr4": SAMPLES / "madr4", "log4brains": SAMPLES / "log4brains"}


def real_markdown_files() -> list[Path]:
    """Every hand-written record the tests can read: the samples and this project's decisions
    always, the real corpora too when they are beside the checkout."""
    found = sorted(SAMPLES.rglob("*.md")) + sorted((ROOT / "decisions").glob("*.md"))
    if CORPORA.is_dir():
        found += sorted(CORPORA.rglob("*.md"))
    return [path for path in found if path.name != "README.md" or path.parent != SAMPLES]


def minimum_real_files() -> int:
    """What `real_markdown_files` must at least find: more than the samples and decisions alone
    when the corpora are there (so a glob that silently found nothing fails)."""
    return 250 if CORPORA.is_dir() else 50


def corpus(name: str) -> Path:
    path = CORPORA / name
    if not path.is_dir():
        pytest.skip(f"corpus {name} not found beside the checkout (../shared/corpora); tests/samples covers its format")
    return path


@pytest.fixture
def copy_corpus(tmp_path):
    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(corpus(name), target)
        for p in target.rglob("*"):
            p.chmod(0o755 if p.is_dir() else 0o644)
        target.chmod(0o755)
        return target

    return copy


class Result:
    def __init__(self, proc: subprocess.CompletedProcess):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def __repr__(self) -> str:
        return f"<exit {self.code}\nstdout: {self.out}\nstderr: {self.err}>"


# mutmut (`make mutate`) activates a mutant inside the test process: there the `adr` command runs
# in-process, so that the mutant is the code under test, and no cache may carry a result that
# the original code (or another mutant) computed.
UNDER_MUTATION = "MUTANT_UNDER_TEST" in os.environ


@pytest.fixture(autouse=UNDER_MUTATION)
def _no_cache_across_mutants(monkeypatch, tmp_path_factory):
    import importlib

    monkeypatch.setenv("ADR_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))  # a test's own, unless it names one
    for name in [m for m in sys.modules if m == "adr" or m.startswith("adr.")]:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "").startswith("adr"):
                value.cache_clear()


def _run_in_process(args: tuple[str, ...], cwd: Path, env: dict, input: str | None) -> subprocess.CompletedProcess:
    """`python -m adr ARGS` as the test process itself: same exit code, stdout and stderr."""
    import atexit
    import contextlib
    import gc
    import io

    import adr as package
    from adr.cli import main

    saved_env, saved_cwd, saved_argv, saved_stdin = dict(os.environ), os.getcwd(), sys.argv, sys.stdin
    out, err = (io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="surrogateescape", write_through=True) for _ in "oe")
    os.environ.clear()
    os.environ.update({**env, "MUTANT_UNDER_TEST": saved_env["MUTANT_UNDER_TEST"]})
    os.chdir(cwd)
    sys.argv, sys.stdin = ["adr", *args], io.StringIO(input or "")
    code, at_exit, register = 0, [], atexit.register
    atexit.register = lambda function, *a, **k: at_exit.append((function, a, k)) or function
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        atexit.register = register
        for function, a, k in reversed(at_exit):  # what the command left for its exit (waiting for the cache writer)
            function(*a, **k)
        gc.collect()
        package.ONE_COMMAND_PROCESS = False
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)
        sys.argv, sys.stdin = saved_argv, saved_stdin
    text = [stream.buffer.getvalue().decode("utf-8", "replace") for stream in (out, err)]
    return subprocess.CompletedProcess(["adr", *args], code, *text)


@pytest.fixture
def adr(tmp_path, monkeypatch):
    """Run the real `adr` command in a subprocess, in `tmp_path` unless `cwd` is given."""

    def run(*args: str, cwd: Path | None = None, env: dict | None = None, input: str | None = None) -> Result:
        full_env = {k: v for k, v in os.environ.items() if k not in ("VISUAL", "EDITOR", "ADR_DIR", "ADR_FORMAT", "ADR_TEMPLATE")}
        full_env["ADR_DATE"] = "2024-05-06"
        full_env.update(env or {})
        # an editor, or a crash injected at a write step (os._exit), needs a process of its own
        own_process = any(full_env.get(k) for k in ("VISUAL", "EDITOR", "ADR_TEST_CRASH_AT", "ADR_TEST_STEP_DELAY"))
        if UNDER_MUTATION and not own_process:
            proc = _run_in_process(args, cwd or tmp_path, full_env, input)
        else:
            proc = subprocess.run(
                [sys.executable, "-m", "adr", *args], cwd=cwd or tmp_path, env=full_env,
                capture_output=True, text=True, input=input, timeout=120,
            )
        assert "Traceback" not in proc.stderr, proc.stderr
        return Result(proc)

    return run
