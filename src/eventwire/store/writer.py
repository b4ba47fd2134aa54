"""Writes ArticleResults and Failures into the database in batched transactions."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from eventwire.model import ArticleResult, Event, Failure

log = logging.getLogger(__name__)


@dataclass
class IngestCounts:
    """What one write did: articles and events added, duplicates skipped, failures recorded."""

    articles: int = 0
    events: int = 0
    duplicates: int = 0
    failures: int = 0


def day_number(date: str | None) -> int | None:
    """The ordinal of the first day a ``YYYY[-MM[-DD]]`` date covers (None if absent or invalid)."""
    if not date:
        return None
    parts = date.split("-")
    try:
        numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
        return dt.date(*numbers[:3]).toordinal()
    except (ValueError, TypeError):
        return None


def default_pipeline_version() -> str:
    """The running eventwire version, for results that do not say which pipeline made them."""
    try:
        from eventwire import __version__  # type: ignore[attr-defined]

        return str(__version__)
    except ImportError:
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("eventwire")
        except PackageNotFoundError:
            return "unknown"


def write_results(
    conn: sqlite3.Connection, results: Iterable[ArticleResult | Failure], batch_size: int = 200
) -> IngestCounts:
    """Write results in transactions of ``batch_size`` items; return what was added."""
    counts = IngestCounts()
    fallback = default_pipeline_version()
    iterator = iter(results)
    while batch := list(islice(iterator, max(1, batch_size))):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for item in batch:
                if isinstance(item, Failure):
                    counts.failures += 1
                    _write_failure(conn, item)
                elif _write_result(conn, item, fallback):
                    counts.articles += 1
                    counts.events += len(item.events)
                else:
                    counts.duplicates += 1
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        log.debug("committed a batch of %d items", len(batch))
    return counts


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _write_failure(conn: sqlite3.Connection, failure: Failure) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO failures (input, line, stage, reason, added_at) VALUES (?,?,?,?,?)",
        (failure.input, failure.line, failure.stage, failure.reason, _now()),
    )


def _write_result(conn: sqlite3.Connection, result: ArticleResult, fallback: str) -> bool:
    """Insert one article and everything coded from it; False if the article was already stored."""
    art = result.article
    article_id = art.id or art.content_id(art.text)
    version = result.pipeline_version or fallback
    cursor = conn.execute(
        "INSERT OR IGNORE INTO articles (id, title, source, published, dateline, url, origin, text,"
        " pipeline_version, added_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (article_id, art.title, art.source, art.published, art.dateline, art.url, art.origin,
         art.text, version, _now()),
    )
    if cursor.rowcount == 0:
        return False
    pk = cursor.lastrowid
    conn.executemany(
        f"INSERT INTO mentions ({', '.join(MENTION_COLUMNS)}) VALUES ({', '.join('?' * len(MENTION_COLUMNS))})",
        _mention_rows(pk, result.events, version),
    )
    conn.executemany(
        "INSERT INTO entities VALUES (?,?,?,?,?,?)",
        ((pk, i, e.text, e.kind, e.actor, e.mentions) for i, e in enumerate(result.entities)),
    )
    conn.executemany(
        "INSERT INTO quotes VALUES (?,?,?,?,?,?)",
        ((pk, i, q.speaker, q.speaker_actor, q.text, int(q.direct)) for i, q in enumerate(result.quotes)),
    )
    conn.executemany(
        "INSERT INTO counts VALUES (?,?,?,?,?)",
        ((pk, i, c.kind, c.number, c.evidence) for i, c in enumerate(result.counts)),
    )
    return True


MENTION_COLUMNS = (
    "article_pk", "seq", "sentence", "evidence", "trigger",
    "source_text", "source_code", "source_country", "source_sector",
    "target_text", "target_code", "target_country", "target_sector",
    "cameo", "cameo_root", "plover", "quad_class", "goldstein", "date", "day",
    "location_name", "location_country", "lat", "lon",
    "fatalities", "negated", "modality", "pipeline_version",
)


def _mention_rows(article_pk: int, events: Iterable[Event], version: str) -> Iterator[tuple]:
    for seq, e in enumerate(events):
        t, loc = e.target, e.location
        yield (
            article_pk, seq, e.sentence, e.evidence, e.trigger,
            e.source.text, e.source.code, e.source.country, e.source.sector,
            t.text if t else None, t.code if t else None,
            t.country if t else None, t.sector if t else None,
            e.cameo, e.cameo_root or e.cameo[:2], e.plover, e.quad_class, e.goldstein,
            e.date, day_number(e.date),
            loc.name if loc else None, loc.country if loc else None,
            loc.lat if loc else None, loc.lon if loc else None,
            e.fatalities, int(bool(e.negated)), e.modality, version,
        )
