"""The navigation gets one section with the overview pages; decision pages stay out of it.

Every page renders the whole navigation, so 1,000 decisions in the nav would make each page
(and the build) a thousand times heavier. They are reached from the log, graph and search.
"""

from __future__ import annotations

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section, _add_parent_links, _add_previous_and_next_links, _get_by_type
from mkdocs.structure.pages import Page


def _without(items: list, uris: set[str]) -> list:
    kept = []
    for item in items:
        if isinstance(item, Page) and item.file.src_uri in uris:
            continue
        if isinstance(item, Section):
            item.children = _without(item.children, uris)
            if not item.children:
                continue
        kept.append(item)
    return kept


def with_decisions(nav: Navigation, files: Files, config, title: str, entries: list[tuple[str, str]]) -> Navigation:
    """`nav` minus any stray copy of our pages, plus a section `title` listing `entries` (uri, title)."""
    uris = {uri for uri, _ in entries}
    items = _without(list(nav.items), uris)
    children = []
    for uri, page_title in entries:
        file = files.get_file_from_path(uri)
        if file is None:
            continue
        page = file.page if isinstance(file.page, Page) else Page(page_title, file, config)
        page.title = page_title
        children.append(page)
    items.append(Section(title, children))
    pages = _get_by_type(items, Page)
    _add_previous_and_next_links(pages)
    _add_parent_links(items)
    return Navigation(items, pages)
