"""`adr upgrade-repository`: bring an old log's dates to ISO."""

from __future__ import annotations

import click

from adr.cli import log_settings
from adr.cli.options import shown


@click.command("upgrade-repository")
@click.pass_context
def command(ctx) -> None:
    """Rewrite dd/mm/yyyy dates as YYYY-MM-DD; prints each file it changed.

    \b
    Example:
      adr upgrade-repository
    """
    from adr.edit.upgrade import upgrade_repository

    for path in upgrade_repository(log_settings(ctx)):
        click.echo(shown(path))
