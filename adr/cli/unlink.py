"""`adr unlink`: remove the links between two records, in both directions."""

from __future__ import annotations

import click

from adr.cli import log_settings, settings
from adr.cli.options import complete_ref, shown


@click.command("unlink")
@click.argument("source", shell_complete=complete_ref)
@click.argument("target", shell_complete=complete_ref)
@click.option("--commit", "commit", is_flag=True, help="Commit exactly the files it changed.")
@click.pass_context
def command(ctx, source: str, target: str, commit: bool) -> None:
    """Remove every link between SOURCE and TARGET, in both records.

    Statuses are left as they are: after undoing a supersede, set the old record's status
    with `adr status`. A link inside a status value or the front matter is refused, and
    nothing is changed.

    \b
    Example:
      adr unlink 7 3
    """
    from adr.repo.commit import maybe_commit
    from adr.edit.unlink import status_command, unlink

    def name(ref: str) -> str:
        return f"ADR {ref}" if ref.isdigit() else ref

    result = maybe_commit(
        commit, log_settings(ctx), lambda: unlink(settings(ctx), source, target),
        lambda done: f"Unlink {name(source)} and {name(target)}",
    )
    for path in result.paths:
        click.echo(shown(path))
    for record in result.still_superseded:
        status = f"still says '{record.raw_status.strip()}'" if record.status else "is now empty"
        click.echo(f"adr: {shown(record.path)}: no record supersedes it any more, but its status {status}; "
                   f"set it with `{status_command(record)}`", err=True)
