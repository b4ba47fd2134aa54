"""``eventwire load``: bring the Parquet output of ``ingest --engine ray`` into the database."""

from __future__ import annotations

import sys

import click


@click.command()
@click.argument("out", metavar="DIR")
@click.option("--db", default="eventwire.db", show_default=True, help="SQLite database file.")
def load(out: str, db: str) -> None:
    """Store the articles and failures of a Ray ingest's output DIR and merge repeated reports."""
    from eventwire.distributed import load_output

    summary = load_output(out, db)
    click.echo(summary.line())
    sys.exit(1 if summary.failed else 0)


def register(group: click.Group) -> None:
    """Add ``load`` to the ``eventwire`` command group."""
    group.add_command(load)
