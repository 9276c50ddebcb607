"""Which folders hold the decisions: configured, or found the way the `adr` command finds them."""

from __future__ import annotations

from pathlib import Path

from adr.config import discover
from adr.errors import AdrError
from adr.store.log import DecisionLog


def decision_folders(configured: str | list | None, config_dir: Path) -> list[Path]:
    if configured:
        names = [configured] if isinstance(configured, str) else [str(n) for n in configured]
        folders = [(config_dir / name).resolve() for name in names]
    else:
        settings = discover(cwd=config_dir)
        folders = [settings.log_dir, *settings.extra_dirs]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        raise AdrError(f"decisions_dir not found: {', '.join(missing)} (set `decisions_dir` under the adr plugin in mkdocs.yml)")
    return folders


def within_folders(decisions: DecisionLog) -> tuple[DecisionLog, list[Path]]:
    """The log without the records whose file really lies outside its folders, and those files.

    A record may be a symbolic link, and a pull request may commit one to any file the build
    machine can read (`/proc/self/environ`, a key, the CI's token file): publishing it would put
    that file on a public site. Only what the folders themselves hold is published.
    """
    real_folders = [decisions.real(folder) for folder in decisions.folders]
    kept, left_out = [], []
    for record in decisions.records:
        real = decisions.real(record.path)
        if any(folder == real.parent or folder in real.parents for folder in real_folders):
            kept.append(record)
        else:
            left_out.append(record.path)
    if not left_out:
        return decisions, []
    return DecisionLog(decisions.folders, kept, decisions.lookups), left_out
