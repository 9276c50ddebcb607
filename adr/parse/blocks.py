"""The block structure of a Markdown file, from markdown-it-py's token stream.

Only the block pass runs over the whole file; inline Markdown is parsed on demand for the few
paragraphs whose links matter (status, links, metadata), which keeps loading large logs fast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@dataclass
class Item:
    text: str  # inline source of the item's first paragraph
    line: int


@dataclass
class Block:
    kind: str  # "heading", "paragraph", "list", "html", "other"
    line: int  # 1-based first line in the file
    end: int  # 1-based last line in the file
    text: str = ""  # inline source (heading, paragraph)
    level: int = 0  # heading level
    items: list[Item] = field(default_factory=list)


# A block rule can only match where its mark is in the text: a rule whose mark is nowhere in a
# file returns False on every line it is tried on, so a parser without it gives the same tokens
# (ADR 28). Each test is a necessary condition, never a parse: when unsure it says "maybe".
_HR = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M)  # a line ending in 3 or more of one mark
_UNDERLINE = re.compile(r"(?:^|[ \t>])(?:=+|-+)[ \t]*$", re.M)  # a setext heading's underline


def _a_line_ends_with(text: str, marks: str) -> bool:
    """Whether some line's last character, trailing blanks aside, is one of `marks`. A few
    substring searches, one-character ones first: the regexes above take 20-100 us on a
    record, this takes a few."""
    present = [mark for mark in marks if mark in text]
    if not present:
        return False
    if any(mark + "\n" in text for mark in present) or text.rstrip(" \t")[-1:] in present:
        return True
    if " \n" in text or "\t\n" in text:
        return any(line.rstrip(" \t")[-1:] in present for line in text.split("\n"))
    return False


_MARKS = {
    # indented code needs 4 columns of indent; without the rule markdown-it also stops asking
    # other rules to skip such lines (`is_code_block`), and there are none
    "code": lambda text: "    " in text or "\t" in text,
    "fence": lambda text: ("`" in text and "```" in text) or ("~" in text and "~~~" in text),
    "blockquote": lambda text: ">" in text,
    "hr": lambda text: _a_line_ends_with(text, "-*_") and _HR.search(text) is not None,
    "reference": lambda text: "]:" in text,
    "html_block": lambda text: "<" in text,
    "lheading": lambda text: _a_line_ends_with(text, "=-") and _UNDERLINE.search(text) is not None,
    "normalize": lambda text: "\0" in text,  # the core rule that turns \r\n into \n and NUL into U+FFFD
}


def can_match(rule: str, text: str) -> bool:
    """Whether block rule `rule` may match somewhere in `text`; False only when it cannot."""
    return _MARKS[rule](text)


def unused_rules(text: str) -> frozenset[str]:
    """The markdown-it rules that can do nothing on `text`: block rules that cannot match
    anywhere in it, and the core rule `normalize` when there is nothing to normalise."""
    if "\r" in text:  # markdown-it splits lines at \r too; the tests above look at \n only
        return frozenset()
    return frozenset(rule for rule, maybe in _MARKS.items() if not maybe(text))


@lru_cache(maxsize=None)  # at most 2**8 rule sets, and real logs use a handful
def block_parser(unused: frozenset[str] = frozenset()) -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported on first use: a warm cache needs none of it

    md = MarkdownIt("commonmark", {"html": True})
    md.disable(["inline", "text_join", *unused], ignoreInvalid=True)
    _quiet_rule_logging()
    return md


class _Silent:
    def debug(self, *args: object, **kwargs: object) -> None:
        pass


def _quiet_rule_logging() -> None:
    """Every block rule logs `entering <rule>` at DEBUG on every line it tries: about 430 calls
    per record, a sixth of the block pass. Unless someone is debugging markdown-it, its rule
    modules get a logger that does nothing (measured in ADR 11)."""
    import importlib
    import logging
    import pkgutil

    import markdown_it.rules_block as rules

    for module in pkgutil.iter_modules(rules.__path__):
        rule = importlib.import_module(f"{rules.__name__}.{module.name}")
        logger = getattr(rule, "LOGGER", None)
        if isinstance(logger, logging.Logger) and not logger.isEnabledFor(logging.DEBUG):
            rule.LOGGER = _Silent()


@lru_cache(maxsize=1)
def inline_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True})


def tokens(body: str) -> list:
    """markdown-it's block tokens of `body`, by a parser without the rules it cannot use."""
    parser = block_parser(unused_rules(body))
    try:
        return parser.parse(body)
    except IndexError:
        # markdown-it-py 4.3's html_block reads past the end of a file that ends in an HTML block
        # inside a list inside a quote (`> - <!--`, `>- <pre>`, then `>`) with no newline; with
        # the newline it parses, and an empty last line changes no block.
        return parser.parse(body + "\n")


def blocks(body: str, first_line: int = 1) -> list[Block]:
    """Top-level blocks of `body`, with 1-based file line numbers (`first_line` is body line 1)."""
    return blocks_of(tokens(body), first_line)


def blocks_of(tokens: list, first_line: int) -> list[Block]:
    """Top-level blocks of a token stream whose line 0 is file line `first_line`."""
    out: list[Block] = []
    i = 0
    offset = first_line
    while i < len(tokens):
        tok = tokens[i]
        if tok.level != 0 or tok.map is None:
            i += 1
            continue
        start, end = tok.map[0] + offset, tok.map[1] - 1 + offset
        if tok.type == "heading_open":
            out.append(Block("heading", start, end, tokens[i + 1].content, int(tok.tag[1:])))
            i += 3
            continue
        if tok.type == "paragraph_open":
            out.append(Block("paragraph", start, end, tokens[i + 1].content))
            i += 3
            continue
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            block = Block("list", start, end)
            close = tok.type.replace("_open", "_close")
            i += 1
            while i < len(tokens) and not (tokens[i].type == close and tokens[i].level == 0):
                t = tokens[i]
                if t.type == "list_item_open" and t.level == 1:
                    line = (t.map[0] + offset) if t.map else start
                    text = ""
                    j = i + 1
                    while j < len(tokens) and tokens[j].type != "list_item_close":
                        if tokens[j].type == "inline":
                            text = tokens[j].content
                            break
                        j += 1
                    block.items.append(Item(text, line))
                i += 1
            out.append(block)
            i += 1
            continue
        kind = "html" if tok.type == "html_block" else "other"
        out.append(Block(kind, start, end, tok.content))
        i += 1
        if tok.nesting == 1:  # skip to the matching close (blockquote, table)
            depth = 1
            while i < len(tokens) and depth:
                depth += tokens[i].nesting if tokens[i].level == 0 else 0
                i += 1
    return out
