"""Opens the SQLite database (WAL, foreign keys, migrations) and holds it behind one Store object."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from eventwire.errors import EventwireError
from eventwire.model import ArticleResult, Failure
from eventwire.store import merge as _merge
from eventwire.store import writer
from eventwire.store.migrations import migrate

log = logging.getLogger(__name__)


CACHE_KIB = 64 * 1024  # page cache per connection: large merges and scans stay in memory


class StoreError(EventwireError):
    """The database cannot be opened or used (missing file, not a database, too old a program)."""


class Store:
    """One eventwire database: the CLI, the web API, exporters and tests all go through it."""

    def __init__(self, conn: sqlite3.Connection, path: str, readonly: bool):
        self.conn, self.path, self.readonly = conn, path, readonly

    def add_results(
        self, results: Iterable[ArticleResult | Failure], batch_size: int = 200, merge: bool = True
    ) -> writer.IngestCounts:
        """Write results and failures in batched transactions, then merge the new mentions.

        An article whose id (content hash) is already stored adds nothing. Each batch is committed
        on its own, so an interrupted call leaves every finished batch stored and nothing partial.
        """
        self._writable()
        counts = writer.write_results(self.conn, results, batch_size)
        if merge:
            self.merge()
        return counts

    def merge(self) -> int:
        """Group the mentions not yet merged into event records; return the records rebuilt."""
        self._writable()
        return _merge.merge_pending(self.conn)

    def has_article(self, article_id: str) -> bool:
        """Whether an article with this id (content hash) is already stored."""
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row is not None

    def close(self) -> None:
        """Close the connection (a WAL checkpoint happens on the last close)."""
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _writable(self) -> None:
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")


def open_store(path: str, readonly: bool = False) -> Store:
    """Open (and create or upgrade, unless read-only) the eventwire database at ``path``."""
    path = str(path)
    try:
        if readonly:
            if not Path(path).is_file():
                raise StoreError(f"no database at {path}: create one with `eventwire ingest`")
            uri = Path(path).resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute("PRAGMA busy_timeout = 5000")
        if readonly:
            _check_schema(conn, path)
        else:
            migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not an eventwire database ({exc})") from exc
    return Store(conn, path, readonly)


def _check_schema(conn: sqlite3.Connection, path: str) -> None:
    from eventwire.store.migrations import MIGRATIONS, current_version

    version, latest = current_version(conn), MIGRATIONS[-1][0]
    if version == 0:
        raise StoreError(f"{path}: not an eventwire database (no schema)")
    if version > latest:
        raise StoreError(f"{path}: schema version {version} is newer than this eventwire ({latest})")
    if version < latest:
        raise StoreError(f"{path}: schema version {version} is old: open it once for writing to upgrade")
