"""Template text left in a record: `adr check` names its line and the prompt, and nothing else.

Each case is what a user would see break: a prompt of one template family no longer reported
(the check passes a half-written record), a record that quotes a prompt in code reported as
unfinished, or the warning pointing at the wrong line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from adr.parse import parse_record
from adr.parse.placeholders import first_placeholder, is_placeholder


def placeholder(text: str):
    return parse_record(Path("/log/0007-x.md"), text).placeholder


@pytest.mark.parametrize(
    "text, found",
    [
        # a prompt that must start its line, on the file's first line, in any case
        ("What is the situation that calls for a decision?\n", (1, "What is the situation that calls for a decision?")),
        ("what problem are we solving, and why now?", (1, "what problem are we solving, and why now?")),
        # ... and on a later line, indented by blanks or a tab, in any case
        ("# T\n\n  The issue motivating this decision, and any context that influences it.\n",
         (3, "The issue motivating this decision, and any context")),
        ("# T\n\n\tthe change that we're proposing or have agreed to implement.\n",
         (3, "the change that we're proposing or have agreed to implement")),
        ("# T\n\nWHAT BECOMES EASIER OR MORE DIFFICULT TO DO and any risks introduced\n",
         (3, "WHAT BECOMES EASIER OR MORE DIFFICULT TO DO and any risks introduced")),
        # prompts in brackets, anywhere in a line: ( [ {
        ("# T\n\n- Good, because (a benefit)\n", (3, "(a benefit)")),
        ("# T\n\n- (OPTION 2)\n", (3, "(OPTION 2)")),
        ("# T\n\n- Bad, because (a cost we accept)\n", (3, "(a cost we accept)")),
        ("# T\n\n* [driver 1, e.g., a force]\n", (3, "[driver 1")),
        ("# T\n\n[Describe the context and problem statement in 2-3 sentences]\n", (3, "[Describe the context and problem statement")),
        ("# T\n\n{describe the context and problem statement}\n", (3, "{describe the context and problem statement")),
        ("# {short title of solved problem}\n", (1, "{short title")),
        ("# T\n\nUse the (Stakeholder): x\n", (3, "(Stakeholder):")),
        ("---\nstatus: accepted\n---\n# T\n\n- A1: (an assumption, e.g. about load)\n", (6, "(an assumption, e.g.")),
        # the first of several lines is the one reported
        ("# T\n\n(option 1)\n\n(option 2)\n", (3, "(option 1)")),
    ],
)
def test_each_template_family_is_found_on_its_line(text, found):
    assert placeholder(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# 1. Use X\n\nWe chose option 1 of ours, and why now: the justification is cost.\n",
        "# T\n\nChosen option: `[option 1]`, quoting MADR, and ``(option 2)`` too\n",  # code spans are writing about it
        "# T\n\n```\n(option 1)\n```\n",
        "# T\n\n~~~md\n{short title\n~~~\n",
    ],
)
def test_a_finished_record_or_a_quoted_prompt_is_no_placeholder(text):
    assert placeholder(text) is None


@pytest.mark.parametrize(
    "text, found",
    [
        # a fence closes only on a line of its own character, at least as long, with nothing after it
        ("# T\n\n```md\n(option 1)\n~~~\n``` not yet\n```\n(option 3)\n", (8, "(option 3)")),
        ("# T\n\n````\n```\n(option 1)\n````\n(option 2)\n", (7, "(option 2)")),
        ("# T\n\n   ~~~\n(option 1)\n   ~~~~\n(justification)\n", (6, "(justification)")),
        # four blanks make indented code, not a fence: the line after is prose
        ("# T\n\n    ```\n(option 4)\n", (4, "(option 4)")),
        # a code span is blanked, the rest of its line is still read
        ("# T\n\nQuoting `(option 1)`, then (option 2)\n", (3, "(option 2)")),
    ],
)
def test_fences_hide_prompts_until_they_close(text, found):
    assert placeholder(text) == found


def test_check_warns_with_the_file_line_and_the_prompt(tmp_path, adr):
    log = tmp_path / "doc" / "adr"
    log.mkdir(parents=True)
    (log / "0001-use-x.md").write_text("# 1. Use X\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Decision\n\n```\n(option 1)\n```\n\n- Good, because (a benefit)\n")
    result = adr("check")
    assert result.out.splitlines() == ["doc/adr/0001-use-x.md:15: template-placeholder template placeholder left in: '(a benefit)' (warning)"]


def test_a_single_piece_of_text_is_or_is_not_the_prompt():
    """What the site and `adr invalidate` use to leave out an assumption never written."""
    assert is_placeholder("(an assumption, e.g. about load)") and is_placeholder("  What problem are we solving, and why now?")
    assert not is_placeholder("About 100 partners, not 10,000 customers") and not is_placeholder("")
    assert first_placeholder("x\n[option 3]") == (2, "[option 3]")
