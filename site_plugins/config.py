"""The plugin's options as a site owner writes them in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base, config_options as c


class AdrPluginConfig(base.Config):
    decisions_dir = c.Optional(c.Type((str, list)))  # one folder or a list; relative to mkdocs.yml
    title = c.Type(str, default="Decisions")  # the nav section and the log page's title
    prefix = c.Type(str, default="decisions")  # URL prefix of every generated page
    graph = c.Type(bool, default=True)  # the graph page and the neighbour graphs
    git = c.Type(bool, default=False)  # created/changed dates and status changes from git history
    strict = c.Type(bool, default=False)  # fail the build when a record has errors
    status_colours = c.Type(dict, default={})  # status -> CSS colour
    allow_html = c.Type(dict, default={})  # more tags and attributes the decision pages may keep: {tags: [...], attributes: {...}}
