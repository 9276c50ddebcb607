"""The generated pages' HTML cleaned of anything that could run script in a reader's browser.

A pull request's author controls every record's text, and Python-Markdown passes raw HTML and
every link scheme through. So the rendered HTML of each generated page goes through Ammonia
(`nh3`) with an allow-list: what Markdown, the plugin's own pages and Material's extensions
write stays; any other tag or attribute is dropped rather than guessed at (event handlers,
`<script>`, `<iframe>`, `<svg>`, `<object>`, `<style>`, `<form action>`). URLs keep only
ordinary schemes: `javascript:`, `vbscript:` and `data:` go, except `data:image/...` in an
image's `src`. A site owner widens the list with the plugin's `allow_html` option.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import nh3

from adr.errors import AdrError

# Tags Ammonia allows by default (Markdown's output, tables, details, kbd, images), plus the
# log page's filters, task lists and Material's content tabs (inputs and labels).
TAGS = frozenset(nh3.ALLOWED_TAGS) | {"tfoot", "form", "label", "input", "select", "option", "button"}

# The data- attributes the plugin's script and Material's search read.
DATA_ATTRIBUTES = frozenset({
    "data-adr-filter", "data-adr-filters", "data-adr-log", "data-adr-risk", "data-adr-sort", "data-adr-status",
    "data-people", "data-risk", "data-status", "data-tags", "data-text", "data-search-exclude",
})

# Attributes on every tag: anchors (`id`), classes (headerlinks, admonitions, highlighting, the
# plugin's `adr-*`), hover text, and the states the plugin's markup uses.
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "role", "hidden", "tabindex"}) | DATA_ATTRIBUTES

ATTRIBUTES: dict[str, frozenset[str]] = {
    **{tag: frozenset(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "a": frozenset({"href", "hreflang", "name", "type"}),  # `name`: code line anchors; `type`: the feed link
    "img": frozenset(nh3.ALLOWED_ATTRIBUTES["img"]) | {"title", "loading"},
    "details": frozenset({"open"}),
    "ol": frozenset({"start", "type", "reversed"}),
    "input": frozenset({"checked", "disabled", "placeholder", "value", "name"}),  # `type`: one of _INPUT_TYPES
    "label": frozenset({"for"}),
    "select": frozenset({"disabled"}),
    "option": frozenset({"value", "selected"}),
    "button": frozenset({"type"}),
    "time": frozenset({"datetime"}),
    "abbr": frozenset({"title"}),
}

# Python-Markdown aligns table columns with `style="text-align: ..."`; no other property.
STYLE_PROPERTIES = frozenset({"text-align"})

URL_SCHEMES = frozenset(nh3.ALLOWED_URL_SCHEMES) | {"data"}  # `data:` only survives `_keep_picture`
_INPUT_TYPES = frozenset({"checkbox", "radio", "search", "text"})
# Removed with their content; no allow-list can bring them back (Ammonia refuses them too).
NEVER = frozenset({"script", "style"})


@dataclass(frozen=True)
class AllowList:
    """What stays in a page's HTML. `widened` adds a site owner's tags and attributes."""

    tags: frozenset[str] = TAGS
    attributes: dict[str, frozenset[str]] = field(default_factory=lambda: dict(ATTRIBUTES))
    style_properties: frozenset[str] = STYLE_PROPERTIES

    def widened(self, tags=(), attributes=None, style_properties=()) -> "AllowList":
        """This list plus a site owner's `allow_html`; an AdrError names what cannot be allowed."""
        tags = {str(t).lower() for t in _names(tags, "tags")}
        if tags & NEVER:
            raise AdrError(f"allow_html: {', '.join(sorted(tags & NEVER))} cannot be allowed: it runs or restyles the page")
        if not isinstance(attributes or {}, dict):
            raise AdrError("allow_html: attributes must map a tag (or *) to a list of attribute names")
        merged = dict(self.attributes)
        for tag, names in (attributes or {}).items():
            wanted = {str(n) for n in _names(names, f"attributes of {tag}")}
            handlers = sorted(n for n in wanted if n.lower().startswith("on"))
            if handlers:
                raise AdrError(f"allow_html: event attributes ({', '.join(handlers)}) run script")
            merged[str(tag).lower()] = merged.get(str(tag).lower(), frozenset()) | wanted
        return AllowList(self.tags | tags, merged, self.style_properties | {str(p) for p in _names(style_properties, "style_properties")})


DEFAULT = AllowList()


def _names(values, what: str) -> list:
    """A YAML list (or one name) of names."""
    if isinstance(values, str):
        return [values]
    if not isinstance(values, (list, tuple, set, frozenset)):
        raise AdrError(f"allow_html: {what} must be a list of names")
    return list(values)


def _keep_picture(tag: str, attribute: str, value: str) -> str | None:
    """Ammonia has checked the scheme already: a `data:` URL is an image's picture or nothing."""
    if value[:5].lower() == "data:" and attribute in ("href", "src", "cite", "action", "formaction", "data", "poster", "srcset"):
        return value if tag == "img" and attribute == "src" and value[5:11].lower() == "image/" else None
    return value


def clean_html(html: str, allow: AllowList = DEFAULT) -> str:
    """`html` with only what `allow` lists: no script, no event handler, no unsafe URL, and
    an input is a box or a field, never a button that submits or an image."""
    attributes = {tag: set(names) for tag, names in allow.attributes.items()}
    attributes["*"] = set(GLOBAL_ATTRIBUTES) | attributes.get("*", set())
    attributes["input"] = attributes.get("input", set()) - {"type"}  # only the types below, whatever was widened
    if allow.style_properties:
        attributes["*"].add("style")
    return nh3.clean(
        html,
        tags=set(allow.tags),
        attributes=attributes,
        tag_attribute_values={"input": {"type": set(_INPUT_TYPES)}},
        attribute_filter=_keep_picture,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,  # Markdown's links carry no rel; adding one would change every page
        generic_attribute_prefixes={"aria-"},
        filter_style_properties=set(allow.style_properties) or None,
        strip_comments=True,
    )


def allow_list(option: object) -> AllowList:
    """The plugin's `allow_html` option, `{tags: [...], attributes: {tag: [...]}, style_properties: [...]}`,
    added to the default list; an AdrError says what is wrong with it."""
    option = option or {}
    if not isinstance(option, dict):
        raise AdrError("allow_html must be a mapping: {tags: [...], attributes: {tag: [...]}}")
    unknown = sorted(set(map(str, option)) - {"tags", "attributes", "style_properties"})
    if unknown:
        raise AdrError(f"allow_html: unknown key {', '.join(unknown)} (known: tags, attributes, style_properties)")
    return DEFAULT.widened(option.get("tags") or (), option.get("attributes") or {}, option.get("style_properties") or ())
