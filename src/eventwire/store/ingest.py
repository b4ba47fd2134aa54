"""Ingests files and folders into the database: read, skip what is stored, code, write, merge.

Work is streamed end to end and committed per batch, so memory stays flat and a run that is
interrupted (Ctrl-C, kill -9) can simply be run again: stored articles are skipped before coding.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from eventwire.model import Article, ArticleResult, Failure
from eventwire.store.connection import Store, open_store

log = logging.getLogger(__name__)

# Articles per write transaction. Coding runs at tens of articles a second, so a batch is a few
# seconds of work: that is what a kill -9 can lose, and small WAL commits cost next to nothing.
BATCH = 32

Reader = Callable[..., Iterable[Article | Failure]]
Coder = Callable[..., Iterable[ArticleResult | Failure]]


@dataclass
class IngestSummary:
    """What one ingest run did: new articles and events, articles already stored, failures."""

    articles: int = 0
    events: int = 0
    failed: int = 0
    skipped: int = 0
    records: int = 0  # event records (re)built by merging

    def line(self) -> str:
        """The one-line summary printed at the end of ``eventwire ingest``."""
        text = f"{self.articles:,} articles, {self.events:,} events, {self.failed:,} failed"
        if self.skipped:
            text += f", {self.skipped:,} already stored"
        if self.failed:
            text += ": see `eventwire failures`"
        return text


def ingest_paths(
    paths: Iterable[str],
    db_path: str,
    workers: int = 1,
    published: str | None = None,
    progress: bool = True,
    *,
    reader: Reader | None = None,
    coder: Coder | None = None,
    batch_size: int = BATCH,
) -> IngestSummary:
    """Read, code and store every article under ``paths``; return what was done.

    ``reader`` and ``coder`` default to ``eventwire.sources.read_inputs`` and
    ``eventwire.pipeline.code_stream``; tests pass small stand-ins to run without NLP.
    """
    if reader is None:
        from eventwire.sources import read_inputs as reader  # type: ignore[no-redef]
    if coder is None:
        from eventwire.pipeline import code_stream as coder  # type: ignore[no-redef]
    summary = IngestSummary()
    with open_store(db_path) as store, _progress_bar(progress) as advance:
        fresh = _unstored(store, reader(list(paths), published=published), summary)
        coded = _counted(coder(fresh, workers=workers), advance)
        counts = store.add_results(coded, batch_size=batch_size, merge=False)
        summary.records = store.merge()
    summary.articles, summary.events, summary.failed = counts.articles, counts.events, counts.failures
    summary.skipped += counts.duplicates
    log.info("ingest done: %s", summary.line())
    return summary


def _unstored(store: Store, items: Iterable[Article | Failure], summary: IngestSummary) -> Iterator[Article | Failure]:
    """Pass on failures and the articles not yet in the database (resume without recoding)."""
    for item in items:
        if isinstance(item, Article) and store.has_article(item.id or Article.content_id(item.text)):
            summary.skipped += 1
            continue
        yield item


def _counted(items: Iterable[ArticleResult | Failure], advance: Callable[[Any], None]) -> Iterator[ArticleResult | Failure]:
    for item in items:
        advance(item)
        yield item


class _progress_bar:
    """A rich progress display on a terminal (stderr), nothing otherwise."""

    def __init__(self, enabled: bool):
        self.enabled = enabled and sys.stderr.isatty()
        self.progress: Any = None

    def __enter__(self) -> Callable[[Any], None]:
        if not self.enabled:
            return lambda item: None
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            SpinnerColumn(), TextColumn("{task.completed:,} articles coded, {task.fields[failed]:,} failed"),
            TimeElapsedColumn(), console=Console(stderr=True), transient=True,
        )
        self.progress.start()
        task = self.progress.add_task("ingest", total=None, failed=0)
        failed = [0]

        def advance(item: Any) -> None:
            if isinstance(item, Failure):
                failed[0] += 1
                self.progress.update(task, failed=failed[0])
            else:
                self.progress.advance(task)

        return advance

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()
