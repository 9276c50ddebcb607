"""The status colours a site owner chose, as CSS for badges and graph legends."""

from __future__ import annotations

from adr.site.escape import css_ident


def status_css(colours: dict[str, str]) -> str:
    rules = [f":is(.md-typeset, body) .adr-status--{css_ident(status)} {{ --adr-colour: {colour}; }}" for status, colour in colours.items()]
    return "/* generated from the adr plugin's status_colours */\n" + "\n".join(rules) + "\n"
