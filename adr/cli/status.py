"""`adr status`: move a record through its lifecycle."""

from __future__ import annotations

import click

from adr.cli import log_settings, settings
from adr.cli.options import complete_ref, shown


@click.command("status")
@click.argument("ref", shell_complete=complete_ref)
@click.argument("status")
@click.option("--force", is_flag=True, help="Allow a transition the lifecycle forbids.")
@click.option("--commit", "commit", is_flag=True, help="Commit exactly the files it changed.")
@click.pass_context
def command(ctx, ref: str, status: str, force: bool, commit: bool) -> None:
    """Set the status of REF: draft, proposed, accepted, rejected, deprecated, superseded, or a custom one.

    Custom statuses are listed under `statuses:` in .adr.yml. Accepting a record that
    supersedes others while it was proposed marks them superseded too.

    \b
    Example:
      adr status 4 accepted
    """
    from adr.repo.commit import maybe_commit, record_label
    from adr.edit.operations import set_status

    change = maybe_commit(
        commit, log_settings(ctx), lambda: set_status(settings(ctx), ref, status, force),
        lambda done: f"{record_label(done.path)}: status {done.status}",
    )
    for path in change.paths:  # the record, then those its new status marks superseded
        click.echo(shown(path))
    if not change.paths:  # stdout lists files written: none here
        click.echo(f"adr: {change.name} is already {change.status}; nothing changed", err=True)
