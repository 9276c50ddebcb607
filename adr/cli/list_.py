"""`adr list`: the records, filtered, as paths, a table or JSON."""

from __future__ import annotations

import sys

import click

from adr.cli import log_settings
from adr.cli.options import shown_all


@click.command("list")
@click.option("--status", "status_filter", multiple=True, help="Only these statuses (repeatable); 'at-risk' selects decisions resting on a broken assumption.")
@click.option("--tag", "tags", multiple=True, help="Only records with this tag (repeatable).")
@click.option("--stakeholder", help="Only records naming this person or team (decided, consulted or informed).")
@click.option("--format", "fmt", type=click.Choice(["paths", "table", "json"]), help="Default: a table on a terminal, paths when piped (like adr-tools).")
@click.pass_context
def command(ctx, status_filter, tags, stakeholder, fmt) -> None:
    """List the decision records.

    \b
    Example:
      adr list --status accepted --tag security
      adr list --status at-risk --format json
    """
    from adr.store.listing import log_path_texts

    config = log_settings(ctx)
    fmt = fmt or ("table" if sys.stdout.isatty() else "paths")
    folders = [config.log_dir, *config.extra_dirs]
    if fmt == "paths" and not (status_filter or tags or stakeholder):
        # Membership and order come from file names alone: `adr list | xargs` parses nothing,
        # like adr-tools' ls (ADR 14).
        paths = log_path_texts(folders)
        if paths:
            click.echo("\n".join(shown_all(paths)))
        return
    from adr.store.result_cache import remembered

    def compute(lookups, listing):
        from adr.store.log import DecisionLog  # not imported when the result is remembered

        log = DecisionLog.load(folders, lookups=lookups, listing=listing)
        return _listed(log, config.statuses, fmt, status_filter, tags, stakeholder)

    # the same answer as last time when nothing it depends on changed (ADR 31)
    question = ("list", fmt, status_filter, tags, stakeholder, repr(sorted(set(config.statuses))))
    shape = tuple[list[str], list[list[str]]] if fmt == "table" else str  # what `_listed` returns
    shown = remembered(folders, question, compute, shape)
    if fmt == "table":
        from adr.report.table import render_table

        header, rows = shown
        style = None if _no_color() else lambda text, colour: click.style(text, fg=colour)
        click.echo(render_table(header, rows, style))
    elif shown:
        click.echo(shown)


def _listed(log, statuses, fmt, status_filter, tags, stakeholder):
    """What `adr list` shows: the text of paths or JSON, or a table's header and rows."""
    import json

    from adr.report.export import record_data
    from adr.report.insights import at_risk
    from adr.status import normalise

    wanted = {normalise(s) if s.lower() != "at-risk" else "at-risk" for s in status_filter}
    _refuse_unknown_statuses(wanted, log, statuses)
    risks = at_risk(log) if ("at-risk" in wanted or fmt in ("json", "table")) else {}
    risky = {id(risk.record) for risk in risks.values()}  # an id per record, not a Path hash
    selected = []
    for record in log.records:
        if wanted and record.status not in wanted and not ("at-risk" in wanted and id(record) in risky):
            continue
        if tags and not set(t.lower() for t in tags) & {t.lower() for t in record.tags}:
            continue
        if stakeholder and stakeholder.lower() not in [s.lower() for s in record.stakeholders]:
            continue
        selected.append(record)
    if fmt == "paths":
        return "\n".join(shown_all([r.path for r in selected]))
    if fmt == "json":
        # One record per line: greppable, still one JSON array, and written by json's C encoder
        # (indent= falls back to the pure-Python one, a second of 10,000 records).
        from pathlib import Path

        here = Path.cwd()
        # one encoder, not one per record; the data is built here and has no cycles to look for
        encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
        lines = [encode(record_data(log, r, id(r) in risky, here)) for r in selected]
        return "[\n" + ",\n".join(lines) + "\n]" if lines else "[]"
    from adr.report.insights import REVIEW
    from adr.store.log import short_refs

    refs = short_refs(log.records)  # unique across the whole log, not just the rows shown
    header = "#" if all(r.number is not None for r in selected) else "Ref"
    due = {id(risk.record) for risk in risks.values() if risk.cause.state == REVIEW}  # a date passed, nothing broke
    mark = {**{i: " (at risk)" for i in risky}, **{i: " (review due)" for i in due}}
    rows = [[refs[id(r)], r.title, (r.status or "?") + mark.get(id(r), ""), r.date.isoformat() if r.date else "", ", ".join(r.tags)] for r in selected]
    return [header, "Title", "Status", "Date", "Tags"], rows


def _refuse_unknown_statuses(wanted: set[str], log, custom: list[str]) -> None:
    """A status no record has and no setting names is a typo, not an empty answer."""
    from adr.status import TRANSITIONS

    present = {r.status for r in log.records if r.status}
    unknown = sorted(wanted - present - set(TRANSITIONS) - set(custom) - {"at-risk", ""})
    if unknown:
        known = ", ".join(sorted(present | set(TRANSITIONS) - {""} | set(custom))) + ", at-risk"
        raise click.BadParameter(f"no record has status {', '.join(repr(u) for u in unknown)} (statuses: {known})", param_hint="'--status'")


def _no_color() -> bool:
    import os

    return bool(os.environ.get("NO_COLOR"))
