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


@pytest.fixture
def adr(tmp_path, monkeypatch):
    """Run the real `adr` command in a subprocess, in `tmp_path` unless `cwd` is given."""

    def run(*args: str, cwd: Path | None = None, env: dict | None = None, input: str | None = None) -> Result:
        full_env = {k: v for k, v in os.environ.items() if k not in ("VISUAL", "EDITOR", "ADR_DIR", "ADR_FORMAT", "ADR_TEMPLATE")}
        full_env["ADR_DATE"] = "2024-05-06"
        full_env.update(env or {})
        proc = subprocess.run(
            [sys.executable, "-m", "adr", *args], cwd=cwd or tmp_path, env=full_env,
            capture_output=True, text=True, input=input, timeout=120,
        )
        assert "Traceback" not in proc.stderr, proc.stderr
        return Result(proc)

    return run
