"""Coding requests: code a text without storing it, or code and store documents.

Coding runs in the worker processes of `coding.py`, stopped at the request's deadline, so a slow
text holds neither the server's GIL nor its CPU past its 504. With ACCORD_CODE_WORKERS=0 it runs
in the server's threads instead, serialised by one lock.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any

from accord.errors import DateError, InputError, InvalidText
from accord.ingest.readers import document_from_text
from accord.interfaces.api import coding
from accord.interfaces.api.models import CodeRequest, DocumentIn, DocumentsRequest
from accord.types import CodedDocument, Document, Rejection

if TYPE_CHECKING:
    from accord.interfaces.api.deps import StorePool

CODE_LOCK = threading.Lock()


def code(req: CodeRequest, timeout: float) -> dict[str, Any]:
    workers = coding.pool()
    if workers is not None:  # text repair too runs in the worker: it holds the GIL for a while on 200 KB
        return workers.run("code_text", (req.text, req.published, req.min_confidence), timeout)
    from accord.pipeline import code_document

    document = document_from_text(req.text, name="request", published=req.published)
    with CODE_LOCK:
        found = code_document(document, min_confidence=req.min_confidence)
    return {"document": document.to_dict(), "events": [e.to_dict() for e in found]}


def code_safely(docs: list[Document], min_confidence: float, timeout: float) -> list[CodedDocument | Rejection]:
    workers = coding.pool()
    if workers is not None:
        return workers.run("code_safely", (docs, min_confidence), timeout)
    from accord.pipeline import get_pipeline

    with CODE_LOCK:
        return list(get_pipeline(min_confidence).code_safely(docs))


def _read(index: int, d: DocumentIn) -> Document | Rejection:
    where = f"api:documents[{index}]"
    try:
        return document_from_text(d.text, name=where, published=d.published, title=d.title,
                                  url=d.url, source=d.source)
    except (InputError, DateError) as exc:
        return Rejection(where if exc.code == InvalidText.code else d.url or where, exc.code, str(exc))


def _status(index: int, item: Document | CodedDocument | Rejection, status: str) -> dict[str, Any]:
    if isinstance(item, Rejection):
        return {"index": index, "id": item.doc_id, "status": "rejected", "events": 0,
                "reason": item.reason, "message": item.message}
    doc = item.document if isinstance(item, CodedDocument) else item
    events = len(item.events) if isinstance(item, CodedDocument) else 0
    return {"index": index, "id": doc.id, "status": status, "events": events, "reason": None, "message": None}


def ingest(pool: StorePool, req: DocumentsRequest, timeout: float) -> dict[str, Any]:
    """Code the new documents of `req` and write them (with any rejections) in one transaction."""
    deadline = time.monotonic() + timeout
    read = [_read(i, d) for i, d in enumerate(req.documents)]
    statuses: dict[int, dict[str, Any]] = {}
    if not pool.write_lock.acquire(timeout=timeout):
        raise coding.CodingTimeout(f"another write held the store for {timeout:g} s")
    try:
        return _ingest(pool, read, statuses, req.min_confidence, deadline)
    finally:
        pool.write_lock.release()


def _ingest(pool: StorePool, read: list[Document | Rejection], statuses: dict[int, dict[str, Any]],
            min_confidence: float, deadline: float) -> dict[str, Any]:
    with pool.store() as store:
        present = store.has_documents(d.id for d in read if isinstance(d, Document))
        fresh: dict[str, int] = {}
        for i, item in enumerate(read):
            if isinstance(item, Document) and (item.id in present or item.id in fresh):
                statuses[i] = _status(i, item, "duplicate")
            elif isinstance(item, Document):
                fresh[item.id] = i
        docs = [read[i] for i in fresh.values()]
        coded = code_safely(docs, min_confidence, max(0.0, deadline - time.monotonic()))  # type: ignore[arg-type]
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
