"""YAML front matter: split it off and read it, reporting bad YAML with its file line."""

from __future__ import annotations

from adr.errors import Diagnostic
from adr.safe_yaml import MAX_VALUES, loader, too_many_values


def split(text: str) -> tuple[str | None, str, int, bool]:
    """(front matter source or None, body, 1-based file line of body line 1, closed?)."""
    if not text.startswith("---"):
        return None, text, 1, True
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return None, text, 1, True
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2, True
    return None, text, 1, False


def load(source: str, path: str) -> tuple[dict | None, list[Diagnostic]]:
    """The mapping in `source` (front matter starts at file line 2)."""
    import yaml

    try:
        data = yaml.load(source, Loader=loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [Diagnostic(path, line, "invalid-front-matter", f"invalid YAML front matter: {problem}", "error")]
    except (ValueError, OverflowError, RecursionError) as exc:  # e.g. `date: 2024-13-45`
        return None, [Diagnostic(path, 1, "invalid-front-matter", f"invalid YAML front matter: {exc}", "error")]
    if too_many_values(data):
        return None, [Diagnostic(path, 1, "invalid-front-matter", f"front matter holds more than {MAX_VALUES} values (YAML aliases?)", "error")]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return None, [Diagnostic(path, 2, "invalid-front-matter", "front matter is not a mapping of keys to values", "error")]
    return {str(k).lower(): v for k, v in data.items()}, []

