"""Settings: where the log is, which format new records use, and project-level options."""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from adr.errors import AdrError, shown_path
from adr.settings_files import adr_dir, log4brains_dirs, settings_file

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


def _current_folder() -> Path:
    try:
        return Path.cwd()
    except OSError:  # deleted (or moved away) under the shell that is still in it
        raise AdrError("the current folder no longer exists; cd to one that does") from None


def repository_root(folder: Path) -> Path | None:
    """The nearest folder from `folder` up that holds `.git` (a folder, or a worktree's file)."""
    return next((f for f in _walk_up(folder) if (f / ".git").exists()), None)


def inside_repository(log_dir: Path, near: Path, named_by: Path, line: int | None = None) -> Path:
    """`log_dir`, real, when it is inside the repository that holds `near`; else a user error.

    A file of the repository (`.adr-dir`, `.adr.yml`, `.log4brains.yml`, a committed symbolic
    link) is written by whoever wrote the last pull request: the folder it names is where every
    command reads and writes, so it must not lead out of the repository, nor into `.git`. Outside
    any repository only `/` is refused. A folder given with --dir or ADR_DIR is not checked.
    """
    if "\0" in str(log_dir):
        raise AdrError("the decision log folder named here holds a NUL character", named_by, line)
    real = log_dir.resolve()
    root = repository_root(near)
    advice = "; name it with --dir or ADR_DIR if you mean it"
    if real == Path(real.anchor):
        raise AdrError(f"refusing {real} as the decision log folder{advice}", named_by, line)
    if root is None:
        return real
    top = root.resolve()
    if real != top and top not in real.parents:
        raise AdrError(f"refusing the decision log folder {real}: it is outside the repository {top}{advice}", named_by, line)
    if top / ".git" == real or top / ".git" in real.parents:
        raise AdrError(f"refusing the decision log folder {real}: it is inside .git{advice}", named_by, line)
    return real


def discover(explicit: str | None = None, cwd: Path | None = None) -> Settings:
    """Find the log like adr-tools does, then our config, then the usual folders."""
    cwd = (cwd or _current_folder()).resolve()
    env_format = os.environ.get("ADR_FORMAT") or None
    config: dict = {}
    root = cwd
    for folder in _walk_up(cwd):
        if (folder / CONFIG_FILE).is_file():
            config, root = settings_file(folder / CONFIG_FILE), folder
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
            settings.log_dir = inside_repository(folder / adr_dir(marker), folder, marker, 1)
            settings.project_root = folder
            settings.named_by = shown_path(marker)
            return settings
        if folder == root and config.get("dir"):
            from adr.safe_yaml import line_of

            settings.log_dir = inside_repository(folder / config["dir"], folder, folder / CONFIG_FILE, line_of(config["node"], "dir"))
            settings.named_by = shown_path(folder / CONFIG_FILE)
            return settings
        l4b = folder / ".log4brains.yml"
        if l4b.is_file():
            dirs = [inside_repository(d, folder, l4b, line) for d, line in log4brains_dirs(l4b)]
            existing = [d for d in dirs if d.is_dir()]
            if existing:
                settings.log_dir, settings.extra_dirs = existing[0], existing[1:]
                settings.project_root = folder
                return settings
        for name in DEFAULT_DIRS:
            if (folder / name).is_dir():
                # a usual folder may be a symbolic link a pull request committed: checked likewise
                settings.log_dir = inside_repository(folder / name, folder, folder / name)
                settings.project_root = folder
                return settings
        if (folder / ".git").exists():
            break
    return settings
