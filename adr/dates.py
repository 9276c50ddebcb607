"""Dates as people write them in ADRs."""

from __future__ import annotations

import datetime as dt
import re

_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d/%m/%Y",
    "%d/%m/%y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%Y-%m-%dT%H:%M:%S",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%Y-%m",
)


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(raw: object) -> dt.date | None:
    """A date from YAML (already a date) or text; None when it cannot be read."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if raw is None:
        return None
    text = str(raw).strip().strip("*_`").strip()
    if len(text) == 10 and _ISO_DAY.fullmatch(text):  # the common case, without strptime's cost
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"\s+", " ", text)
    for fmt in _FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    found = re.search(r"\b(\d{4}-\d{2}-\d{2})\b", text)
    if found:
        try:
            return dt.date.fromisoformat(found.group(1))
        except ValueError:
            return None
    return None


def is_dd_mm_yyyy(raw: str) -> bool:
    """Dates that `adr upgrade-repository` rewrites to ISO."""
    return bool(re.fullmatch(r"\s*\d{1,2}/\d{1,2}/\d{2,4}\s*", raw or ""))
