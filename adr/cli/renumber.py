"""`adr renumber`: move a record to another number, rewriting every link to it."""

from __future__ import annotations

import click

from adr.cli import log_settings
from adr.cli.options import shown


@click.command("renumber")
@click.argument("ref")
@click.argument("number")
@click.option("--commit", "commit", is_flag=True, help="Commit exactly the files it touched.")
@click.pass_context
def command(ctx, ref: str, number: str, commit: bool) -> None:
    """Give REF the number NUMBER: rename the file, renumber its title, rewrite links to it.

    REF may be a path when two files share a number (the usual case after two branches
    merged). All files are written before the old one is removed.

    \b
    Example:
      adr renumber docs/decisions/0002-use-redis.md 3
      adr renumber 12 14 --commit
    """
    from adr.repo.numbering import number_argument
    from adr.edit.renumber import renumber

    config = log_settings(ctx)
    number = number_argument(number)

    def run():
        return renumber(config, ref, number)

    if commit:
        from adr.repo.commit import commit_after

        folders = [config.log_dir, *config.extra_dirs]
        result = commit_after(folders, run, lambda r: f"Renumber ADR {r.record.number} to {number}: {r.record.title}")
    else:
        result = run()
    click.echo(f"{shown(result.old)} -> {shown(result.new)}")
    for path in result.touched[2:]:
        click.echo(f"  links updated in {shown(path)}")
