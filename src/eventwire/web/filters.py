"""Turns a query string into an EventFilter: one parser for the API, the pages and the CSV link."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

from eventwire.store import EventFilter

FILTER_KEYS = (
    "actor", "source", "target", "country", "cameo", "root", "plover", "quad_class",
    "date_from", "date_to", "location_country", "text", "include_negated", "limit", "offset",
)



def event_filter(
    actor: Annotated[str | None, Query(description="CAMEO actor code prefix on either side, e.g. RUS")] = None,
    source: Annotated[str | None, Query(description="source actor code prefix, e.g. USAGOV")] = None,
    target: Annotated[str | None, Query(description="target actor code prefix")] = None,
    country: Annotated[str | None, Query(description="ISO-3 country of either actor")] = None,
    cameo: Annotated[str | None, Query(description="CAMEO event code prefix, 2-4 digits")] = None,
    root: Annotated[str | None, Query(description="CAMEO root, 01-20")] = None,
    plover: Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT")] = None,
    quad_class: Annotated[str | None, Query(description="QuadClass 1-4")] = None,
    date_from: Annotated[str | None, Query(description="first date, YYYY[-MM[-DD]]")] = None,
    date_to: Annotated[str | None, Query(description="last date, YYYY[-MM[-DD]], inclusive")] = None,
    location_country: Annotated[str | None, Query(description="ISO-3 country where it happened")] = None,
    text: Annotated[str | None, Query(description="full-text query over the source articles")] = None,
    include_negated: Annotated[str | None, Query(description="true to include negated events")] = None,
    limit: Annotated[str | None, Query(description="page size, 1-10000 (default 100)")] = None,
    offset: Annotated[str | None, Query(description="records to skip (paging)")] = None,
) -> EventFilter:
    """FastAPI dependency: the filter fields of the query string, validated by EventFilter."""
    given = dict(zip(FILTER_KEYS, (actor, source, target, country, cameo, root, plover, quad_class,
                                   date_from, date_to, location_country, text, include_negated,
                                   limit, offset)))
    return EventFilter.from_mapping({k: v for k, v in given.items() if v is not None})


def filter_query(flt: EventFilter, **overrides: Any) -> dict[str, str]:
    """The query-string form of a filter (non-default fields only), e.g. for paging links."""
    defaults = EventFilter()
    values: dict[str, str] = {}
    for key in FILTER_KEYS:
        value = overrides[key] if key in overrides else getattr(flt, key)
        if value is None or value == getattr(defaults, key):
            continue
        values[key] = str(value).lower() if isinstance(value, bool) else str(value)
    return values
