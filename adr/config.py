"""Settings: where the log is, which format new records use, and project-level options."""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from adr.errors import AdrError, shown_path

CONFIG_FILE = ".adr.yml"
DEFAULT_DIRS = ("doc/adr", "docs/adr", "docs/decisions", "decisions")


@dataclass
class Settings:
    """Everything a command needs to know about the project, resolved once."""

    log_dir: Path
    project_root: Path
    format: str | None = None  # "nygard" | "madr"; None: as the log's files, else madr
    statuses: list[str] = field(default_factory=list)  # custom statuses allowed besides the lifecycle
    rules: dict[str, str] = field(default_factory=dict)  # check rule id -> error|warning|off
    extra_dirs: list[Path] = field(default_factory=list)  # further folders (log4brains packages)
    named_by: str | None = None  # what named log_dir (--dir, a .adr-dir, .adr.yml); None: found or guessed

    def require_log(self) -> None:
        """A one-line user error when there is no log folder, for the commands that read one."""
        if self.log_dir.is_dir():
            return
        if self.named_by:
            by_option = self.named_by in ("--dir", "ADR_DIR")  # a file keeps naming it: plain `adr init` creates it
            create = f"adr init {shlex.quote(shown_path(self.log_dir))}" if by_option else "adr init"
            raise AdrError(f"no decision log here (named by {self.named_by}); create it with `{create}`", self.log_dir)
        markers = ", ".join((".adr-dir", CONFIG_FILE, ".log4brains.yml", *DEFAULT_DIRS))
        raise AdrError(
            f"no decision log found (looked for {markers} here and in the folders above); "
            "create one with `adr init`, or name its folder with --dir"
        )


def _walk_up(start: Path):
    current = start.resolve()
    while True:
        yield current
        if current.parent == current:
            return
        current = current.parent


def _read_config(path: Path) -> dict:
    import yaml  # only when there is a config file: `adr list | ...` needs no YAML otherwise

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise AdrError(f"cannot read config: {getattr(exc, 'problem', None) or exc}", path, line + 1 if line is not None else None) from None
    if not isinstance(data, dict):
        raise AdrError("config must be a mapping of keys to values", path, 1)
    return data


def _log4brains_dirs(path: Path) -> list[Path]:
    data = _read_config(path).get("project") or {}
    dirs = []
    if data.get("adrFolder"):
        dirs.append(path.parent / str(data["adrFolder"]))
    for package in data.get("packages") or []:
        if isinstance(package, dict) and package.get("adrFolder"):
            dirs.append(path.parent / str(package["adrFolder"]))
    return dirs


def _current_folder() -> Path:
    try:
        return Path.cwd()
    except OSError:  # deleted (or moved away) under the shell that is still in it
        raise AdrError("the current folder no longer exists; cd to one that does") from None


def discover(explicit: str | None = None, cwd: Path | None = None) -> Settings:
    """Find the log like adr-tools does, then our config, then the usual folders."""
    cwd = (cwd or _current_folder()).resolve()
    env_format = os.environ.get("ADR_FORMAT") or None
    config: dict = {}
    root = cwd
    for folder in _walk_up(cwd):
        if (folder / CONFIG_FILE).is_file():
            config, root = _read_config(folder / CONFIG_FILE), folder
            break
        if (folder / ".git").exists():  # a nested repository (a submodule) has its own settings
            break
    settings = Settings(log_dir=cwd / "doc/adr", project_root=root)
    settings.format = env_format or config.get("format")
    settings.statuses = [str(s).lower() for s in config.get("statuses") or []]
    settings.rules = {str(k): str(v) for k, v in (config.get("rules") or {}).items()}
    if settings.format not in (None, "nygard", "madr"):
        raise AdrError(f"unknown format '{settings.format}' (use nygard or madr)")

    chosen = explicit or os.environ.get("ADR_DIR")
    if chosen:
        settings.log_dir = (cwd / chosen).resolve()
        settings.named_by = "ADR_DIR" if chosen == os.environ.get("ADR_DIR") else "--dir"  # click reads ADR_DIR into --dir
        return settings
    for folder in _walk_up(cwd):
        marker = folder / ".adr-dir"
        if marker.is_file():
            settings.log_dir = (folder / marker.read_text(encoding="utf-8").strip()).resolve()
            settings.project_root = folder
            settings.named_by = shown_path(marker)
            return settings
        if folder == root and config.get("dir"):
            settings.log_dir = (folder / str(config["dir"])).resolve()
            settings.named_by = shown_path(folder / CONFIG_FILE)
            return settings
        l4b = folder / ".log4brains.yml"
        if l4b.is_file():
            dirs = [d.resolve() for d in _log4brains_dirs(l4b)]
            existing = [d for d in dirs if d.is_dir()]
            if existing:
                settings.log_dir, settings.extra_dirs = existing[0], existing[1:]
                settings.project_root = folder
                return settings
        for name in DEFAULT_DIRS:
            if (folder / name).is_dir():
                settings.log_dir = (folder / name).resolve()
                settings.project_root = folder
                return settings
        if (folder / ".git").exists():
            break
    return settings
