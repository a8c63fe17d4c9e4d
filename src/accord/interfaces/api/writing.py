"""Coding requests: code a text without storing it, or code and store documents.

One lock serialises coding: the spaCy pipeline is shared by the worker threads and the GIL
leaves nothing to gain from running two at once.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from accord.errors import InputError
from accord.ingest.readers import document_from_text
from accord.interfaces.api.models import CodeRequest, DocumentIn, DocumentsRequest
from accord.types import CodedDocument, Document, Rejection

if TYPE_CHECKING:
    from accord.interfaces.api.deps import StorePool

CODE_LOCK = threading.Lock()


def code(req: CodeRequest) -> dict[str, Any]:
    from accord.pipeline import code_document

    document = document_from_text(req.text, name="request", published=req.published)
    with CODE_LOCK:
        events = code_document(document, min_confidence=req.min_confidence)
    return {"document": document.to_dict(), "events": [e.to_dict() for e in events]}


def _read(index: int, d: DocumentIn) -> Document | Rejection:
    where = f"api:documents[{index}]"
    try:
        return document_from_text(d.text, name=where, published=d.published, title=d.title,
                                  url=d.url, source=d.source)
    except InputError as exc:
        return Rejection(d.url or where, exc.code, str(exc))


def _status(index: int, item: Document | CodedDocument | Rejection, status: str) -> dict[str, Any]:
    if isinstance(item, Rejection):
        return {"index": index, "id": item.doc_id, "status": "rejected", "events": 0,
                "reason": item.reason, "message": item.message}
    doc = item.document if isinstance(item, CodedDocument) else item
    events = len(item.events) if isinstance(item, CodedDocument) else 0
    return {"index": index, "id": doc.id, "status": status, "events": events, "reason": None, "message": None}


def ingest(pool: StorePool, req: DocumentsRequest) -> dict[str, Any]:
    """Code the new documents of `req` and write them (with any rejections) in one transaction."""
    from accord.pipeline import get_pipeline

    read = [_read(i, d) for i, d in enumerate(req.documents)]
    statuses: dict[int, dict[str, Any]] = {}
    with pool.write_lock, pool.store() as store:
        present = store.has_documents(d.id for d in read if isinstance(d, Document))
        fresh: dict[str, int] = {}
        for i, item in enumerate(read):
            if isinstance(item, Document) and (item.id in present or item.id in fresh):
                statuses[i] = _status(i, item, "duplicate")
            elif isinstance(item, Document):
                fresh[item.id] = i
        docs = [read[i] for i in fresh.values()]
        with CODE_LOCK:
            coded = list(get_pipeline(req.min_confidence).code_safely(docs))  # type: ignore[arg-type]
        for i, done in zip(fresh.values(), coded, strict=True):
            statuses[i] = _status(i, done, "written")
        rejections = [r for r in [*read, *coded] if isinstance(r, Rejection)]
        for i, item in enumerate(read):
            if isinstance(item, Rejection):
                statuses[i] = _status(i, item, "rejected")
        result = store.write([c for c in coded if isinstance(c, CodedDocument)], rejections)
    ordered = [statuses[i] for i in range(len(read))]
    return {
        "written": result.documents_written,
        "duplicates": sum(1 for s in ordered if s["status"] == "duplicate"),
        "rejected": sum(1 for s in ordered if s["status"] == "rejected"),
        "events_written": result.events_written,
        "documents": ordered,
    }
