"""The `adr` command: a thin click group whose commands load lazily, so start-up stays fast.

Owns the command line only: options, messages, exit codes, one module per command over the
core's plain functions. May import every core layer; the core never imports click, and the
CLI never imports MkDocs or the site plugin.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from adr import __version__
from adr.errors import AdrError

COMMANDS = {
    "init": "adr.cli.init",
    "new": "adr.cli.new",
    "link": "adr.cli.link",
    "unlink": "adr.cli.unlink",
    "status": "adr.cli.status",
    "list": "adr.cli.list_",
    "show": "adr.cli.show",
    "generate": "adr.cli.generate",
    "upgrade-repository": "adr.cli.upgrade",
    "check": "adr.cli.check",
    "review": "adr.cli.review",
    "history": "adr.cli.history",
    "renumber": "adr.cli.renumber",
}


class UserError(click.ClickException):
    """An `AdrError` as click shows it: one line, exit 1."""

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:
        click.echo(f"adr: {self.format_message()}", err=True)


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return [name for name, module in COMMANDS.items() if importlib.util.find_spec(module) is not None]

    def get_command(self, ctx, name):
        module = COMMANDS.get(name)
        if module is None:
            return None
        try:
            return importlib.import_module(module).command
        except ModuleNotFoundError:
            return None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--dir", "log_dir", metavar="PATH", envvar="ADR_DIR", help="The decision log folder (else found like adr-tools: .adr-dir, .adr.yml, doc/adr ...).")
@click.version_option(__version__, prog_name="adr")
@click.pass_context
def cli(ctx: click.Context, log_dir: str | None) -> None:
    """Write, link, check and publish architecture decision records.

    \b
    Example:
      adr init --format madr docs/decisions
      adr new -s 3 --decider "Platform team" Use PostgreSQL for orders
      adr list --status accepted
    """
    ctx.obj = {"dir": log_dir}
    if os.environ.get("NO_COLOR"):  # https://no-color.org: strip styles even on a terminal
        ctx.color = False


def settings(ctx: click.Context, refused: str = "error"):
    """The project settings for the current command (lazy: config is read only when needed).

    A group of writes killed midway is finished or undone first. A journal or temporary file
    that is not this user's own is never acted on: with `refused="error"` the command stops
    with that line; `"warn"` says it and goes on, `"report"` leaves it to `adr check`'s findings.
    """
    from adr.config import discover

    root = ctx.find_root()
    cached = root.meta.get("adr.settings")
    if cached is None:
        cached = discover((root.obj or {}).get("dir"))
        root.meta["adr.settings"] = cached
        from adr.store.atomic import recover
        from adr.store.journal import Refused

        try:
            messages = recover(cached.log_dir, tracked=_tracked)
        except Refused as exc:
            if refused == "error":
                raise
            messages = [str(exc)] if refused == "warn" else []
        from adr.repo.pending import interrupted  # an `adr new --commit` killed before its commit: say so once

        for message in [*messages, *interrupted(cached.log_dir)]:
            click.echo(f"adr: {message}", err=True)
    return cached


def _tracked(paths):
    from adr.repo.git import tracked  # git only when a journal or temporary file is there

    return tracked(paths)


def log_settings(ctx: click.Context):
    """`settings`, for a command that reads an existing log: every one says the same when there is none."""
    config = settings(ctx)
    config.require_log()
    return config


def main() -> None:
    import adr

    adr.ONE_COMMAND_PROCESS = True  # one command, then exit: loaded records stay alive anyway
    try:
        code = cli.main(standalone_mode=False, prog_name="adr")
        if isinstance(code, int) and code:  # ctx.exit(n) returns n when not standalone
            sys.exit(code)
    except AdrError as exc:
        UserError(str(exc)).show()
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("adr: aborted", err=True)
        sys.exit(1)
    except click.UsageError as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"adr: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("adr: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:  # the promise: never a traceback
        if os.environ.get("ADR_DEBUG"):
            raise
        click.echo(f"adr: internal error: {type(exc).__name__}: {exc} (set ADR_DEBUG=1 for details)", err=True)
        sys.exit(1)
    sys.exit(0)
