"""Parquet export (pyarrow): the CSV column set, typed, written in row groups to keep memory flat."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.export.columns import TABLE_COLUMNS

_TYPES = {"int": pa.int64(), "float": pa.float64(), "str": pa.string(), "bool": pa.bool_()}
SCHEMA = pa.schema([pa.field(c.name, _TYPES[c.type]) for c in TABLE_COLUMNS])


def write_parquet(events: Iterable[dict[str, Any]], output: str, row_group: int = 50_000) -> int:
    """Write events to a Parquet file with ``SCHEMA``; return rows written."""
    written = 0
    iterator = iter(events)
    with pq.ParquetWriter(output, SCHEMA) as writer:
        while chunk := list(islice(iterator, row_group)):
            columns = {c.name: [c.get(e) for e in chunk] for c in TABLE_COLUMNS}
            writer.write_table(pa.table(columns, schema=SCHEMA))
            written += len(chunk)
    return written
