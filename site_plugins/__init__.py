"""The `adr` MkDocs plugin: publishes decision logs with pages produced by `adr.site`."""
