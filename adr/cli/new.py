"""`adr new`: write a new decision record."""

from __future__ import annotations

import click

from adr.cli import settings
from adr.cli.options import open_editor, shown


def _link(value: str):
    from adr.edit.operations import LinkRequest

    parts = value.split(":")
    if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
        raise click.BadParameter(f"'{value}' is not TARGET:LINK[:REVERSE-LINK]")
    return LinkRequest(parts[0], parts[1], parts[2] if len(parts) == 3 and parts[2] else None)


@click.command("new")
@click.option("-s", "--supersedes", "supersedes", multiple=True, metavar="REF", help="A record this one supersedes.")
@click.option("-l", "--link", "links", multiple=True, metavar="TARGET:LINK:REVERSE", help="Link to a record, e.g. 5:Amends:Amended by.")
@click.option("--status", help="Initial status (default: proposed for the rich format, Accepted for Nygard).")
@click.option("--tag", "tags", multiple=True, help="A tag; repeat for more.")
@click.option("--decider", "deciders", multiple=True, help="A decision-maker; repeat for more.")
@click.option("--consulted", multiple=True, help="Someone consulted; repeat for more.")
@click.option("--informed", multiple=True, help="Someone informed; repeat for more.")
@click.option("--assumption", "assumptions", multiple=True, help="An assumption the decision rests on; repeat for more.")
@click.option("--invalidates", multiple=True, metavar="REF#A1", help="An earlier record's assumption that no longer holds, e.g. 3#A1.")
@click.option("--commit", "commit", is_flag=True, help="Commit exactly the files it wrote (after the editor closes).")
@click.argument("title", nargs=-1, required=True)
@click.pass_context
def command(ctx, supersedes, links, status, tags, deciders, consulted, informed, assumptions, invalidates, commit, title) -> None:
    """Create the next numbered record, open it in $VISUAL or $EDITOR, print its path.

    \b
    Example:
      adr new -s 12 Use PostgreSQL
      adr new -l "5:Amends:Amended by" --decider "Ana (architect)" --tag data Use CRDTs
      adr new --invalidates 3#A1 Sell to consumers directly
    """
    from adr.edit.operations import NewRequest, new_record

    request = NewRequest(
        " ".join(title), list(supersedes), [_link(l) for l in links], status,
        list(tags), list(deciders), list(consulted), list(informed), list(assumptions), list(invalidates),
    )
    from adr.repo.commit import maybe_commit, record_label

    def write():
        written = new_record(settings(ctx), request)
        open_editor(written)
        return written

    path = maybe_commit(commit, settings(ctx), write, lambda p: f"Add {record_label(p)}")
    click.echo(shown(path))
