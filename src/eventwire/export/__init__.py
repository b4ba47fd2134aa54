"""Exports merged event records: GDELT 2.0-style TSV, PLOVER JSON Lines, CSV and Parquet."""

from __future__ import annotations

import logging
from typing import Any

from eventwire.errors import EventwireError
from eventwire.store.query import EventFilter, iter_events

log = logging.getLogger(__name__)

FORMATS = ("gdelt", "plover", "csv", "parquet")


def export_events(store: Any, fmt: str, output: str, flt: EventFilter | None = None) -> int:
    """Write every event record matching ``flt`` (its limit ignored) to ``output``; return rows written."""
    if fmt not in FORMATS:
        raise EventwireError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    events = iter_events(store, flt)
    if fmt == "gdelt":
        from eventwire.export.gdelt import write_gdelt

        written = write_gdelt(store, events, output)
    elif fmt == "plover":
        from eventwire.export.plover import write_plover

        written = write_plover(events, output)
    elif fmt == "csv":
        from eventwire.export.tabular import write_csv

        written = write_csv(events, output)
    else:
        from eventwire.export.parquet import write_parquet

        written = write_parquet(events, output)
    log.info("exported %d events as %s to %s", written, fmt, output)
    return written
