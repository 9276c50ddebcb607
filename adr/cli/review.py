"""`adr review`: the pull request summary a reviewer wants, ready to post as a comment."""

from __future__ import annotations

import click

from adr.cli import settings


@click.command("review")
@click.option("--base", metavar="REF", help="The branch the change merges into (default: the upstream, else main, else master).")
@click.option("--head", metavar="REF", help="The change's tip (default: HEAD).")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("--link-base", metavar="URL", default="", help="Prefix for record links, so they work in a PR comment (e.g. https://github.com/o/r/blob/SHA/).")
@click.pass_context
def command(ctx, base: str | None, head: str | None, fmt: str, link_base: str) -> None:
    """Summarise what HEAD changes in the decision log since it left BASE.

    Lists decisions added, status changes, supersessions, assumptions that no longer hold and
    the decisions that rest on them, renumbered, rewritten and deleted records, other edits,
    and `adr check` findings on the changed files. A number the
    base branch took meanwhile is a collision: exit 1 (so are check errors). Reads git objects
    only; nothing is checked out.

    \b
    Example:
      adr review --base origin/main > comment.md
      adr review --format json
    """
    from adr.review.changes import review
    from adr.review.comment import as_json, markdown

    if link_base and not link_base.startswith(("https://", "http://")):
        raise click.BadParameter("must start with https:// or http://", param_hint="--link-base")
    config = settings(ctx, refused="warn")  # head's committed journal is among the findings
    result = review(config.log_dir, base, head, config.statuses, config.rules)
    click.echo(markdown(result, link_base) if fmt == "markdown" else as_json(result), nl=False)
    if result.failed:
        ctx.exit(1)
