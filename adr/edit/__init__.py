"""The commands that change the log: create, link, unlink, supersede, re-status, renumber.

Owns what each command does to the records (`operations`, `unlink`, `renumber`), the text of a
new record from the built-in or the log's own templates (`render`, `templates`) and small
targeted edits to an existing record's text (`in_place`). Every change goes through
`adr.store.atomic`, so it is all or nothing. May import the domain, `adr.parse`, `adr.store`
and `adr.repo`; never reports, the review, the site or the CLI.
"""
