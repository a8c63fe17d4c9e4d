"""REST API over a store (FastAPI, OpenAPI at /openapi.json, versioned under /v1).

A thin layer: every endpoint calls the Python API. The store is opened per request so the server
never holds a write lock between requests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from accord.errors import AccordError
from accord.events.coder import DEFAULT_MIN_CONFIDENCE
from accord.types import MODALITIES, PLOVER_TYPES

MAX_TEXT_CHARS = 200_000


class CodeRequest(BaseModel):
    text: str = Field(..., min_length=1, max_length=MAX_TEXT_CHARS, description="Article text.")
    published: dt.date | None = Field(None, description="Publication date; resolves roles and relative dates.")
    min_confidence: float = Field(DEFAULT_MIN_CONFIDENCE, ge=0, le=1)


def create_app(db: str = "accord.duckdb") -> FastAPI:
    app = FastAPI(title="accord", version="0.1.0",
                  description="Political event data from news: PLOVER/CAMEO events with resolved actors.")

    @contextmanager
    def store() -> Iterator[Any]:
        from accord.store import open_store

        s = open_store(db)
        try:
            yield s
        finally:
            s.close()

    @app.exception_handler(AccordError)
    async def accord_error(request: Request, exc: AccordError) -> JSONResponse:
        return JSONResponse(status_code=400, content={"error": exc.code, "detail": str(exc)})

    @app.get("/v1/health")
    def health() -> dict[str, Any]:
        with store() as s:
            return {"status": "ok", "store": s.backend, "counts": s.counts()}

    @app.post("/v1/code")
    def code(req: CodeRequest) -> dict[str, Any]:
        """Code a text and return its events; nothing is stored."""
        from accord.ingest.readers import document_from_text
        from accord.pipeline import code_document

        document = document_from_text(req.text, name="request", published=req.published)
        events = code_document(document, min_confidence=req.min_confidence)
        return {"document": document.to_dict(), "events": [e.to_dict() for e in events]}

    @app.get("/v1/events")
    def events(
        actor: str | None = None,
        type: str | None = Query(None, description="PLOVER type: " + ", ".join(PLOVER_TYPES)),
        modality: str | None = Query(None, description="One of " + ", ".join(MODALITIES)),
        quad_class: int | None = Query(None, ge=1, le=4),
        min_confidence: float | None = Query(None, ge=0, le=1),
        since: dt.date | None = None,
        until: dt.date | None = None,
        q: str | None = Query(None, description="Text that the sentence contains."),
        limit: int = Query(100, ge=1, le=1000),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        if type is not None and type.upper() not in PLOVER_TYPES:
            raise HTTPException(422, f"unknown type {type!r}; valid: {', '.join(PLOVER_TYPES)}")
        with store() as s:
            found = s.events(actor=actor, type=type.upper() if type else None, modality=modality,
                             quad_class=quad_class, min_confidence=min_confidence, since=since, until=until,
                             text=q, limit=limit, offset=offset)
        return {"events": [e.to_dict() for e in found], "limit": limit, "offset": offset,
                "next_offset": offset + limit if len(found) == limit else None}

    @app.get("/v1/events/{event_id}")
    def event(event_id: str) -> dict[str, Any]:
        with store() as s:
            e = s.event(event_id)
        if e is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return e.to_dict()

    return app
