"""Readable terminal output for coded articles and evaluation reports (rich tables)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from eventwire.evaluate import Report
from eventwire.model import ArticleResult

import sys

# Wide enough for a readable event table when output goes to a file or pipe.
console = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 150)


def _short(text: str | None, size: int) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= size else text[: size - 1] + "…"


def print_result(result: ArticleResult) -> None:
    """One article: a heading line and a table of its events, then quotes and counts."""
    article = result.article
    heading = " | ".join(x for x in (article.title, article.source, article.published) if x)
    console.print(f"[bold]{heading or article.id}[/bold]")
    table = Table(show_lines=False, pad_edge=False)
    for column in ("#", "source", "event", "target", "date", "where", "killed", "note"):
        table.add_column(column, overflow="fold", no_wrap=column in ("date", "#"))
    from eventwire.codebooks.cameo import load_cameo

    names = load_cameo()
    for event in result.events:
        note = ", ".join(x for x in ("negated" if event.negated else "", event.modality if event.modality != "asserted" else "") if x)
        table.add_row(
            str(event.sentence),
            f"{event.source.code} {_short(event.source.text, 24)}",
            f"{event.cameo} {_short(names[event.cameo].name, 34)}",
            f"{event.target.code} {_short(event.target.text, 24)}" if event.target else "-",
            event.date or "-",
            f"{event.location.name} ({event.location.country})" if event.location else "-",
            str(event.fatalities) if event.fatalities is not None else "",
            note,
        )
    if result.events:
        console.print(table)
    else:
        console.print("  no codable events")
    for quote in result.quotes:
        if quote.direct:
            console.print(f"  quote: {quote.speaker or '?'} ({quote.speaker_actor or '-'}): \u201c{_short(quote.text, 100)}\u201d")
    for count in result.counts:
        console.print(f"  count: {count.kind} {count.number}  ({_short(count.evidence, 80)})")
    console.print()


def print_report(report: Report, show_errors: bool = False) -> None:
    """The evaluation figures as a table, optionally followed by per-article errors: missed and
    spurious events, and matched events whose codes, date, place or fatalities differ."""
    table = Table(title=f"eventwire eval: {report.articles} articles")
    for column in ("figure", "precision", "recall", "F1 / accuracy", "n"):
        table.add_column(column, justify="right" if column != "figure" else "left")
    for name, tally in (("events, root level", report.root), ("events, strict", report.strict),
                        ("PLOVER type", report.plover), ("quotations", report.quotes), ("counts", report.counts)):
        table.add_row(name, f"{tally.precision:.3f}", f"{tally.recall:.3f}", f"{tally.f1:.3f}", f"{tally.matched}/{tally.gold}")
    for name, acc in (("date (matched events)", report.date), ("location country", report.location),
                      ("fatalities", report.fatalities), ("entity actor codes", report.entities)):
        table.add_row(name, "", "", f"{acc.value:.3f}", f"{acc.correct}/{acc.total}")
    table.add_row("events in no-event articles", "", "", str(report.events_in_no_event_articles), str(report.no_event_articles))
    console.print(table)
    if show_errors:
        for error in report.errors:
            console.print(f"[bold]{error['id']}[/bold]")
            for line in error["missed"]:
                console.print(f"  missed   {line}")
            for line in error["spurious"]:
                console.print(f"  spurious {line}")
            for line in error.get("fields", []):
                console.print(f"  differs  {line}")
