"""JSON API routes under /api: each one store query call plus formatting. Nothing here writes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import asdict, replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import StreamingResponse

from eventwire.export.columns import TABLE_COLUMNS
from eventwire.store import EventFilter, Store, find_events, get_event
from eventwire.store.query import (
    actor_counts, dyad_counts, find_articles, get_article, iter_events, list_failures, stats, time_series,
)
from eventwire.web import aggregate
from eventwire.web.app import get_store
from eventwire.web.filters import event_filter
from eventwire.web.names import describe

router = APIRouter(prefix="/api", tags=["api"])
StoreDep = Annotated[Store, Depends(get_store)]
FilterDep = Annotated[EventFilter, Depends(event_filter)]
Top = Annotated[int, Query(ge=1, le=500, description="how many to return")]
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0)]


def page(flt: EventFilter, rows: list[Any]) -> dict[str, Any]:
    """Cut the one extra row fetched to tell whether a next page exists."""
    more = flt.limit is not None and len(rows) > flt.limit
    return {"limit": flt.limit, "offset": flt.offset, "rows": rows[: flt.limit],
            "next_offset": flt.offset + flt.limit if more else None}


def events_page(store: Store, flt: EventFilter) -> dict[str, Any]:
    """One page of event records with their codes in words, and the next page's offset."""
    result = page(flt, find_events(store, replace(flt, limit=flt.limit + 1)))
    result["events"] = [describe(e) for e in result.pop("rows")]
    return result


@router.get("/events", summary="Event records matching the filters, most recent first")
def api_events(store: StoreDep, flt: FilterDep) -> dict[str, Any]:
    return {"filter": asdict(flt), **events_page(store, flt)}


@router.get("/events.csv", summary="Every event record matching the filters, as CSV (limit ignored)")
def api_events_csv(store: StoreDep, flt: FilterDep) -> StreamingResponse:
    def rows() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([c.name for c in TABLE_COLUMNS])
        for n, event in enumerate(iter_events(store, flt), 1):
            writer.writerow([c.get(event) for c in TABLE_COLUMNS])
            if n % 500 == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    headers = {"Content-Disposition": 'attachment; filename="events.csv"'}
    return StreamingResponse(rows(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/events/{event_id}", summary="One event record with its mentions and evidence")
def api_event(store: StoreDep, event_id: int) -> dict[str, Any]:
    event = get_event(store, event_id)
    if event is None:
        raise HTTPException(404, f"no event with id {event_id}")
    return describe(event)


@router.get("/articles", summary="Articles, best full-text match first (q) or most recent first")
def api_articles(store: StoreDep, q: str | None = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    flt = EventFilter(limit=limit, offset=offset)
    result = page(flt, find_articles(store, text=q or None, limit=limit + 1, offset=offset))
    return {"q": q, **result, "articles": result.pop("rows")}


@router.get("/articles/{article_id}", summary="One article with its text and its events in reading order")
def api_article(store: StoreDep, article_id: str) -> dict[str, Any]:
    article = get_article(store, article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    article["events"] = [describe(e) for e in article["events"]]
    return article


@router.get("/actors", summary="Actor codes by number of matching event records (either side)")
def api_actors(store: StoreDep, flt: FilterDep, top: Top = 20) -> dict[str, Any]:
    return {"actors": actor_counts(store, flt, limit=top)}


@router.get("/dyads", summary="(source, target) pairs by number of matching event records")
def api_dyads(store: StoreDep, flt: FilterDep, top: Top = 20) -> dict[str, Any]:
    return {"dyads": dyad_counts(store, flt, limit=top)}


@router.get("/timeseries", summary="Event records per day, week or month by QuadClass or PLOVER type")
def api_timeseries(
    store: StoreDep, flt: FilterDep, interval: str = "day", by: str = "quad_class"
) -> dict[str, Any]:
    return {"interval": interval, "by": by, "series": time_series(store, flt, interval=interval, by=by)}


@router.get("/facets", summary="Counts of matching records by PLOVER type, QuadClass, actor and country")
def api_facets(store: StoreDep, flt: FilterDep) -> dict[str, Any]:
    return aggregate.facets(store, flt)


@router.get("/network", summary="Actor network: dyads as edges with event counts and mean Goldstein")
def api_network(store: StoreDep, flt: FilterDep, top: Top = 40) -> dict[str, Any]:
    return aggregate.network(store, flt, top=top)


@router.get("/map", summary="Geolocated event records grouped by place")
def api_map(store: StoreDep, flt: FilterDep) -> dict[str, Any]:
    return aggregate.map_points(store, flt)


@router.get("/stats", summary="Totals, records by month and CAMEO root, top dyads")
def api_stats(store: StoreDep) -> dict[str, Any]:
    return stats(store)


@router.get("/failures", summary="Inputs that could not be read or coded")
def api_failures(store: StoreDep, limit: Limit = 100) -> dict[str, Any]:
    return {"failures": list_failures(store, limit=limit)}
