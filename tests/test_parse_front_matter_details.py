"""Front matter that cannot be read: `adr check` prints one error naming the file, the line the
YAML went wrong on and why, and the rest of the record is still read.

What a user would see break: a wrong line number, a message that says "None" or the parser's
second line instead of the problem, a warning where an error belongs, or a file with many values
refused (or a YAML alias bomb read) on the wrong side of the limit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from adr.errors import Diagnostic
from adr.parse import parse_record

WHERE = "/log/0001-use-x.md"


def read(front_matter: str):
    return parse_record(Path(WHERE), "---\n" + front_matter + "\n---\n# Use X\n\n## Context\n\nWhy.\n")


@pytest.mark.parametrize(
    "front_matter, line, message",
    [
        # the YAML parser's problem, on the file line it points at (front matter starts on line 2)
        ("status: [accepted", 3, "invalid YAML front matter: did not find expected ',' or ']'"),
        ("status: accepted\ntags: [a, b]\ndate: [", 5, "invalid YAML front matter: did not find expected node content"),
        ("status: accepted\n\tdate: 2024-01-02", 3, "invalid YAML front matter: found a tab character that violates indentation"),
        ("x: " + "[" * 2000 + "]" * 2000, 2, "invalid YAML front matter: exceeded maximum nesting depth"),
        # an error without a position in the file (the reader's): line 1, its first line as the problem
        ("status: accepted\x07", 1, "invalid YAML front matter: unacceptable character #x0007: control characters are not allowed"),
        # a value YAML cannot build: line 1, Python's reason
        ("status: accepted\nreview: !!int soon", 1, "invalid YAML front matter: invalid literal for int() with base 10: 'soon'"),
        # valid YAML, but no mapping: where the front matter starts
        ("- accepted\n- 2024-01-02", 2, "front matter is not a mapping of keys to values"),
        ("accepted", 2, "front matter is not a mapping of keys to values"),
    ],
)
def test_unreadable_front_matter_is_one_error_with_its_line(front_matter, line, message):
    record = read(front_matter)
    assert record.diagnostics == [Diagnostic(WHERE, line, "invalid-front-matter", message, "error")]
    assert (record.title, [s.title for s in record.sections], record.status) == ("Use X", ["Context"], "")


def test_front_matter_holds_at_most_ten_thousand_values():
    """The mapping, each key and each value count: `tags` and its list are three, the tags the rest."""
    at_limit = read("tags: [" + ", ".join(f"t{n}" for n in range(9997)) + "]")
    assert at_limit.diagnostics == [] and len(at_limit.tags) == 9997 and at_limit.tags[-1] == "t9996"
    over = read("tags: [" + ", ".join(f"t{n}" for n in range(9998)) + "]")
    assert over.diagnostics == [Diagnostic(WHERE, 1, "invalid-front-matter", "front matter holds more than 10000 values (YAML aliases?)", "error")]
    assert over.tags == []


def test_a_yaml_alias_bomb_is_refused_not_expanded():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]\n"
        for n in range(4)
    ) + "status: accepted"
    record = read(bomb)
    assert [(d.line, d.message) for d in record.diagnostics] == [(1, "front matter holds more than 10000 values (YAML aliases?)")]
    assert record.status == ""


def test_check_prints_the_front_matter_error_as_an_error(tmp_path, adr):
    log = tmp_path / "doc" / "adr"
    log.mkdir(parents=True)
    (log / "0001-use-x.md").write_text("---\nstatus: accepted\ndate: [2024\n---\n# Use X\n")
    result = adr("check")
    assert result.code == 1
    assert "doc/adr/0001-use-x.md:4: invalid-front-matter invalid YAML front matter: did not find expected ',' or ']'" in result.out.splitlines()[0]
