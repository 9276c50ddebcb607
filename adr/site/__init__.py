"""The decision site as plain Markdown: every page a DecisionLog publishes, produced without MkDocs.

The MkDocs plugin in `site_plugins/` only hands these pages to MkDocs; any other static-site
tool (or a test) can call `build_site` directly.
"""

from adr.site.options import SiteOptions
from adr.site.pages import SitePage, build_site

__all__ = ["SiteOptions", "SitePage", "build_site"]
