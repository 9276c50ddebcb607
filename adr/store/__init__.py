"""The log on disk, and what keeps reading it fast and writing it safe.

Owns the decision log as files (`log`: records, references, links), which files of a folder are
records (`listing`), all-or-nothing writes with their journal and lock (`atomic`), the seal
that lets recovery replay only this user's own journal (`journal`), this user's files outside
every repository (`state`: the journal key, notes of unfinished `--commit` runs), the parse
cache (`parse_cache`, its records as typed MessagePack: `record_codec`), remembered
`list`/`check` results (`result_cache`), the cache folder and its files (`cache_files`) and
whether a cache folder may be trusted at all (`trust`), the file system questions a remembered
result depends on (`lookups`) and parsing on every core (`fanout`).
May import the domain modules at the package root and `adr.parse`; never git, edits, reports,
the review, the site or the CLI.
"""
