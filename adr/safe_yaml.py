"""YAML from files a pull request may write: front matter, `.adr.yml`, `.log4brains.yml`.

Every one of them is read with the same limits, so that no file is a weaker way in than a
record: the safe loader only (a `!!python/...` tag is an error, never an object), a date typo
kept as the text written, and a document of more than `MAX_VALUES` values refused. A few lines
of aliases (`*a`) stand for billions of values; loading shares them, but every reader after it
would walk them all.
"""

from __future__ import annotations

from functools import lru_cache

MAX_VALUES = 10_000


@lru_cache(maxsize=1)
def loader():
    """PyYAML's safe loader, imported on first use: a run served from the parse cache needs none of it."""
    try:  # the C loader is several times faster where PyYAML was built with it
        from yaml import CSafeLoader as base
    except ImportError:  # pragma: no cover
        from yaml import SafeLoader as base  # type: ignore[assignment]

    class Loader(base):  # type: ignore[valid-type, misc]
        """A safe loader that keeps a date typo (`2024-13-45`) as the text written, so one bad
        value is reported as an invalid date instead of losing the whole document."""

    Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)
    return Loader


def _timestamp_or_text(loader, node):
    """A YAML timestamp, or the scalar as written when it only looks like one."""
    from yaml.constructor import SafeConstructor

    try:
        return SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


def too_many_values(data: object) -> bool:
    """Whether `data` holds more than `MAX_VALUES` values, counting each alias use; stops early."""
    stack, count = [data], 0
    while stack:
        item = stack.pop()
        count += 1
        if count > MAX_VALUES:
            return True
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)
    return False


def load_with_node(text: str):
    """(the value, its YAML node) of one document, for readers that name the line of a bad value.

    Raises `yaml.YAMLError`, and ValueError, OverflowError or RecursionError (3000-deep nesting).
    """
    stream = loader()(text)
    try:
        node = stream.get_single_node()
        data = stream.construct_document(node) if node is not None else None
    finally:
        stream.dispose()
    return data, node


def line_of(node, *keys: str | int) -> int | None:
    """The 1-based line of the value at `keys` (mapping keys, sequence indexes) under `node`."""
    import yaml

    for key in keys:
        if isinstance(node, yaml.MappingNode) and isinstance(key, str):
            node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            return None
        if node is None:
            return None
    return node.start_mark.line + 1 if node is not None else None
