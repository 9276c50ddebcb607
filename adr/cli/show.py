"""`adr show`: one record, with its relations in both directions."""

from __future__ import annotations

import click

from adr.cli import log_settings
from adr.cli.options import complete_ref, shown


@click.command("show")
@click.argument("ref", shell_complete=complete_ref)
@click.pass_context
def command(ctx, ref: str) -> None:
    """Show REF's metadata and relations (inverse ones too), then its text.

    \b
    Example:
      adr show 12
    """
    from adr.report.insights import at_risk
    from adr.store.log import DecisionLog
    from adr.relations import shown_label

    config = log_settings(ctx)
    log = DecisionLog.load([config.log_dir, *config.extra_dirs])
    record = log.find(ref)
    risk = at_risk(log).get(record.path)
    click.echo(click.style(record.numbered_title, bold=True))
    click.echo(f"  file:      {shown(record.path)}")
    click.echo(f"  status:    {record.status or '? (none written)'}" + (f"  (at risk: {risk.explain()})" if risk else ""))
    for field, value in (("date", record.date), ("review-by", record.review_by)):
        if value:
            click.echo(f"  {field + ':':<11}{value}")
    for field, names in (("deciders", record.decision_makers), ("consulted", record.consulted), ("informed", record.informed), ("tags", record.tags)):
        if names:
            click.echo(f"  {field + ':':<11}{', '.join(names)}")
    forced = log.in_force(record)
    if forced:
        click.echo("  in force:  " + ", ".join(r.numbered_title for r in forced))
    for edge in log.edges_from(record):
        mark = "" if edge.explicit else "  (written in the other record only)"
        click.echo(f"  {shown_label(edge.label)} {edge.target.numbered_title}{mark}{_not_in_force(edge)}")
    click.echo("")
    click.echo(record.body.strip())


def _not_in_force(edge) -> str:
    """A successor that has not taken effect: the record shown is not superseded by it (yet)."""
    from adr.relations import SUPERSEDED_BY
    from adr.status import PENDING

    status = edge.target.status
    if edge.relation != SUPERSEDED_BY or status not in PENDING | {"rejected"}:
        return ""
    ref = edge.target.ref
    return f"  ({ref} was rejected)" if status == "rejected" else f"  (when it is accepted: {ref} is {status})"
