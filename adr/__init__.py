"""Architecture decision records: the core library behind the `adr` command and the site plugin."""

__version__ = "0.1.0"
