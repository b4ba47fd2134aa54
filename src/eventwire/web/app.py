"""Builds the FastAPI app: read-only store per thread, security headers, one error shape."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire import __version__
from eventwire.errors import EventwireError
from eventwire.store import Store, open_store

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class StorePool:
    """One read-only connection per server thread: sqlite3 connections are not shared across threads."""

    def __init__(self, db_path: str):
        self.db_path = db_path
        self._local = threading.local()
        open_store(db_path, readonly=True).close()  # fail at start-up, not on the first request

    def get(self) -> Store:
        """The calling thread's read-only store, opened on first use."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = open_store(self.db_path, readonly=True)
        return store


def get_store(request: Request) -> Store:
    """FastAPI dependency: the read-only store for this request's thread."""
    return request.app.state.stores.get()


def error_response(request: Request, status: int, message: str) -> Response:
    """Every error in one shape: JSON ``{"error": {"status", "message"}}`` for the API, a page otherwise."""
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
    from eventwire.web.pages import templates

    html = templates.get_template("error.html").render(request=request, status=status, message=message)
    return HTMLResponse(html, status_code=status)


def create_app(db_path: str) -> FastAPI:
    """The dashboard and API over the eventwire database at ``db_path``, opened read-only."""
    app = FastAPI(
        title="eventwire", version=__version__, docs_url=None, redoc_url=None,
        description="Read-only JSON API over an eventwire event database (CAMEO/PLOVER events, "
                    "their mentions and the articles they were read from).",
    )
    app.state.stores = StorePool(db_path)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        return error_response(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
            parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else err.get("msg", "invalid"))
        return error_response(request, 400, "; ".join(parts) or "invalid request")

    @app.exception_handler(EventwireError)
    async def eventwire_error(request: Request, exc: EventwireError) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(sqlite3.OperationalError)
    async def sqlite_error(request: Request, exc: sqlite3.OperationalError) -> Response:
        # The store maps most FTS5 syntax errors to FilterError; some (an unclosed quote) slip by.
        if {"text", "q"} & set(request.query_params):
            return error_response(request, 400, f"text query is not valid full-text syntax ({exc})")
        log.exception("database error on %s", request.url.path)
        return error_response(request, 500, "database error: see the server log")

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return error_response(request, 500, "internal error: see the server log")

    from eventwire.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app
