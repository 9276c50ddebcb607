"""The decision site as plain Markdown: every page a DecisionLog publishes, produced without MkDocs.

The MkDocs plugin in `site_plugins/` only hands these pages to MkDocs; any other static-site
tool (or a test) can call `build_site` directly.

Owns every page's Markdown and HTML fragments: the log, each record, the graphs, timeline,
assumptions, compromises, stakeholders and the feed, with their links and escaping (git
history comes in as a callable the plugin passes), and what keeps a record's author from
running script or stalling the build: the allow-list the rendered HTML is cleaned with
(`sanitize`, nh3) and the guard that shows too costly text as written (`guard`). May import the domain, `adr.parse`,
`adr.store` and `adr.report`; never `adr.edit`, the review, the CLI or MkDocs.
"""

from adr.site.options import SiteOptions
from adr.site.pages import SitePage, build_site

__all__ = ["SiteOptions", "SitePage", "build_site"]
