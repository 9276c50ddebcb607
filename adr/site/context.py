"""Everything the page builders share, computed once per build (states, risks, layout)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from adr.report import insights
from adr.store.log import DecisionLog
from adr.model import Record
from adr.parse.placeholders import is_placeholder
from adr.site.fragments import record_link
from adr.site.guard import as_text, why_not_rendered
from adr.site.layout import Layout
from adr.site.links import Retargeter
from adr.site.options import SiteOptions


@dataclass
class SiteContext:
    log: DecisionLog
    options: SiteOptions
    layout: Layout
    states: list[insights.AssumptionState]
    risks: dict[Path, insights.Risk]
    retarget: Retargeter
    states_by_record: dict[int, list[insights.AssumptionState]] = field(default_factory=dict)
    _edges_from: dict[int, list] = field(default_factory=dict)
    shown_as_text: dict[Path, str] = field(default_factory=dict)  # record file -> why its text is not rendered

    @classmethod
    def create(cls, log: DecisionLog, options: SiteOptions) -> "SiteContext":
        layout = Layout(log, options.prefix, options.use_directory_urls)
        states = insights.assumption_states(log, options.day)
        risks = insights.at_risk(log, options.day, states)
        # an assumption still reading as the template's prompt is not published as one that holds
        shown = [s for s in states if not is_placeholder(s.assumption.text)]
        context = cls(log, options, layout, shown, risks, Retargeter(log, layout))
        for state in shown:
            context.states_by_record.setdefault(id(state.record), []).append(state)
        for edge in log.edges():
            context._edges_from.setdefault(id(edge.source), []).append(edge)
        return context

    def edges_from(self, record: Record) -> list:
        """The record's relations, both directions (indexed once: the log's own lookup scans all)."""
        return self._edges_from.get(id(record), [])

    def href(self, from_src: str, record: Record) -> str:
        return self.layout.url(from_src, self.layout.record(record))

    def link(self, from_src: str, record: Record) -> str:
        """An HTML link to a record's page, for raw HTML blocks."""
        return record_link(record, self.href(from_src, record))

    def record_markdown(self, text: str, record: Record, from_src: str) -> str:
        """A record's own Markdown for a page: its links pointed at the site, or, when
        Python-Markdown would take too long on it, the text as written (`shown_as_text` says
        why, for the build's warning)."""
        why = why_not_rendered(text)
        if why is None:
            return self.retarget(text, record, from_src)
        self.shown_as_text.setdefault(record.path, why)
        return as_text(text, why)

    def at_risk(self, record: Record) -> bool:
        return record.path in self.risks

    def risk_reason(self, record: Record) -> str:
        risk = self.risks.get(record.path)
        return risk.explain() if risk else ""
