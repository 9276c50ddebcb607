"""`adr history`: when each decision was proposed, accepted and changed, and by whom, from git."""

from __future__ import annotations

import click

from adr.cli import log_settings
from adr.cli.options import shown
from adr.status import created_words


@click.command("history")
@click.argument("ref", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def command(ctx, ref: str | None, fmt: str) -> None:
    """Print REF's timeline from git: created, status changes, edits, renames, with author and date.

    Without REF, one line per record: created, status changes, last change. Uncommitted edits
    are not history yet. In a shallow clone early history is missing; a warning says so.

    \b
    Example:
      adr history 4
      adr history --format json
    """
    import json

    from adr.repo import history as git_history
    from adr.store.log import DecisionLog

    config = log_settings(ctx)
    folders = [config.log_dir, *config.extra_dirs]
    log = DecisionLog.load(folders)
    records = [log.find(ref)] if ref else log.records
    found = git_history.load_log(folders)
    for warning in found.warnings:
        click.echo(f"adr: warning: {warning}", err=True)
    pairs = [(record, found.of(record.path)) for record in records]
    if fmt == "json":
        data = [{"file": shown(r.path), "number": r.number, "title": r.title, **(git_history.as_dict(h) if h else {"path": None})} for r, h in pairs]
        click.echo(json.dumps(data[0] if ref else data, indent=2, ensure_ascii=False))
        return
    for record, record_history in pairs:
        number = f"{record.number}. " if record.number is not None else ""
        if ref:
            click.echo(click.style(f"{number}{record.title}", bold=True) + f"  ({shown(record.path)})")
            if record_history is None:
                click.echo("  not committed yet")
            for commit, words in git_history.timeline(record_history) if record_history else []:
                click.echo(f"  {commit.date.date().isoformat()}  {commit.short}  {words}, by {commit.author}  ({commit.subject})")
        else:
            click.echo(f"{shown(record.path)}: {_summary(record_history)}")


def _summary(record_history) -> str:
    if record_history is None:
        return "not committed yet"
    parts = []
    for change in record_history.statuses:
        if change.previous is None:
            words = "created " + created_words(change.status)
        else:  # the status before is the part before: `; → accepted`
            words = f"→ {change.status}" if change.status else "status removed"
        parts.append(f"{words} {change.commit.date.date().isoformat()} by {change.commit.author}")
    last = record_history.last
    if last is not None and len(record_history.changes) > 1:
        parts.append(f"last change {last.commit.date.date().isoformat()} by {last.commit.author}")
    return "; ".join(parts)
