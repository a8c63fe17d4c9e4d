"""Stored data: events, stories and documents (reading), and ingesting documents (writing)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.security import HTTPAuthorizationCredentials

from accord.interfaces.api import serialize
from accord.interfaces.api.deps import bearer, blocking, check_token, clean, pool, settings
from accord.interfaces.api.filters import MAX_OFFSET, as_kwargs, event_filters, with_actor_names
from accord.interfaces.api.models import (
    DocumentPage,
    DocumentsRequest,
    DocumentsResult,
    DocumentWithEvents,
    ErrorOut,
    EventDetail,
    EventPage,
    StoryOut,
    StoryPage,
)
from accord.interfaces.api.queries import document_event_ids
from accord.store.base import EventQuery

router = APIRouter(prefix="/v1", responses={400: {"model": ErrorOut}})
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut}}


def _id(value: str, name: str) -> str:
    return clean(value, name) or ""


@router.get("/events", response_model=EventPage, tags=["events"])
async def list_events(request: Request, query: EventQuery = Depends(event_filters),
                      limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> Any:
    """Stored events matching every filter given, by (day, id)."""
    def run() -> tuple[list[Any], int]:
        with pool(request).store() as s:
            q = with_actor_names(s, query)
            return s.events(**as_kwargs(q), limit=limit, offset=offset), s.count_events(q)

    found, total = await blocking(run)
    return serialize.page("events", [e.to_dict() for e in found], limit, offset) | {"total": total}


@router.get("/events/{event_id}", response_model=EventDetail, responses=NOT_FOUND, tags=["events"])
async def get_event(request: Request, event_id: str) -> Any:
    """One event with its sentence, the offset of the sentence in the document, and the
    source, target, attribution and trigger spans inside the sentence (`highlights`)."""
    event_id = _id(event_id, "event id")

    def run() -> dict[str, Any] | None:
        with pool(request).store() as s:
            e = s.event(event_id)
            return serialize.event_detail(e, s.document(e.doc_id)) if e else None

    found = await blocking(run)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return found


@router.get("/stories", response_model=StoryPage, tags=["events"])
async def list_stories(request: Request, query: EventQuery = Depends(event_filters),
                       limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> Any:
    """Story events (one real-world event however many articles report it) with a member event
    matching the filters, by (first day, id)."""
    def run() -> tuple[list[Any], int]:
        with pool(request).store() as s:
            q = with_actor_names(s, query)
            return s.stories(q, limit=limit, offset=offset), s.count_stories(q)

    found, total = await blocking(run)
    return serialize.page("stories", [serialize.story(st) for st in found], limit, offset) | {"total": total}


@router.get("/stories/{story_id}", response_model=StoryOut, responses=NOT_FOUND, tags=["events"])
async def get_story(request: Request, story_id: str) -> Any:
    story_id = _id(story_id, "story id")

    def run() -> Any:
        with pool(request).store() as s:
            return s.story(story_id)

    found = await blocking(run)
    if found is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return serialize.story(found)


@router.get("/documents", response_model=DocumentPage, tags=["documents"])
async def list_documents(request: Request, limit: int = Query(100, ge=1, le=1000),
                         offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> Any:
    """Stored documents (without their text), by (published, id)."""
    def run() -> list[Any]:
        with pool(request).store() as s:
            return s.documents(limit=limit, offset=offset)

    docs = await blocking(run)
    return serialize.page("documents", [serialize.document_ref(d) | {"chars": len(d.text)} for d in docs],
                          limit, offset)


@router.get("/documents/{doc_id}", response_model=DocumentWithEvents, responses=NOT_FOUND, tags=["documents"])
async def get_document(request: Request, doc_id: str) -> Any:
    """A stored document with its full text and its events (offsets point into `text`)."""
    doc_id = _id(doc_id, "document id")

    def run() -> dict[str, Any] | None:
        with pool(request).store() as s:
            doc = s.document(doc_id)
            if doc is None:
                return None
            events = [s.event(i) for i in document_event_ids(s, doc_id)]
            return doc.to_dict() | {"events": [e.to_dict() for e in events if e is not None]}

    found = await blocking(run)
    if found is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return found


async def require_writer(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> None:
    check_token(request, credentials)


@router.post("/documents", response_model=DocumentsResult, dependencies=[Depends(require_writer)],
             responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 413: {"model": ErrorOut}},
             tags=["documents"])
async def post_documents(request: Request, body: DocumentsRequest) -> Any:
    """Code and store one or many documents (`Authorization: Bearer $ACCORD_API_TOKEN`).

    Documents already stored (same normalised text and URL) are reported as `duplicate`;
    documents that cannot be coded are stored as rejections and reported as `rejected`.
    """
    limit = settings(request).max_documents
    if len(body.documents) > limit:
        raise HTTPException(413, f"{len(body.documents)} documents in one request; at most {limit}")
    from accord.interfaces.api.writing import ingest

    return await blocking(ingest, pool(request), body, settings(request).timeout_s)
