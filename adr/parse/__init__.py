"""Reading ADR files of every common format into `adr.model.Record`.

Owns the one parser every format goes through: markdown-it block tokens cut at the headings a
reader needs (`blocks`, `outline`), front matter read with YAML's safe loader (`frontmatter`),
inline text and links (`inline`), template prompts left unfilled (`placeholders`) and the
record itself (`record`). Pure functions of a file's text. May import the domain modules at
the package root only; never the store, git or anything above.
"""

from adr.parse.record import parse_record, read_record

__all__ = ["parse_record", "read_record"]
