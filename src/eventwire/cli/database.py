"""Database commands: ``ingest``, ``events``, ``articles``, ``stats``, ``failures``, ``export``.

Each command is one library call plus formatting; expected errors (missing database, bad filter)
are EventwireErrors, which the ``eventwire`` group prints as one line with exit code 2.
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import replace
from collections.abc import Callable
from typing import Any

import click

from eventwire.export import FORMATS, export_events
from eventwire.export.columns import TABLE_COLUMNS
from eventwire.store import EventFilter, open_store
from eventwire.store import query
from eventwire.store.ingest import ingest_paths

DB_OPTION = click.option("--db", default="eventwire.db", show_default=True, help="SQLite database file.")
_FILTERS = (
    ("--actor", "actor", "Actor code prefix on either side (USA, RUSGOV)."),
    ("--source", "source", "Source actor code prefix."),
    ("--target", "target", "Target actor code prefix."),
    ("--country", "country", "ISO-3 country of either actor."),
    ("--cameo", "cameo", "CAMEO code prefix (04, 043)."),
    ("--root", "root", "CAMEO root (01-20)."),
    ("--plover", "plover", "PLOVER event type (ASSAULT)."),
    ("--quad-class", "quad_class", "QuadClass 1-4."),
    ("--since", "date_from", "First date, YYYY[-MM[-DD]]."),
    ("--until", "date_to", "Last date, YYYY[-MM[-DD]]."),
    ("--location", "location_country", "ISO-3 country where the event happened."),
    ("--query", "text", "Full-text query over the articles (FTS5 syntax)."),
)


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the EventFilter options; the command receives them as one ``filters`` dict."""
    for flag, name, help_text in reversed(_FILTERS):
        command = click.option(flag, name, help=help_text)(command)
    return click.option("--negated", "include_negated", is_flag=True, help="Include negated events.")(command)


def _filter(options: dict[str, Any], **extra: Any) -> EventFilter:
    names = [name for _, name, _ in _FILTERS] + ["include_negated"]
    return EventFilter.from_mapping({**{n: options.pop(n) for n in names}, **extra})


@click.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--workers", type=click.IntRange(min=1),
              help="Worker processes (one spaCy model each); default 1, or every CPU with --engine ray.")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date for every article.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: code here and store in --db; ray: code on Ray Data, write Parquet to --out.")
@click.option("--out", metavar="DIR", help="Output folder or URI for --engine ray (Parquet tables).")
@click.option("--address", metavar="HOST:PORT", help="Ray cluster to use (default: start a local one).")
def ingest(paths: tuple[str, ...], db: str, workers: int | None, published: str | None,
           engine: str, out: str | None, address: str | None) -> None:
    """Read, code and store every article under PATHS ("-" for standard input)."""
    if engine == "ray":
        from eventwire.distributed import ingest_ray

        if not out:
            raise click.UsageError("--engine ray writes Parquet: give --out DIR (then `eventwire load DIR --db DB`)")
        result = ingest_ray(paths, out, workers=workers, address=address, published=published)
        click.echo(result.line())
        sys.exit(1 if result.failed else 0)
    if out or address:
        raise click.UsageError("--out and --address go with --engine ray")
    try:
        summary = ingest_paths(paths, db, workers=workers or 1, published=published)
    except KeyboardInterrupt:
        click.echo("eventwire: interrupted; finished batches are stored, run again to continue", err=True)
        sys.exit(130)
    click.echo(summary.line())
    sys.exit(1 if summary.failed else 0)


@click.command()
@DB_OPTION
@filter_options
@click.option("--limit", default=100, show_default=True, help="Most events to show.")
@click.option("--offset", default=0, help="Events to skip.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one event per line.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV with the export columns.")
def events(db: str, limit: int, offset: int, as_json: bool, as_csv: bool, **options: Any) -> None:
    """Merged event records matching the filters, most recent first."""
    flt = _filter(options, limit=limit, offset=offset)
    with open_store(db, readonly=True) as store:
        found = query.find_events(store, flt)
    if as_json:
        for event in found:
            click.echo(json.dumps(event, ensure_ascii=False))
    elif as_csv:
        writer = csv.writer(sys.stdout)
        writer.writerow([c.name for c in TABLE_COLUMNS])
        writer.writerows([["" if c.get(e) is None else c.get(e) for c in TABLE_COLUMNS] for e in found])
    else:
        rows = [(e["id"], e["date"], e["source"]["code"], f"{e['cameo']} {e['plover'] or ''}",
                 (e["target"] or {}).get("code"), (e["location"] or {}).get("country"),
                 e["num_mentions"], e["num_sources"]) for e in found]
        _table(("id", "date", "source", "event", "target", "where", "mentions", "sources"), rows)


@click.command()
@DB_OPTION
@click.option("--query", "text", help="Full-text query (FTS5 syntax).")
@click.option("--limit", default=100, show_default=True)
@click.option("--offset", default=0)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one article per line.")
def articles(db: str, text: str | None, limit: int, offset: int, as_json: bool) -> None:
    """Stored articles, best full-text match first (or most recent first)."""
    with open_store(db, readonly=True) as store:
        found = query.find_articles(store, text=text, limit=limit, offset=offset)
    if as_json:
        for article in found:
            click.echo(json.dumps(article, ensure_ascii=False))
    else:
        _table(("id", "published", "source", "title", "events"),
               [(a["id"][:12], a["published"], a["source"], a["title"], a["num_events"]) for a in found])


@click.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
def stats(db: str, as_json: bool) -> None:
    """Totals, events by month and by CAMEO root, and the top dyads."""
    with open_store(db, readonly=True) as store:
        result = query.stats(store)
    if as_json:
        click.echo(json.dumps(result))
        return
    click.echo(", ".join(f"{result[k]:,} {k}" for k in ("articles", "mentions", "events", "negated", "failures")))
    _table(("month", "events"), [(r["month"], r["events"]) for r in result["by_month"]])
    _table(("root", "events"), [(r["root"], r["events"]) for r in result["by_root"]])
    _table(("source", "target", "events"), [(r["source"], r["target"], r["events"]) for r in result["top_dyads"]])


@click.command()
@DB_OPTION
def failures(db: str) -> None:
    """One line per failed input: input, line (if any), stage, reason (tab-separated)."""
    with open_store(db, readonly=True) as store:
        for f in query.list_failures(store):
            click.echo("\t".join((f["input"], "" if f["line"] is None else str(f["line"]), f["stage"], f["reason"])))


@click.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="Output format.")
@click.option("--output", required=True, help="File to write.")
@filter_options
def export(db: str, fmt: str, output: str, **options: Any) -> None:
    """Write the event records (all, or those matching the filters) as GDELT TSV, PLOVER, CSV or Parquet."""
    flt = replace(_filter(options), limit=None)
    with open_store(db, readonly=True) as store:
        written = export_events(store, fmt, output, flt)
    click.echo(f"{written:,} events written to {output}", err=True)


def _table(columns: tuple[str, ...], rows: list[tuple]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(pad_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    Console(highlight=False).print(table)


def register(group: click.Group) -> None:
    """Add the database commands to the ``eventwire`` group."""
    for command in (ingest, events, articles, stats, failures, export):
        group.add_command(command)
