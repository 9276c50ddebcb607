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
    from adr.store import atomic
    from adr.dates import is_dd_mm_yyyy
    from adr.report.generate import upgrade_dates
    from adr.store.log import DecisionLog

    config = log_settings(ctx)
    log = DecisionLog.load([config.log_dir, *config.extra_dirs])
    changes = {}
    for record in log.records:
        if record.date and is_dd_mm_yyyy(record.raw_date):
            text = record.path.read_text(encoding="utf-8")
            new = upgrade_dates(text, record.raw_date.strip(), record.date.isoformat())
            if new != text:
                changes[record.path] = new
    atomic.write_all(changes)
    for path in changes:
        click.echo(shown(path))
