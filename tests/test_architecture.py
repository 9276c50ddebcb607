"""The layers of docs/architecture.md hold: import-linter's contracts pass on the tree, and fail,
naming the contract, on a copy of it that breaks each one on purpose."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, UNDER_MUTATION

LINT = Path(sys.executable).with_name("lint-imports")
LAYERS = "Layers: adapters, then review and site"
pytestmark = [
    pytest.mark.skipif(not LINT.exists(), reason="import-linter is not installed (pip install -e '.[test]')"),
    pytest.mark.skipif(UNDER_MUTATION, reason="mutmut's copy of the tree imports mutmut in every module"),
]


def _lint(where: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(where)}
    return subprocess.run([str(LINT), "--no-cache"], cwd=where, env=env, capture_output=True, text=True, timeout=120)


def _copy(tmp_path: Path) -> Path:
    for name in ("adr", "site_plugins"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_every_contract_is_kept_on_the_tree():
    done = _lint(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 kept, 0 broken" in done.stdout, done.stdout


@pytest.mark.parametrize("module, line, contract, culprit", [
    ("adr/store/lookups.py", "import adr.site.pages", LAYERS, "adr.store.lookups -> adr.site"),
    ("adr/parse/blocks.py", "from adr.store import log", LAYERS, "adr.parse.blocks -> adr.store"),
    ("adr/edit/operations.py", "from adr.report import insights", LAYERS, "adr.edit.operations -> adr.report"),
    ("adr/site/layout.py", "from adr.review import changes", LAYERS, "adr.site.layout -> adr.review"),
    ("adr/model.py", "import click", "Only the CLI imports click", "adr.model -> click"),
    ("site_plugins/nav.py", "import click", "Only the CLI imports click", "site_plugins.nav -> click"),
    ("adr/cli/show.py", "import mkdocs", "Only the site plugin imports MkDocs and Material", "adr.cli.show -> mkdocs"),
    ("adr/repo/history_cache.py", "from adr.repo import history", "No import cycles", ".history_cache -> .history"),
])
def test_a_deliberate_violation_fails_its_contract(tmp_path, module, line, contract, culprit):
    copy = _copy(tmp_path)
    target = copy / module
    target.write_text(target.read_text() + f"\n{line}  # a deliberate violation\n")
    done = _lint(copy)
    assert done.returncode == 1, done.stdout
    broken = done.stdout.split("Broken contracts", 1)[-1]
    assert contract in " ".join(broken.split()), done.stdout
    assert culprit in done.stdout, done.stdout


def test_every_layer_package_says_what_it_owns_and_may_import():
    for package in ("store", "repo", "edit", "report", "review", "site", "parse", "cli"):
        doc = " ".join((ast.get_docstring(ast.parse((ROOT / "adr" / package / "__init__.py").read_text())) or "").split())
        assert "Owns" in doc and "May import" in doc, f"adr/{package}/__init__.py: say what it owns and may import"
