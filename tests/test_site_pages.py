"""The site's pages as plain functions of a DecisionLog: no MkDocs involved."""

from __future__ import annotations

import datetime as dt

import pytest

from adr.store.log import DecisionLog
from adr.site import SiteOptions, build_site
from adr.site.content import trade_offs
from adr.site.escape import md_text, meta_string
from adr.site.layout import folder_slugs, relative_url
from tests.test_site import MADR, NYGARD
from tests.test_site_project import write


@pytest.mark.parametrize(
    ("source", "target", "directory_urls", "expected"),
    [
        ("decisions/graph.md", "decisions/0001-x.md", True, "../0001-x/"),
        ("decisions/graph.md", "decisions/0001-x.md", False, "0001-x.html"),
        ("decisions/graph.md", "decisions/index.md", True, "../"),
        ("decisions/graph.md", "decisions/index.md", False, "index.html"),
        ("decisions/index.md", "decisions/0001-x.md", True, "0001-x/"),
        ("decisions/a/b.md", "decisions/feed.xml", True, "../../feed.xml"),
        ("decisions/0024-use-#-as-x.md", "decisions/0024-use-#-as-x.md", True, "./"),
        ("decisions/index.md", "decisions/0024-use-#-as-x.md", True, "0024-use-%23-as-x/"),
    ],
)
def test_links_between_pages_are_relative_like_mkdocs_places_them(source, target, directory_urls, expected):
    assert relative_url(source, target, directory_urls) == expected


def test_user_text_cannot_become_markup():
    assert md_text("<script>alert(1)</script> *x* [a](b)") == "&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\*x\\* \\[a\\]\\(b\\)"
    assert meta_string('<b>"quoted"</b>') == '"&lt;b&gt;\\"quoted\\"&lt;/b&gt;"'


def test_folders_get_short_distinct_url_segments(tmp_path):
    a, b, c = tmp_path / "docs" / "adr", tmp_path / "packages" / "core" / "docs" / "adr", tmp_path / "api" / "decisions"
    slugs = folder_slugs([a, b, c])
    assert slugs == {a: "docs-adr", b: "core-docs-adr", c: "decisions"}
    assert folder_slugs([a]) == {a: ""}


def test_every_page_is_produced_without_mkdocs(tmp_path):
    folder = write(tmp_path / "decisions", {**MADR, "graph.md": NYGARD["0001-record-architecture-decisions.md"]})
    site = build_site(DecisionLog.load(folder), SiteOptions(today=dt.date(2026, 1, 1)))
    uris = [p.src_uri for p in site.pages]
    assert uris[:6] == ["decisions/index.md", "decisions/assumptions.md", "decisions/compromises.md", "decisions/graph.md", "decisions/timeline.md", "decisions/stakeholders.md"]
    assert "decisions/graph-adr.md" in uris  # a record named like a section page does not replace it
    assert uris[-1] == "decisions/feed.xml"
    assert [p.title for p in site.pages if p.in_nav] == ["Decision log", "Assumptions", "Compromises", "Graph", "Timeline", "Stakeholders"]
    api = next(p for p in site.pages if p.src_uri == "decisions/0004-expose-a-public-api.md").content
    assert "<script>" not in api and "&lt;script&gt;" in api


def test_trade_offs_read_madr_and_nygard(tmp_path):
    folder = write(tmp_path / "d", {**MADR, **NYGARD})
    log = DecisionLog.load(folder)
    madr = trade_offs(next(r for r in log.records if r.path.name == "0001-use-postgresql.md"))
    assert (madr.chosen, madr.given_up, madr.downsides) == ("PostgreSQL", ["MongoDB"], ["We run it ourselves."])
    assert [(c.who, c.text) for c in madr.compromises] == [("Data science", "give up a document store.")]
    nygard = trade_offs(next(r for r in log.records if r.path.name == "0003-use-postgresql.md"))
    assert nygard.consequences == "A migration, and the reporting team rewrites its queries."


def test_no_graph_option_leaves_out_the_graph_page(tmp_path):
    folder = write(tmp_path / "d", NYGARD)
    site = build_site(DecisionLog.load(folder), SiteOptions(graph=False))
    assert not any(p.src_uri.endswith("graph.md") for p in site.pages)
    assert all("adr-mermaid" not in p.content for p in site.pages)


def test_code_in_an_assumption_is_shown_as_code_and_nothing_else_becomes_markup(tmp_path):
    record = (
        "---\nstatus: accepted\ndate: 2024-01-01\n---\n# Pipe the list\n\n## Assumptions\n\n"
        "- A1: Whoever pipes `adr list` wants paths; `<b>x</b>` and <i>y</i> stay text.\n"
    )
    folder = write(tmp_path / "decisions", {"0001-pipe-the-list.md": record})
    site = build_site(DecisionLog.load(folder), SiteOptions(today=dt.date(2026, 1, 1)))
    pages = {p.src_uri: p.content for p in site.pages}
    for uri in ("decisions/0001-pipe-the-list.md", "decisions/assumptions.md"):
        assert "Whoever pipes <code>adr list</code> wants paths; <code>&lt;b&gt;x&lt;/b&gt;</code> and &lt;i&gt;y&lt;/i&gt; stay text." in pages[uri], uri


def test_a_nygard_page_does_not_repeat_what_its_header_shows(tmp_path):
    folder = write(tmp_path / "d", {
        "0001-use-postgresql.md": "# 1. Use PostgreSQL\n\nDate: 2024-05-06\n\nDeciders: Ana, Research and Development\n\n"
                                  "Tags: data\n\nA note the author wrote.\n\n## Status\n\nAccepted\n\n## Context\n\nTags: in prose stays.\n",
        "0002-undated.md": "# 2. Undated\n\nDate: someday\n\n## Status\n\nAccepted\n",
    })
    site = build_site(DecisionLog.load(folder), SiteOptions(today=dt.date(2026, 1, 1)))
    page = next(p for p in site.pages if p.src_uri == "decisions/0001-use-postgresql.md").content
    assert "Ana, Research and Development" in page and "2024-05-06" in page  # in the header
    assert "Deciders:" not in page and "Date: 2024" not in page and "\nTags: data" not in page
    assert "A note the author wrote.\n\n## Status" in page and "Tags: in prose stays." in page
    undated = next(p for p in site.pages if p.src_uri == "decisions/0002-undated.md").content
    assert "Date: someday" in undated  # the header cannot show it, so the text stays


def page_text(folder, stem: str) -> str:
    """What a reader sees on a record's page: tags dropped, whitespace collapsed."""
    import html
    import re

    site = build_site(DecisionLog.load(folder), SiteOptions(today=dt.date(2026, 1, 1)))
    content = next(p.content for p in site.pages if p.src_uri == f"decisions/{stem}.md")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content)).split()).replace(" .", ".")


def test_a_proposed_successor_is_announced_without_calling_the_decision_superseded(tmp_path, adr):
    import shutil

    assert adr("init").code == 0
    assert adr("new", "--assumption", "One region is enough", "Use MySQL").code == 0
    assert adr("status", "2", "accepted").code == 0
    assert adr("new", "-s", "2", "Use PostgreSQL").code == 0
    folder = tmp_path / "doc/adr"
    pending = page_text(folder, "0002-use-mysql")
    assert "A proposed successor: 3. Use PostgreSQL. It replaces this decision once it is accepted." in pending
    assert "This decision is superseded" not in pending and "In force now" not in pending
    assert "One region is enough — holds" in pending  # not retired with a decision still in force

    rejected = tmp_path / "rejected"
    shutil.copytree(tmp_path / "doc", rejected / "doc")
    assert adr("status", "3", "rejected", cwd=rejected).code == 0
    after_rejection = page_text(rejected / "doc/adr", "0002-use-mysql")
    assert "Proposed to supersede this decision, and rejected: 3. Use PostgreSQL." in after_rejection
    assert "This decision is" not in after_rejection and "One region is enough — holds" in after_rejection

    assert adr("status", "3", "accepted").code == 0
    superseded = page_text(folder, "0002-use-mysql")
    assert "This decision is superseded. In force now: 3. Use PostgreSQL." in superseded
    assert "proposed successor" not in superseded
    assert "One region is enough — retired with its decision superseded by 3. Use PostgreSQL" in superseded


def test_a_renamed_record_shows_its_file_number_everywhere(tmp_path, adr):
    """`0003-x.md` titled `# 2 Stale` (renamed, title not fixed) is 3 on every page, as in `adr list`."""
    stale = {
        "0001-record-architecture-decisions.md": NYGARD["0001-record-architecture-decisions.md"],
        "0002-use-mysql.md": "# 2. Use MySQL\n\nDate: 2019-04-02\n\n## Status\n\nAccepted\n\n## Context\n\nC.\n\n## Decision\n\nD.\n",
        "0003-audit-the-cluster.md": "# 2 Audit the cluster\n\nDate: 2019-05-02\n\n## Status\n\nAccepted\n\n## Context\n\nC.\n\n## Decision\n\nD.\n",
    }
    folder = write(tmp_path / "decisions", stale)
    site = build_site(DecisionLog.load(folder), SiteOptions(today=dt.date(2026, 1, 1)))
    pages = {p.src_uri: p for p in site.pages}
    record = pages["decisions/0003-audit-the-cluster.md"].content
    assert "# 3. Audit the cluster\n" in record and "2. Audit" not in record
    for section in ("decisions/timeline.md", "decisions/graph.md"):
        assert "3. Audit the cluster" in pages[section].content and "2. Audit" not in pages[section].content, section
    toc = adr("generate", "toc", env={"ADR_DIR": "decisions"})
    assert "* [3. Audit the cluster](0003-audit-the-cluster.md)" in toc.out and "2. Audit" not in toc.out
    graph = adr("generate", "graph", env={"ADR_DIR": "decisions"})
    assert '_3 [label="3. Audit the cluster"' in graph.out and "2. Audit" not in graph.out
    assert adr("show", "3", env={"ADR_DIR": "decisions"}).out.startswith("3. Audit the cluster\n")


def test_template_prompts_are_not_published_as_compromises_or_assumptions(tmp_path, adr):
    """A record fresh from `adr new` still reads "(Stakeholder): (what they gave up ...)": no content."""
    adr("init")
    adr("new", "Use", "PostgreSQL")
    adr("new", "--assumption", "Traffic stays low", "Use", "Redis")
    site = build_site(DecisionLog.load(tmp_path / "doc/adr"), SiteOptions(today=dt.date(2026, 1, 1)))
    pages = {p.src_uri: p.content for p in site.pages}
    compromises, assumptions = pages["decisions/compromises.md"], pages["decisions/assumptions.md"]
    for prompt in ("Stakeholder", "what they gave up", "option 1", "option 2", "a cost we accept"):
        assert prompt not in compromises, prompt
    assert "Use PostgreSQL" not in compromises
    assert "an assumption, e.g." not in assumptions and "Traffic stays low" in assumptions
    # the first record's A1 and Redis's, not the prompt left in 0002
    assert '<div class="adr-stat adr-stat--holds"><strong>2</strong> holds</div>' in assumptions
    assert "(an assumption, e.g." in pages["decisions/0002-use-postgresql.md"]  # the body is shown as written


def test_an_assumption_holds_again_once_the_record_saying_otherwise_is_rejected(tmp_path):
    def assumptions_row(status: str) -> str:
        folder = write(tmp_path / status, {
            "0001-single-node.md": "---\nstatus: accepted\n---\n# Single node\n\n## Assumptions\n\n- A1: Traffic is low.\n",
            "0002-scale-out.md": f"---\nstatus: {status}\n---\n# Scale out\n\n## Assumptions\n\n- [A1 of 1](0001-single-node.md#a1): traffic grew\n",
        })
        site = build_site(DecisionLog.load(folder), SiteOptions(today=dt.date(2026, 1, 1)))
        page = next(p for p in site.pages if p.src_uri == "decisions/assumptions.md").content
        return next(row for row in page.split("<tr ")[1:] if "Traffic is low." in row)

    assert 'class="adr-assumption--superseded"' in assumptions_row("proposed")
    assert 'class="adr-assumption--holds"' in assumptions_row("rejected")
    assert 'class="adr-assumption--holds"' in assumptions_row("draft")


def test_custom_relations_are_shown_as_written_with_no_made_up_inverse(tmp_path):
    folder = write(tmp_path / "decisions", {
        "0001-costs.md": "---\nstatus: accepted\n---\n# Costs\n\n## Links\n\n- Costs [3. Three](0003-three.md)\n",
        "0002-two.md": "---\nstatus: accepted\n---\n# Two\n",
        "0003-three.md": "---\nstatus: proposed\n---\n# Three\n\n## Links\n\n- Is costed by [1. Costs](0001-costs.md)\n"
        "- Implements [2. Two](0002-two.md)\n",
    })
    pages = {p.src_uri: p.content for p in build_site(DecisionLog.load(folder), SiteOptions(today=dt.date(2026, 1, 1))).pages}

    def relations_of(name: str) -> list[str]:
        items = pages[f"decisions/{name}"].split('<ul class="adr-relations">')[1].split("</ul>")[0].split("<li>")[1:]
        return [item.split('<span class="adr-relation">')[1].split("</span>")[0] + (" (inferred)" if "adr-inferred" in item else "") for item in items]

    assert relations_of("0003-three.md") == ["Is costed by", "Implements"]
    assert relations_of("0001-costs.md") == ["Costs"]
    assert relations_of("0002-two.md") == ["Linked from (inferred)"]
    graph = pages["decisions/graph.md"]
    assert graph.count("--&gt;|") == 2 and "Is costed" not in graph and "Linked from" not in graph


def test_an_invalidated_assumption_no_longer_holds_says_the_later_record(tmp_path):
    """The words of `adr review`: a later decision says an assumption no longer holds; it supersedes nothing."""
    folder = write(tmp_path / "decisions", {
        "0001-single-node.md": "---\nstatus: accepted\n---\n# Single node\n\n## Assumptions\n\n- A1: Traffic is low.\n",
        "0002-cache.md": "---\nstatus: accepted\n---\n# Cache\n\n## Links\n\n- Amends [1. Single node](0001-single-node.md)\n",
        "0005-scale-out.md": "---\nstatus: proposed\ndate: 2025-02-03\n---\n# Scale out\n\n## Assumptions\n\n"
        "- [A1 of 1](0001-single-node.md#a1): traffic grew\n",
    })
    says = "no longer holds, says 5. Scale out (since 2025-02-03)"
    assert "A1 Traffic is low. — no longer holds says 5. Scale out (since 2025-02-03)" in page_text(folder, "0001-single-node")
    assert "At risk. Assumption A1 of 1. Single node no longer holds, says 5. Scale out." in page_text(folder, "0002-cache")
    assumptions = page_text(folder, "assumptions")
    assert f"because assumption A1 of 1. Single node {says}." in assumptions
    assert "Traffic is low. no longer holds says 5. Scale out (since 2025-02-03)" in assumptions
    assert "superseded" not in assumptions


def test_an_assumption_due_for_review_is_said_once_beside_its_badge(tmp_path):
    folder = write(tmp_path / "d", {"0001-single-node.md": "---\nstatus: accepted\ndate: 2024-01-02\nreview-by: 2025-03-01\n---\n"
                                    "# Single node\n\n## Assumptions\n\n- A1: Traffic is low\n"})
    site = build_site(DecisionLog.load(folder), SiteOptions(today=dt.date(2026, 1, 1)))
    page = next(p for p in site.pages if p.src_uri == "decisions/0001-single-node.md").content
    box = page[page.index("Assumptions today"):]
    box = box[: box.index("</div>")]
    assert box.lower().count("due for review") == 1 and "since 2025-03-01" in box, box
