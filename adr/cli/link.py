"""`adr link`: relate two records, in both directions."""

from __future__ import annotations

import click

from adr.cli import log_settings, settings
from adr.cli.options import complete_ref, shown


@click.command("link")
@click.argument("source", shell_complete=complete_ref)
@click.argument("label")
@click.argument("target", shell_complete=complete_ref)
@click.argument("reverse", required=False)
@click.option("--commit", "commit", is_flag=True, help="Commit exactly the files it changed.")
@click.pass_context
def command(ctx, source: str, label: str, target: str, reverse: str | None, commit: bool) -> None:
    """Add LABEL from SOURCE to TARGET and the REVERSE link back.

    REVERSE is derived for known relations (Amends / Amended by, Supersedes / Superseded by,
    Extends, Relates to, Clarifies, Depends on); any other LABEL needs it. `Supersedes` also
    marks TARGET superseded once SOURCE is in force: while SOURCE is proposed or a draft,
    TARGET stays in force until `adr status SOURCE accepted`.

    \b
    Example:
      adr link 7 Amends 3
      adr link 9 "Is costed by" 4 "Costs"
    """
    from adr.repo.commit import maybe_commit
    from adr.edit.operations import link

    def name(ref: str) -> str:
        return f"ADR {ref}" if ref.isdigit() else ref

    paths = maybe_commit(
        commit, log_settings(ctx), lambda: link(settings(ctx), source, label, target, reverse),
        lambda written: f"{name(source)} {label.strip().lower()} {name(target)}",
    )
    for path in paths:
        click.echo(shown(path))
    if not paths:
        click.echo(f"adr: nothing changed: {name(source)} already links to {name(target)} with '{label.strip()}', and back", err=True)
