"""`adr review`: what a pull request does to the decision log, and the comment that says so.

Owns reading a change from git objects without a checkout (`changes`), telling which old
record each changed file is by number and title (`pairing`), and rendering it as Markdown for
a pull request comment or as JSON (`comment`). May import every core layer below
it (domain, `adr.parse`, `adr.store`, `adr.repo`, `adr.report`); never `adr.edit`, the site or
the CLI.
"""
