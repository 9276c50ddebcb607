"""User-written text (titles, names, tags, assumptions) shown as text, whatever it contains."""

from __future__ import annotations

import html
import json
import re
from xml.sax.saxutils import escape as _xml_escape, quoteattr as _xml_quoteattr

# Characters Python-Markdown treats as markup and accepts a backslash escape for.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!-])")


def html_text(text: object) -> str:
    """Safe inside an HTML element or a quoted attribute: `<script>` stays visible text."""
    return html.escape(str(text), quote=True)


_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def html_text_with_code(text: object) -> str:
    """`html_text`, with `code` spans shown as code, as the record's own page shows them
    (assumptions quote commands and file names)."""
    return _CODE_SPAN.sub(r"<code>\1</code>", html_text(text))


def md_text(text: object) -> str:
    """Safe inline in Markdown: no HTML, emphasis, link or heading can come out of it."""
    one_line = " ".join(str(text).split())
    return _MARKDOWN.sub(r"\\\1", html.escape(one_line, quote=False))


def yaml_string(text: object) -> str:
    """A YAML scalar that always reads back as the same string (JSON is valid YAML)."""
    return json.dumps(str(text), ensure_ascii=False)


def meta_string(text: object) -> str:
    """A front-matter value themes print unescaped (page <title>, nav, search): HTML-escaped YAML."""
    return yaml_string(html.escape(" ".join(str(text).split()), quote=False))


# What XML 1.0 forbids even as a character reference: C0 controls but tab and newlines,
# surrogates, U+FFFE and U+FFFF. A record's title or names may hold any of them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: object) -> str:
    """Safe inside an XML element (the Atom feed), whatever the text holds: one stray control
    character would make the whole feed ill-formed, and readers reject it."""
    return _xml_escape(_NOT_XML.sub("", str(text)))


def xml_attr(text: object) -> str:
    """A quoted XML attribute value, the same way."""
    return _xml_quoteattr(_NOT_XML.sub("", str(text)))


def css_ident(text: str) -> str:
    """A status or tag turned into a CSS class fragment: `on hold` -> `on-hold`."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unknown"
