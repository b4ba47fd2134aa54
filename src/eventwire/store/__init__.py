"""The SQLite store: schema and migrations, batched writes, cross-article merging, queries."""

from eventwire.store.connection import Store, StoreError, open_store
from eventwire.store.query import EventFilter, FilterError, find_events, get_event
from eventwire.store.writer import IngestCounts

__all__ = [
    "EventFilter", "FilterError", "IngestCounts", "Store", "StoreError",
    "find_events", "get_event", "open_store",
]
