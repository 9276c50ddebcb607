"""Every real log in ../shared/corpora loads, with the titles, statuses and links people wrote."""

from __future__ import annotations

import json

import pytest

from adr.store.log import DecisionLog
from tests.conftest import CORPORA, corpus

ALL = sorted(p.name for p in CORPORA.iterdir() if p.is_dir()) if CORPORA.is_dir() else []


def load(name: str, *sub: str) -> DecisionLog:
    root = corpus(name)
    return DecisionLog.load([root.joinpath(*sub)] if sub else [root])


def by_name(log: DecisionLog, name: str):
    return next(r for r in log.records if r.path.name == name)


@pytest.mark.parametrize("name", ALL)
def test_every_corpus_loads_and_lists_without_crashing(name, adr):
    root = corpus(name)
    result = adr("--dir", str(root), "list", "--format", "json")
    assert result.code == 0, result
    listed = json.loads(result.out)
    assert listed, name
    assert all(item["title"] for item in listed)
    assert not any(item["path"].endswith(("README.md", "index.md", "template.md", "adr-template.md")) for item in listed)


def test_record_counts_match_source_txt():
    expected = {"JabRef__jabref": 70, "adr__madr": 19, "alphagov__govuk-aws": 38, "arachne-framework__architecture": 17, "ministryofjustice__cloud-platform": 49}
    for name, count in expected.items():
        assert len(load(name).records) == count, name


def test_govuk_nygard_links_and_quirks():
    log = load("alphagov__govuk-aws")
    dns = by_name(log, "0004-dns-definitions-for-hosts-and-services.md")
    assert dns.title == "DNS definitions for hosts and services" and dns.status == "superseded"
    assert [r.number for r in log.in_force(dns)] == [15]
    terraform = by_name(log, "0010-terraform-directory-structure.md")
    assert terraform.status == "accepted"
    assert [(e.relation, e.target.number) for e in log.edges_from(terraform)] == [("amended-by", 17)]
    assert [(e.relation, e.target.number, e.explicit) for e in log.edges_from(log.find("15"))] == [("supersedes", 4, False)]
    ip = by_name(log, "0033-ip-ranges.md")
    assert ip.number == 33 and ip.title_number == 3  # H1 disagrees with the file name
    assert by_name(log, "0006-puppet-architecture.md").status == "pending"
    assert str(by_name(log, "0001-record-architecture-decisions.md").date) == "2017-06-30"


def test_moj_emoji_statuses_and_messy_dates():
    log = load("ministryofjustice__cloud-platform")
    multi = by_name(log, "021-Multi-cluster.md")
    assert multi.status == "superseded"
    assert [r.path.name for r in log.in_force(multi)] == ["036-multi-cluster.md"]
    concourse = by_name(log, "003-Use-Concourse-CI.md")
    assert (concourse.title, concourse.status, str(concourse.date)) == ("Use Concourse CI", "accepted", "2018-03-28")
    assert by_name(log, "018-Dedicated-Ingress-Controllers.md").status == "rejected"
    assert by_name(log, "000-Record-Architecture-Decisions.md").number == 0
    assert by_name(log, "028-Repo-vulnerability-scanning.md").status == ""  # a private sign-post


def test_arachne_unnumbered_titles_and_late_status():
    log = load("arachne-framework__architecture")
    chimera = by_name(log, "adr-017-simplify-chimera-model.md")
    assert (chimera.number, chimera.title, chimera.status) == (17, "Simplification of Chimera Model", "proposed")
    assert chimera.date is None


def test_madr_front_matter_corpora():
    jabref = load("JabRef__jabref")
    old = by_name(jabref, "0045-use-input-flag-always-for-input-files.md")
    assert old.status == "superseded"
    assert [r.number for r in jabref.in_force(old)] == [57]
    new = by_name(jabref, "0057-allow-positional-input-file-argument.md")
    assert new.status == "accepted" and [(l.relation, l.target) for l in new.links] == [("supersedes", "ADR-0045")]
    assert by_name(jabref, "0024-use-#-as-indicator-for-BibTeX-string-constants.md").number == 24
    assert "@koppor" in by_name(jabref, "0047-use-references-heading-in-citations-tab.md").decision_makers
    madr = load("adr__madr")
    assert by_name(madr, "0003-provide-own-madr-tools.md").status == "on hold"
    assert by_name(madr, "0001-use-CC0-or-MIT-as-license.md").title == "Dual License the Work"


def test_log4brains_folders_from_config(adr):
    root = corpus("thomvaill__log4brains")
    result = adr("list", "--format", "json", cwd=root)
    assert result.code == 0, result
    items = {item["id"]: item for item in json.loads(result.out)}
    assert len(items) == 12  # both existing folders; the missing one is ignored
    old = items["20200926-use-the-adr-number-as-its-unique-id"]
    assert old["number"] is None and old["status"] == "superseded" and old["format"] == "madr2"
    assert old["links"][0]["target"] == "docs/adr/20201016-use-the-adr-slug-as-its-unique-id.md"
    assert "20201002-use-explicit-architecture-and-ddd-for-the-core-api" in items


def test_generate_over_corpora(adr):
    for name in ALL:
        root = corpus(name)
        for args in (["generate", "toc"], ["generate", "graph"], ["generate", "graph", "--format", "mermaid"]):
            result = adr("--dir", str(root), *args)
            assert result.code == 0, (name, args, result)


def test_log4brains_records_are_named_by_the_shortest_unique_slug_prefix(adr):
    root = corpus("thomvaill__log4brains")
    table = adr("list", "--format", "table", cwd=root, env={"NO_COLOR": "1", "COLUMNS": "120"}).out.splitlines()
    assert table[0].split()[:2] == ["Ref", "Title"]
    refs = {line.split()[0]: line for line in table[1:]}
    assert "Multi-packages architecture" in refs["20200925-multi"]
    assert "Use Prettier-ESLint" in refs["20200925-use"]
    assert "Use the ADR slug as its unique ID" in refs["20201016"]
    for ref in refs:  # what the table shows, `adr show` takes
        shown = adr("show", ref, cwd=root)
        assert shown.code == 0 and refs[ref].split("  ")[1].strip().rstrip("…") in shown.out.splitlines()[0], (ref, shown)


def test_a_slug_prefix_two_log4brains_records_share_is_ambiguous(adr):
    root = corpus("thomvaill__log4brains")
    result = adr("show", "20200925", cwd=root)
    assert result.code == 1
    assert result.err.strip() == (
        "adr: '20200925' is ambiguous: docs/adr/20200925-multi-packages-architecture-in-a-monorepo-with-yarn-and-lerna.md, "
        "docs/adr/20200925-use-prettier-eslint-airbnb-for-the-code-style.md"
    )
    many = adr("show", "2020", cwd=root)
    assert many.code == 1 and many.err.count("\n") == 1 and many.err.strip().endswith(" and 6 more")
    assert adr("show", "20200925-x", cwd=root).err.strip() == "adr: no decision record matches '20200925-x'"


def test_log4brains_link_and_status_take_slug_prefixes(copy_corpus, adr):
    root = copy_corpus("thomvaill__log4brains")
    log = root / "docs" / "adr"
    assert adr("link", "20200927", "Relates to", "20200925-use", cwd=root).code == 0
    assert "- Relates to [Use Prettier-ESLint Airbnb for the code style](20200925-use-prettier-eslint-airbnb-for-the-code-style.md)" in (
        log / "20200927-avoid-default-exports.md").read_text()
    assert adr("status", "20201103", "deprecated", cwd=root).code == 0
    assert "- Status: deprecated" in (log / "20201103-use-lunr-for-search.md").read_text()
    before = {p: p.read_text() for p in log.glob("*.md")}
    refused = adr("status", "20200925", "deprecated", cwd=root)
    assert refused.code == 1 and "'20200925' is ambiguous" in refused.err
    assert {p: p.read_text() for p in log.glob("*.md")} == before
