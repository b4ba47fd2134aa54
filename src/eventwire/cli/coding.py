"""``eventwire code`` and ``eventwire eval``: code articles and score them against a gold set."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from eventwire.model import Failure


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one object per article (design/OUTPUT.md).")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date to resolve relative dates against.")
@click.option("--workers", default=1, show_default=True, help="Worker processes.")
def code(inputs: tuple[str, ...], as_json: bool, published: str | None, workers: int) -> None:
    """Code articles in FILES (text, HTML, JSONL, CSV, folders; "-" for standard input)."""
    from eventwire.cli.render import print_result
    from eventwire.pipeline import code_files

    if published:
        _check_date(published)
    coded = failed = 0
    for item in code_files(inputs, published=published, workers=workers):
        if isinstance(item, Failure):
            failed += 1
            where = f"{item.input}:{item.line}" if item.line else item.input
            click.echo(f"eventwire: {where}: {item.reason}", err=True)
            continue
        coded += 1
        if as_json:
            click.echo(json.dumps(item.to_dict(), ensure_ascii=False))
        else:
            print_result(item)
    if coded == 0:
        sys.exit(1)


@click.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=True))
@click.option("--predictions", type=click.Path(exists=True), help="Score this JSONL output instead of coding the gold texts.")
@click.option("--floors", type=click.Path(exists=True), help="JSON file of minimum figures; exit 1 when one is missed.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="List missed and spurious events per article, and matched ones whose codes or fields differ.")
def evaluate_command(gold: str, predictions: str | None, floors: str | None, as_json: bool, show_errors: bool) -> None:
    """Score coded output against a GOLD file or folder of gold .jsonl files (rules: design/CODING.md)."""
    from eventwire.cli.render import print_report
    from eventwire.evaluate import check_floors, evaluate, read_jsonl
    from eventwire.gold import code_gold, read_gold

    gold_articles = read_gold(gold)
    predicted = read_jsonl(predictions) if predictions else code_gold(gold_articles)
    report = evaluate(gold_articles, predicted)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=1))
    else:
        print_report(report, show_errors)
    if floors:
        problems = check_floors(report.figures(), json.loads(Path(floors).read_text()))
        for problem in problems:
            click.echo(f"eventwire: below floor: {problem}", err=True)
        if problems:
            sys.exit(1)


def _check_date(value: str) -> None:
    import datetime as dt

    from eventwire.errors import EventwireError

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise EventwireError(f"--published: {value!r} is not a date in YYYY-MM-DD form") from None


def register(group: click.Group) -> None:
    """Add the coding commands to the ``eventwire`` group."""
    group.add_command(code)
    group.add_command(evaluate_command)
