"""CSV export: one row per event record, the columns of ``columns.TABLE_COLUMNS`` with a header."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

from eventwire.export.columns import TABLE_COLUMNS


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def write_csv(events: Iterable[dict[str, Any]], output: str) -> int:
    """Write events as CSV (UTF-8, header line, empty cell for unknown); return rows written."""
    written = 0
    with open(output, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.name for c in TABLE_COLUMNS])
        for event in events:
            writer.writerow([_cell(c.get(event)) for c in TABLE_COLUMNS])
            written += 1
    return written
