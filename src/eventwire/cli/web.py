"""``eventwire serve``: the dashboard and JSON API over a database, read-only, on localhost."""

from __future__ import annotations

import ipaddress
import logging

import click

log = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine (127.0.0.0/8, ::1 or localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command()
@click.option("--db", "db_path", default="eventwire.db", show_default=True, help="Database to browse (opened read-only).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes the data to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
def serve(db_path: str, host: str, port: int) -> None:
    """Browse, check and chart the event database in a browser (with a JSON API under /api)."""
    import uvicorn

    from eventwire.web import create_app

    app = create_app(db_path)  # a missing or foreign database fails here with one clear line
    if not is_loopback(host):
        click.echo(f"warning: listening on {host}: anyone who can reach this machine can read the "
                   "database; use the default --host 127.0.0.1 to keep it local", err=True)
    click.echo(f"eventwire dashboard on http://{host}:{port}/ (database {db_path}, read-only); Ctrl-C stops it", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(group: click.Group) -> None:
    """Add ``serve`` to the ``eventwire`` command group."""
    group.add_command(serve)
