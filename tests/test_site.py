"""The decision site built by MkDocs with the `adr` plugin, one temporary project per format."""

from __future__ import annotations

import html
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.test_site_project import build_site, graph_links, hrefs, page, resolves, search_index, text_of, write

ROOT = Path(__file__).resolve().parent.parent

NYGARD = {
    "0001-record-architecture-decisions.md": "# 1. Record architecture decisions\n\nDate: 2019-03-01\n\n## Status\n\nAccepted\n\n"
    "## Context\n\nWe need to record decisions.\n\n## Decision\n\nWe will use ADRs.\n\n## Consequences\n\nSee Nygard.\n",
    "0002-use-mysql.md": "# 2. Use MySQL\n\nDate: 2019-04-02\n\n## Status\n\nSuperseded\n\n"
    "## Context\n\nWe need a database.\n\n## Decision\n\nMySQL.\n\n## Consequences\n\nOperations learn MySQL.\n",
    "0003-use-postgresql.md": "# 3. Use PostgreSQL\n\nDate: 2020-05-03\n\n## Status\n\nSuperseded by [4. Use managed PostgreSQL](0004-use-managed-postgresql.md)\n\n"
    "Supersedes [2. Use MySQL](0002-use-mysql.md)\n\n## Context\n\nMySQL lacks features.\n\n## Decision\n\nPostgreSQL.\n\n"
    "## Consequences\n\nA migration, and the reporting team rewrites its queries.\n",
    "0004-use-managed-postgresql.md": "# 4. Use managed PostgreSQL\n\nDate: 2021-06-04\n\n## Status\n\nAccepted\n\n"
    "Supersedes [3. Use PostgreSQL](0003-use-postgresql.md)\n\n## Context\n\nNobody wants to run databases.\n\n"
    "## Decision\n\nA managed service.\n\n## Consequences\n\nHigher cost.\n",
}


def madr(title: str, front: str, body: str) -> str:
    return f"---\n{front}---\n# {title}\n\n## Context and Problem Statement\n\nWhy we decide.\n\n{body}"


MADR = {
    "0001-use-postgresql.md": madr(
        "Use PostgreSQL",
        "status: superseded\ndate: 2024-01-02\ndecision-makers: [Alice Example, Platform team]\nconsulted: [Bob Consultant]\n"
        "informed: [Sales]\ntags: [data, storage]\n",
        "## Assumptions\n\n- A1: Traffic stays under 100 requests a second.\n- A2: One region is enough.\n\n"
        "## Considered Options\n\n- PostgreSQL\n- MongoDB\n\n## Decision Outcome\n\nChosen option: \"PostgreSQL\", because we know it.\n\n"
        "### Consequences\n\n- Good, because the team knows it.\n- Bad, because we run it ourselves.\n\n"
        "## Compromises\n\n- Data science: give up a document store.\n",
    ),
    "0002-use-managed-postgresql.md": madr(
        "Use managed PostgreSQL",
        "status: accepted\ndate: 2025-02-03\ndecision-makers: [Platform team]\ntags: [data]\n",
        "## Assumptions\n\n- [A1 of 1](0001-use-postgresql.md#a1): traffic grew tenfold\n\n"
        "## Links\n\n- Supersedes [1. Use PostgreSQL](0001-use-postgresql.md)\n",
    ),
    "0003-add-read-replicas.md": madr(
        "Add read replicas",
        "status: accepted\ndate: 2024-03-04\ndecision-makers: [Carol Lead]\ntags: [data]\n",
        "## Links\n\n- Amends [1. Use PostgreSQL](0001-use-postgresql.md)\n",
    ),
    "0004-expose-a-public-api.md": madr(
        "Expose a <script>alert('x')</script> API",
        "status: proposed\ndate: 2024-04-05\ndecision-makers: ['<img src=x onerror=alert(1)>', Dana Product]\n"
        "review-by: 2020-01-01\ntags: ['<b>api</b>']\n",
        "## Assumptions\n\n- A1: Partners call us <b>rarely</b> [see](javascript:alert(1)).\n",
    ),
}

LOG4BRAINS = {
    "20200101-use-log4brains.md": "# Use Log4brains to manage the ADRs\n\n- Status: accepted\n- Deciders: Thomas Vaillant\n"
    "- Date: 2020-01-01\n- Tags: doc\n\n## Context and Problem Statement\n\nWe want to record decisions.\n\n"
    "## Considered Options\n\n- Log4brains\n- Nothing\n\n## Decision Outcome\n\nChosen option: \"Log4brains\", because it is nice.\n",
    "20200202-use-markdown.md": "# Use Markdown for the ADRs\n\n- Status: proposed\n- Deciders: Thomas Vaillant, Docs team\n"
    "- Date: 2020-02-02\n\n## Context and Problem Statement\n\nA format.\n\n## Links\n\n"
    "- Relates to [Use Log4brains to manage the ADRs](20200101-use-log4brains.md)\n",
}


def all_links_resolve(site: Path) -> None:
    """Every graph node and every link in a decisions page leads to a built page."""
    pages = [p for p in (site / "decisions").rglob("*.html")]
    assert pages
    for built in pages:
        rel = built.relative_to(site).as_posix()
        source = built.read_text(encoding="utf-8")
        for href in graph_links(source) + [h for h in hrefs(source) if not h.startswith(("http", "mailto:", "#"))]:
            assert resolves(site, rel, href), f"{rel}: {href} leads nowhere"


def test_nygard_log_pages_banners_and_inverse_relations(tmp_path):
    write(tmp_path / "doc" / "adr", NYGARD)
    site = build_site(tmp_path, "doc/adr")

    log = text_of(page(site, "decisions/"))
    for title in ("Record architecture decisions", "Use MySQL", "Use PostgreSQL", "Use managed PostgreSQL"):
        assert title in log
    assert "4 decisions" in log and "accepted 2" in log and "superseded 2" in log

    mysql = text_of(page(site, "decisions/0002-use-mysql/"))
    assert "2. Use MySQL" in mysql
    assert "This decision is superseded. In force now: 4. Use managed PostgreSQL" in mysql
    assert "Chain: 2. Use MySQL → 3. Use PostgreSQL → 4. Use managed PostgreSQL" in mysql
    assert "Superseded by 3. Use PostgreSQL" in mysql  # only record 3 names this relation
    assert "(from the other record)" in mysql
    assert "Source: doc/adr/0002-use-mysql.md" in mysql

    managed = text_of(page(site, "decisions/0004-use-managed-postgresql/"))
    assert "This decision is" not in managed
    assert "Supersedes 3. Use PostgreSQL" in managed

    titles = {d["title"] for d in search_index(site)}
    assert {"1. Record architecture decisions", "4. Use managed PostgreSQL"} <= titles
    all_links_resolve(site)


def test_madr_front_matter_people_assumptions_risk_and_escaping(tmp_path):
    write(tmp_path / "decisions", MADR)
    site = build_site(tmp_path, "decisions")

    first = page(site, "decisions/0001-use-postgresql/")
    shown = text_of(first)
    assert "Decision-makers Alice Example, Platform team" in shown
    assert "Consulted Bob Consultant" in shown and "Informed Sales" in shown
    assert "In force now: 2. Use managed PostgreSQL" in shown
    assert "Amended by 3. Use PostgreSQL" not in shown and "Amended by 3. Add read replicas" in shown

    replicas = text_of(page(site, "decisions/0003-add-read-replicas/"))
    assert "At risk." in replicas and "Assumption A1 of 1. Use PostgreSQL no longer holds" in replicas

    assumptions = text_of(page(site, "decisions/assumptions/"))
    assert "1 no longer holds" in assumptions and "1 retired with its decision" in assumptions and "1 due for review" in assumptions and "2 decisions at risk" in assumptions
    assert "Traffic stays under 100 requests a second. no longer holds says 2. Use managed PostgreSQL (since 2025-02-03)" in assumptions
    assert "One region is enough. retired with its decision superseded by 2. Use managed PostgreSQL" in assumptions
    assert "3. Add read replicas" in assumptions.split("Every assumption")[0]  # listed as at risk

    api = page(site, "decisions/0004-expose-a-public-api/")
    assert "<script>alert" not in api and "<img src=x" not in api and "<b>api</b>" not in api
    assert "javascript:alert" not in page(site, "decisions/assumptions/")
    assert "Expose a <script>alert('x')</script> API" in text_of(api)
    assert "<img src=x onerror=alert(1)>" in text_of(api)

    compromises = text_of(page(site, "decisions/compromises/"))
    assert "Chosen PostgreSQL Options given up MongoDB Accepted downsides We run it ourselves." in compromises
    assert "Data science give up a document store." in compromises

    stakeholders = text_of(page(site, "decisions/stakeholders/"))
    assert "Platform team Decided (2)" in stakeholders and "Bob Consultant Consulted (1)" in stakeholders

    timeline = text_of(page(site, "decisions/timeline/"))
    assert timeline.index("2025") < timeline.index("2024") and "February 2025" in timeline

    log = page(site, "decisions/")
    assert 'data-risk="1"' in log and "At risk only" in text_of(log)
    assert 'title="assumption A1 of ADR 1' in log and 'ADR 1 → ADR 3 rests on it">at risk' in log  # the core's explanation
    assert "at risk (dashed border)" in text_of(page(site, "decisions/graph/"))
    assert 'href="feed.xml"' in log
    feed = ET.parse(site / "decisions" / "feed.xml").getroot()
    ns = "{http://www.w3.org/2005/Atom}"
    titles = [e.find(f"{ns}title").text for e in feed.findall(f"{ns}entry")]
    assert titles[0] == "Accepted: 2. Use managed PostgreSQL" and len(titles) == 4

    index = search_index(site)
    assert any("Alice Example" in d["text"] for d in index if d["location"].startswith("decisions/0001"))
    assert any(d.get("tags") == ["data", "storage"] for d in index)
    all_links_resolve(site)


def test_log4brains_packages_become_sections_with_links_across(tmp_path, copy_corpus):
    corpus = copy_corpus("thomvaill__log4brains")
    folders = [str(corpus / "docs" / "adr"), str(corpus / "packages" / "core" / "docs" / "adr")]
    site = build_site(tmp_path / "project", folders)
    log = text_of(page(site, "decisions/"))
    assert "12 decisions" in log and "docs/adr Use Lunr for search accepted" in log  # the folder, not a URL slug
    assert "packages/core/docs/adr Markdown parsing is part of the domain accepted" in log
    assert "<th data-adr-sort=\"number\">#</th>" not in (site / "decisions" / "index.html").read_text()  # no numbers to show
    number = text_of(page(site, "decisions/docs-adr/20200926-use-the-adr-number-as-its-unique-id/"))
    assert "This decision is superseded. In force now: Use the ADR slug as its unique ID." in number
    assert (site / "decisions" / "core-docs-adr" / "20201003-markdown-parsing-is-part-of-the-domain" / "index.html").is_file()
    all_links_resolve(site)


def test_log4brains_bullets_in_the_nav_less_site_with_flat_urls(tmp_path):
    write(tmp_path / "adr", LOG4BRAINS)
    site = build_site(tmp_path, "adr", use_directory_urls=False)
    shown = text_of((site / "decisions" / "20200202-use-markdown.html").read_text())
    assert "Decision-makers Thomas Vaillant, Docs team" in shown and "Proposed" in shown.title()
    assert "Relates to Use Log4brains to manage the ADRs" in shown
    graph = (site / "decisions" / "graph.html").read_text()
    assert graph_links(graph) == ["20200101-use-log4brains.html", "20200202-use-markdown.html"]
    all_links_resolve(site)
    nav = (site / "index.html").read_text()
    assert "20200101-use-log4brains" not in nav  # decision pages stay out of the navigation
    assert "decisions/assumptions.html" in nav


@pytest.mark.parametrize("name", ["alphagov__govuk-aws", "adr__madr", "JabRef__jabref", "ministryofjustice__cloud-platform", "arachne-framework__architecture"])
def test_real_corpora_build_with_every_page_linked(tmp_path, copy_corpus, name):
    from adr.store.log import DecisionLog

    corpus = copy_corpus(name)
    records = DecisionLog.load(corpus).records
    site = build_site(tmp_path / "project", str(corpus), strict=True)  # any MkDocs warning fails
    titles = {html.unescape(d["title"]) for d in search_index(site)}  # titles are HTML in the index
    log = text_of(page(site, "decisions/"))
    for record in records:
        assert (site / "decisions" / record.path.stem / "index.html").is_file(), record.path
        assert record.title in log
        assert any(record.title in t for t in titles), record.title
    for section in ("graph", "timeline", "assumptions", "compromises", "stakeholders"):
        assert (site / "decisions" / section / "index.html").is_file()
    all_links_resolve(site)


def test_decisions_inside_docs_dir_are_replaced_not_duplicated(tmp_path):
    write(tmp_path / "docs" / "decisions", NYGARD)
    site = build_site(tmp_path, "docs/decisions", repo_url="https://example.org/acme/app", edit_uri="edit/main/docs/")
    mysql = page(site, "decisions/0002-use-mysql/")
    assert mysql.count("<h1") == 1
    assert "https://example.org/acme/app/edit/main/docs/decisions/0002-use-mysql.md" in mysql
    assert not (tmp_path / "docs" / "decisions" / "index.md").exists()  # nothing written into docs_dir


def test_options_title_prefix_and_no_graph(tmp_path):
    write(tmp_path / "adr", NYGARD)
    site = build_site(tmp_path, "adr", {"title": "Architecture", "prefix": "adr-log", "graph": False, "status_colours": {"accepted": "#123456"}})
    assert "Architecture" in text_of(page(site, "adr-log/"))
    assert not (site / "adr-log" / "graph").exists()
    assert "adr-mermaid" not in page(site, "adr-log/0003-use-postgresql/")
    assert "#123456" in (site / "assets" / "adr" / "status-colours.css").read_text()


def run_mkdocs(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """The installed `mkdocs` command, as users run it (not `python -m`, which puts cwd on sys.path)."""
    command = Path(sys.executable).parent / "mkdocs"
    return subprocess.run([str(command), *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_strict_option_fails_the_build_in_one_line(tmp_path):
    write(tmp_path / "adr", {**NYGARD, "0005-broken.md": "\0binary"})
    write(tmp_path / "docs", {"index.md": "# Home\n"})
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - adr:\n      decisions_dir: adr\n      strict: true\n")
    result = run_mkdocs(tmp_path, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "0005-broken.md" in result.stderr and "strict is on" in result.stderr


def test_a_log_of_one_decision_is_counted_in_the_singular(tmp_path):
    """One record, overdue for review and so at risk, with a broken link: every count reads "1 decision", "1 error"."""
    write(tmp_path / "adr", {"0001-use-postgresql.md": madr(
        "Use PostgreSQL", "status: accepted\ndate: 2024-01-02\nreview-by: 2020-01-01\n",
        "## Assumptions\n\n- A1: One region is enough.\n\n## Links\n\n- Amends [9. Gone](0009-gone.md)\n",
    )})
    write(tmp_path / "docs", {"index.md": "# Home\n"})
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - adr:\n      decisions_dir: adr\n")
    built = run_mkdocs(tmp_path, "build", "-v")
    assert built.returncode == 0, built.stderr
    assert "adr: 1 decision, " in built.stderr and "1 decisions" not in built.stderr
    log = text_of(page(tmp_path / "site", "decisions/"))
    assert "1 decision " in log and "1 decisions" not in log
    assumptions = text_of(page(tmp_path / "site", "decisions/assumptions/"))
    assert "1 decision at risk" in assumptions
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - adr:\n      decisions_dir: adr\n      strict: true\n")
    strict = run_mkdocs(tmp_path, "build")
    assert strict.returncode == 1 and "adr: 1 error in the decision records (strict is on)" in strict.stderr


def test_relation_labels_on_a_decision_page_are_capitalised(tmp_path):
    write(tmp_path / "decisions", {
        "0001-use-postgresql.md": madr("Use PostgreSQL", "status: accepted\ndate: 2024-01-02\n", ""),
        "0002-add-replicas.md": madr("Add replicas", "status: accepted\ndate: 2024-02-03\n", "## Links\n\n- amends [1. Use PostgreSQL](0001-use-postgresql.md)\n"),
    })
    site = build_site(tmp_path, "decisions")
    assert "Amends 1. Use PostgreSQL" in text_of(page(site, "decisions/0002-add-replicas/"))
    assert "Amended by 2. Add replicas" in text_of(page(site, "decisions/0001-use-postgresql/"))


def test_missing_folder_is_one_line_not_a_traceback(tmp_path):
    write(tmp_path / "docs", {"index.md": "# Home\n"})
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - adr:\n      decisions_dir: nowhere\n")
    result = run_mkdocs(tmp_path, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "decisions_dir not found" in result.stderr


def test_this_repository_builds_strict_with_its_own_decisions(tmp_path):
    result = run_mkdocs(ROOT, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    log = text_of(page(site, "decisions/"))
    for record in sorted((ROOT / "decisions").glob("0*.md")):
        assert (site / "decisions" / record.stem / "index.html").is_file()
    assert "Record architecture decisions" in log
    assert (site / "assets" / "adr" / "mermaid.min.js").stat().st_size > 1_000_000
    all_links_resolve(site)


def test_git_metadata_adds_dates_and_status_changes(tmp_path):
    from tests.gitrepo import GitRepo, madr as git_madr

    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-kafka.md", git_madr("Use Kafka", "proposed", "2024-03-03", deciders="Platform team"))
    repo.commit("Propose Kafka", author="Ana", date="2024-03-03T10:00:00+00:00")
    repo.write("0001-use-kafka.md", git_madr("Use Kafka", "accepted", "2024-03-03", deciders="Platform team"))
    repo.commit("Accept Kafka", author="Ben", date="2024-05-06T10:00:00+00:00")
    site = build_site(repo.path, "docs/decisions", {"git": True})

    shown = text_of(page(site, "decisions/0001-use-kafka/"))
    assert "created 2024-03-03 by Ana · last changed 2024-05-06" in shown
    timeline = text_of(page(site, "decisions/timeline/"))
    assert "May 2024 1. Use Kafka accepted 2024-05-06 proposed → accepted" in timeline
    feed = (site / "decisions" / "feed.xml").read_text()
    assert "<title>Accepted: 1. Use Kafka</title>" in feed and "<title>New: 1. Use Kafka</title>" in feed


def test_git_metadata_covers_every_folder_of_a_log4brains_log(tmp_path):
    from tests.gitrepo import log4brains_repo

    repo = log4brains_repo(tmp_path)
    site = build_site(repo.path, None, {"git": True})

    assert "created 2024-03-02 by Ana" in text_of(page(site, "decisions/docs-adr/20240301-use-a-monorepo/"))
    package = text_of(page(site, "decisions/core-docs-adr/20240302-keep-the-domain-pure/"))
    assert "created 2024-03-02 by Ana · last changed 2024-03-09" in package
    assert "proposed → accepted" in text_of(page(site, "decisions/timeline/"))


def test_git_option_outside_a_repository_still_builds(tmp_path):
    write(tmp_path / "adr", NYGARD)
    site = build_site(tmp_path, "adr", {"git": True})
    assert "created" not in text_of(page(site, "decisions/0001-record-architecture-decisions/"))


def test_material_tags_plugin_shows_the_tags_once(tmp_path):
    write(tmp_path / "decisions", MADR)
    site = build_site(tmp_path, "decisions", plugins=["search", "tags", {"adr": {"decisions_dir": "decisions"}}])
    first = page(site, "decisions/0001-use-postgresql/")
    assert '<span class="md-tag">data</span>' in first and '<span class="md-tag">storage</span>' in first
    assert "adr-chip" not in first  # Material draws the tags; the header does not repeat them
    api = page(site, "decisions/0004-expose-a-public-api/")
    assert "<b>api</b>" not in api


def test_images_are_published_and_links_out_of_the_log_keep_their_text(tmp_path):
    folder = write(tmp_path / "adr", {
        "0001-draw-the-system.md": "# 1. Draw the system\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\n"
        "![The system](img/system.png) See [the code](../../src/main.py) and [assumption 1](#a1).\n",
    })
    (folder / "img").mkdir()
    (folder / "img" / "system.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    site = build_site(tmp_path, "adr", strict=True)
    built = page(site, "decisions/0001-draw-the-system/")
    assert '<img alt="The system" src="../img/system.png"' in built
    assert (site / "decisions" / "img" / "system.png").is_file()
    assert "See the code and" in text_of(built) and "src/main.py" not in built


def test_feed_is_discoverable_from_the_log_page(tmp_path):
    write(tmp_path / "adr", NYGARD)
    site = build_site(tmp_path, "adr", {"title": 'Our "decisions"'})
    head = page(site, "decisions/").split("</head>")[0]
    assert '<link rel="alternate" type="application/atom+xml" title="Our &quot;decisions&quot;" href="feed.xml">' in head
    assert 'rel="alternate" type="application/atom+xml"' not in page(site, "decisions/graph/")


def test_strict_option_applies_the_check_rules(tmp_path):
    write(tmp_path / "adr", {**NYGARD, "0005-link-nowhere.md": NYGARD["0001-record-architecture-decisions.md"].replace(
        "# 1. Record", "# 5. Link").replace("Accepted\n", "Accepted\n\nAmends [9. Gone](0009-gone.md)\n")})
    write(tmp_path / "docs", {"index.md": "# Home\n"})
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - adr:\n      decisions_dir: adr\n      strict: true\n")
    result = run_mkdocs(tmp_path, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "0005-link-nowhere.md" in result.stderr and "0009-gone.md" in result.stderr
    relaxed = tmp_path / "mkdocs.yml"
    relaxed.write_text(relaxed.read_text().replace("strict: true", "strict: false"))
    assert run_mkdocs(tmp_path, "build").returncode == 0


def test_an_empty_log_builds_every_page(tmp_path):
    (tmp_path / "adr").mkdir()
    site = build_site(tmp_path, "adr", strict=True)
    assert "0 decisions" in text_of(page(site, "decisions/"))
    assert "No decisions yet." in text_of(page(site, "decisions/graph/"))
    assert ET.parse(site / "decisions" / "feed.xml").getroot().find("{http://www.w3.org/2005/Atom}entry") is None


def test_the_log_marks_at_risk_exactly_what_adr_list_reports(tmp_path, adr):
    import json
    import re

    write(tmp_path / "decisions", MADR)
    site = build_site(tmp_path, "decisions")
    marked = re.findall(r'<tr data-status="[^"]*"[^>]*data-risk="1"[^>]*><td class="adr-num">(\d+)</td>', page(site, "decisions/"))
    listed = adr("--dir", "decisions", "list", "--status", "at-risk", "--format", "json", cwd=tmp_path, env={"ADR_DATE": "2026-11-26"})
    assert listed.code == 0, listed
    assert sorted(marked) == sorted(str(r["number"]) for r in json.loads(listed.out)) == ["3", "4"]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_large_logs_get_a_compact_compromises_page_whose_links_resolve(tmp_path, copy_corpus, monkeypatch, directory_urls):
    """From COMPACT_FROM decisions on, the page is one HTML block (linear in Python-Markdown)."""
    from adr.store.log import DecisionLog
    from adr.site import compromises_page
    from adr.site.content import trade_offs

    monkeypatch.setattr(compromises_page, "COMPACT_FROM", 1)
    corpus = copy_corpus("alphagov__govuk-aws")
    shown = [t for t in (trade_offs(r) for r in DecisionLog.load(corpus).records) if not t.empty]
    site = build_site(tmp_path / "project", str(corpus), strict=True, use_directory_urls=directory_urls)
    source = page(site, "decisions/compromises/" if directory_urls else "decisions/compromises.html")
    assert source.count('<div class="adr-tradeoffs">') == 1
    assert source.count('<h3 id="decision-') == len(shown) > 20
    assert source.count(">Consequences: read them on the decision page</a>") == sum(1 for t in shown if t.consequences) > 10
    all_links_resolve(site)


def test_a_rebuild_reads_unchanged_records_from_the_parse_cache(tmp_path, copy_corpus, monkeypatch):
    """What makes `mkdocs serve` rebuilds fast: only the edited record is parsed again."""
    import os

    import adr.parse.record as record_module

    corpus = copy_corpus("JabRef__jabref")
    past = 1_700_000_000
    for path in corpus.rglob("*.md"):
        os.utime(path, (past, past))
    monkeypatch.setenv("ADR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ADR_NO_CACHE", raising=False)
    monkeypatch.setenv("ADR_JOBS", "1")  # parse in this process, where the calls are counted
    parsed = []
    original = record_module.parse_record
    monkeypatch.setattr(record_module, "parse_record", lambda path, text: parsed.append(path.name) or original(path, text))
    site = build_site(tmp_path / "project", str(corpus))
    assert len(parsed) > 60
    edited = corpus / "0002-use-slf4j-for-logging.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("# Use SLF4J", "# Use SLF4J everywhere", 1), encoding="utf-8")
    os.utime(edited, (past + 60, past + 60))
    parsed.clear()
    site = build_site(tmp_path / "project", str(corpus))
    assert parsed == ["0002-use-slf4j-for-logging.md"]
    assert "Use SLF4J everywhere" in page(site, "decisions/0002-use-slf4j-for-logging/")
