"""`adr status`: move a record through its lifecycle."""

from __future__ import annotations

import click

from adr.cli import settings
from adr.cli.options import complete_ref, shown


@click.command("status")
@click.argument("ref", shell_complete=complete_ref)
@click.argument("status")
@click.option("--force", is_flag=True, help="Allow a transition the lifecycle forbids.")
@click.pass_context
def command(ctx, ref: str, status: str, force: bool) -> None:
    """Set the status of REF: proposed, accepted, rejected, deprecated, superseded, or a custom one.

    Custom statuses are listed under `statuses:` in .adr.yml.

    \b
    Example:
      adr status 4 accepted
    """
    from adr.operations import set_status

    click.echo(shown(set_status(settings(ctx), ref, status, force)))
