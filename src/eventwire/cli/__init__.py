"""The ``eventwire`` command line: thin commands over library calls.

Expected errors (bad input, missing database, bad filter) become one line on stderr and a
non-zero exit code; ``--traceback`` shows the Python traceback instead.
"""

from __future__ import annotations

import logging
import sys

import click

from eventwire import __version__
from eventwire.errors import EventwireError


class Group(click.Group):
    """A click group that turns EventwireError into one clear line and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except EventwireError as error:
            if ctx.obj and ctx.obj.get("traceback"):
                raise
            click.echo(f"eventwire: {error}", err=True)
            sys.exit(2)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
@click.option("--traceback", is_flag=True, help="Show Python tracebacks for errors.")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def main(ctx: click.Context, traceback: bool, verbose: int) -> None:
    """Turn news articles into coded event data (CAMEO, PLOVER, QuadClass, Goldstein)."""
    ctx.obj = {"traceback": traceback}
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(level=max(level, logging.DEBUG), format="%(levelname)s %(name)s: %(message)s")


def _register() -> None:
    from eventwire.cli import coding

    coding.register(main)
    try:
        from eventwire.cli import database
    except ImportError:  # pragma: no cover - the database commands ship with the package
        return
    database.register(main)
    for name in ("web", "distributed"):
        try:
            module = __import__(f"eventwire.cli.{name}", fromlist=["register"])
        except ImportError:
            continue
        module.register(main)


_register()
