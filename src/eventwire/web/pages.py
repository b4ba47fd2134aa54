"""HTML pages, rendered on the server with autoescaping Jinja2; charts fill in from /api via static JS."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from eventwire.store import EventFilter, Store, get_event
from eventwire.store.query import find_articles, get_article
from eventwire.web.api import events_page, page
from eventwire.web.app import get_store
from eventwire.web.filters import event_filter, filter_query
from eventwire.web.highlight import highlight
from eventwire.web.names import QUAD_CLASS_NAMES, describe, plover_options, root_options

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=True,  # article text is untrusted input: everything is escaped unless marked safe
    undefined=jinja2.StrictUndefined,
)
_env.globals.update(
    quad_names=QUAD_CLASS_NAMES, roots=root_options(), plovers=plover_options(),
    qs=lambda values: ("?" + urlencode(values)) if values else "",
)
templates = Jinja2Templates(env=_env)
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
StoreDep = Annotated[Store, Depends(get_store)]
FilterDep = Annotated[EventFilter, Depends(event_filter)]
MAX_TEXTS = 10  # mentions whose full article text is shown on an event page


def render(request: Request, name: str, **context: Any) -> HTMLResponse:
    """Render a page template."""
    return templates.TemplateResponse(request, name, context)


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/events", status_code=307)


@router.get("/events")
def events(request: Request, store: StoreDep, flt: FilterDep) -> HTMLResponse:
    result = events_page(store, flt)
    prev_offset = max(flt.offset - flt.limit, 0) if flt.offset else None  # type: ignore[operator]
    return render(request, "events.html", flt=flt, query=filter_query(flt), result=result, interval=None,
                  prev_query=filter_query(flt, offset=prev_offset) if prev_offset is not None else None,
                  next_query=filter_query(flt, offset=result["next_offset"]) if result["next_offset"] else None,
                  csv_query=filter_query(flt, limit=None, offset=None))


@router.get("/events/{event_id}")
def event(request: Request, store: StoreDep, event_id: int) -> HTMLResponse:
    record = get_event(store, event_id)
    if record is None:
        raise HTTPException(404, f"no event with id {event_id}")
    mentions = []
    for n, mention in enumerate(record["mentions"]):
        article = get_article(store, mention["article_id"]) if n < MAX_TEXTS else None
        body = highlight(article["text"] or "", [mention["evidence"]], [f"evidence-{n}"]) if article else None
        mentions.append({**mention, "body": body})
    return render(request, "event.html", event=describe(record), mentions=mentions)


@router.get("/articles")
def articles(request: Request, store: StoreDep, q: str | None = None,
             offset: Annotated[int, Query(ge=0)] = 0) -> HTMLResponse:
    limit = 50
    result = page(EventFilter(limit=limit, offset=offset), find_articles(store, q or None, limit + 1, offset))
    base = {"q": q} if q else {}
    return render(request, "articles.html", q=q or "", articles=result["rows"],
                  prev_query={**base, "offset": max(offset - limit, 0)} if offset else None,
                  next_query={**base, "offset": result["next_offset"]} if result["next_offset"] else None)


@router.get("/articles/{article_id}")
def article(request: Request, store: StoreDep, article_id: str) -> HTMLResponse:
    record = get_article(store, article_id)
    if record is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    events = [describe(e) for e in record["events"]]
    body = highlight(record["text"] or "", [e["evidence"] for e in events],
                     [f"evidence-{n}" for n in range(len(events))])
    return render(request, "article.html", article=record, events=events, body=body)


@router.get("/timeline")
def timeline(request: Request, flt: FilterDep,
             interval: Annotated[str, Query(pattern="^(day|week|month)$")] = "week") -> HTMLResponse:
    return render(request, "chart.html", chart="timeline", title="Timeline", flt=flt,
                  query=filter_query(flt), interval=interval)


@router.get("/network")
def network(request: Request, flt: FilterDep) -> HTMLResponse:
    return render(request, "chart.html", chart="network", title="Actor network", flt=flt,
                  query=filter_query(flt), interval=None)


@router.get("/map")
def world_map(request: Request, flt: FilterDep) -> HTMLResponse:
    return render(request, "chart.html", chart="map", title="Map", flt=flt,
                  query=filter_query(flt), interval=None)
