"""What the log says, for people and tools: checks, insights, generated reports, data, tables.

Owns the `adr check` rules and their output formats (`checks`), which assumptions hold and which
decisions are at risk (`insights`), the table of contents and graphs (`generate`), records as
plain data (`export`) and terminal tables (`table`). Read-only: it never writes a record. May
import the domain, `adr.parse`, `adr.store` and `adr.repo`; never edits, the review, the site
or the CLI.
"""
