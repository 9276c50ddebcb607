"""Relation labels as users see them: as written, capitalised, and the back side each record
gets (`Amended by` for `amends`, `Linked from` for a custom label), in `adr show`,
`adr list --format json` and `adr generate graph`.
"""

from __future__ import annotations

import json

import pytest

from adr.report.generate import mermaid
from adr.store.log import DecisionLog


def record(title: str, *links: str) -> str:
    return f"---\nstatus: accepted\ndate: 2024-01-02\n---\n# {title}\n\n## Links\n\n" + "".join(f"- {link}\n" for link in links)


LOG = {
    "0001-a.md": record(
        "A", "amends [2](0002-b.md)", "partly   superseded by [3](0003-c.md)", "Is costed by [4](0004-d.md)", "Costs [5](0005-e.md)",
        "See also [6](0006-f.md)", "Supercedes [7](0007-g.md)", "Depends on [8](0008-h.md)", "Is costed by [9](0009-i.md)",
    ),
    "0002-b.md": record("B", "Amended by [1](0001-a.md)"),
    "0003-c.md": record("C"),
    "0004-d.md": record("D", "Costs [1](0001-a.md)"),
    "0005-e.md": record("E"),
    "0006-f.md": record("F"),
    "0007-g.md": record("G"),
    "0008-h.md": record("H", "Clarified by [1](0001-a.md)", "Extends [2](0002-b.md)"),
    "0009-i.md": record("I"),
}


@pytest.fixture
def root(tmp_path):
    (tmp_path / "d").mkdir()
    for name, text in LOG.items():
        (tmp_path / "d" / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_each_record_lists_its_links_and_the_back_links_others_imply(adr, root):
    data = json.loads(adr("--dir", "d", "list", "--format", "json", cwd=root).out)
    links = {r["number"]: [(l["label"], l["relation"], l["target"].removeprefix("d/"), l["explicit"]) for l in r["links"]] for r in data}
    assert links == {
        1: [
            ("amends", "amends", "0002-b.md", True), ("partly   superseded by", "superseded-by", "0003-c.md", True),
            ("Is costed by", "is-costed-by", "0004-d.md", True), ("Costs", "costs", "0005-e.md", True),
            ("See also", "relates-to", "0006-f.md", True), ("Supercedes", "supersedes", "0007-g.md", True),
            ("Depends on", "depends-on", "0008-h.md", True), ("Is costed by", "is-costed-by", "0009-i.md", True),
            ("Clarifies", "clarifies", "0008-h.md", False),
        ],
        2: [("Amended by", "amended-by", "0001-a.md", True), ("Extended by", "extended-by", "0008-h.md", False)],
        3: [("Supersedes", "supersedes", "0001-a.md", False)],
        4: [("Costs", "costs", "0001-a.md", True)],  # it writes a link back: that is the custom relation's back side
        5: [("Linked from", "linked-from", "0001-a.md", False)],  # no one can guess the reverse of `Costs`
        6: [("Relates to", "relates-to", "0001-a.md", False)],
        7: [("Superseded by", "superseded-by", "0001-a.md", False)],
        8: [("Clarified by", "clarified-by", "0001-a.md", True), ("Extends", "extends", "0002-b.md", True),
            ("Required by", "required-by", "0001-a.md", False)],
        9: [("Linked from", "linked-from", "0001-a.md", False)],
    }


def test_show_capitalises_a_label_and_keeps_its_words(adr, root):
    shown = adr("--dir", "d", "show", "1", cwd=root)
    assert shown.out.splitlines()[4:14] == [
        "  in force:  3. C",
        "  Amends 2. B",
        "  Partly superseded by 3. C",
        "  Is costed by 4. D",
        "  Costs 5. E",
        "  See also 6. F",
        "  Supercedes 7. G",
        "  Depends on 8. H",
        "  Is costed by 9. I",
        "  Clarifies 8. H  (written in the other record only)",
    ]


def test_the_graph_draws_each_pair_from_its_forward_side(root):
    """`Amended by`, `Clarified by` and `Linked from` are the back of an arrow drawn once; a
    custom `Is costed by` that no record answers has no forward side, so it is drawn as written."""
    graph = mermaid(DecisionLog.load([root / "d"]))
    arrows = [line.strip() for line in graph.splitlines() if "-->" in line]
    assert arrows == [
        'n0 -->|"Amends"| n1', 'n0 -->|"Costs"| n4', 'n0 -->|"See also"| n5', 'n0 -->|"Supercedes"| n6',
        'n0 -->|"Depends on"| n7', 'n0 -->|"Is costed by"| n8',
        'n3 -->|"Costs"| n0', 'n7 -->|"Extends"| n1', 'n2 -->|"Supersedes"| n0', 'n0 -->|"Clarifies"| n7',
    ]


def test_a_relates_to_link_is_one_arrow_not_two(root):
    """`See also` from A drew a second arrow back, `Relates to`, from F, as the site's graph does not."""
    arrows = [line.strip() for line in mermaid(DecisionLog.load([root / "d"])).splitlines() if "-->" in line]
    assert [a for a in arrows if "n5" in a] == ['n0 -->|"See also"| n5']
