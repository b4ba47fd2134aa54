"""Numbered schema migrations: the only place the database schema is defined or changed.

Each migration runs once, in order, inside one transaction; the applied numbers are kept in the
``schema_version`` table and mirrored in ``PRAGMA user_version`` so other tools can see them.
"""

from __future__ import annotations

import logging
import sqlite3

log = logging.getLogger(__name__)

# Table names follow the data model: ``articles`` and the per-article ``mentions`` (one row per
# coded Event of an ArticleResult), ``events`` (merged records: one per real-world event, linked to
# all its mentions), ``entities``, ``quotes``, ``counts`` and ``failures``.
_V1 = """
CREATE TABLE articles (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT, source TEXT, published TEXT, dateline TEXT, url TEXT, origin TEXT,
    text TEXT NOT NULL,
    pipeline_version TEXT,
    added_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);

CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='pk');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.pk, old.title, old.text);
END;

CREATE TABLE events (
    pk INTEGER PRIMARY KEY,          -- the pk of the group's first mention: stable across re-merges
    negated INTEGER NOT NULL,
    sentence INTEGER, evidence TEXT, trigger TEXT,
    source_text TEXT, source_code TEXT, source_country TEXT, source_sector TEXT,
    target_text TEXT, target_code TEXT, target_country TEXT, target_sector TEXT,
    cameo TEXT NOT NULL, cameo_root TEXT NOT NULL, plover TEXT,
    quad_class INTEGER, goldstein REAL,
    date TEXT, day INTEGER,           -- day: proleptic ordinal of the (first) day of `date`
    location_name TEXT, location_country TEXT, lat REAL, lon REAL,
    fatalities INTEGER, modality TEXT, pipeline_version TEXT,
    num_mentions INTEGER NOT NULL, num_sources INTEGER NOT NULL, num_articles INTEGER NOT NULL,
    first_article_pk INTEGER NOT NULL REFERENCES articles(pk)
);

CREATE TABLE mentions (
    pk INTEGER PRIMARY KEY,
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    seq INTEGER NOT NULL,             -- position of the event in its article's result
    sentence INTEGER, evidence TEXT, trigger TEXT,
    source_text TEXT, source_code TEXT, source_country TEXT, source_sector TEXT,
    target_text TEXT, target_code TEXT, target_country TEXT, target_sector TEXT,
    cameo TEXT NOT NULL, cameo_root TEXT NOT NULL, plover TEXT,
    quad_class INTEGER, goldstein REAL,
    date TEXT, day INTEGER,
    location_name TEXT, location_country TEXT, lat REAL, lon REAL,
    fatalities INTEGER, negated INTEGER NOT NULL, modality TEXT,
    pipeline_version TEXT NOT NULL,
    event_pk INTEGER,                 -- the merged record; NULL until Store.merge() has run
    UNIQUE (article_pk, seq)
);
CREATE INDEX mentions_block ON mentions(cameo_root, source_code, target_code, negated, day);
CREATE INDEX mentions_event ON mentions(event_pk);

CREATE TABLE entities (
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    seq INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT, actor TEXT, mentions INTEGER,
    PRIMARY KEY (article_pk, seq)
);
CREATE INDEX entities_actor ON entities(actor);

CREATE TABLE quotes (
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    seq INTEGER NOT NULL, speaker TEXT, speaker_actor TEXT, text TEXT NOT NULL, direct INTEGER,
    PRIMARY KEY (article_pk, seq)
);

CREATE TABLE counts (
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    seq INTEGER NOT NULL, kind TEXT NOT NULL, number INTEGER NOT NULL, evidence TEXT,
    PRIMARY KEY (article_pk, seq)
);

CREATE TABLE failures (
    pk INTEGER PRIMARY KEY,
    input TEXT NOT NULL, line INTEGER, stage TEXT NOT NULL, reason TEXT NOT NULL,
    added_at TEXT NOT NULL
);
-- the same failure seen again (a rerun over the same inputs) is not recorded twice
CREATE UNIQUE INDEX failures_unique ON failures(input, ifnull(line, -1), stage, reason);
"""

# Query indexes on merged records: (column, day) so a filter can be read in date order. Columns
# with a handful of values (root, PLOVER type, QuadClass) need none: their filters are broad and
# are answered by reading events_day backwards until the limit is reached (see store/query.py).
_V2 = """
CREATE INDEX events_day ON events(day);
CREATE INDEX events_source_code ON events(source_code, day);
CREATE INDEX events_target_code ON events(target_code, day);
CREATE INDEX events_source_country ON events(source_country, day);
CREATE INDEX events_target_country ON events(target_country, day);
CREATE INDEX events_dyad ON events(source_country, target_country, day);
CREATE INDEX events_cameo ON events(cameo, day);
CREATE INDEX events_location ON events(location_country, day);
"""

# Covering indexes for time series (events per period by QuadClass or PLOVER type): the
# unfiltered series is read from the index alone, in day order, instead of from the table.
_V3 = """
CREATE INDEX events_series_quad ON events(negated, day, quad_class);
CREATE INDEX events_series_plover ON events(negated, day, plover);
"""

MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (1, "articles, mentions, merged events, entities, quotes, counts, failures, FTS5", _V1),
    (2, "query indexes on merged events", _V2),
    (3, "covering indexes for time series", _V3),
)


def current_version(conn: sqlite3.Connection) -> int:
    """The highest migration number applied to this database (0 for a new one)."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every migration newer than the database; return the resulting version."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    version = current_version(conn)
    for number, description, script in MIGRATIONS:
        if number <= version:
            continue
        log.info("applying schema migration %d: %s", number, description)
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version VALUES (?, ?, datetime('now'))", (number, description)
            )
            conn.execute(f"PRAGMA user_version = {int(number)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version = number
    return version


def _statements(script: str) -> list[str]:
    """Split a migration script into complete statements (triggers contain inner semicolons)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
