"""What a record's prose says about trade-offs: the chosen option, what was given up, downsides.

Read from the sections MADR and Nygard already have; nothing here needs extra markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from adr.model import Record
from adr.parse.inline import plain
from adr.parse.placeholders import is_placeholder

_CHOSEN_QUOTED = re.compile(r"chosen\s+option\s*:?\s*\**\s*[\"“]([^\"”]{1,300})[\"”]", re.I)
_CHOSEN = re.compile(r"chosen\s+option\s*:?\s*\**\s*(.+?)\**\s*(?:,|\bbecause\b|$)", re.I | re.M)
_ITEM = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
_BAD = re.compile(r"^\s*\**bad\**\b[,:]?\s*(?:because\s+)?", re.I)
_WHO = re.compile(r"^\s*\**([^:*]{1,60}?)\**\s*:\s+(.+)$")


def _items(text: str) -> list[str]:
    """Top-level list items of a Markdown fragment, continuation lines joined."""
    items: list[str] = []
    for line in text.splitlines():
        found = _ITEM.match(line)
        if found:
            items.append(found.group(1).strip())
        elif items and line.strip() and line.startswith((" ", "\t")):
            items[-1] += " " + line.strip()
    return items


def _written(items: list[str]) -> list[str]:
    """The items the authors wrote: a template's prompt left in is no content to publish."""
    return [i for i in items if not is_placeholder(i)]


def _only_template(text: str) -> bool:
    """Nothing but the template's prompts (or nothing at all)."""
    return all(is_placeholder(line) for line in text.splitlines() if line.strip())


def _words(text: str) -> set[str]:
    return {w for w in re.split(r"[^a-z0-9]+", plain(text).lower()) if len(w) > 2 or w.isdigit()}


def _chosen_index(options: list[str], chosen: str) -> int | None:
    """The option the outcome names: the one sharing most words with it (authors shorten names)."""
    wanted = _words(chosen)
    scores = [len(wanted & _words(o)) / (len(wanted) or 1) for o in options]
    best = max(range(len(options)), key=lambda i: scores[i], default=None)
    return best if best is not None and scores[best] >= 0.5 else None


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class Compromise:
    who: str  # a stakeholder named at the start of the item, or "" when none is
    text: str


@dataclass
class TradeOffs:
    record: Record
    chosen: str = ""
    given_up: list[str] = field(default_factory=list)
    downsides: list[str] = field(default_factory=list)
    compromises: list[Compromise] = field(default_factory=list)
    consequences: str = ""  # Nygard: the whole Consequences section stands in

    @property
    def empty(self) -> bool:
        return not (self.chosen or self.given_up or self.downsides or self.compromises or self.consequences)


def _section(record: Record, *names: str):
    """The first section named exactly like one of `names`, in their order, else by prefix."""
    for name in names:
        for section in record.sections:
            if section.title.lower().strip() == name:
                return section
    for name in names:
        found = record.section(name)
        if found:
            return found
    return None


def trade_offs(record: Record) -> TradeOffs:
    result = TradeOffs(record)
    outcome = _section(record, "decision outcome", "decision")
    if outcome:
        text = outcome.text
        found = _CHOSEN_QUOTED.search(text) or _CHOSEN.search(text)
        if found and not is_placeholder(found.group(0)):
            result.chosen = " ".join(plain(found.group(1)).split()).strip(" \"'“”")
    options = _section(record, "considered options", "options")
    if options:
        listed = _written(_items(options.text))
        index = _chosen_index(listed, result.chosen) if result.chosen else None
        result.given_up = [o for i, o in enumerate(listed) if i != index] if index is not None else []
    consequences = record.section("consequences")
    if consequences:
        text = consequences.text
        result.downsides = [_upper_first(_BAD.sub("", i)) for i in _written(_items(text)) if _BAD.match(i)]
        if not result.downsides and not result.chosen and not _only_template(text):
            result.consequences = text.strip()
    compromises = record.section("compromises")
    if compromises:
        for item in _written(_items(compromises.text)):
            who = _WHO.match(item)
            result.compromises.append(Compromise(who.group(1).strip(), who.group(2).strip()) if who else Compromise("", item))
    return result
