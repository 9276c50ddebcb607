"""Everything that talks to git: one safe way to call it, and what the log's history says.

Owns git calls with user input never read as an option (`git`), `--commit` of exactly the
files a command wrote (`commit`) and the note that says so when one was killed before it
committed (`pending`), each record's life from one `git log` pass (`history`) and
its cache per commit (`history_cache`), and numbers that survive parallel branches
(`numbering`). May import the domain, `adr.parse` and `adr.store`; never edits, reports, the
review, the site or the CLI.
"""
