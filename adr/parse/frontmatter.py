"""YAML front matter: split it off and read it, reporting bad YAML with its file line."""

from __future__ import annotations

from functools import lru_cache

from adr.errors import Diagnostic


@lru_cache(maxsize=1)
def _loader():
    """PyYAML, imported on first use: a run served from the parse cache needs none of it."""
    try:  # the C loader is several times faster where PyYAML was built with it
        from yaml import CSafeLoader as base
    except ImportError:  # pragma: no cover
        from yaml import SafeLoader as base  # type: ignore[assignment]

    class Loader(base):  # type: ignore[valid-type, misc]
        """A safe loader that keeps a date typo (`2024-13-45`) as the text written, so one bad
        value is reported as an invalid date instead of losing the whole front matter."""

    Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)
    return Loader


def _timestamp_or_text(loader, node):
    """A YAML timestamp, or the scalar as written when it only looks like one."""
    from yaml.constructor import SafeConstructor

    try:
        return SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


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
        data = yaml.load(source, Loader=_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [Diagnostic(path, line, "invalid-front-matter", f"invalid YAML front matter: {problem}", "error")]
    except (ValueError, OverflowError, RecursionError) as exc:  # e.g. `date: 2024-13-45`
        return None, [Diagnostic(path, 1, "invalid-front-matter", f"invalid YAML front matter: {exc}", "error")]
    if _too_many_values(data):
        return None, [Diagnostic(path, 1, "invalid-front-matter", f"front matter holds more than {_MAX_VALUES} values (YAML aliases?)", "error")]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return None, [Diagnostic(path, 2, "invalid-front-matter", "front matter is not a mapping of keys to values", "error")]
    return {str(k).lower(): v for k, v in data.items()}, []


_MAX_VALUES = 10_000


def _too_many_values(data: object) -> bool:
    """A few lines of YAML aliases (`*a`) can stand for billions of values: refuse those."""
    stack, count = [data], 0
    while stack:
        item = stack.pop()
        count += 1
        if count > _MAX_VALUES:
            return True
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)
    return False
