"""Architecture decision records: the core library behind the `adr` command and the site plugin."""

__version__ = "0.1.0"

# Set by the `adr` command, which exits after one command: the records it loads may then be
# frozen out of the cyclic GC's reach, and the parse cache written by a child it waits for at
# exit (adr.store.parse_cache). Never by the MkDocs plugin, whose `serve` rebuilds would leak. Here, not in
# adr.store.parse_cache, so that `adr --help` imports nothing more.
ONE_COMMAND_PROCESS = False
