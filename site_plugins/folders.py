"""Which folders hold the decisions: configured, or found the way the `adr` command finds them."""

from __future__ import annotations

from pathlib import Path

from adr.config import discover
from adr.errors import AdrError


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
