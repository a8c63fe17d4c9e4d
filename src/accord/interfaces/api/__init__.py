"""REST API and dashboard over a store (FastAPI; OpenAPI at /openapi.json; JSON under /v1).

A thin layer over the Python API. Hardening: every response carries a CSP without inline
script, nosniff and frame-ancestors 'none'; request bodies over `max_body_bytes` get 413; a
request running past `timeout_s` gets 504; CORS is closed unless origins are given; writing
needs the bearer token and is off without one. See docs/api.md.

    >>> from accord.interfaces.api import ApiSettings, create_app
    >>> app = create_app("accord.duckdb", ApiSettings(token="a-long-secret-token"))
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from accord.errors import AccordError, StoreError, UnknownActor
from accord.interfaces.api import (
    middleware,
    routes_actors,
    routes_analytics,
    routes_events,
    routes_meta,
    web,
)
from accord.interfaces.api.coding import CodingFailed, CodingTimeout
from accord.interfaces.api.deps import StorePool
from accord.interfaces.api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]

log = logging.getLogger("accord.api")
ERROR_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "too_large", 504: "timeout"}
ECHO_CHARS = 200  # a 422 echoes at most this much of each input value


def _existing_duckdb(db: str) -> bool:
    """A DuckDB file that exists (read-only serving needs one; a new store is created writable)."""
    from pathlib import Path

    return "://" not in db and db != ":memory:" and Path(db).exists()


def create_app(db: str = "accord.duckdb", settings: ApiSettings | None = None) -> FastAPI:
    """The API and dashboard over the store at `db` (a DuckDB file or a postgresql:// URL)."""
    settings = settings or ApiSettings.from_env()
    pool = StorePool(db, settings.pool_size, read_only=settings.token is None and _existing_duckdb(db))
    with pool.store():  # open the store now (StoreError here, not 500s later; a later writer is refused)
        pass

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(title="accord", version=_version(), lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Political event data from news: PLOVER/CAMEO events with resolved actors. "
                              "Dashboard at /events; this schema at /openapi.json.")
    app.state.pool = pool
    app.state.settings = settings
    for router in (routes_meta.router, routes_events.router, routes_actors.router, routes_analytics.router):
        app.include_router(router)
    app.include_router(__import__("accord.interfaces.api.routes_brief", fromlist=["router"]).router)  # issue 16
    app.include_router(__import__("accord.interfaces.api.routes_dashboard", fromlist=["router"]).router)  # issue 15
    app.mount("/static", web.static_files(), name="static")
    app.include_router(web.router)
    _error_handlers(app)
    return _wrap(app, settings)  # type: ignore[return-value]


def _wrap(app: FastAPI, settings: ApiSettings) -> object:
    """Middleware, outermost first: headers, host check, timeout, body limit, (CORS)."""
    if settings.cors_origins:
        from starlette.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                           allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(middleware.BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(middleware.Timeout, seconds=settings.timeout_s)
    app.add_middleware(middleware.AllowedHosts, hosts=settings.allowed_hosts)
    app.add_middleware(middleware.SecurityHeaders)
    app.add_middleware(middleware.HeadAsGet)
    return app


def _error(status: int, error: str, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": error, "detail": detail}, status_code=status, headers=headers)


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, ERROR_CODES.get(exc.status_code, "error"), str(exc.detail),
                      getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{k: _short(v) if k == "input" else v for k, v in e.items() if k != "ctx"} for e in exc.errors()]
        return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=422)

    @app.exception_handler(AccordError)
    async def accord_error(request: Request, exc: AccordError) -> JSONResponse:
        if isinstance(exc, CodingTimeout):
            return _error(504, "timeout", str(exc))
        if isinstance(exc, CodingFailed):
            log.error("coding failed on %s: %s", request.url.path, exc)
            return _error(500, "coding_failed", str(exc))
        if isinstance(exc, StoreError):
            log.error("store error on %s: %s", request.url.path, exc)
            return _error(500, "store", "the store could not answer (details in the server log)")
        return _error(404 if isinstance(exc, UnknownActor) else 400, exc.code, str(exc))

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error on %s", request.url.path)
        return _error(500, "internal", "internal error (details in the server log)")



def _short(value: object, depth: int = 0) -> object:
    """An input value as echoed in a 422: strings cut to ECHO_CHARS, containers to 20 items."""
    if isinstance(value, str):
        return value if len(value) <= ECHO_CHARS else value[:ECHO_CHARS] + f"... ({len(value)} characters)"
    if depth >= 3 and isinstance(value, dict | list):
        return "..."
    if isinstance(value, dict):
        return {str(k)[:ECHO_CHARS]: _short(v, depth + 1) for k, v in list(value.items())[:20]}
    if isinstance(value, list):
        return [_short(v, depth + 1) for v in value[:20]]
    return value


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("accord")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0"
