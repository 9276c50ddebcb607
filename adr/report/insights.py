"""What the log means now: which assumptions still hold, and which decisions are at risk."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from adr import relations
from adr.store.log import DecisionLog
from adr.model import Assumption, Record
from adr.status import INACTIVE, is_heard

# superseded: a later decision says it no longer holds; retired: its own decision was superseded
# (it may still be true, but nothing in force rests on it any more); review: review-by has passed.
HOLDS, SUPERSEDED, REVIEW, RETIRED = "holds", "superseded", "review", "retired"


@dataclass
class AssumptionState:
    record: Record
    assumption: Assumption
    state: str  # holds | superseded | review | retired
    by: list[Record] = field(default_factory=list)  # the decisions that superseded it
    since: dt.date | None = None

    @property
    def broken(self) -> bool:
        return self.state in (SUPERSEDED, REVIEW)


@dataclass
class Risk:
    """Why a decision in force may be wrong: the chain from a broken assumption to it."""

    record: Record
    cause: AssumptionState
    chain: list[Record]  # from the record holding the assumption to `record`

    def explain(self) -> str:
        a = self.cause
        why = (
            f"assumption {a.assumption.key} of {a.record.label} (\"{a.assumption.text}\") no longer holds"
            f" according to {', '.join(r.label for r in a.by)}"  # a superseded assumption has its `by`
            if a.state == SUPERSEDED
            else f"assumption {a.assumption.key} of {a.record.label} was due for review on {a.record.review_by}"
        )
        if len(self.chain) > 1:
            why += "; " + " → ".join(r.label for r in self.chain) + " rests on it"
        return why


def assumption_states(log: DecisionLog, today: dt.date | None = None, broken_only: bool = False) -> list[AssumptionState]:
    """The state of every assumption; with `broken_only`, just the superseded and overdue ones,
    which is all `at_risk` needs (most assumptions hold: records where none can be broken are skipped)."""
    today = today or dt.date.today()
    # keyed by path text: hashing 10,000 Paths is a tenth of a warm `adr list`
    invalidated: dict[tuple[str, str], list[Record]] = {}  # (holder's path, key) -> the records saying it no longer holds
    for record in log.records:
        if not is_heard(record.status):  # a draft or rejected record's word puts nothing at risk
            continue
        for ref in record.invalidates:
            target = log.resolve(record, ref.target) if ref.target else record
            if target is not None:
                invalidated.setdefault((os.fspath(target.path), ref.key), []).append(record)
    states = []
    targets = {where for where, _ in invalidated}
    for record in log.records:
        if not record.assumptions:
            continue
        where = os.fspath(record.path) if invalidated else ""
        overdue = record.review_by is not None and record.review_by < today
        if broken_only and not overdue and not (where in targets and any((where, a.key) in invalidated for a in record.assumptions)):
            continue
        replaced = log.in_force(record)  # not while every successor is only proposed, or was rejected
        for assumption in record.assumptions:
            by = invalidated.get((where, assumption.key)) if where else None
            if by:
                dates = [r.date for r in by if r.date]
                states.append(AssumptionState(record, assumption, SUPERSEDED, by, min(dates) if dates else None))
            elif replaced:
                dates = [r.date for r in replaced if r.date]
                states.append(AssumptionState(record, assumption, RETIRED, replaced, min(dates) if dates else None))
            elif overdue:
                states.append(AssumptionState(record, assumption, REVIEW, since=record.review_by))
            else:
                states.append(AssumptionState(record, assumption, HOLDS))
    return [state for state in states if state.broken] if broken_only else states


def at_risk(log: DecisionLog, today: dt.date | None = None, states: list[AssumptionState] | None = None) -> dict[Path, Risk]:
    """Decisions in force that rest, directly or through amends/extends/relates-to, on a broken assumption."""
    states = states if states is not None else assumption_states(log, today, broken_only=True)
    resting = resting_on(log)
    risks: dict[Path, Risk] = {}
    for state in states:
        if state.broken:  # the decisions saying it no longer holds are not at risk from it
            for chain in put_at_risk(state.record, resting, besides=state.by):
                risks.setdefault(chain[-1].path, Risk(chain[-1], state, chain))
    return risks


def resting_on(log: DecisionLog) -> dict[str, list[Record]]:
    """Path -> the records that rest on that record (amend, extend, relate to, depend on it)."""
    resting: dict[str, list[Record]] = {}
    for edge in log.edges():
        if edge.relation in relations.RESTS_ON:
            resting.setdefault(os.fspath(edge.target.path), []).append(edge.source)
    return resting


def put_at_risk(record: Record, resting: dict[str, list[Record]], besides: Iterable[Record] = ()) -> list[list[Record]]:
    """What an assumption of `record` that no longer holds puts at risk: a chain from `record` to
    each decision in force resting on it (`resting`, from `resting_on`), the record itself first
    when it is in force. `besides` (the decisions saying it no longer holds) are left out, and so
    is what rests on `record` only through them."""
    chains, seen, frontier = [], {id(r) for r in besides}, [[record]]
    while frontier:
        chain = frontier.pop(0)
        current = chain[-1]
        if id(current) in seen and current is not record:
            continue
        seen.add(id(current))
        if current.status not in INACTIVE:
            chains.append(chain)
        frontier += [[*chain, other] for other in resting.get(os.fspath(current.path), []) if other not in chain]
    return chains
