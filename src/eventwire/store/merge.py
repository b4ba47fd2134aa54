"""Merges repeated reports: mentions of the same real-world event become one event record.

Two mentions belong to one record when they share the CAMEO root, the source and target actor
codes and the negation flag (the blocking key), their dates lie within one day of the record's
first date, and their locations are compatible (same country, or either unknown). Mentions are
read block by block in date order from an index, so the cost is one sorted scan, never all pairs.
Mentions without a source code or without a date cannot be matched and get a record of their own.
A record's id is the id of its first mention, so it stays stable when a block is merged again.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

# Columns copied from a group's first mention into its record, in this order.
_COPIED = (
    "sentence", "evidence", "trigger",
    "source_text", "source_code", "source_country", "source_sector",
    "target_text", "target_code", "target_country", "target_sector",
    "cameo", "cameo_root", "plover", "quad_class", "goldstein", "date", "day",
    "modality", "pipeline_version", "negated",
)
_LOCATION = ("location_name", "location_country", "lat", "lon")
_SELECT = (
    "SELECT m.pk, m.article_pk, a.source, m.fatalities, "
    + ", ".join(f"m.{c}" for c in _COPIED + _LOCATION)
    + " FROM mentions m JOIN articles a ON a.pk = m.article_pk"
)
_ORDER = " ORDER BY m.cameo_root, m.source_code, m.target_code, m.negated, m.day, m.pk"
_BLOCK = ("cameo_root", "source_code", "target_code", "negated")
_RECORD_COLUMNS = ("pk",) + _COPIED + _LOCATION + (
    "fatalities", "num_mentions", "num_sources", "num_articles", "first_article_pk"
)
_INSERT = (
    f"INSERT INTO events ({', '.join(_RECORD_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_RECORD_COLUMNS))})"
)
_FLUSH_EVERY = 20_000
_MERGE_CACHE_KIB = 256 * 1024
# index of columns inside a selected row
_PK, _ARTICLE, _ARTICLE_SOURCE, _FATALITIES = 0, 1, 2, 3
_COL = {name: 4 + i for i, name in enumerate(_COPIED + _LOCATION)}


@dataclass
class _Group:
    """A record being built: its first mention, the day it opened and what it has gathered."""

    first: tuple
    anchor_day: int
    exact: bool  # a full YYYY-MM-DD date (partial dates only merge with the same string)
    country: str | None
    rows: list[tuple] = field(default_factory=list)

    def accepts(self, row: tuple, day: int, exact: bool) -> bool:
        if exact != self.exact:
            return False
        if exact and day - self.anchor_day > 1:
            return False
        if not exact and row[_COL["date"]] != self.first[_COL["date"]]:
            return False
        country = row[_COL["location_country"]]
        return country is None or self.country is None or country == self.country

    def closed_by(self, day: int) -> bool:
        """True once no later mention of the block (sorted by day) could join this group."""
        return day > self.anchor_day + (1 if self.exact else 0)


def merge_pending(conn: sqlite3.Connection) -> int:
    """Merge the mentions that have no record yet; return the number of records written.

    When a large share of mentions is new (a first ingest), every block is rebuilt in one sorted
    pass; otherwise only the blocks that received new mentions are rebuilt.
    """
    pending = conn.execute("SELECT count(*) FROM mentions WHERE event_pk IS NULL").fetchone()[0]
    if not pending:
        return 0
    total = conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
    full = pending * 4 >= total
    with _bulk_settings(conn):
        conn.execute("BEGIN IMMEDIATE")
        try:
            written = _rebuild_all(conn) if full else _rebuild_blocks(conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    if full:
        _analyze(conn)
    log.info("merged %d mentions into %d event records", pending, written)
    return written


def merge_all(conn: sqlite3.Connection) -> int:
    """Rebuild every event record from all mentions (used by benchmarks and after rule changes)."""
    with _bulk_settings(conn):
        conn.execute("BEGIN IMMEDIATE")
        try:
            written = _rebuild_all(conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    _analyze(conn)
    return written


@contextmanager
def _bulk_settings(conn: sqlite3.Connection) -> Iterator[None]:
    """Staging tables in memory and a larger page cache while merging, restored afterwards."""
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute(f"PRAGMA cache_size = -{_MERGE_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {cache}")
        conn.execute("PRAGMA temp_store = DEFAULT")


def _analyze(conn: sqlite3.Connection) -> None:
    """Refresh the planner's statistics (sampled, so it takes milliseconds) after a bulk load."""
    conn.execute("PRAGMA analysis_limit = 1000")
    conn.execute("ANALYZE")


_REBUILT_INDEXES = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
    " AND (tbl_name = 'events' OR name = 'mentions_event')"
)


def _rebuild_all(conn: sqlite3.Connection) -> int:
    # bulk load: drop the indexes it rewrites, load records in id order, rebuild them by sorting
    indexes = conn.execute(_REBUILT_INDEXES).fetchall()
    for name, _ in indexes:
        conn.execute(f"DROP INDEX {name}")
    conn.execute("DELETE FROM events")
    written = _write(conn, _groups(conn.execute(_SELECT + _ORDER)))
    for _, sql in indexes:
        conn.execute(sql)
    return written


def _rebuild_blocks(conn: sqlite3.Connection) -> int:
    blocks = conn.execute(
        f"SELECT DISTINCT {', '.join(_BLOCK)} FROM mentions WHERE event_pk IS NULL"
    ).fetchall()
    where = " AND ".join(f"m.{c} IS ?" for c in _BLOCK)
    for block in blocks:
        conn.execute(
            "DELETE FROM events WHERE pk IN (SELECT DISTINCT event_pk FROM mentions m WHERE "
            + where + " AND event_pk IS NOT NULL)",
            block,
        )
    groups = (g for block in blocks for g in _groups(conn.execute(_SELECT + " WHERE " + where + _ORDER, block)))
    return _write(conn, groups)


def _groups(rows: Iterator[tuple]) -> Iterator[list[tuple]]:
    """Yield groups of mention rows; ``rows`` are sorted by block, then day, then id."""
    block: tuple | None = None
    open_groups: list[_Group] = []
    for row in rows:
        key = tuple(row[_COL[c]] for c in _BLOCK)
        if key != block:
            yield from (g.rows for g in open_groups)
            open_groups, block = [], key
        day, date = row[_COL["day"]], row[_COL["date"]]
        exact = bool(date) and len(date) == 10
        if day is None or row[_COL["source_code"]] is None:
            yield [row]  # undated, or an unknown source: matches nothing
            continue
        still_open = []
        for group in open_groups:
            if group.closed_by(day):
                yield group.rows
            else:
                still_open.append(group)
        open_groups = still_open
        for group in open_groups:
            if group.accepts(row, day, exact):
                group.rows.append(row)
                if group.country is None:
                    group.country = row[_COL["location_country"]]
                break
        else:
            group = _Group(row, day, exact, row[_COL["location_country"]], [row])
            open_groups.append(group)
    yield from (g.rows for g in open_groups)


def _record(rows: list[tuple]) -> tuple:
    """The event record of one group: its first mention, the first known place, counts."""
    first = rows[0]
    located = next((r for r in rows if r[_COL["location_name"]] is not None), first)
    fatalities = [r[_FATALITIES] for r in rows if r[_FATALITIES] is not None]
    # an article without a named source counts as a source of its own
    sources = {r[_ARTICLE_SOURCE] if r[_ARTICLE_SOURCE] else ("article", r[_ARTICLE]) for r in rows}
    return (
        (first[_PK],)
        + tuple(first[_COL[c]] for c in _COPIED)
        + tuple(located[_COL[c]] for c in _LOCATION)
        + (max(fatalities) if fatalities else None, len(rows), len(sources),
           len({r[_ARTICLE] for r in rows}), first[_ARTICLE])
    )


def _write(conn: sqlite3.Connection, groups: Iterator[list[tuple]]) -> int:
    """Stage records and mention links in temp tables, then apply both in id order.

    Staging keeps the mentions table unchanged while it is being read, and turns random-order
    writes (records come out in block order) into sequential ones.
    """
    conn.execute("DROP TABLE IF EXISTS temp.merge_records")
    conn.execute("CREATE TEMP TABLE merge_records AS SELECT " + ", ".join(_RECORD_COLUMNS) + " FROM events WHERE 0")
    conn.execute("DROP TABLE IF EXISTS temp.merge_links")
    conn.execute("CREATE TEMP TABLE merge_links (mention_pk INTEGER PRIMARY KEY, event_pk INTEGER NOT NULL)")
    stage = _INSERT.replace("INSERT INTO events", "INSERT INTO temp.merge_records")
    records: list[tuple] = []
    links: list[tuple[int, int]] = []
    written = 0
    for rows in groups:
        records.append(_record(rows))
        links.extend((r[_PK], rows[0][_PK]) for r in rows)
        if len(links) >= _FLUSH_EVERY:
            written += _flush(conn, stage, records, links)
    written += _flush(conn, stage, records, links)
    columns = ", ".join(_RECORD_COLUMNS)
    conn.execute(f"INSERT INTO events ({columns}) SELECT {columns} FROM temp.merge_records ORDER BY pk")
    conn.execute(
        "UPDATE mentions SET event_pk = l.event_pk FROM temp.merge_links l WHERE l.mention_pk = mentions.pk"
    )
    conn.execute("DROP TABLE temp.merge_records")
    conn.execute("DROP TABLE temp.merge_links")
    return written


def _flush(conn: sqlite3.Connection, stage: str, records: list[tuple], links: list[tuple[int, int]]) -> int:
    conn.executemany(stage, records)
    conn.executemany("INSERT INTO temp.merge_links VALUES (?, ?)", links)
    count = len(records)
    records.clear()
    links.clear()
    return count
