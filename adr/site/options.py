"""What a site owner can choose; defaults give a complete site with no configuration."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

DEFAULT_COLOURS = {
    "proposed": "#b26a00",
    "accepted": "#2e7d32",
    "rejected": "#c62828",
    "deprecated": "#616161",
    "superseded": "#6a1b9a",
    "draft": "#546e7a",
    "unknown": "#78909c",
    "at-risk": "#e65100",
}


@dataclass
class SiteOptions:
    title: str = "Decisions"
    prefix: str = "decisions"  # URL prefix, without slashes
    graph: bool = True
    use_directory_urls: bool = True
    material_tags: bool = False  # Material's tags plugin shows the tags; the header need not
    status_colours: dict[str, str] = field(default_factory=dict)
    today: dt.date | None = None
    site_url: str = ""  # absolute base for the Atom feed; relative links when empty
    edit_url: object = None  # callable(record) -> str | None, a link to edit the source
    source_label: object = None  # callable(record) -> str, the source path shown to readers
    history: object = None  # optional git history: callable(record) -> list of (date, status)

    @property
    def colours(self) -> dict[str, str]:
        return {**DEFAULT_COLOURS, **{k.lower(): v for k, v in self.status_colours.items()}}

    @property
    def day(self) -> dt.date:
        return self.today or dt.date.today()
