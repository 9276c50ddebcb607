"""`adr init`: start a decision log."""

from __future__ import annotations

from pathlib import Path

import click

from adr.cli import settings
from adr.cli.options import shown
from adr.words import counted


@click.command("init")
@click.argument("directory", required=False)
@click.option("--format", "fmt", type=click.Choice(["madr", "nygard"]), envvar="ADR_FORMAT", help="Format of the log's records (default: madr, the rich format).")
@click.pass_context
def command(ctx: click.Context, directory: str | None, fmt: str | None) -> None:
    """Create the log folder and its first record.

    With DIRECTORY, also writes `.adr-dir` so adr-tools and `adr` find it.

    \b
    Example:
      adr init --format nygard doc/architecture/decisions
    """
    from adr.edit.operations import NewRequest, new_record

    config = settings(ctx)
    if directory:
        from adr.config import inside_repository

        inside_repository(Path(directory).absolute(), Path.cwd(), Path(directory))  # the .adr-dir written would be refused
        Path(directory).mkdir(parents=True, exist_ok=True)
        Path(".adr-dir").write_text(directory + "\n", encoding="utf-8")
        config.log_dir = Path(directory).resolve()
    elif not config.named_by and not config.log_dir.exists():  # a folder .adr-dir or --dir names is kept
        config.log_dir = Path("doc/adr").resolve()
    config.format = fmt or config.format or "madr"
    from adr.store.listing import record_files

    existing = record_files(config.log_dir) if config.log_dir.is_dir() else []
    if existing:
        raise click.ClickException(f"{shown(config.log_dir)} already holds {counted(len(existing), 'decision record')}; nothing to initialise")
    path = new_record(config, NewRequest("Record architecture decisions", first=True))
    click.echo(shown(path))
