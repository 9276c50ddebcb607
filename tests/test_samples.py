"""The sample logs (tests/samples, one per format) read, link, check and publish as their format
says, with no corpus beside the checkout: what a user of each format sees."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import SAMPLE_LOGS
from tests.test_site import all_links_resolve
from tests.test_site_project import build_site, page, text_of


def listed(adr, *args, cwd=None):
    result = adr(*args, "list", "--format", "json", cwd=cwd)
    assert result.code == 0, result
    return {(r["number"] if r["number"] is not None else r["id"]): r for r in json.loads(result.out)}


def names(record: dict, relation: str) -> list[str]:
    return [link["target"].rsplit("/", 1)[-1] for link in record["links"] if link["relation"] == relation]


def test_nygard_sample_reads_statuses_links_both_ways_and_quirks(adr):
    records = listed(adr, "--dir", str(SAMPLE_LOGS["nygard"]))
    assert {n: r["status"] for n, r in records.items()} == {
        1: "accepted", 2: "superseded", 3: "accepted", 4: "accepted", 5: "accepted", 6: "deprecated", 7: "proposed",
    }
    assert names(records[2], "superseded-by") == ["0004-use-a-managed-postgresql-service.md"]
    assert names(records[4], "supersedes") == ["0002-use-postgresql-for-orders.md"]
    assert names(records[3], "amended-by") == ["0005-keep-one-kafka-topic-per-team.md"]
    assert names(records[5], "clarified-by") == ["0006-retire-the-nightly-csv-exports.md"]  # a custom label, both ways
    assert records[6]["date"] == "2021-04-03"  # written 03/04/2021
    assert records[7]["date"] is None
    assert records[4]["decision_makers"] == ["Ana Silva", "Platform team"]
    assert [a["key"] for a in records[4]["assumptions"]] == ["A1", "A2"]


def test_madr2_sample_reads_bullets_and_skips_its_readme(adr):
    records = listed(adr, "--dir", str(SAMPLE_LOGS["madr2"]))
    assert sorted(records) == [0, 1, 2, 3]  # README.md is no record
    assert records[1]["status"] == "superseded"
    assert names(records[1], "superseded-by") == ["0003-sync-the-offline-cache-with-crdts.md"]
    assert names(records[1], "refined-by") == ["0002-store-photos-outside-the-database.md"]
    assert records[3]["decision_makers"] == ["Mia Sample", "Oliver Example"]
    assert records[0]["date"] == "2018-05-02"


def test_madr4_sample_puts_decisions_at_risk_and_keeps_a_proposed_supersede_pending(adr):
    records = listed(adr, "--dir", str(SAMPLE_LOGS["madr4"]))
    assert records[1]["status"] == "accepted"  # 4 only proposes to supersede it
    assert records[1]["pending_successors"] == [records[4]["path"]]
    assert (records[1]["at_risk"], records[2]["at_risk"], records[3]["at_risk"]) == (True, True, False)
    assert records[1]["consulted"] == ["Security team"] and records[1]["tags"] == ["security", "api"]
    assert records[1]["review_by"] == "2025-03-01"
    risky = adr("--dir", str(SAMPLE_LOGS["madr4"]), "list", "--status", "at-risk", "--format", "json")
    assert sorted(r["number"] for r in json.loads(risky.out)) == [1, 2]
    shown = adr("--dir", str(SAMPLE_LOGS["madr4"]), "show", "2")
    assert shown.code == 0 and "at risk" in shown.out.lower(), shown
    assert "1. Use OAuth 2.1 with PKCE for the partner API" in shown.out


def test_log4brains_sample_is_found_from_its_config_with_its_package(adr):
    root = SAMPLE_LOGS["log4brains"]
    records = listed(adr, cwd=root)
    assert set(records) == {
        "20200110-use-log4brains-to-manage-the-adrs", "20200212-plan-routes-every-night", "20220301-plan-routes-as-jobs-arrive",
        "20210505-expose-jobs-through-one-graphql-endpoint", "20230917-draft-move-jobs-to-an-event-store",
    }  # template.md and README.md are not records
    old, new = records["20200212-plan-routes-every-night"], records["20220301-plan-routes-as-jobs-arrive"]
    assert old["status"] == "superseded" and names(new, "supersedes") == ["20200212-plan-routes-every-night.md"]
    assert names(new, "relates-to") == ["20210505-expose-jobs-through-one-graphql-endpoint.md"]  # across packages
    assert records["20230917-draft-move-jobs-to-an-event-store"]["status"] == "draft"
    shown = adr("show", "20220301", cwd=root)  # a prefix of the slug names it
    assert shown.code == 0 and shown.out.startswith("Plan routes as jobs arrive"), shown


@pytest.mark.parametrize("name", sorted(SAMPLE_LOGS))
def test_every_sample_checks_without_errors_and_publishes_with_every_link_resolving(name, adr, tmp_path):
    source = SAMPLE_LOGS[name]
    check = adr("--dir", str(source), "check", "--format", "json")
    assert check.code == 0 and json.loads(check.out)["errors"] == 0, check
    project = tmp_path / "project"
    shutil.copytree(source, project / "log")
    records = json.loads(adr("--dir", str(project / "log"), "list", "--format", "json").out)
    site = build_site(project, "log", strict=True)
    log = text_of(page(site, "decisions/"))
    for record in records:
        assert record["title"] in log
    for section in ("graph", "timeline", "assumptions", "compromises", "stakeholders"):
        assert (site / "decisions" / section / "index.html").is_file()
    all_links_resolve(site)
