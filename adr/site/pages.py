"""Every page of the decision site from one DecisionLog: the single entry point for adapters."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from adr.store.log import DecisionLog
from adr.site.assumptions_page import assumptions_page
from adr.site.compromises_page import compromises_page
from adr.site.context import SiteContext
from adr.site.feed import atom_feed
from adr.site.log_page import log_page
from adr.site.options import SiteOptions
from adr.site.record_page import record_page
from adr.site.graph_page import graph_page
from adr.site.stakeholders_page import stakeholders_page
from adr.site.timeline_page import timeline_page

# (page, nav title, builder); the order is the order of the navigation.
SECTION_PAGES = (
    ("index", None, log_page),
    ("assumptions", "Assumptions", assumptions_page),
    ("compromises", "Compromises", compromises_page),
    ("graph", "Graph", graph_page),
    ("timeline", "Timeline", timeline_page),
    ("stakeholders", "Stakeholders", stakeholders_page),
)


@dataclass
class SitePage:
    src_uri: str  # where MkDocs should pretend the page is in docs_dir
    content: str
    title: str = ""
    in_nav: bool = False
    record: object = None  # the Record of a decision page


@dataclass
class Site:
    pages: list[SitePage]
    files: dict[str, Path] = field(default_factory=dict)  # images the pages show, src_uri -> disk
    context: SiteContext | None = None


def build_site(log: DecisionLog, options: SiteOptions | None = None) -> Site:
    """Section pages (for the nav) first, then one page per record, then the Atom feed."""
    options = options or SiteOptions()
    ctx = SiteContext.create(log, options)
    pages = []
    for name, title, builder in SECTION_PAGES:
        if name == "graph" and not options.graph:
            continue
        pages.append(SitePage(ctx.layout.section(name), builder(ctx), title or "Decision log", in_nav=True))
    for record in log.records:
        pages.append(SitePage(ctx.layout.record(record), record_page(ctx, record), record.title, record=record))
    pages.append(SitePage(ctx.layout.feed(), atom_feed(ctx), "feed"))
    return Site(pages, dict(ctx.retarget.assets), ctx)
