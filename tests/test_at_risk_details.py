"""What is at risk, and why: `adr show`'s explanation, `adr list --status at-risk`, `adr list
--format json`'s at_risk and the site's Assumptions page, through amends, extends, depends-on,
clarifies and relates-to chains.

One log holds every case (today is 2024-05-06); the explanations are computed in-process by the
call `adr show` makes (`at_risk(log)[path].explain()`), and two commands hold that they print it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from adr.report.insights import at_risk
from adr.site.assumptions_page import assumptions_page
from adr.site.context import SiteContext
from adr.site.options import SiteOptions
from adr.store.log import DecisionLog

TODAY = dt.date(2024, 5, 6)


def madr(title: str, status: str = "accepted", date: str = "2024-01-02", extra: str = "", body: str = "") -> str:
    return f"---\nstatus: {status}\ndate: {date}\n{extra}---\n# {title}\n\n{body}"


def section(title: str, *items: str) -> str:
    return f"## {title}\n\n" + "".join(f"- {item}\n" for item in items) + "\n"


LOG = {
    "0001-use-postgresql.md": madr("Use PostgreSQL", body=section("Assumptions", "A1: Traffic stays low.", "A2: One region.", "A3: Backups run nightly.")),
    # 2 and 3 say A1 no longer holds; 2 amends 1 too, and what rests on 1 only through 2 is not at risk
    "0002-go-big.md": madr("Go big", date="2024-02-01", body=section("Assumptions", "[A1 of 1](0001-use-postgresql.md#a1): traffic grew")
                           + section("Links", "Amends [1](0001-use-postgresql.md)")),
    "0003-go-bigger.md": madr("Go bigger", "proposed", date="2024-01-15", body=section("Assumptions", "[A1 of 1](0001-use-postgresql.md#a1): more")),
    "0004-add-replicas.md": madr("Add replicas", body=section("Links", "Amends [1](0001-use-postgresql.md)", "Relates to [5](0005-cache.md)")),
    "0005-cache.md": madr("Cache", body=section("Links", "Extends [4](0004-add-replicas.md)")),
    "0006-old-proxy.md": madr("Old proxy", "deprecated", body=section("Links", "Depends on [1](0001-use-postgresql.md)")),
    "0007-proxy-rules.md": madr("Proxy rules", body=section("Links", "Clarifies [6](0006-old-proxy.md)")),
    # a draft's and a rejected record's word carries no weight: A2 and A3 hold
    "0008-draft-idea.md": madr("Draft idea", "draft", body=section("Assumptions", "[A2 of 1](0001-use-postgresql.md#a2): no")),
    "0009-rejected-idea.md": madr("Rejected idea", "rejected", body=section("Assumptions", "[A3 of 1](0001-use-postgresql.md#a3): no")),
    "0010-use-rest.md": madr("Use REST", extra="review-by: 2024-05-05\n", body=section("Assumptions", "A1: JSON suffices.")),
    "0011-clients.md": madr("Clients", body=section("Links", "Relates to [10](0010-use-rest.md)")),
    "0012-use-grpc.md": madr("Use gRPC", extra="review-by: 2024-05-06\n", body=section("Assumptions", "A1: Streams help.")),  # due today: not yet
    "0013-old-db.md": madr("Old DB", "superseded", body=section("Assumptions", "A1: Disk is cheap.")
                           + section("Links", "Superseded by [14](0014-new-db.md)", "Superseded by [20](0020-newer-db.md)")),
    "0014-new-db.md": madr("New DB", date="2024-03-01", body=section("Links", "Supersedes [13](0013-old-db.md)")),
    "0015-pending.md": madr("Pending", body=section("Assumptions", "A1: Few users.") + section("Links", "Superseded by [16](0016-successor.md)")),
    "0016-successor.md": madr("Successor", "proposed", body=section("Links", "Supersedes [15](0015-pending.md)")),
    "0017-monitoring.md": madr("Monitoring", body=section("Links", "Depends on [2](0002-go-big.md)")),
    "0018-costs.md": madr("Costs", body=section("Links", "Is costed by [1](0001-use-postgresql.md)")),  # a custom relation: no rest
    "0019-self.md": madr("Self", body=section("Assumptions", "A1: Small team.", "[A1](#a1): the team grew")),
    "0020-newer-db.md": madr("Newer DB", date="2024-02-10", body=section("Links", "Supersedes [13](0013-old-db.md)")),
    "0021-batch-jobs.md": madr("Batch jobs", body=section("Assumptions", "A1: Nightly is enough.")),
    "0022-undated.md": "---\nstatus: accepted\n---\n# Undated\n\n" + section("Assumptions", "[A1 of 21](0021-batch-jobs.md#a1): hourly now"),
}

A1_OF_1 = 'assumption A1 of ADR 1 ("Traffic stays low.") no longer holds according to ADR 2, ADR 3'
REVIEW_10 = "assumption A1 of ADR 10 was due for review on 2024-05-05"
EXPLAINED = {
    1: A1_OF_1,
    4: A1_OF_1 + "; ADR 1 → ADR 4 rests on it",
    5: A1_OF_1 + "; ADR 1 → ADR 4 → ADR 5 rests on it",
    7: A1_OF_1 + "; ADR 1 → ADR 6 → ADR 7 rests on it",  # through a deprecated record, itself not at risk
    10: REVIEW_10,
    11: REVIEW_10 + "; ADR 10 → ADR 11 rests on it",
    19: 'assumption A1 of ADR 19 ("Small team.") no longer holds according to ADR 19',
    21: 'assumption A1 of ADR 21 ("Nightly is enough.") no longer holds according to ADR 22',
}


@pytest.fixture
def log_dir(tmp_path) -> Path:
    folder = tmp_path / "docs" / "decisions"
    folder.mkdir(parents=True)
    for name, text in LOG.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_each_decision_at_risk_says_which_assumption_broke_and_through_which_chain(log_dir):
    log = DecisionLog.load([log_dir])
    risks = at_risk(log, TODAY)
    assert {risk.record.number: risk.explain() for risk in risks.values()} == EXPLAINED
    assert all(path == risk.record.path for path, risk in risks.items())


def test_show_and_list_print_it(adr, log_dir, tmp_path):
    env = {"ADR_DIR": "docs/decisions"}
    shown = adr("show", "5", cwd=tmp_path, env=env)
    assert shown.code == 0, shown
    assert shown.out.splitlines()[2] == f"  status:    accepted  (at risk: {EXPLAINED[5]})"
    assert adr("show", "2", cwd=tmp_path, env=env).out.splitlines()[2] == "  status:    accepted"
    # the commands read the clock, not ADR_DATE: for them 12's review (due 2024-05-06) has passed too
    due = {*EXPLAINED, 12}
    listed = adr("list", "--status", "at-risk", cwd=tmp_path, env=env)
    assert listed.out.splitlines() == [f"docs/decisions/{name}" for name in LOG if int(name[:4]) in due]
    data = json.loads(adr("list", "--format", "json", cwd=tmp_path, env=env).out)
    assert [r["number"] for r in data if r["at_risk"]] == sorted(due)


def test_the_assumptions_page_gives_each_assumption_its_state_today(log_dir):
    """Holds, no longer holds (since the earliest saying so), due for review, or retired with
    its decision (once a successor in force took its place, not while it is only proposed)."""
    page = assumptions_page(SiteContext.create(DecisionLog.load([log_dir]), SiteOptions(today=TODAY)))
    rows = re.findall(r'<tr class="adr-assumption--(\w+)"><td>(.*?)</td><td><strong>(\w+)</strong></td><td>.*?<span class="adr-why">(.*?)</span>', page)
    plain = [(state, re.sub(r"<[^>]+>", "", record), key, re.sub(r"<[^>]+>", "", why)) for state, record, key, why in rows]
    assert plain == [
        ("superseded", "1. Use PostgreSQL", "A1", "says 2. Go big, 3. Go bigger (since 2024-01-15)"),
        ("superseded", "19. Self", "A1", "says 19. Self (since 2024-01-02)"),
        ("superseded", "21. Batch jobs", "A1", "says 22. Undated"),  # a record without a date: since when is not known
        ("review", "10. Use REST", "A1", "since 2024-05-05"),
        ("holds", "1. Use PostgreSQL", "A2", ""),
        ("holds", "1. Use PostgreSQL", "A3", ""),
        ("holds", "12. Use gRPC", "A1", ""),
        ("holds", "15. Pending", "A1", ""),
        ("retired", "13. Old DB", "A1", "superseded by 14. New DB, 20. Newer DB on 2024-02-10"),  # the earlier of the two
    ]
    assert '<strong>8</strong> decisions at risk' in page
