"""`adr generate toc|graph`: reports for a documentation tool chain."""

from __future__ import annotations

from pathlib import Path

import click

from adr.cli import log_settings


def _load(ctx):
    from adr.store.log import DecisionLog

    config = log_settings(ctx)
    return DecisionLog.load([config.log_dir, *config.extra_dirs])


def _read(path: str | None) -> str:
    if not path:
        return ""
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot read: {exc.strerror}") from None


@click.group("generate")
def command() -> None:
    """Generate a table of contents or the decision graph.

    \b
    Example:
      adr generate toc -p decisions/ > docs/decisions.md
      adr generate graph --format mermaid
    """


@command.command("toc")
@click.option("-i", "intro", metavar="FILE", help="Markdown file to put before the list.")
@click.option("-o", "outro", metavar="FILE", help="Markdown file to put after the list.")
@click.option("-p", "prefix", default="", help="Prefix for every link.")
@click.pass_context
def toc(ctx, intro, outro, prefix) -> None:
    """A Markdown list of every record, as adr-tools writes it.

    \b
    Example:
      adr generate toc -i intro.md -p adr/
    """
    from adr.report.generate import toc as render

    click.echo(render(_load(ctx), _read(intro), _read(outro), prefix), nl=False)


@command.command("graph")
@click.option("-p", "prefix", default="", help="Prefix for node links.")
@click.option("-e", "extension", default=".html", help="Extension of node links (default .html).")
@click.option("--format", "fmt", type=click.Choice(["dot", "mermaid"]), default="dot", show_default=True)
@click.pass_context
def graph(ctx, prefix, extension, fmt) -> None:
    """The relations between records, for Graphviz (as adr-tools) or Mermaid.

    \b
    Example:
      adr generate graph | dot -Tsvg > graph.svg
    """
    from adr.report.generate import dot, mermaid

    log = _load(ctx)
    click.echo((dot if fmt == "dot" else mermaid)(log, prefix, extension), nl=False)
