"""The files that hold settings: `.adr.yml`, `.log4brains.yml` and adr-tools' `.adr-dir`.

Each is read as strictly as a record's front matter (`adr.safe_yaml`), and each setting must
have its type: a pull request writes these files too, and a list where a mapping belongs must
be one line naming the file and line, not an internal error.
"""

from __future__ import annotations

from pathlib import Path

from adr.errors import AdrError


def read_config(path: Path):
    """(the mapping in `path`, its YAML node), with front matter's limits: a pull request writes
    this file as freely as a record, so it is read no more trustingly."""
    import yaml

    from adr.safe_yaml import MAX_VALUES, load_with_node, too_many_values

    try:
        data, node = load_with_node(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise AdrError(f"cannot read config: {problem}", path, mark.line + 1 if mark is not None else None) from None
    except (OSError, ValueError, OverflowError, RecursionError) as exc:  # unreadable, not UTF-8, 3000-deep nesting
        raise AdrError(f"cannot read config: {getattr(exc, 'strerror', None) or type(exc).__name__}", path) from None
    if too_many_values(data):
        raise AdrError(f"config holds more than {MAX_VALUES} values (YAML aliases?)", path, 1)
    if data is None:
        return {}, node
    if not isinstance(data, dict):
        raise AdrError("config must be a mapping of keys to values", path, 1)
    return data, node


def _kind(value: object) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false", int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def _wrong(path: Path, node, keys: tuple, wanted: str, value: object) -> AdrError:
    from adr.safe_yaml import line_of

    name = ".".join(str(k) if isinstance(k, str) else f"[{k}]" for k in keys).replace(".[", "[")
    return AdrError(f"'{name}' must be {wanted}, not {_kind(value)}", path, line_of(node, *keys))


def _text(path: Path, node, data: dict, *keys: str | int) -> str | None:
    """The setting at `keys` (under the mapping `data` at `keys[:-1]`) when it is there: it must
    be one non-empty string."""
    value = data.get(keys[-1])
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _wrong(path, node, keys, "a non-empty text", value)
    return value


def settings_file(path: Path) -> dict:
    """`.adr.yml` with each setting of the type it must have; a wrong one names its line."""
    data, node = read_config(path)
    statuses = data.get("statuses")
    if statuses is not None:
        if not isinstance(statuses, list):
            raise _wrong(path, node, ("statuses",), "a list of status names", statuses)
        for index, status in enumerate(statuses):
            if not isinstance(status, (str, int)) or isinstance(status, bool):
                raise _wrong(path, node, ("statuses", index), "a status name", status)
    rules = data.get("rules")
    if rules is not None:
        if not isinstance(rules, dict):
            raise _wrong(path, node, ("rules",), "a mapping of rule id to error, warning or off", rules)
        for rule_id, level in rules.items():
            if not isinstance(level, (str, bool)):
                raise _wrong(path, node, ("rules", str(rule_id)), "error, warning or off", level)
    fmt = _text(path, node, data, "format")
    if fmt is not None and fmt not in ("nygard", "madr"):
        from adr.safe_yaml import line_of

        raise AdrError(f"unknown format '{fmt}' (use nygard or madr)", path, line_of(node, "format"))
    folder = _text(path, node, data, "dir")
    return {"format": fmt, "statuses": statuses or [], "rules": rules or {}, "dir": folder, "node": node}


def log4brains_dirs(path: Path) -> list[tuple[Path, int | None]]:
    """The folders `.log4brains.yml` names (the project's, then each package's), with their lines."""
    from adr.safe_yaml import line_of

    data, node = read_config(path)
    project = data.get("project")
    if project is None:
        return []
    if not isinstance(project, dict):
        raise _wrong(path, node, ("project",), "a mapping", project)
    dirs = []
    folder = _text(path, node, project, "project", "adrFolder")
    if folder is not None:
        dirs.append((path.parent / folder, line_of(node, "project", "adrFolder")))
    packages = project.get("packages")
    if packages is not None and not isinstance(packages, list):
        raise _wrong(path, node, ("project", "packages"), "a list of packages", packages)
    for index, package in enumerate(packages or []):
        if not isinstance(package, dict):
            raise _wrong(path, node, ("project", "packages", index), "a mapping with an adrFolder", package)
        folder = _text(path, node, package, "project", "packages", index, "adrFolder")
        if folder is None:
            continue
        dirs.append((path.parent / folder, line_of(node, "project", "packages", index, "adrFolder")))
    return dirs


def adr_dir(marker: Path) -> str:
    """What `.adr-dir` names, as adr-tools writes it: one line of text."""
    try:
        text = marker.read_text(encoding="utf-8").strip()
    except (OSError, ValueError) as exc:
        raise AdrError(f"cannot read: {getattr(exc, 'strerror', None) or 'not UTF-8 text'}", marker) from None
    if not text or "\n" in text:
        raise AdrError("must hold one line: the decision log folder", marker, 1)
    return text
