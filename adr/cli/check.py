"""`adr check`: the log's consistency rules, for CI and pre-commit."""

from __future__ import annotations

import click

from adr.cli import settings


@click.command("check")
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json"]), default="text", show_default=True,
              help="github: workflow annotations (::error file=…,line=…::…).")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--rules", "list_rules", is_flag=True, help="List the rule ids with their severities and exit.")
@click.argument("files", nargs=-1, type=click.Path())
@click.pass_context
def command(ctx, fmt: str, strict: bool, list_rules: bool, files: tuple[str, ...]) -> None:
    """Check the whole log; print findings as `file:line: rule-id message`.

    Exit 1 when there is an error (with --strict, a warning too), else 0. FILES limit the
    output to those files; the rules still see the whole log (a duplicate number needs both).
    Severities are set per rule id in .adr.yml, e.g. `rules: {missing-date: off}`.

    \b
    Example:
      adr check
      adr check --format github --strict
    """
    from pathlib import Path

    from adr.report import checks
    from adr.report.checks import formats
    from adr.store.log import DecisionLog

    config = settings(ctx, refused="report")  # a journal adr will not act on is a finding
    if list_rules:
        from adr.report.checks.rules import RULES

        for rule_id, level in checks.severities(config.rules).items():
            click.echo(f"{rule_id:<30} {level:<8} {RULES[rule_id][1].strip()}")
        return
    config.require_log()  # `--rules` needs no log
    folders = [config.log_dir, *config.extra_dirs]
    if files:
        log = DecisionLog.load(folders)
        findings = checks.run(checks.from_disk(log, config.statuses), config.rules)
        wanted = _named_records(files, log)
        findings = [d for d in findings if Path(d.path).resolve() in wanted]
    else:
        findings = checks.check_log(folders, config.statuses, config.rules)
    click.echo(formats.FORMATS[fmt](findings), nl=False)
    if fmt != "json":
        click.echo(f"adr check: {formats.summary(findings)}", err=True)
    if checks.failed(findings, strict):
        ctx.exit(1)


def _named_records(files: tuple[str, ...], log) -> set:
    """FILES as resolved paths; a name that is no record of the log is a mistake to report,
    since "no findings" for it would pass CI without checking anything."""
    from pathlib import Path

    from adr.cli.options import shown
    from adr.errors import AdrError

    records = {r.path.resolve() for r in log.records}
    wanted = set()
    for name in files:
        path = Path(name).resolve()
        if not path.exists():
            raise AdrError("no such file", name)
        if path not in records:
            raise AdrError(f"not a record of the decision log in {', '.join(shown(f) for f in log.folders)}", name)
        wanted.add(path)
    return wanted
